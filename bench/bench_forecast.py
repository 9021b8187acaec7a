"""Speed of the vectorised labour forecast against a per-project loop, and how it grows with the pipeline size.

Full size (the issue's goal, <= 2 s): 5,000 projects over 35 arbeidsmarktregio's × the rutovitz2025 set's 48
occupations × 40 quarters. Projects are drawn reproducibly (seed 2026) over all technologies, gemeenten and RES
regions, with construction windows of 1-8 quarters starting within the 40-quarter horizon. The baseline computes
each project's demand profile and adds it into the dense array, one project at a time; both give the same array.
"""

from __future__ import annotations

import time

import numpy as np

from krapte.labour.factors import factor_set
from krapte.labour.forecast import forecast, forecast_naive
from krapte.labour.projects import Project
from krapte.labour.quarters import parse_quarter
from krapte.labour.regions import default_regions

FIRST = parse_quarter("2026Q1")
N_QUARTERS = 40


def pipeline(n: int, seed: int = 2026) -> list[Project]:
    rng = np.random.default_rng(seed)
    fs = factor_set()
    techs = sorted(fs.technologies)
    rm = default_regions()
    locations = [r.code for r in rm.gemeente_list()] + [r.code for r in rm.res_regions()]
    out = []
    for i in range(n):
        tech = techs[int(rng.integers(len(techs)))]
        duration = int(rng.integers(1, 9))
        start = FIRST + int(rng.integers(0, N_QUARTERS - duration + 1))
        out.append(
            Project(
                id=f"b{i}",
                name=f"bench {i}",
                technology=tech,
                size=float(rng.uniform(1, 300)),
                unit=fs.technologies[tech].unit,
                location=locations[int(rng.integers(len(locations)))],
                start=start,
                end=start + duration - 1,
            )
        )
    return out


def _time(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run(quick: bool) -> None:
    fs = factor_set("rutovitz2025")
    rm = default_regions()
    last = FIRST + N_QUARTERS - 1
    forecast(pipeline(10), fs, regions=rm)  # warm the caches (embedded data loaded once)
    sizes = [500, 2000] if quick else [500, 1000, 2000, 5000, 10000, 20000]
    naive_sizes = {500} if quick else {500, 1000, 2000, 5000}
    print(f"grid: {len(rm.am_codes)} regions x {len(fs.occupations)} occupations x {N_QUARTERS} quarters")
    print(f"{'projects':>9} {'vectorised s':>13} {'naive loop s':>13} {'speed-up':>9} {'max |diff| FTE':>15}")
    for n in sizes:
        projects = pipeline(n)
        fast_s = _time(lambda p=projects: forecast(p, fs, regions=rm, first=FIRST, last=last))
        if n in naive_sizes:
            slow_s = _time(lambda p=projects: forecast_naive(p, fs, regions=rm, first=FIRST, last=last), repeat=1)
            fast = forecast(projects, fs, regions=rm, first=FIRST, last=last).total
            diff = float(np.abs(fast - forecast_naive(projects, fs, regions=rm, first=FIRST, last=last)).max())
            print(f"{n:>9} {fast_s:>13.3f} {slow_s:>13.3f} {slow_s / fast_s:>8.1f}x {diff:>15.2e}")
        else:
            print(f"{n:>9} {fast_s:>13.3f} {'-':>13} {'-':>9} {'-':>15}")
