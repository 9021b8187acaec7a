"""Quarters as integers: ``2027Q1`` is ``2027 * 4 + 0``; arithmetic is plain integer arithmetic."""

from __future__ import annotations

import re

from krapte.errors import ValidationError

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Qq]\s*([1-4])\s*$")


def parse_quarter(text: str | int) -> int:
    """``"2027Q1"`` (also ``2027-Q1``, ``2027 q1``) -> quarter index; an int is returned unchanged."""
    if isinstance(text, int):
        return text
    match = _QUARTER.match(str(text))
    if not match:
        raise ValidationError(f"quarter {text!r} is not of the form YYYYQn", hint="write quarters like 2027Q1")
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def format_quarter(index: int) -> str:
    """Quarter index -> ``"2027Q1"``."""
    return f"{index // 4}Q{index % 4 + 1}"


def quarter_year(index: int) -> int:
    return index // 4


def quarter_range(first: int, last: int) -> list[str]:
    """Labels of the quarters ``first..last`` inclusive."""
    return [format_quarter(q) for q in range(first, last + 1)]
