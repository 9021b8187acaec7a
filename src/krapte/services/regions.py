"""Regional use cases: regions by name, regional figures and maps, calibration, and the national programmes.

All public: aggregate figures of embedded scenarios with the current supply (the default supply with every imported
supply source applied, :func:`krapte.services.labour.current_supply`). Nothing here writes.

- :func:`describe_region`: a region with the names of the regions it lies in or overlaps.
- :func:`regional_view`: one row per arbeidsmarktregio or RES region for a BRC group and quarter (extra demand,
  employed, vacancies, job seekers, UWV and ROA indicators with their basis), the choices a page offers, and, for
  one RES region, the demand its projects create in the arbeidsmarktregio's.
- :func:`calibration`: the model's national tension picture against the published UWV figures.
- :func:`national_summary` / :func:`programme_overview`: the national scenario of RES, NPE and NPLW.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from krapte.errors import NotFoundError, ValidationError
from krapte.labour.tension import TensionTable
from krapte.services.context import Context
from krapte.services.labour import DEFAULT_SCENARIO, current_supply, default_factors, projects_for

__all__ = [
    "ProgrammeOverview",
    "RegionalView",
    "calibration",
    "describe_region",
    "national_summary",
    "programme_overview",
    "regional_csv",
    "regional_map_svg",
    "regional_view",
]


def describe_region(ctx: Context, text: str, *, year: int = 2026) -> dict[str, Any]:
    """A region found by code or (fuzzy) name, every code with its name (what ``regions show`` prints)."""
    from krapte.labour.regions import default_regions

    return default_regions(year).describe(text)


PREFERRED_GROUP = "0761"  # Elektriciens en elektronicamonteurs: the group the /regio page opens with


@dataclass(frozen=True)
class RegionalView:
    """What the map page, its downloads and ``/api/v1/regional-figures`` show."""

    kind: str
    group: str
    quarter: str
    scenario: str
    rows: list[dict[str, Any]]
    groups: list[tuple[str, str]]  # (BRC code, label) of the groups the scenario creates demand in
    quarters: list[str]
    assumptions: list[str]
    res: str = ""
    pipeline: list[dict[str, Any]] = field(default_factory=list)


@cache
def _scenario_table(scenario: str) -> tuple[TensionTable, Any]:
    """(tension table with the default supply, forecast) of an embedded scenario; pure, so computed once."""
    from krapte.labour.factors import factor_set
    from krapte.labour.forecast import forecast
    from krapte.labour.programmes import named_scenario_projects, scenario_factor_set
    from krapte.labour.supply import default_supply
    from krapte.labour.tension import tension_table

    fc = forecast(named_scenario_projects(scenario), factor_set(scenario_factor_set(scenario)), "central")
    return tension_table(fc, default_supply()), fc


def regional_view(
    ctx: Context,
    *,
    kind: str = "arbeidsmarktregio",
    group: str | None = None,
    quarter: str | None = None,
    scenario: str | None = None,
    res: str | None = None,
) -> RegionalView:
    """Regional figures of an embedded scenario for one BRC group and quarter (defaults: electricians, or else the
    group with the most extra demand, and the quarter in which the group's national demand peaks)."""
    from krapte.labour.maps import regional_figures, res_pipeline_demand
    from krapte.labour.supply import brc_labels
    from krapte.labour.tension import tension_table

    scenario = scenario or DEFAULT_SCENARIO
    if kind not in ("arbeidsmarktregio", "res"):
        raise ValidationError(f"region kind {kind!r} has no map", hint="use arbeidsmarktregio or res")
    base, fc = _scenario_table(scenario)
    supply = current_supply(ctx)
    table = tension_table(fc, supply) if supply.imported else base
    demand = table.extra_demand
    totals = demand.sum(axis=(0, 2))
    active = [g for i, g in enumerate(table.groups) if totals[i] > 0]
    labels = brc_labels()
    if not group:
        group = PREFERRED_GROUP if PREFERRED_GROUP in active else table.groups[int(totals.argmax())]
    if group not in table.groups:
        raise NotFoundError(f"occupation group {group!r} is not a BRC 2014 group", hint="use e.g. 0761")
    quarters = table.quarters()
    if not quarter:
        quarter = quarters[int(demand[:, table.groups.index(group), :].sum(axis=0).argmax())]
    elif quarter not in quarters:
        raise NotFoundError(f"quarter {quarter!r} is outside the scenario", hint=f"use {quarters[0]} to {quarters[-1]}")
    rows = regional_figures(kind, group, quarter, table, supply, factors_name=fc.factors.name)
    pipeline: list[dict[str, Any]] = []
    if res:
        projects = projects_for(ctx, None, scenario=scenario)
        pipeline = res_pipeline_demand(projects, res, factors=fc.factors, quarter=quarter)
    if group not in active:
        active.append(group)
    return RegionalView(
        kind=kind,
        group=group,
        quarter=quarter,
        scenario=scenario,
        rows=rows,
        groups=[(g, labels.get(g, g)) for g in sorted(active)],
        quarters=quarters,
        assumptions=list(supply.assumptions),
        res=res or "",
        pipeline=pipeline,
    )


def regional_csv(view: RegionalView) -> str:
    """The view's rows as CSV (columns :data:`krapte.labour.maps.REGIONAL_COLUMNS`), through the one
    formula-neutralising CSV writer (:func:`krapte.security.cells.csv_text`)."""
    from krapte.labour.maps import REGIONAL_COLUMNS
    from krapte.security.cells import csv_text

    return csv_text(REGIONAL_COLUMNS, view.rows)


def regional_map_svg(view: RegionalView, measure: str, lang: str = "nl") -> str:
    """An SVG choropleth of one measure of the view (a key of :data:`krapte.labour.maps.MAP_MEASURES`)."""
    from krapte.labour.maps import MAP_MEASURES, choropleth_svg

    if measure not in MAP_MEASURES:
        raise NotFoundError(f"map measure {measure!r} is not known", hint=f"use one of {', '.join(MAP_MEASURES)}")
    title = f"{MAP_MEASURES[measure]['en' if lang == 'en' else 'nl']} · {view.group} · {view.quarter}"
    decimals = 2 if measure in ("spanningsindicator", "ita") else 0
    values = {r["code"]: r[measure] for r in view.rows}
    source = f"scenario {view.scenario}"
    return choropleth_svg(view.kind, values, title=title, lang=lang, decimals=decimals, source=source)


def calibration(ctx: Context) -> list[dict[str, Any]]:
    """The current supply's national tension picture next to the published UWV figures (what, published, model)."""
    from krapte.labour.calibration import calibration_report

    return calibration_report(current_supply(ctx))


def national_summary(
    ctx: Context,
    *,
    programmes: list[str] | None = None,
    factors: str | None = None,
    factor_overrides: str | None = None,
    variant: str = "central",
    first: int | None = None,
    last: int | None = None,
) -> dict[str, Any]:
    """The national scenario's forecast summary with ``by_programme``, ``by_component`` and the unverified share
    (default factors: the scenario's own set)."""
    from krapte.labour.factors import check_variant
    from krapte.labour.programmes import NATIONAL, national_forecast_summary
    from krapte.services.labour import factors_for

    fs = factors_for(factors or default_factors(NATIONAL), factor_overrides)
    return national_forecast_summary(fs, check_variant(variant), programmes=programmes or None, first=first, last=last)


@dataclass(frozen=True)
class ProgrammeOverview:
    """National FTE per quarter for each programme, and the summary per programme and component."""

    quarters: list[str]
    series: dict[str, list[float]]
    summary: dict[str, Any]
    factors: str
    sources: list[dict[str, str]]


@cache
def _programme_overview(variant: str, phase: str) -> ProgrammeOverview:
    from krapte.labour.factors import check_variant, factor_set
    from krapte.labour.programmes import NATIONAL, programme_series, summary_by_programme

    fs = factor_set(default_factors(NATIONAL))
    quarters, series = programme_series(fs, check_variant(variant), phase=phase)
    summary = summary_by_programme(None, fs, check_variant(variant))
    return ProgrammeOverview(
        quarters=list(quarters),
        series={k: [round(float(x), 1) for x in np.asarray(v)] for k, v in series.items()},
        summary=summary,
        factors=fs.name,
        sources=_sources(),
    )


def _sources() -> list[dict[str, str]]:
    from krapte.provenance import dataset

    out = []
    for name in ("programmes-nl-2030", "employment-factors", "res-capacity-2024"):
        d = dataset(name)
        out.append({"dataset": d.id, "title": d.title, "source": d.source, "licence": d.licence})
    return out


def programme_overview(ctx: Context, *, variant: str = "central", phase: str = "total") -> ProgrammeOverview:
    """The national programmes (RES, NPE, NPLW): demand per quarter and the summary per programme."""
    return _programme_overview(variant, phase)
