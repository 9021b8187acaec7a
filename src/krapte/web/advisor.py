"""The advisor's workspace (``/adviseur``): own clients, their profiles, pathways and vacancy shortlists with
explanations, hide/pin with a reason (logged), the log of what was suggested, and candidates for a vacancy.

Every page needs the ``personal.clients`` permission; the services decide which profiles an advisor may open
(only their own clients': anyone else's answers 404). Nothing here reads the store directly.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from krapte.api.deps import get_context, get_lang, verify_csrf
from krapte.errors import KrapteError, TooLargeError, ValidationError
from krapte.services import accounts, orientation
from krapte.services.context import Context
from krapte.settings import Language
from krapte.web.i18n import register
from krapte.web.poort_format import Formatter
from krapte.web.poort_text import register_texts
from krapte.web.poort_view import card_view, job_view
from krapte.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
register_texts()
register(
    {
        "nav.advisor": {"nl": "Mijn cliënten", "en": "My clients"},
        "advisor.title": {"nl": "Mijn cliënten", "en": "My clients"},
        "advisor.intro": {
            "nl": "U ziet alleen uw eigen cliënten. Elke suggestie en elke aanpassing wordt vastgelegd.",
            "en": "You see only your own clients. Every suggestion and every change is logged.",
        },
        "advisor.clients": {"nl": "Cliënten", "en": "Clients"},
        "advisor.no_clients": {
            "nl": "U heeft nog geen cliënten. Een beheerder koppelt cliënten aan uw account.",
            "en": "You have no clients yet. An administrator links clients to your account.",
        },
        "advisor.client": {"nl": "Cliënt", "en": "Client"},
        "advisor.profiles": {"nl": "Profielen", "en": "Profiles"},
        "advisor.no_profiles": {"nl": "Nog geen profiel.", "en": "No profile yet."},
        "advisor.open": {"nl": "Open profiel", "en": "Open profile"},
        "advisor.updated": {"nl": "bijgewerkt", "en": "updated"},
        "advisor.skills_count": {"nl": "vaardigheden", "en": "skills"},
        "advisor.new": {"nl": "Nieuw profiel voor een cliënt", "en": "New profile for a client"},
        "advisor.new_help": {
            "nl": "Upload het cv van de cliënt, of vul een beroep in dat de cliënt deed.",
            "en": "Upload the client's CV, or enter an occupation the client had.",
        },
        "advisor.cv": {"nl": "Cv (pdf, Word of tekst)", "en": "CV (PDF, Word or text)"},
        "advisor.occupation": {"nl": "Of een beroep", "en": "Or an occupation"},
        "advisor.place": {"nl": "Woonplaats (gemeente)", "en": "Home (municipality)"},
        "advisor.create": {"nl": "Profiel maken", "en": "Create profile"},
        "advisor.vacancies": {"nl": "Vacatures en kandidaten", "en": "Vacancies and candidates"},
        "advisor.profile": {"nl": "Profiel", "en": "Profile"},
        "advisor.skills": {"nl": "Vaardigheden", "en": "Skills"},
        "advisor.pathways": {"nl": "Mogelijk werk", "en": "Possible work"},
        "advisor.shortlist": {"nl": "Vacatures voor deze cliënt", "en": "Vacancies for this client"},
        "advisor.pinned": {"nl": "vastgezet door een adviseur", "en": "pinned by an advisor"},
        "advisor.hidden": {"nl": "Verborgen suggesties", "en": "Hidden suggestions"},
        "advisor.reason": {"nl": "Reden", "en": "Reason"},
        "advisor.hide": {"nl": "Verbergen", "en": "Hide"},
        "advisor.pin": {"nl": "Vastzetten", "en": "Pin"},
        "advisor.override_help": {
            "nl": "Verbergen of vastzetten kan alleen met een reden. De reden wordt vastgelegd.",
            "en": "Hiding or pinning needs a reason. The reason is logged.",
        },
        "advisor.log": {"nl": "Wat is er voorgesteld", "en": "What was suggested"},
        "advisor.log_when": {"nl": "Wanneer", "en": "When"},
        "advisor.log_what": {"nl": "Wat", "en": "What"},
        "advisor.log_who": {"nl": "Door", "en": "By"},
        "advisor.log_none": {"nl": "Nog niets vastgelegd.", "en": "Nothing logged yet."},
        "advisor.delete": {"nl": "Profiel verwijderen", "en": "Delete profile"},
        "advisor.deleted": {"nl": "Het profiel is verwijderd.", "en": "The profile was deleted."},
        "advisor.candidates": {"nl": "Kandidaten uit uw cliënten", "en": "Candidates among your clients"},
        "advisor.no_candidates": {"nl": "Geen passende cliënten.", "en": "No suitable clients."},
        "advisor.vacancy_list": {"nl": "Vacatures", "en": "Vacancies"},
        "advisor.back": {"nl": "Terug naar mijn cliënten", "en": "Back to my clients"},
        "action.recommend.pathways": {"nl": "beroepen voorgesteld", "en": "occupations suggested"},
        "action.recommend.pathway": {"nl": "route naar een beroep bekeken", "en": "pathway to an occupation viewed"},
        "action.recommend.training": {"nl": "opleidingsplan gemaakt", "en": "training plan made"},
        "action.match.vacancies": {"nl": "vacatures voorgesteld", "en": "vacancies suggested"},
        "action.override": {"nl": "suggestie aangepast", "en": "suggestion changed"},
    }
)

SHORTLIST = 10
PATHWAYS = 5


def _svc() -> Any:
    from krapte.services import match

    return match


def _require(request: Request) -> Context:
    ctx = get_context(request)
    ctx.require_signed_in()
    ctx.require("personal.clients")
    return ctx


@router.get("/adviseur", response_class=HTMLResponse)
def advisor_home(request: Request, verwijderd: int = 0) -> HTMLResponse:
    ctx = _require(request)
    clients = accounts.list_clients(ctx)
    profiles = _svc().list_profiles(ctx)
    by_client: dict[str, list[dict[str, Any]]] = {c.id: [] for c in clients}
    for p in profiles:
        by_client.setdefault(p["owner_id"], []).append(p)
    return render(
        request, "advisor/home.html", clients=clients, by_client=by_client, deleted=bool(verwijderd),
        gemeenten=orientation.gemeente_names(),
    )  # fmt: skip


@router.post("/adviseur/profielen", dependencies=[Depends(verify_csrf)])
async def advisor_create(request: Request) -> Response:
    """A new profile for one of the advisor's clients, from a CV or an occupation."""
    ctx = _require(request)
    limit = ctx.settings.max_upload_bytes
    form = await request.form(max_part_size=limit + 1)
    client = str(form.get("client") or "")
    if client not in {c.id for c in accounts.list_clients(ctx)}:
        raise ValidationError("choose one of your clients")
    svc = _svc()
    upload = form.get("cv")
    occupation = " ".join(str(form.get("occupation") or "").split())[:120]
    if isinstance(upload, UploadFile) and (upload.filename or upload.size):
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise TooLargeError(f"the file is larger than {limit // 1024 // 1024} MB")
        name = PurePath((upload.filename or "cv").replace("\\", "/")).name[:120]
        profile, _ = await run_in_threadpool(lambda: svc.profile_from_cv(ctx, data, filename=name))
    elif occupation:
        profile = await run_in_threadpool(lambda: svc.profile_from_occupation(ctx, occupation))
    else:
        raise ValidationError("upload a CV or enter an occupation")
    place = str(form.get("gemeente") or "").strip()
    if place:
        found = orientation.find_gemeente(place)
        if found is None:
            raise ValidationError(f"unknown gemeente {place[:60]!r}")
        from dataclasses import replace

        from krapte.match import Location

        profile = replace(profile, home=Location(gemeente=found[0], name=found[1]), travel_km=30.0)
    profile_id = await run_in_threadpool(lambda: svc.save_profile(ctx, profile, owner_id=client))
    return RedirectResponse(f"/adviseur/profiel/{profile_id}?lang={get_lang(request)}", status_code=303)


def _item_label(ctx: Context, item: str, lang: Language) -> str:
    """What a hidden or pinned item is: an occupation's label or a vacancy's title (else its id)."""
    if item.startswith("http://data.europa.eu/esco/occupation/"):
        return str(orientation.concept_label(ctx, item, lang)["label"])
    try:
        return str(_svc().get_vacancy(ctx, item).title)
    except KrapteError:
        return item


def _profile_page(ctx: Context, profile_id: str, lang: Language) -> dict[str, Any]:
    svc = _svc()
    profile = svc.get_profile(ctx, profile_id)  # 404 for anyone else's client
    fmt = Formatter(lang)
    region = profile.home.gemeente or None
    cards = []
    for pathway in svc.pathways(ctx, profile=profile, region=region, top=PATHWAYS, lang=lang):
        card = svc.occupation_card(ctx, pathway.uri, region=region, lang=lang)
        view = card_view(ctx, pathway.to_dict(), card, lang, fmt)
        cards.append(view)
    jobs = []
    for match in svc.vacancies_for(ctx, profile=profile, top=SHORTLIST):
        d = match.to_dict()
        view = job_view(ctx, d, svc.get_vacancy(ctx, match.vacancy_id), lang, fmt)
        view["override"] = d.get("override")
        jobs.append(view)
    overrides = svc.list_overrides(ctx, profile_id)
    hidden = [
        {**o, "label": _item_label(ctx, str(o.get("item", "")), lang)} for o in overrides if o.get("action") == "hide"
    ]
    return {
        "profile": profile,
        "groups": orientation.grouped_skills(ctx, profile, lang),
        "cards": cards,
        "jobs": jobs,
        "hidden": hidden,
        "log": orientation.recommendation_log(ctx, profile_id),
        "fmt": fmt,
    }


@router.get("/adviseur/profiel/{profile_id}", response_class=HTMLResponse)
async def advisor_profile(request: Request, profile_id: str) -> HTMLResponse:
    ctx = _require(request)
    lang = get_lang(request)
    page = await run_in_threadpool(lambda: _profile_page(ctx, profile_id, lang))
    return render(request, "advisor/profile.html", profile_id=profile_id, **page)


@router.post("/adviseur/profiel/{profile_id}/aanpassen", dependencies=[Depends(verify_csrf)])
async def advisor_override(request: Request, profile_id: str) -> Response:
    """Hide or pin a vacancy or occupation for this client, with a reason (stored and logged by the service)."""
    ctx = _require(request)
    form = await request.form()
    action = str(form.get("action") or "")
    if action not in ("hide", "pin"):
        raise ValidationError("choose hide or pin")
    item = str(form.get("item") or "")[:500]
    reason = str(form.get("reason") or "")
    _svc().get_profile(ctx, profile_id)
    _svc().override(ctx, subject=profile_id, item=item, action=action, reason=reason)
    return RedirectResponse(f"/adviseur/profiel/{profile_id}?lang={get_lang(request)}", status_code=303)


@router.post("/adviseur/profiel/{profile_id}/verwijderen", dependencies=[Depends(verify_csrf)])
def advisor_delete(request: Request, profile_id: str) -> Response:
    ctx = _require(request)
    _svc().delete_profile(ctx, profile_id)
    return RedirectResponse(f"/adviseur?verwijderd=1&lang={get_lang(request)}", status_code=303)


@router.get("/adviseur/vacatures", response_class=HTMLResponse)
def advisor_vacancies(request: Request) -> HTMLResponse:
    ctx = _require(request)
    return render(request, "advisor/vacancies.html", vacancies=_svc().list_vacancies(ctx, limit=100))


@router.get("/adviseur/vacature/{vacancy_id}", response_class=HTMLResponse)
async def advisor_candidates(request: Request, vacancy_id: str) -> HTMLResponse:
    ctx = _require(request)
    lang = get_lang(request)
    svc = _svc()

    def work() -> dict[str, Any]:
        vacancy = svc.get_vacancy(ctx, vacancy_id)
        fmt = Formatter(lang)
        names = {c.id: c.username for c in accounts.list_clients(ctx)}
        owners = {p["id"]: p["owner_id"] for p in svc.list_profiles(ctx)}
        rows = []
        for match in svc.candidates_for(ctx, vacancy_id, top=SHORTLIST):
            d = match.to_dict()
            view = job_view(ctx, d, vacancy, lang, fmt)
            view["profile_id"] = match.profile_id
            view["client"] = names.get(owners.get(match.profile_id, ""), "")
            view["override"] = d.get("override")
            rows.append(view)
        return {"vacancy": vacancy, "candidates": rows}

    try:
        page = await run_in_threadpool(work)
    except KrapteError:
        raise
    return render(request, "advisor/candidates.html", **page)
