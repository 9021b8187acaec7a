"""Planning partitions and reading rows: JSONL, CSV (quoted newlines) and Parquet, with line numbers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from krapte.errors import InputError
from krapte.pipeline.inputs import expand_inputs, plan_partitions, read_partition
from krapte.pipeline.outputs import remove_stale, write_table


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "title", "text"])
        writer.writeheader()
        writer.writerows(rows)


def test_jsonl_partitions_cover_every_line_once(tmp_path: Path) -> None:
    path = tmp_path / "v.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": f"tekst {i}"}) + "\n" for i in range(10)) + "{kapot\n")
    specs = plan_partitions([path], rows=4)
    assert len(specs) == 3
    rows = [row for spec in specs for row in read_partition(spec)]
    assert [r.line for r in rows] == list(range(1, 12))
    assert [r.values["id"] for r in rows[:10]] == [str(i) for i in range(10)]  # type: ignore[index]
    assert rows[-1].values is None and rows[-1].problem and "invalid JSON" in rows[-1].problem


def test_csv_partitions_respect_quoted_newlines_and_count_lines(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    write_csv(path, [{"id": str(i), "title": "Monteur", "text": f"regel een {i}\nregel twee"} for i in range(5)])
    specs = plan_partitions([path], rows=2)
    assert len(specs) == 3
    rows = [row for spec in specs for row in read_partition(spec)]
    assert [r.values["text"] for r in rows] == [f"regel een {i}\nregel twee" for i in range(5)]  # type: ignore[index]
    assert [r.line for r in rows] == [2, 4, 6, 8, 10]  # each record spans two lines after the header


def test_csv_without_a_text_column_is_refused_before_anything_runs(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("id,omschrijving\n1,monteur\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'text'"):
        plan_partitions([path])


def test_parquet_partitions_follow_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "v.parquet"
    frame = pd.DataFrame({"id": [f"p{i}" for i in range(9)], "text": ["monteur"] * 9})
    frame.to_parquet(path, row_group_size=3)
    specs = plan_partitions([path], rows=5)
    assert [(s.start, s.stop) for s in specs] == [(0, 2), (2, 3)]
    assert [r.values["id"] for s in specs for r in read_partition(s)] == list(frame["id"])  # type: ignore[index]


def test_partition_ids_are_stable_and_change_with_content_or_options(tmp_path: Path) -> None:
    path = tmp_path / "v.jsonl"
    path.write_text('{"id": "1", "text": "monteur"}\n')
    first = plan_partitions([path], salt="a")[0].id
    assert plan_partitions([path], salt="a")[0].id == first
    assert plan_partitions([path], salt="b")[0].id != first
    path.write_text('{"id": "1", "text": "elektricien"}\n')
    assert plan_partitions([path], salt="a")[0].id != first


def test_inputs_by_directory_glob_and_their_errors(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("{}\n")
    (tmp_path / "b.csv").write_text("id,text\n")
    (tmp_path / "notes.txt").write_text("x")
    assert [p.name for p in expand_inputs(str(tmp_path))] == ["a.jsonl", "b.csv"]
    assert [p.name for p in expand_inputs(str(tmp_path / "*.csv"))] == ["b.csv"]
    with pytest.raises(InputError, match=r"unsupported input type '\.txt'"):
        expand_inputs(str(tmp_path / "notes.txt"))
    with pytest.raises(InputError, match="not found"):
        expand_inputs(str(tmp_path / "missing.jsonl"))
    with pytest.raises(InputError, match="no input files match"):
        expand_inputs(str(tmp_path / "*.parquet"))


def test_stale_partitions_and_temporary_files_are_removed(tmp_path: Path) -> None:
    write_table(tmp_path, "quarantine", "old-0001", [])
    write_table(tmp_path, "quarantine", "new-0001", [])
    (tmp_path / "quarantine" / ".part-new-0001.parquet.tmp-1234").write_bytes(b"half")
    assert remove_stale(tmp_path, {"new-0001"}) == 1
    assert [p.name for p in (tmp_path / "quarantine").iterdir()] == ["part-new-0001.parquet"]


def test_cli_names_a_bad_input_before_starting_a_cluster(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from krapte.cli import main

    (tmp_path / "v.csv").write_text("id,omschrijving\n1,monteur\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["pipeline", "extract", "--input", str(tmp_path / "v.csv"), "--output", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "no column 'text'" in result.output and "v.csv" in result.output
    assert not (tmp_path / "out").exists()
