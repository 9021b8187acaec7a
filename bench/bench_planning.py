"""Planning benchmark: 500 projects over 35 regions × 10 occupations × 40 quarters (goal ≤ 60 s, with the gap).

The instance is generated (seeded) to look like a regional pipeline: each project sits in one arbeidsmarktregio
(one in five straddles two, as RES-region projects do), needs 2–8 quarters of construction with a crew split over
the ten occupations, and may start anywhere in a window of 0–12 quarters of slack. Capacity per region and
occupation is set so that, with every project at its earliest start, demand exceeds capacity in about a quarter
of the busy cells. Baselines computed in the same run: the earliest-start schedule and the greedy local search
(:func:`krapte.labour.planning.greedy_starts`). Methods compared in the same run, at every size: the monolithic MILP
(``method="milp"``, with the regional search at 500 projects), the decomposition by region blocks
(``method="decompose"``, :mod:`krapte.labour.planning_decompose`) with its proven bound, cell classes with
independent blocks (``method="blocks"``) and what ``auto`` picks. Sizes 50 to 2,000 show how solve time and gap grow
with the number of projects. Wall seconds are the solver's own; CPU seconds are this process's (the machine is
shared, so wall time alone says little).

Only some sizes or methods: ``python -m bench.bench_planning --sizes 500 --methods auto,decompose [--time-limit 60]``,
or, through ``python -m bench planning``, the environment variables ``KRAPTE_BENCH_PLANNING_SIZES=500``,
``KRAPTE_BENCH_PLANNING_METHODS=auto`` and ``KRAPTE_BENCH_PLANNING_TIME_LIMIT=60``. Methods: ``milp``,
``milp+regional`` (500 projects only), ``decompose``, ``blocks``, ``auto``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from krapte.labour.planning import PlannableProject, PlanningResult, greedy_starts, plan_starts, shortage_for

REGIONS, OCCUPATIONS, QUARTERS = 35, 10, 40
METHODS = ("milp", "milp+regional", "decompose", "blocks", "auto")


def instance(n_projects: int, seed: int = 0) -> tuple[list[PlannableProject], np.ndarray]:
    """A seeded synthetic pipeline and a capacity that binds in the busy quarters."""
    rng = np.random.default_rng(seed)
    projects: list[PlannableProject] = []
    shares = rng.dirichlet(np.full(OCCUPATIONS, 0.7), size=6)  # six technologies, each with its crew mix
    for i in range(n_projects):
        duration = int(rng.integers(2, 9))
        slack = int(rng.integers(0, 13))
        earliest = int(rng.integers(0, QUARTERS - duration - slack + 1))
        fte = float(rng.lognormal(np.log(20.0), 0.8))  # FTE per quarter of construction
        profile = np.zeros((REGIONS, OCCUPATIONS, duration))
        home = int(rng.integers(REGIONS))
        weights = {home: 1.0}
        if rng.random() < 0.2:
            other = int(rng.integers(REGIONS))
            weights = {home: 0.6, other: 0.4} if other != home else weights
        mix = shares[int(rng.integers(len(shares)))]
        for region, w in weights.items():
            profile[region] += w * fte * mix[:, None]
        projects.append(PlannableProject(f"P{i:04d}", profile, earliest, earliest + slack))
    load = shortage_for(
        projects, np.zeros((REGIONS, OCCUPATIONS, QUARTERS)), {p.id: p.earliest_start for p in projects}
    )
    # capacity: a flat level per region and occupation, 10 % above the mean demand over the horizon, so that
    # demand fits on average but not at its peaks
    level = load.sum(axis=2) / QUARTERS * 1.1
    capacity = np.repeat(level[:, :, None], QUARTERS, axis=2)
    return projects, capacity


def figures(projects: list[PlannableProject], capacity: np.ndarray, starts: dict[str, int]) -> tuple[float, float]:
    short = shortage_for(projects, capacity, starts)
    return float(short.sum()), float(short.max())


def row(
    n: int, name: str, unmet: float, peak: float, seconds: str, cpu: str, gap: str, moved: int, note: str = ""
) -> None:
    print(
        f"{n:>8} {name:<16} {unmet:>12.1f} {peak:>9.1f} {seconds:>8} {cpu:>7} {gap:>8} {moved:>6}  {note}", flush=True
    )


def solved(
    n: int,
    name: str,
    problem: tuple[list[PlannableProject], np.ndarray],
    note: Callable[[PlanningResult], str],
    **options: Any,
) -> None:
    """Run ``plan_starts`` with ``options`` and print its row: wall and CPU seconds of this process, proven gap,
    moves, ``note``."""
    cpu = time.process_time()
    result = plan_starts(*problem, **options)
    cpu = time.process_time() - cpu
    row(
        n,
        name,
        result.unmet_after,
        result.peak_after,
        f"{result.solve_seconds:.2f}",
        f"{cpu:.1f}",
        f"{result.mip_gap:.2%}",
        len(result.moves),
        note(result),
    )


def run(
    quick: bool,
    sizes: list[int] | None = None,
    time_limit: float | None = None,
    methods: list[str] | None = None,
) -> None:
    """Print the comparison; ``sizes`` (e.g. ``[500]``), ``time_limit`` and ``methods`` override the defaults (also
    through ``KRAPTE_BENCH_PLANNING_SIZES``, ``..._TIME_LIMIT`` and ``..._METHODS``)."""
    env_sizes = os.environ.get("KRAPTE_BENCH_PLANNING_SIZES")
    env_methods = os.environ.get("KRAPTE_BENCH_PLANNING_METHODS")
    env_limit = os.environ.get("KRAPTE_BENCH_PLANNING_TIME_LIMIT")
    sizes = sizes or ([int(v) for v in env_sizes.split(",")] if env_sizes else None)
    sizes = sizes or ([50, 100, 200] if quick else [50, 100, 200, 500, 1000, 2000])
    time_limit = time_limit or (float(env_limit) if env_limit else None) or (20.0 if quick else 60.0)
    methods = methods or ([m.strip() for m in env_methods.split(",")] if env_methods else list(METHODS))
    unknown = sorted(set(methods) - set(METHODS))
    if unknown:
        raise SystemExit(f"unknown planning method(s) {', '.join(unknown)}; choose from {', '.join(METHODS)}")
    print(f"grid {REGIONS} regions × {OCCUPATIONS} occupations × {QUARTERS} quarters; time limit {time_limit:.0f} s")
    print(
        f"{'projects':>8} {'schedule':<16} {'unmet FTE-q':>12} {'peak FTE':>9} {'seconds':>8} {'CPU s':>7} {'gap':>8} "
        f"{'moved':>6}  model / proven bound"
    )
    for n in sizes:
        projects, capacity = instance(n)
        earliest = {p.id: p.earliest_start for p in projects}
        u0, p0 = figures(projects, capacity, earliest)
        row(n, "earliest start", u0, p0, "", "", "", 0)
        t, cpu = time.perf_counter(), time.process_time()
        greedy = greedy_starts(projects, capacity)
        t_greedy, cpu_greedy = time.perf_counter() - t, time.process_time() - cpu
        u1, p1 = figures(projects, capacity, greedy)
        moved = sum(greedy[k] != earliest[k] for k in earliest)
        row(n, "greedy", u1, p1, f"{t_greedy:.2f}", f"{cpu_greedy:.1f}", "", moved)

        def milp_note(result: PlanningResult) -> str:
            size = result.model_size
            return (
                f"{size.get('start_variables', 0)} binaries, {size.get('shortage_cells', 0)} cells, "
                f"{size.get('nonzeros', 0)} nonzeros; {result.status}; peak gap {result.peak_gap:.2%}"
            )

        def decompose_note(result: PlanningResult) -> str:
            size = result.model_size
            return (
                f"bound {result.unmet_bound or 0.0:.1f}; {size.get('blocks', 0)} blocks, "
                f"{size.get('straddling_projects', 0)} straddling, {size.get('lagrangian_iterations', 0)} Lagrangian "
                f"steps on {size.get('lagrangian_projects', 0)}, {size.get('block_pairs', 0)} joint pairs; "
                f"{result.status}; peak gap {result.peak_gap:.2%}"
            )

        def blocks_note(result: PlanningResult) -> str:
            size = result.model_size
            return (
                f"cells never/always/sometimes short {size['cells_never_short']}/{size['cells_always_short']}/"
                f"{size['cells_sometimes_short']}, {size['blocks']} blocks (largest {size['largest_block_projects']}"
                f" projects); {result.status}"
            )

        def auto_note(result: PlanningResult) -> str:
            return f"ran {result.method}; " + (decompose_note if result.method == "decompose" else milp_note)(result)

        problem = (projects, capacity)
        if "milp" in methods:
            solved(n, "MILP (HiGHS)", problem, milp_note, time_limit=time_limit, method="milp")
        if "milp+regional" in methods and n == 500:
            # the optional regional neighbourhood search trades the proven bound for a better schedule
            solved(
                n,
                "MILP+regional",
                problem,
                lambda _r: "regional_share=0.25",
                time_limit=time_limit,
                regional_share=0.25,
                method="milp",
            )
        if "decompose" in methods:
            solved(n, "decomposed", problem, decompose_note, time_limit=time_limit, method="decompose")
        if "blocks" in methods:  # cell classes + independent blocks (planning_blocks), the national scenario's method
            solved(n, "blocks", problem, blocks_note, time_limit=time_limit, method="blocks")
        if "auto" in methods:
            solved(n, "auto", problem, auto_note, time_limit=time_limit)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", help="comma-separated project counts, e.g. 500")
    parser.add_argument("--methods", help=f"comma-separated, from {', '.join(METHODS)}")
    parser.add_argument("--time-limit", type=float, help="seconds per solve (default 60)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    run(
        args.quick,
        [int(v) for v in args.sizes.split(",")] if args.sizes else None,
        args.time_limit,
        [m.strip() for m in args.methods.split(",")] if args.methods else None,
    )
