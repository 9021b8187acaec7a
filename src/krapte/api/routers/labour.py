"""REST endpoints of the labour domain under ``/api/v1``.

=================================  ===========================================================================
``GET  /regions``                   regions of one ``kind`` (arbeidsmarktregio, res, province, corop, gemeente)
``GET  /regions/{code_or_name}``    one region (fuzzy Dutch names) with its gemeenten and arbeidsmarktregio weights
``GET  /factors`` / ``/factors/{name}``  factor sets and their factors (low/central/high, unit, source)
``GET  /occupations``               the sets' occupations with ISCO-08, BRC 2014 and ESCO occupations
``GET  /projects``                  imported pipelines; ``GET /projects/{pipeline}`` its projects
``POST /projects``                  import a file (multipart ``file``, ``pipeline``, ``replace``); atomic
``POST /forecast``                  forecast an uploaded project file (multipart ``file``) or
``GET  /forecast``                  an imported ``pipeline`` (default: the embedded 35 TWh RES scenario)
``GET  /supply``                    supply cells (``region``, ``occupation``) with the assumptions behind them
``GET  /tension``                   UWV/ITA classes and shortage flags (``region``, ``occupation``, ``quarter``)
=================================  ===========================================================================
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_settings, get_store
from krapte.errors import TooLargeError
from krapte.settings import Settings
from krapte.store import Store

router = APIRouter(prefix="/api/v1", tags=["labour"])


@router.get("/regions")
def list_regions(kind: str = "arbeidsmarktregio", year: int = 2026) -> list[dict[str, str]]:
    from krapte.labour.regions import default_regions

    return [{"code": r.code, "name": r.name, "kind": r.kind} for r in default_regions(year).of_kind(kind)]


@router.get("/regions/{code_or_name}")
def show_region(code_or_name: str, year: int = 2026) -> dict[str, Any]:
    from krapte.labour.regions import default_regions

    rm = default_regions(year)
    region = rm.find(code_or_name)
    members = rm.members(region.code)
    return {
        "code": region.code,
        "name": region.name,
        "kind": region.kind,
        "gemeenten": [{"code": c, "name": n} for c, n in zip(members.gemeente_code, members.gemeente, strict=True)],
        "arbeidsmarktregio_weights": rm.am_weights(region.code) if region.kind in ("gemeente", "res") else None,
    }


@router.get("/factors")
def list_factor_sets() -> list[dict[str, Any]]:
    from krapte.labour.factors import factor_set, factor_set_names

    return [
        {"name": n, "title": factor_set(n).title, "source": factor_set(n).source, "note": factor_set(n).note}
        for n in factor_set_names()
    ]


@router.get("/factors/{name}")
def show_factor_set(name: str) -> dict[str, Any]:
    from krapte.labour.factors import describe, factor_set

    fs = factor_set(name)
    return {
        "name": fs.name,
        "title": fs.title,
        "source": fs.source,
        "factors": describe(fs),
        "occupations": [o.to_dict() for o in fs.occupations],
    }


@router.get("/occupations")
def list_occupations(factors: str = "rutovitz2025", esco: bool = False) -> list[dict[str, Any]]:
    """The occupations demand is forecast in, with ISCO-08, BRC 2014 and (``esco=true``) ESCO occupations."""
    from krapte.labour.esco import occupation_table
    from krapte.labour.factors import factor_set

    return occupation_table(factor_set(factors), with_esco=esco)


async def _read_upload(file: UploadFile, settings: Settings) -> bytes:
    content = await file.read(settings.max_upload_bytes + 1)
    if len(content) > settings.max_upload_bytes:
        raise TooLargeError(
            f"{file.filename} is larger than {settings.max_upload_bytes} bytes",
            file=file.filename,
            hint="raise KRAPTE_MAX_UPLOAD_MB or split the file",
        )
    return content


@router.get("/projects")
def list_project_pipelines(store: Store = Depends(get_store)) -> list[dict[str, Any]]:
    from krapte.store.labour import list_pipelines

    return list_pipelines(store)


@router.get("/projects/{pipeline}")
def show_pipeline(pipeline: str, store: Store = Depends(get_store)) -> list[dict[str, Any]]:
    from krapte.store.labour import load_pipeline

    return [p.to_dict() for p in load_pipeline(store, pipeline)]


@router.post("/projects", status_code=201)
async def import_projects(
    file: UploadFile = File(...),
    pipeline: str | None = Form(None),
    replace: bool = Form(False),
    store: Store = Depends(get_store),
    settings: Settings = Depends(get_settings),
) -> dict[str, Any]:
    """Import a project file (CSV, JSON, Excel); every row is validated first and nothing is stored on error."""
    from pathlib import Path

    from krapte.labour.projects import parse_projects
    from krapte.store.labour import save_pipeline

    content = await _read_upload(file, settings)
    filename = file.filename or "upload.csv"
    items = await run_in_threadpool(parse_projects, content, filename)
    name = pipeline or Path(filename).stem
    report = await run_in_threadpool(
        lambda: save_pipeline(store, name, items, source_file=filename, replace=replace, actor="api")
    )
    return {"pipeline": name, "counts": report.counts}


def _forecast(items: list[Any], factors: str, variant: str, summary: bool) -> Any:
    from krapte.labour.factors import check_variant, resolve_factors
    from krapte.labour.forecast import forecast

    result = forecast(items, resolve_factors(factors), check_variant(variant))
    return result.summary() if summary else {"summary": result.summary(), "rows": result.rows()}


def _pipeline_or_default(store: Store, pipeline: str | None) -> list[Any]:
    if pipeline:
        from krapte.store.labour import load_pipeline

        return load_pipeline(store, pipeline)
    from krapte.labour.res_scenario import scenario_projects

    return scenario_projects()


@router.get("/forecast")
async def forecast_pipeline(
    pipeline: str | None = None,
    factors: str = "rutovitz2025",
    variant: str = "central",
    summary: bool = False,
    store: Store = Depends(get_store),
) -> Any:
    """Forecast of an imported pipeline (default: the embedded 35 TWh RES scenario)."""
    items = await run_in_threadpool(_pipeline_or_default, store, pipeline)
    return await run_in_threadpool(_forecast, items, factors, variant, summary)


@router.post("/forecast")
async def forecast_upload(
    file: UploadFile = File(...),
    factors: str = Form("rutovitz2025"),
    variant: str = Form("central"),
    summary: bool = Form(False),
    settings: Settings = Depends(get_settings),
) -> Any:
    """Forecast of an uploaded project file, without storing it."""
    from krapte.labour.projects import parse_projects

    content = await _read_upload(file, settings)
    items = await run_in_threadpool(parse_projects, content, file.filename or "upload.csv")
    return await run_in_threadpool(_forecast, items, factors, variant, summary)


def _supply(store: Store) -> Any:
    from krapte.labour.supply import default_supply
    from krapte.store.labour import load_supply_cells

    cells = load_supply_cells(store)
    base = default_supply()
    return base.with_values(cells, "imported supply cells") if cells else base


@router.get("/supply")
def supply(
    region: str | None = None, occupation: str | None = None, store: Store = Depends(get_store)
) -> dict[str, Any]:
    from krapte.labour.regions import default_regions
    from krapte.labour.tension import resolve_occupation

    table = _supply(store)
    code = default_regions().find(region, kinds=("arbeidsmarktregio",)).code if region else None
    rows = table.rows(region=code, group=resolve_occupation(occupation) if occupation else None)
    return {"assumptions": list(table.assumptions), "rows": rows}


@router.get("/tension")
async def tension(
    region: str | None = None,
    occupation: str | None = None,
    quarter: str | None = None,
    pipeline: str | None = None,
    factors: str = "rutovitz2025",
    variant: str = "central",
    flagged: bool = False,
    limit: int = Query(5000, ge=1, le=100_000),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Tension per region × BRC group × quarter (default: the embedded 35 TWh RES scenario)."""

    def compute() -> dict[str, Any]:
        from krapte.labour.factors import check_variant, resolve_factors
        from krapte.labour.forecast import forecast
        from krapte.labour.regions import default_regions
        from krapte.labour.tension import THRESHOLD_SOURCES, resolve_occupation, tension_table

        demand = forecast(_pipeline_or_default(store, pipeline), resolve_factors(factors), check_variant(variant))
        table = tension_table(demand, _supply(store))
        code = default_regions().find(region, kinds=("arbeidsmarktregio",)).code if region else None
        group = resolve_occupation(occupation) if occupation else None
        rows = table.rows(region=code, group=group, quarter=quarter, flagged=flagged)
        return {"thresholds": THRESHOLD_SOURCES, "count": len(rows), "rows": rows[:limit]}

    return await run_in_threadpool(compute)
