"""Format readers: bytes of one file in, plain text (plus title and structured fields) out.

Each module handles one format and returns a :class:`Extracted`; :mod:`krapte.extract.documents` detects the
format from the content (magic bytes first, the file name only as a tie-breaker) and dispatches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Extracted:
    """What a reader found in one file, before normalisation."""

    text: str
    title: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None
