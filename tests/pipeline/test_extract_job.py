"""``krapte pipeline extract`` on a real Dask LocalCluster (2 workers): output, quarantine, resume, idempotence.

The input is a few dozen short Dutch vacancy texts written for the test, in JSONL, CSV and Parquet, with bad
rows mixed in. The embedding stage is off (``--lexical-only``) to keep the test small.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from krapte.cli import main
from krapte.extract.skills import SkillExtractor
from krapte.pipeline import JobOptions, run_extract_pipeline
from krapte.taxonomy import default_taxonomy

pytestmark = pytest.mark.slow

SENTENCES = [
    "Als monteur installeer je warmtepompen bij particulieren.",
    "Je monteert zonnepanelen en sluit omvormers aan.",
    "Je zoekt storingen in elektrische installaties en verhelpt ze.",
    "Je onderhoudt cv-ketels en warmtepompen.",
    "Je programmeert in Python en beheert databases.",
    "Je legt kabels aan en test de installatie volgens NEN 1010.",
]
REQUIREMENTS = ["Rijbewijs B en VCA basis.", "MBO niveau 3 elektrotechniek, 32-40 uur.", "Nederlands B1."]


def vacancy(i: int) -> str:
    return f"{SENTENCES[i % 6]} {SENTENCES[(i + 2) % 6]}\n{REQUIREMENTS[i % 3]}"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("vacatures")
    lines = [json.dumps({"id": f"j{i}", "title": "Monteur", "text": vacancy(i)}) for i in range(20)]
    lines[5] = "{dit is geen json"
    lines[7] = json.dumps({"text": "zonder id"})
    lines[9] = json.dumps({"id": "j9", "text": ""})
    lines[11] = json.dumps({"id": "j10", "text": "dubbel id"})
    lines[13] = json.dumps({"id": "j13", "text": 42})
    lines.append(json.dumps({"id": "html1", "text": "<p>Je installeert <b>warmtepompen</b>.</p><ul><li>VCA</li></ul>"}))
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pd.DataFrame({"id": [f"c{i}" for i in range(8)], "text": [vacancy(i) for i in range(8)]}).to_csv(
        folder / "b.csv", index=False
    )
    pd.DataFrame({"id": [f"p{i}" for i in range(6)], "text": [vacancy(i + 1) for i in range(6)]}).to_parquet(
        folder / "c.parquet", row_group_size=3
    )
    return folder


@pytest.fixture(scope="module")
def cluster_client() -> Iterator[Any]:
    """One local cluster for the module: 2 worker processes that keep their extractor between runs."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def first_run(inputs: Path, tmp_path_factory: pytest.TempPathFactory, cluster_client: Any) -> tuple[Path, Any]:
    output = tmp_path_factory.mktemp("out")
    options = JobOptions(embeddings=False)
    report = run_extract_pipeline(str(inputs), output, partition_rows=8, options=options, client=cluster_client)
    return output, report


def table(output: Path, name: str) -> pd.DataFrame:
    frame = pd.read_parquet(output / name)
    keys = ["doc_id", "uri"] if "uri" in frame.columns else ["doc_id"]
    return frame.sort_values(keys).reset_index(drop=True)


def test_every_good_row_is_extracted_and_bad_rows_are_quarantined(first_run: tuple[Path, Any]) -> None:
    output, report = first_run
    assert report.documents == 21 - 5 + 8 + 6
    assert report.quarantined == 5
    quarantine = [json.loads(line) for line in (output / "quarantine.jsonl").read_text().splitlines()]
    reasons = {q["line"]: q["reason"] for q in quarantine}
    assert "invalid JSON" in reasons[6]
    assert reasons[8] == "missing id"
    assert "no text" in reasons[10] or "empty" in reasons[10]
    assert reasons[12].startswith("duplicate id (first seen on line 11)")
    assert reasons[14] == "text is a int"
    assert all(q["source"].endswith("a.jsonl") for q in quarantine)


def test_one_row_per_document_skill_with_evidence_in_the_text(first_run: tuple[Path, Any], inputs: Path) -> None:
    output, _ = first_run
    skills = table(output, "skills")
    documents = table(output, "documents").set_index("doc_id")
    assert not skills.duplicated(["doc_id", "uri"]).any()
    assert set(skills["doc_id"]) <= set(documents.index)
    texts = {f"c{i}": vacancy(i) for i in range(8)}
    for row in skills[skills["doc_id"].isin(list(texts))].itertuples():
        for evidence in row.evidence:
            assert texts[row.doc_id][evidence["start"] : evidence["end"]] == evidence["text"]
    html = documents.loc["html1"]
    assert html["plain_text"].startswith("Je installeert warmtepompen.")
    # a document's status says whether the skill engine found anything in it: the same engine in this process agrees
    engine = SkillExtractor(default_taxonomy(), use_embeddings=False)
    for doc_id, text in texts.items():
        expected = "ok" if engine.extract(text, "nl").skills else "no_skills"
        assert documents.loc[doc_id, "status"] == expected, doc_id
    assert set(documents["status"]) <= {"ok", "no_skills"}
    assert (documents["status"] == "ok").sum() >= 0.75 * len(documents)
    assert set(documents["language"]) == {"nl"}


def test_requirements_per_document(first_run: tuple[Path, Any]) -> None:
    output, _ = first_run
    requirements = table(output, "requirements").set_index("doc_id")
    assert list(requirements.loc["c0", "driving_licences"]) == ["B"]
    assert requirements.loc["c1", "nlqf"] == 3 and requirements.loc["c1", "hours_min"] == 32
    assert list(requirements.loc["c2", "languages"]) == ["nl:B1"]
    assert json.loads(requirements.loc["c0", "detail"])["certificates"][0]["id"] == "vca"


def test_a_second_run_skips_everything_and_changes_nothing(first_run: tuple[Path, Any], inputs: Path) -> None:
    output, report = first_run
    before = {name: table(output, name) for name in ("skills", "requirements", "documents")}
    result = CliRunner().invoke(
        main,
        ["pipeline", "extract", "--input", str(inputs), "--output", str(output), "--partition-rows", "8",
         "--lexical-only"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sum("skipped (already done)" in line for line in result.output.splitlines()) == report.partitions
    success = json.loads((output / "_SUCCESS.json").read_text())
    assert success["skipped"] == report.partitions
    assert (success["documents"], success["quarantined"]) == (report.documents, report.quarantined)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(table(output, name), frame)


def test_an_interrupted_run_resumes_only_the_unfinished_partition(
    first_run: tuple[Path, Any], inputs: Path, cluster_client: Any
) -> None:
    output, report = first_run
    before = table(output, "skills")
    markers = sorted((output / "_done").iterdir())
    victim = markers[1].stem
    markers[1].unlink()  # the partition's worker died before it finished
    (output / "skills" / f".part-{victim}.parquet.tmp-dead").write_bytes(b"half a file")
    seen: list[tuple[str, bool]] = []
    again = run_extract_pipeline(
        str(inputs),
        output,
        partition_rows=8,
        options=JobOptions(embeddings=False),
        client=cluster_client,
        progress=lambda stats, done, total: seen.append((stats.partition, stats.skipped)),
    )
    assert again.skipped == report.partitions - 1
    assert [p for p, skipped in seen if not skipped] == [victim]
    assert not list((output / "skills").glob(".*"))
    pd.testing.assert_frame_equal(table(output, "skills"), before)
    assert again.documents == report.documents


def test_occupations_are_ranked_only_when_asked_for(
    first_run: tuple[Path, Any], inputs: Path, tmp_path: Path, cluster_client: Any
) -> None:
    output, report = first_run
    assert table(output, "occupations").empty  # the default run does not rank occupations (nor titles)
    assert report.worker_peak_rss_mb and all(mb > 50 for mb in report.worker_peak_rss_mb.values())
    options = JobOptions(embeddings=False, occupations=True)
    run_extract_pipeline(str(inputs), tmp_path, partition_rows=8, options=options, client=cluster_client)
    occupations = table(tmp_path, "occupations")
    documents = table(tmp_path, "documents")
    assert set(occupations["doc_id"]) <= set(documents["doc_id"])
    first = occupations[occupations["doc_id"] == "j0"].sort_values("rank")
    assert list(first["rank"]) == list(range(1, len(first) + 1)) and len(first) <= 10
    # the vacancy's title reaches the ranking (which occupation comes first is the ranking's business: here the
    # skills' "technicus koel-, lucht- en verwarmingstechniek")
    assert any("title: Monteur" in reason for reasons in first["reasons"] for reason in reasons)


def test_without_a_client_a_local_cluster_of_forked_workers_runs_the_job(inputs: Path, tmp_path: Path) -> None:
    # The lexical stage forks the workers from this process, which has built the extractor already.
    report = run_extract_pipeline(
        str(inputs / "b.csv"), tmp_path, workers=1, partition_rows=4, options=JobOptions(embeddings=False)
    )
    assert (report.partitions, report.documents, report.quarantined) == (2, 8, 0)
    assert report.scheduler == "LocalCluster(1 workers)"
    assert len(report.worker_peak_rss_mb) == 1
    assert set(table(tmp_path, "documents")["doc_id"]) == {f"c{i}" for i in range(8)}
