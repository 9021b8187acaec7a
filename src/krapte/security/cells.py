"""Neutralise spreadsheet formulas in exported cells (CSV and Excel), as OWASP recommends.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel and LibreOffice (``=HYPERLINK(...)``, ``@SUM(...)``, DDE). Such a cell gets a leading apostrophe, which
spreadsheets show as text and hide. Numbers (``int``/``float``) are written unchanged. Every exporter writes
through :func:`neutralise` (one cell), :func:`neutralise_row` or :func:`csv_text` (a whole table).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["FORMULA_PREFIXES", "csv_text", "neutralise", "neutralise_row"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: neutralise(value) for key, value in row.items()}


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, header: bool = True) -> str:
    """A CSV table of ``rows`` in the order of ``columns``, every cell (and the header) neutralised.

    Lines end in CRLF (RFC 4180), so that a cell holding a bare carriage return is quoted, not split.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise(row.get(c, "")) for c in columns])
    return buffer.getvalue()
