"""Vacancy files for the batch pipeline: find them, cut them into partitions, read one partition's rows.

Inputs are JSON Lines (one object per line), CSV (header row) or Parquet, each with the columns ``id`` and
``text`` and optionally ``title``. The driver only *plans*: it scans each file once for partition boundaries
(byte ranges for JSONL and CSV, row groups for Parquet) so that a worker reads its own slice straight from the
file; rows never travel through the scheduler. A partition's id is derived from the file's content hash and
the options, so a rerun over unchanged input finds the same partitions (resume), and changed input gets new ones.
"""

from __future__ import annotations

import codecs
import csv
import glob
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krapte.errors import InputError

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet"}
REQUIRED_COLUMNS = ("id", "text")
DEFAULT_PARTITION_ROWS = 1000  # ~5-10 s of work per task: even load over workers, little per-task overhead
csv.field_size_limit(64 * 1024 * 1024)


@dataclass(frozen=True)
class PartitionSpec:
    """One slice of one input file: enough for a worker to read it on its own."""

    id: str
    path: str
    kind: str  # "jsonl" | "csv" | "parquet"
    start: int  # byte offset (jsonl, csv) or first row group (parquet)
    stop: int  # byte offset (exclusive) or last row group (exclusive)
    first_line: int  # line number of the first row (jsonl, csv); row number (parquet)
    header: tuple[str, ...] = ()  # csv column names


@dataclass(frozen=True)
class Row:
    """One input row as read, before validation; ``line`` is the file line (JSONL/CSV) or row number (Parquet)."""

    line: int
    values: dict[str, Any] | None
    problem: str | None = None


def expand_inputs(pattern: str | Path | list[str]) -> list[Path]:
    """Files named by a path, a directory (its supported files) or a glob; sorted, so a run is reproducible."""
    patterns = pattern if isinstance(pattern, list) else [str(pattern)]
    found: list[Path] = []
    for item in patterns:
        path = Path(item)
        if path.is_dir():
            found.extend(p for p in sorted(path.iterdir()) if p.suffix.lower() in SUFFIXES and p.is_file())
        elif any(ch in item for ch in "*?["):
            found.extend(Path(p) for p in sorted(glob.glob(item, recursive=True)) if Path(p).is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(
                "input not found", file=item, hint="give a file, a directory or a glob like 'data/*.jsonl'"
            )
    if not found:
        raise InputError("no input files match", file=", ".join(patterns), hint="check the path or glob")
    for path in found:
        if path.suffix.lower() not in SUFFIXES:
            raise InputError(
                f"unsupported input type {path.suffix or '(none)'!r}",
                file=str(path),
                hint="use JSON Lines (.jsonl), CSV (.csv) or Parquet (.parquet) with columns id, text[, title]",
            )
    return sorted(dict.fromkeys(p.resolve() for p in found))


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def plan_partitions(paths: list[Path], *, rows: int = DEFAULT_PARTITION_ROWS, salt: str = "") -> list[PartitionSpec]:
    """Partitions of about ``rows`` rows each over all files; ``salt`` (the job options) enters every id."""
    specs: list[PartitionSpec] = []
    for path in paths:
        kind = SUFFIXES[path.suffix.lower()]
        fingerprint = hashlib.sha256(f"{file_digest(path)}|{rows}|{salt}".encode()).hexdigest()[:12]
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in path.stem)[:40]
        if kind == "jsonl":
            ranges = _line_ranges(path, rows)
            header: tuple[str, ...] = ()
        elif kind == "csv":
            header, ranges = _csv_ranges(path, rows)
        else:
            ranges = _parquet_ranges(path, rows)
            header = ()
        for index, (start, stop, first_line) in enumerate(ranges):
            specs.append(
                PartitionSpec(f"{stem}-{fingerprint}-{index:05d}", str(path), kind, start, stop, first_line, header)
            )
    return specs


def _line_ranges(path: Path, rows: int) -> list[tuple[int, int, int]]:
    ranges: list[tuple[int, int, int]] = []
    start, count, line, first_line = 0, 0, 0, 1
    position = 0
    with path.open("rb") as handle:
        for raw in handle:
            line += 1
            position += len(raw)
            if raw.strip():
                count += 1
            if count >= rows:
                ranges.append((start, position, first_line))
                start, count, first_line = position, 0, line + 1
    if position > start:
        ranges.append((start, position, first_line))
    return ranges


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_ranges(path: Path, rows: int) -> tuple[tuple[str, ...], list[tuple[int, int, int]]]:
    """Record boundaries of a CSV file (quoted fields may span lines), every ``rows`` records."""
    position = 0
    lines_read = 0

    def lines(handle: io.BufferedReader) -> Iterator[str]:
        nonlocal position, lines_read
        for raw in handle:
            position += len(raw)
            lines_read += 1
            yield _decode_line(raw)

    with path.open("rb") as handle:
        bom = handle.read(3)
        if bom != codecs.BOM_UTF8:
            handle.seek(0)
        else:
            position = 3
        reader = csv.reader(lines(handle))
        try:
            header = tuple(h.strip() for h in next(reader))
        except StopIteration:
            raise InputError(
                "the CSV file is empty", file=str(path), hint="give a header row: id,text[,title]"
            ) from None
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise InputError(
                f"the CSV header has no column {missing[0]!r} (found: {', '.join(header)})",
                file=str(path),
                line=1,
                hint="name the columns id, text and optionally title",
            )
        ranges: list[tuple[int, int, int]] = []
        start, count, first_line = position, 0, lines_read + 1
        for _ in reader:
            count += 1
            if count >= rows:
                ranges.append((start, position, first_line))
                start, count, first_line = position, 0, lines_read + 1
        if count:
            ranges.append((start, position, first_line))
    return header, ranges


def _parquet_ranges(path: Path, rows: int) -> list[tuple[int, int, int]]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
        names = set(pq.read_schema(path).names)
    except Exception as exc:
        raise InputError(f"not a readable Parquet file ({exc})", file=str(path)) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise InputError(
            f"the Parquet file has no column {missing[0]!r} (found: {', '.join(sorted(names))})",
            file=str(path),
            hint="name the columns id, text and optionally title",
        )
    ranges: list[tuple[int, int, int]] = []
    start, count, first_row, row = 0, 0, 1, 0
    for group in range(meta.num_row_groups):
        count += meta.row_group(group).num_rows
        row += meta.row_group(group).num_rows
        if count >= rows:
            ranges.append((start, group + 1, first_row))
            start, count, first_row = group + 1, 0, row + 1
    if start < meta.num_row_groups:
        ranges.append((start, meta.num_row_groups, first_row))
    return ranges


def read_partition(spec: PartitionSpec) -> Iterator[Row]:
    """The rows of one partition; unreadable rows come back with a ``problem`` instead of values."""
    if spec.kind == "parquet":
        yield from _read_parquet(spec)
        return
    with open(spec.path, "rb") as handle:
        handle.seek(spec.start)
        data = handle.read(spec.stop - spec.start)
    if spec.kind == "jsonl":
        yield from _read_jsonl(data, spec.first_line)
    else:
        yield from _read_csv(data, spec)


def _read_jsonl(data: bytes, first_line: int) -> Iterator[Row]:
    for offset, raw in enumerate(data.split(b"\n")):
        line = first_line + offset
        if not raw.strip():
            continue
        try:
            value = json.loads(_decode_line(raw))
        except json.JSONDecodeError as exc:
            yield Row(line, None, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(value, dict):
            yield Row(line, None, f"expected a JSON object with id and text, got {type(value).__name__}")
            continue
        yield Row(line, value)


def _read_csv(data: bytes, spec: PartitionSpec) -> Iterator[Row]:
    text = "".join(_decode_line(raw) for raw in data.splitlines(keepends=True))
    reader = csv.reader(io.StringIO(text, newline=""))
    line = spec.first_line
    for record in reader:
        if not any(cell.strip() for cell in record):
            line = spec.first_line + reader.line_num
            continue
        if len(record) != len(spec.header):
            yield Row(line, None, f"expected {len(spec.header)} columns, found {len(record)}")
        else:
            yield Row(line, dict(zip(spec.header, record, strict=True)))
        line = spec.first_line + reader.line_num


def _read_parquet(spec: PartitionSpec) -> Iterator[Row]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(spec.path)
    columns = [c for c in ("id", "text", "title") if c in handle.schema_arrow.names]
    table = handle.read_row_groups(list(range(spec.start, spec.stop)), columns=columns)
    for offset, values in enumerate(table.to_pylist()):
        yield Row(spec.first_line + offset, values)
