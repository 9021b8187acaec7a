"""``/api/v1/measures``, ``/api/v1/indicators``, ``/api/v1/kpis`` and ``/api/v1/kpi-targets``: the monitor over REST.

Reading is public. Writing needs a registry editor's (or admin's) session or an API token with the
``registry.write`` scope; the history records that principal. Edits use optimistic locking: ``GET
/measures/{id}`` returns the version in the body and as ``ETag``; ``PATCH`` and ``DELETE`` (retire) need it back as
``If-Match`` (or ``?version=``), and answer 409 when someone saved in between.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Header, Query, Response, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse

from krapte.api.deps import get_context
from krapte.api.models.monitor import (
    AlgoritmeregisterRecord,
    HistoryEntry,
    ImportResult,
    IndicatorDetail,
    IndicatorSummary,
    KpiRow,
    KpiTargetRow,
    MeasureChanges,
    MeasureIn,
    MeasureOut,
    MeasureReportOut,
    VersionedMeasure,
    versioned,
)
from krapte.api.uploads import read_upload
from krapte.charting import MEDIA_TYPES
from krapte.errors import ValidationError
from krapte.monitor.algoritmeregister import algoritmeregister_record
from krapte.services import Context
from krapte.services import monitor as svc

router = APIRouter(prefix="/api/v1", tags=["monitor"])

_TEXT: dict[str, Any] = {"content": {"text/plain": {}, "text/html": {}, "text/markdown": {}}}


def _version(if_match: str | None, version: int | None) -> int | None:
    if version is not None:
        return version
    if if_match:
        raw = if_match.strip().removeprefix("W/").strip('"')
        if not raw.isdigit():
            raise ValidationError(f"If-Match {if_match!r} is not a measure version", hint='send e.g. If-Match: "3"')
        return int(raw)
    return None


def registry_writer(ctx: Context = Depends(get_context)) -> Context:
    """The context of a registry editor: anonymous and other callers are refused before their body is read."""
    ctx.require("registry.write")
    return ctx


def _with_etag(response: Response, measure: Any, version: int) -> VersionedMeasure:
    response.headers["ETag"] = f'"{version}"'
    return versioned(measure, version)


@router.get("/measures", operation_id="list_measures")
def list_measures(
    pillar: Literal["P1", "P2", "P3", "P4"] | None = None,
    include_retired: bool = False,
    ctx: Context = Depends(get_context),
) -> list[VersionedMeasure]:
    return [versioned(m, 0) for m in svc.list_measures(ctx, include_retired=include_retired, pillar=pillar)]


@router.post("/measures", status_code=201, operation_id="create_measure")
def create_measure(
    response: Response,
    body: MeasureIn,
    comment: str = Query(default="", max_length=2000),
    ctx: Context = Depends(registry_writer),
) -> VersionedMeasure:
    measure, version = svc.create_measure(ctx, body.record(), comment=comment)
    return _with_etag(response, measure, version)


@router.get(
    "/measures/export",
    operation_id="export_measures",
    response_class=Response,
    responses={200: {"model": list[MeasureOut], "content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export_measures(
    format: Literal["csv", "json"] = "csv", include_retired: bool = False, ctx: Context = Depends(get_context)
) -> Response:
    text = svc.export_measures(ctx, format, include_retired=include_retired)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/json"
    return Response(
        text, media_type=media, headers={"Content-Disposition": f'attachment; filename="maatregelen.{format}"'}
    )


@router.get("/measures/overview", operation_id="measures_overview", response_class=Response, responses={200: _TEXT})
def overview(
    format: Literal["html", "md"] = "html", lang: Literal["nl", "en"] = "nl", ctx: Context = Depends(get_context)
) -> Response:
    text = svc.overview(ctx, format, lang)
    return HTMLResponse(text) if format == "html" else PlainTextResponse(text, media_type="text/markdown")


@router.get("/measures/algoritmeregister", operation_id="algoritmeregister")
def algoritmeregister() -> AlgoritmeregisterRecord:
    return AlgoritmeregisterRecord.model_validate(algoritmeregister_record())


@router.get("/measures/{measure_id}", operation_id="get_measure")
def get_measure(measure_id: str, response: Response, ctx: Context = Depends(get_context)) -> VersionedMeasure:
    measure, version = svc.get_measure(ctx, measure_id)
    return _with_etag(response, measure, version)


@router.patch("/measures/{measure_id}", operation_id="edit_measure")
def edit_measure(
    measure_id: str,
    response: Response,
    changes: MeasureChanges,
    version: int | None = Query(default=None, description="The version edited (or send If-Match)"),
    if_match: str | None = Header(default=None),
    comment: str = Query(default="", max_length=2000),
    ctx: Context = Depends(registry_writer),
) -> VersionedMeasure:
    measure, new_version = svc.update_measure(
        ctx, measure_id, changes.changes(), expected_version=_version(if_match, version), comment=comment
    )
    return _with_etag(response, measure, new_version)


@router.delete("/measures/{measure_id}", operation_id="retire_measure")
def retire_measure(
    measure_id: str,
    response: Response,
    version: int | None = Query(default=None),
    if_match: str | None = Header(default=None),
    comment: str = Query(default="", max_length=2000),
    ctx: Context = Depends(get_context),
) -> VersionedMeasure:
    """Retire (not delete): the measure and its history stay."""
    measure, new_version = svc.retire_measure(
        ctx, measure_id, expected_version=_version(if_match, version), comment=comment
    )
    return _with_etag(response, measure, new_version)


@router.get("/measures/{measure_id}/history", operation_id="measure_history")
def measure_history(measure_id: str, ctx: Context = Depends(get_context)) -> list[HistoryEntry]:
    return [HistoryEntry(**row) for row in svc.measure_history(ctx, measure_id)]


@router.get(
    "/measures/{measure_id}/report",
    operation_id="measure_report",
    response_class=Response,
    responses={
        200: {
            "model": MeasureReportOut,
            "content": {"text/html": {"schema": {"type": "string"}}, "text/markdown": {"schema": {"type": "string"}}},
        }
    },
)
def measure_report(
    measure_id: str,
    format: Literal["html", "md", "json"] = "json",
    lang: Literal["nl", "en"] = "nl",
    evaluate: bool = True,
    ctx: Context = Depends(get_context),
) -> Response:
    from krapte.monitor.report import render_measure_report

    report = svc.measure_report(ctx, measure_id, evaluate=evaluate)
    if format == "json":
        return Response(json.dumps(report.to_dict(), ensure_ascii=False, default=str), media_type="application/json")
    text = render_measure_report(report, fmt=format, lang=lang)
    return HTMLResponse(text) if format == "html" else PlainTextResponse(text, media_type="text/markdown")


@router.get("/indicators", operation_id="list_indicators")
def list_indicators(ctx: Context = Depends(get_context)) -> list[IndicatorSummary]:
    return [IndicatorSummary(**ind.__dict__, observations=n) for ind, n in svc.list_indicators(ctx)]


@router.post("/indicators/import", operation_id="import_indicators")
async def import_indicators(
    kind: Literal["cbs-odata", "cbs-csv", "duo", "uwv"],
    file: UploadFile = File(..., description="cbs-odata: a .zip of the recorded responses; others: the CSV"),
    table: str | None = Query(default=None, max_length=40, description="cbs-csv: the table id"),
    topic: list[str] | None = Query(default=None, description="CBS: only these topics/measures"),
    where: list[str] | None = Query(default=None, description="COLUMN=VALUE[,VALUE] row filters"),
    indicator: str | None = Query(default=None, max_length=200, description="duo/uwv: id of the indicator"),
    name: str | None = Query(default=None, max_length=500, description="duo/uwv: Dutch name of the indicator"),
    unit: str = Query(default="aantal", max_length=100, description="duo/uwv: unit"),
    value_column: str | None = Query(default=None, max_length=200, description="uwv: the value column"),
    vintage: str = Query(default="", max_length=40),
    ctx: Context = Depends(get_context),
) -> ImportResult:
    """Import an uploaded source into the panel (atomic: all or nothing)."""
    ctx.require("registry.write")  # refuse before reading the upload
    filters: dict[str, list[str]] = {}
    for pair in where or []:
        if "=" not in pair:
            raise ValidationError(f"where {pair!r} is not COLUMN=VALUE")
        key, value = pair.split("=", 1)
        filters.setdefault(key, []).extend(v.strip() for v in value.split(","))
    content = await read_upload(file, ctx.settings.max_upload_bytes)
    upload = svc.IndicatorUpload(
        kind=kind,
        filename=file.filename or "upload",
        content=content,
        table=table,
        topics=tuple(topic or ()),
        where=filters,
        indicator=indicator,
        name=name,
        unit=unit,
        value_column=value_column,
        vintage=vintage,
    )
    report, ids = svc.import_indicator_upload(ctx, upload)
    return ImportResult(counts=report.counts, indicators=ids)


@router.get("/indicators/{indicator_id}", operation_id="get_indicator")
def get_indicator(
    indicator_id: str,
    region: list[str] | None = Query(default=None),
    ctx: Context = Depends(get_context),
) -> IndicatorDetail:
    indicator, obs = svc.get_indicator(ctx, indicator_id, regions=region)
    return IndicatorDetail(indicator=indicator, observations=obs)


@router.get(
    "/indicators/{indicator_id}/chart.{fmt}",
    operation_id="indicator_chart",
    response_class=Response,
    responses={200: {"content": {"image/png": {}, "image/svg+xml": {}}}},
)
def indicator_chart(
    indicator_id: str,
    fmt: Literal["png", "svg"],
    region: list[str] | None = Query(default=None),
    ctx: Context = Depends(get_context),
) -> Response:
    return Response(svc.indicator_chart(ctx, indicator_id, fmt, regions=region), media_type=MEDIA_TYPES[fmt])


@router.get("/kpis", operation_id="list_kpis")
def kpis(ctx: Context = Depends(get_context)) -> list[KpiRow]:
    return [KpiRow(**p.__dict__, measure=m.id) for m, p in svc.kpi_overview(ctx)]


@router.get("/kpi-targets", operation_id="kpi_targets")
def kpi_targets(ctx: Context = Depends(get_context)) -> list[KpiTargetRow]:
    """Every target of the plan once: progress, the trend seen with its interval, quality badges and a verdict."""
    return [KpiTargetRow.model_validate(e.row.to_dict()) for e in svc.kpi_dashboard(ctx)]
