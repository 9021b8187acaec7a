"""Planning commands: ``krapte plan`` and ``krapte scenarios compare|example``.

Thin commands: parse options, call :func:`krapte.labour.planning_pipeline.plan_pipeline` or
:func:`krapte.labour.scenarios.compare_scenarios`, render text or ``--json``.
"""

from __future__ import annotations

from pathlib import Path

import click

from krapte.cli.common import echo_json, echo_table, json_option

EXAMPLE_SCENARIOS = """\
# krapte scenarios: the first scenario is the baseline the others are compared with.
[[scenarios]]
name = "basis"

[[scenarios]]
name = "wind-een-jaar-later"
shift = { "technology:onshore_wind" = 4 }     # or a project id, or "*" for every project

[[scenarios]]
name = "warmtepomp-12u"
hours_per_unit = { heat_pump = 12 }           # installer hours per unit (32 -> 14 -> 12)

[[scenarios]]
name = "opleiding"
inflow = [{ region = "Drenthe", occupation = "Electricians", fte_per_year = 40 }]

[[scenarios]]
name = "hoog"
variant = "high"                              # or factors = "rutovitz2015-oecd"
"""


def register(main: click.Group) -> None:
    main.add_command(plan)
    main.add_command(scenarios)


projects_option = click.option(
    "--projects",
    "projects_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Project file (CSV, JSON, Excel) with earliest_start, latest_end, duration_quarters for plannable rows.",
)
factors_option = click.option(
    "--factors", "factors_name", default="rutovitz2025", show_default=True, help="Factor set name or CSV file."
)
variant_option = click.option(
    "--variant", type=click.Choice(["low", "central", "high"]), default="central", show_default=True
)


@click.command()
@projects_option
@factors_option
@variant_option
@click.option(
    "--capacity",
    "capacity_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="CSV region,occupation,quarter,fte (default: what each region absorbs before ROA ITA reaches 0.85).",
)
@click.option("--time-limit", type=float, default=60.0, show_default=True, help="Seconds the solver may use.")
@click.option(
    "--objective",
    type=click.Choice(["lexicographic", "weighted"]),
    default="lexicographic",
    show_default=True,
    help="Unmet demand first, then peak; or their sum in one solve.",
)
@json_option
def plan(
    projects_file: Path,
    factors_name: str,
    variant: str,
    capacity_file: Path | None,
    time_limit: float,
    objective: str,
    as_json: bool,
) -> None:
    """Choose start quarters within each project's window to minimise unmet labour demand, then the peak."""
    from krapte.labour.factors import check_variant, resolve_factors
    from krapte.labour.planning_pipeline import plan_pipeline
    from krapte.labour.projects import read_projects

    factors = resolve_factors(factors_name)
    result = plan_pipeline(
        read_projects(projects_file, factors=factors),
        factors,
        check_variant(variant),
        capacity_file=capacity_file,
        time_limit=time_limit,
        objective="weighted" if objective == "weighted" else "lexicographic",
    )
    body = result.to_dict()
    if as_json:
        echo_json(body)
        return
    u, p = body["unmet_fte_quarters"], body["peak_shortage_fte"]
    click.echo(
        f"{body['factors']} ({body['variant']}), {body['first']}–{body['last']}: unmet demand "
        f"{u['before']} → {u['after']} FTE-quarters, peak shortage {p['before']} → {p['after']} FTE"
    )
    click.echo(
        f"solver: {body['status']}, optimality gap {body['mip_gap']:.2%}, {body['solve_seconds']} s; "
        f"capacity: {body['capacity_source']}"
    )
    click.echo(f"\n{len(body['moves'])} project(s) moved:")
    echo_table(body["moves"], ["project", "before", "after", "shift_quarters"])
    click.echo("\nunmet demand per region and occupation group (FTE-quarters):")
    echo_table(body["cells"][:20], ["region", "brc_group", "label", "unmet_before", "unmet_after", "peak_after"])


@click.group()
def scenarios() -> None:
    """Named scenarios (delays, productivity, training inflow, factor variants) compared side by side."""


@scenarios.command("compare")
@projects_option
@click.option(
    "--scenarios",
    "scenario_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML or JSON scenario file (see `krapte scenarios example`); default: built-in scenarios.",
)
@factors_option
@variant_option
@json_option
def scenarios_compare(
    projects_file: Path, scenario_file: Path | None, factors_name: str, variant: str, as_json: bool
) -> None:
    """Forecast, shortage and unmet demand per scenario, with the change against the first scenario."""
    from krapte.labour.factors import check_variant, resolve_factors
    from krapte.labour.projects import read_projects
    from krapte.labour.scenarios import compare_scenarios, default_scenarios, read_scenarios

    factors = resolve_factors(factors_name)
    chosen = read_scenarios(scenario_file) if scenario_file else default_scenarios()
    rows = compare_scenarios(
        read_projects(projects_file, factors=factors), chosen, factors=factors, variant=check_variant(variant)
    ).rows()
    if as_json:
        echo_json(rows)
        return
    echo_table(
        rows,
        [
            "scenario",
            "variant",
            "construction_job_years",
            "peak_fte",
            "peak_quarter",
            "unmet_fte_quarters",
            "delta_unmet_fte_quarters",
            "shortage_cells",
        ],
    )


@scenarios.command("example")
def scenarios_example() -> None:
    """Print an example scenario file (TOML)."""
    click.echo(EXAMPLE_SCENARIOS, nl=False)
