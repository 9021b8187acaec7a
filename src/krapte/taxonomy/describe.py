"""Everything about one concept as plain data: what ``krapte taxonomy show``, the API and the web page display."""

from __future__ import annotations

from typing import Any

from krapte.taxonomy.flags import occupation_flags
from krapte.taxonomy.model import IscoGroup, Occupation, Skill, SkillGroup, Taxonomy


def kind_of(tax: Taxonomy, uri: str) -> str:
    if uri in tax.occupations:
        return "occupation"
    if uri in tax.skills:
        return "skill"
    if uri in tax.isco_groups:
        return "isco_group"
    return "skill_group"


def brief(tax: Taxonomy, uri: str, lang: str) -> dict[str, Any]:
    """URI, kind and label of a concept (and the green/digital marks of a skill)."""
    c = tax.concept(uri)
    out: dict[str, Any] = {"uri": uri, "kind": kind_of(tax, uri), "label": c.label(lang)}
    if isinstance(c, Skill):
        out.update(green=c.is_green, digital=c.is_digital, skill_type=c.skill_type)
    return out


def describe(tax: Taxonomy, uri_or_id: str, *, lang: str = "nl") -> dict[str, Any]:
    """Labels, description, hierarchy, skills or occupations and flags of one concept."""
    c = tax.concept(uri_or_id)
    info: dict[str, Any] = {
        "uri": c.uri,
        "id": c.id,
        "kind": kind_of(tax, c.uri),
        "label": c.label(lang),
        "labels": dict(sorted(c.labels.items())),
        "alt_labels": {k: list(v) for k, v in sorted(c.alt.items())},
        "description": c.description(lang),
        "status": c.status,
        "broader": [brief(tax, u, lang) for u in c.broader if _known(tax, u)],
        "narrower": [brief(tax, u, lang) for u in tax.narrower(c.uri)],
        "esco_version": tax.version,
    }
    if isinstance(c, Occupation):
        info.update(
            code=c.code,
            isco_code=c.isco_code,
            isco=[{"code": g.code, "label": g.label(lang), "uri": g.uri} for g in tax.isco_path(c)],
            essential_skills=[brief(tax, u, lang) for u in c.essential_skills if u in tax.skills],
            optional_skills=[brief(tax, u, lang) for u in c.optional_skills if u in tax.skills],
            flags=occupation_flags(tax, c).to_dict(),
            regulated=c.regulated,
        )
    elif isinstance(c, Skill):
        essential_for, optional_for = tax.occupations_for_skill(c.uri)
        info.update(
            skill_type=c.skill_type,
            reuse_level=c.reuse_level,
            collections=sorted(c.collections),
            green=c.is_green,
            digital=c.is_digital,
            transversal=c.is_transversal,
            essential_for=[brief(tax, u, lang) for u in essential_for],
            optional_for=[brief(tax, u, lang) for u in optional_for],
            related=[{**brief(tax, r.related, lang), "relation": r.relation_type} for r in tax.related_skills(c.uri)],
        )
    elif isinstance(c, IscoGroup | SkillGroup):
        info["code"] = c.code
    return info


def _known(tax: Taxonomy, uri: str) -> bool:
    return uri in tax.occupations or uri in tax.skills or uri in tax.isco_groups or uri in tax.skill_groups
