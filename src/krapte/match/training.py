"""Training plans: the set of courses that covers a person's gap skills, with funding and net cost per course.

The choice is a weighted set cover: pick courses ``x_c ∈ {0, 1}`` so that every gap skill some course teaches is
taught by at least one chosen course, minimising the chosen objective:

- ``courses``: the number of courses (ties broken by net cost),
- ``cost``: the summed net cost (course cost minus the largest certain course-cost funding; ties by count); a
  course without a known cost (the mbo qualifications: the source has none) is planned at the median known cost of
  the candidates and shown as "unknown",
- ``time``: the summed study time in weeks (``duration_weeks``, else study load at 8 hours a week, else 4 weeks).

Up to :data:`EXACT_LIMIT` candidate courses the integer programme is solved exactly with HiGHS. Above it the
greedy set-cover heuristic (best objective per newly covered skill weight, then removal of redundant courses)
gives the plan, and the LP relaxation solved by HiGHS gives a lower bound; the plan reports both and the gap.

Funding: every scheme is decided for (person, course, target) by :func:`krapte.match.funding.decide`. Only
``course-cost`` amounts lower the net cost, and only one scheme per course counts (schemes forbid double
funding); loans, tax exemptions, employer subsidies and advice services are listed with their reasons. Ended
schemes (STAP) are never options; the plan lists them separately as ended.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy import sparse

from krapte.errors import SolverError, ValidationError
from krapte.match.funding import Decision, FundingScheme, decide_all, facts_for
from krapte.match.geo import Gazetteer, default_gazetteer
from krapte.match.models import Course, Profile

__all__ = [
    "EXACT_LIMIT",
    "OBJECTIVES",
    "CourseOption",
    "PlannedCourse",
    "TrainingPlan",
    "course_options",
    "plan_training",
]

Objective = Literal["courses", "cost", "time"]
OBJECTIVES: tuple[str, ...] = ("courses", "cost", "time")
EXACT_LIMIT = 400
HOURS_PER_WEEK = 8.0
DEFAULT_TRAVEL_KM = 30.0
DEFAULT_WEEKS = 4.0


@dataclass(frozen=True)
class CourseOption:
    """A candidate course with what it covers and what it costs this person after funding."""

    course: Course
    covers: frozenset[str]
    cost: float  # EUR; for a course without a known cost: the median known cost of the candidates (an estimate)
    net_cost: float  # after the best certain (eligible) course-cost scheme
    net_cost_if_conditions: float  # after the best eligible-or-conditional course-cost scheme
    weeks: float
    funding: tuple[Decision, ...]  # options only (eligible or conditional)
    cost_known: bool = True  # False: ``cost`` is the estimate described above, shown as unknown


@dataclass(frozen=True)
class PlannedCourse:
    option: CourseOption
    covers_labels: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        o, c = self.option, self.option.course
        return {
            "course": c.id,
            "name": c.name,
            "provider": c.provider,
            "url": c.url,
            "covers": sorted(o.covers),
            "covers_labels": list(self.covers_labels),
            "cost_eur": o.cost if o.cost_known else None,
            "cost_basis": "source" if o.cost_known else "unknown (median of the other courses used for planning)",
            "net_cost_eur": o.net_cost if o.cost_known else None,
            "net_cost_if_conditions_eur": o.net_cost_if_conditions if o.cost_known else None,
            "weeks": o.weeks,
            "funding": [d.to_dict() for d in o.funding],
            "demo": c.demo,
        }


@dataclass(frozen=True)
class TrainingPlan:
    objective: str
    courses: tuple[PlannedCourse, ...]
    covered: frozenset[str]
    uncovered: frozenset[str]  # gap skills no candidate course teaches
    objective_value: float
    lower_bound: float
    method: str  # "exact (HiGHS MIP)" or "greedy + LP bound (HiGHS)"
    seconds: float
    ended_schemes: tuple[Decision, ...]  # shown as ended, never as options
    advice: tuple[Decision, ...] = ()  # free advice services open to this person (Werkcentrum, Leerwerkloket)

    @property
    def gap(self) -> float:
        """Relative optimality gap (0 for an exact solution)."""
        if self.objective_value <= 0:
            return 0.0
        return max(0.0, (self.objective_value - self.lower_bound) / self.objective_value)

    @property
    def total_cost(self) -> float:
        return round(sum(p.option.cost for p in self.courses), 2)

    @property
    def total_net_cost(self) -> float:
        return round(sum(p.option.net_cost for p in self.courses), 2)

    @property
    def total_weeks(self) -> float:
        return round(sum(p.option.weeks for p in self.courses), 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "objective": self.objective,
            "method": self.method,
            "objective_value": round(self.objective_value, 4),
            "lower_bound": round(self.lower_bound, 4),
            "gap": round(self.gap, 4),
            "seconds": round(self.seconds, 3),
            "courses": [p.to_dict() for p in self.courses],
            "covered": sorted(self.covered),
            "uncovered": sorted(self.uncovered),
            "total_cost_eur": self.total_cost,
            "total_net_cost_eur": self.total_net_cost,
            "total_weeks": self.total_weeks,
            "advice": [
                {
                    "scheme": d.scheme.id,
                    "name": d.scheme.name_nl,
                    "name_en": d.scheme.name_en,
                    "text": d.scheme.amount.text,
                    **({"text_en": d.scheme.amount.text_en} if d.scheme.amount.text_en else {}),
                }
                for d in self.advice
            ],
            "ended_schemes": [
                {
                    "scheme": d.scheme.id,
                    "name": d.scheme.name_nl,
                    "name_en": d.scheme.name_en,
                    "reasons": list(d.reasons),
                    "reason_codes": [r.to_dict() for r in d.reason_codes],
                }
                for d in self.ended_schemes
            ],
        }


def _weeks(c: Course) -> float:
    if c.duration_weeks:
        return float(c.duration_weeks)
    if c.study_load_hours:
        return float(c.study_load_hours) / HOURS_PER_WEEK
    return DEFAULT_WEEKS


def _reachable(course: Course, profile: Profile | None, gazetteer: Gazetteer | None) -> bool:
    if profile is None or not profile.home.gemeente or course.mode == "online" or not course.location.gemeente:
        return True
    gaz = gazetteer or default_gazetteer()
    if profile.home.gemeente not in gaz.centroids or course.location.gemeente not in gaz.centroids:
        return True
    return gaz.distance_km(profile.home.gemeente, course.location.gemeente) <= (profile.travel_km or DEFAULT_TRAVEL_KM)


def course_options(
    courses: Sequence[Course],
    gap: Sequence[str],
    *,
    profile: Profile | None = None,
    schemes: Sequence[FundingScheme] = (),
    target: Mapping[str, Any] | None = None,
    today: date,
    gazetteer: Gazetteer | None = None,
) -> list[CourseOption]:
    """Courses that teach at least one gap skill and are within reach, with funding decided for this person.

    Within reach: online courses, courses without a known place, and courses whose gemeente lies within the
    person's travel limit (default 30 km) of home; without a known home every course is in reach.
    """
    need = set(gap)
    relevant = [c for c in courses if c.skills.uris & need and _reachable(c, profile, gazetteer)]
    known = [float(c.cost_eur) for c in relevant if c.cost_eur is not None]
    fallback = float(np.median(known)) if known else 0.0
    out = []
    memo: dict[Any, Any] = {}  # one person and day: courses with the same facts decide alike
    for c in relevant:
        covers = frozenset(c.skills.uris & need)
        cost = float(c.cost_eur) if c.cost_eur is not None else fallback
        decisions = decide_all(schemes, facts_for(profile, c, target), today=today, cost=cost, memo=memo)
        course_cost = [d for d in decisions if d.scheme.amount.applies_to == "course-cost"]
        certain = max((d.amount_eur for d in course_cost if d.status == "eligible"), default=0.0)
        maybe = max((d.amount_eur for d in course_cost if d.is_option), default=0.0)
        out.append(
            CourseOption(
                course=c,
                covers=covers,
                cost=round(cost, 2),
                net_cost=round(max(0.0, cost - certain), 2),
                net_cost_if_conditions=round(max(0.0, cost - maybe), 2),
                weeks=round(_weeks(c), 1),
                funding=tuple(d for d in decisions if d.is_option and d.scheme.kind != "service"),
                cost_known=c.cost_eur is not None,
            )
        )
    return out


def _costs(options: Sequence[CourseOption], objective: str) -> npt.NDArray[np.float64]:
    """Primary objective per course plus a small tie-breaker that cannot change the primary optimum."""
    n = len(options)
    count = np.ones(n)
    cost = np.array([o.net_cost for o in options])
    weeks = np.array([o.weeks for o in options])
    if objective == "courses":
        return count + cost / (1.0 + cost.sum()) / (n + 1)
    if objective == "cost":
        return cost + count / (n + 1) * 0.01
    return weeks + count / (n + 1) * 0.01


def _cover_matrix(options: Sequence[CourseOption], skills: list[str]) -> sparse.csc_matrix:
    idx = {s: i for i, s in enumerate(skills)}
    rows = [idx[s] for o in options for s in sorted(o.covers)]
    cols = [j for j, o in enumerate(options) for _ in o.covers]
    return sparse.csc_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(skills), len(options)))


def _solve(
    a: sparse.csc_matrix, cost: npt.NDArray[np.float64], *, integer: bool, time_limit: float
) -> tuple[npt.NDArray[np.float64], float]:
    import highspy

    with _quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", float(time_limit))
    lp = highspy.HighsLp()
    n_rows, n_cols = a.shape
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.ones(n_cols)
    lp.row_lower_ = np.ones(n_rows)
    lp.row_upper_ = np.full(n_rows, highspy.kHighsInf)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data.astype(np.float64)
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    if status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kTimeLimit):
        raise SolverError(f"HiGHS stopped with status {h.modelStatusToString(status)!r} on the training plan")
    x = np.asarray(h.getSolution().col_value)
    bound = float(h.getInfo().mip_dual_bound) if integer else float(h.getInfo().objective_function_value)
    return x, bound


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence the banner HiGHS prints to the process's stdout (file descriptor 1) when a solver is created."""
    try:
        fd = os.dup(1)
    except OSError:  # no real stdout
        yield
        return
    try:
        sys.stdout.flush()
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            try:
                yield
            finally:
                with contextlib.suppress(OSError, AttributeError):  # flush C stdio: the banner sits in its buffer
                    ctypes.CDLL(None).fflush(None)
                os.dup2(fd, 1)
    finally:
        os.close(fd)


def _greedy(a: sparse.csc_matrix, cost: npt.NDArray[np.float64], weight: npt.NDArray[np.float64]) -> list[int]:
    """Greedy weighted set cover (cost per newly covered weight), then drop courses made redundant."""
    a = a.tocsc()
    uncovered = np.ones(a.shape[0], dtype=bool)
    chosen: list[int] = []
    cols = [a.indices[a.indptr[j] : a.indptr[j + 1]] for j in range(a.shape[1])]
    while uncovered.any():
        best, best_ratio = -1, np.inf
        for j, rows in enumerate(cols):
            gain = float(weight[rows][uncovered[rows]].sum())
            if gain > 0 and cost[j] / gain < best_ratio:
                best, best_ratio = j, cost[j] / gain
        if best < 0:
            break
        chosen.append(best)
        uncovered[cols[best]] = False
    for j in sorted(chosen, key=lambda j: -cost[j]):  # most expensive first
        others = [k for k in chosen if k != j]
        covered = np.zeros(a.shape[0], dtype=bool)
        for k in others:
            covered[cols[k]] = True
        if covered[cols[j]].all():
            chosen = others
    return sorted(chosen)


def plan_training(
    gap: Sequence[str] | Mapping[str, float],
    courses: Sequence[Course],
    *,
    objective: str = "courses",
    profile: Profile | None = None,
    schemes: Sequence[FundingScheme] = (),
    target: Mapping[str, Any] | None = None,
    today: date,
    labels: Mapping[str, str] | None = None,
    exact_limit: int = EXACT_LIMIT,
    time_limit: float = 10.0,
    method: Literal["auto", "exact", "heuristic"] = "auto",
) -> TrainingPlan:
    """The training plan that covers ``gap`` (skill URIs, or URI → weight) with ``courses`` for ``objective``."""
    if objective not in OBJECTIVES:
        raise ValidationError(f"unknown objective {objective!r}", hint=f"use one of {', '.join(OBJECTIVES)}")
    started = time.perf_counter()
    weights = dict(gap) if isinstance(gap, Mapping) else {s: 1.0 for s in gap}
    options = course_options(courses, list(weights), profile=profile, schemes=schemes, target=target, today=today)
    general = decide_all(schemes, facts_for(profile, None, target), today=today)
    ended = tuple(d for d in general if d.status == "ended")
    advice = tuple(d for d in general if d.scheme.kind == "service" and d.is_option)
    coverable = sorted(set().union(*(o.covers for o in options))) if options else []
    uncovered = frozenset(weights) - set(coverable)
    if not coverable:
        return TrainingPlan(
            objective,
            (),
            frozenset(),
            uncovered,
            0.0,
            0.0,
            "nothing to cover",
            time.perf_counter() - started,
            ended,
            advice,
        )
    a = _cover_matrix(options, coverable)
    cost = _costs(options, objective)
    use_exact = method == "exact" or (method == "auto" and len(options) <= exact_limit)
    if use_exact:
        x, bound = _solve(a, cost, integer=True, time_limit=time_limit)
        chosen = [j for j in range(len(options)) if x[j] > 0.5]
        how = "exact (HiGHS MIP)"
    else:
        chosen = _greedy(a, cost, np.array([weights[s] for s in coverable]))
        _, bound = _solve(a, cost, integer=False, time_limit=time_limit)
        how = "greedy + LP bound (HiGHS)"
    value = float(cost[chosen].sum())
    lab = labels or {}
    planned = tuple(
        PlannedCourse(options[j], tuple(lab.get(s, s) for s in sorted(options[j].covers)))
        for j in sorted(chosen, key=lambda j: (options[j].weeks, options[j].course.id))
    )
    return TrainingPlan(
        objective,
        planned,
        frozenset(coverable),
        uncovered,
        value,
        min(bound, value),
        how,
        time.perf_counter() - started,
        ended,
        advice,
    )
