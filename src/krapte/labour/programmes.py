"""The national scenario of the three programmes (RES, NPE, NPLW), 2025-2032, and its summaries.

The scenario is built by ``scripts/build_programmes.py`` from ``shared/data/energy/nl_programmes_2030`` into
``krapte/data/programmes-nl-2030`` (see ``docs/programmes.md``): every NPE and NPLW component is a path to its
target year in yearly tranches, placed at the offshore landing gemeente or spread over arbeidsmarktregio's by a
documented proxy. The RES part is the existing 35 TWh path (:mod:`krapte.labour.res_scenario`) without its heat
pumps, which NPLW counts. Every tranche carries its programme, component, target quarter and an ``unverified`` flag
inherited from its source rows.

Named scenarios (:func:`scenario_names`): ``nl-programmes-2030`` (the national default) and ``res-35twh`` (the
old RES-only default). Each has a default factor set (:func:`scenario_factor_set`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from krapte.errors import NotFoundError, ValidationError
from krapte.labour.factors import FactorSet, Variant, check_variant, factor_set
from krapte.labour.forecast import Forecast, forecast
from krapte.labour.projects import Project
from krapte.labour.quarters import format_quarter, parse_quarter

DATASET = "programmes-nl-2030"
PROGRAMMES: tuple[str, ...] = ("RES", "NPE", "NPLW")
NATIONAL = "nl-programmes-2030"
RES_ONLY = "res-35twh"
FACTOR_SET = "nl-programmes-2030"
WINDOW = ("2025Q1", "2030Q4")  # the comparison window of the published studies
HORIZON = ("2025Q1", "2033Q4")  # the forecast calendar of the national scenario
SLACK_QUARTERS = 4


@dataclass(frozen=True)
class Component:
    """One component of a programme, as built (quantity, path, placement, sources, flags)."""

    programme: str
    component: str
    technology: str
    quantity_2025_2030: float
    quantity_total: float
    unit: str
    first_year: int
    last_year: int
    target_year: int
    path: str
    placement: str
    sources: str
    unverified: bool
    flags: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ScenarioEntry:
    """A project of the national scenario with its programme, component and target."""

    project: Project
    programme: str
    component: str
    target: int  # quarter index by which the component's target is due
    unverified: bool


def _csv(name: str) -> list[dict[str, str]]:
    text = (resources.files("krapte.data") / DATASET / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def components() -> tuple[Component, ...]:
    """The components of the national scenario, RES included (from the RES path)."""
    out = [_res_component(t, q) for t, q in _res_quantities().items()]
    for r in _csv("components.csv"):
        out.append(
            Component(
                programme=r["programme"],
                component=r["component"],
                technology=r["technology"],
                quantity_2025_2030=float(r["quantity_2025_2030"]),
                quantity_total=float(r["quantity_total"]),
                unit=r["unit"],
                first_year=int(r["first_year"]),
                last_year=int(r["last_year"]),
                target_year=int(r["target_year"]),
                path=r["path"],
                placement=r["placement"],
                sources=r["sources"],
                unverified=r["unverified"] == "true",
                flags=r["flags"],
            )
        )
    return tuple(out)


def _res_quantities() -> dict[str, float]:
    from krapte.labour.res_scenario import region_paths

    paths = region_paths()
    return {
        "onshore_wind": sum(p.extra_wind_mw for p in paths),
        "utility_solar": sum(p.extra_field_solar_mw for p in paths),
        "rooftop_solar": sum(p.extra_roof_solar_mw for p in paths),
    }


def _res_component(technology: str, mw: float) -> Component:
    from krapte.labour import res_scenario as res

    return Component(
        programme="RES",
        component=technology,
        technology=technology,
        quantity_2025_2030=round(mw, 1),
        quantity_total=round(mw, 1),
        unit="MW",
        first_year=res.FIRST_YEAR,
        last_year=res.LAST_YEAR,
        target_year=res.LAST_YEAR,
        path=f"the gap to {res.TARGET_TWH:g} TWh onshore (2024: CBS 85004NED), evenly 2025-2030",
        placement="RES region by 2024 production; see docs/labour.md",
        sources="anchor A30 (Klimaatakkoord 35 TWh); CBS 85004NED, 85005NED",
        unverified=False,
        flags="",
    )


def check_programmes(names: Iterable[str] | None) -> tuple[str, ...]:
    """Programme names, upper-cased and checked; None or empty means all three."""
    if not names:
        return PROGRAMMES
    out = []
    for name in names:
        key = name.strip().upper()
        if key not in PROGRAMMES:
            raise ValidationError(f"unknown programme {name!r}", hint=f"use one of {', '.join(PROGRAMMES)}")
        if key not in out:
            out.append(key)
    return tuple(out)


@cache
def _entries() -> tuple[ScenarioEntry, ...]:
    from krapte.labour.res_scenario import LAST_YEAR, scenario_projects

    out: list[ScenarioEntry] = []
    res_target = parse_quarter(f"{LAST_YEAR}Q4")
    for p in scenario_projects(heat_pumps_per_year=0):
        assert p.start is not None and p.end is not None
        windowed = replace(p, earliest_start=p.start, latest_end=p.end + SLACK_QUARTERS)
        out.append(ScenarioEntry(windowed, "RES", p.technology, res_target, False))
    for r in _csv("projects.csv"):
        start, end = parse_quarter(r["start_quarter"]), parse_quarter(r["end_quarter"])
        project = Project(
            id=r["id"],
            name=f"{r['programme']} {r['component']} {r['location']} {r['start_quarter']}-{r['end_quarter']}",
            technology=r["technology"],
            size=float(r["size"]),
            unit=r["unit"],
            location=r["location"],
            start=start,
            end=end,
            earliest_start=parse_quarter(r["earliest_start"]),
            latest_end=parse_quarter(r["latest_end"]),
        )
        out.append(
            ScenarioEntry(
                project, r["programme"], r["component"], parse_quarter(r["target_quarter"]), r["unverified"] == "true"
            )
        )
    return tuple(out)


def national_scenario(programmes: Iterable[str] | None = None) -> list[ScenarioEntry]:
    """The scenario's entries, optionally only those of some programmes (``RES``, ``NPE``, ``NPLW``)."""
    wanted = check_programmes(programmes)
    return [e for e in _entries() if e.programme in wanted]


def national_projects(programmes: Iterable[str] | None = None) -> list[Project]:
    """The national scenario as plain projects (with planning windows), for ``forecast`` and ``plan_pipeline``."""
    return [e.project for e in national_scenario(programmes)]


SCENARIO_COLUMNS = (
    "id",
    "name",
    "technology",
    "size",
    "unit",
    "location",
    "start_quarter",
    "end_quarter",
    "earliest_start",
    "latest_end",
    "duration_quarters",
    "programme",
    "component",
    "target_quarter",
    "unverified",
)


def scenario_table(programmes: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The national scenario as rows of the project-file contract plus programme, component, target and flag.

    Written as CSV, the rows read back with :func:`krapte.labour.projects.read_projects` (extra columns are
    ignored), so an analyst can export the scenario, edit it and forecast or plan it as a pipeline.
    """

    def q(value: int | None) -> str:
        return format_quarter(value) if value is not None else ""

    return [
        {
            "id": e.project.id,
            "name": e.project.name,
            "technology": e.project.technology,
            "size": round(e.project.size, 6),
            "unit": e.project.unit,
            "location": e.project.location,
            "start_quarter": q(e.project.start),
            "end_quarter": q(e.project.end),
            "earliest_start": q(e.project.earliest_start),
            "latest_end": q(e.project.latest_end),
            "duration_quarters": e.project.duration,
            "programme": e.programme,
            "component": e.component,
            "target_quarter": format_quarter(e.target),
            "unverified": e.unverified,
        }
        for e in national_scenario(programmes)
    ]


# --- named scenarios ------------------------------------------------------------------------------------------------
def scenario_names() -> list[str]:
    """Named embedded scenarios; the first is the default."""
    return [NATIONAL, RES_ONLY]


def scenario_factor_set(name: str = NATIONAL) -> str:
    """The factor set a named scenario is meant to be read with."""
    _check_name(name)
    return FACTOR_SET if name == NATIONAL else "rutovitz2025"


def named_scenario_projects(name: str = NATIONAL, programmes: Iterable[str] | None = None) -> list[Project]:
    """The projects of a named scenario (``--programme`` filters the national one; RES-only is programme RES)."""
    _check_name(name)
    if name == RES_ONLY:
        from krapte.labour.res_scenario import scenario_projects

        if programmes and check_programmes(programmes) != ("RES",):
            raise ValidationError("the res-35twh scenario has only the RES programme", hint="use nl-programmes-2030")
        return scenario_projects()
    return national_projects(programmes)


def named_scenario_entries(name: str = NATIONAL, programmes: Iterable[str] | None = None) -> list[ScenarioEntry]:
    """The entries of a named scenario for joint planning: the national one (optionally some programmes), or the
    RES-only ``res-35twh`` scenario as RES entries (one component per technology, heat pumps included, target the
    end of its last year, each tranche free to start up to ``SLACK_QUARTERS`` later), the same windows as the
    national scenario gives its RES part."""
    _check_name(name)
    if name == NATIONAL:
        return national_scenario(programmes)
    from krapte.labour.res_scenario import LAST_YEAR, scenario_projects

    if programmes and check_programmes(programmes) != ("RES",):
        raise ValidationError("the res-35twh scenario has only the RES programme", hint="use nl-programmes-2030")
    target = parse_quarter(f"{LAST_YEAR}Q4")
    out = []
    for p in scenario_projects():
        assert p.start is not None and p.end is not None
        windowed = replace(p, earliest_start=p.start, latest_end=p.end + SLACK_QUARTERS)
        out.append(ScenarioEntry(windowed, "RES", p.technology, target, False))
    return out


def _check_name(name: str) -> None:
    if name not in scenario_names():
        raise NotFoundError(f"no scenario named {name!r}", hint=f"known scenarios: {', '.join(scenario_names())}")


def national_forecast(
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    programmes: Iterable[str] | None = None,
    first: int | None = None,
    last: int | None = None,
) -> Forecast:
    """Forecast of the national scenario on its calendar (default 2025Q1..2033Q4)."""
    return forecast(
        national_projects(programmes),
        factors or factor_set(FACTOR_SET),
        check_variant(variant),
        first=parse_quarter(HORIZON[0]) if first is None else first,
        last=parse_quarter(HORIZON[1]) if last is None else last,
    )


@cache
def default_national_forecast() -> Forecast:
    return national_forecast()


def national_forecast_summary(
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    programmes: Iterable[str] | None = None,
    first: int | None = None,
    last: int | None = None,
) -> dict[str, Any]:
    """The body of ``krapte forecast --summary --json`` for the national scenario: the forecast's own summary plus
    ``programmes``, ``by_programme``, ``by_component``, ``window`` and ``unverified_share_window``."""
    fs = factors or factor_set(FACTOR_SET)
    chosen = check_programmes(programmes)
    body = national_forecast(fs, variant, programmes=chosen, first=first, last=last).summary()
    detail = summary_by_programme(national_scenario(chosen), fs, variant)
    body.update(
        {
            "scenario": NATIONAL,
            "programmes": list(chosen),
            "window": detail["window"],
            "unverified_share_window": detail["unverified_share_window"],
            "by_programme": detail["by_programme"],
            "by_component": detail["by_component"],
        }
    )
    return body


def programme_series(
    factors: FactorSet | None = None, variant: Variant = "central", *, phase: str = "total"
) -> tuple[list[str], dict[str, np.ndarray]]:
    """National FTE per quarter for each programme (``phase``: construction, om or total), for charts and tables."""
    if phase not in ("construction", "om", "total"):
        raise ValidationError(f"phase {phase!r} is not known", hint="use construction, om or total")
    out: dict[str, np.ndarray] = {}
    quarters: list[str] = []
    for prog in PROGRAMMES:
        fc = national_forecast(factors, variant, programmes=[prog])
        quarters = fc.quarters()
        out[prog] = getattr(fc, phase).sum(axis=(0, 1))
    return quarters, out


# --- summaries by programme and component ---------------------------------------------------------------------------
def _totals(fc: Forecast, window: tuple[int, int]) -> dict[str, Any]:
    lo, hi = window[0] - fc.first, window[1] - fc.first + 1
    con = fc.construction.sum(axis=(0, 1))
    total = fc.total.sum(axis=(0, 1))
    peak = int(total.argmax()) if total.size else 0
    years = (hi - lo) / 4
    return {
        "construction_job_years": round(float(con.sum()) / 4, 1),
        "construction_job_years_window": round(float(con[lo:hi].sum()) / 4, 1),
        "construction_fte_per_year_window": round(float(con[lo:hi].sum()) / 4 / years, 1),
        "om_fte_end_window": round(float(fc.om[:, :, hi - 1].sum()), 1),
        "peak_fte": round(float(total[peak]), 1),
        "peak_quarter": format_quarter(fc.first + peak),
    }


def summary_by_programme(
    entries: Sequence[ScenarioEntry] | None = None,
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    window: tuple[str, str] = WINDOW,
) -> dict[str, Any]:
    """Construction job-years (all and in the window), FTE per year, O&M and peak per programme and component.

    The shape is what ``krapte forecast --summary --json`` adds as ``by_programme`` and ``by_component``; the
    ``unverified`` share is the part of the window's job-years that rests on a quantity flagged unverified.
    """
    entries = list(entries if entries is not None else national_scenario())
    if not entries:
        raise ValidationError("no projects in the selected programmes")
    factors = factors or factor_set(FACTOR_SET)
    variant = check_variant(variant)
    first, last = parse_quarter(HORIZON[0]), parse_quarter(HORIZON[1])
    w = (parse_quarter(window[0]), parse_quarter(window[1]))

    def run(group: Sequence[ScenarioEntry]) -> dict[str, Any]:
        fc = forecast([e.project for e in group], factors, variant, first=first, last=last)
        return _totals(fc, w)

    comps = {(c.programme, c.component): c for c in components()}
    by_component = []
    unverified_jy = 0.0
    for key in sorted({(e.programme, e.component) for e in entries}, key=lambda k: (PROGRAMMES.index(k[0]), k[1])):
        group = [e for e in entries if (e.programme, e.component) == key]
        row = run(group)
        comp = comps.get(key)
        f = factors.factor(group[0].project.technology, "construction")
        flagged = any(e.unverified for e in group)
        if flagged:
            unverified_jy += row["construction_job_years_window"]
        by_component.append(
            {
                "programme": key[0],
                "component": key[1],
                "technology": group[0].project.technology,
                "quantity_2025_2030": comp.quantity_2025_2030 if comp else None,
                "unit": group[0].project.unit,
                "projects": len(group),
                **row,
                "factor_central": f.central if f else None,
                "factor_unit": f.unit if f else None,
                "factor_basis": (f.basis or f"from set {f.set}") if f else None,
                "unverified": flagged,
            }
        )
    by_programme = []
    for prog in PROGRAMMES:
        group = [e for e in entries if e.programme == prog]
        if group:
            by_programme.append({"programme": prog, "projects": len(group), **run(group)})
    total = run(entries)
    window_jy = total["construction_job_years_window"]
    return {
        "scenario": NATIONAL,
        "factors": factors.name,
        "variant": variant,
        "window": list(window),
        "total": {"projects": len(entries), **total},
        "unverified_share_window": round(unverified_jy / window_jy, 3) if window_jy else 0.0,
        "by_programme": by_programme,
        "by_component": by_component,
    }


def demand_cell(fc: Forecast, region: str, brc_group: str, year: int) -> dict[str, float]:
    """Average construction and O&M FTE of one arbeidsmarktregio × BRC group in a calendar year."""
    r = fc.regions.index(region)
    occ = [i for i, o in enumerate(fc.occupations) if fc.factors.occupation(o).brc_group == brc_group]
    q0 = parse_quarter(f"{year}Q1") - fc.first
    sl = slice(q0, q0 + 4)
    return {
        "construction_fte": round(float(fc.construction[r, occ, sl].sum(axis=0).mean()), 1),
        "om_fte": round(float(fc.om[r, occ, sl].sum(axis=0).mean()), 1),
        "total_fte": round(float(fc.total[r, occ, sl].sum(axis=0).mean()), 1),
    }


def share_vector_check(factors: FactorSet | None = None) -> list[str]:
    """Technologies of the scenario without occupation shares (they would vanish from tension and planning)."""
    factors = factors or factor_set(FACTOR_SET)
    techs = sorted({e.project.technology for e in _entries()})
    return [t for t in techs if not np.any(factors.share_vector(t, "construction"))]
