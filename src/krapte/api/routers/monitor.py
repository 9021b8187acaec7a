"""``/api/v1/measures``, ``/api/v1/indicators`` and ``/api/v1/kpis``: the monitor over REST.

Edits use optimistic locking: ``GET /measures/{id}`` returns the version in the body and as ``ETag``; ``PATCH``
and ``DELETE`` (retire) need it back as ``If-Match`` (or ``?version=``), and answer 409 when someone saved in
between. The actor recorded in the history is the ``X-Krapte-Actor`` header (default ``api``).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, File, Header, Query, Response, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse

from krapte.api.deps import get_settings, get_store
from krapte.charting import MEDIA_TYPES
from krapte.errors import TooLargeError, UnsupportedInputError, ValidationError
from krapte.settings import Settings
from krapte.store import Store

router = APIRouter(prefix="/api/v1", tags=["monitor"])


def _actor(x_krapte_actor: str | None) -> str:
    return (x_krapte_actor or "api").strip()[:200] or "api"


def _version(if_match: str | None, version: int | None) -> int | None:
    if version is not None:
        return version
    if if_match:
        raw = if_match.strip().removeprefix("W/").strip('"')
        if not raw.isdigit():
            raise ValidationError(f"If-Match {if_match!r} is not a measure version", hint='send e.g. If-Match: "3"')
        return int(raw)
    return None


@router.get("/measures")
def list_measures(
    pillar: Literal["P1", "P2", "P3", "P4"] | None = None,
    include_retired: bool = False,
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    from krapte.store.monitor import list_measures as _list

    return [m.to_dict() for m in _list(store, include_retired=include_retired, pillar=pillar)]


@router.post("/measures", status_code=201)
def create_measure(
    response: Response,
    body: dict[str, Any] = Body(..., description="A measure record (see docs/monitor.md)"),
    x_krapte_actor: str | None = Header(default=None),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    from krapte.monitor.measures import Measure
    from krapte.store.monitor import create_measure as _create

    measure = Measure.from_dict(body)
    version = _create(store, measure, actor=_actor(x_krapte_actor))
    response.headers["ETag"] = f'"{version}"'
    return {**measure.to_dict(), "version": version}


@router.get("/measures/export")
def export_measures(
    format: Literal["csv", "json"] = "csv", include_retired: bool = False, store: Store = Depends(get_store)
) -> Response:
    from krapte.monitor.export import export_measures as _export
    from krapte.store.monitor import list_measures as _list

    text = _export(_list(store, include_retired=include_retired), format)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/json"
    return Response(
        text, media_type=media, headers={"Content-Disposition": f'attachment; filename="maatregelen.{format}"'}
    )


@router.get("/measures/overview")
def overview(
    format: Literal["html", "md"] = "html", lang: Literal["nl", "en"] = "nl", store: Store = Depends(get_store)
) -> Response:
    from krapte.monitor.report import render_overview
    from krapte.store.monitor import list_measures as _list

    text = render_overview(_list(store), fmt=format, lang=lang)
    return HTMLResponse(text) if format == "html" else PlainTextResponse(text, media_type="text/markdown")


@router.get("/measures/algoritmeregister")
def algoritmeregister() -> dict[str, Any]:
    from krapte.monitor.algoritmeregister import algoritmeregister_record

    return algoritmeregister_record()


@router.get("/measures/{measure_id}")
def get_measure(measure_id: str, response: Response, store: Store = Depends(get_store)) -> dict[str, Any]:
    from krapte.store.monitor import get_measure as _get

    measure, version = _get(store, measure_id)
    response.headers["ETag"] = f'"{version}"'
    return {**measure.to_dict(), "version": version}


@router.patch("/measures/{measure_id}")
def edit_measure(
    measure_id: str,
    response: Response,
    changes: dict[str, Any] = Body(..., description="The fields to change"),
    version: int | None = Query(default=None, description="The version edited (or send If-Match)"),
    if_match: str | None = Header(default=None),
    x_krapte_actor: str | None = Header(default=None),
    comment: str = Query(default=""),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    from krapte.store.monitor import update_measure

    expected = _version(if_match, version)
    if expected is None:
        raise ValidationError(
            "an edit must say which version it changes", hint='send If-Match: "<version>" or ?version=<version>'
        )
    changes.pop("version", None)
    measure, new_version = update_measure(
        store, measure_id, changes, actor=_actor(x_krapte_actor), expected_version=expected, comment=comment
    )
    response.headers["ETag"] = f'"{new_version}"'
    return {**measure.to_dict(), "version": new_version}


@router.delete("/measures/{measure_id}")
def retire_measure(
    measure_id: str,
    response: Response,
    version: int | None = Query(default=None),
    if_match: str | None = Header(default=None),
    x_krapte_actor: str | None = Header(default=None),
    comment: str = Query(default=""),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Retire (not delete): the measure and its history stay."""
    from krapte.store.monitor import retire_measure as _retire

    expected = _version(if_match, version)
    if expected is None:
        raise ValidationError("retiring must say which version it retires", hint='send If-Match: "<version>"')
    measure, new_version = _retire(
        store, measure_id, actor=_actor(x_krapte_actor), expected_version=expected, comment=comment
    )
    response.headers["ETag"] = f'"{new_version}"'
    return {**measure.to_dict(), "version": new_version}


@router.get("/measures/{measure_id}/history")
def measure_history(measure_id: str, store: Store = Depends(get_store)) -> list[dict[str, Any]]:
    from krapte.store.monitor import measure_history_of

    return measure_history_of(store, measure_id)


@router.get("/measures/{measure_id}/report")
def measure_report(
    measure_id: str,
    format: Literal["html", "md", "json"] = "json",
    lang: Literal["nl", "en"] = "nl",
    evaluate: bool = True,
    store: Store = Depends(get_store),
) -> Response:
    from krapte.monitor.report import render_measure_report
    from krapte.store.monitor import measure_report as _report

    report = _report(store, measure_id, evaluate=evaluate)
    if format == "json":
        return Response(json.dumps(report.to_dict(), ensure_ascii=False, default=str), media_type="application/json")
    text = render_measure_report(report, fmt=format, lang=lang)
    return HTMLResponse(text) if format == "html" else PlainTextResponse(text, media_type="text/markdown")


@router.get("/indicators")
def list_indicators(store: Store = Depends(get_store)) -> list[dict[str, Any]]:
    from krapte.store.monitor import list_indicators as _list

    return [{**ind.to_dict(), "observations": n} for ind, n in _list(store)]


@router.post("/indicators/import")
def import_indicators(
    kind: Literal["cbs-odata", "cbs-csv", "duo", "uwv"],
    file: UploadFile = File(..., description="cbs-odata: a .zip of the recorded responses; others: the CSV"),
    table: str | None = Query(default=None, description="cbs-csv: the table id"),
    topic: list[str] | None = Query(default=None, description="CBS: only these topics/measures"),
    where: list[str] | None = Query(default=None, description="COLUMN=VALUE[,VALUE] row filters"),
    indicator: str | None = Query(default=None, description="duo/uwv: id of the indicator"),
    name: str | None = Query(default=None, description="duo/uwv: Dutch name of the indicator"),
    unit: str = Query(default="aantal", description="duo/uwv: unit"),
    value_column: str | None = Query(default=None, description="uwv: the value column"),
    vintage: str = "",
    x_krapte_actor: str | None = Header(default=None),
    store: Store = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> dict[str, Any]:
    """Import an uploaded source into the panel (atomic: all or nothing)."""
    import tempfile
    import zipfile
    from pathlib import Path

    from krapte.monitor.importers.cbs import read_cbs_csv, read_cbs_odata
    from krapte.monitor.importers.duo import read_duo_csv
    from krapte.monitor.importers.uwv import read_uwv_csv
    from krapte.monitor.indicators import Indicator
    from krapte.store.monitor import import_panel

    data = file.file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise TooLargeError(
            f"{file.filename} is larger than {settings.max_upload_bytes // (1024 * 1024)} MB",
            file=file.filename,
            hint="raise KRAPTE_MAX_UPLOAD_MB or import from the command line",
        )
    filters: dict[str, list[str]] = {}
    for pair in where or []:
        if "=" not in pair:
            raise ValidationError(f"where {pair!r} is not COLUMN=VALUE")
        key, value = pair.split("=", 1)
        filters.setdefault(key, []).extend(v.strip() for v in value.split(","))
    name_only = Path(file.filename or "upload").name
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name_only
        path.write_bytes(data)
        if kind == "cbs-odata":
            if not zipfile.is_zipfile(path):
                raise UnsupportedInputError(
                    "cbs-odata expects a .zip of the recorded responses", file=name_only, hint="zip the folder"
                )
            folder = Path(tmp) / "odata"
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():
                    target = Path(member.filename).name  # flatten; never write outside the folder
                    if target.endswith(".json"):
                        folder.mkdir(exist_ok=True)
                        (folder / target).write_bytes(archive.read(member))
            parsed = read_cbs_odata(folder, topics=topic, where=filters)
        elif kind == "cbs-csv":
            if not table:
                raise ValidationError("cbs-csv needs ?table=", hint="e.g. ?table=85004NED")
            parsed = read_cbs_csv(path, table=table, topics=topic, where=filters, vintage=vintage)
        else:
            if not indicator or not name:
                raise ValidationError(f"{kind} needs ?indicator= and ?name=")
            source = "DUO open onderwijsdata" if kind == "duo" else "UWV"
            ind = Indicator(id=indicator, name_nl=name, unit=unit, source=f"{source}: {name_only}", licence="open data")
            if kind == "duo":
                parsed = read_duo_csv(path, indicator=ind, where=filters, vintage=vintage)
            else:
                if not value_column:
                    raise ValidationError("uwv needs ?value_column=")
                parsed = read_uwv_csv(path, indicator=ind, value_column=value_column, where=filters, vintage=vintage)
    report = import_panel(store, parsed, actor=_actor(x_krapte_actor))
    return {"counts": report.counts, "indicators": [i.id for i in parsed.indicators]}


@router.get("/indicators/{indicator_id}")
def get_indicator(
    indicator_id: str,
    region: list[str] | None = Query(default=None),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    from krapte.store.monitor import get_indicator as _get
    from krapte.store.monitor import get_observations

    indicator = _get(store, indicator_id)
    obs = get_observations(store, indicator_id, regions=region)
    return {"indicator": indicator.to_dict(), "observations": [o.to_dict() for o in obs]}


@router.get("/indicators/{indicator_id}/chart.{fmt}")
def indicator_chart(
    indicator_id: str,
    fmt: Literal["png", "svg"],
    region: list[str] | None = Query(default=None),
    store: Store = Depends(get_store),
) -> Response:
    from krapte.monitor.charts import indicator_chart as _chart
    from krapte.monitor.indicators import to_series
    from krapte.store.monitor import get_indicator as _get
    from krapte.store.monitor import get_observations

    indicator = _get(store, indicator_id)
    series = to_series(get_observations(store, indicator_id, regions=region or ["NL"]))
    data = _chart(series[:8], title=indicator.name_nl, unit=indicator.unit, source=indicator.source, fmt=fmt)
    return Response(data, media_type=MEDIA_TYPES[fmt])


@router.get("/kpis")
def kpis(store: Store = Depends(get_store)) -> list[dict[str, Any]]:
    from krapte.store.monitor import kpi_overview

    return [{"measure": m.id, **p.to_dict()} for m, p in kpi_overview(store)]
