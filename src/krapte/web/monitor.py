"""Web pages of the monitor under ``/maatregelen``: measures per pillar, detail with budget, indicator charts,
KPI progress and effect estimates, create/edit/retire forms with change history, printable reports.

Edits carry the version the form was opened at; when someone saved in between the page says so (409) and
shows the current values instead of overwriting them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from krapte.api.deps import get_context, get_lang, verify_csrf
from krapte.api.middleware import CSP
from krapte.charting import format_number
from krapte.errors import ConflictError, KrapteError, NotFoundError, ValidationError
from krapte.monitor.measure_form import FORM_FIELDS, REPEATED, FormErrors, form_values, measure_from_form
from krapte.monitor.measures import PILLARS, VERIFICATION_LABELS
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
        "monitor.rows_hint": {
            "nl": "Lege rijen worden overgeslagen. Bedragen mogen met een komma (1.250.000,50). Sla op om nog een "
            "rij toe te voegen.",
            "en": "Empty rows are skipped. Amounts may use a decimal comma (1.250.000,50). Save to add another row.",
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

EDIT_FIELDS = tuple(f for f in FORM_FIELDS if f.name != "status")  # retiring has its own button
GROUP_LABELS: dict[str, dict[str, str]] = {
    "budget": {"nl": "Budget", "en": "Budget"},
    "rollout": {"nl": "Uitrol per regio", "en": "Roll-out per region"},
    "indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "kpis": {"nl": "Doelen", "en": "Targets"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
}


def _form_context(values: dict[str, Any], field_errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """What ``monitor/form.html`` needs: the field descriptions, the rows of each repeated part, the labels."""
    rows: dict[str, list[int]] = {}
    for group in REPEATED:
        found = {int(k.split("-")[1]) for k in values if k.startswith(f"{group}-") and k.count("-") >= 2}
        rows[group] = sorted(n for n in found if n < 1000)
    return {
        "fields": EDIT_FIELDS,
        "repeated": REPEATED,
        "group_rows": rows,
        "group_labels": GROUP_LABELS,
        "pillars": PILLARS,
        "verification_labels": VERIFICATION_LABELS,
        "field_errors": field_errors or {},
        "values": values,
    }


async def _posted(request: Request) -> dict[str, Any]:
    """The posted form as field name -> text (pillars: a list), as :func:`measure_from_form` reads it."""
    form = await request.form()
    values: dict[str, Any] = {}
    for key in set(form.keys()):
        items = [str(v) for v in form.getlist(key)]
        values[key] = items if key == "pillars" else (items[0] if items else "")
    values.setdefault("pillars", [])
    return values


def _with_blank_rows(values: dict[str, Any]) -> dict[str, Any]:
    """Posted values with one empty row more in every repeated part, so that an item can be added."""
    out = dict(values)
    for group, fields in REPEATED.items():
        used = [int(k.split("-")[1]) for k in values if k.startswith(f"{group}-") and k.count("-") >= 2]
        n = max(used, default=-1) + 1
        for f in fields:
            out.setdefault(f"{group}-{n}-{f.name}", "")
    return out


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
    values: dict[str, Any] = {**form_values(None), "instrument_type": "programme", "verification_status": "unverified"}
    return render(request, "monitor/form.html", mode="new", errors=[], **_form_context(values))


@router.post("/maatregelen/nieuw", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def create_page(request: Request, ctx: Context = Depends(get_context)) -> Response:
    ctx.require("registry.write")
    values = await _posted(request)
    try:
        measure = measure_from_form(values)
        measure, _ = svc.create_measure(ctx, measure.to_dict(), comment=str(values.get("comment", "")))
    except FormErrors as exc:
        return _form_error(request, "new", values, exc, exc.field_errors)
    except (ValidationError, ConflictError) as exc:
        return _form_error(request, "new", values, exc)
    return RedirectResponse(f"/maatregelen/{measure.id}?lang={get_lang(request)}", status_code=303)


def _form_error(
    request: Request,
    mode: str,
    values: dict[str, Any],
    exc: KrapteError,
    field_errors: dict[str, list[str]] | None = None,
) -> HTMLResponse:
    errors = [] if field_errors else (exc.details.get("problems") or [exc.message])
    return render(
        request,
        "monitor/form.html",
        status_code=exc.http_status,
        mode=mode,
        errors=errors,
        **_form_context(_with_blank_rows(values), field_errors),
    )


def _standalone(html: str) -> HTMLResponse:
    """A printable report is a standalone document (also a download) with its own ``<style>``: the page's policy
    allows exactly those styles, by hash, and nothing else inline."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"
        for style in re.findall(r"<style>(.*?)</style>", html, re.S)
    )
    policy = CSP.replace("style-src 'self'", f"style-src 'self' {hashes}") if hashes else CSP
    return HTMLResponse(html, headers={"content-security-policy": policy})


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
    return _standalone(svc.overview(ctx, "html", get_lang(request)))


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
    return _standalone(render_measure_report(report, fmt="html", lang=get_lang(request)))


@router.get("/maatregelen/{measure_id}/bewerken", response_class=HTMLResponse)
def edit_page(request: Request, measure_id: str, ctx: Context = Depends(get_context)) -> HTMLResponse:
    ctx.require("registry.write")
    measure, version = svc.get_measure(ctx, measure_id)
    values = {**form_values(measure), "version": str(version)}
    return render(request, "monitor/form.html", mode="edit", errors=[], **_form_context(values))


@router.post("/maatregelen/{measure_id}/bewerken", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def update_page(request: Request, measure_id: str, ctx: Context = Depends(get_context)) -> Response:
    ctx.require("registry.write")
    values = {**await _posted(request), "id": measure_id}
    try:
        values["status"] = svc.get_measure(ctx, measure_id)[0].status
        measure = measure_from_form(values)
        version = str(values.get("version", ""))
        if not version.isdigit():
            raise ValidationError("the form lost its version number", hint="reload the edit page")
        svc.update_measure(
            ctx, measure_id, measure.to_dict(), expected_version=int(version), comment=str(values.get("comment", ""))
        )
    except ConflictError:
        current, now = svc.get_measure(ctx, measure_id)
        return render(
            request,
            "monitor/form.html",
            status_code=409,
            mode="edit",
            errors=[],
            conflict=True,
            **_form_context({**form_values(current), "version": str(now)}),
        )
    except FormErrors as exc:
        return _form_error(request, "edit", values, exc, exc.field_errors)
    except KrapteError as exc:
        return _form_error(request, "edit", values, exc)
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
