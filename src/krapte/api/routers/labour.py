"""REST endpoints of the labour domain under ``/api/v1``.

=================================  ===========================================================================
``GET  /regions``                   regions of one ``kind`` (arbeidsmarktregio, res, province, corop, gemeente)
``GET  /regions/{code_or_name}``    one region (fuzzy Dutch names) with its gemeenten and arbeidsmarktregio weights
``GET  /factors`` / ``/factors/{name}``  factor sets and their factors (low/central/high, unit, source)
``GET  /labour/occupations``        the sets' occupations with ISCO-08, BRC 2014 and ESCO occupations
``GET  /projects``                  imported pipelines; ``GET /projects/{pipeline}`` its projects
``POST /projects``                  import a file (multipart ``file``, ``pipeline``, ``replace``); atomic
``POST /forecast``                  forecast an uploaded project file (multipart ``file``) or
``GET  /forecast``                  an imported ``pipeline`` (default: the national scenario nl-programmes-2030)
``GET  /supply``                    supply cells (``region``, ``occupation``) with the assumptions behind them
``GET  /tension``                   UWV/ITA classes and shortage flags (``region``, ``occupation``, ``quarter``)
``GET  /regional-figures``          figures per arbeidsmarktregio or RES region (``kind``, ``group``, ``quarter``)
``GET  /regional-figures.csv``      the same rows as CSV; ``GET /regional-map.svg`` one ``measure`` as a map
``GET  /programmes``                the national programmes RES, NPE, NPLW: FTE per quarter and the summary
=================================  ===========================================================================
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from pydantic import BaseModel, Field
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_context
from krapte.api.models.labour import (
    FactorRow,
    FactorSetDetail,
    FactorSetSummary,
    ForecastSummary,
    ForecastTable,
    Gemeente,
    LabourOccupation,
    PipelineSummary,
    ProjectOut,
    RegionDetail,
    RegionOut,
)
from krapte.api.uploads import read_upload
from krapte.services import Context
from krapte.services import labour as svc
from krapte.services import regions as regions_svc

router = APIRouter(prefix="/api/v1", tags=["labour"])


@router.get("/regions")
def list_regions(kind: str = "arbeidsmarktregio", year: int = 2026) -> list[RegionOut]:
    from krapte.labour.regions import default_regions

    return [RegionOut(code=r.code, name=r.name, kind=r.kind) for r in default_regions(year).of_kind(kind)]


@router.get("/regions/{code_or_name}")
def show_region(code_or_name: str, year: int = 2026) -> RegionDetail:
    from krapte.labour.regions import default_regions

    rm = default_regions(year)
    region = rm.find(code_or_name)
    members = rm.members(region.code)
    return RegionDetail(
        code=region.code,
        name=region.name,
        kind=region.kind,
        gemeenten=[Gemeente(code=c, name=n) for c, n in zip(members.gemeente_code, members.gemeente, strict=True)],
        arbeidsmarktregio_weights=rm.am_weights(region.code) if region.kind in ("gemeente", "res") else None,
    )


@router.get("/factors")
def list_factor_sets() -> list[FactorSetSummary]:
    from krapte.labour.factors import factor_set, factor_set_names

    return [
        FactorSetSummary(name=n, title=factor_set(n).title, source=factor_set(n).source, note=factor_set(n).note)
        for n in factor_set_names()
    ]


@router.get("/factors/{name}", response_model_exclude_unset=True)
def show_factor_set(name: str) -> FactorSetDetail:
    from krapte.labour.factors import describe, factor_set

    fs = factor_set(name)
    return FactorSetDetail(
        name=fs.name,
        title=fs.title,
        source=fs.source,
        factors=[FactorRow.model_validate(row) for row in describe(fs)],
        occupations=[LabourOccupation.model_validate(o.to_dict()) for o in fs.occupations],
    )


@router.get("/labour/occupations", response_model_exclude_unset=True)
def list_occupations(factors: str = "rutovitz2025", esco: bool = False) -> list[LabourOccupation]:
    """The occupations demand is forecast in, with ISCO-08, BRC 2014 and (``esco=true``) ESCO occupations."""
    from krapte.labour.esco import occupation_table
    from krapte.labour.factors import factor_set

    return [LabourOccupation.model_validate(row) for row in occupation_table(factor_set(factors), with_esco=esco)]


class PipelineImport(BaseModel):
    pipeline: str
    counts: dict[str, int]


class SupplyRows(BaseModel):
    assumptions: list[str] = Field(description="what the supply figures rest on (source and basis)")
    calibration: list[dict[str, Any]] = Field(
        default_factory=list, description="the model's national tension picture against published UWV figures"
    )
    rows: list[dict[str, Any]]


class TensionRows(BaseModel):
    thresholds: dict[str, Any] = Field(description="the published thresholds of the tension classes")
    count: int
    rows: list[dict[str, Any]]


@router.get("/projects", operation_id="list_pipelines")
def list_project_pipelines(ctx: Context = Depends(get_context)) -> list[PipelineSummary]:
    return [PipelineSummary.model_validate(p) for p in svc.list_pipelines(ctx)]


@router.get("/projects/{pipeline}", operation_id="show_pipeline")
def show_pipeline(pipeline: str, ctx: Context = Depends(get_context)) -> list[ProjectOut]:
    return [ProjectOut.model_validate(p.to_dict()) for p in svc.show_pipeline(ctx, pipeline)]


@router.post("/projects", status_code=201, operation_id="import_pipeline")
async def import_projects(
    file: UploadFile = File(...),
    pipeline: str | None = Form(None, max_length=200),
    replace: bool = Form(False),
    ctx: Context = Depends(get_context),
) -> PipelineImport:
    """Import a project file (CSV, JSON, Excel); every row is validated first and nothing is stored on error."""
    from krapte.labour.projects import parse_projects

    ctx.require("labour.write")  # before reading the upload
    content = await read_upload(file, ctx.settings.max_upload_bytes)
    filename = PurePath(file.filename or "upload.csv").name
    items = await run_in_threadpool(parse_projects, content, filename)
    name = pipeline or PurePath(filename).stem
    report = await run_in_threadpool(
        lambda: svc.import_pipeline(ctx, name, items, source_file=filename, replace=replace)
    )
    return PipelineImport(pipeline=name, counts=report.counts)


def _forecast_body(
    ctx: Context, items: list[Any], factors: str, variant: str, summary: bool
) -> ForecastSummary | Response:
    """The summary, or a :class:`ForecastTable` sent as is: its rows (megabytes of plain numbers and codes) are
    built by the engine in the documented shape, and validating them again would double the answer's time."""
    result = svc.forecast(ctx, items, factors=factors, variant=variant)
    brief = ForecastSummary.model_validate(result.summary())
    if summary:
        return brief
    body = {"summary": brief.model_dump(mode="json", exclude_unset=True), "rows": result.rows()}
    return Response(to_json(body), media_type="application/json")


_SCENARIO = Query(
    None,
    max_length=40,
    description="embedded scenario: nl-programmes-2030 (default: RES + NPE + NPLW) or res-35twh (RES only)",
)
_PROGRAMME = Query(None, max_length=3, description="nl-programmes-2030 only: RES, NPE and/or NPLW")


@router.get(
    "/forecast",
    operation_id="forecast_pipeline",
    response_model=ForecastSummary | ForecastTable,
    response_model_exclude_unset=True,
)
async def forecast_pipeline(
    pipeline: str | None = Query(None, max_length=200),
    scenario: str | None = _SCENARIO,
    programme: list[str] | None = _PROGRAMME,
    factors: str | None = Query(None, max_length=80, description="default: the scenario's own factor set"),
    variant: str = Query("central", max_length=10),
    summary: bool = False,
    ctx: Context = Depends(get_context),
) -> ForecastSummary | Response:
    """Forecast of an imported pipeline or an embedded scenario (default: the national scenario, nl-programmes-2030;
    its summary has ``by_programme`` and ``by_component``)."""
    if summary and svc.national_default(scenario, pipeline is not None):
        national = await run_in_threadpool(
            lambda: regions_svc.national_summary(ctx, programmes=programme, factors=factors, variant=variant)
        )
        return ForecastSummary.model_validate(national)
    items = await run_in_threadpool(lambda: svc.projects_for(ctx, pipeline, scenario=scenario, programmes=programme))
    fs = factors or svc.default_factors(scenario, own_projects=pipeline is not None)
    return await run_in_threadpool(_forecast_body, ctx, items, fs, variant, summary)


@router.post(
    "/forecast",
    operation_id="forecast_upload",
    response_model=ForecastSummary | ForecastTable,
    response_model_exclude_unset=True,
)
async def forecast_upload(
    file: UploadFile = File(...),
    factors: str = Form("rutovitz2025", max_length=80),
    variant: str = Form("central", max_length=10),
    summary: bool = Form(False),
    ctx: Context = Depends(get_context),
) -> ForecastSummary | Response:
    """Forecast of an uploaded project file, without storing it."""
    from krapte.labour.projects import parse_projects

    content = await read_upload(file, ctx.settings.max_upload_bytes)
    items = await run_in_threadpool(parse_projects, content, PurePath(file.filename or "upload.csv").name)
    return await run_in_threadpool(_forecast_body, ctx, items, factors, variant, summary)


@router.get("/supply", operation_id="supply")
def supply(
    region: str | None = Query(None, max_length=100),
    occupation: str | None = Query(None, max_length=300),
    ctx: Context = Depends(get_context),
) -> SupplyRows:
    assumptions, rows = svc.supply_rows(ctx, region=region, occupation=occupation)
    return SupplyRows(assumptions=assumptions, calibration=regions_svc.calibration(ctx), rows=rows)


@router.get("/tension", operation_id="tension")
async def tension(
    region: str | None = Query(None, max_length=100),
    occupation: str | None = Query(None, max_length=300),
    quarter: str | None = Query(None, max_length=10),
    pipeline: str | None = Query(None, max_length=200),
    scenario: str | None = _SCENARIO,
    programme: list[str] | None = _PROGRAMME,
    factors: str | None = Query(None, max_length=80, description="default: the scenario's own factor set"),
    variant: str = Query("central", max_length=10),
    flagged: bool = False,
    limit: int = Query(5000, ge=1, le=100_000),
    ctx: Context = Depends(get_context),
) -> TensionRows:
    """Tension per region × BRC group × quarter (default: the national scenario, nl-programmes-2030)."""
    from krapte.labour.tension import THRESHOLD_SOURCES

    def compute() -> TensionRows:
        items = svc.projects_for(ctx, pipeline, scenario=scenario, programmes=programme)
        rows = svc.tension_rows(
            ctx,
            items,
            factors=factors or svc.default_factors(scenario, own_projects=pipeline is not None),
            variant=variant,
            region=region,
            occupation=occupation,
            quarter=quarter,
            flagged=flagged,
        )
        return TensionRows(thresholds=dict(THRESHOLD_SOURCES), count=len(rows), rows=rows[:limit])

    return await run_in_threadpool(compute)


# --- regional figures, maps and the national programmes ---------------------------------------------------------
class RegionalFigures(BaseModel):
    kind: str = Field(description="arbeidsmarktregio or res")
    group: str = Field(description="BRC 2014 beroepsgroep")
    quarter: str
    scenario: str
    columns: list[str]
    rows: list[dict[str, Any]] = Field(description="one per region; every figure with its basis")
    assumptions: list[str]
    res: str = ""
    pipeline: list[dict[str, Any]] = Field(
        default_factory=list, description="with res: the demand the RES region's projects create per arbeidsmarktregio"
    )


_KIND = Query("arbeidsmarktregio", pattern="^(arbeidsmarktregio|res)$")
_GROUP = Query(None, max_length=4, description="BRC 2014 group (default 0761, electricians)")
_QUARTER = Query(None, max_length=7, description="e.g. 2028Q1 (default: the group's national peak)")
_MAP_SCENARIO = Query(None, max_length=40, description="nl-programmes-2030 (default) or res-35twh")


def _view(
    ctx: Context, kind: str, group: str | None, quarter: str | None, scenario: str | None, res: str | None = None
) -> regions_svc.RegionalView:
    return regions_svc.regional_view(ctx, kind=kind, group=group, quarter=quarter, scenario=scenario, res=res)


@router.get("/regional-figures", operation_id="regional_figures")
def regional_figures(
    kind: str = _KIND,
    group: str | None = _GROUP,
    quarter: str | None = _QUARTER,
    scenario: str | None = _MAP_SCENARIO,
    res: str | None = Query(None, max_length=60, description="a RES region: also its projects' demand"),
    ctx: Context = Depends(get_context),
) -> RegionalFigures:
    """Extra demand, employed, vacancies, job seekers and the UWV and ROA indicators per region, with their basis."""
    from krapte.labour.maps import REGIONAL_COLUMNS

    v = _view(ctx, kind, group, quarter, scenario, res)
    return RegionalFigures(
        kind=v.kind,
        group=v.group,
        quarter=v.quarter,
        scenario=v.scenario,
        columns=list(REGIONAL_COLUMNS),
        rows=v.rows,
        assumptions=v.assumptions,
        res=v.res,
        pipeline=v.pipeline,
    )


@router.get(
    "/regional-figures.csv",
    operation_id="regional_figures_csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "the rows of /regional-figures as CSV"}},
)
def regional_figures_csv(
    kind: str = _KIND,
    group: str | None = _GROUP,
    quarter: str | None = _QUARTER,
    scenario: str | None = _MAP_SCENARIO,
    ctx: Context = Depends(get_context),
) -> Response:
    """The regional figures as CSV (text cells that a spreadsheet could run as a formula are quoted)."""
    v = _view(ctx, kind, group, quarter, scenario)
    name = f"krapte-{v.kind}-{v.group}-{v.quarter}.csv"
    return Response(
        regions_svc.regional_csv(v),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/regional-map.svg",
    operation_id="regional_map_svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}, "description": "a choropleth map of one measure"}},
)
def regional_map_svg(
    kind: str = _KIND,
    measure: str = Query("extra_demand_fte", max_length=40),
    group: str | None = _GROUP,
    quarter: str | None = _QUARTER,
    scenario: str | None = _MAP_SCENARIO,
    lang: str = Query("nl", pattern="^(nl|en)$"),
    ctx: Context = Depends(get_context),
) -> Response:
    """One measure of the regional figures as an SVG map (names and values in tooltips, legend and sources)."""
    v = _view(ctx, kind, group, quarter, scenario)
    return Response(regions_svc.regional_map_svg(v, measure, lang), media_type="image/svg+xml")


class Programmes(BaseModel):
    quarters: list[str]
    series: dict[str, list[float]] = Field(description="national FTE per quarter for each programme")
    summary: dict[str, Any] = Field(description="per programme and component, with the unverified share")
    factors: str
    sources: list[dict[str, str]]


@router.get("/programmes", operation_id="programmes")
def programmes(
    variant: str = Query("central", pattern="^(low|central|high)$"),
    phase: str = Query("total", pattern="^(construction|om|total)$"),
    ctx: Context = Depends(get_context),
) -> Programmes:
    """The national scenario of RES, NPE and NPLW: demand per quarter and per programme and component."""
    o = regions_svc.programme_overview(ctx, variant=variant, phase=phase)
    return Programmes(quarters=o.quarters, series=o.series, summary=o.summary, factors=o.factors, sources=o.sources)
