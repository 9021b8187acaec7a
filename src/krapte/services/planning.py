"""Project planning and scenario comparison: use cases that run as background jobs.

Callers pass factor-set *names* and file *contents* (:class:`FileContent`), never paths: the server reads no
file a request names. A user's own factor overrides travel as the contents of their CSV (``factor_overrides``);
a scenario file may name factor sets, but only embedded ones (:func:`krapte.labour.scenarios.parse_scenarios`
reads no file).

``start_plan`` and ``start_comparison`` check the request (names, limits, sizes), then submit a job and return
its :class:`~krapte.services.jobs.JobView` at once; the solver runs in a worker, never in the request thread.
``plan`` and ``compare`` run the same job function in this process (the command line).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from krapte.errors import InputError, NotFoundError, TooLargeError, ValidationError
from krapte.services.context import Context
from krapte.services.jobs import Cancelled, JobView, Progress, job, run_inline, submit

__all__ = [
    "MAX_TIME_LIMIT",
    "PLAN_KIND",
    "SCENARIOS_KIND",
    "FileContent",
    "PlanRequest",
    "ScenarioRequest",
    "compare",
    "compare_job",
    "plan",
    "plan_job",
    "start_comparison",
    "start_plan",
]

PLAN_KIND = "labour.plan"
SCENARIOS_KIND = "labour.compare_scenarios"
MAX_TIME_LIMIT = 600.0  # seconds the planning solver may use at most
OBJECTIVES = ("lexicographic", "weighted")


@dataclass(frozen=True)
class FileContent:
    """An uploaded or read file: its name (the suffix picks the format; only the base name is kept) and bytes."""

    name: str
    content: bytes

    def to_json(self) -> dict[str, str]:
        return {"name": _base_name(self.name), "base64": base64.b64encode(self.content).decode("ascii")}

    @classmethod
    def from_json(cls, data: Any, what: str) -> FileContent:
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("name"), str)
            or not isinstance(data.get("base64"), str)
        ):
            raise ValidationError(f"the {what} is missing or malformed in the job's input")
        try:
            content = base64.b64decode(data["base64"], validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError(f"the {what} is not valid base64 in the job's input") from None
        return cls(_base_name(data["name"]), content)


@dataclass(frozen=True)
class PlanRequest:
    projects: FileContent
    capacity: FileContent | None = None
    factors: str = "rutovitz2025"
    factor_overrides: FileContent | None = None
    variant: str = "central"
    time_limit: float = 60.0
    objective: str = "lexicographic"


@dataclass(frozen=True)
class ScenarioRequest:
    projects: FileContent
    scenarios: FileContent | None = None  # default: the built-in scenarios
    factors: str = "rutovitz2025"
    factor_overrides: FileContent | None = None
    variant: str = "central"


def _base_name(name: str) -> str:
    """Only the file's own name goes into messages and results, never a directory of the machine it came from."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    return base[:200] or "upload"


def _check_file(ctx: Context, file: FileContent | None, what: str) -> None:
    if file is None:
        return
    limit = ctx.settings.max_upload_bytes
    if len(file.content) > limit:
        raise TooLargeError(
            f"the {what} is larger than {limit // (1024 * 1024)} MB",
            file=_base_name(file.name),
            hint="split the file or raise KRAPTE_MAX_UPLOAD_MB",
        )


def _check_factors(name: str) -> None:
    from krapte.labour.factors import factor_set_names

    known = factor_set_names()
    if name not in known:
        raise NotFoundError(
            f"there is no factor set {name[:100]!r}",
            hint=f"choose one of {', '.join(known)}; upload a CSV of your own as factor overrides",
        )


def _check_common(
    ctx: Context, projects: FileContent, factors: str, overrides: FileContent | None, variant: str
) -> None:
    from krapte.labour.factors import check_variant

    _check_file(ctx, projects, "project file")
    _check_file(ctx, overrides, "factor file")
    _check_factors(factors)
    check_variant(variant)


def _check_plan(ctx: Context, req: PlanRequest) -> dict[str, Any]:
    _check_common(ctx, req.projects, req.factors, req.factor_overrides, req.variant)
    _check_file(ctx, req.capacity, "capacity file")
    limit = min(MAX_TIME_LIMIT, float(ctx.settings.limits.max_solver_seconds))
    if not 0 < req.time_limit <= limit:
        raise ValidationError(
            f"time limit {req.time_limit!r} s is out of range",
            hint=f"give more than 0 and at most {limit:g} (KRAPTE_MAX_SOLVER_SECONDS)",
            limit="max_solver_seconds",
        )
    if req.objective not in OBJECTIVES:
        raise ValidationError(f"objective {req.objective!r} is not known", hint=f"use {' or '.join(OBJECTIVES)}")
    payload = _payload_of_plan(req)
    _validate_now(payload)
    return payload


def _validate_now(payload: dict[str, Any]) -> None:
    """Parse the uploads before queueing, so that a bad file gets its 4xx now (the job parses them again)."""
    from krapte.labour.planning_pipeline import check_plan_inputs
    from krapte.labour.projects import parse_projects
    from krapte.labour.scenarios import parse_scenarios

    factors = _factor_set(payload)
    projects_file = FileContent.from_json(payload.get("projects"), "project file")
    projects = parse_projects(projects_file.content, projects_file.name, factors=factors)
    if "capacity" in payload:
        capacity = _optional_file(payload, "capacity", "capacity file")
        cap_text = (_text(capacity, "capacity file"), capacity.name) if capacity else None
        check_plan_inputs(projects, factors, cap_text)
    scenario_file = _optional_file(payload, "scenarios", "scenario file") if "scenarios" in payload else None
    if scenario_file is not None:
        parse_scenarios(scenario_file.content, scenario_file.name)


def _payload_of_plan(req: PlanRequest) -> dict[str, Any]:
    return {
        "projects": req.projects.to_json(),
        "capacity": req.capacity.to_json() if req.capacity else None,
        "factors": req.factors,
        "factor_overrides": req.factor_overrides.to_json() if req.factor_overrides else None,
        "variant": req.variant,
        "time_limit": float(req.time_limit),
        "objective": req.objective,
    }


def _check_scenarios(ctx: Context, req: ScenarioRequest) -> dict[str, Any]:
    _check_common(ctx, req.projects, req.factors, req.factor_overrides, req.variant)
    _check_file(ctx, req.scenarios, "scenario file")
    payload = {
        "projects": req.projects.to_json(),
        "scenarios": req.scenarios.to_json() if req.scenarios else None,
        "factors": req.factors,
        "factor_overrides": req.factor_overrides.to_json() if req.factor_overrides else None,
        "variant": req.variant,
    }
    _validate_now(payload)
    return payload


def start_plan(ctx: Context, req: PlanRequest) -> JobView:
    """Start planning project starts as a job (see :func:`plan_job`)."""
    return submit(ctx, PLAN_KIND, _check_plan(ctx, req))


def plan(
    ctx: Context, req: PlanRequest, *, on_progress: Callable[[float, str | None], None] | None = None
) -> dict[str, Any]:
    """Plan in this process and return the result (the command line)."""
    return run_inline(ctx, PLAN_KIND, _check_plan(ctx, req), on_progress=on_progress)


def start_comparison(ctx: Context, req: ScenarioRequest) -> JobView:
    """Start a scenario comparison as a job (see :func:`compare_job`)."""
    return submit(ctx, SCENARIOS_KIND, _check_scenarios(ctx, req))


def compare(
    ctx: Context, req: ScenarioRequest, *, on_progress: Callable[[float, str | None], None] | None = None
) -> dict[str, Any]:
    """Compare scenarios in this process and return the result (the command line)."""
    return run_inline(ctx, SCENARIOS_KIND, _check_scenarios(ctx, req), on_progress=on_progress)


# --- the job functions (run in a worker) ---------------------------------------------------------------------------


def _optional_file(payload: dict[str, Any], key: str, what: str) -> FileContent | None:
    raw = payload.get(key)
    return None if raw is None else FileContent.from_json(raw, what)


def _text(file: FileContent, what: str) -> str:
    try:
        return file.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"the {what} is not UTF-8 text", file=file.name, hint="save it as UTF-8 CSV") from None


def _factor_set(payload: dict[str, Any]) -> Any:
    from krapte.labour.factors import factor_set, parse_factor_overrides

    name = str(payload.get("factors", "rutovitz2025"))
    _check_factors(name)
    overrides = _optional_file(payload, "factor_overrides", "factor file")
    if overrides is None:
        return factor_set(name)
    return parse_factor_overrides(_text(overrides, "factor file"), label=overrides.name, base=name)


@job(PLAN_KIND, title="Plan project starts")
def plan_job(ctx: Context, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Choose start quarters that minimise unmet labour demand, then the peak; before/after, moves and gap.

    The result is the JSON of :meth:`krapte.labour.planning_pipeline.PipelinePlan.to_dict` plus
    ``shortage_by_quarter`` (unmet FTE per quarter before and after, summed over regions and groups).
    """
    from krapte.labour.factors import check_variant
    from krapte.labour.planning import Objective, PlanStopped
    from krapte.labour.planning_pipeline import plan_pipeline
    from krapte.labour.projects import parse_projects

    progress(0.02, "reading the project file")
    projects_file = FileContent.from_json(payload.get("projects"), "project file")
    factors = _factor_set(payload)
    projects = parse_projects(projects_file.content, projects_file.name, factors=factors)
    capacity = _optional_file(payload, "capacity", "capacity file")
    cap_text = (_text(capacity, "capacity file"), capacity.name) if capacity else None
    time_limit = float(payload.get("time_limit", 60.0))
    if not 0 < time_limit <= MAX_TIME_LIMIT:
        raise ValidationError(f"time limit {time_limit!r} s is out of range")
    objective: Objective = "weighted" if payload.get("objective") == "weighted" else "lexicographic"
    progress(0.1, f"planning {len(projects)} projects (solver time limit {time_limit:g} s)")
    try:
        result = plan_pipeline(
            projects,
            factors,
            check_variant(str(payload.get("variant", "central"))),
            capacity_text=cap_text,
            time_limit=time_limit,
            objective=objective,
            should_stop=progress.should_stop,
        )
    except PlanStopped:  # cancelled while the solver ran: it was interrupted
        raise Cancelled() from None
    progress(0.95, "preparing the result")
    body = result.to_dict()
    body["shortage_by_quarter"] = {
        "quarters": result.quarters,
        "before": [round(float(v), 3) for v in result.result.shortage_before.sum(axis=(0, 1))],
        "after": [round(float(v), 3) for v in result.result.shortage_after.sum(axis=(0, 1))],
    }
    return body


@job(SCENARIOS_KIND, title="Compare scenarios")
def compare_job(ctx: Context, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Forecast, shortage and unmet demand per scenario, with the change against the first scenario.

    The result is ``{"scenarios": [...]}``, one row per scenario as :meth:`Comparison.rows` gives them.
    """
    from krapte.labour.factors import check_variant
    from krapte.labour.projects import parse_projects
    from krapte.labour.scenarios import compare_scenarios, default_scenarios, parse_scenarios

    progress(0.02, "reading the files")
    projects_file = FileContent.from_json(payload.get("projects"), "project file")
    factors = _factor_set(payload)
    projects = parse_projects(projects_file.content, projects_file.name, factors=factors)
    scenario_file = _optional_file(payload, "scenarios", "scenario file")
    chosen = parse_scenarios(scenario_file.content, scenario_file.name) if scenario_file else default_scenarios()
    progress(0.2, f"comparing {len(chosen)} scenarios")
    rows = compare_scenarios(
        projects, chosen, factors=factors, variant=check_variant(str(payload.get("variant", "central")))
    ).rows()
    progress(1.0, "done")
    return {"scenarios": rows}
