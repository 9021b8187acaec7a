"""Planning at national scale: classify the cells, then solve independent blocks of projects separately.

Projects interact only through the region × occupation × quarter cells they share, and then only in cells whose
shortage depends on the schedule. Before the mixed integer programme is built, every cell falls in one of three
classes, computed from the lowest and highest load any schedule can give it (background plus, per project, the
smallest and largest demand over its candidate starts):

* **never short** (highest load ≤ capacity): the cell cannot add unmet demand and is left out;
* **always short** (lowest load ≥ capacity): its unmet demand is ``load − capacity``, linear in the starts, so it
  becomes a cost per candidate start of each project and a constant; it needs no variable and couples no projects;
* **sometimes short**: the only cells that need an unmet-demand variable ``u[c]``, and the only ones that couple
  projects.

Projects connected through sometimes-short cells form a **block** (union-find); blocks are independent, so each is
solved on its own (HiGHS: first the LP relaxation for a bound, then the MIP from the greedy schedule), smallest
first, each with a share of the remaining time proportional to its start variables. A project in no such cell
takes its cheapest start (closest to its plan on ties), which is exact. The sum of the blocks' optima is the
optimum of the whole problem, and the sum of their proven bounds is a bound on it: the gap reported is
``(unmet found − bound) / unmet found`` over the whole grid, constant included.

The peak shortage (the second objective) is not separable over blocks (always-short cells share the maximum), so it
is lowered afterwards by single-project moves that keep the unmet total, and its gap is measured against the
lowest load of the peak cell family (``max(lowest load − capacity)``, a bound no schedule can beat).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

__all__ = ["BLOCK_REL_GAP", "CellClasses", "classify_cells", "project_blocks", "solve_blocks"]

#: A block stops at this relative gap (0.5 % of its own objective), so that small blocks hand their time on to the
#: large ones; the gap over the whole grid is then at most this, and is reported as measured.
BLOCK_REL_GAP = 5e-3


@dataclass(frozen=True)
class CellClasses:
    """Per flat cell: lowest and highest load over all schedules, and the three classes (boolean masks)."""

    lower: FloatArray
    upper: FloatArray
    never: NDArray[np.bool_]
    always: NDArray[np.bool_]
    sometimes: NDArray[np.bool_]


def classify_cells(
    cells: list[list[IntArray]], values: list[list[FloatArray]], flat_cap: FloatArray, flat_bg: FloatArray, tol: float
) -> CellClasses:
    """Lowest and highest load of every cell over all schedules, and whether it is never, always or sometimes short."""
    lower = flat_bg.copy()
    upper = flat_bg.copy()
    for p_cells, p_values in zip(cells, values, strict=True):
        if not p_cells:
            continue
        all_c = np.concatenate(p_cells)
        all_v = np.concatenate(p_values)
        if len(all_c) == 0:
            continue
        keys, inv = np.unique(all_c, return_inverse=True)
        high = np.zeros(len(keys))
        np.maximum.at(high, inv, all_v)
        low = np.full(len(keys), np.inf)
        np.minimum.at(low, inv, all_v)
        counts = np.bincount(inv, minlength=len(keys))
        low[counts < len(p_cells)] = 0.0  # some start does not touch the cell at all
        upper[keys] += high
        lower[keys] += low
    never = upper <= flat_cap + tol
    always = ~never & (lower >= flat_cap - tol)
    return CellClasses(lower, upper, never, always, ~never & ~always)


def project_blocks(cells: list[list[IntArray]], coupling: NDArray[np.bool_]) -> list[list[int]]:
    """Projects joined by a shared coupling cell (union-find); a project touching no coupling cell is alone."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, p_cells in enumerate(cells):
        if len(p_cells) < 2:
            continue  # a fixed project couples nothing: its load is a constant
        touched = np.unique(np.concatenate(p_cells)) if p_cells else np.zeros(0, dtype=np.int64)
        for c in touched[coupling[touched]].tolist():
            j = owner.setdefault(c, i)
            if j != i:
                a, b = root(i), root(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(cells)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


@dataclass(frozen=True)
class BlockSolution:
    chosen: IntArray
    status: str
    unmet: float  # unmet demand of the schedule over the whole grid (FTE-quarters)
    bound: float  # a proven lower bound on it
    size: dict[str, int]

    @property
    def gap(self) -> float:
        return float(min(max((self.unmet - self.bound) / max(self.unmet, 1e-9), 0.0), 1.0)) if self.unmet else 0.0


def solve_blocks(
    cells: list[list[IntArray]],
    values: list[list[FloatArray]],
    before: IntArray,
    start: IntArray,
    flat_cap: FloatArray,
    flat_bg: FloatArray,
    *,
    time_limit: float,
    mip_rel_gap: float,
    tol: float,
    should_stop: Callable[[], bool] | None = None,
) -> BlockSolution:
    """Minimise the total unmet demand by cell classes and independent blocks (see the module docs)."""
    deadline = time.perf_counter() + time_limit
    classes = classify_cells(cells, values, flat_cap, flat_bg, tol)
    always = classes.always
    # linear cost of each candidate start over the always-short cells, and the constant part of their shortage
    lin = [
        np.array([float(v[always[c]].sum()) for c, v in zip(pc, pv, strict=True)])
        for pc, pv in zip(cells, values, strict=True)
    ]
    constant = float((flat_bg[always] - flat_cap[always]).sum())
    blocks = project_blocks(cells, classes.sometimes)
    chosen = start.copy()
    unmet_const = constant + sum(float(lin[i][start[i]]) for i in range(len(cells)) if len(cells[i]) == 1)
    solved: list[tuple[list[int], float, float]] = []  # (block, value found, bound)
    coupled = sorted(
        (b for b in blocks if len(b) > 1 or (len(cells[b[0]]) > 1 and classes.sometimes[_touched(cells[b[0]])].any())),
        key=lambda b: sum(len(cells[i]) for i in b),
    )
    in_block = {i for b in coupled for i in b}
    single = [[i] for i in range(len(cells)) if i not in in_block]
    for (i,) in single:
        if len(cells[i]) == 1:
            continue
        distance = np.abs(np.arange(len(lin[i])) - before[i])
        k = int(np.lexsort((distance, np.round(lin[i] / tol)))[0])
        chosen[i] = k
        solved.append(([i], float(lin[i][k]), float(lin[i][k])))
    statuses = []
    n_x_left = sum(len(cells[i]) for b in coupled for i in b)
    n_vars = n_cells_total = 0
    for block in coupled:
        n_x = sum(len(cells[i]) for i in block)
        budget = max(deadline - time.perf_counter(), 0.05) * n_x / max(n_x_left, 1)
        n_x_left -= n_x
        picked, status, value, bound, n_cells = _solve_block(
            [cells[i] for i in block],
            [values[i] for i in block],
            [lin[i] for i in block],
            start[block],
            classes.sometimes,
            flat_cap,
            flat_bg,
            classes.lower,
            time_limit=budget,
            mip_rel_gap=max(mip_rel_gap, BLOCK_REL_GAP),
            tol=tol,
            should_stop=should_stop,
        )
        chosen[block] = picked
        statuses.append(status)
        solved.append((block, value, bound))
        n_vars += n_x
        n_cells_total += n_cells
    unmet = unmet_const + sum(v for _, v, _ in solved)
    bound = unmet_const + sum(b for _, _, b in solved)
    size = {
        "projects": len(cells),
        "start_variables": int(sum(len(c) for c in cells)),
        "cells_never_short": int(classes.never.sum()),
        "cells_always_short": int(always.sum()),
        "cells_sometimes_short": int(classes.sometimes.sum()),
        "blocks": len(coupled),
        "largest_block_projects": max((len(b) for b in coupled), default=0),
        "projects_alone": len(single),
        "block_start_variables": n_vars,
        "block_shortage_cells": n_cells_total,
        # unmet demand no schedule avoids: always-short cells at their lowest load
        "unmet_fixed_fte_quarters": round(float((classes.lower[always] - flat_cap[always]).sum())),
    }
    status = "optimal" if all(s == "optimal" for s in statuses) else "time_limit"
    return BlockSolution(chosen, status, max(unmet, 0.0), max(bound, 0.0), size)


def _touched(p_cells: list[IntArray]) -> IntArray:
    return np.unique(np.concatenate(p_cells)) if p_cells else np.zeros(0, dtype=np.int64)


def _solve_block(
    cells: list[list[IntArray]],
    values: list[list[FloatArray]],
    lin: list[FloatArray],
    start: IntArray,
    sometimes: NDArray[np.bool_],
    flat_cap: FloatArray,
    flat_bg: FloatArray,
    lower: FloatArray,
    *,
    time_limit: float,
    mip_rel_gap: float,
    tol: float,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[IntArray, str, float, float, int]:
    """One block: x binary per candidate start, u per sometimes-short cell it touches; min Σ u + Σ lin·x."""
    import highspy
    from scipy.sparse import coo_matrix

    from krapte.labour.planning import _check_status, _quiet_stdout, _run_from

    n_p = len(cells)
    x_offset = np.cumsum([0] + [len(c) for c in cells]).astype(np.int64)
    n_x = int(x_offset[-1])
    touched = np.unique(np.concatenate([np.concatenate(c) for c in cells]))
    active = touched[sometimes[touched]]
    row_of = np.full(len(flat_cap), -1, dtype=np.int64)
    row_of[active] = np.arange(len(active))
    n_cells = len(active)
    # each project's smallest demand over its starts is load it brings whatever its start: it is in ``lower``, so a
    # start's coefficient is only what it adds above that (the assignment row makes this the same model, far sparser:
    # the O&M tail and the overlap of the construction windows drop out)
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    for i in range(n_p):
        low_i = np.full(n_cells, np.inf)
        hit = np.zeros(n_cells, dtype=np.int64)
        for c, v in zip(cells[i], values[i], strict=True):
            r = row_of[c]
            keep = r >= 0
            np.minimum.at(low_i, r[keep], v[keep])
            np.add.at(hit, r[keep], 1)
        low_i[hit < len(cells[i])] = 0.0
        for k, (c, v) in enumerate(zip(cells[i], values[i], strict=True)):
            r = row_of[c]
            keep = r >= 0
            extra = v[keep] - low_i[r[keep]]
            nz = extra > tol * 1e-3
            rows.append(r[keep][nz])
            cols.append(np.full(int(nz.sum()), x_offset[i] + k, dtype=np.int64))
            vals.append(extra[nz])
    cap_rows = flat_cap[active] - lower[active]
    u0 = n_x
    n_cols = n_x + n_cells
    # no excess cuts here (unlike the full model): measured on the national scenario, the coefficients above the
    # lowest load already give the LP its bound, and the cuts only slow the root LP down (10 s budget: bound 3 %
    # of the optimum with cuts, 99.9 % without)
    r_all = np.concatenate(
        [
            np.repeat(np.arange(n_p), np.diff(x_offset)),
            *[n_p + r for r in rows],
            n_p + np.arange(n_cells),
        ]
    )
    c_all = np.concatenate([np.arange(n_x), *cols, u0 + np.arange(n_cells)])
    v_all = np.concatenate([np.ones(n_x), *vals, -np.ones(n_cells)])
    n_rows = n_p + n_cells
    a = coo_matrix((v_all, (r_all, c_all)), shape=(n_rows, n_cols)).tocsc()
    a.sum_duplicates()
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    lp.col_cost_ = np.concatenate([*lin, np.ones(n_cells)])
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.concatenate([np.ones(n_x), np.full(n_cells, inf)])
    lp.row_lower_ = np.concatenate([np.ones(n_p), np.full(n_cells, -inf)])
    lp.row_upper_ = np.concatenate([np.ones(n_p), cap_rows])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data
    started = time.perf_counter()
    stop_at = [started + max(time_limit, 0.05)]

    def interrupt(event: highspy.cb.HighsCallbackEvent) -> None:  # type: ignore[name-defined]
        # a stop request also ends the LP relaxation's run; _run_from then raises before the MIP starts
        event.interrupt(time.perf_counter() > stop_at[0] or (should_stop is not None and should_stop()))

    def solver(budget: float) -> Any:
        with _quiet_stdout():
            h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", mip_rel_gap)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("time_limit", max(budget, 0.05))
        _check_status(h, h.passModel(lp), "passing the block model")
        stop_at[0] = time.perf_counter() + max(budget, 0.05)
        for callback in (h.cbSimplexInterrupt, h.cbIpmInterrupt, h.cbMipInterrupt):
            callback.subscribe(interrupt)
        return h

    # the LP relaxation first, on its own: its optimum is a bound the MIP can only raise, and it needs neither the
    # MIP's presolve nor its probing, which on a loaded machine could eat the whole budget before the root LP ends
    h = solver(0.6 * time_limit)
    h.run()
    relaxed = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    lp_bound = float(h.getInfo().objective_function_value) if relaxed else 0.0
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_x + [highspy.HighsVarType.kContinuous] * n_cells
    h = solver(started + time_limit - time.perf_counter())

    def objective_of(chosen: IntArray) -> tuple[FloatArray, float]:
        x = np.zeros(n_cols)
        x[x_offset[:-1] + chosen] = 1.0
        load = np.zeros(n_cells)
        for i in range(n_p):
            j = int(x_offset[i] + chosen[i])  # rows/vals are listed per column, in column order
            np.add.at(load, rows[j], vals[j])
        x[u0:] = np.maximum(load - cap_rows, 0.0)
        return x, float(lp.col_cost_ @ x)

    incumbent, start_value = objective_of(start)
    status = _run_from(h, incumbent, "a planning block", should_stop)
    info = h.getInfo()
    bound = max(float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else 0.0, lp_bound)
    chosen, value = start, start_value
    if info.primal_solution_status == 2:
        xs = np.asarray(h.getSolution().col_value)[:n_x]
        picked = np.array([int(np.argmax(xs[x_offset[i] : x_offset[i + 1]])) for i in range(n_p)], dtype=np.int64)
        _, picked_value = objective_of(picked)
        if picked_value <= start_value + tol * max(1.0, start_value):
            chosen, value = picked, picked_value
    return chosen, status, value, min(bound, value), n_cells
