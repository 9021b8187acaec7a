"""The pipeline's output folder: Parquet tables written one partition at a time, atomically.

Layout of ``OUTPUT/`` (each table is a folder of ``part-<partition>.parquet`` files; read a table whole with
``pandas.read_parquet(OUTPUT / "skills")``)::

    skills/          one row per document-skill: doc_id, uri, labels, confidence, flags, evidence spans
    requirements/    one row per document: certificates, driving licences, education, hours, languages
    documents/       one row per document: language, status, counts, title, plain text when it was HTML
    occupations/     one row per document-occupation (top 10), only when occupations were asked for
    quarantine/      one row per rejected input row: source file, line, doc_id, reason
    _done/           <partition>.json, written last: a partition with a marker is finished and skipped on resume
    quarantine.jsonl every quarantined row of the run, merged at the end
    _SUCCESS.json    what the run did (counts, timing, options)

Every file is first written under a temporary name in the same folder and then renamed, so a crash leaves
either the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

EVIDENCE = pa.list_(
    pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()), ("method", pa.string())])
)
SCHEMAS: dict[str, pa.Schema] = {
    "skills": pa.schema(
        [
            ("doc_id", pa.string()),
            ("uri", pa.string()),
            ("label_nl", pa.string()),
            ("label_en", pa.string()),
            ("confidence", pa.float32()),
            ("is_green", pa.bool_()),
            ("is_digital", pa.bool_()),
            ("evidence", EVIDENCE),
        ]
    ),
    "requirements": pa.schema(
        [
            ("doc_id", pa.string()),
            ("certificates", pa.list_(pa.string())),
            ("driving_licences", pa.list_(pa.string())),
            ("education_level", pa.string()),
            ("mbo_level", pa.int8()),
            ("nlqf", pa.int8()),
            ("hours_min", pa.float32()),
            ("hours_max", pa.float32()),
            ("part_time", pa.bool_()),
            ("languages", pa.list_(pa.string())),
            ("detail", pa.string()),  # the full Requirements.to_dict() with evidence, as JSON
        ]
    ),
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("source", pa.string()),
            ("line", pa.int64()),
            ("title", pa.string()),
            ("language", pa.string()),
            ("status", pa.string()),  # "ok" | "no_skills"
            ("n_skills", pa.int32()),
            ("n_chars", pa.int32()),
            ("warnings", pa.list_(pa.string())),
            ("plain_text", pa.string()),  # the text the offsets refer to, when it differs from the input (HTML)
        ]
    ),
    "occupations": pa.schema(  # filled only with JobOptions(occupations=True) (``--occupations``)
        [
            ("doc_id", pa.string()),
            ("rank", pa.int16()),
            ("uri", pa.string()),
            ("label", pa.string()),
            ("score", pa.float32()),
            ("reasons", pa.list_(pa.string())),
        ]
    ),
    "quarantine": pa.schema(
        [("source", pa.string()), ("line", pa.int64()), ("doc_id", pa.string()), ("reason", pa.string())]
    ),
}
TABLES = tuple(SCHEMAS)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_table(output: Path, table: str, partition_id: str, rows: list[dict[str, Any]]) -> Path:
    """Write one partition of ``table`` atomically (also when empty, so the partition's absence means 'not done')."""
    path = output / table / f"part-{partition_id}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), tmp, compression="zstd")
    os.replace(tmp, path)
    return path


def done_marker(output: Path, partition_id: str) -> Path:
    return output / "_done" / f"{partition_id}.json"


def mark_done(output: Path, partition_id: str, stats: dict[str, Any]) -> None:
    atomic_write_bytes(done_marker(output, partition_id), json.dumps(stats, sort_keys=True).encode())


def finished(output: Path, partition_id: str) -> dict[str, Any] | None:
    """The stats of a finished partition, or ``None`` when it must (still) run."""
    marker = done_marker(output, partition_id)
    if not marker.exists():
        return None
    try:
        stats: dict[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    if all((output / table / f"part-{partition_id}.parquet").exists() for table in TABLES):
        return stats
    return None


def remove_stale(output: Path, keep: set[str]) -> int:
    """Delete partitions of earlier runs whose input or options changed, and leftover temporary files."""
    removed = 0
    for folder in [output / t for t in TABLES] + [output / "_done"]:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            name = path.name
            if name.startswith("."):
                path.unlink(missing_ok=True)
                continue
            partition = name.removeprefix("part-").removesuffix(".parquet").removesuffix(".json")
            if partition not in keep:
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def merge_quarantine(output: Path) -> int:
    """Write ``quarantine.jsonl`` from the per-partition quarantine files; returns the number of rows."""
    folder = output / "quarantine"
    lines: list[str] = []
    for path in sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []:
        for row in pq.read_table(path).to_pylist():
            lines.append(json.dumps(row, ensure_ascii=False))
    atomic_write_bytes(output / "quarantine.jsonl", ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"))
    return len(lines)
