"""Regional figures for analysts: tension table, map data, SVG maps and randomization inference.

Full size: a 5,000-project pipeline (the forecast benchmark's, seed 2026) over 35 arbeidsmarktregio's × the
rutovitz2025 set's 48 occupations × 40 quarters. Timed on one core (run with OMP_NUM_THREADS=1):

- building the tension table (all 35 regions × 114 BRC groups × 40 quarters) from the forecast and the supply;
- the tension "endpoint" (all 35 regions of one BRC group and quarter as rows), the map-data "endpoint" (regional
  figures for one group and quarter, arbeidsmarktregio and RES) and the SVG map, p50 / p95 over random requests;
- randomization inference on a 35 × 40 panel with 1 treated unit (exhaustive, 35 assignments) and 4 treated
  (5,000 sampled assignments), next to the wild cluster bootstrap with 999 draws on the same panel.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import numpy as np

from bench.bench_forecast import FIRST, N_QUARTERS, pipeline
from krapte.labour.factors import factor_set
from krapte.labour.forecast import forecast
from krapte.labour.maps import choropleth_svg, regional_figures
from krapte.labour.supply import SupplyTable, default_supply
from krapte.labour.tension import TensionTable, tension_table
from krapte.monitor.evaluate.randomization import randomization_inference
from krapte.monitor.evaluate.twfe import fit_twfe
from krapte.monitor.evaluate.wild import wild_cluster_bootstrap


def _percentiles(fn: Callable[[int], object], n: int) -> tuple[float, float]:
    times = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t)
    return float(np.percentile(times, 50)) * 1000, float(np.percentile(times, 95)) * 1000


def _figures(kind: str, picks: list[tuple[str, str]], table: TensionTable, supply: SupplyTable, i: int) -> object:
    return regional_figures(kind, picks[i][0], picks[i][1], table, supply)


def _map(kind: str, values: dict[str, float | None], _i: int) -> object:
    return choropleth_svg(kind, values, title="b")


def run(quick: bool) -> None:
    n_projects, n_requests = (500, 20) if quick else (5000, 200)
    fc = forecast(pipeline(n_projects), factor_set(), "central", first=FIRST, last=FIRST + N_QUARTERS - 1)
    supply = default_supply()
    t = time.perf_counter()
    table = tension_table(fc, supply)
    print(f"tension table {table.uwv.shape} (regions × BRC groups × quarters): {time.perf_counter() - t:.3f} s")
    groups, _ = fc.by_brc()
    quarters = table.quarters()
    rng = np.random.default_rng(7)
    picks = [
        (groups[int(rng.integers(len(groups)))], quarters[int(rng.integers(len(quarters)))]) for _ in range(n_requests)
    ]
    p50, p95 = _percentiles(lambda i: table.rows(group=picks[i][0], quarter=picks[i][1]), n_requests)
    print(f"tension rows, 35 regions of one group × quarter: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    for kind in ("arbeidsmarktregio", "res"):
        p50, p95 = _percentiles(partial(_figures, kind, picks, table, supply), n_requests)
        print(f"map data ({kind}), one group × quarter: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        rows = regional_figures(kind, picks[0][0], picks[0][1], table, supply)
        values = {r["code"]: r["extra_demand_fte"] for r in rows}
        p50, p95 = _percentiles(partial(_map, kind, values), n_requests)
        size = len(choropleth_svg(kind, values, title="b"))
        print(f"SVG map ({kind}): p50 {p50:.1f} ms, p95 {p95:.1f} ms, {size} bytes")

    prng = np.random.default_rng(3)
    y = prng.normal(size=(35, 40)).cumsum(axis=1)
    for treated in (1, 4):
        d = np.zeros((35, 40))
        d[:treated, 20:] = 1.0
        t = time.perf_counter()
        ri = randomization_inference(y, d, seed=1)
        took = time.perf_counter() - t
        assert ri is not None
        print(
            f"randomization inference, 35 × 40 panel, {treated} treated: {took:.3f} s ({ri.n_assignments} assignments)"
        )
        t = time.perf_counter()
        wild_cluster_bootstrap(fit_twfe(y, [d]), 0, draws=999, n_treated_clusters=treated)
        print(f"  wild cluster bootstrap with test inversion, 999 draws: {time.perf_counter() - t:.3f} s")
