"""The lexical stage's matcher; it lives in :mod:`krapte.text.matcher`, shared with search (names kept here)."""

from krapte.text.matcher import (
    COMPOUND,
    EXACT,
    MIN_COMPOUND_PART,
    MIN_REST,
    VARIANT,
    Entry,
    Gazetteer,
    Hit,
    longest_hits,
    normalise,
    normalise_label,
)

__all__ = [
    "COMPOUND",
    "EXACT",
    "MIN_COMPOUND_PART",
    "MIN_REST",
    "VARIANT",
    "Entry",
    "Gazetteer",
    "Hit",
    "longest_hits",
    "normalise",
    "normalise_label",
]
