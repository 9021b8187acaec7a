"""Checks of the national scenario against what is published, and its sensitivity to the largest assumptions.

- :func:`published_comparison`: the scenario's figure for the scope of each embedded Dutch study
  (``programmes-nl-2030/studies.csv``), side by side with the study's headline figure;
- :func:`sensitivity`: the national 2025-2030 construction FTE per year with the factor of one technology at its
  low or high value, for the technologies carrying most job-years;
- :func:`grid_check_2024`: the realised 2024 regional-grid volumes (Netbeheer Nederland) turned into grid-worker
  demand with the scenario's factor, next to the scenario's demand;
- :func:`region_outlook`: demand, supply and tension of one arbeidsmarktregio × BRC group in one year, with the
  share of each programme (the analyst's "enough electricians in Zeeland in 2028?").
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from importlib import resources
from typing import Any

from krapte.labour.factors import FactorSet, Variant, factor_set
from krapte.labour.forecast import forecast
from krapte.labour.programmes import (
    DATASET,
    FACTOR_SET,
    PROGRAMMES,
    ScenarioEntry,
    demand_cell,
    national_forecast,
    national_scenario,
    summary_by_programme,
)
from krapte.labour.quarters import parse_quarter
from krapte.labour.supply import SupplyTable, brc_labels, default_supply
from krapte.labour.tension import tension_table

# study id -> (scenario components summed, measure, why the scopes differ)
STUDY_SCOPES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "S03": (
        (
            "RES/*",
            "NPE/offshore_wind",
            "NPE/public_charging",
            "NPLW/hybrid_heat_pumps",
            "NPLW/all_electric_homes",
            "NPLW/insulation",
        ),
        "construction FTE per year 2025-2030",
        "Ecorys counts extra jobs against a 34% CO2 baseline; the scenario counts all construction labour of the "
        "programmes, part of which the baseline already employs",
    ),
    "S04": (
        (
            "RES/*",
            "NPE/offshore_wind",
            "NPE/public_charging",
            "NPLW/hybrid_heat_pumps",
            "NPLW/all_electric_homes",
            "NPLW/insulation",
        ),
        "construction FTE per year 2025-2030",
        "as S03, for the 60% target; 'technici' only, the scenario includes managers, engineers and labourers",
    ),
    "S05": (
        ("*",),
        "construction FTE per year 2025-2030 + O&M FTE end 2030",
        "TNO counts gross new employment in 2030 incl. supply of materials and services and mobility",
    ),
    "S12": (
        ("NPE/distribution_grid", "NPE/hv_grid_onshore", "NPE/offshore_grid"),
        "construction FTE per year 2025-2030",
        "Netbeheer Nederland's ~30,000 people 'needed until 2030' include replacement of retiring staff, "
        "operation and maintenance and gas grids; the scenario counts expansion work only",
    ),
    "S11": (
        ("NPLW/*",),
        "construction FTE per year 2025-2030",
        "EIB's ~60,000 FTE work on the whole built environment now (incl. new build and non-residential); the "
        "scenario counts the NPLW retrofit targets only",
    ),
    "S20": (
        ("NPLW/heat_networks", "NPLW/all_electric_homes"),
        "construction FTE per year 2025-2030",
        "CE Delft: average over the whole gas-free transition; the scenario front-loads the 2030 targets",
    ),
    "S14": (
        ("NPE/offshore_wind",),
        "construction FTE per year 2025-2030",
        "Knol & Coolen: Dutch installation contractors at 1 GW per year; the scenario builds ~2 GW per year",
    ),
    "S26": (
        ("NPE/offshore_wind", "NPE/offshore_grid"),
        "construction FTE per year 2025-2030",
        "a 2018 government claim for 2023-2030 (basis not stated), likely incl. manufacturing and indirect jobs",
    ),
    "S22": (
        ("NPE/distribution_grid", "NPLW/heat_networks"),
        "construction FTE per year 2025-2030",
        "Bouwend Nederland ONG (2018): 10,000 underground-network mechanics, to double within 5 years (all "
        "cables and pipes, not only energy)",
    ),
}


def _studies() -> list[dict[str, str]]:
    text = (resources.files("krapte.data") / DATASET / "studies.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _matches(row: dict[str, Any], patterns: tuple[str, ...]) -> bool:
    for pat in patterns:
        if pat == "*":
            return True
        prog, comp = pat.split("/")
        if row["programme"] == prog and comp in ("*", row["component"]):
            return True
    return False


def published_comparison(summary: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """One row per study with a comparable scope: its headline figure and the scenario's figure for that scope."""
    summary = summary or summary_by_programme()
    out = []
    for study in _studies():
        scope = STUDY_SCOPES.get(study["id"])
        if scope is None:
            continue
        patterns, measure, why = scope
        rows = [r for r in summary["by_component"] if _matches(r, patterns)]
        value = sum(r["construction_fte_per_year_window"] for r in rows)
        if "O&M" in measure:
            value += sum(r["om_fte_end_window"] for r in rows)
        out.append(
            {
                "study": study["id"],
                "publisher": study["publisher"],
                "published": f"{study['headline_figure']} {study['unit']}",
                "horizon": study["horizon"],
                "scenario_components": ", ".join(patterns),
                "scenario_value": round(value),
                "scenario_measure": measure,
                "unverified_in_scope": any(r["unverified"] for r in rows),
                "difference": why,
                "source_url": study["source_url"],
            }
        )
    return out


# the largest assumptions: each names the factors it sets (technologies of the nl-programmes-2030 set)
ASSUMPTIONS: dict[str, tuple[str, ...]] = {
    "regional grid: per-km composite from Stedin plans (cost-based)": ("distribution_cable",),
    "insulation: EUR per home x SEO job-years per EUR": ("insulation_measure",),
    "TenneT work: job-years per EUR mln (Rutovitz 'Transmission other')": ("hv_grid", "offshore_grid"),
    "heat networks: EUR 20,000 per connection proxy x grid-works intensity": ("heat_network_connection",),
    "heat pumps: installer hours 32 -> 14 -> 12 h": ("heat_pump",),
    "electrolysers: US jobs per 100 MW over an assumed 2-year build": ("electrolyser",),
    "offshore wind: Dutch installation FTE per GW": ("offshore_wind_farm",),
}


def sensitivity(
    entries: list[ScenarioEntry] | None = None, factors: FactorSet | None = None, top: int = 3
) -> list[dict[str, Any]]:
    """National construction FTE per year 2025-2030 with the ``top`` largest assumptions at their low and high.

    An assumption's size is the window's job-years of the technologies it sets; low (high) puts all of them at
    their low (high) value, the rest of the scenario stays central.
    """
    entries = entries if entries is not None else national_scenario()
    fs = factors or factor_set(FACTOR_SET)
    base = summary_by_programme(entries, fs)
    by_tech: dict[str, float] = {}
    for r in base["by_component"]:
        by_tech[r["technology"]] = by_tech.get(r["technology"], 0.0) + r["construction_job_years_window"]
    size = {name: sum(by_tech.get(t, 0.0) for t in techs) for name, techs in ASSUMPTIONS.items()}
    central = base["total"]["construction_fte_per_year_window"]
    out = []
    for name in sorted(size, key=lambda n: -size[n])[:top]:
        techs = ASSUMPTIONS[name]
        row: dict[str, Any] = {
            "assumption": name,
            "technologies": list(techs),
            "job_years_window": round(size[name], 1),
            "central": central,
        }
        for variant in ("low", "high"):
            changed = dict(fs.factors)
            values = []
            for tech in techs:
                f = fs.factor(tech, "construction")
                assert f is not None
                value = float(getattr(f, variant))
                values.append(f"{value:g} {f.unit}")
                changed[(tech, "construction")] = replace(
                    f, low=value, central=value, high=value, schedule=_flat(f, variant)
                )
            alt = replace(fs, factors=changed)
            row[variant] = summary_by_programme(entries, alt)["total"]["construction_fte_per_year_window"]
            row[f"factor_{variant}"] = "; ".join(values)
        row["factor_central"] = "; ".join(
            f"{fs.factor(t, 'construction').central:g} {fs.factor(t, 'construction').unit}"  # type: ignore[union-attr]
            for t in techs
        )
        out.append(row)
    return out


def _flat(f: Any, variant: str) -> tuple[tuple[int, float, float, float], ...]:
    """A schedule with every variant set to ``variant``'s values (keeps the path over the years)."""
    col = ("low", "central", "high").index(variant) + 1
    return tuple((p[0], p[col], p[col], p[col]) for p in f.schedule)


def grid_check_2024(factors: FactorSet | None = None, variant: Variant = "central") -> list[dict[str, Any]]:
    """Realised 2024 LV + MV cable (Netbeheer Nederland) x the per-km factor, next to the scenario's yearly demand."""
    fs = factors or factor_set(FACTOR_SET)
    text = (resources.files("krapte.data") / DATASET / "grid_realised_2024.csv").read_text(encoding="utf-8")
    realised = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    km = float(realised["T049"]["quantity"]) + float(realised["T050"]["quantity"])
    f = fs.factor("distribution_cable", "construction")
    assert f is not None
    grid = [e.project for e in national_scenario(["NPE"]) if e.component == "distribution_grid"]
    first = parse_quarter("2025Q1")
    dso = forecast(grid, fs, variant, first=first, last=first + 3)
    return [
        {
            "measure": "realised 2024 LV + MV cable (T049 + T050)",
            "quantity": km,
            "unit": "km",
            "job_years": round(km * f.value(variant), 1),
            "basis": f"x {f.value(variant):.3f} {f.unit} ({f.basis})",
        },
        {
            "measure": "scenario distribution grid, FTE in 2025 (the 2024 pace held)",
            "quantity": round(sum(p.size for p in grid) / 6, 1),
            "unit": "km per year",
            "job_years": round(float(dso.construction.sum()) / 4, 1),
            "basis": "forecast of the scenario's distribution_grid tranches",
        },
        {
            "measure": "EUR check: >EUR 8 bn per year by all grid operators (T040, electricity and gas)",
            "quantity": 8000.0,
            "unit": "EUR mln per year",
            "job_years": round(8000.0 * 3.135, 1),
            "basis": "x 3.135 job-years per EUR mln (Rutovitz 2025 'Transmission other', AUD -> EUR)",
        },
    ]


def region_outlook(
    region: str,
    brc_group: str,
    year: int,
    *,
    factors: FactorSet | None = None,
    variant: Variant = "central",
    supply: SupplyTable | None = None,
) -> dict[str, Any]:
    """Demand (per programme), supply and tension of one arbeidsmarktregio × BRC group in a year."""
    fs = factors or factor_set(FACTOR_SET)
    supply = supply or default_supply()
    fc = national_forecast(fs, variant)
    tt = tension_table(fc, supply)
    cells = [tt.cell(region, brc_group, f"{year}Q{i}") for i in range(1, 5)]
    by_prog = {
        p: demand_cell(national_forecast(fs, variant, programmes=[p]), region, brc_group, year) for p in PROGRAMMES
    }
    flagged = [e.project for e in national_scenario() if e.unverified]
    unverified = demand_cell(forecast(flagged, fs, variant, first=fc.first, last=fc.last), region, brc_group, year)
    total = demand_cell(fc, region, brc_group, year)["total_fte"]
    return {
        "region": region,
        "brc_group": brc_group,
        "label": brc_labels().get(brc_group, brc_group),
        "year": year,
        "factors": fs.name,
        "variant": variant,
        "demand": demand_cell(fc, region, brc_group, year),
        "demand_by_programme": by_prog,
        "unverified_share": round(unverified["total_fte"] / total, 3) if total else 0.0,
        "supply": supply.cell(region, brc_group),
        "tension_by_quarter": cells,
    }
