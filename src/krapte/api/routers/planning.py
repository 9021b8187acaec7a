"""``/api/v1/plan`` and ``/api/v1/scenarios/compare``: project planning and scenario comparison over uploads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, UploadFile

from krapte.api.deps import get_settings
from krapte.errors import TooLargeError
from krapte.settings import Settings

router = APIRouter(prefix="/api/v1", tags=["planning"])


async def _read(upload: UploadFile, limit: int) -> bytes:
    content = await upload.read(limit + 1)
    if len(content) > limit:
        raise TooLargeError(
            f"{upload.filename} is larger than {limit // (1024 * 1024)} MB", file=upload.filename, hint="split the file"
        )
    return content


@router.post("/plan")
async def plan(
    projects: UploadFile = File(..., description="Project file (CSV, JSON, Excel) with planning windows."),
    capacity: UploadFile | None = File(None, description="CSV region,occupation,quarter,fte (optional)."),
    factors: str = Form("rutovitz2025"),
    variant: str = Form("central"),
    time_limit: float = Form(60.0, gt=0, le=600),
    settings: Settings = Depends(get_settings),
) -> dict[str, Any]:
    """Start quarters that minimise unmet labour demand then the peak; before/after, moves and optimality gap."""
    from krapte.labour.factors import check_variant
    from krapte.labour.planning_pipeline import plan_pipeline_upload

    limit = settings.max_upload_bytes
    content = await _read(projects, limit)
    cap = await _read(capacity, limit) if capacity is not None and capacity.filename else None
    result = plan_pipeline_upload(
        content,
        projects.filename or "projects.csv",
        cap,
        factors_name=factors,
        variant=check_variant(variant),
        time_limit=time_limit,
        capacity_name=(capacity.filename if capacity is not None and capacity.filename else "capacity.csv"),
    )
    return result.to_dict()


@router.post("/scenarios/compare")
async def compare(
    projects: UploadFile = File(..., description="Project file (CSV, JSON, Excel)."),
    scenarios: UploadFile | None = File(None, description="TOML or JSON scenario file; default: built-in scenarios."),
    factors: str = Form("rutovitz2025"),
    variant: str = Form("central"),
    settings: Settings = Depends(get_settings),
) -> list[dict[str, Any]]:
    """Summary per scenario with the change against the first scenario."""
    from krapte.labour.factors import check_variant, resolve_factors
    from krapte.labour.projects import parse_projects
    from krapte.labour.scenarios import compare_scenarios, default_scenarios, parse_scenarios

    limit = settings.max_upload_bytes
    fs = resolve_factors(factors)
    pipeline = parse_projects(await _read(projects, limit), projects.filename or "projects.csv", factors=fs)
    chosen = default_scenarios()
    if scenarios is not None and scenarios.filename:
        chosen = parse_scenarios(await _read(scenarios, limit), scenarios.filename)
    return compare_scenarios(pipeline, chosen, factors=fs, variant=check_variant(variant)).rows()
