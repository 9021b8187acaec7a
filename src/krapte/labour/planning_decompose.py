"""Planning by decomposition: one exact model per block of regions, tied together by Lagrangian multipliers.

Projects interact only through the region × occupation × quarter cells they share, and the unmet demand is a sum
over cells. Cells are grouped into *blocks*: the connected components of the region graph in which a project that
touches two regions (a straddling project) links them, and every region on its own when a component holds more than
``max_block_projects`` movable projects. A block's model is the phase-1 model of :mod:`krapte.labour.planning`
(starts, unmet demand per cell, excess cuts) restricted to that block's cells; a straddling project of a split
component gets one copy per block it touches.

* **Lower bound.** Dropping the rule that the copies of a straddling project start in the same quarter is a
  relaxation, so the sum of the blocks' proven bounds (HiGHS dual bounds, valid even at a time limit) bounds the
  unmet demand of every schedule. Lagrangian multipliers on "copy k starts in s" − "copy 0 starts in s" of the
  straddling projects whose blocks the first pass proved are added to those blocks' objectives and moved by
  subgradient steps; the other blocks keep their first-pass bounds (no project of theirs carries a multiplier),
  so every multiplier vector gives a valid bound, and the best one is kept.
* **Schedule (upper bound).** Each straddling project takes the start of one of its copies (the one that adds
  least unmet demand given the rest), then every block is re-solved exactly with the straddling projects held
  fixed; this schedule is feasible for the full problem. A greedy pass over single projects polishes it.

The gap reported is ``(unmet − bound) / unmet`` over the cells a choice can change, the same convention as the
monolithic model's HiGHS gap. Blocks that hold no straddling project are solved once; their bound needs no relaxation.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from krapte.labour.planning import (
    TOLERANCE,
    FloatArray,
    IntArray,
    _Candidates,
    _load,
    _local_search,
    _peak_search,
    _totals,
)
from krapte.labour.planning_pairs import JointPairs, joint_problem
from krapte.labour.planning_step_model import solve_step_model
from krapte.labour.planning_workers import map_blocks

#: Blocks solved side by side by default: two threads where the process may use two cores (HiGHS releases the GIL).
#: On the shared 2-core bench machine under load 8-15 two threads bought as much CPU time as one or more (17.6-25.1
#: against 18.6-20.3 CPU s in 48 s; 13.8 against 7.9 side by side, 2026-12-07); on an idle machine they double it.
WORKERS = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)

#: Share of the time limit kept after the unmet demand for the peak's local search (which stops at the deadline)
#: and the settling of moves. Both take a few converged local-search passes (0.2 s at 500 bench projects, 0.7 s at
#: 2,000 under load 5, 2026-12-07); the fixed 15 % kept before left 11 of 60 s unused at 500 projects.
PEAK_SHARE = 0.04

#: Ends, as shares of the time for the unmet demand, of the first pass over the blocks (the bound), of the joint
#: models of linked pairs of proven blocks (:mod:`krapte.labour.planning_pairs`) and of the Lagrangian steps on the
#: proven blocks' straddling projects. The pairs take what the first pass leaves and the repair's first share: a
#: first pass cut to 65 % for them lost more on the hard blocks at 500 bench projects under load (gap 6.40 against
#: 5.05 %, 8 CPU s each side by side, 2026-12-07).
PASS_SHARE = 0.85
PAIR_END = 0.91
LAGRANGE_END = 0.91

#: The repair (the schedule) ends this many local-search passes (timed on the start schedule) before the deadline:
#: the polish after it takes a few (at most 20), and a timed pass scales with the load where a fixed share does not.
POLISH_PASSES = 10

#: Most projects in one joint model of linked blocks (a proven joint model is paired again while it stays below).
MAX_JOINT_PROJECTS = 60

__all__ = ["Decomposition", "active_cells", "blocks_of", "peak_floor", "plan_decomposed", "solve_decomposed"]


@dataclass(frozen=True)
class Decomposition:
    """The outcome of :func:`solve_decomposed`: chosen candidate per project, unmet demand and its proven bound."""

    chosen: IntArray
    unmet: float  # unmet demand of ``chosen`` over the modelled cells (FTE-quarters)
    bound: float  # a proven lower bound on that unmet demand for every schedule
    status: str  # "optimal" when the bound meets the schedule within the relative gap, else "time_limit"
    blocks: int
    straddling: int
    iterations: int
    tied: int = 0  # straddling projects whose copies the Lagrangian steps tied together
    pairs: int = 0  # joint models of two linked (groups of) blocks solved
    pair_gain: float = 0.0  # what the pairs' joint bounds added to the sum of the blocks' bounds
    pass_pairs: int = 0  # of those pairs, the ones idle workers solved during the first pass

    @property
    def gap(self) -> float:
        if self.unmet <= TOLERANCE:
            return 0.0
        return float(min(max((self.unmet - self.bound) / self.unmet, 0.0), 1.0))


def active_cells(cand: _Candidates, flat_cap: FloatArray, flat_bg: FloatArray) -> IntArray:
    """Cells that some schedule could push over capacity and that a movable project touches (the modelled cells)."""
    upper = flat_bg.copy()
    touched = np.zeros(len(flat_cap), dtype=bool)
    for i in range(len(cand.starts)):
        if not cand.cells[i]:
            continue
        c = np.concatenate(cand.cells[i])
        v = np.concatenate(cand.values[i])
        if len(c) == 0:
            continue
        idx, inv = np.unique(c, return_inverse=True)
        top = np.zeros(len(idx))
        np.maximum.at(top, inv, v)
        upper[idx] += top
        if len(cand.starts[i]) > 1:
            touched[idx] = True
    return np.flatnonzero(touched & (upper > flat_cap + TOLERANCE))


def blocks_of(
    cand: _Candidates, active: IntArray, cells_per_region: int, max_block_projects: int
) -> tuple[list[list[int]], list[list[int]]]:
    """Group regions into blocks; returns (regions per block, movable projects per block).

    Regions linked by a project that has modelled cells in both form one component (union–find); a component with
    more than ``max_block_projects`` movable projects is split into single regions. A project appears in every
    block it has modelled cells in (once when its regions share a block).
    """
    is_active = np.zeros(int(active.max(initial=-1)) + 1, dtype=bool)
    is_active[active] = True
    regions_of: dict[int, list[int]] = {}
    for i in range(len(cand.starts)):
        if len(cand.starts[i]) < 2 or not cand.cells[i]:
            continue
        c = np.concatenate(cand.cells[i])
        c = c[c < len(is_active)]
        c = c[is_active[c]]
        if len(c):
            regions_of[i] = sorted(set((c // cells_per_region).tolist()))
    parent: dict[int, int] = {}

    def find(r: int) -> int:
        parent.setdefault(r, r)
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for regions in regions_of.values():
        root = find(regions[0])
        for r in regions[1:]:
            other = find(r)
            if other != root:
                parent[max(other, root)] = min(other, root)
                root = min(other, root)
    components: dict[int, list[int]] = {}
    for r in sorted({r for regions in regions_of.values() for r in regions}):
        components.setdefault(find(r), []).append(r)
    block_regions: list[list[int]] = []
    for regions in components.values():
        members = {i for i, rs in regions_of.items() if rs[0] in regions}
        if len(members) <= max_block_projects or len(regions) == 1:
            block_regions.append(regions)
        else:
            block_regions.extend([r] for r in regions)
    block_projects = [sorted(i for i, rs in regions_of.items() if set(rs) & set(regions)) for regions in block_regions]
    return block_regions, block_projects


def plan_decomposed(
    cand: _Candidates,
    flat_cap: FloatArray,
    flat_bg: FloatArray,
    start: IntArray,
    shape: tuple[int, ...],
    deadline: float,
    *,
    mip_rel_gap: float = 1e-4,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[IntArray, str, float, float, dict[str, int], float]:
    """The lexicographic plan by decomposition: unmet demand first (96 % of the time), then the peak by local search.

    Returns the chosen candidate per project, status, unmet gap (over the cells a choice can change), peak gap
    (against the largest excess one project has wherever it starts), model size and the proven lower bound on the
    total unmet demand.
    """
    _n_regions, n_occupations, n_quarters = shape
    now = time.perf_counter()
    result = solve_decomposed(
        cand,
        flat_cap,
        flat_bg,
        start,
        n_occupations * n_quarters,
        deadline - PEAK_SHARE * (deadline - now),
        mip_rel_gap=mip_rel_gap,
        should_stop=should_stop,
    )
    chosen = _peak_search(cand, flat_cap, flat_bg, result.chosen, deadline, should_stop)
    load = _load(cand, flat_bg, chosen)
    active = active_cells(cand, flat_cap, flat_bg)
    unmet = float(np.maximum(load[active] - flat_cap[active], 0.0).sum())
    peak = _totals(load, flat_cap)[1]
    low = peak_floor(cand, flat_cap, flat_bg)
    peak_gap = float(min(max((peak - low) / max(peak, 1e-9), 0.0), 1.0)) if peak > TOLERANCE else 0.0
    gap = float(min(max((unmet - result.bound) / unmet, 0.0), 1.0)) if unmet > TOLERANCE else 0.0
    status = "optimal" if gap <= mip_rel_gap and peak_gap <= TOLERANCE else "time_limit"
    size = {
        "projects": len(cand.starts),
        "start_variables": int(sum(len(s) for s in cand.starts if len(s) > 1)),
        "shortage_cells": len(active),
        "blocks": result.blocks,
        "straddling_projects": result.straddling,
        "lagrangian_iterations": result.iterations,
        "lagrangian_projects": result.tied,
        "block_pairs": result.pairs,
    }
    # the bound as a bound on the whole unmet demand: cells no choice changes add the same amount to every schedule
    constant = float(np.maximum(load - flat_cap, 0.0).sum()) - unmet
    return chosen, status, gap, peak_gap, size, min(result.bound, unmet) + constant


def peak_floor(cand: _Candidates, flat_cap: FloatArray, flat_bg: FloatArray) -> float:
    """A peak no schedule beats: the fixed excess, or the largest excess one project has wherever it starts."""
    fixed = flat_bg.copy()
    for i in range(len(cand.starts)):
        if len(cand.starts[i]) == 1:
            np.add.at(fixed, cand.cells[i][0], cand.values[i][0])
    room = flat_cap - fixed
    bound = float(max((-room).max(initial=0.0), 0.0))
    for i in range(len(cand.starts)):
        if len(cand.starts[i]) > 1:
            own = min(
                float(np.maximum(v - np.maximum(room[c], 0.0), 0.0).max(initial=0.0))
                for c, v in zip(cand.cells[i], cand.values[i], strict=True)
            )
            bound = max(bound, own)
    return bound


def solve_decomposed(
    cand: _Candidates,
    flat_cap: FloatArray,
    flat_bg: FloatArray,
    start: IntArray,
    cells_per_region: int,
    deadline: float,
    *,
    max_block_projects: int = 60,
    mip_rel_gap: float = 1e-4,
    max_iterations: int = 50,
    workers: int = WORKERS,
    merge_pairs: bool = True,
    pass_pairs: bool = True,
    should_stop: Callable[[], bool] | None = None,
) -> Decomposition:
    """Minimise the unmet demand block by block; see the module docstring for the bound and the schedule.

    Time (shares of the time to ``deadline``): the first pass over all blocks (the bound) ends at ``PASS_SHARE``,
    then (``merge_pairs``, when there are straddling projects) linked pairs of proven blocks are solved as one
    model until ``PAIR_END``, subgradient steps run while a pass over the tied blocks still fits before
    ``LAGRANGE_END``, and the repair of the blocks that hold straddling projects (the schedule) ends
    ``POLISH_PASSES`` local-search passes before ``deadline``. ``workers`` threads solve blocks side by side
    (HiGHS releases the GIL).
    """
    started = time.perf_counter()
    active = active_cells(cand, flat_cap, flat_bg)
    searched = time.perf_counter()
    greedy = _local_search(cand, flat_cap, flat_bg, start)
    repair_end = deadline - POLISH_PASSES * (time.perf_counter() - searched)
    if len(active) == 0:
        return Decomposition(greedy, 0.0, 0.0, "optimal", 0, 0, 0)
    block_regions, block_projects = blocks_of(cand, active, cells_per_region, max_block_projects)
    region_of_cell = active // cells_per_region
    active_by_block = [active[np.isin(region_of_cell, regions)] for regions in block_regions]
    copies: dict[int, list[int]] = {}  # project -> blocks it has a copy in
    for b, members in enumerate(block_projects):
        for i in members:
            copies.setdefault(i, []).append(b)
    straddling = sorted(i for i, bs in copies.items() if len(bs) > 1)
    is_straddling = set(straddling)
    # the load of everything the blocks do not move: background, single-start projects, projects without modelled
    # cells (at their start)
    fixed_load = flat_bg.copy()
    for i in range(len(cand.starts)):
        if i not in copies:
            np.add.at(fixed_load, cand.cells[i][greedy[i]], cand.values[i][greedy[i]])
    parts: dict[tuple[int, int], tuple[list[IntArray], list[FloatArray]]] = {}
    for b, members in enumerate(block_projects):
        for i in members:
            keep = [np.isin(c, active_by_block[b]) for c in cand.cells[i]]
            parts[i, b] = (
                [c[k] for c, k in zip(cand.cells[i], keep, strict=True)],
                [v[k] for v, k in zip(cand.values[i], keep, strict=True)],
            )

    solved_in: dict[int, float] = {}
    proven: dict[int, bool] = {}

    def solve_block(
        b: int,
        warm: IntArray,
        budget: float,
        fixed: dict[int, int] | None = None,
        costs: dict[int, FloatArray] | None = None,
    ) -> tuple[dict[int, int], float]:
        fixed, costs = fixed or {}, costs or {}
        members = block_projects[b]
        sub = _Candidates(
            [cand.starts[i][fixed[i] : fixed[i] + 1] if i in fixed else cand.starts[i] for i in members],
            [[parts[i, b][0][fixed[i]]] if i in fixed else parts[i, b][0] for i in members],
            [[parts[i, b][1][fixed[i]]] if i in fixed else parts[i, b][1] for i in members],
            np.zeros(len(members), dtype=np.int64),
        )
        x_cost = [None if i in fixed else costs.get(i) for i in members]
        inc = np.array([0 if i in fixed else int(warm[i]) for i in members], dtype=np.int64)
        began = time.perf_counter()
        picked, value, bound = solve_step_model(
            sub, flat_cap, fixed_load, inc, active_by_block[b], x_cost, budget, mip_rel_gap, should_stop
        )
        if not fixed and not costs:  # a first-pass solve: remember its time and whether it proved its block
            solved_in[b] = time.perf_counter() - began
            proven[b] = _closed(value, bound, mip_rel_gap)
        return {i: fixed.get(i, int(picked[j])) for j, i in enumerate(members)}, bound

    def unmet_of(sched: IntArray) -> float:
        load = _load(cand, flat_bg, sched)
        return float(np.maximum(load[active] - flat_cap[active], 0.0).sum())

    total = deadline - started

    def solve_joint(blocks: tuple[int, ...], budget: float) -> tuple[dict[int, int], float, bool]:
        members, sub, warm = joint_problem(cand, block_projects, parts, copy_choice, blocks)
        cells = np.concatenate([active_by_block[b] for b in blocks])
        picked, value, bound = solve_step_model(
            sub, flat_cap, fixed_load, warm, cells, [None] * len(members), budget, mip_rel_gap, should_stop
        )
        return dict(zip(members, picked.tolist(), strict=True)), bound, _closed(value, bound, mip_rel_gap)

    # 1. every block once, copies free: the blocks without straddling projects are final. Smallest blocks first:
    # those that finish early leave their time to the large ones, and a worker that finds no unstarted block while
    # the hard ones still run solves joint pairs of linked proven blocks (step 2) in the meantime
    copy_choice: dict[tuple[int, int], int] = {}
    bounds = np.zeros(len(block_regions))
    order = sorted(range(len(block_regions)), key=lambda b: len(block_projects[b]))
    pass_end = started + PASS_SHARE * total
    pairs = JointPairs(
        {i: copies[i] for i in straddling},
        block_projects,
        parts,
        fixed_load,
        flat_cap,
        MAX_JOINT_PROJECTS,
        pass_end,
        solve_joint,
        proven,
        solved_in,
        copy_choice,
        workers,
    )
    results = map_blocks(
        order,
        pass_end,
        workers,
        lambda b, t: solve_block(b, greedy, t),
        idle=pairs if merge_pairs and straddling and pass_pairs else None,
    )
    pairs.sync(results)
    for b, (_, bound) in results.items():
        bounds[b] = bound
    best_bound = float(bounds.sum())
    coupled = sorted({b for i in straddling for b in copies[i]})

    def schedule_from(base: IntArray) -> IntArray:
        sched = base.copy()
        for (i, _b), k in copy_choice.items():
            if i not in is_straddling:
                sched[i] = k
        # a straddling project takes the start of one of its copies: the one adding least unmet demand
        load = _load(cand, flat_bg, sched)
        for i in straddling:
            np.subtract.at(load, cand.cells[i][sched[i]], cand.values[i][sched[i]])
            options = sorted({copy_choice[i, b] for b in copies[i]})
            added = [_unmet_with(load, flat_cap, cand.cells[i][k], cand.values[i][k]) for k in options]
            sched[i] = options[int(np.argmin(added))]
            np.add.at(load, cand.cells[i][sched[i]], cand.values[i][sched[i]])
        return sched

    def repair(sched: IntArray, until: float) -> IntArray:
        # with the straddling projects held, the blocks are independent: re-solve each one with the rest fixed
        fixed = {i: int(sched[i]) for i in straddling}
        out = sched.copy()
        solved = map_blocks(coupled, until, workers, lambda b, t: solve_block(b, sched, t, fixed), optional=True)
        for picked, _ in solved.values():
            for i, k in picked.items():
                out[i] = k
        return _local_search(cand, flat_cap, flat_bg, out)

    best = greedy
    best_unmet = unmet_of(greedy)

    def offer(sched: IntArray) -> None:
        nonlocal best, best_unmet
        value = unmet_of(sched)
        if value < best_unmet - TOLERANCE:
            best, best_unmet = sched, value

    offer(_local_search(cand, flat_cap, flat_bg, schedule_from(greedy)))
    # 2. joint models of linked pairs of proven blocks: the straddling projects they share start once there; a
    # proven joint model may be paired again in the next round (groups of up to MAX_JOINT_PROJECTS projects)
    if merge_pairs and straddling:
        pairs.rounds(
            started + PAIR_END * total, lambda: offer(_local_search(cand, flat_cap, flat_bg, schedule_from(best)))
        )
    pair_bound = float(sum(group.bound for group in pairs.groups))
    # 3. subgradient steps on the multipliers of the straddling projects whose copies all lie in blocks the first
    # pass proved (the others' blocks are too slow to solve again): only the blocks holding such a copy are solved
    # again, with the multipliers in their objective; every other block keeps its first-pass bound, which is its
    # bound under these multipliers too (none of its projects carries one). Every iteration's sum is a valid bound.
    tied = [i for i in straddling if all(proven.get(b, False) for b in copies[i])]
    redo = sorted({b for i in tied for b in copies[i]}, key=lambda b: solved_in[b])
    is_tied = set(tied)
    kept_bound = float(sum(bounds[b] for b in range(len(block_regions)) if b not in set(redo)))
    redo_cells = np.concatenate([active_by_block[b] for b in redo]) if redo else np.zeros(0, dtype=np.int64)
    pass_seconds = sum(solved_in[b] for b in redo)
    multipliers = {(i, b): np.zeros(len(cand.starts[i])) for i in tied for b in copies[i][1:]}
    theta, last_bound, iterations = 1.0, best_bound, 0
    lagrange_end = started + LAGRANGE_END * total
    while tied and iterations < max_iterations:
        if best_unmet - best_bound <= mip_rel_gap * max(best_unmet, TOLERANCE):
            break
        if lagrange_end - time.perf_counter() < 1.5 * pass_seconds:
            break
        grads: dict[tuple[int, int], FloatArray] = {}
        for i in tied:  # subgradient: copy b's start indicator minus the first copy's
            for b in copies[i][1:]:
                g = np.zeros(len(cand.starts[i]))
                g[copy_choice[i, b]] += 1.0
                g[copy_choice[i, copies[i][0]]] -= 1.0
                grads[i, b] = g
        norm = float(sum(g @ g for g in grads.values()))
        if norm == 0.0:  # every tied copy agrees: no multiplier step can raise the bound
            break
        # Polyak step towards the best schedule's unmet demand in the blocks solved again
        target = float(np.maximum(_load(cand, flat_bg, best)[redo_cells] - flat_cap[redo_cells], 0.0).sum())
        step = theta * max(target - (last_bound - kept_bound), TOLERANCE) / norm
        for key, g in grads.items():
            multipliers[key] += step * g
        iterations += 1
        pass_started = time.perf_counter()
        total_bound = kept_bound
        for n, b in enumerate(redo):
            costs: dict[int, FloatArray] = {}
            for i in block_projects[b]:
                if i in is_tied:
                    if b == copies[i][0]:
                        costs[i] = -np.sum([multipliers[i, k] for k in copies[i][1:]], axis=0)
                    else:
                        costs[i] = multipliers[i, b]
            warm = best.copy()
            for i in block_projects[b]:
                warm[i] = copy_choice[i, b]
            budget = max((lagrange_end - time.perf_counter()) / (len(redo) - n), 0.05)
            picked, bound = solve_block(b, warm, budget, costs=costs)
            copy_choice.update({(i, b): k for i, k in picked.items()})
            total_bound += bound
        pass_seconds = time.perf_counter() - pass_started
        if total_bound > best_bound:
            best_bound = total_bound
        else:
            theta *= 0.5
        last_bound = total_bound
        offer(_local_search(cand, flat_cap, flat_bg, schedule_from(best)))
    # 4. the schedule: with the straddling projects held, re-solve the blocks that hold them
    if straddling and repair_end > time.perf_counter():
        offer(repair(schedule_from(best), repair_end))
    # the pairs' bound and the multipliers' bound are both valid; neither uses the other's gain
    best_bound = min(max(best_bound, pair_bound), best_unmet)
    optimal = _closed(best_unmet, best_bound, mip_rel_gap)
    return Decomposition(
        best,
        best_unmet,
        best_bound,
        "optimal" if optimal else "time_limit",
        len(block_regions),
        len(straddling),
        iterations,
        len(tied),
        pairs.pairs,
        pair_bound - float(bounds.sum()),
        pairs.in_pass,
    )


def _closed(value: float, bound: float, mip_rel_gap: float) -> bool:
    """A schedule of unmet demand ``value`` is proven optimal by ``bound`` within HiGHS's relative gap."""
    return bool(value - bound <= max(mip_rel_gap * abs(value), TOLERANCE))


def _unmet_with(load: FloatArray, flat_cap: FloatArray, cells: IntArray, values: FloatArray) -> float:
    base = load[cells]
    return float((np.maximum(base + values - flat_cap[cells], 0.0) - np.maximum(base - flat_cap[cells], 0.0)).sum())
