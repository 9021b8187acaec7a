"""Stored matching data: profiles (job seekers and advisors), candidates, overrides, fairness report, catalogues.

Who may do what:

- a **job seeker** (``personal.own``) keeps, reads and deletes their own profiles;
- an **advisor** (``personal.clients``) does so for their own clients (``advisor_clients``), ranks candidates for
  a vacancy among them, and hides or pins results for them with a reason (stored, logged, applied later);
- an **analyst** never reads a profile: the fairness report gives per-group aggregates only, from group labels in
  a separate audit file that is never stored;
- an **admin** may do everything; importing vacancies and courses needs ``labour.write``;
- vacancies and courses are public.

A profile the caller may not read answers 404, as if it did not exist.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Sequence
from typing import Any, Literal

from krapte import match as m
from krapte.errors import ImportReport, NotFoundError, PermissionDeniedError, ValidationError
from krapte.services.context import Context
from krapte.services.match_common import (
    course_from_row,
    course_to_row,
    log_recommendation,
    neighbours,
    region_code,
    today,
    vacancy_from_row,
    vacancy_to_row,
)
from krapte.services.match_kept import forget_profiles, held_vectors, kept_profiles, profile_summaries, visible_rows
from krapte.services.taxonomy import taxonomy
from krapte.store import accounts as accounts_repo
from krapte.store import match as repo

__all__ = [
    "MAX_REASON_CHARS",
    "apply_pathway_overrides",
    "apply_vacancy_overrides",
    "candidates_for",
    "catalogue",
    "courses_for_planning",
    "delete_profile",
    "export_vacancies",
    "extraction",
    "fairness_report",
    "forget_profiles",
    "get_course",
    "get_profile",
    "get_vacancy",
    "import_courses",
    "import_vacancies",
    "list_courses",
    "list_overrides",
    "list_profiles",
    "list_vacancies",
    "may_access",
    "override",
    "save_profile",
]

MAX_REASON_CHARS = 1000
MAX_IMPORT_BYTES = 200_000_000
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


# --- access ----------------------------------------------------------------------------------------------------------
def may_access(ctx: Context, owner_id: str) -> bool:
    """Whether the principal may read the personal data of ``owner_id``: themselves, their advisor, or an admin."""
    p = ctx.principal
    if p.is_anonymous:
        return False
    if p.can("users.manage"):
        return True
    if owner_id == p.id and p.can("personal.own"):
        return True
    return p.can("personal.clients") and accounts_repo.is_client_of(ctx.store, p.id, owner_id)


def _require_personal(ctx: Context) -> None:
    ctx.require_signed_in()
    p = ctx.principal
    if not (p.can("personal.own") or p.can("personal.clients") or p.can("users.manage")):
        raise PermissionDeniedError(
            f"your role ({p.role}) may not keep or read profiles",
            permission="personal.own",
            hint="analysts see aggregates only",
        )


def _load(ctx: Context, profile_id: str) -> tuple[str, m.Profile]:
    _require_personal(ctx)
    found = repo.get_profile(ctx.store, profile_id)
    if found is None or not may_access(ctx, found[0]):
        raise NotFoundError(f"no profile {profile_id!r}")
    return found[0], m.Profile.from_dict(found[1])


def _readable_owner(ctx: Context, profile_id: str) -> str | None:
    """The owner of a stored profile the caller may read, else None (for applying overrides silently)."""
    if ctx.principal.is_anonymous:
        return None
    found = repo.get_profile(ctx.store, profile_id)
    return found[0] if found is not None and may_access(ctx, found[0]) else None


# --- profiles -------------------------------------------------------------------------------------------------------
def save_profile(ctx: Context, profile: m.Profile, *, owner_id: str | None = None) -> str:
    """Store a profile (new or replacing one the caller may change); job seekers for themselves, advisors for a
    client (``owner_id``), admins for anyone. Returns the profile id."""
    _require_personal(ctx)
    p = ctx.principal
    if not _ID.match(profile.id):
        raise ValidationError("a profile id has 1–64 letters, digits, '.', '_', ':' or '-'", value=profile.id[:80])
    existing = repo.get_profile(ctx.store, profile.id)
    if existing is not None:
        if not may_access(ctx, existing[0]):
            profile = dataclasses.replace(profile, id=uuid.uuid4().hex)  # never overwrite someone else's
            existing = None
        elif owner_id is not None and owner_id != existing[0]:
            raise ValidationError("a profile keeps its owner", hint="save it under a new id for another person")
    owner = existing[0] if existing is not None else owner_id or p.id
    if existing is None and owner == p.id and not (p.can("personal.own") or p.can("users.manage")):
        raise ValidationError("an advisor keeps profiles for a client", hint="give owner_id (the client's account id)")
    if existing is None and not may_access(ctx, owner):
        raise PermissionDeniedError("you may keep profiles only for yourself or your own clients")
    repo.save_profile(ctx.store, profile.id, owner, profile.to_dict(), actor=ctx.actor)
    forget_profiles(ctx, profile.id)
    return profile.id


def get_profile(ctx: Context, profile_id: str) -> m.Profile:
    return _load(ctx, profile_id)[1]


def list_profiles(ctx: Context) -> list[dict[str, Any]]:
    """``{id, owner_id, updated_at, skills, occupations}`` of the caller's own profiles, or an advisor's clients'
    (admins: everyone's)."""
    _require_personal(ctx)
    return profile_summaries(ctx, visible_rows(ctx))


def delete_profile(ctx: Context, profile_id: str) -> None:
    _load(ctx, profile_id)
    repo.delete_profile(ctx.store, profile_id, actor=ctx.actor)
    forget_profiles(ctx, profile_id)


# --- catalogues -----------------------------------------------------------------------------------------------------
_catalogues: dict[tuple[Any, ...], tuple[m.Matcher, m.VacancyIndex, dict[str, m.Vacancy]]] = {}
_mbo: list[m.Course] = []


def _catalogue_version(ctx: Context) -> tuple[int, str, int, str]:
    """The stored catalogues' version (read once per request)."""
    version: tuple[int, str, int, str] = ctx.per_request("catalogue_version", lambda: repo.catalogue_version(ctx.store))
    return version


def _catalogue_key(ctx: Context) -> tuple[Any, ...]:
    return (ctx.settings.database_url, taxonomy(ctx).key, today(), *_catalogue_version(ctx)[:2])


def catalogue(ctx: Context) -> tuple[m.Matcher, m.VacancyIndex, dict[str, m.Vacancy]]:
    """The matcher, the vacancy index and the vacancies by id, rebuilt when the stored vacancies change."""
    tax = taxonomy(ctx)
    key = _catalogue_key(ctx)
    found = _catalogues.get(key)
    if found is None:
        vacancies = [vacancy_from_row(r) for r in repo.list_vacancies(ctx.store)]
        matcher = m.Matcher(tax, today=today())
        found = (matcher, m.VacancyIndex.build(matcher, vacancies), {v.id: v for v in vacancies})
        _catalogues.clear()
        _catalogues[key] = found
    return found


_courses: dict[tuple[Any, ...], tuple[m.Course, ...]] = {}


def courses_for_planning(ctx: Context) -> list[m.Course]:
    """The mbo qualifications as courses plus every stored course (read again when the stored courses change)."""
    if not _mbo:
        _mbo.extend(m.mbo_courses())
    key = (ctx.settings.database_url, *_catalogue_version(ctx)[2:])
    found = _courses.get(key)
    if found is None:
        stored = [course_from_row(r) for r in repo.list_courses(ctx.store)]
        ids = {c.id for c in stored}
        found = tuple([c for c in _mbo if c.id not in ids] + stored)
        _courses.clear()
        _courses[key] = found
    return list(found)


def get_vacancy(ctx: Context, vacancy_id: str) -> m.Vacancy:
    """A stored vacancy (from the catalogue kept in memory when it is built and current)."""
    kept = _catalogues.get(_catalogue_key(ctx))
    found = kept[2].get(vacancy_id) if kept is not None else None
    return found if found is not None else vacancy_from_row(repo.get_vacancy(ctx.store, vacancy_id))


def _gemeenten(region: str) -> list[str]:
    from krapte.labour.regions import default_regions

    rm = default_regions()
    try:
        return [rm.find(region, kinds=("gemeente",)).code]
    except NotFoundError:
        return list(rm.members(region_code(region)).gemeente_code)


def list_vacancies(ctx: Context, *, region: str | None = None, limit: int = 50) -> list[m.Vacancy]:
    """Stored vacancies, optionally in one gemeente or arbeidsmarktregio (code or name)."""
    if not 1 <= limit <= 10_000:
        raise ValidationError("limit must be between 1 and 10000", limit="limit")
    gemeenten = _gemeenten(region) if region else None
    return [vacancy_from_row(r) for r in repo.list_vacancies(ctx.store, gemeenten=gemeenten, limit=limit)]


def export_vacancies(ctx: Context, *, region: str | None = None, limit: int = 10_000) -> str:
    """Stored vacancies as schema.org JobPosting JSON-LD (ESCO skills as DefinedTerms, demo records labelled)."""
    tax = taxonomy(ctx)

    def label(uri: str) -> str:
        s = tax.skills.get(uri)
        return s.label("nl") if s is not None else uri

    return m.vacancies_to_jsonld(list_vacancies(ctx, region=region, limit=limit), labels=label)


def get_course(ctx: Context, course_id: str) -> m.Course:
    return course_from_row(repo.get_course(ctx.store, course_id))


def list_courses(ctx: Context, *, limit: int = 50) -> list[m.Course]:
    if not 1 <= limit <= 10_000:
        raise ValidationError("limit must be between 1 and 10000", limit="limit")
    return [course_from_row(r) for r in repo.list_courses(ctx.store, limit=limit)]


def extraction(ctx: Context) -> m.feeds.Extract:
    """The extraction callable of feeds: a text → the JSON form of the skills and requirements extraction."""
    from krapte.extract import extract_text

    def run(text: str) -> dict[str, Any]:
        out: dict[str, Any] = extract_text(text, lang="auto").to_dict()
        return out

    return run


def _check_size(data: bytes | str) -> None:
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(f"an import may have at most {MAX_IMPORT_BYTES // 1_000_000} MB", limit="import_bytes")


def import_vacancies(ctx: Context, data: bytes | str, *, format: str = "auto", source: str = "upload") -> ImportReport:
    """Vacancies from JobPosting JSON-LD, JSON, JSON lines or CSV; skills missing from a record are extracted from
    its text. Atomic: every record is read first; nothing is stored on an error. Needs ``labour.write``."""
    ctx.require("labour.write")
    _check_size(data)
    items = m.read_vacancies(data, format=format, extract=extraction(ctx), name=source)
    return repo.save_vacancies(ctx.store, [vacancy_to_row(v) for v in items], source=source, actor=ctx.actor)


def import_courses(ctx: Context, data: bytes | str, *, format: str = "auto", source: str = "upload") -> ImportReport:
    ctx.require("labour.write")
    _check_size(data)
    items = m.read_courses(data, format=format, extract=extraction(ctx), name=source)
    return repo.save_courses(ctx.store, [course_to_row(c) for c in items], source=source, actor=ctx.actor)


# --- overrides ------------------------------------------------------------------------------------------------------
def override(ctx: Context, *, subject: str, item: str, action: Literal["hide", "pin"], reason: str) -> None:
    """An advisor hides or pins ``item`` in the results for ``subject``, with a reason; stored, logged and applied
    to later results. Subject a profile id (item: a vacancy id or occupation URI) or a vacancy id (item: a
    candidate's profile id)."""
    ctx.require_signed_in()
    if not (ctx.principal.can("personal.clients") or ctx.principal.can("users.manage")):
        ctx.require("personal.clients")
    if action not in ("hide", "pin"):
        raise ValidationError(f"unknown action {action!r}", hint="use hide or pin")
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON_CHARS:
        raise ValidationError(f"an override needs a reason of 1–{MAX_REASON_CHARS} characters")
    found = repo.get_profile(ctx.store, subject)
    if found is not None and may_access(ctx, found[0]):
        owner = found[0]
    else:
        candidate = repo.get_profile(ctx.store, item)
        if candidate is None or not may_access(ctx, candidate[0]):
            raise NotFoundError(
                "no profile of yours among the subject and the item", hint="subject: a client's profile id"
            )
        repo.get_vacancy(ctx.store, subject)  # the subject must then be a vacancy
        owner = candidate[0]
    repo.add_override(
        ctx.store, subject=subject, item=item[:500], action=action, reason=reason, owner_id=owner, actor=ctx.actor
    )


def list_overrides(ctx: Context, subject: str) -> list[dict[str, Any]]:
    """The overrides on a profile the caller may read (its owner sees them too, with the reasons)."""
    _load(ctx, subject)
    return repo.list_overrides(ctx.store, subject)


def _overrides(ctx: Context, profile_id: str) -> dict[str, dict[str, Any]]:
    if _readable_owner(ctx, profile_id) is None:
        return {}
    return {o["item"]: o for o in repo.list_overrides(ctx.store, profile_id)}


def _mark(o: dict[str, Any]) -> dict[str, Any]:
    return {"action": o["action"], "reason": o["reason"], "at": o["created_at"]}


def apply_vacancy_overrides(
    ctx: Context,
    profile: m.Profile,
    result: list[m.Match],
    matcher: m.Matcher,
    by_id: dict[str, m.Vacancy],
    *,
    open_hiring: bool = False,
) -> list[m.Match]:
    """Hidden vacancies removed, pinned ones (scored and explained even if outside the top) first."""
    ov = _overrides(ctx, profile.id)
    if not ov:
        return result
    pinned = [
        dataclasses.replace(matcher.score(profile, by_id[i], open_hiring=open_hiring), extra={"override": _mark(o)})
        for i, o in ov.items()
        if o["action"] == "pin" and i in by_id
    ]
    rest = [r for r in result if r.vacancy_id not in ov]
    return pinned + rest


def apply_pathway_overrides(
    ctx: Context, profile: m.Profile, result: list[m.Pathway], *, lang: str = "nl"
) -> list[m.Pathway]:
    ov = _overrides(ctx, profile.id)
    if not ov:
        return result
    tax = taxonomy(ctx)
    pinned = [
        m.pathway_to(tax, uri, profile=profile, neighbours=neighbours(ctx, tax), lang=lang)
        for uri, o in ov.items()
        if o["action"] == "pin" and uri in tax.occupations
    ]
    return pinned + [p for p in result if p.uri not in ov]


# --- candidates and fairness ----------------------------------------------------------------------------------------
def candidates_for(ctx: Context, vacancy_id: str, *, top: int = 20, open_hiring: bool = False) -> list[m.Match]:
    """The best candidates for a stored vacancy among the advisor's own clients (admins: everyone), explained;
    logs ``match.candidates``; overrides on the vacancy (hidden/pinned candidates) apply."""
    ctx.require_signed_in()
    if not ctx.principal.can("users.manage"):
        ctx.require("personal.clients")
    if not 1 <= top <= 100:
        raise ValidationError("top must be between 1 and 100", limit="top")
    matcher, _, by_id = catalogue(ctx)
    vacancy = by_id.get(vacancy_id) or get_vacancy(ctx, vacancy_id)
    kept = kept_profiles(ctx, visible_rows(ctx))
    profiles = [profile for _, profile in kept]
    held = held_vectors(matcher, kept)
    result = matcher.candidates_for(vacancy, profiles, top=top, open_hiring=open_hiring, held=held)
    ov = {o["item"]: o for o in repo.list_overrides(ctx.store, vacancy_id)}
    visible = {p.id: p for p in profiles}
    pinned = [
        dataclasses.replace(matcher.score(visible[i], vacancy, open_hiring=open_hiring), extra={"override": _mark(o)})
        for i, o in ov.items()
        if o["action"] == "pin" and i in visible
    ]
    result = pinned + [r for r in result if r.profile_id not in ov]
    log_recommendation(
        ctx,
        "match.candidates",
        "vacancy",
        vacancy_id,
        {"vacancy": vacancy_id, "profiles": sorted(visible), "top": top, "open_hiring": open_hiring, "day": today()},
        {"candidates": len(profiles), "results": len(result)},
    )
    return result


def _shortlists(
    profiles: Sequence[m.Profile], matcher: m.Matcher, vacancies: Sequence[m.Vacancy], k: int
) -> list[list[str]]:
    held = {p.id: matcher.held_vector(p) for p in profiles}
    out = []
    for v in vacancies:
        scored = [matcher.score(p, v, held=held[p.id], explain=False) for p in profiles]
        best = sorted((s for s in scored if s.eligible), key=lambda s: (-s.score, s.profile_id))[:k]
        out.append([s.profile_id for s in best])
    return out


def fairness_report(
    ctx: Context,
    groups_csv: bytes | str,
    *,
    attribute: str,
    kind: Literal["vacancies", "pathways"],
    shortlist: int = 10,
) -> dict[str, Any]:
    """Selection rates per group, four-fifths ratios (and nothing about any single person) over the stored
    profiles named in a separate audit file (``profile_id,<attribute>,...``). The file is read, never stored.

    ``vacancies``: selected = in the top-``shortlist`` candidates of at least one stored vacancy;
    ``pathways``: selected = at least one viable green, digital or technical pathway."""
    ctx.require("aggregates.read")
    if kind not in ("vacancies", "pathways"):
        raise ValidationError(f"unknown kind {kind!r}", hint="use vacancies or pathways")
    _check_size(groups_csv)
    labels = m.read_group_labels(groups_csv)
    if attribute not in labels:
        raise ValidationError(f"the audit file has no column {attribute!r}", hint=f"columns: {', '.join(labels)}")
    groups = labels[attribute]
    stored = {r["id"]: r["data"] for r in repo.list_profiles(ctx.store)}
    profiles = [m.Profile.from_dict(stored[pid]) for pid in groups if pid in stored]
    tax = taxonomy(ctx)
    if kind == "vacancies":
        matcher, _, by_id = catalogue(ctx)
        shortlists = _shortlists(profiles, matcher, list(by_id.values()), shortlist)
        selected = m.selected_in_shortlists(shortlists, [p.id for p in profiles])
        outcome = f"in the top {shortlist} candidates of at least one of {len(by_id)} vacancies"
    else:
        nb = neighbours(ctx, tax)
        # viable targets come first, so the first pathway says whether there is one ("met scholing" does not count)
        selected = {
            p.id: any(x.viable for x in m.pathways_from_profile(tax, p, top=1, neighbours=nb)) for p in profiles
        }
        outcome = "at least one viable green, digital or technical pathway"
    report = m.fairness_report(selected, groups, attribute=attribute, outcome=outcome).to_dict()
    report["profiles"] = len(profiles)
    report["not_found"] = len([pid for pid in groups if pid not in stored])
    log_recommendation(
        ctx,
        "match.fairness",
        "query",
        kind,
        {
            "audit_file": m.input_hash(
                groups_csv.decode("utf-8", "replace") if isinstance(groups_csv, bytes) else groups_csv
            ),
            "kind": kind,
            "attribute": attribute,
        },
        {"kind": kind, "groups": len(report.get("groups", ())), "profiles": len(profiles)},
    )
    return report
