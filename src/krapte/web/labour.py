"""``/regio``: regional labour demand vs supply, a tension heat map over the 35 regions, and project planning.

The overview uses the embedded default scenario (the national scenario of RES, NPE and NPLW, ``nl-programmes-2030``)
with the default supply.
Charts are served as PNG or SVG by ``/regio/grafiek/...`` and embedded with ``<img>``. The planning form uploads a
project file and starts a planning job (signed-in users); the job's page follows it with ``/static/jobs.js`` and
then shows the before/after chart as an SVG data URI.
"""

from __future__ import annotations

import base64
from functools import cache
from typing import Any

import numpy as np
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_context, get_lang, get_settings, verify_csrf
from krapte.api.uploads import read_upload
from krapte.charting import MEDIA_TYPES, format_number
from krapte.errors import KrapteError, NotFoundError
from krapte.labour import charts
from krapte.services import Context
from krapte.web.i18n import register, translate
from krapte.web.notes import note
from krapte.web.templating import render

router = APIRouter(include_in_schema=False)

DEFAULT_GROUP = "0761"  # Elektriciens en elektronicamonteurs

register(
    {
        "labour.title": {
            "nl": "Regionale arbeidsvraag energietransitie",
            "en": "Regional labour demand, energy transition",
        },
        "labour.intro": {
            "nl": "Vraag van de projecten tegenover de capaciteit per arbeidsmarktregio en beroepsgroep, in het "
            "standaardscenario: het landelijke scenario van RES, NPE en NPLW (nl-programmes-2030). Capaciteit: "
            "de extra vraag die een regio opvangt voordat de ROA-indicator (ITA) op 0,85 komt.",
            "en": "Demand of the projects against capacity per labour-market region and occupation group, in the "
            "default scenario: the national scenario of RES, NPE and NPLW (nl-programmes-2030). Capacity: the "
            "extra demand a region absorbs before the ROA indicator (ITA) reaches 0.85.",
        },
        "labour.region": {"nl": "Arbeidsmarktregio", "en": "Labour-market region"},
        "labour.group": {"nl": "Beroepsgroep", "en": "Occupation group"},
        "labour.show": {"nl": "Toon", "en": "Show"},
        "labour.demand_supply": {"nl": "Vraag en capaciteit", "en": "Demand and capacity"},
        "labour.heatmap": {"nl": "Tekort per regio en kwartaal", "en": "Shortage per region and quarter"},
        "labour.demand": {"nl": "vraag (fte)", "en": "demand (FTE)"},
        "labour.capacity": {"nl": "capaciteit (fte)", "en": "capacity (FTE)"},
        "labour.quarter": {"nl": "kwartaal", "en": "quarter"},
        "labour.fte": {"nl": "fte", "en": "FTE"},
        "labour.fte_over": {"nl": "fte boven capaciteit", "en": "FTE above capacity"},
        "labour.am": {"nl": "arbeidsmarktregio", "en": "labour-market region"},
        "labour.unmet_total": {
            "nl": "Tekort over alle kwartalen (fte-kwartalen)",
            "en": "Shortage over all quarters (FTE-quarters)",
        },
        "labour.plan_title": {"nl": "Projecten plannen", "en": "Plan projects"},
        "labour.plan_intro": {
            "nl": "Upload een projectenlijst (CSV, JSON of Excel) met earliest_start, latest_end en "
            "duration_quarters. krapte kiest per project een startkwartaal binnen het venster, zodat het tekort "
            "aan vakmensen zo klein mogelijk wordt en daarna de piek.",
            "en": "Upload a project list (CSV, JSON or Excel) with earliest_start, latest_end and duration_quarters. "
            "krapte chooses each project's start quarter within its window to minimise the shortage of workers, "
            "then the peak.",
        },
        "labour.projects_file": {"nl": "Projectenlijst", "en": "Project list"},
        "labour.capacity_file": {"nl": "Capaciteit (optioneel, CSV)", "en": "Capacity (optional, CSV)"},
        "labour.time_limit": {"nl": "Rekentijd (seconden)", "en": "Time limit (seconds)"},
        "labour.plan": {"nl": "Plan", "en": "Plan"},
        "labour.result": {"nl": "Planning: voor en na", "en": "Planning: before and after"},
        "labour.before": {"nl": "voor planning", "en": "before planning"},
        "labour.after": {"nl": "na planning", "en": "after planning"},
        "labour.unmet": {"nl": "tekort (fte)", "en": "unmet demand (FTE)"},
        "labour.unmet_fteq": {"nl": "Tekort (fte-kwartalen)", "en": "Unmet demand (FTE-quarters)"},
        "labour.peak": {"nl": "Piektekort (fte)", "en": "Peak shortage (FTE)"},
        "labour.solver": {"nl": "Oplosser", "en": "Solver"},
        "labour.gap": {"nl": "optimaliteitsgat", "en": "optimality gap"},
        "labour.moves": {"nl": "Verschoven projecten", "en": "Projects moved"},
        "labour.project": {"nl": "Project", "en": "Project"},
        "labour.shift": {"nl": "Verschuiving (kwartalen)", "en": "Shift (quarters)"},
        "labour.no_moves": {"nl": "Geen project hoeft te schuiven.", "en": "No project needs to move."},
        "labour.cells": {"nl": "Tekort per regio en beroepsgroep", "en": "Shortage per region and occupation group"},
        "labour.error": {"nl": "De planning kon niet worden gemaakt", "en": "The plan could not be made"},
        "labour.job_queued": {"nl": "In de wachtrij", "en": "Waiting in the queue"},
        "labour.job_running": {"nl": "Bezig met plannen", "en": "Planning"},
        "labour.job_cancelled": {"nl": "De planning is geannuleerd", "en": "The planning was cancelled"},
        "labour.job_failed": {"nl": "De planning is mislukt", "en": "The planning failed"},
        "labour.job_wait": {
            "nl": "Deze pagina volgt de berekening en toont het resultaat zodra het klaar is.",
            "en": "This page follows the computation and shows the result when it is ready.",
        },
        "labour.job_refresh": {"nl": "Ververs", "en": "Refresh"},
        "labour.job_cancel": {"nl": "Annuleer", "en": "Cancel"},
    }
)


@cache
def _overview() -> dict[str, Any]:
    """Default-scenario demand per region × BRC group × quarter, capacity and labels (computed once)."""
    from krapte.labour.planning_pipeline import default_capacity
    from krapte.labour.regions import default_regions
    from krapte.labour.supply import brc_labels, default_supply
    from krapte.labour.tension import default_tension_table

    table = default_tension_table()
    supply = default_supply()
    capacity = default_capacity(supply, table.regions, table.groups)
    names = {r.code: r.name for r in default_regions().arbeidsmarktregios()}
    labels = brc_labels()
    demand = table.extra_demand
    active = [i for i, _ in enumerate(table.groups) if demand[:, i, :].any()]
    return {
        "table": table,
        "regions": table.regions,
        "region_names": names,
        "groups": table.groups,
        "group_labels": labels,
        "active_groups": [table.groups[i] for i in active],
        "quarters": table.quarters(),
        "demand": demand,
        "capacity": capacity,
        "unmet": np.maximum(demand - capacity[:, :, None], 0.0),
    }


def _pick(data: dict[str, Any], region: str, group: str) -> tuple[int, int]:
    groups = data["groups"]
    if group and group not in groups:
        raise NotFoundError(f"occupation group {group!r} is not a BRC 2014 group", hint="use e.g. 0761")
    g = groups.index(group or DEFAULT_GROUP)
    if region:
        if region not in data["regions"]:
            raise NotFoundError(f"region {region!r} is not an arbeidsmarktregio code", hint="use e.g. AM03")
        return data["regions"].index(region), g
    return int(data["unmet"][:, g, :].sum(axis=1).argmax()), g


@router.get("/regio", response_class=HTMLResponse)
def regio_page(request: Request, region: str = Query(""), group: str = Query("")) -> HTMLResponse:
    data = _overview()
    r, g = _pick(data, region, group)
    unmet = data["unmet"][:, g, :].sum(axis=1)
    ranking = sorted(
        (
            (data["regions"][i], data["region_names"].get(data["regions"][i], ""), round(float(unmet[i]), 1))
            for i in range(len(unmet))
        ),
        key=lambda row: -row[2],
    )[:10]
    return render(
        request,
        "labour/regio.html",
        regions=[(code, data["region_names"].get(code, code)) for code in data["regions"]],
        groups=[(code, data["group_labels"].get(code, code)) for code in data["active_groups"]],
        region=data["regions"][r],
        group=data["groups"][g],
        group_label=data["group_labels"].get(data["groups"][g], data["groups"][g]),
        ranking=ranking,
        basis=note(data["table"].basis(data["regions"][r], data["groups"][g]), get_lang(request)),
    )


@router.get("/regio/grafiek/vraag.{fmt}")
def demand_chart(request: Request, fmt: str, region: str = Query(""), group: str = Query("")) -> Response:
    lang = get_lang(request)
    data = _overview()
    r, g = _pick(data, region, group)
    t = lambda key: translate(key, lang)  # noqa: E731
    body = charts.demand_supply_chart(
        data["quarters"],
        data["demand"][r, g, :],
        np.full(len(data["quarters"]), data["capacity"][r, g]),
        title=f"{data['regions'][r]} {data['region_names'].get(data['regions'][r], '')} · "
        f"{data['group_labels'].get(data['groups'][g], data['groups'][g])}",
        demand_label=t("labour.demand"),
        capacity_label=t("labour.capacity"),
        xlabel=t("labour.quarter"),
        ylabel=t("labour.fte"),
        fmt=_fmt(fmt),
        lang=lang,
    )
    return Response(body, media_type=MEDIA_TYPES[fmt])


@router.get("/regio/grafiek/spanning.{fmt}")
def heatmap_chart(request: Request, fmt: str, group: str = Query("")) -> Response:
    lang = get_lang(request)
    data = _overview()
    _, g = _pick(data, data["regions"][0], group)
    t = lambda key: translate(key, lang)  # noqa: E731
    body = charts.tension_heatmap(
        [f"{c} {data['region_names'].get(c, '')}"[:28] for c in data["regions"]],
        data["quarters"],
        data["unmet"][:, g, :],
        title=f"{t('labour.heatmap')} · {data['group_labels'].get(data['groups'][g], data['groups'][g])}",
        colorbar_label=t("labour.fte_over"),
        xlabel=t("labour.quarter"),
        ylabel=t("labour.am"),
        fmt=_fmt(fmt),
        lang=lang,
    )
    return Response(body, media_type=MEDIA_TYPES[fmt])


def _fmt(fmt: str) -> charts.ImageFormat:
    if fmt == "png":
        return "png"
    if fmt == "svg":
        return "svg"
    raise NotFoundError(f"chart format {fmt!r} is not available", hint="use .png or .svg")


@router.post("/regio/planning", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def planning_page(
    request: Request,
    projects: UploadFile = File(...),
    capacity: UploadFile | None = File(None),
    time_limit: float = Form(20.0),
    ctx: Context = Depends(get_context),
) -> Response:
    """Start planning as a background job and send the browser to the job's page, which follows it."""
    from krapte.services.planning import FileContent, PlanRequest, start_plan

    lang = get_lang(request)
    limit = get_settings(request).max_upload_bytes
    try:
        ctx.require("jobs.run")
        content = await read_upload(projects, limit)
        cap = await read_upload(capacity, limit) if capacity is not None and capacity.filename else None
        req = PlanRequest(
            projects=FileContent(projects.filename or "projects.csv", content),
            capacity=FileContent(capacity.filename or "capacity.csv", cap) if capacity is not None and cap else None,
            time_limit=min(max(time_limit, 1.0), 120.0),
        )
        view = await run_in_threadpool(start_plan, ctx, req)
    except KrapteError as exc:
        return render(request, "labour/planning.html", status_code=exc.http_status, error=str(exc), body=None)
    return RedirectResponse(f"/regio/planning/{view.id}?lang={lang}", status_code=303)


@router.get("/regio/planning/{job_id}", response_class=HTMLResponse)
def planning_job_page(request: Request, job_id: str, ctx: Context = Depends(get_context)) -> HTMLResponse:
    """A planning job: its progress while it runs (``/static/jobs.js`` follows it), then its result or error."""
    from krapte.services import jobs
    from krapte.services.planning import PLAN_KIND

    lang = get_lang(request)
    try:
        view = jobs.get(ctx, job_id)
        if view.kind != PLAN_KIND:
            raise NotFoundError(f"job {job_id[:40]!r} is not a planning job")
    except KrapteError as exc:
        return render(request, "labour/planning.html", status_code=exc.http_status, error=str(exc), body=None)
    if view.status in ("queued", "running"):
        return render(request, "labour/planning.html", error=None, body=None, job=view)
    if view.status != "succeeded" or view.result is None:
        reason = view.error["error"]["message"] if view.error else translate(f"labour.job_{view.status}", lang)
        return render(request, "labour/planning.html", error=reason, body=None, job=view)
    body = view.result
    by_quarter = body["shortage_by_quarter"]
    svg = charts.planning_chart(
        by_quarter["quarters"],
        np.asarray(by_quarter["before"], dtype=float),
        np.asarray(by_quarter["after"], dtype=float),
        title=translate("labour.result", lang),
        before_label=translate("labour.before", lang),
        after_label=translate("labour.after", lang),
        xlabel=translate("labour.quarter", lang),
        ylabel=translate("labour.unmet", lang),
        fmt="svg",
        lang=lang,
    )
    chart = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    return render(
        request,
        "labour/planning.html",
        error=None,
        body=body,
        chart=chart,
        job=view,
        number=lambda v, decimals=0: format_number(v, lang, decimals),
    )


@router.post("/regio/planning/{job_id}/annuleren", dependencies=[Depends(verify_csrf)])
def planning_cancel(request: Request, job_id: str, ctx: Context = Depends(get_context)) -> Response:
    """Cancel one's planning job and go back to its page."""
    from krapte.services import jobs

    try:
        jobs.cancel(ctx, job_id)
    except KrapteError as exc:
        return render(request, "labour/planning.html", status_code=exc.http_status, error=str(exc), body=None)
    return RedirectResponse(f"/regio/planning/{job_id}?lang={get_lang(request)}", status_code=303)
