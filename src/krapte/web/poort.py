"""De Gouden Poort: the career switcher's route in six steps, without an account and without storing anything.

1. ``GET /poort``: start with a CV (PDF, Word, text), a past occupation, or skills ticked from a list;
2. ``POST /poort/start`` and ``/poort/vaardigheden``: what you can already do (remove, add, about you);
3. ``POST /poort/beroepen``: what you could become (cards);
4. ``POST /poort/plan``: how to get there (courses, funding, net cost);
5. ``POST /poort/vacatures``: jobs now;
6. ``POST /poort/samenvatting``: next step (printable summary, Werkcentrum, save with an account).

The person's choices travel in one hidden field (:mod:`krapte.web.poort_state`), validated on every request.
Every step is a POST with the CSRF token, so the CV's skills never appear in a URL or a server log.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from krapte.api.deps import get_context, get_lang, verify_csrf
from krapte.errors import KrapteError, TooLargeError, ValidationError
from krapte.match import Location, Profile, SkillSet
from krapte.services import orientation
from krapte.services.audit import in_one_transaction
from krapte.services.context import Context
from krapte.services.taxonomy import taxonomy
from krapte.settings import Language
from krapte.web.poort_format import Formatter, fit_key, match_key
from krapte.web.poort_pdf import summary_pdf
from krapte.web.poort_state import OBJECTIVES, PoortState, clean_profile, decode_state, encode_state
from krapte.web.poort_text import register_texts
from krapte.web.poort_view import card_view, job_view, plan_view
from krapte.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
register_texts()

CARDS = 6
JOBS = 10
DEFAULT_TRAVEL_KM = 30.0
TRAVEL_CHOICES = (10, 20, 30, 50, 75)


def _svc() -> Any:
    from krapte.services import match

    return match


def _page(request: Request, template: str, state: PoortState | None, step: int, **context: Any) -> HTMLResponse:
    lang = get_lang(request)
    return render(
        request,
        template,
        state=encode_state(state) if state is not None else "",
        profile=state.profile if state is not None else None,
        choices=state,
        step=step,
        fmt=Formatter(lang),
        fit_key=fit_key,
        match_key=match_key,
        **context,
    )


def _error(request: Request, exc: KrapteError, state: PoortState | None) -> HTMLResponse:
    ctx = get_context(request)
    lang = get_lang(request)
    return _page(
        request, "poort/start.html", state, 1, status_code=exc.http_status, error=exc,
        skill_choices=_skill_choices(ctx, lang),
    )  # fmt: skip


def _skill_choices(ctx: Context, lang: str) -> list[dict[str, Any]]:
    """The plain-language list grouped for the page: [{"group", "skills": [...]}]."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for choice in _svc().skill_choices(ctx, lang=lang):
        groups.setdefault(str(choice.get("group_label") or choice.get("group") or ""), []).append(choice)
    return [{"group": g, "skills": s} for g, s in groups.items()]


def _number(form: FormData, name: str, allowed: range | None = None) -> float | None:
    raw = str(form.get(name) or "").strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError(f"{name} must be a number") from None
    if allowed is not None and not (allowed.start <= value < allowed.stop):
        raise ValidationError(f"{name} must be between {allowed.start} and {allowed.stop - 1}")
    return value


def _about_you(form: FormData, profile: Profile) -> Profile:
    """Home, travel limit and hours from the form (the 'about you' part of step 2)."""
    if "gemeente" not in form:
        return profile
    place = str(form.get("gemeente") or "").strip()
    home = Location()
    if place:
        found = orientation.find_gemeente(place)
        if found is None:
            raise ValidationError(f"we do not know the place {place[:60]!r}", hint="type the name of your gemeente")
        home = Location(gemeente=found[0], name=found[1])
    travel = _number(form, "travel_km", range(1, 201))
    hours = _number(form, "hours", range(1, 61))
    return dataclasses.replace(profile, home=home, travel_km=travel, hours_per_week=hours)


async def _form_state(request: Request) -> tuple[FormData, PoortState]:
    form = await request.form()
    ctx = get_context(request)
    state = decode_state(str(form.get("state") or ""), taxonomy(ctx))
    return form, state


def _region(profile: Profile) -> str | None:
    return profile.home.gemeente or None


# --- a step page opened without its form (a bookmark, the language switch): back to the start ----------------------


@router.get("/poort/{step}", include_in_schema=False)
def poort_step_without_state(request: Request, step: str) -> RedirectResponse:
    """The steps after the first carry the person's choices in a form; without it, start again (nothing is kept)."""
    return RedirectResponse(f"/poort?lang={get_lang(request)}", status_code=303)


# --- step 1: start --------------------------------------------------------------------------------------------------


@router.get("/poort", response_class=HTMLResponse)
def poort_start(request: Request) -> HTMLResponse:
    ctx = get_context(request)
    return _page(request, "poort/start.html", None, 1, error=None, skill_choices=_skill_choices(ctx, get_lang(request)))


async def _read_upload(request: Request, form: FormData) -> tuple[bytes | str, str | None]:
    limit = get_context(request).settings.max_upload_bytes
    upload = form.get("cv")
    if isinstance(upload, UploadFile) and (upload.filename or upload.size):
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise TooLargeError(f"the file is larger than {limit // 1024 // 1024} MB")
        name = PurePath((upload.filename or "cv").replace("\\", "/")).name[:120]  # a name, never a path
        return data, name
    text = str(form.get("cv_text") or "")
    if text.strip():
        return text[:200_000], None
    raise ValidationError("choose a file or paste the text of your CV")


@router.post("/poort/start", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def poort_begin(request: Request) -> HTMLResponse:
    ctx = get_context(request)
    lang = get_lang(request)
    limit = ctx.settings.max_upload_bytes
    form = await request.form(max_part_size=limit + 1)
    how = str(form.get("how") or "")
    svc = _svc()
    tax = taxonomy(ctx)
    try:
        wishes: list[dict[str, str]] = []
        if how == "cv":
            content, name = await _read_upload(request, form)
            profile, extraction = await run_in_threadpool(lambda: svc.profile_from_cv(ctx, content, filename=name))
            profile, wishes = orientation.cv_sentences(profile, str(extraction.get("text") or ""))
        elif how == "occupation":
            occupation = " ".join(str(form.get("occupation") or "").split())[:120]
            if not occupation:
                raise ValidationError("type the name of a job you do or did")
            profile = await run_in_threadpool(lambda: svc.profile_from_occupation(ctx, occupation))
        elif how == "skills":
            uris = [str(u) for u in form.getlist("skill")][:150]
            if not uris:
                raise ValidationError("tick at least one thing you can do")
            profile = await run_in_threadpool(lambda: svc.profile_from_skills(ctx, uris))
        else:
            raise ValidationError("choose how you want to start")
        state = PoortState(profile=clean_profile(profile, tax), start=how)
    except KrapteError as exc:
        return _error(request, exc, None)
    shown = [{**orientation.concept_label(ctx, w["uri"], lang), "sentence": w["sentence"]} for w in wishes]
    return _skills_page(request, state, lang, wishes=shown)


# --- step 2: what you can already do --------------------------------------------------------------------------------


def _skills_page(
    request: Request, state: PoortState, lang: Language, suggestions: list[dict[str, Any]] | None = None,
    error: KrapteError | None = None, wishes: list[dict[str, Any]] | None = None,
) -> HTMLResponse:  # fmt: skip
    ctx = get_context(request)
    occupations = [orientation.concept_label(ctx, o.uri, lang) for o in state.profile.occupations]
    return _page(
        request,
        "poort/skills.html",
        state,
        2,
        status_code=error.http_status if error else 200,
        groups=orientation.grouped_skills(ctx, state.profile, lang),
        occupations=occupations,
        suggestions=suggestions or [],
        wishes=wishes or [],
        gemeenten=orientation.gemeente_names(),
        travel_choices=TRAVEL_CHOICES,
        error=error,
    )


@router.post("/poort/vaardigheden", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def poort_skills(request: Request) -> HTMLResponse:
    """Keep the ticked skills, add chosen suggestions, look up typed ones; then stay or go on to step 3."""
    ctx = get_context(request)
    lang = get_lang(request)
    form, state = await _form_state(request)
    keep = {str(u) for u in form.getlist("keep")}
    add = [str(u) for u in form.getlist("add")][:30]
    profile = state.profile
    profile = dataclasses.replace(profile, skills=profile.skills.restrict(keep))
    if add:
        added = SkillSet.of([u for u in add if u not in profile.skills], source="self-declared")
        profile = dataclasses.replace(profile, skills=profile.skills.union(added))
    try:
        profile = _about_you(form, profile)
        state = state.with_profile(clean_profile(profile, taxonomy(ctx)))
    except KrapteError as exc:
        return _skills_page(request, state, lang, error=exc)
    query = str(form.get("search") or "").strip()
    if form.get("action") == "search" or (query and form.get("action") != "next"):
        suggestions = [
            s for s in orientation.skill_suggestions(ctx, query, lang=lang) if s["uri"] not in profile.skills
        ]
        return _skills_page(request, state, lang, suggestions=suggestions)
    if form.get("action") == "next":
        if not len(state.profile.skills) and not state.profile.occupations:
            return _skills_page(request, state, lang, error=ValidationError("keep or add at least one skill"))
        return await _cards_page(request, state, lang)
    return _skills_page(request, state, lang)


# --- step 3: what you could become ----------------------------------------------------------------------------------


async def _cards_page(request: Request, state: PoortState, lang: Language) -> HTMLResponse:
    ctx = get_context(request)
    svc = _svc()
    profile = state.profile
    region = _region(profile)

    fmt = Formatter(lang)

    def work() -> tuple[list[dict[str, Any]], bool]:
        found = svc.pathways(ctx, profile=profile, region=region, top=CARDS, lang=lang)
        weak = not any(p.viable for p in found)
        if not found:  # nothing within reach yet: show the closest ones, honestly marked
            found = orientation.pathways_to_consider(ctx, profile, region=region, top=CARDS, lang=lang)
        cards = []
        for pathway in found:
            card = svc.occupation_card(ctx, pathway.uri, region=region, lang=lang)
            cards.append(card_view(ctx, pathway.to_dict(), card, lang, fmt))
        return cards, weak

    cards, weak = await run_in_threadpool(work)
    return _page(request, "poort/cards.html", state, 3, cards=cards, weak=weak)


@router.post("/poort/beroepen", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def poort_cards(request: Request) -> HTMLResponse:
    _, state = await _form_state(request)
    return await _cards_page(request, state, get_lang(request))


# --- step 4: how to get there ---------------------------------------------------------------------------------------


def _choose(form: FormData, state: PoortState, ctx: Context) -> PoortState:
    target = str(form.get("target") or state.target)
    if not target or target not in taxonomy(ctx).occupations:
        raise ValidationError("choose an occupation first")
    objective = str(form.get("objective") or state.objective)
    if objective not in OBJECTIVES:
        raise ValidationError("unknown choice")
    return dataclasses.replace(state, target=target, objective=objective)  # type: ignore[arg-type]


def _plan(ctx: Context, state: PoortState, lang: Language) -> dict[str, Any]:
    svc = _svc()
    profile = state.profile
    fmt = Formatter(lang)
    region = _region(profile)
    with in_one_transaction(ctx):  # the pathway's and the plan's audit entries: one commit
        pathway = svc.pathway_to(ctx, state.target, profile=profile, region=region, lang=lang).to_dict()
        plan = svc.training_plan(ctx, profile=profile, target=state.target, objective=state.objective, lang=lang)
    card = svc.occupation_card(ctx, state.target, region=region, lang=lang)
    return {
        "card": card_view(ctx, pathway, card, lang, fmt),
        "plan": plan_view(plan.to_dict(), lang, fmt),
        "uncovered": [g["label"] for g in pathway["gap_skills"] if g["uri"] in set(plan.uncovered)],
        "gap_count": len(pathway["gap_skills"]),
    }


@router.post("/poort/plan", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def poort_plan(request: Request) -> HTMLResponse:
    ctx = get_context(request)
    lang = get_lang(request)
    form, state = await _form_state(request)
    try:
        state = _choose(form, state, ctx)
    except KrapteError as exc:
        return _error(request, exc, state)
    result = await run_in_threadpool(lambda: _plan(ctx, state, lang))
    return _page(request, "poort/plan.html", state, 4, objectives=OBJECTIVES, **result)


# --- step 5: jobs now -----------------------------------------------------------------------------------------------


def _jobs(ctx: Context, profile: Profile, lang: Language) -> list[dict[str, Any]]:
    svc = _svc()
    fmt = Formatter(lang)
    out = []
    for match in svc.vacancies_for(ctx, profile=profile, top=JOBS):
        vacancy = svc.get_vacancy(ctx, match.vacancy_id)
        out.append(job_view(ctx, match.to_dict(), vacancy, lang, fmt))
    return out


@router.post("/poort/vacatures", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def poort_jobs(request: Request) -> HTMLResponse:
    ctx = get_context(request)
    _, state = await _form_state(request)
    jobs = await run_in_threadpool(lambda: _jobs(ctx, state.profile, get_lang(request)))
    target = orientation.concept_label(ctx, state.target, get_lang(request)) if state.target else None
    return _page(request, "poort/jobs.html", state, 5, jobs=jobs, target=target)


# --- step 6: next step ----------------------------------------------------------------------------------------------


def _summary(ctx: Context, state: PoortState, lang: Language) -> dict[str, Any]:
    """Everything the summary shows (the page and the PDF): skills, chosen work with plan, jobs, the Werkcentrum."""
    result: dict[str, Any] = {"plan": None, "card": None, "uncovered": [], "gap_count": 0}
    if state.target:
        result.update(_plan(ctx, state, lang))
    result["jobs"] = _jobs(ctx, state.profile, lang)[:5]
    result["contact"] = _svc().contact_point(ctx, _region(state.profile))
    result["groups"] = orientation.grouped_skills(ctx, state.profile, lang)
    result["target"] = orientation.concept_label(ctx, state.target, lang) if state.target else None
    return result


@router.post("/poort/samenvatting", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def poort_summary(request: Request) -> HTMLResponse:
    ctx = get_context(request)
    lang = get_lang(request)
    _, state = await _form_state(request)
    result = await run_in_threadpool(lambda: _summary(ctx, state, lang))
    return _page(request, "poort/summary.html", state, 6, saved_id=None, **result)


@router.post("/poort/samenvatting/pdf", dependencies=[Depends(verify_csrf)])
async def poort_summary_pdf(request: Request) -> Response:
    """The summary as a PDF download, made from the validated state; nothing is stored, nothing is cached."""
    ctx = get_context(request)
    lang = get_lang(request)
    _, state = await _form_state(request)

    def work() -> bytes:
        return summary_pdf(_summary(ctx, state, lang), lang)

    data = await run_in_threadpool(work)
    name = "samenvatting-ander-werk.pdf" if lang == "nl" else "summary-other-work.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@router.post("/poort/opslaan", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def poort_save(request: Request) -> HTMLResponse:
    """Save the profile in the signed-in person's own account (the only step that stores anything)."""
    ctx = get_context(request)
    ctx.require("personal.own")
    _, state = await _form_state(request)
    profile_id = await run_in_threadpool(lambda: _svc().save_profile(ctx, state.profile))
    return _page(request, "poort/saved.html", state, 6, saved_id=profile_id)
