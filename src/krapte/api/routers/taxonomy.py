"""``/api/v1/occupations`` and ``/api/v1/skills``: search and details of ESCO concepts in the active version."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query

from krapte.api.deps import get_lang, get_settings, get_store
from krapte.errors import NotFoundError
from krapte.provenance import ESCO_ATTRIBUTION
from krapte.settings import Language, Settings
from krapte.store import Store
from krapte.taxonomy.defaults import active_taxonomy
from krapte.taxonomy.describe import describe
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.search import search

router = APIRouter(prefix="/api/v1", tags=["taxonomy"])


def taxonomy_dep(settings: Settings = Depends(get_settings), store: Store = Depends(get_store)) -> Taxonomy:
    return active_taxonomy(settings, store)


def _search(
    kind: Literal["occupation", "skill"], q: str, top: int, tax: Taxonomy, lang: str, settings: Settings
) -> dict[str, Any]:
    hits = search(tax, q, lang=lang, kind=kind, top=top, settings=settings) if q.strip() else []
    return {
        "query": q,
        "esco_version": tax.version,
        "attribution": ESCO_ATTRIBUTION,
        "results": [h.to_dict() for h in hits],
    }


@router.get("/occupations")
def search_occupations(
    q: str = Query("", description="Text to search in all Dutch and English labels"),
    top: int = Query(10, ge=1, le=100),
    tax: Taxonomy = Depends(taxonomy_dep),
    lang: Language = Depends(get_lang),
    settings: Settings = Depends(get_settings),
) -> dict[str, Any]:
    """Occupations matching ``q`` (case, accents, typos, prefixes and compounds tolerated)."""
    return _search("occupation", q, top, tax, lang, settings)


@router.get("/skills")
def search_skills(
    q: str = Query("", description="Text to search in all Dutch and English labels"),
    top: int = Query(10, ge=1, le=100),
    tax: Taxonomy = Depends(taxonomy_dep),
    lang: Language = Depends(get_lang),
    settings: Settings = Depends(get_settings),
) -> dict[str, Any]:
    """Skills and knowledge matching ``q``."""
    return _search("skill", q, top, tax, lang, settings)


@router.get("/occupations/{concept_id:path}")
def get_occupation(
    concept_id: str, tax: Taxonomy = Depends(taxonomy_dep), lang: Language = Depends(get_lang)
) -> dict[str, Any]:
    """One occupation by UUID or URI: labels, ISCO group, essential/optional skills, green/digital/technical flags."""
    occ = tax.occupation(concept_id)
    return describe(tax, occ.uri, lang=lang)


@router.get("/skills/{concept_id:path}")
def get_skill(
    concept_id: str, tax: Taxonomy = Depends(taxonomy_dep), lang: Language = Depends(get_lang)
) -> dict[str, Any]:
    """One skill by UUID or URI: labels, type, collections, occupations that need it, related skills."""
    skill = tax.skill(concept_id)
    return describe(tax, skill.uri, lang=lang)


__all__ = ["NotFoundError", "router"]
