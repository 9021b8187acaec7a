"""Project planning: choose start quarters that minimise unmet labour demand, then the peak shortage.

The core is a pure function over numpy arrays, :func:`plan_starts`. Each project brings its demand profile (FTE per
region × occupation × quarter offset from its start) and the window of start quarters it may take; the capacity
array says how many FTE each region can supply per occupation and quarter. The schedule is chosen by a mixed
integer programme solved with HiGHS (``highspy``); the model is written out in ``docs/planning.md``:

* binary ``x[p, s]`` = project ``p`` starts in quarter ``s`` (exactly one start per project);
* continuous ``u[c] >= 0`` with ``u[c] >= background[c] + Σ demand[p, s, c]·x[p, s] − capacity[c]`` for each
  region × occupation × quarter cell ``c`` that some start could push over capacity (the unmet demand);
* continuous ``z >= u[c]`` for every cell (the peak shortage);
* lexicographic objective: first minimise ``Σ u`` (total unmet demand, FTE-quarters), then, with ``Σ u`` held at
  the value found, minimise ``z``. A weighted variant (``Σ u + w·z``) solves once.

Before the solver runs, a greedy local search (:func:`greedy_starts`) builds a schedule that the solver receives as
its first incumbent, so that a time limit always returns a schedule at least as good as the heuristic. After the
solver, projects that moved are pulled back toward their planned start as far as this changes neither the unmet
demand nor the peak, so that "which projects moved" lists only moves that matter.

Indices are plain integers (quarter 0 is the first quarter of the horizon); callers translate to ``2027Q1`` labels
through ``quarter_label`` so that errors name real quarters.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from krapte.errors import SolverError, ValidationError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Objective = Literal["lexicographic", "weighted"]
Method = Literal["auto", "milp", "blocks", "decompose"]

#: With ``method="auto"``, instances with more movable projects than this are solved by decomposition.
DECOMPOSE_FROM = 60


#: Cells, unmet totals and peaks closer than this (FTE) count as equal.
TOLERANCE = 1e-6


class PlanStopped(Exception):
    """Raised by :func:`plan_starts` when its ``should_stop`` callable answered ``True``: no schedule is returned."""


@dataclass(frozen=True)
class PlannableProject:
    """A project whose start quarter may be chosen.

    ``profile`` holds the FTE the project needs, either one array ``(regions, occupations, offsets)`` used for every
    start, or one per candidate start (a 4-D array or a sequence of 3-D arrays, ``latest_start - earliest_start +
    1`` of them, for factors that change with the year; the same array object may be repeated). With
    ``region_index`` the profile's first axis covers only those rows of the capacity (a project in one region
    needs a profile of one row). ``planned_start`` is the start before planning (the "before" schedule); it
    defaults to ``earliest_start``.
    """

    id: str
    profile: FloatArray | Sequence[FloatArray]
    earliest_start: int
    latest_start: int
    planned_start: int | None = None
    region_index: tuple[int, ...] | None = None

    @property
    def before(self) -> int:
        return self.earliest_start if self.planned_start is None else self.planned_start


@dataclass(frozen=True)
class Move:
    """A project whose start changed: ``shift`` quarters later (positive) or earlier (negative)."""

    project: str
    before: int
    after: int

    @property
    def shift(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class PlanningResult:
    """Schedules before and after planning, their shortage arrays and how the solver did.

    ``shortage_*`` and ``demand_*`` have the capacity's shape (regions, occupations, quarters); demand includes the
    background. ``mip_gap`` is the relative gap of the first objective (0 when proven optimal): HiGHS's for the
    monolithic model; for the decomposition the distance from its schedule to its proven bound, relative to the
    unmet demand in the cells a choice can change.
    ``unmet_bound`` is the proven lower bound on the total unmet demand (comparable with ``unmet_after``; ``None``
    when the monolithic model ran), ``method`` the method that produced the schedule.
    """

    starts_before: dict[str, int]
    starts_after: dict[str, int]
    demand_before: FloatArray
    demand_after: FloatArray
    shortage_before: FloatArray
    shortage_after: FloatArray
    status: str
    mip_gap: float
    peak_gap: float
    solve_seconds: float
    objective: Objective
    model_size: dict[str, int] = field(default_factory=dict)
    unmet_bound: float | None = None
    method: str = "milp"

    @property
    def unmet_before(self) -> float:
        return float(self.shortage_before.sum())

    @property
    def unmet_after(self) -> float:
        return float(self.shortage_after.sum())

    @property
    def peak_before(self) -> float:
        return float(self.shortage_before.max(initial=0.0))

    @property
    def peak_after(self) -> float:
        return float(self.shortage_after.max(initial=0.0))

    @property
    def moves(self) -> list[Move]:
        return [
            Move(pid, self.starts_before[pid], after)
            for pid, after in self.starts_after.items()
            if after != self.starts_before[pid]
        ]


@dataclass
class _Candidates:
    """Every candidate start of every project as sparse (cell, FTE) lists over the flattened capacity grid."""

    starts: list[IntArray]  # per project: candidate start quarters
    cells: list[list[IntArray]]  # per project, per candidate: flat cell indices
    values: list[list[FloatArray]]  # per project, per candidate: FTE in those cells
    before: IntArray  # per project: index of the planned start among its candidates


def plan_starts(
    projects: Sequence[PlannableProject],
    capacity: FloatArray,
    *,
    background: FloatArray | None = None,
    time_limit: float = 60.0,
    objective: Objective = "lexicographic",
    peak_weight: float = 1.0,
    mip_rel_gap: float = 1e-4,
    quarter_label: Callable[[int], str] = str,
    regional_share: float = 0.0,
    regional_min_projects: int = 60,
    method: Method = "auto",
    should_stop: Callable[[], bool] | None = None,
) -> PlanningResult:
    """Choose each project's start within its window to minimise unmet demand and, second, the peak shortage.

    ``capacity`` is FTE available per region × occupation × quarter (``inf`` = unlimited); ``background`` is demand
    that planning cannot move (fixed projects). ``time_limit`` (seconds) bounds the whole solve; on reaching it the
    best schedule found is returned with ``status="time_limit"`` and its optimality gap. Raises
    :class:`~krapte.errors.SolverError` naming the project or cell when no schedule exists or the shortage would be
    unbounded (non-finite demand, capacity of ``-inf`` or NaN).

    Optionally (``regional_share > 0``, more than ``regional_min_projects`` projects), when the full model has not
    proven optimality, ``regional_share`` of the time limit goes to a regional neighbourhood search: region by
    region (most unmet demand first), the projects touching that region are re-planned exactly with all others
    fixed. The gap is then
    recomputed against the full model's bound.

    ``method`` picks the solver: ``"milp"`` the monolithic model above; ``"blocks"`` first sorts the cells into
    never, always and sometimes short, turns the always-short ones into linear costs and solves the independent
    blocks of projects that share sometimes-short cells one by one (:mod:`krapte.labour.planning_blocks`);
    ``"decompose"`` one exact model per block of regions tied by Lagrangian multipliers
    (:mod:`krapte.labour.planning_decompose`), which proves its gap as the sum of the blocks' bounds and lowers the
    peak afterwards by local search; ``"auto"`` (default) decomposes lexicographic problems with more than
    :data:`DECOMPOSE_FROM` movable projects.

    ``should_stop``, if given, is asked while HiGHS runs (from its interrupt callbacks) and between solver runs;
    once it answers ``True`` the solver is interrupted and :class:`PlanStopped` is raised (a cancelled job). It
    must be cheap and must not raise.
    """
    started = time.perf_counter()
    cap, bg = _check_grid(capacity, background, quarter_label)
    _check_projects(projects, cap.shape, quarter_label)
    if time_limit <= 0:
        raise ValidationError(f"time limit {time_limit!r} s must be positive", hint="give e.g. --time-limit 60")
    cand = _candidates(projects, cap.shape)
    flat_cap = cap.reshape(-1)
    flat_bg = bg.reshape(-1)
    before = cand.before.copy()
    greedy = _local_search(cand, flat_cap, flat_bg, before)
    _stop_if_asked(should_stop)  # before the model is built: building and presolve cannot be interrupted

    def regional(chosen: IntArray, deadline: float) -> IntArray:
        return _regional_search(cand, flat_cap, flat_bg, chosen, cap.shape, deadline, mip_rel_gap, should_stop)

    if method not in ("auto", "milp", "blocks", "decompose"):
        raise ValidationError(f"planning method {method!r} is not known", hint="use auto, milp, blocks or decompose")
    n_movable = sum(len(s) > 1 for s in cand.starts)
    if method == "auto":
        method = "decompose" if n_movable > DECOMPOSE_FROM else "milp"
    if objective != "lexicographic" and method == "decompose":
        method = "milp"  # the decomposition proves the unmet-demand phase only
    use_regional = regional_share > 0 and len(projects) > regional_min_projects and method == "milp"
    decompose = method == "decompose"
    bound: float | None = None
    if decompose:
        from krapte.labour.planning_decompose import plan_decomposed

        chosen, status, gap, peak_gap, size, bound = plan_decomposed(
            cand,
            flat_cap,
            flat_bg,
            greedy,
            cap.shape,
            started + time_limit,
            mip_rel_gap=mip_rel_gap,
            should_stop=should_stop,
        )
    else:
        solve = _solve_blocks if method == "blocks" else _solve_milp
        chosen, status, gap, peak_gap, size = solve(
            cand,
            flat_cap,
            flat_bg,
            greedy,
            improve=regional if use_regional else None,
            improve_share=regional_share,
            time_limit=max(started + time_limit - time.perf_counter(), 0.1),
            objective=objective,
            peak_weight=peak_weight,
            mip_rel_gap=mip_rel_gap,
            should_stop=should_stop,
        )
    chosen = _settle(cand, flat_cap, flat_bg, chosen)
    demand_before = _load(cand, flat_bg, before).reshape(cap.shape)
    demand_after = _load(cand, flat_bg, chosen).reshape(cap.shape)
    return PlanningResult(
        starts_before={p.id: int(cand.starts[i][before[i]]) for i, p in enumerate(projects)},
        starts_after={p.id: int(cand.starts[i][chosen[i]]) for i, p in enumerate(projects)},
        demand_before=demand_before,
        demand_after=demand_after,
        shortage_before=np.maximum(demand_before - cap, 0.0),
        shortage_after=np.maximum(demand_after - cap, 0.0),
        status=status,
        mip_gap=gap,
        peak_gap=peak_gap,
        solve_seconds=time.perf_counter() - started,
        objective=objective,
        model_size=size,
        unmet_bound=bound,
        method=method,
    )


def greedy_starts(
    projects: Sequence[PlannableProject],
    capacity: FloatArray,
    *,
    background: FloatArray | None = None,
) -> dict[str, int]:
    """A baseline: move one project at a time to the start that adds least unmet demand, until nothing improves."""
    cap, bg = _check_grid(capacity, background, str)
    _check_projects(projects, cap.shape, str)
    cand = _candidates(projects, cap.shape)
    chosen = _local_search(cand, cap.reshape(-1), bg.reshape(-1), cand.before.copy())
    return {p.id: int(cand.starts[i][chosen[i]]) for i, p in enumerate(projects)}


def shortage_for(
    projects: Sequence[PlannableProject],
    capacity: FloatArray,
    starts: dict[str, int],
    *,
    background: FloatArray | None = None,
) -> FloatArray:
    """Unmet demand per region × occupation × quarter when the projects start as ``starts`` says."""
    cap, bg = _check_grid(capacity, background, str)
    _check_projects(projects, cap.shape, str)
    cand = _candidates(projects, cap.shape)
    chosen = np.array(
        [int(np.searchsorted(cand.starts[i], starts[p.id])) for i, p in enumerate(projects)], dtype=np.int64
    )
    load = _load(cand, bg.reshape(-1), chosen).reshape(cap.shape)
    return np.maximum(load - cap, 0.0)


# --- input checks ------------------------------------------------------------------------------------------------


def _check_grid(
    capacity: FloatArray, background: FloatArray | None, quarter_label: Callable[[int], str]
) -> tuple[FloatArray, FloatArray]:
    cap = np.asarray(capacity, dtype=np.float64)
    if cap.ndim != 3:
        raise ValidationError(
            f"capacity has shape {cap.shape}; expected (regions, occupations, quarters)",
            hint="give one capacity value per region, occupation and quarter",
        )
    bad = np.argwhere(np.isnan(cap) | (cap == -np.inf))
    if len(bad):
        r, o, t = (int(v) for v in bad[0])
        raise SolverError(
            f"capacity of region #{r}, occupation #{o} in {quarter_label(t)} is {cap[r, o, t]}: "
            "the unmet demand there is undefined, so the problem is unbounded or infeasible",
            hint="give a finite capacity (or inf for no limit) in every cell",
        )
    if (cap < 0).any():
        r, o, t = (int(v) for v in np.argwhere(cap < 0)[0])
        raise ValidationError(
            f"capacity of region #{r}, occupation #{o} in {quarter_label(t)} is negative ({cap[r, o, t]})",
            hint="capacity is FTE available; use 0 for none",
        )
    bg = np.zeros_like(cap) if background is None else np.asarray(background, dtype=np.float64)
    if bg.shape != cap.shape:
        raise ValidationError(f"background demand has shape {bg.shape}, capacity {cap.shape}; they must match")
    if not np.isfinite(bg).all() or (bg < 0).any():
        raise SolverError(
            "background demand has a negative or non-finite value: the shortage would be unbounded",
            hint="check the fixed projects' demand",
        )
    return cap, bg


def _check_projects(
    projects: Sequence[PlannableProject], shape: tuple[int, ...], quarter_label: Callable[[int], str]
) -> None:
    n_regions, n_occupations, n_quarters = shape
    seen: set[str] = set()
    for p in projects:
        if p.id in seen:
            raise ValidationError(f"project id {p.id!r} occurs twice", hint="give every project its own id")
        seen.add(p.id)
        if p.earliest_start > p.latest_start:
            raise SolverError(
                f"project {p.id!r} has no start that fits: its latest start {quarter_label(p.latest_start)} lies "
                f"before its earliest start {quarter_label(p.earliest_start)} (the window is shorter than the "
                "duration)",
                hint="widen the window (earliest_start, latest_end) or shorten duration_quarters",
                project=p.id,
            )
        if p.earliest_start < 0 or p.latest_start >= n_quarters:
            raise SolverError(
                f"project {p.id!r} may start from {quarter_label(p.earliest_start)} to "
                f"{quarter_label(p.latest_start)}, outside the planning horizon "
                f"{quarter_label(0)}–{quarter_label(n_quarters - 1)}",
                hint="extend the capacity to cover every project's window",
                project=p.id,
            )
        if not p.earliest_start <= p.before <= p.latest_start:
            raise ValidationError(
                f"project {p.id!r} is planned to start in {quarter_label(p.before)}, outside its window "
                f"{quarter_label(p.earliest_start)}–{quarter_label(p.latest_start)}",
                hint="move start_quarter inside [earliest_start, latest_end - duration]",
            )
        n_starts = p.latest_start - p.earliest_start + 1
        n_rows = n_regions if p.region_index is None else len(p.region_index)
        if p.region_index is not None and not all(0 <= r < n_regions for r in p.region_index):
            raise ValidationError(f"project {p.id!r} names a region row outside 0..{n_regions - 1}")
        per_start = _per_start(p.profile)
        if per_start is not None and len(per_start) != n_starts:
            raise ValidationError(
                f"project {p.id!r} has {len(per_start)} start profiles for {n_starts} candidate starts"
            )
        for prof in per_start if per_start is not None else [np.asarray(p.profile)]:
            if prof.ndim != 3 or prof.shape[:2] != (n_rows, n_occupations):
                raise ValidationError(
                    f"project {p.id!r} has a demand profile of shape {prof.shape}; expected "
                    f"({n_rows}, {n_occupations}, offsets), optionally one per candidate start"
                )
            if not np.isfinite(prof).all():
                raise SolverError(
                    f"project {p.id!r} has a non-finite demand: the unmet demand would be unbounded",
                    hint="check its size and labour-intensity factors",
                    project=p.id,
                )
            if (prof < 0).any():
                raise ValidationError(f"project {p.id!r} has negative demand", hint="demand is FTE; use 0 for none")


def _per_start(profile: FloatArray | Sequence[FloatArray]) -> list[FloatArray] | None:
    """The per-start profiles, or None when one 3-D profile serves every start."""
    if isinstance(profile, np.ndarray):
        return list(profile) if profile.ndim == 4 else None
    return [np.asarray(x, dtype=np.float64) for x in profile]


# --- candidate starts ---------------------------------------------------------------------------------------------


def _candidates(projects: Sequence[PlannableProject], shape: tuple[int, ...]) -> _Candidates:
    _n_regions, n_occupations, n_quarters = shape
    starts: list[IntArray] = []
    cells: list[list[IntArray]] = []
    values: list[list[FloatArray]] = []
    before: list[int] = []
    for p in projects:
        s_range = np.arange(p.earliest_start, p.latest_start + 1, dtype=np.int64)
        per_start = _per_start(p.profile)
        rows = None if p.region_index is None else np.asarray(p.region_index, dtype=np.int64)
        p_cells: list[IntArray] = []
        p_values: list[FloatArray] = []
        seen: dict[int, tuple[IntArray, IntArray, IntArray, FloatArray]] = {}
        for k, s in enumerate(s_range):
            prof = p.profile if per_start is None else per_start[k]
            if id(prof) not in seen:
                seen[id(prof)] = _nonzero(np.asarray(prof, dtype=np.float64), rows)
            r, o, d, v = seen[id(prof)]
            t = d + s
            keep = t < n_quarters
            p_cells.append(((r[keep] * n_occupations + o[keep]) * n_quarters + t[keep]).astype(np.int64))
            p_values.append(v[keep])
        starts.append(s_range)
        cells.append(p_cells)
        values.append(p_values)
        before.append(p.before - p.earliest_start)
    return _Candidates(starts, cells, values, np.array(before, dtype=np.int64))


def _nonzero(profile: FloatArray, rows: IntArray | None) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    r, o, d = np.nonzero(profile > 0)
    values = profile[r, o, d]
    r = r.astype(np.int64) if rows is None else rows[r]
    return r, o.astype(np.int64), d.astype(np.int64), values


def _load(cand: _Candidates, flat_bg: FloatArray, chosen: IntArray) -> FloatArray:
    load = flat_bg.copy()
    for i, k in enumerate(chosen):
        np.add.at(load, cand.cells[i][k], cand.values[i][k])
    return load


# --- greedy local search (baseline and first incumbent) ---------------------------------------------------------


def _local_search(
    cand: _Candidates, flat_cap: FloatArray, flat_bg: FloatArray, chosen: IntArray, max_passes: int = 20
) -> IntArray:
    """Repeatedly move each project to the start that adds least unmet demand; ties keep the start closest to plan."""
    chosen = chosen.copy()
    load = _load(cand, flat_bg, chosen)
    order = np.argsort([-sum(float(v.sum()) for v in vals) for vals in cand.values], kind="stable")
    for _ in range(max_passes):
        improved = False
        for i in order:
            k_now = int(chosen[i])
            np.subtract.at(load, cand.cells[i][k_now], cand.values[i][k_now])
            costs = np.array(
                [_added_unmet(load, flat_cap, c, v) for c, v in zip(cand.cells[i], cand.values[i], strict=True)]
            )
            distance = np.abs(np.arange(len(costs)) - cand.before[i])
            best = int(np.lexsort((distance, np.round(costs / TOLERANCE)))[0])
            if costs[best] < costs[k_now] - TOLERANCE:
                chosen[i] = best
                improved = True
            np.add.at(load, cand.cells[i][chosen[i]], cand.values[i][chosen[i]])
        if not improved:
            break
    return chosen


def _added_unmet(load: FloatArray, flat_cap: FloatArray, cells: IntArray, values: FloatArray) -> float:
    if len(cells) == 0:
        return 0.0
    base = load[cells]
    cap = flat_cap[cells]
    # a project's cells are distinct (one value per region, occupation and quarter), so this is exact
    return float((np.maximum(base + values - cap, 0.0) - np.maximum(base - cap, 0.0)).sum())


def _regional_search(
    cand: _Candidates,
    flat_cap: FloatArray,
    flat_bg: FloatArray,
    chosen: IntArray,
    shape: tuple[int, ...],
    deadline: float,
    mip_rel_gap: float,
    should_stop: Callable[[], bool] | None = None,
) -> IntArray:
    """Large-neighbourhood search: re-plan the projects of one region at a time exactly, the rest fixed."""
    _n_regions, n_occupations, n_quarters = shape
    per_region = n_occupations * n_quarters
    chosen = chosen.copy()
    movable = [i for i in range(len(chosen)) if len(cand.starts[i]) > 1]
    regions_of = {i: set((np.concatenate(cand.cells[i]) // per_region).tolist()) for i in movable}
    load = _load(cand, flat_bg, chosen)
    unmet_by_region = np.maximum(load - flat_cap, 0.0).reshape(-1, per_region).sum(axis=1)
    for region in np.argsort(-unmet_by_region, kind="stable"):
        budget = deadline - time.perf_counter()
        if budget < 0.5 or unmet_by_region[region] <= TOLERANCE:
            break
        free = [i for i in movable if int(region) in regions_of[i]]
        if len(free) < 2:
            continue
        background = load.copy()
        for i in free:
            np.subtract.at(background, cand.cells[i][chosen[i]], cand.values[i][chosen[i]])
        sub = _Candidates(
            [cand.starts[i] for i in free],
            [cand.cells[i] for i in free],
            [cand.values[i] for i in free],
            chosen[free].copy(),
        )
        picked, *_ = _solve_milp(
            sub,
            flat_cap,
            background,
            chosen[free],
            time_limit=min(budget, 5.0),
            objective="weighted",
            peak_weight=0.0,
            mip_rel_gap=mip_rel_gap,
            should_stop=should_stop,
        )
        trial = chosen.copy()
        trial[free] = picked
        new_load = _load(cand, flat_bg, trial)
        if _totals(new_load, flat_cap)[0] < _totals(load, flat_cap)[0] - TOLERANCE:
            chosen, load = trial, new_load
    return chosen


def _peak_search(
    cand: _Candidates,
    flat_cap: FloatArray,
    flat_bg: FloatArray,
    chosen: IntArray,
    deadline: float,
    should_stop: Callable[[], bool] | None = None,
) -> IntArray:
    """Move single projects to lower the peak shortage without raising the unmet total, until nothing helps."""
    chosen = chosen.copy()
    load = _load(cand, flat_bg, chosen)
    unmet, peak = _totals(load, flat_cap)
    improved = True
    while improved and time.perf_counter() < deadline:
        _stop_if_asked(should_stop)
        improved = False
        for i in range(len(chosen)):
            if len(cand.starts[i]) < 2 or time.perf_counter() > deadline:
                continue
            k_now = int(chosen[i])
            np.subtract.at(load, cand.cells[i][k_now], cand.values[i][k_now])
            for k in range(len(cand.starts[i])):
                if k == k_now:
                    continue
                np.add.at(load, cand.cells[i][k], cand.values[i][k])
                u, pk = _totals(load, flat_cap)
                np.subtract.at(load, cand.cells[i][k], cand.values[i][k])
                if u <= unmet + TOLERANCE * max(1.0, unmet) and pk < peak - TOLERANCE:
                    chosen[i], unmet, peak, improved = k, min(u, unmet), pk, True
            np.add.at(load, cand.cells[i][chosen[i]], cand.values[i][chosen[i]])
    return chosen


def _settle(cand: _Candidates, flat_cap: FloatArray, flat_bg: FloatArray, chosen: IntArray) -> IntArray:
    """Pull moved projects back toward their planned start while unmet demand and peak stay the same."""
    chosen = chosen.copy()
    load = _load(cand, flat_bg, chosen)
    unmet, peak = _totals(load, flat_cap)
    for i in range(len(chosen)):
        k_now, k_plan = int(chosen[i]), int(cand.before[i])
        if k_now == k_plan:
            continue
        np.subtract.at(load, cand.cells[i][k_now], cand.values[i][k_now])
        step = 1 if k_plan > k_now else -1
        for k in range(k_plan, k_now, -step):  # closest to the plan first
            np.add.at(load, cand.cells[i][k], cand.values[i][k])
            u, pk = _totals(load, flat_cap)
            if u <= unmet + TOLERANCE and pk <= peak + TOLERANCE:
                chosen[i], unmet, peak = k, min(u, unmet), min(pk, peak)
                break
            np.subtract.at(load, cand.cells[i][k], cand.values[i][k])
        else:
            np.add.at(load, cand.cells[i][k_now], cand.values[i][k_now])
    return chosen


def _totals(load: FloatArray, flat_cap: FloatArray) -> tuple[float, float]:
    short = np.maximum(load - flat_cap, 0.0)
    return float(short.sum()), float(short.max(initial=0.0))


# --- the mixed integer programme -----------------------------------------------------------------------------------


def _solve_milp(
    cand: _Candidates,
    flat_cap: FloatArray,
    flat_bg: FloatArray,
    start: IntArray,
    *,
    time_limit: float,
    objective: Objective,
    peak_weight: float,
    mip_rel_gap: float,
    cuts: bool = True,
    improve: Callable[[IntArray, float], IntArray] | None = None,
    improve_share: float = 0.25,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[IntArray, str, float, float, dict[str, int]]:
    """Build and solve the MILP; returns chosen candidate per project, status, gaps and model size."""
    import highspy

    deadline = time.perf_counter() + time_limit
    n_projects = len(cand.starts)
    # x columns: one per project and candidate start
    x_offset = np.cumsum([0] + [len(s) for s in cand.starts]).astype(np.int64)
    n_x = int(x_offset[-1])
    # cells worth modelling: those some schedule could push over capacity and that some choice affects
    upper = flat_bg.copy()
    touched = np.zeros(len(flat_cap), dtype=bool)
    movable = [len(s) > 1 for s in cand.starts]
    for i in range(n_projects):
        per_cell: dict[int, float] = {}
        for c, v in zip(cand.cells[i], cand.values[i], strict=True):
            for cell, val in zip(c.tolist(), v.tolist(), strict=True):
                per_cell[cell] = max(per_cell.get(cell, 0.0), val)
        if per_cell:
            idx = np.fromiter(per_cell.keys(), dtype=np.int64)
            upper[idx] += np.fromiter(per_cell.values(), dtype=np.float64)
            if movable[i]:
                touched[idx] = True
    active = np.flatnonzero(touched & (upper > flat_cap + TOLERANCE))
    size = {"projects": n_projects, "start_variables": n_x, "shortage_cells": len(active)}
    if len(active) == 0:  # no choice can cause a shortage: keep the plan
        return start, "optimal", 0.0, 0.0, size
    row_of = np.full(len(flat_cap), -1, dtype=np.int64)
    row_of[active] = np.arange(len(active))
    n_cells = len(active)

    # constant part of each active cell: background plus fixed (single-start) projects
    const = flat_bg[active].copy()
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    for i in range(n_projects):
        for k, (c, v) in enumerate(zip(cand.cells[i], cand.values[i], strict=True)):
            r = row_of[c]
            keep = r >= 0
            if not movable[i]:
                np.add.at(const, r[keep], v[keep])
                continue
            rows.append(r[keep])
            cols.append(np.full(int(keep.sum()), x_offset[i] + k, dtype=np.int64))
            vals.append(v[keep])
    cap_rows = flat_cap[active] - const

    # columns: x (n_x) | u (n_cells) | z (1); rows: assign (n_projects) | cells (n_cells) | peak (n_cells) | unmet
    u0, z_col = n_x, n_x + n_cells
    n_cols = z_col + 1
    cut_r, cut_c, cut_v, n_cuts = _excess_cuts(rows, cols, vals, cap_rows, x_offset, u0) if cuts else (*_EMPTY, 0)
    assign_r = np.repeat(np.arange(n_projects), np.diff(x_offset))
    r_all = np.concatenate(
        [
            assign_r,  # Σ_s x[p,s] = 1
            *[n_projects + r for r in rows],  # Σ a·x − u ≤ cap − const
            n_projects + np.arange(n_cells),
            n_projects + n_cells + np.arange(n_cells),  # u − z ≤ 0
            n_projects + n_cells + np.arange(n_cells),
            np.full(n_cells, n_projects + 2 * n_cells),  # Σ u ≤ bound (phase 2)
            n_projects + 2 * n_cells + 1 + cut_r,  # Σ_s excess·x[p,s] − u ≤ 0 (one project's own excess)
        ]
    )
    c_all = np.concatenate(
        [
            np.arange(n_x),
            *cols,
            u0 + np.arange(n_cells),
            u0 + np.arange(n_cells),
            np.full(n_cells, z_col),
            u0 + np.arange(n_cells),
            cut_c,
        ]
    )
    v_all = np.concatenate(
        [
            np.ones(n_x),
            *vals,
            -np.ones(n_cells),
            np.ones(n_cells),
            -np.ones(n_cells),
            np.ones(n_cells),
            cut_v,
        ]
    )
    n_rows = n_projects + 2 * n_cells + 1 + n_cuts
    from scipy.sparse import coo_matrix

    a = coo_matrix((v_all, (r_all, c_all)), shape=(n_rows, n_cols)).tocsc()
    a.sum_duplicates()
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    col_cost = np.zeros(n_cols)
    if objective == "lexicographic":
        col_cost[u0:z_col] = 1.0
    else:
        col_cost[u0:z_col] = 1.0
        col_cost[z_col] = peak_weight
    lp.col_cost_ = col_cost
    lp.col_lower_ = np.zeros(n_cols)
    upper_cols = np.full(n_cols, inf)
    upper_cols[:n_x] = 1.0
    lp.col_upper_ = upper_cols
    row_lower = np.concatenate([np.ones(n_projects), np.full(2 * n_cells + 1 + n_cuts, -inf)])
    row_upper = np.concatenate([np.ones(n_projects), cap_rows, np.zeros(n_cells), [inf], np.zeros(n_cuts)])
    lp.row_lower_ = row_lower
    lp.row_upper_ = row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data
    integrality = [highspy.HighsVarType.kInteger] * n_x + [highspy.HighsVarType.kContinuous] * (n_cells + 1)
    lp.integrality_ = integrality
    size["rows"] = n_rows
    size["excess_cuts"] = n_cuts
    size["nonzeros"] = int(a.nnz)

    with _quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", mip_rel_gap)
    h.setOptionValue("random_seed", 0)
    _check_status(h, h.passModel(lp), "passing the model")
    # HiGHS checks time_limit between nodes only; a long root LP is stopped by this interrupt callback instead
    stop_at = [deadline]
    first_callback: list[float | None] = [None]  # when the solver first called back in a run (presolve done)

    def interrupt_after_deadline(event: highspy.cb.HighsCallbackEvent) -> None:  # type: ignore[name-defined]
        if first_callback[0] is None:
            first_callback[0] = time.perf_counter()
        # set the flag both ways: HiGHS keeps it between runs, so a stale True would stop phase 2 at once
        event.interrupt(time.perf_counter() > stop_at[0])

    for callback in (h.cbSimplexInterrupt, h.cbIpmInterrupt, h.cbMipInterrupt):
        callback.subscribe(interrupt_after_deadline)

    def solution_vector(chosen: IntArray) -> FloatArray:
        x = np.zeros(n_cols)
        x[x_offset[:-1] + chosen] = 1.0
        load = np.zeros(n_cells)
        for i in range(n_projects):
            if movable[i]:
                c, v = cand.cells[i][chosen[i]], cand.values[i][chosen[i]]
                r = row_of[c]
                keep = r >= 0
                np.add.at(load, r[keep], v[keep])
        u = np.maximum(load - cap_rows, 0.0)
        x[u0:z_col] = u
        x[z_col] = u.max(initial=0.0)
        return x

    run_started = [0.0]

    def run(budget: float, incumbent: IntArray) -> tuple[IntArray, str, float, float]:
        # HiGHS measures time_limit on the run time accumulated over every run of this solver object
        h.setOptionValue("time_limit", h.getRunTime() + max(budget, 0.1))
        stop_at[0] = time.perf_counter() + budget
        first_callback[0] = None
        run_started[0] = time.perf_counter()
        status = _run_from(h, solution_vector(incumbent), "the planning model", should_stop)
        info = h.getInfo()
        bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else -np.inf
        if info.primal_solution_status != 2:  # kSolutionStatusFeasible
            return incumbent, status, 1.0, bound
        values = np.asarray(h.getSolution().col_value)[:n_x]
        picked = np.array([int(np.argmax(values[x_offset[i] : x_offset[i + 1]])) for i in range(n_projects)])
        # a gap HiGHS could not bound (no dual bound yet) is reported as 100 %
        return picked.astype(np.int64), status, float(min(max(info.mip_gap, 0.0), 1.0)), bound

    budget = deadline - time.perf_counter()
    share = 1.0 if objective == "weighted" else 0.85
    phase1_budget = budget * (share - improve_share) if improve is not None else budget * share
    chosen, status, gap, bound = run(phase1_budget, start)
    if objective == "lexicographic" and not _better_or_equal(cand, flat_cap, flat_bg, start, chosen):
        chosen = start  # never return worse than the heuristic's schedule
    if improve is not None and status != "optimal":
        better = improve(chosen, time.perf_counter() + budget * improve_share)
        value = float(solution_vector(better)[u0:z_col].sum())
        if value < float(solution_vector(chosen)[u0:z_col].sum()) - TOLERANCE:
            chosen = better
            gap = float(min(max((value - bound) / max(value, 1e-9), 0.0), 1.0)) if np.isfinite(bound) else 1.0
    if objective == "weighted":  # HiGHS keeps the heuristic's schedule as incumbent, so this is no worse
        return chosen, status, gap, gap, size
    # phase 2: hold the unmet demand at phase 1's value and minimise the peak, unless the peak already equals a
    # lower bound (a project that overflows a cell on its own wherever it starts, or fixed demand over capacity)
    incumbent = solution_vector(chosen)
    if incumbent[z_col] <= _peak_lower_bound(rows, cols, vals, cap_rows, x_offset) + TOLERANCE:
        return chosen, status, gap, 0.0, size
    # When phase 1 hit the limit the peak model would too, and HiGHS's presolve and root cuts of that model cannot be
    # interrupted: lower the peak by local search instead and measure it against the lower bound.
    presolve = (first_callback[0] or time.perf_counter()) - run_started[0]
    if status != "optimal" or deadline - time.perf_counter() < 2 * presolve:
        chosen = _peak_search(cand, flat_cap, flat_bg, chosen, deadline, should_stop)
        peak = _totals(_load(cand, flat_bg, chosen), flat_cap)[1]
        low = _peak_lower_bound(rows, cols, vals, cap_rows, x_offset)
        return chosen, "time_limit", gap, float(min(max((peak - low) / max(peak, 1e-9), 0.0), 1.0)), size
    unmet = float(incumbent[u0:z_col].sum())
    h.changeRowBounds(n_projects + 2 * n_cells, -inf, unmet + TOLERANCE * max(1.0, unmet))
    h.changeColsCost(n_cols, np.arange(n_cols, dtype=np.int32), np.r_[np.zeros(n_cols - 1), 1.0])
    chosen2, status2, peak_gap, _ = run(deadline - time.perf_counter(), chosen)
    if _better_or_equal(cand, flat_cap, flat_bg, chosen, chosen2):
        chosen = chosen2
    final_status = "optimal" if status == status2 == "optimal" else "time_limit"
    return chosen, final_status, gap, peak_gap, size


def _solve_blocks(
    cand: _Candidates,
    flat_cap: FloatArray,
    flat_bg: FloatArray,
    start: IntArray,
    *,
    time_limit: float,
    objective: Objective,
    peak_weight: float,
    mip_rel_gap: float,
    improve: Callable[[IntArray, float], IntArray] | None = None,
    improve_share: float = 0.25,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[IntArray, str, float, float, dict[str, int]]:
    """Unmet demand by cell classes and independent blocks; then the peak by single moves (see planning_blocks)."""
    from krapte.labour.planning_blocks import classify_cells, solve_blocks

    deadline = time.perf_counter() + time_limit
    share = 1.0 if objective == "weighted" else 0.85
    sol = solve_blocks(
        cand.cells,
        cand.values,
        cand.before,
        start,
        flat_cap,
        flat_bg,
        time_limit=time_limit * share,
        mip_rel_gap=mip_rel_gap,
        tol=TOLERANCE,
        should_stop=should_stop,
    )
    chosen = sol.chosen
    if not _better_or_equal(cand, flat_cap, flat_bg, start, chosen):
        chosen = start  # never return worse than the heuristic's schedule
    size = {**sol.size, "method_blocks": 1}
    lower = classify_cells(cand.cells, cand.values, flat_cap, flat_bg, TOLERANCE).lower
    low_peak = float(max((lower - flat_cap).max(initial=0.0), 0.0))
    if objective == "lexicographic":
        chosen = _peak_search(cand, flat_cap, flat_bg, chosen, deadline, should_stop)
    unmet, peak = _totals(_load(cand, flat_bg, chosen), flat_cap)
    gap = float(min(max((unmet - sol.bound) / max(unmet, 1e-9), 0.0), 1.0)) if unmet > TOLERANCE else 0.0
    peak_gap = float(min(max((peak - low_peak) / max(peak, 1e-9), 0.0), 1.0)) if peak > TOLERANCE else 0.0
    return chosen, sol.status, gap, peak_gap, size


def _peak_lower_bound(
    rows: list[IntArray], cols: list[IntArray], vals: list[FloatArray], cap_rows: FloatArray, x_offset: IntArray
) -> float:
    """A peak no schedule can beat: max over projects of min over starts of its largest own excess, or fixed excess."""
    bound = float(max((-cap_rows).max(initial=0.0), 0.0))
    if not rows:
        return bound
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    excess = np.maximum(np.concatenate(vals) - np.maximum(cap_rows[r], 0.0), 0.0)
    per_start = np.zeros(int(x_offset[-1]))
    np.maximum.at(per_start, c, excess)
    per_project = np.minimum.reduceat(per_start, x_offset[:-1])
    return max(bound, float(per_project.max(initial=0.0)))


_EMPTY: tuple[IntArray, IntArray, FloatArray] = (
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=np.float64),
)


def _excess_cuts(
    rows: list[IntArray],
    cols: list[IntArray],
    vals: list[FloatArray],
    cap_rows: FloatArray,
    x_offset: IntArray,
    u0: int,
) -> tuple[IntArray, IntArray, FloatArray, int]:
    """Valid inequalities ``u[c] >= Σ_s max(0, a[p,s,c] − cap[c])·x[p,s]``, one per project and cell it can overflow.

    A project that alone exceeds a cell's capacity leaves that excess unmet whatever the others do; the plain
    model's LP relaxation spreads such a project fractionally over its starts and hides the excess, so these rows
    tighten the bound HiGHS proves (the optimality gap) without changing the optimum.
    """
    if not rows:
        return (*_EMPTY, 0)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    v = np.concatenate(vals)
    excess = v - cap_rows[r]
    keep = (excess > TOLERANCE) & (cap_rows[r] >= 0)
    r, c, excess = r[keep], c[keep], excess[keep]
    if len(r) == 0:
        return (*_EMPTY, 0)
    project = np.searchsorted(x_offset, c, side="right") - 1
    keys, cut_of = np.unique(project * len(cap_rows) + r, return_inverse=True)
    n_cuts = len(keys)
    cell_of_cut = keys % len(cap_rows)
    return (
        np.concatenate([cut_of, np.arange(n_cuts)]),
        np.concatenate([c, u0 + cell_of_cut]),
        np.concatenate([excess, -np.ones(n_cuts)]),
        n_cuts,
    )


def _better_or_equal(
    cand: _Candidates, flat_cap: FloatArray, flat_bg: FloatArray, old: IntArray, new: IntArray
) -> bool:
    """Whether ``new`` is no worse than ``old`` lexicographically (unmet demand, then peak)."""
    u_old, p_old = _totals(_load(cand, flat_bg, old), flat_cap)
    u_new, p_new = _totals(_load(cand, flat_bg, new), flat_cap)
    if u_new < u_old - TOLERANCE * max(1.0, u_old):
        return True
    return u_new <= u_old + TOLERANCE * max(1.0, u_old) and p_new <= p_old + TOLERANCE


def _run_from(
    h: Any, start: FloatArray | Sequence[float], what: str, should_stop: Callable[[], bool] | None = None
) -> str:
    """Run the MIP in ``h`` from the feasible ``start`` (column values); "optimal" or "time_limit" (also when
    interrupted), or a :class:`SolverError` naming ``what`` for any other end.

    With ``should_stop``, HiGHS's interrupt callbacks (simplex, IPM, MIP) also ask it; when it answers ``True`` the
    run is interrupted and :class:`PlanStopped` is raised. This is the one place every planning method runs HiGHS.
    """
    import highspy

    _stop_if_asked(should_stop)
    sol = highspy.HighsSolution()
    sol.col_value = list(start)
    sol.value_valid = True
    h.setSolution(sol)
    asked = [False]

    def interrupt_when_asked(event: highspy.cb.HighsCallbackEvent) -> None:  # type: ignore[name-defined]
        # subscribed after the callers' deadline callbacks, so it runs last; it only ever sets the flag
        if asked[0] or (should_stop is not None and should_stop()):
            asked[0] = True
            event.interrupt(True)

    callbacks = (h.cbSimplexInterrupt, h.cbIpmInterrupt, h.cbMipInterrupt) if should_stop is not None else ()
    for callback in callbacks:
        callback.subscribe(interrupt_when_asked)
    try:
        h.run()
    finally:
        for callback in callbacks:
            callback.unsubscribe(interrupt_when_asked)
    if asked[0]:
        raise PlanStopped(f"stopped on request while solving {what}")
    model_status = h.getModelStatus()
    ends = {
        highspy.HighsModelStatus.kOptimal: "optimal",
        highspy.HighsModelStatus.kTimeLimit: "time_limit",
        highspy.HighsModelStatus.kInterrupt: "time_limit",
    }
    if model_status not in ends:
        raise SolverError(
            f"HiGHS stopped with status {h.modelStatusToString(model_status)!r} on {what}",
            hint="check the capacity and demand arrays for extreme values",
        )
    return ends[model_status]


def _stop_if_asked(should_stop: Callable[[], bool] | None) -> None:
    if should_stop is not None and should_stop():
        raise PlanStopped("stopped on request")


def _check_status(h: object, status: object, what: str) -> None:
    import highspy

    if status == highspy.HighsStatus.kError:
        raise SolverError(f"HiGHS reported an error while {what}", hint="this is a bug; please report it")


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence the banner HiGHS prints to the process's stdout when a solver object is created."""
    try:
        fd = os.dup(1)
    except OSError:  # no real stdout (embedded interpreters)
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            try:
                yield
            finally:
                _flush_c_stdio()  # the banner sits in C's stdout buffer: send it to /dev/null, not to the file later
                os.dup2(fd, 1)
    finally:
        os.close(fd)


def _flush_c_stdio() -> None:
    try:
        import ctypes

        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError):  # no C library to flush (unusual platforms): at worst the banner shows
        pass
