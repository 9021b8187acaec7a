"""Planning commands: ``krapte plan`` and ``krapte scenarios compare|example``.

Thin commands: read the user's files, call :func:`krapte.services.planning.plan` or
:func:`~krapte.services.planning.compare` (the same job functions the API starts in the background, run here in
this process), render text or ``--json``. ``--factors`` names a factor set or a CSV file of overrides, whose
contents are passed on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from krapte.cli.common import context, echo_json, echo_table, json_option
from krapte.cli.programme_plan import plan_scenario
from krapte.errors import InputError, ValidationError

if TYPE_CHECKING:
    from krapte.services.planning import FileContent

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
    "--factors",
    "factors_name",
    default="rutovitz2025",
    show_default=True,
    help="Factor set name, or a CSV file of overrides (technology,phase,central) on rutovitz2025.",
)
variant_option = click.option(
    "--variant", type=click.Choice(["low", "central", "high"]), default="central", show_default=True
)


def _read(path: Path, what: str) -> FileContent:
    from krapte.services.planning import FileContent

    try:
        return FileContent(path.name, path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror}", file=str(path)) from None


def _factors(name_or_file: str) -> tuple[str, FileContent | None]:
    """A factor set name, or (the default set, the contents of a CSV of overrides)."""
    path = Path(name_or_file)
    if name_or_file.endswith(".csv") or path.is_file():
        return "rutovitz2025", _read(path, "factor file")
    return name_or_file, None


def _progress() -> Callable[[float, str | None], None]:
    def show(_fraction: float, message: str | None) -> None:
        if message:
            click.echo(f"… {message}", err=True)

    return show


@click.command()
@click.option(
    "--projects",
    "projects_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Project file (CSV, JSON, Excel) with earliest_start, latest_end, duration_quarters for plannable rows. "
    "Default: the embedded national scenario, planned across RES, NPE and NPLW together.",
)
@click.option(
    "--scenario",
    type=click.Choice(["nl-programmes-2030", "res-35twh"]),
    default=None,
    help="Embedded scenario to plan without --projects (default nl-programmes-2030; res-35twh = RES only).",
)
@click.option(
    "--programme",
    "programmes",
    multiple=True,
    type=click.Choice(["RES", "NPE", "NPLW"]),
    help="Plan only this programme of the scenario (repeatable).",
)
@click.option(
    "--factors",
    "factors_name",
    default=None,
    help="With --projects: factor set name, or a CSV file of overrides on rutovitz2025 (default rutovitz2025). "
    "A scenario is planned with its own factor set.",
)
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
    projects_file: Path | None,
    scenario: str | None,
    programmes: tuple[str, ...],
    factors_name: str | None,
    variant: str,
    capacity_file: Path | None,
    time_limit: float,
    objective: str,
    as_json: bool,
) -> None:
    """Choose start quarters within each project's window to minimise unmet labour demand, then the peak.

    Without --projects: plan the embedded national scenario across RES, NPE and NPLW together and report per
    programme which targets slip, by how much, and which occupation groups bind."""
    from krapte.services import planning

    if projects_file is None:
        if factors_name is not None or capacity_file is not None:
            raise ValidationError(
                "--factors and --capacity apply to --projects only",
                hint="a scenario is planned with its own factor set and the default capacity",
            )
        plan_scenario(scenario, programmes, variant, time_limit, objective, as_json)
        return
    if scenario is not None or programmes:
        raise ValidationError("--scenario and --programme apply without --projects only", hint="give one or the other")
    factors, overrides = _factors(factors_name or "rutovitz2025")
    body = planning.plan(
        context(),
        planning.PlanRequest(
            projects=_read(projects_file, "project file"),
            capacity=_read(capacity_file, "capacity file") if capacity_file else None,
            factors=factors,
            factor_overrides=overrides,
            variant=variant,
            time_limit=time_limit,
            objective=objective,
        ),
        on_progress=None if as_json else _progress(),
    )
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
    echo_table(
        body["cells"][:20],
        ["region", "region_name", "brc_group", "label", "unmet_before", "unmet_after", "peak_after"],
    )


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
    from krapte.services import planning

    factors, overrides = _factors(factors_name)
    rows = planning.compare(
        context(),
        planning.ScenarioRequest(
            projects=_read(projects_file, "project file"),
            scenarios=_read(scenario_file, "scenario file") if scenario_file else None,
            factors=factors,
            factor_overrides=overrides,
            variant=variant,
        ),
    )["scenarios"]
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
