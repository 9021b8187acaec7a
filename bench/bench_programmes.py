"""The national programmes scenario (RES + NPE + NPLW): forecast and planning at national scale.

Prints: the number of projects; the time of the vectorised forecast against the per-project loop (baseline, same
run, same array); the time of the per-programme summary and of the tension table; the national construction FTE per
year 2025-2030 against the published Dutch totals; and one planning run over all projects of the three programmes
together, three times in the same run: one model over every cell (``method="milp"``, the baseline), cell classes +
independent blocks (``method="blocks"``, the default of ``plan_programmes``) and the decomposition by region blocks
(``method="decompose"``, the default of ``plan_starts`` above 60 movable projects): time, status, MIP gap, unmet
demand before/after, tranches moved, per programme the largest slip and the binding groups. The planner's time limit
is 60 s (15 s with ``--quick``).
"""

from __future__ import annotations

import time

import numpy as np

from krapte.labour.factors import factor_set
from krapte.labour.forecast import forecast, forecast_naive
from krapte.labour.programme_checks import published_comparison
from krapte.labour.programme_planning import plan_programmes
from krapte.labour.programmes import FACTOR_SET, HORIZON, national_projects, summary_by_programme
from krapte.labour.quarters import parse_quarter
from krapte.labour.tension import tension_table


def _best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run(quick: bool) -> None:
    fs = factor_set(FACTOR_SET)
    t = time.perf_counter()
    projects = national_projects()
    print(f"scenario: {len(projects)} projects (RES + NPE + NPLW) loaded in {time.perf_counter() - t:.3f} s")
    first, last = parse_quarter(HORIZON[0]), parse_quarter(HORIZON[1])
    fast = forecast(projects, fs, first=first, last=last)
    slow = forecast_naive(projects, fs, first=first, last=last)
    assert np.allclose(fast.total, slow)
    t_fast = _best(lambda: forecast(projects, fs, first=first, last=last))
    t_slow = _best(lambda: forecast_naive(projects, fs, first=first, last=last), repeat=1)
    shape = "x".join(str(n) for n in fast.total.shape)
    print(
        f"forecast ({shape} regions x occupations x quarters): {t_fast * 1000:.0f} ms vectorised, "
        f"{t_slow * 1000:.0f} ms per-project loop (baseline), same array"
    )
    t = time.perf_counter()
    summary = summary_by_programme()
    print(f"summary by programme and component: {time.perf_counter() - t:.2f} s")
    t_tension = _best(lambda: tension_table(fast))
    print(f"tension table: {t_tension * 1000:.0f} ms")
    total = summary["total"]
    print(
        f"national construction: {total['construction_fte_per_year_window']:,.0f} FTE per year 2025-2030 "
        f"(peak {total['peak_fte']:,.0f} FTE in {total['peak_quarter']}); unverified share "
        f"{summary['unverified_share_window']:.0%}"
    )
    for r in summary["by_programme"]:
        print(f"  {r['programme']:5s} {r['construction_fte_per_year_window']:>9,.0f} FTE/yr  peak {r['peak_fte']:,.0f}")
    for row in published_comparison(summary):
        print(
            f"  vs {row['study']} {row['publisher'][:30]:30s} {row['published'][:45]:45s} "
            f"scenario {row['scenario_value']:>7,}"
        )
    limit = 15.0 if quick else 60.0
    print(
        f"planning all three programmes together (time limit {limit:.0f} s each): one model over every cell "
        "(milp, the baseline) against cell classes + independent blocks (blocks, the default here) and region "
        "blocks (decompose)"
    )
    for method in ("milp", "blocks", "decompose"):
        t = time.perf_counter()
        plan = plan_programmes(time_limit=limit, method=method)
        elapsed = time.perf_counter() - t
        body = plan.to_dict()
        size = plan.plan.result.model_size
        print(
            f"  {method:6s} {len(plan.entries)} projects: {elapsed:.1f} s, status {body['status']}, MIP gap "
            f"{body['mip_gap']:.4f}, peak gap {plan.plan.result.peak_gap:.3f}; unmet demand "
            f"{body['unmet_fte_quarters']['before']:,.0f} -> {body['unmet_fte_quarters']['after']:,.0f} FTE-quarters; "
            f"peak shortage {body['peak_shortage_fte']['before']:,.0f} -> {body['peak_shortage_fte']['after']:,.0f} "
            f"FTE; {len(body['moves'])} tranches moved"
        )
        if method == "blocks":
            fixed = size.get("unmet_fixed_fte_quarters", 0)
            movable = body["unmet_fte_quarters"]["after"] - fixed
            print(
                f"         cells never/always/sometimes short {size['cells_never_short']:,}/"
                f"{size['cells_always_short']:,}/{size['cells_sometimes_short']:,}; {size['blocks']} blocks "
                f"(largest {size['largest_block_projects']} projects), {size['projects_alone']} projects alone; "
                f"{fixed:,} FTE-quarters unmet whatever the schedule, {movable:,.0f} depend on it (gap on that part "
                f"{body['mip_gap'] * body['unmet_fte_quarters']['after'] / max(movable, 1e-9):.4f})"
            )
        elif method == "decompose":
            print(f"         bound {plan.plan.result.unmet_bound or 0.0:,.0f} FTE-quarters; model {size}")
        else:
            print(f"         model {size}")
        for r in body["by_programme"]:
            groups = ", ".join(f"{g['brc_group']} {g['label']}" for g in r["binding_groups"])
            print(
                f"         {r['programme']:5s} moved {r['tranches_moved']:>4}/{r['tranches']:<4} max slip "
                f"{r['max_slip_quarters']} q; late: {', '.join(r['components_late']) or '-'}; binding: {groups}"
            )
