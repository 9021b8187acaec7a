"""What every importer returns, and the small parsing helpers they share."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from krapte.errors import DataImportError, ImportReport, Problem
from krapte.limits import LimitExceeded, current_limits
from krapte.monitor.indicators import Indicator, Observation

MISSING = {"", ".", "..", "x", "-", "?", "NA", "nan"}


@dataclass
class ParsedPanel:
    """Indicators and observations read from one source, plus what was counted or skipped on the way."""

    indicators: list[Indicator] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)

    def merge(self, other: ParsedPanel) -> ParsedPanel:
        known = {i.id for i in self.indicators}
        self.indicators.extend(i for i in other.indicators if i.id not in known)
        self.observations.extend(other.observations)
        for kind, n in other.report.counts.items():
            self.report.add(kind, n)
        self.report.problems.extend(other.report.problems)
        return self


def parse_number(raw: str) -> float | None:
    """A number as statistics offices write it; None for CBS/DUO missing-value symbols.

    Accepts ``1234.5``, ``1234,5`` and ``1.234`` only where unambiguous: a comma is a decimal separator
    when there is no dot; thousands separators are not guessed.
    """
    text = raw.strip().strip('"').strip()
    if text in MISSING:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return float(text)


def read_text(path: Path) -> str:
    """File contents as text: UTF-8 (with or without BOM), falling back to Windows-1252 as DUO/UWV use."""
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise DataImportError(
            "the file holds binary data, not CSV text", file=path.name, hint="export the table as CSV and import that"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DataImportError(
                f"the file is neither UTF-8 nor Windows-1252 text (byte {exc.start})",
                file=path.name,
                hint="save it as UTF-8 CSV",
            ) from None


def read_csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and ``(line number, row)`` pairs; the delimiter (``;``, ``,`` or tab) is sniffed from the header.

    At most ``max_rows`` data rows (:mod:`krapte.limits`) are read; more is refused before any is used.
    """
    text = read_text(path)
    first = text.splitlines()[0] if text.strip() else ""
    if not first:
        raise DataImportError("the file is empty", file=str(path), line=1)
    delimiter = max([";", ",", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    max_rows = current_limits().max_rows
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = [h.strip().strip('"').strip() for h in next(reader)]
        for line_no, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise DataImportError(
                    f"row has {len(values)} fields, the header has {len(header)}",
                    file=str(path),
                    line=line_no,
                    hint="check for an unquoted delimiter or a truncated line",
                )
            if len(rows) >= max_rows:
                raise LimitExceeded("max_rows", max_rows, what=f"the number of rows in {path.name}")
            rows.append((line_no, {h: v.strip() for h, v in zip(header, values, strict=True)}))
    except csv.Error as exc:
        raise DataImportError(f"the file is not readable CSV ({exc})", file=path.name, line=reader.line_num) from None
    return header, rows


def fail_on(problems: list[Problem], path: Path | str, what: str) -> None:
    """Raise one DataImportError listing every problem (the first one located), if there are any."""
    if not problems:
        return
    first = problems[0]
    raise DataImportError(
        f"{what}: {len(problems)} problem(s); first: {first.message}",
        file=str(path),
        line=first.line,
        column=first.column,
        value=first.value,
        problems=problems,
        hint="nothing was imported; fix the file and import again",
    )
