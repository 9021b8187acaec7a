"""``/api/v1/plan``, ``/api/v1/plan/programmes`` and ``/api/v1/scenarios/compare``: planning and comparison as jobs.

``/plan`` plans an uploaded project file; ``/plan/programmes`` plans the embedded national scenario across RES,
NPE and NPLW together (analysts and administrators) and its result reports per programme which targets slip.

Both answer ``202 Accepted`` with the job (``Location: /api/v1/jobs/{id}``); the result appears on the job once
it has succeeded. Factor sets are chosen by name; a CSV of one's own factors is uploaded as ``factor_overrides``.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_context
from krapte.api.routers.jobs import ERRORS, ErrorShape, JobOut, accepted
from krapte.api.uploads import read_upload
from krapte.errors import ConflictError, NotFoundError, ValidationError
from krapte.services import Context, programme_plan
from krapte.services import planning as service
from krapte.services.planning import FileContent

router = APIRouter(prefix="/api/v1", tags=["planning"])

_STARTED = {
    **ERRORS,
    202: {"description": "The job was started; poll the URL in Location"},
    413: {"model": ErrorShape, "description": "An upload is too large"},
    422: {"model": ErrorShape, "description": "A name or limit is not valid"},
    503: {"model": ErrorShape, "description": "The job queue is not reachable"},
}


async def _read(upload: UploadFile | None, limit: int) -> FileContent | None:
    if upload is None or not upload.filename:
        return None
    return FileContent(upload.filename, await read_upload(upload, limit))


async def _required(upload: UploadFile, limit: int) -> FileContent:
    found = await _read(upload, limit)
    if found is None:
        raise ValidationError("the project file is missing", hint="upload it as the form field 'projects'")
    return found


@router.post("/plan", operation_id="start_plan", status_code=202, response_model=JobOut, responses=_STARTED)
async def plan(
    response: Response,
    projects: UploadFile = File(..., description="Project file (CSV, JSON, Excel) with planning windows."),
    capacity: UploadFile | None = File(None, description="CSV region,occupation,quarter,fte (optional)."),
    factor_overrides: UploadFile | None = File(
        None, description="CSV technology,phase,central[,low,high,unit,source] overriding single factors (optional)."
    ),
    factors: str = Form("rutovitz2025", description="Name of the factor set."),
    variant: str = Form("central"),
    time_limit: float = Form(60.0, gt=0, le=service.MAX_TIME_LIMIT),
    objective: str = Form("lexicographic", description="lexicographic (unmet demand, then peak) or weighted"),
    ctx: Context = Depends(get_context),
) -> JobOut:
    """Start choosing start quarters that minimise unmet labour demand, then the peak (a job)."""
    ctx.require("jobs.run")  # before reading the uploads
    limit = ctx.settings.max_upload_bytes
    project_file = await _required(projects, limit)
    request = service.PlanRequest(
        projects=project_file,
        capacity=await _read(capacity, limit),
        factors=factors,
        factor_overrides=await _read(factor_overrides, limit),
        variant=variant,
        time_limit=time_limit,
        objective=objective,
    )
    return accepted(await run_in_threadpool(service.start_plan, ctx, request), response)


@router.post(
    "/scenarios/compare",
    operation_id="start_scenario_comparison",
    status_code=202,
    response_model=JobOut,
    responses=_STARTED,
)
async def compare(
    response: Response,
    projects: UploadFile = File(..., description="Project file (CSV, JSON, Excel)."),
    scenarios: UploadFile | None = File(None, description="TOML or JSON scenario file; default: built-in scenarios."),
    factor_overrides: UploadFile | None = File(None, description="CSV of factor overrides (optional)."),
    factors: str = Form("rutovitz2025", description="Name of the factor set."),
    variant: str = Form("central"),
    ctx: Context = Depends(get_context),
) -> JobOut:
    """Start a comparison of scenarios (a job); the result has one summary row per scenario."""
    ctx.require("jobs.run")
    limit = ctx.settings.max_upload_bytes
    project_file = await _required(projects, limit)
    request = service.ScenarioRequest(
        projects=project_file,
        scenarios=await _read(scenarios, limit),
        factors=factors,
        factor_overrides=await _read(factor_overrides, limit),
        variant=variant,
    )
    return accepted(await run_in_threadpool(service.start_comparison, ctx, request), response)


class ProgrammePlanIn(BaseModel):
    """Which embedded scenario and programmes to plan together (nothing is uploaded)."""

    scenario: Literal["nl-programmes-2030", "res-35twh"] = Field(
        "nl-programmes-2030", description="nl-programmes-2030 (RES + NPE + NPLW) or res-35twh (RES only)"
    )
    programmes: list[Literal["RES", "NPE", "NPLW"]] = Field(
        default_factory=list, max_length=3, description="Only these programmes (default: all of the scenario)"
    )
    variant: Literal["low", "central", "high"] = "central"
    time_limit: float = Field(programme_plan.DEFAULT_TIME_LIMIT, gt=0, le=service.MAX_TIME_LIMIT)
    objective: Literal["lexicographic", "weighted"] = "lexicographic"


class BindingGroupOut(BaseModel):
    brc_group: str
    label: str = Field(description="Name of the BRC 2014 occupation group")
    job_years_in_short_cells: float = Field(description="The programme's demand in cells still short, job-years")


class ProgrammeOut(BaseModel):
    programme: str
    tranches: int
    tranches_moved: int
    components_late: list[str] = Field(description="Components with quantity ending after their target")
    max_slip_quarters: int
    binding_groups: list[BindingGroupOut]


class SlipOut(BaseModel):
    programme: str
    component: str
    unit: str
    quantity: float
    target: str = Field(description="Target quarter, e.g. 2030Q4")
    tranches: int
    tranches_moved: int
    quantity_late: float
    share_late: float
    max_slip_quarters: int
    mean_slip_quarters_of_late: float
    unverified: bool = Field(description="Some source quantity of the component is marked unverified")


class ProgrammePlanResult(BaseModel):
    """The result on the job of ``POST /api/v1/plan/programmes`` once it has succeeded (``GET /api/v1/jobs/{id}``)."""

    scenario: str
    programmes: list[str]
    tranches: int
    factors: str
    variant: str
    first: str
    last: str
    status: str
    mip_gap: float
    solve_seconds: float
    unmet_fte_quarters: dict[str, float]
    peak_shortage_fte: dict[str, float]
    by_programme: list[ProgrammeOut]
    slips: list[SlipOut]
    cells: list[dict[str, str | float | int | None]] = Field(description="Cells still short, with region names")
    basis: Literal["estimated"]
    source: str


@router.post(
    "/plan/programmes",
    operation_id="start_programme_plan",
    status_code=202,
    response_model=JobOut,
    responses={**_STARTED, 403: {"model": ErrorShape, "description": "Only analysts and administrators"}},
)
async def plan_programmes(body: ProgrammePlanIn, response: Response, ctx: Context = Depends(get_context)) -> JobOut:
    """Start planning the embedded national scenario across programmes (a job); the job's result has the shape of
    ``ProgrammePlanResult``: per programme the targets that slip, by how much, and the binding occupation groups."""
    request = programme_plan.ProgrammePlanRequest(
        scenario=body.scenario,
        programmes=tuple(body.programmes),
        variant=body.variant,
        time_limit=body.time_limit,
        objective=body.objective,
    )
    return accepted(await run_in_threadpool(programme_plan.start_programme_plan, ctx, request), response)


@router.get(
    "/plan/programmes/{job_id}",
    operation_id="programme_plan_result",
    response_model=ProgrammePlanResult,
    responses={**ERRORS, 409: {"model": ErrorShape, "description": "The job has not succeeded (yet)"}},
)
def programme_plan_result(job_id: str, ctx: Context = Depends(get_context)) -> ProgrammePlanResult:
    """The typed result of a programme plan job once it has succeeded (its progress is at ``/api/v1/jobs/{id}``)."""
    from krapte.services import jobs

    view = jobs.get(ctx, job_id)
    if view.kind != programme_plan.PROGRAMMES_KIND:
        raise NotFoundError(f"job {job_id[:40]!r} is not a programme plan")
    if view.status != "succeeded" or view.result is None:
        raise ConflictError(f"the job is {view.status}", hint=f"follow it at /api/v1/jobs/{view.id}")
    return ProgrammePlanResult.model_validate(view.result)
