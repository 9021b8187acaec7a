"""``/api/v1/plan`` and ``/api/v1/scenarios/compare``: start project planning or a scenario comparison as a job.

Both answer ``202 Accepted`` with the job (``Location: /api/v1/jobs/{id}``); the result appears on the job once
it has succeeded. Factor sets are chosen by name; a CSV of one's own factors is uploaded as ``factor_overrides``.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_context
from krapte.api.routers.jobs import ERRORS, ErrorShape, JobOut, accepted
from krapte.api.uploads import read_upload
from krapte.errors import ValidationError
from krapte.services import Context
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
