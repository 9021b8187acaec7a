"""ESCO skills by their English preferred label: how the Dutch evaluation sets are annotated and resolved.

The annotated sets (``nl_sentences_*.py``, ``nl_passages_source.py``) name skills by the exact English preferred
label of ESCO v1.2.0; the build scripts resolve each to its one URI and refuse a label that matches none or several.
"""

from __future__ import annotations

from krapte.taxonomy import Taxonomy, default_taxonomy


def skills_by_english_label(tax: Taxonomy | None = None) -> dict[str, list[str]]:
    """English preferred label → the URIs of the skills that carry it (usually one)."""
    by_label: dict[str, list[str]] = {}
    for uri, skill in (tax or default_taxonomy()).skills.items():
        label = skill.labels.get("en")
        if label:
            by_label.setdefault(label, []).append(uri)
    return by_label


class LabelResolver:
    """Resolves annotated labels to ``{"uri", "label_en"}``, collecting every label that is not exactly one skill."""

    def __init__(self, tax: Taxonomy | None = None) -> None:
        self.by_label = skills_by_english_label(tax)
        self.problems: list[str] = []

    def resolve(self, labels: list[str], item_id: str) -> list[dict[str, str]]:
        out = []
        for label in labels:
            uris = self.by_label.get(label, [])
            if len(uris) != 1:
                self.problems.append(f"{item_id}: {label!r} matches {len(uris)} skills")
                continue
            out.append({"uri": uris[0], "label_en": label})
        return out
