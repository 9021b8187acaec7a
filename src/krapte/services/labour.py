"""Labour use cases: project pipelines, the demand forecast, supply and tension.

Public: the forecast and tension of the embedded default scenario or of projects the caller sends (nothing is
stored). Imported pipelines are an analyst's working data: reading them needs ``aggregates.read``, importing or
deleting them ``labour.write``. Factor sets are chosen by name; a user's own factor file arrives as its contents
(``factor_overrides``, CSV text), never as a path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from krapte.errors import ImportReport, ValidationError
from krapte.labour.factors import FactorSet, check_variant, parse_factor_overrides, resolve_factors
from krapte.labour.forecast import Forecast
from krapte.labour.forecast import forecast as _forecast
from krapte.labour.projects import Project
from krapte.labour.supply import SupplyTable, default_supply
from krapte.services.context import Context
from krapte.store import labour as repo

__all__ = [
    "DEFAULT_SCENARIO",
    "check_pipeline_name",
    "current_supply",
    "default_factors",
    "delete_pipeline",
    "factors_for",
    "forecast",
    "import_pipeline",
    "import_supply",
    "list_pipelines",
    "national_default",
    "projects_for",
    "show_pipeline",
    "supply_rows",
    "tension_rows",
]

MAX_FACTOR_FILE_CHARS = 1_000_000


def factors_for(name: str, overrides: str | None = None) -> FactorSet:
    """A named factor set, optionally with single factors overridden by a CSV text (never a path)."""
    if overrides is None:
        return resolve_factors(name)
    if len(overrides) > MAX_FACTOR_FILE_CHARS:
        raise ValidationError(
            f"the factor file has more than {MAX_FACTOR_FILE_CHARS} characters", limit="factor_file_chars"
        )
    return parse_factor_overrides(overrides, base=resolve_factors(name).name)


#: The scenario used when neither a pipeline nor a scenario is named: the national scenario of the three programmes
#: (RES, NPE, NPLW). The earlier RES-only default stays available by name, ``res-35twh``.
DEFAULT_SCENARIO = "nl-programmes-2030"


def projects_for(
    ctx: Context,
    pipeline: str | None,
    *,
    scenario: str | None = None,
    programmes: list[str] | None = None,
) -> list[Project]:
    """An imported pipeline (analysts) or an embedded named scenario (everyone; optionally some programmes)."""
    if pipeline is None:
        from krapte.labour.programmes import named_scenario_projects

        return named_scenario_projects(scenario or DEFAULT_SCENARIO, programmes or None)
    if scenario is not None:
        raise ValidationError("name a pipeline or a scenario, not both")
    ctx.require("aggregates.read")
    return repo.load_pipeline(ctx.store, pipeline)


def default_factors(scenario: str | None, *, own_projects: bool = False) -> str:
    """The factor set a named scenario is meant to be read with (nl-programmes-2030; rutovitz2025 for res-35twh).

    With ``own_projects`` (a project file or an imported pipeline instead of a scenario) the general default set,
    rutovitz2025, as before the national scenario became the default."""
    from krapte.labour.factors import DEFAULT_SET
    from krapte.labour.programmes import scenario_factor_set

    if own_projects and scenario is None:
        return DEFAULT_SET
    return scenario_factor_set(scenario or DEFAULT_SCENARIO)


def national_default(scenario: str | None, own_projects: bool) -> bool:
    """True when a request without a project file or pipeline falls on the national scenario (named or default)."""
    from krapte.labour.programmes import NATIONAL

    return not own_projects and (scenario or DEFAULT_SCENARIO) == NATIONAL


def list_pipelines(ctx: Context) -> list[dict[str, Any]]:
    ctx.require("aggregates.read")
    return repo.list_pipelines(ctx.store)


def show_pipeline(ctx: Context, name: str) -> list[Project]:
    ctx.require("aggregates.read")
    return repo.load_pipeline(ctx.store, name)


def import_pipeline(
    ctx: Context, name: str, items: list[Project], *, source_file: str, replace: bool = False
) -> ImportReport:
    """Store validated projects as a pipeline (atomic; refuses to overwrite unless ``replace``)."""
    ctx.require("labour.write")
    name = check_pipeline_name(name)
    return repo.save_pipeline(ctx.store, name, items, source_file=source_file[:300], replace=replace, actor=ctx.actor)


_PIPELINE_NAME = re.compile(r"[\w][\w .()+-]{0,199}")


def check_pipeline_name(name: str) -> str:
    """A pipeline's name: letters, digits, spaces and ``_ . ( ) + -``, 1–200 characters (never a path)."""
    clean = name.strip()
    if not _PIPELINE_NAME.fullmatch(clean) or ".." in clean:
        raise ValidationError(
            f"pipeline name {clean[:80]!r} is not allowed",
            hint="use letters, digits, spaces and _ . ( ) + -, up to 200 characters",
            limit="pipeline_name",
        )
    return clean


def delete_pipeline(ctx: Context, name: str) -> None:
    ctx.require("labour.write")
    repo.delete_pipeline(ctx.store, name, actor=ctx.actor)


def forecast(
    ctx: Context,
    projects: list[Project],
    *,
    factors: str = "rutovitz2025",
    factor_overrides: str | None = None,
    variant: str = "central",
    first: int | None = None,
    last: int | None = None,
) -> Forecast:
    """Labour demand per arbeidsmarktregio × occupation × quarter × phase (pure computation)."""
    return _forecast(projects, factors_for(factors, factor_overrides), check_variant(variant), first=first, last=last)


def current_supply(ctx: Context) -> SupplyTable:
    """The default supply with every imported supply source applied (public: aggregate figures)."""
    table = default_supply()
    for source in repo.supply_sources(ctx.store):  # each cell keeps the source it came from as its basis
        table = table.with_values(repo.load_supply_cells(ctx.store, source), source)
    return table


def import_supply(ctx: Context, source: str, cells: Iterable[tuple[str, str, str, float]]) -> ImportReport:
    ctx.require("labour.write")
    return repo.save_supply_cells(ctx.store, source[:300], cells, actor=ctx.actor)


def supply_rows(ctx: Context, *, region: str | None = None, occupation: str | None = None) -> tuple[list[str], Any]:
    """(assumptions, rows) of the current supply, optionally for one arbeidsmarktregio and occupation group."""
    from krapte.labour.regions import default_regions
    from krapte.labour.tension import resolve_occupation

    table = current_supply(ctx)
    code = default_regions().find(region, kinds=("arbeidsmarktregio",)).code if region else None
    rows = table.rows(region=code, group=resolve_occupation(occupation) if occupation else None)
    return list(table.assumptions), rows


def tension_rows(
    ctx: Context,
    projects: list[Project],
    *,
    factors: str = "rutovitz2025",
    factor_overrides: str | None = None,
    variant: str = "central",
    region: str | None = None,
    occupation: str | None = None,
    quarter: str | None = None,
    flagged: bool = False,
) -> list[dict[str, Any]]:
    """UWV and ROA tension classes per region × BRC group × quarter, with shortage flags."""
    from krapte.labour.regions import default_regions
    from krapte.labour.tension import resolve_occupation, tension_table

    demand = forecast(ctx, projects, factors=factors, factor_overrides=factor_overrides, variant=variant)
    table = tension_table(demand, current_supply(ctx))
    code = default_regions().find(region, kinds=("arbeidsmarktregio",)).code if region else None
    group = resolve_occupation(occupation) if occupation else None
    rows: list[dict[str, Any]] = table.rows(region=code, group=group, quarter=quarter, flagged=flagged)
    return rows
