"""Resolve an occupation given as an ESCO URI, a UUID, or a Dutch or English label (``krapte pathways --from``)."""

from __future__ import annotations

from krapte.errors import NotFoundError
from krapte.taxonomy.model import Occupation, Taxonomy

__all__ = ["resolve_occupation"]


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def resolve_occupation(taxonomy: Taxonomy, text: str, *, lang: str = "nl") -> Occupation:
    """URI or UUID first; then an exact preferred or alternative label (nl, en; case-insensitive); then the
    taxonomy's lexical job-title ranking (best hit). Raises NotFoundError when nothing matches."""
    key = text.strip()
    if not key:
        raise NotFoundError("no occupation given", hint="give an ESCO URI, a UUID or a Dutch or English label")
    try:
        return taxonomy.occupation(key)
    except NotFoundError:
        pass
    folded = _fold(key)
    for langs in ((lang,), ("nl", "en")):
        for occ in taxonomy.occupations.values():
            for lg in langs:
                if occ.labels.get(lg) and _fold(occ.labels[lg]) == folded:
                    return occ
        for occ in taxonomy.occupations.values():
            for lg in langs:
                if any(_fold(a) == folded for a in occ.alt_labels(lg)):
                    return occ
    from krapte.taxonomy.search import rank_occupations

    hits = rank_occupations(taxonomy, [key], lang=lang, top=1, use_embedding=False)[0]
    if not hits:
        raise NotFoundError(f"no ESCO occupation matches {text!r}", hint="try 'krapte taxonomy search'")
    return taxonomy.occupations[hits[0].uri]
