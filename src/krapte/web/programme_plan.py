"""``/regio/programmas/planning``: plan RES, NPE and NPLW together from the programmes page (analysts).

The button "plan de programma's samen" on ``/regio/programmas`` posts here (with the CSRF token, like every form);
the use case :func:`krapte.services.programme_plan.start_programme_plan` starts a job and the browser goes to the
job's page, which ``/static/jobs.js`` follows until it shows the slip table per programme, the binding occupation
groups and the cells still short, in Dutch number format, with the basis and source of the figures.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_context, get_lang, verify_csrf
from krapte.charting import format_number
from krapte.errors import KrapteError, NotFoundError
from krapte.services import Context
from krapte.web.i18n import register, translate
from krapte.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_TEMPLATE = "labour/programme_plan.html"

register(
    {
        "plan_programmes.title": {
            "nl": "De programma's samen plannen",
            "en": "Planning the programmes together",
        },
        "plan_programmes.intro": {
            "nl": "krapte schuift de startdatum van elk deel van RES, NPE en NPLW binnen een venster van 4 kwartalen, "
            "zodat er zo weinig mogelijk werk is waarvoor geen vakmensen zijn. Daarna ziet u per programma welke "
            "doelen te laat klaar zijn, hoeveel kwartalen, en welke beroepen de grens bepalen. Dit duurt ongeveer "
            "een minuut. Alleen voor analisten.",
            "en": "krapte moves the start of every tranche of RES, NPE and NPLW within a window of 4 quarters, so that "
            "as little work as possible lacks workers. You then see per programme which targets are met late, by "
            "how many quarters, and which occupations bind. This takes about a minute. Analysts only.",
        },
        "plan_programmes.button": {"nl": "Plan de programma's samen", "en": "Plan the programmes together"},
        "plan_programmes.programme": {"nl": "Programma", "en": "Programme"},
        "plan_programmes.all": {"nl": "alle drie", "en": "all three"},
        "plan_programmes.time_limit": {"nl": "Rekentijd (seconden)", "en": "Time limit (seconds)"},
        "plan_programmes.summary": {
            "nl": "{moved} van {tranches} delen verschoven; te laat: {late}; grootste vertraging {slip} kwartaal",
            "en": "{moved} of {tranches} tranches moved; late: {late}; largest slip {slip} quarter(s)",
        },
        "plan_programmes.none_late": {"nl": "niets", "en": "nothing"},
        "plan_programmes.component": {"nl": "Onderdeel", "en": "Component"},
        "plan_programmes.quantity": {"nl": "Hoeveelheid", "en": "Quantity"},
        "plan_programmes.target": {"nl": "Doel in", "en": "Target"},
        "plan_programmes.late": {"nl": "Te laat", "en": "Late"},
        "plan_programmes.share_late": {"nl": "Deel te laat", "en": "Share late"},
        "plan_programmes.max_slip": {"nl": "Grootste vertraging (kwartalen)", "en": "Largest slip (quarters)"},
        "plan_programmes.mean_slip": {"nl": "Gemiddelde vertraging (kwartalen)", "en": "Mean slip (quarters)"},
        "plan_programmes.binding": {
            "nl": "Beroepen die de grens bepalen (arbeidsjaren in cellen met tekort)",
            "en": "Occupations that bind (job-years in cells still short)",
        },
        "plan_programmes.cells": {
            "nl": "Tekort na planning per regio en beroepsgroep (fte-kwartalen)",
            "en": "Shortage after planning per region and occupation group (FTE-quarters)",
        },
        "plan_programmes.unverified": {"nl": "niet geverifieerd", "en": "unverified"},
        "plan_programmes.basis": {
            "nl": "Basis: geschat. Bron: {source}",
            "en": "Basis: estimated. Source: {source}",
        },
    }
)


@router.post("/regio/programmas/planning", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def start(
    request: Request,
    programme: str = Form("", max_length=4),
    time_limit: float = Form(60.0),
    ctx: Context = Depends(get_context),
) -> Response:
    """Start the joint plan as a job and send the browser to the job's page."""
    from krapte.services.programme_plan import ProgrammePlanRequest, start_programme_plan

    lang = get_lang(request)
    try:
        req = ProgrammePlanRequest(
            programmes=(programme,) if programme else (), time_limit=min(max(time_limit, 1.0), 120.0)
        )
        view = await run_in_threadpool(start_programme_plan, ctx, req)
    except KrapteError as exc:
        return render(request, _TEMPLATE, status_code=exc.http_status, error=str(exc), body=None)
    return RedirectResponse(f"/regio/programmas/planning/{view.id}?lang={lang}", status_code=303)


@router.get("/regio/programmas/planning/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str, ctx: Context = Depends(get_context)) -> HTMLResponse:
    """The job's progress while it runs, then the slip table per programme (or the error)."""
    from krapte.services import jobs
    from krapte.services.programme_plan import PROGRAMMES_KIND

    lang = get_lang(request)
    try:
        view = jobs.get(ctx, job_id)
        if view.kind != PROGRAMMES_KIND:
            raise NotFoundError(f"job {job_id[:40]!r} is not a programme plan")
    except KrapteError as exc:
        return render(request, _TEMPLATE, status_code=exc.http_status, error=str(exc), body=None)
    if view.status in ("queued", "running"):
        return render(request, _TEMPLATE, error=None, body=None, job=view)
    if view.status != "succeeded" or view.result is None:
        reason = view.error["error"]["message"] if view.error else translate(f"labour.job_{view.status}", lang)
        return render(request, _TEMPLATE, error=reason, body=None, job=view)
    body = view.result
    return render(
        request,
        _TEMPLATE,
        error=None,
        body=body,
        job=view,
        basis_text=translate("plan_programmes.basis", lang).format(source=body["source"]),
        number=lambda v, decimals=0: format_number(v, lang, decimals),
        percent=lambda v: format_number(100 * v, lang, 0) + " %",
    )


@router.post("/regio/programmas/planning/{job_id}/annuleren", dependencies=[Depends(verify_csrf)])
def cancel(request: Request, job_id: str, ctx: Context = Depends(get_context)) -> Response:
    """Cancel one's programme plan and go back to its page."""
    from krapte.services import jobs

    try:
        jobs.cancel(ctx, job_id)
    except KrapteError as exc:
        return render(request, _TEMPLATE, status_code=exc.http_status, error=str(exc), body=None)
    return RedirectResponse(f"/regio/programmas/planning/{job_id}?lang={get_lang(request)}", status_code=303)
