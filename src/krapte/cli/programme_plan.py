"""``krapte plan`` without ``--projects``: the embedded national scenario planned across programmes.

Calls :func:`krapte.services.programme_plan.plan_programmes` (the job the API and the web page start in the
background, run here in this process) and prints per programme which targets slip and by how much, the binding
occupation groups with their names, and the cells still short with region names next to codes; ``--json`` prints
the same content as the job's result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from krapte.cli.common import context, echo_json, echo_table

__all__ = ["plan_scenario", "render"]


def _progress() -> Callable[[float, str | None], None]:
    def show(_fraction: float, message: str | None) -> None:
        if message:
            click.echo(f"… {message}", err=True)

    return show


def plan_scenario(
    scenario: str | None,
    programmes: tuple[str, ...],
    variant: str,
    time_limit: float,
    objective: str,
    as_json: bool,
) -> None:
    """Plan the named scenario (default nl-programmes-2030), optionally only some programmes, and print it."""
    from krapte.services import programme_plan

    body = programme_plan.plan_programmes(
        context(),
        programme_plan.ProgrammePlanRequest(
            scenario=scenario or "nl-programmes-2030",
            programmes=programmes,
            variant=variant,
            time_limit=time_limit,
            objective=objective,
        ),
        on_progress=None if as_json else _progress(),
    )
    if as_json:
        echo_json(body)
        return
    render(body)


def render(body: dict[str, Any]) -> None:
    """The plain-text report of a joint programme plan."""
    u, p = body["unmet_fte_quarters"], body["peak_shortage_fte"]
    click.echo(
        f"{body['scenario']} ({', '.join(body['programmes'])}; {body['tranches']} tranches), {body['factors']} "
        f"({body['variant']}), {body['first']}–{body['last']}: unmet demand {u['before']} → {u['after']} "
        f"FTE-quarters, peak shortage {p['before']} → {p['after']} FTE"
    )
    click.echo(
        f"solver: {body['status']}, optimality gap {body['mip_gap']:.2%}, {body['solve_seconds']} s; "
        f"capacity: {body['capacity_source']}"
    )
    for prog in body["by_programme"]:
        late = ", ".join(prog["components_late"]) or "none"
        click.echo(
            f"\n{prog['programme']}: {prog['tranches_moved']} of {prog['tranches']} tranches moved; "
            f"targets late: {late}; largest slip {prog['max_slip_quarters']} quarter(s)"
        )
        rows = [r for r in body["slips"] if r["programme"] == prog["programme"]]
        echo_table(
            [{**r, "share_late": f"{r['share_late']:.0%}"} for r in rows],
            [
                "component",
                "quantity",
                "unit",
                "target",
                "tranches_moved",
                "quantity_late",
                "share_late",
                "max_slip_quarters",
                "mean_slip_quarters_of_late",
                "unverified",
            ],
        )
        groups = prog["binding_groups"]
        binding = "; ".join(f"{g['brc_group']} {g['label']} ({g['job_years_in_short_cells']:,.1f})" for g in groups)
        click.echo(f"binding occupation groups (job-years in cells still short): {binding or 'none'}")
    click.echo("\nunmet demand per region and occupation group after planning (FTE-quarters):")
    echo_table(
        body["cells"][:15],
        ["region", "region_name", "brc_group", "label", "unmet_before", "unmet_after", "peak_after"],
    )
    click.echo(f"\nbasis: {body['basis']}; source: {body['source']}")
