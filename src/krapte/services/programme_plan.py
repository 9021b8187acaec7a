"""Plan the embedded national scenario across RES, NPE and NPLW together, as a background job.

The use case behind ``krapte plan`` without ``--projects``, ``POST /api/v1/plan/programmes`` and the button "plan
de programma's samen" on ``/regio/programmas``. The request names an embedded scenario (``nl-programmes-2030``,
the default, or ``res-35twh``) and optionally some programmes; nothing is uploaded. The job hands the scenario's
tranches to :func:`krapte.labour.programme_planning.plan_programmes` and returns, per programme, which components
end after their target and by how much, and the occupation groups that bind.

Only analysts and administrators may start it (``aggregates.read`` on top of ``jobs.run``): it is a national
analysis that holds a worker for up to the time limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from krapte.errors import ValidationError
from krapte.services.context import Context
from krapte.services.jobs import Cancelled, JobView, Progress, job, run_inline, submit

__all__ = [
    "BASIS",
    "DEFAULT_TIME_LIMIT",
    "PROGRAMMES_KIND",
    "ProgrammePlanRequest",
    "plan_programmes",
    "programme_plan_job",
    "start_programme_plan",
]

PROGRAMMES_KIND = "labour.plan_programmes"
PERMISSION = "aggregates.read"  # analysts and administrators
DEFAULT_TIME_LIMIT = 60.0
OBJECTIVES = ("lexicographic", "weighted")
BASIS = {
    "basis": "estimated",
    "source": "embedded scenario built by scripts/build_programmes.py from shared/data/energy/nl_programmes_2030 "
    "(RES: the 35 TWh path); labour factors of the scenario's factor set; capacity: the extra demand each "
    "arbeidsmarktregio absorbs before the ROA indicator (ITA) reaches 0.85; planned with HiGHS (docs/programmes.md)",
}


@dataclass(frozen=True)
class ProgrammePlanRequest:
    """Which embedded scenario and programmes to plan, with the solver's time limit (seconds)."""

    scenario: str = "nl-programmes-2030"
    programmes: tuple[str, ...] = field(default_factory=tuple)  # empty: all programmes of the scenario
    variant: str = "central"
    time_limit: float = DEFAULT_TIME_LIMIT
    objective: str = "lexicographic"


def _check(ctx: Context, req: ProgrammePlanRequest) -> dict[str, Any]:
    from krapte.labour.factors import check_variant
    from krapte.labour.programmes import named_scenario_entries
    from krapte.services.planning import MAX_TIME_LIMIT

    ctx.require("jobs.run")
    ctx.require(PERMISSION)
    check_variant(req.variant)
    named_scenario_entries(req.scenario, req.programmes or None)  # unknown names and programmes fail here
    limit = min(MAX_TIME_LIMIT, float(ctx.settings.limits.max_solver_seconds))
    if not 0 < req.time_limit <= limit:
        raise ValidationError(
            f"time limit {req.time_limit!r} s is out of range",
            hint=f"give more than 0 and at most {limit:g} (KRAPTE_MAX_SOLVER_SECONDS)",
            limit="max_solver_seconds",
        )
    if req.objective not in OBJECTIVES:
        raise ValidationError(f"objective {req.objective!r} is not known", hint=f"use {' or '.join(OBJECTIVES)}")
    from krapte.labour.programmes import check_programmes

    return {
        "scenario": req.scenario,
        "programmes": list(check_programmes(req.programmes)) if req.programmes else [],
        "variant": req.variant,
        "time_limit": float(req.time_limit),
        "objective": req.objective,
    }


def start_programme_plan(ctx: Context, req: ProgrammePlanRequest) -> JobView:
    """Start the joint plan of the programmes as a job (see :func:`programme_plan_job`)."""
    return submit(ctx, PROGRAMMES_KIND, _check(ctx, req))


def plan_programmes(
    ctx: Context, req: ProgrammePlanRequest, *, on_progress: Callable[[float, str | None], None] | None = None
) -> dict[str, Any]:
    """Plan the programmes in this process and return the result (the command line)."""
    return run_inline(ctx, PROGRAMMES_KIND, _check(ctx, req), on_progress=on_progress)


@job(PROGRAMMES_KIND, title="Plan the national programmes together", permission=PERMISSION)
def programme_plan_job(ctx: Context, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Plan the scenario's tranches across programmes; per programme the slips and the binding occupation groups.

    The result is :meth:`krapte.labour.programme_planning.ProgrammePlan.to_dict` (the plan's summary, moves, the
    first 50 cells with region names, ``by_programme`` and ``slips``) plus ``scenario``, ``programmes``,
    ``shortage_by_quarter`` and ``basis``/``source`` of the figures.
    """
    from krapte.labour.factors import check_variant, factor_set
    from krapte.labour.planning import Objective, PlanStopped
    from krapte.labour.programme_planning import plan_programmes as plan_engine
    from krapte.labour.programmes import named_scenario_entries, scenario_factor_set

    scenario = str(payload.get("scenario", "nl-programmes-2030"))
    chosen = [str(p) for p in payload.get("programmes") or []]
    entries = named_scenario_entries(scenario, chosen or None)
    time_limit = float(payload.get("time_limit", DEFAULT_TIME_LIMIT))
    objective: Objective = "weighted" if payload.get("objective") == "weighted" else "lexicographic"
    programmes = sorted({e.programme for e in entries}, key=lambda p: ("RES", "NPE", "NPLW").index(p))
    progress(0.05, f"planning {len(entries)} tranches of {', '.join(programmes)} (solver time limit {time_limit:g} s)")
    try:
        planned = plan_engine(
            entries=entries,
            factors=factor_set(scenario_factor_set(scenario)),
            variant=check_variant(str(payload.get("variant", "central"))),
            time_limit=time_limit,
            objective=objective,
            should_stop=progress.should_stop,
        )
    except PlanStopped:  # cancelled while the solver ran: it was interrupted
        raise Cancelled() from None
    progress(0.9, "finding the slips per programme")
    body = planned.to_dict()
    result = planned.plan.result
    body.update(
        scenario=scenario,
        programmes=programmes,
        tranches=len(entries),
        shortage_by_quarter={
            "quarters": planned.plan.quarters,
            "before": [round(float(v), 3) for v in result.shortage_before.sum(axis=(0, 1))],
            "after": [round(float(v), 3) for v in result.shortage_after.sum(axis=(0, 1))],
        },
        **BASIS,
    )
    return body
