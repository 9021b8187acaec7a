"""The embedded default scenario: from the real 2024 capacity per RES region to the national 35 TWh RES target.

Construction (all assumptions are listed in :data:`ASSUMPTIONS` and ``docs/labour.md``):

1. RES-scope production in 2024 per RES region = onshore wind + solar > 15 kWp (CBS 85004NED); national 29.8 TWh.
2. The gap to 35 TWh (anchor A30) is shared over the 30 RES regions in proportion to their 2024 RES-scope
   production, and within a region over wind and large solar in proportion to their 2024 production.
3. TWh -> MW with the 2024 national full-load hours of each source (production / capacity, CBS 85004NED).
4. Large solar is split into field (``utility_solar``) and large roofs (``rooftop_solar``) by the region's 2024
   capacity split (CBS 85005NED).
5. New capacity is built evenly: one project per RES region × technology × year 2025-2030, four quarters each.
6. Heat pumps: 100,000 per year (anchor A20, "> 100,000 added in 2024") over 2025-2030, shared over RES regions
   by their number of home solar installations (a proxy for owner-occupied homes).
7. Optionally the O&M of the capacity installed end 2024 (``include_existing_om``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from krapte.labour.factors import FactorSet, Variant, factor_set
from krapte.labour.forecast import Forecast, forecast
from krapte.labour.projects import Project
from krapte.labour.quarters import parse_quarter

TARGET_TWH = 35.0
FIRST_YEAR, LAST_YEAR = 2025, 2030
HEAT_PUMPS_PER_YEAR = 100_000
DATASET = "res-capacity-2024"
ASSUMPTIONS = (
    "gap to 35 TWh (anchor A30) shared over RES regions pro rata their 2024 RES-scope production (CBS 85004NED)",
    "within a region, wind vs large solar pro rata their 2024 production",
    "TWh -> MW with 2024 national full-load hours per source (CBS 85004NED production / capacity)",
    "large solar split field (utility_solar) vs roof (rooftop_solar) by 2024 capacity per region (CBS 85005NED)",
    "capacity built evenly 2025-2030, one project per RES region x technology x year, 4 quarters each",
    "heat pumps: 100,000 per year (anchor A20) shared by home solar installations per RES region (proxy for homes)",
)


@dataclass(frozen=True)
class RegionPath:
    res_code: str
    wind_mw_2024: float
    large_solar_mw_2024: float
    scope_gwh_2024: float
    extra_wind_mw: float
    extra_field_solar_mw: float
    extra_roof_solar_mw: float


def _csv(name: str) -> list[dict[str, str]]:
    text = (resources.files("krapte.data") / DATASET / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def region_paths(target_twh: float = TARGET_TWH) -> tuple[RegionPath, ...]:
    """New capacity per RES region needed for ``target_twh`` of RES-scope production."""
    cap: dict[tuple[str, str], tuple[float, float]] = {}
    for r in _csv("capacity.csv"):
        if r["year"] == "2024":
            mw, gwh = r["installed_capacity_MW"] or "0", r["production_GWh"] or "0"  # blank: none installed
            cap[(r["region_code"], r["source"])] = (float(mw), float(gwh))
    wind_mw, wind_gwh = cap[("NL01", "wind_onshore")]
    solar_mw, solar_gwh = cap[("NL01", "solar_pv_large_gt15kWp")]
    flh_wind, flh_solar = wind_gwh / wind_mw, solar_gwh / solar_mw  # GWh per MW = thousand hours
    national_gwh = wind_gwh + solar_gwh
    gap_gwh = max(target_twh * 1000 - national_gwh, 0.0)
    split = {r["res_code"]: r for r in _csv("res_solar_split.csv")}
    codes = sorted({k[0] for k in cap if k[0].startswith("ES")})
    # shares over the sum of the regions (CBS also reports a small 'not assignable' remainder, ES99, not embedded)
    regional_gwh = sum(
        cap.get((c, "wind_onshore"), (0, 0))[1] + cap.get((c, "solar_pv_large_gt15kWp"), (0, 0))[1] for c in codes
    )
    paths = []
    for code in codes:
        w_mw, w_gwh = cap.get((code, "wind_onshore"), (0.0, 0.0))
        s_mw, s_gwh = cap.get((code, "solar_pv_large_gt15kWp"), (0.0, 0.0))
        scope = w_gwh + s_gwh
        region_gap = gap_gwh * scope / regional_gwh
        wind_gap = region_gap * (w_gwh / scope if scope else 0.0)
        solar_gap = region_gap - wind_gap
        field = float(split[code]["large_field_kWp_2024"] or 0)  # blank: CBS suppresses small counts
        roof = float(split[code]["large_roof_kWp_2024"] or 0)
        field_share = field / (field + roof) if field + roof else 0.5
        solar_new = solar_gap / flh_solar
        paths.append(
            RegionPath(
                res_code=code,
                wind_mw_2024=w_mw,
                large_solar_mw_2024=s_mw,
                scope_gwh_2024=scope,
                extra_wind_mw=wind_gap / flh_wind,
                extra_field_solar_mw=solar_new * field_share,
                extra_roof_solar_mw=solar_new * (1 - field_share),
            )
        )
    return tuple(paths)


def scenario_projects(
    target_twh: float = TARGET_TWH, *, heat_pumps_per_year: int = HEAT_PUMPS_PER_YEAR, include_existing_om: bool = False
) -> list[Project]:
    """The default scenario as a project list (one project per RES region × technology × year)."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    n_years = len(years)
    projects: list[Project] = []
    homes = {r["res_code"]: float(r["home_installations_2024"]) for r in _csv("res_solar_split.csv")}
    total_homes = sum(homes.values())
    for path in region_paths(target_twh):
        per_year = {
            "onshore_wind": path.extra_wind_mw / n_years,
            "utility_solar": path.extra_field_solar_mw / n_years,
            "rooftop_solar": path.extra_roof_solar_mw / n_years,
            "heat_pump": heat_pumps_per_year * homes[path.res_code] / total_homes,
        }
        for year in years:
            for tech, size in per_year.items():
                if size <= 0:
                    continue
                projects.append(
                    Project(
                        id=f"res-{path.res_code}-{tech}-{year}",
                        name=f"{path.res_code} {tech} {year}",
                        technology=tech,
                        size=size,
                        unit="units" if tech == "heat_pump" else "MW",
                        location=path.res_code,
                        start=parse_quarter(f"{year}Q1"),
                        end=parse_quarter(f"{year}Q4"),
                    )
                )
        if include_existing_om:
            before = parse_quarter(f"{FIRST_YEAR - 1}Q4")
            for tech, size in (("onshore_wind", path.wind_mw_2024), ("utility_solar", path.large_solar_mw_2024)):
                if size > 0:
                    projects.append(
                        Project(
                            id=f"res-{path.res_code}-{tech}-existing",
                            name=f"{path.res_code} {tech} installed end 2024",
                            technology=tech,
                            size=size,
                            unit="MW",
                            location=path.res_code,
                            start=before,
                            end=before,
                            status="operational",
                        )
                    )
    return projects


def scenario_forecast(
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    target_twh: float = TARGET_TWH,
    include_existing_om: bool = False,
) -> Forecast:
    """Forecast of the default scenario, 2025Q1..2031Q4."""
    projects = scenario_projects(target_twh, include_existing_om=include_existing_om)
    return forecast(
        projects,
        factors or factor_set(),
        variant,
        first=parse_quarter(f"{FIRST_YEAR}Q1"),
        last=parse_quarter(f"{LAST_YEAR + 1}Q4"),
    )


@cache
def default_scenario_forecast() -> Forecast:
    return scenario_forecast()
