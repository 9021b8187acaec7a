"""Matching use cases: orientation (profiles, pathways, training plans, funding, vacancies) and stored profiles.

The orientation functions are open to everyone, anonymous visitors included, and store nothing but the audit entry
of each recommendation (an input hash with the method, data and taxonomy versions; never the profile). Stored
profiles, candidates, overrides, the fairness report and imports live in :mod:`krapte.services.match_records` and
are re-exported here, so that callers import one module. The interface is fixed in the brief of branch
``match-app`` (used by the Gouden Poort pages); see docs/match.md, "Using matching".
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any, Literal

from krapte import match as m
from krapte.errors import NotFoundError, ValidationError
from krapte.match.pathways import FLAGS
from krapte.services.context import Context
from krapte.services.match_common import (
    contact_points,
    log_recommendation,
    neighbours,
    region_code,
    shortage_by_occupation,
    tension_cell,
    today,
    wages,
)
from krapte.services.match_records import (
    apply_pathway_overrides,
    apply_vacancy_overrides,
    candidates_for,
    catalogue,
    courses_for_planning,
    delete_profile,
    export_vacancies,
    fairness_report,
    get_course,
    get_profile,
    get_vacancy,
    import_courses,
    import_vacancies,
    list_courses,
    list_overrides,
    list_profiles,
    list_vacancies,
    override,
    save_profile,
)
from krapte.services.taxonomy import taxonomy

__all__ = [
    "MAX_SKILLS",
    "MAX_TOP",
    "candidates_for",
    "contact_point",
    "delete_profile",
    "export_vacancies",
    "fairness_report",
    "funding_schemes",
    "get_course",
    "get_profile",
    "get_vacancy",
    "import_courses",
    "import_vacancies",
    "list_courses",
    "list_overrides",
    "list_profiles",
    "list_vacancies",
    "occupation_card",
    "override",
    "pathway_to",
    "pathways",
    "profile_from_cv",
    "profile_from_occupation",
    "profile_from_skills",
    "resolve_occupation",
    "save_profile",
    "skill_choices",
    "training_plan",
    "vacancies_for",
]

MAX_TOP = 100
MAX_SKILLS = 500
Objective = Literal["courses", "cost", "time"]


def _top(top: int) -> int:
    if not 1 <= top <= MAX_TOP:
        raise ValidationError(f"top must be between 1 and {MAX_TOP}", limit="top")
    return top


def _lang(lang: str) -> str:
    if lang not in ("nl", "en"):
        raise ValidationError(f"lang={lang!r} is not supported", hint="use nl or en")
    return lang


def resolve_occupation(ctx: Context, occupation: str, *, lang: str = "nl") -> Any:
    """An ESCO occupation from a URI, UUID or Dutch/English label."""
    if len(occupation) > 500:
        raise ValidationError("an occupation may have at most 500 characters")
    return m.resolve_occupation(taxonomy(ctx), occupation, lang=_lang(lang))


# --- profiles without an account ------------------------------------------------------------------------------------
def profile_from_cv(
    ctx: Context, content: bytes | str, *, filename: str | None, lang: str = "auto"
) -> tuple[m.Profile, dict[str, Any]]:
    """A profile from a CV (skills with evidence, certificates, licences, NLQF) and the extraction it came from."""
    from krapte.services.extract import extract

    result = extract(ctx, content, name=filename, lang=lang)
    data = result.to_dict()
    profile = m.profile_from_extraction(data, id=uuid.uuid4().hex, document=filename or "")
    return profile, data


def profile_from_occupation(ctx: Context, occupation: str) -> m.Profile:
    """A profile of someone who did ``occupation``: its skills, inferred (source ``inferred-from-occupation``)."""
    occ = resolve_occupation(ctx, occupation)
    return m.Profile(
        id=uuid.uuid4().hex,
        skills=m.skillset_from_occupation(occ, inferred=True),
        occupations=(m.PastOccupation(occ.uri, current=True),),
    )


def profile_from_skills(ctx: Context, skill_uris: list[str]) -> m.Profile:
    """A profile of self-declared skills (ESCO URIs or UUIDs); unknown skills are refused by name."""
    if len(skill_uris) > MAX_SKILLS:
        raise ValidationError(f"at most {MAX_SKILLS} skills", limit="skills")
    tax = taxonomy(ctx)
    uris = [tax.skill(u).uri for u in skill_uris]
    return m.Profile(id=uuid.uuid4().hex, skills=m.SkillSet.of(uris, source="self-declared"))


_choices: dict[tuple[str, str], tuple[dict[str, Any], ...]] = {}


def _build_choices(tax: Any, lang: str, flags: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    space = m.skill_space(tax)
    counts: dict[str, int] = {}
    for uri, f in flags.items():
        if f.green or f.digital or f.technical:
            for s in tax.occupations[uri].essential_skills:
                counts[s] = counts.get(s, 0) + 1
    out = []
    for uri, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        skill = tax.skills.get(uri)
        j = space.skill_index.get(uri)
        if skill is None or j is None or n < 3 or skill.skill_type != "skill/competence" or not skill.has_label(lang):
            continue
        code = space.groups[j]
        out.append(
            {
                "uri": uri,
                "label": skill.label(lang),
                "group": code,
                "group_label": space.group_label(code, lang),
                "occupations": n,
            }
        )
        if len(out) >= 300:
            break
    return tuple(sorted(out, key=lambda d: (d["group_label"], d["label"])))


def skill_choices(ctx: Context, *, lang: str = "nl", group: str | None = None) -> list[dict[str, Any]]:
    """Skills a person can tick: the practical skills essential to at least three green, digital or technical
    occupations (up to 300), each with its ESCO skill group; ``group`` keeps one group (code)."""
    from krapte.taxonomy.flags import all_flags

    tax = taxonomy(ctx)
    key = (tax.key, _lang(lang))
    if key not in _choices:
        _choices[key] = _build_choices(tax, lang, all_flags(tax))
    rows = _choices[key]
    return [dict(r) for r in rows if group is None or r["group"] == group]


# --- pathways -----------------------------------------------------------------------------------------------------
def _shortage(ctx: Context, region: str | None) -> tuple[dict[str, float] | None, dict[str, Any] | None]:
    if not region:
        return None, None
    return shortage_by_occupation(ctx, taxonomy(ctx), region)


def pathways(
    ctx: Context,
    *,
    origin: str | None = None,
    profile: m.Profile | None = None,
    region: str | None = None,
    top: int = 10,
    any_target: bool = False,
    lang: str = "nl",
) -> list[m.Pathway]:
    """Career pathways from an occupation or a profile, best first; logs ``recommend.pathways``.

    ``region`` (arbeidsmarktregio or gemeente) weighs in the regional shortage of each target; ``any_target``
    lifts the green/digital/technical limit. For a stored profile the caller may read, its advisor's overrides
    apply (hidden targets removed, pinned ones first).
    """
    tax = taxonomy(ctx)
    _top(top)
    _lang(lang)
    if (origin is None) == (profile is None):
        raise ValidationError("give an origin occupation or a profile")
    shortage, basis = _shortage(ctx, region)
    flags = None if any_target else FLAGS
    nb = neighbours(ctx, tax)
    kw: dict[str, Any] = {
        "top": top,
        "flags": flags,
        "shortage": shortage,
        "wages": wages(tax),
        "lang": lang,
        "neighbours": nb,
    }
    if origin is not None:
        occ = resolve_occupation(ctx, origin, lang=lang)
        result = m.pathways_from_occupation(tax, occ.uri, **kw)
        inputs: dict[str, Any] = {"origin": occ.uri}
        object_type, object_id = "query", occ.uri
    else:
        assert profile is not None
        result = m.pathways_from_profile(tax, profile, **kw)
        result = apply_pathway_overrides(ctx, profile, result, lang=lang)
        inputs = {"profile": profile}
        object_type, object_id = "profile", profile.id
    inputs |= {"region": region, "top": top, "any_target": any_target, "lang": lang, "day": today()}
    log_recommendation(
        ctx,
        "recommend.pathways",
        object_type,
        object_id,
        inputs,
        {
            "results": [p.uri for p in result],
            "region": basis["region"] if basis else None,
            "semantic_credit": nb is not None,
        },
    )
    return result


def pathway_to(
    ctx: Context,
    target: str,
    *,
    profile: m.Profile | None = None,
    origin: str | None = None,
    region: str | None = None,
    lang: str = "nl",
) -> m.Pathway:
    """The pathway to one chosen target occupation (URI, UUID or label), whatever its similarity."""
    tax = taxonomy(ctx)
    if (origin is None) == (profile is None):
        raise ValidationError("give an origin occupation or a profile")
    occ = resolve_occupation(ctx, target, lang=lang)
    origin_uri = resolve_occupation(ctx, origin, lang=lang).uri if origin else None
    shortage, _ = _shortage(ctx, region)
    nb = neighbours(ctx, tax)
    result = m.pathway_to(
        tax,
        occ.uri,
        profile=profile,
        origin=origin_uri,
        neighbours=nb,
        shortage=shortage,
        wages=wages(tax),
        lang=_lang(lang),
    )
    if profile is not None:
        _keep_gap(ctx, occ.uri, profile, lang, result)
    log_recommendation(
        ctx,
        "recommend.pathway",
        "profile" if profile else "query",
        profile.id if profile else str(origin_uri),
        {
            "target": occ.uri,
            "profile": profile,
            "origin": origin_uri,
            "region": region,
            "day": today(),
        },
        {"target": occ.uri, "similarity": round(result.similarity, 4), "semantic_credit": nb is not None},
    )
    return result


# --- training plans and funding -------------------------------------------------------------------------------------
def _keep_gap(ctx: Context, uri: str, profile: m.Profile, lang: str, path: m.Pathway) -> None:
    """Keep a pathway for the rest of the request: a training plan to the same target from the same profile needs
    its gap, which does not depend on the region or wages (the page shows the pathway and then plans it)."""
    if ctx.request_cache is not None:
        ctx.request_cache[f"pathway|{uri}|{id(profile)}|{lang}"] = (profile, path)


def _kept_gap(ctx: Context, uri: str, profile: m.Profile, lang: str) -> m.Pathway | None:
    kept = ctx.request_cache.get(f"pathway|{uri}|{id(profile)}|{lang}") if ctx.request_cache is not None else None
    return kept[1] if kept is not None and kept[0] is profile else None


def _target_facts(ctx: Context, tax: Any, uri: str, profile: m.Profile) -> dict[str, Any]:
    from krapte.taxonomy.flags import all_flags

    f = all_flags(tax)[uri]
    facts: dict[str, Any] = {"green": f.green, "digital": f.digital, "technical": f.technical}
    if profile.home.gemeente:
        try:
            cell = tension_cell(ctx, tax, uri, profile.home.gemeente)
            facts["shortage"] = cell["flag"] != "none"
        except NotFoundError:
            pass
    return facts


def training_plan(
    ctx: Context,
    *,
    profile: m.Profile,
    target: str,
    objective: Objective = "courses",
    lang: str = "nl",
) -> m.TrainingPlan:
    """Courses that close the gap to ``target``, with funding per course, reasons and net cost; logs
    ``recommend.training``. Candidates: the mbo qualifications and every stored course (demo ones labelled)."""
    if objective not in ("courses", "cost", "time"):
        raise ValidationError(f"unknown objective {objective!r}", hint="use courses, cost or time")
    tax = taxonomy(ctx)
    occ = resolve_occupation(ctx, target, lang=lang)
    path = _kept_gap(ctx, occ.uri, profile, lang)
    if path is None:
        path = m.pathway_to(
            tax, occ.uri, profile=profile, neighbours=neighbours(ctx, tax), wages=wages(tax), lang=_lang(lang)
        )
    target_facts = _target_facts(ctx, tax, occ.uri, profile)
    plan = m.plan_training(
        {g.uri: g.specificity for g in path.gap_skills},
        courses_for_planning(ctx),
        objective=objective,
        profile=profile,
        schemes=m.default_schemes(),
        target=target_facts,
        today=today(),
        labels={g.uri: g.label for g in path.gap_skills},
    )
    log_recommendation(
        ctx,
        "recommend.training",
        "profile",
        profile.id,
        {"profile": profile, "target": occ.uri, "objective": objective, "day": today()},
        {"target": occ.uri, "courses": [p.option.course.id for p in plan.courses], "method": plan.method},
    )
    return plan


def funding_schemes(ctx: Context, *, include_ended: bool = True) -> list[m.FundingScheme]:
    """The embedded funding schemes; ended ones (STAP-budget) only with ``include_ended`` and marked as ended."""
    day = today()
    return [s for s in m.default_schemes() if include_ended or s.ended_on(day) is None]


def contact_point(ctx: Context, gemeente_or_region: str | None) -> dict[str, Any]:
    """Where a person gets free advice: ``contacts`` are the Werkcentrum or Leerwerkloket of their
    arbeidsmarktregio when the dataset has one (``regional``), else the national entry points; each with its
    source URL and date. ``national`` always lists the national entry points."""
    # the regional mobility teams ended on 2024-12-31 (historic entry in the dataset): never a contact point
    national = [c for c in contact_points() if not c.get("arbeidsmarktregio_code") and c.get("kind") != "rmt"]
    if not gemeente_or_region:
        return {"region": None, "region_name": None, "contacts": national, "national": national, "regional": False}
    from krapte.labour.regions import default_regions

    code = region_code(gemeente_or_region)
    regional = [c for c in contact_points() if c.get("arbeidsmarktregio_code") == code]
    return {
        "region": code,
        "region_name": default_regions().name(code),
        "contacts": regional or national,
        "national": national,
        "regional": bool(regional),
    }


# --- vacancies and occupations ------------------------------------------------------------------------------------
def vacancies_for(ctx: Context, *, profile: m.Profile, top: int = 20, open_hiring: bool = False) -> list[m.Match]:
    """The best stored vacancies within the person's travel limit and hours, each explained; logs
    ``match.vacancies``. Advisors' overrides on a stored profile apply (hidden removed, pinned first)."""
    _top(top)
    matcher, index, by_id = catalogue(ctx)
    result = index.explain(profile, top=top, open_hiring=open_hiring) if by_id else []
    result = apply_vacancy_overrides(ctx, profile, result, matcher, by_id, open_hiring=open_hiring)
    log_recommendation(
        ctx,
        "match.vacancies",
        "profile",
        profile.id,
        {"profile": profile, "top": top, "open_hiring": open_hiring, "vacancies": len(by_id), "day": today()},
        {"results": [r.vacancy_id for r in result], "open_hiring": open_hiring},
    )
    return result


def occupation_card(ctx: Context, uri: str, *, region: str | None, lang: str = "nl") -> dict[str, Any]:
    """One occupation for a person: label, description, flags with reasons, typical wage (source, basis), and
    the shortage of its BRC group in the region (UWV and ROA classes, basis)."""
    from krapte.match.data import _isco_brc, brc_wages
    from krapte.taxonomy.flags import all_flags

    tax = taxonomy(ctx)
    occ = resolve_occupation(ctx, uri, lang=lang)
    brc = _isco_brc().get(str(occ.isco_code)[:4])
    wage = None
    for code in (brc, brc[:3], brc[:2]) if brc else ():
        w = brc_wages().get(code)
        if w is not None and w.p50 is not None:
            wage = {
                **dataclasses.asdict(w),
                "unit": "EUR gross per hour",
                "basis": "imported" if code == brc else "imported (BRC segment or class: group not published)",
            }
            break
    card: dict[str, Any] = {
        "uri": occ.uri,
        "label": occ.label(_lang(lang)),
        "description": occ.description(lang) if hasattr(occ, "description") and callable(occ.description) else "",
        "isco_code": occ.isco_code,
        "brc_group": brc,
        "flags": all_flags(tax)[occ.uri].to_dict(),
        "wage": wage,
        "shortage": None,
    }
    if region:
        try:
            card["shortage"] = tension_cell(ctx, tax, occ.uri, region)
        except NotFoundError as exc:
            card["shortage"] = {"error": str(exc)}
    return card
