"""``/api/v1/occupations`` and ``/api/v1/skills``: search and details of ESCO concepts in the active version."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from krapte.api.deps import get_context, get_lang
from krapte.api.models.taxonomy import OccupationDetail, SkillDetail
from krapte.provenance import ESCO_ATTRIBUTION
from krapte.services import Context
from krapte.services import taxonomy as svc
from krapte.settings import Language

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["taxonomy"])


class SearchResults(BaseModel):
    query: str
    esco_version: str
    attribution: str
    results: list[dict[str, Any]]


def _search(ctx: Context, kind: Literal["occupation", "skill"], q: str, top: int, lang: str) -> SearchResults:
    hits = svc.search(ctx, q, kind=kind, top=top, lang=lang)
    return SearchResults(
        query=q,
        esco_version=svc.taxonomy(ctx).version,
        attribution=ESCO_ATTRIBUTION,
        results=[h.to_dict() for h in hits],
    )


@router.get("/occupations", operation_id="search_occupations")
def search_occupations(
    q: str = Query("", max_length=svc.MAX_QUERY_CHARS, description="Text to search in all Dutch and English labels"),
    top: int = Query(10, ge=1, le=100),
    lang: Language = Depends(get_lang),
    ctx: Context = Depends(get_context),
) -> SearchResults:
    """Occupations matching ``q`` (case, accents, typos, prefixes and compounds tolerated)."""
    return _search(ctx, "occupation", q, top, lang)


@router.get("/skills", operation_id="search_skills")
def search_skills(
    q: str = Query("", max_length=svc.MAX_QUERY_CHARS, description="Text to search in all Dutch and English labels"),
    top: int = Query(10, ge=1, le=100),
    lang: Language = Depends(get_lang),
    ctx: Context = Depends(get_context),
) -> SearchResults:
    """Skills and knowledge matching ``q``."""
    return _search(ctx, "skill", q, top, lang)


@router.get("/occupations/{concept_id:path}", operation_id="get_occupation", response_model_exclude_unset=True)
def get_occupation(
    concept_id: str, lang: Language = Depends(get_lang), ctx: Context = Depends(get_context)
) -> OccupationDetail:
    """One occupation by UUID or URI: labels, ISCO group, essential/optional skills, green/digital/technical flags."""
    occ = svc.taxonomy(ctx).occupation(concept_id)
    return OccupationDetail.model_validate(svc.describe(ctx, occ.uri, lang=lang))


@router.get("/skills/{concept_id:path}", operation_id="get_skill", response_model_exclude_unset=True)
def get_skill(concept_id: str, lang: Language = Depends(get_lang), ctx: Context = Depends(get_context)) -> SkillDetail:
    """One skill by UUID or URI: labels, type, collections, occupations that need it, related skills."""
    skill = svc.taxonomy(ctx).skill(concept_id)
    return SkillDetail.model_validate(svc.describe(ctx, skill.uri, lang=lang))
