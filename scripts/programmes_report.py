"""Print the tables of ``docs/programmes.md`` from the embedded national scenario (Markdown on stdout).

Run: ``PYTHONPATH=src .venv/bin/python scripts/programmes_report.py [--plan]`` (``--plan`` adds the joint planning
run, about a minute). Every figure in the document's tables comes from this script, so that a rebuilt scenario or a
changed factor is one command away from updated documentation.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from krapte.labour.factors import VARIANTS
from krapte.labour.programme_checks import grid_check_2024, published_comparison, region_outlook, sensitivity
from krapte.labour.programme_planning import plan_programmes
from krapte.labour.programmes import components, summary_by_programme


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    head = "| " + " | ".join(columns) + " |\n|" + "|".join("---" for _ in columns) + "|\n"
    body = "".join("| " + " | ".join(_fmt(r.get(c)) for c in columns) + " |\n" for r in rows)
    return head + body


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        if abs(v) < 1:
            return f"{v:.3g}"
        return f"{v:.2f}" if abs(v) < 100 else f"{v:,.0f}"
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v) if 1900 <= v <= 2100 else f"{v:,}"
    return "" if v is None else str(v).replace("|", "/")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plan", action="store_true", help="also run the joint planning (about a minute)")
    args = parser.parse_args()
    print("## Components\n")
    print(
        table(
            [c.to_dict() for c in components()],
            ["programme", "component", "quantity_2025_2030", "unit", "target_year", "unverified"],
        )
    )
    summaries = {v: summary_by_programme(variant=v) for v in VARIANTS}
    central = summaries["central"]
    print("## Demand per component (central)\n")
    print(
        table(
            central["by_component"],
            [
                "programme",
                "component",
                "quantity_2025_2030",
                "unit",
                "factor_central",
                "factor_unit",
                "factor_basis",
                "construction_job_years_window",
                "construction_fte_per_year_window",
                "peak_fte",
                "unverified",
            ],
        )
    )
    rows = []
    for v, s in summaries.items():
        for r in [*s["by_programme"], {"programme": "total", **s["total"]}]:
            rows.append({"variant": v, **r})
    print("## Demand per programme and in total, low / central / high\n")
    print(
        table(
            rows,
            [
                "variant",
                "programme",
                "construction_job_years_window",
                "construction_fte_per_year_window",
                "om_fte_end_window",
                "peak_fte",
                "peak_quarter",
            ],
        )
    )
    print(f"unverified share of the window's job-years (central): {central['unverified_share_window']:.1%}\n")
    print("## Published totals\n")
    print(
        table(
            published_comparison(central),
            [
                "study",
                "publisher",
                "published",
                "horizon",
                "scenario_components",
                "scenario_value",
                "scenario_measure",
                "difference",
            ],
        )
    )
    print("## Sensitivity to the three largest assumptions\n")
    print(
        table(
            sensitivity(),
            ["assumption", "job_years_window", "factor_low", "factor_central", "factor_high", "low", "central", "high"],
        )
    )
    print("## Grid 2024\n")
    print(table(grid_check_2024(), ["measure", "quantity", "unit", "job_years", "basis"]))
    print("## Zeeland, electricians (BRC 0761), 2028\n")
    for v in VARIANTS:
        o = region_outlook("AM24", "0761", 2028, variant=v)
        cell = o["tension_by_quarter"][0]
        by = ", ".join(f"{p} {d['total_fte']:,.0f}" for p, d in o["demand_by_programme"].items())
        print(
            f"- {v}: demand {o['demand']['total_fte']:,.0f} FTE ({by}); unverified share {o['unverified_share']:.0%};"
            f" employed {o['supply']['employed']:,.0f}, inflow {o['supply']['inflow_per_year']:,.1f}/yr, "
            f"replacement {o['supply']['replacement_per_year']:,.1f}/yr, vacancies {o['supply']['vacancies']:,.0f},"
            f" job seekers {o['supply']['job_seekers']:,.0f}; UWV {cell['spanningsindicator']:.1f} "
            f"({cell['uwv_class']}, baseline {cell['baseline_uwv_class']}), ITA {cell['ita']:.3f}, flag "
            f"{cell['flag']}"
        )
    if args.plan:
        plan = plan_programmes(time_limit=60)
        print("\n## Joint planning\n")
        print(
            table(
                plan.slips(),
                [
                    "programme",
                    "component",
                    "quantity",
                    "unit",
                    "target",
                    "tranches",
                    "tranches_moved",
                    "quantity_late",
                    "share_late",
                    "max_slip_quarters",
                    "unverified",
                ],
            )
        )
        for r in plan.by_programme():
            print(
                f"- {r['programme']}: binding "
                + "; ".join(
                    f"{g['brc_group']} {g['label']} ({g['job_years_in_short_cells']:,.0f} job-years in short cells)"
                    for g in r["binding_groups"]
                )
            )


if __name__ == "__main__":
    main()
