"""Web pages of the monitor under ``/maatregelen``: measures per pillar, detail with budget, indicator charts,
KPI progress and effect estimates, create/edit/retire forms with change history, printable reports.

Edits carry the version the form was opened at; when someone saved in between the page says so (409) and
shows the current values instead of overwriting them.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from krapte.api.deps import get_context, get_lang, verify_csrf
from krapte.charting import format_number
from krapte.errors import ConflictError, KrapteError, NotFoundError, ValidationError
from krapte.monitor.measures import (
    BUDGET_STATUSES,
    INSTRUMENT_TYPES,
    PILLARS,
    REGION_KINDS,
    VERIFICATION_LABELS,
    VERIFICATION_STATUSES,
    Measure,
)
from krapte.services import Context
from krapte.services import monitor as svc
from krapte.web.i18n import register
from krapte.web.templating import render

router = APIRouter(include_in_schema=False)

register(
    {
        "monitor.title": {"nl": "Maatregelen van het actieplan", "en": "Measures of the action plan"},
        "monitor.intro": {
            "nl": "Alle maatregelen van het Actieplan Groene en Digitale Banen per pijler, met budget, bronnen, "
            "indicatoren en de voortgang naar de doelen.",
            "en": "All measures of the Green and Digital Jobs Action Plan per pillar, with budget, sources, "
            "indicators and progress toward the targets.",
        },
        "monitor.new": {"nl": "Nieuwe maatregel", "en": "New measure"},
        "monitor.edit": {"nl": "Bewerken", "en": "Edit"},
        "monitor.retire": {"nl": "Beëindigen", "en": "Retire"},
        "monitor.retire_confirm": {
            "nl": "Maatregel beëindigen? Hij blijft bewaard met zijn geschiedenis.",
            "en": "Retire this measure? It is kept with its history.",
        },
        "monitor.save": {"nl": "Opslaan", "en": "Save"},
        "monitor.show_retired": {"nl": "Toon ook beëindigde maatregelen", "en": "Also show retired measures"},
        "monitor.retired": {"nl": "beëindigd", "en": "retired"},
        "monitor.active": {"nl": "actief", "en": "active"},
        "monitor.budget": {"nl": "Budget", "en": "Budget"},
        "monitor.no_budget": {"nl": "Geen budget bekend", "en": "No budget known"},
        "monitor.ministry": {"nl": "Ministerie", "en": "Ministry"},
        "monitor.delivery": {"nl": "Uitvoering", "en": "Delivery"},
        "monitor.period": {"nl": "Looptijd", "en": "Period"},
        "monitor.target_groups": {"nl": "Doelgroepen", "en": "Target groups"},
        "monitor.geography": {"nl": "Geografie", "en": "Geography"},
        "monitor.instrument": {"nl": "Instrument", "en": "Instrument"},
        "monitor.verification": {"nl": "Verificatie", "en": "Verification"},
        "monitor.indicators": {"nl": "Indicatoren", "en": "Indicators"},
        "monitor.kpis": {"nl": "Doelen", "en": "Targets"},
        "monitor.kpi_page": {"nl": "Voortgang doelen", "en": "Progress toward targets"},
        "monitor.sources": {"nl": "Bronnen", "en": "Sources"},
        "monitor.history": {"nl": "Wijzigingsgeschiedenis", "en": "Change history"},
        "monitor.effect": {"nl": "Effect", "en": "Effect"},
        "monitor.descriptive": {"nl": "beschrijvend, geen causale claim", "en": "descriptive, no causal claim"},
        "monitor.report": {"nl": "Afdrukbaar rapport", "en": "Printable report"},
        "monitor.overview": {"nl": "Overzicht per pijler (afdrukbaar)", "en": "Overview per pillar (printable)"},
        "monitor.export_csv": {"nl": "Exporteer CSV", "en": "Export CSV"},
        "monitor.export_json": {"nl": "Exporteer JSON", "en": "Export JSON"},
        "monitor.version": {"nl": "versie", "en": "version"},
        "monitor.who": {"nl": "Wie", "en": "Who"},
        "monitor.when": {"nl": "Wanneer", "en": "When"},
        "monitor.what": {"nl": "Wat", "en": "What"},
        "monitor.field": {"nl": "Veld", "en": "Field"},
        "monitor.old": {"nl": "Oud", "en": "Old"},
        "monitor.new_value": {"nl": "Nieuw", "en": "New"},
        "monitor.comment": {"nl": "Toelichting op de wijziging", "en": "Reason for the change"},
        "monitor.json_hint": {
            "nl": "Lijsten als JSON; zie docs/monitor.md voor de velden.",
            "en": "Lists as JSON; see docs/monitor.md for the fields.",
        },
        "monitor.conflict": {
            "nl": "Iemand anders heeft deze maatregel intussen opgeslagen. Hieronder staan de actuele waarden; "
            "breng uw wijziging opnieuw aan.",
            "en": "Someone else saved this measure in the meantime. The current values are shown below; "
            "apply your change again.",
        },
        "monitor.invalid": {"nl": "De maatregel is niet opgeslagen:", "en": "The measure was not saved:"},
        "monitor.required": {"nl": "benodigde groei per jaar", "en": "required growth per year"},
        "monitor.actual": {"nl": "gerealiseerde groei per jaar", "en": "actual growth per year"},
        "monitor.latest": {"nl": "laatste waarde", "en": "latest value"},
        "monitor.status.on-track": {"nl": "op koers", "en": "on track"},
        "monitor.status.off-track": {"nl": "niet op koers", "en": "off track"},
        "monitor.status.achieved": {"nl": "behaald", "en": "achieved"},
        "monitor.status.no-data": {"nl": "geen gegevens", "en": "no data"},
        "monitor.measures": {"nl": "maatregelen", "en": "measures"},
        "monitor.not_found": {"nl": "Maatregel niet gevonden", "en": "Measure not found"},
        "monitor.not_saved": {"nl": "Niet opgeslagen", "en": "Not saved"},
        "monitor.back": {"nl": "Terug naar de lijst", "en": "Back to the list"},
        "monitor.needed": {"nl": "Nodig", "en": "Needed"},
        "monitor.achieved_growth": {"nl": "Gerealiseerd", "en": "Achieved"},
        "monitor.seen": {"nl": "Trend tot nu toe, doorgetrokken naar", "en": "Trend so far, projected to"},
        "monitor.interval": {"nl": "80 %-interval", "en": "80 % interval"},
        "monitor.points": {"nl": "waarnemingen", "en": "observations"},
        "monitor.badge.definition-break": {"nl": "definitiebreuk", "en": "definition break"},
        "monitor.badge.proxy": {"nl": "benaderende reeks", "en": "proxy series"},
        "monitor.badge.few-points": {"nl": "weinig waarnemingen", "en": "few observations"},
        "monitor.badge.baseline-estimated": {"nl": "geschatte basiswaarde", "en": "estimated baseline"},
        "monitor.badge.no-data": {"nl": "geen gegevens", "en": "no data"},
    }
)

LIST_FIELDS = ("budget", "geography", "rollout", "indicators", "kpis", "sources")
TEXT_FIELDS = (
    "id",
    "title_nl",
    "title_en",
    "summary",
    "instrument_type",
    "lead_ministry",
    "delivery_organisation",
    "start",
    "end",
    "verification_status",
    "notes",
)


def _form_context() -> dict[str, Any]:
    return {
        "pillars": PILLARS,
        "instrument_types": INSTRUMENT_TYPES,
        "verification_statuses": VERIFICATION_STATUSES,
        "verification_labels": VERIFICATION_LABELS,
        "budget_statuses": BUDGET_STATUSES,
        "region_kinds": REGION_KINDS,
    }


def _values_of(measure: Measure) -> dict[str, Any]:
    """The form's field values for a measure (lists as pretty JSON)."""
    data = measure.to_dict()
    values: dict[str, Any] = {k: data.get(k, "") for k in TEXT_FIELDS}
    values["pillars"] = list(measure.pillars)
    values["target_groups"] = ", ".join(measure.target_groups)
    for key in LIST_FIELDS:
        values[key] = json.dumps(data[key], ensure_ascii=False, indent=1)
    return values


async def _read_form(request: Request) -> tuple[dict[str, Any], dict[str, Any]]:
    """(raw values to show again, parsed record); JSON textareas that do not parse become validation errors."""
    form = await request.form()
    raw: dict[str, Any] = {k: str(form.get(k, "")) for k in (*TEXT_FIELDS, "target_groups", *LIST_FIELDS)}
    raw["pillars"] = [str(p) for p in form.getlist("pillars")]
    record: dict[str, Any] = {k: raw[k] for k in TEXT_FIELDS}
    record["pillars"] = raw["pillars"]
    record["target_groups"] = [t.strip() for t in raw["target_groups"].split(",") if t.strip()]
    for key in LIST_FIELDS:
        text = raw[key].strip()
        if not text:
            record[key] = {"kind": "national"} if key == "geography" else []
            continue
        try:
            record[key] = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                f"field {key}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                hint='write a JSON list such as [] or an object such as {"kind": "national"}',
            ) from None
    extra = {
        "comment": str(form.get("comment", "")),
        "version": str(form.get("version", "")),
    }
    return {**raw, **extra}, record


@router.get("/maatregelen", response_class=HTMLResponse)
def measures_page(request: Request, alle: bool = False, ctx: Context = Depends(get_context)) -> HTMLResponse:
    from krapte.monitor.report import eur, group_by_pillar

    measures = svc.list_measures(ctx, include_retired=alle)
    return render(
        request,
        "monitor/list.html",
        groups=group_by_pillar(measures),
        pillars=PILLARS,
        total=len(measures),
        include_retired=alle,
        eur=eur,
        verification_labels=VERIFICATION_LABELS,
    )


@router.get("/maatregelen/nieuw", response_class=HTMLResponse)
def new_page(request: Request, ctx: Context = Depends(get_context)) -> HTMLResponse:
    ctx.require("registry.write")
    values: dict[str, Any] = {k: "" for k in (*TEXT_FIELDS, "target_groups", *LIST_FIELDS)}
    values.update(
        pillars=[],
        instrument_type="programme",
        verification_status="unverified",
        geography='{"kind": "national", "regions": []}',
        **{k: "[]" for k in LIST_FIELDS if k != "geography"},
    )
    return render(request, "monitor/form.html", values=values, mode="new", errors=[], **_form_context())


@router.post("/maatregelen/nieuw", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def create_page(request: Request, ctx: Context = Depends(get_context)) -> Response:
    ctx.require("registry.write")
    raw: dict[str, Any] = {}
    try:
        raw, record = await _read_form(request)
        measure, _ = svc.create_measure(ctx, record, comment=raw["comment"])
    except (ValidationError, ConflictError) as exc:
        errors = exc.details.get("problems") or [exc.message]
        return render(
            request,
            "monitor/form.html",
            status_code=exc.http_status,
            values=raw,
            mode="new",
            errors=errors,
            **_form_context(),
        )
    return RedirectResponse(f"/maatregelen/{measure.id}?lang={get_lang(request)}", status_code=303)


@router.get("/maatregelen/kpi", response_class=HTMLResponse)
def kpi_page(request: Request, ctx: Context = Depends(get_context)) -> HTMLResponse:
    """Every target of the plan once, with its verdict, quality badges and the trend seen next to the one needed."""
    from krapte.monitor.kpi import growth_reason, growth_text

    lang = get_lang(request)
    rows = []
    for entry in svc.kpi_dashboard(ctx):
        text = svc.kpi_dashboard_chart(entry, "svg", lang).decode("utf-8")
        rows.append((entry.row.to_dict(), entry.row.progress, text[text.find("<svg") :]))
    return render(
        request,
        "monitor/kpi.html",
        rows=rows,
        growth=lambda rate, p: growth_text(rate, lang, reason=growth_reason(p, lang)),
        number=lambda v: "–" if v is None else format_number(v, lang),
    )


@router.get("/maatregelen/overzicht", response_class=HTMLResponse)
def overview_page(request: Request, ctx: Context = Depends(get_context)) -> HTMLResponse:
    return HTMLResponse(svc.overview(ctx, "html", get_lang(request)))


@router.get("/maatregelen/{measure_id}", response_class=HTMLResponse)
def detail_page(request: Request, measure_id: str, ctx: Context = Depends(get_context)) -> HTMLResponse:
    from krapte.monitor.report import number, percent

    try:
        report = svc.measure_report(ctx, measure_id)
    except NotFoundError as exc:
        return render(request, "monitor/missing.html", status_code=404, code=404, message=str(exc))
    return render(
        request,
        "monitor/detail.html",
        r=report,
        m=report.measure,
        pillars=PILLARS,
        verification_labels=VERIFICATION_LABELS,
        number=number,
        percent=percent,
        dumps=lambda v: json.dumps(v, ensure_ascii=False),
    )


@router.get("/maatregelen/{measure_id}/rapport", response_class=HTMLResponse)
def report_page(request: Request, measure_id: str, ctx: Context = Depends(get_context)) -> HTMLResponse:
    from krapte.monitor.report import render_measure_report

    report = svc.measure_report(ctx, measure_id)
    return HTMLResponse(render_measure_report(report, fmt="html", lang=get_lang(request)))


@router.get("/maatregelen/{measure_id}/bewerken", response_class=HTMLResponse)
def edit_page(request: Request, measure_id: str, ctx: Context = Depends(get_context)) -> HTMLResponse:
    ctx.require("registry.write")
    measure, version = svc.get_measure(ctx, measure_id)
    values = {**_values_of(measure), "version": str(version)}
    return render(request, "monitor/form.html", values=values, mode="edit", errors=[], **_form_context())


@router.post("/maatregelen/{measure_id}/bewerken", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def update_page(request: Request, measure_id: str, ctx: Context = Depends(get_context)) -> Response:
    ctx.require("registry.write")
    raw: dict[str, Any] = {"id": measure_id}
    try:
        raw, record = await _read_form(request)
        record["id"] = measure_id
        record["status"] = svc.get_measure(ctx, measure_id)[0].status
        version = int(raw["version"]) if raw["version"].isdigit() else None
        if version is None:
            raise ValidationError("the form lost its version number", hint="reload the edit page")
        svc.update_measure(ctx, measure_id, record, expected_version=version, comment=raw["comment"])
    except ConflictError:
        measure, current = svc.get_measure(ctx, measure_id)
        values = {**_values_of(measure), "version": str(current)}
        return render(
            request,
            "monitor/form.html",
            status_code=409,
            values=values,
            mode="edit",
            errors=[],
            conflict=True,
            **_form_context(),
        )
    except KrapteError as exc:
        errors = exc.details.get("problems") or [str(exc)]
        return render(
            request,
            "monitor/form.html",
            status_code=exc.http_status,
            values={**raw, "id": measure_id},
            mode="edit",
            errors=errors,
            **_form_context(),
        )
    return RedirectResponse(f"/maatregelen/{measure_id}?lang={get_lang(request)}", status_code=303)


@router.post("/maatregelen/{measure_id}/beeindigen", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def retire_page(request: Request, measure_id: str, ctx: Context = Depends(get_context)) -> Response:
    ctx.require("registry.write")
    form = await request.form()
    version = str(form.get("version", ""))
    try:
        svc.retire_measure(
            ctx,
            measure_id,
            expected_version=int(version) if version.isdigit() else None,
            comment=str(form.get("comment", "")),
        )
    except KrapteError as exc:  # e.g. someone edited it after this page was opened
        return render(
            request, "monitor/missing.html", status_code=exc.http_status, code=exc.http_status, message=str(exc)
        )
    return RedirectResponse(f"/maatregelen/{measure_id}?lang={get_lang(request)}", status_code=303)
