"""Planning benchmark: 500 projects over 35 regions × 10 occupations × 40 quarters (goal ≤ 60 s, with the gap).

The instance is generated (seeded) to look like a regional pipeline: each project sits in one arbeidsmarktregio
(one in five straddles two, as RES-region projects do), needs 2–8 quarters of construction with a crew split over
the ten occupations, and may start anywhere in a window of 0–12 quarters of slack. Capacity per region and
occupation is set so that, with every project at its earliest start, demand exceeds capacity in about a quarter
of the busy cells. Baselines computed in the same run: the earliest-start schedule and the greedy local search
(:func:`krapte.labour.planning.greedy_starts`). Methods compared in the same run: the monolithic MILP
(``method="milp"``, with the regional search at 500 projects) and the decomposition by region blocks
(``method="decompose"``, :mod:`krapte.labour.planning_decompose`) with its proven bound. Sizes 50 to 2,000 show how
solve time and gap grow with the number of projects.
"""

from __future__ import annotations

import time

import numpy as np

from krapte.labour.planning import PlannableProject, greedy_starts, plan_starts, shortage_for

REGIONS, OCCUPATIONS, QUARTERS = 35, 10, 40


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


def row(n: int, name: str, unmet: float, peak: float, seconds: str, gap: str, moved: int, note: str = "") -> None:
    print(f"{n:>8} {name:<16} {unmet:>12.1f} {peak:>9.1f} {seconds:>8} {gap:>8} {moved:>6}  {note}", flush=True)


def run(quick: bool, sizes: list[int] | None = None) -> None:
    """Print the comparison; ``sizes`` (e.g. ``[500]``, from Python) overrides the default list."""
    sizes = sizes or ([50, 100, 200] if quick else [50, 100, 200, 500, 1000, 2000])
    time_limit = 20.0 if quick else 60.0
    print(f"grid {REGIONS} regions × {OCCUPATIONS} occupations × {QUARTERS} quarters; time limit {time_limit:.0f} s")
    print(
        f"{'projects':>8} {'schedule':<16} {'unmet FTE-q':>12} {'peak FTE':>9} {'seconds':>8} {'gap':>8} "
        f"{'moved':>6}  model / proven bound"
    )
    for n in sizes:
        projects, capacity = instance(n)
        earliest = {p.id: p.earliest_start for p in projects}
        u0, p0 = figures(projects, capacity, earliest)
        row(n, "earliest start", u0, p0, "", "", 0)
        t = time.perf_counter()
        greedy = greedy_starts(projects, capacity)
        t_greedy = time.perf_counter() - t
        u1, p1 = figures(projects, capacity, greedy)
        row(n, "greedy", u1, p1, f"{t_greedy:.2f}", "", sum(greedy[k] != earliest[k] for k in earliest))
        result = plan_starts(projects, capacity, time_limit=time_limit, method="milp")
        size = result.model_size
        row(
            n,
            "MILP (HiGHS)",
            result.unmet_after,
            result.peak_after,
            f"{result.solve_seconds:.2f}",
            f"{result.mip_gap:.2%}",
            len(result.moves),
            f"{size.get('start_variables', 0)} binaries, {size.get('shortage_cells', 0)} cells, "
            f"{size.get('nonzeros', 0)} nonzeros; {result.status}; peak gap {result.peak_gap:.2%}",
        )
        if n == 500:  # the optional regional neighbourhood search trades the proven bound for a better schedule
            result = plan_starts(projects, capacity, time_limit=time_limit, regional_share=0.25, method="milp")
            row(
                n,
                "MILP+regional",
                result.unmet_after,
                result.peak_after,
                f"{result.solve_seconds:.2f}",
                f"{result.mip_gap:.2%}",
                len(result.moves),
                "regional_share=0.25",
            )
        result = plan_starts(projects, capacity, time_limit=time_limit, method="decompose")
        size = result.model_size
        row(
            n,
            "decomposed",
            result.unmet_after,
            result.peak_after,
            f"{result.solve_seconds:.2f}",
            f"{result.mip_gap:.2%}",
            len(result.moves),
            f"bound {result.unmet_bound or 0.0:.1f}; {size.get('blocks', 0)} blocks, "
            f"{size.get('straddling_projects', 0)} straddling, {size.get('lagrangian_iterations', 0)} Lagrangian "
            f"steps; {result.status}; peak gap {result.peak_gap:.2%}",
        )
        if n >= 500:  # cell classes + independent blocks (planning_blocks), the national scenario's method
            result = plan_starts(projects, capacity, time_limit=time_limit, method="blocks")
            size = result.model_size
            row(
                n,
                "blocks",
                result.unmet_after,
                result.peak_after,
                f"{result.solve_seconds:.2f}",
                f"{result.mip_gap:.2%}",
                len(result.moves),
                f"cells never/always/sometimes short {size['cells_never_short']}/{size['cells_always_short']}/"
                f"{size['cells_sometimes_short']}, {size['blocks']} blocks (largest {size['largest_block_projects']}"
                f" projects); {result.status}",
            )
