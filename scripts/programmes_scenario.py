"""The national scenario of ``scripts/build_programmes.py``: spatial proxies and the components in yearly tranches.

Each component is a path to its target year; ``component()`` checks that a component citing a source row marked
"unverified" is flagged unverified too, so the flag reaches every tranche and every figure built on it.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from programmes_sources import (
    BATTERY_MW_2024,
    BATTERY_MW_2030,
    DSO_CHARGING_CONNECTIONS,
    DSO_CONNECTIONS,
    DSO_LV_KM,
    DSO_MV_KM,
    DSO_TRANSFORMER_HOUSES,
    ELECTROLYSER_MW_2030,
    ELECTROLYSER_SITES,
    FIRST_YEAR,
    GAS_FREE_TARGET,
    HEAT_NETWORK_DONE_PER_YEAR,
    HEAT_NETWORK_TARGET,
    HYBRID_TARGET,
    INSULATION_DONE_PER_YEAR_BEFORE,
    INSULATION_TARGET,
    LAST_YEAR,
    OFFSHORE_FARMS,
    OFFSHORE_GRID_EUR_MLN_PER_YEAR,
    OFFSHORE_GW_2025,
    OFFSHORE_GW_TARGET,
    OFFSHORE_TARGET_YEAR,
    PROGRAMME_START_YEAR,
    PUBLIC_CHARGING_PER_YEAR,
    SHARED,
    TENNET_LAST_YEAR,
    TENNET_ONSHORE_EUR_MLN_PER_YEAR,
    cite,
    mentioned,
    unverified,
)


# --- spatial proxies ----------------------------------------------------------------------------------------------
def gemeenten() -> dict[str, dict[str, str]]:
    with (SHARED / "regions" / "gemeente_arbeidsmarktregio_res_2026.csv").open(encoding="utf-8") as fh:
        return {r["gemeente_code"]: r for r in csv.DictReader(fh)}


def housing_proxy() -> dict[str, float]:
    """Home solar installations per gemeente, 2024 (CBS 85005NED, sector Woningen): the proxy for the housing stock."""
    gm = gemeenten()
    out: dict[str, float] = {}
    path = SHARED / "energy" / "cbs_85005NED_zonnestroom_regio" / "85005NED_full_data.csv"
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            code = r["RegioS"].strip()
            if r["SectorEnVermogensklasse"] == "E007037" and r["Perioden"] == "2024JJ00" and code in gm:
                out[code] = float(r["Installaties_1"])
    assert set(out) == set(gm), "every 2026 gemeente needs a 2024 value"
    return out


def to_am(per_gemeente: dict[str, float]) -> dict[str, float]:
    gm = gemeenten()
    out: dict[str, float] = defaultdict(float)
    for code, value in per_gemeente.items():
        out[gm[code]["arbeidsmarktregio_code"]] += value
    total = sum(out.values())
    return {k: v / total for k, v in sorted(out.items())}


def res_new_mw_by_am() -> dict[str, float]:
    """New onshore RES capacity per arbeidsmarktregio in the RES path (spread from RES region by gemeente count)."""
    from krapte.labour.regions import default_regions
    from krapte.labour.res_scenario import region_paths

    regions = default_regions()
    out: dict[str, float] = defaultdict(float)
    for p in region_paths():
        mw = p.extra_wind_mw + p.extra_field_solar_mw + p.extra_roof_solar_mw
        for am, w in regions.am_weights(p.res_code).items():
            out[am] += mw * w
    total = sum(out.values())
    return {k: v / total for k, v in sorted(out.items())}


def landing_by_am() -> dict[str, float]:
    gm = gemeenten()
    out: dict[str, float] = defaultdict(float)
    for _, gw, code, _ in OFFSHORE_FARMS:
        out[gm[code]["arbeidsmarktregio_code"]] += gw
    total = sum(out.values())
    return {k: v / total for k, v in sorted(out.items())}


# --- the scenario -------------------------------------------------------------------------------------------------
COMPONENT_COLUMNS = [
    "programme",
    "component",
    "technology",
    "quantity_2025_2030",
    "quantity_total",
    "unit",
    "first_year",
    "last_year",
    "target_year",
    "path",
    "placement",
    "sources",
    "unverified",
    "flags",
]
PROJECT_COLUMNS = [
    "id",
    "programme",
    "component",
    "technology",
    "size",
    "unit",
    "location",
    "start_quarter",
    "end_quarter",
    "earliest_start",
    "latest_end",
    "target_quarter",
    "unverified",
]
SLACK_QUARTERS = 4  # planning window: a tranche may start up to a year later than on the path


def _tranche(
    projects: list[dict[str, object]],
    programme: str,
    component: str,
    technology: str,
    size: float,
    unit: str,
    location: str,
    start: str,
    end: str,
    target: str,
    flag: bool,
    suffix: str,
) -> None:
    if size <= 0:
        return
    from krapte.labour.quarters import format_quarter, parse_quarter

    projects.append(
        {
            "id": f"{programme.lower()}-{component}-{suffix}",
            "programme": programme,
            "component": component,
            "technology": technology,
            "size": round(size, 6),
            "unit": unit,
            "location": location,
            "start_quarter": start,
            "end_quarter": end,
            "earliest_start": start,
            "latest_end": format_quarter(parse_quarter(end) + SLACK_QUARTERS),
            "target_quarter": target,
            "unverified": str(flag).lower(),
        }
    )


def yearly(
    projects: list[dict[str, object]],
    programme: str,
    component: str,
    technology: str,
    unit: str,
    per_year: dict[int, float],
    weights: dict[str, float],
    target_year: int,
    flag: bool,
) -> float:
    """One tranche per year x arbeidsmarktregio (the weights), four quarters each; returns the 2025-2030 total."""
    for year, amount in sorted(per_year.items()):
        for am, w in weights.items():
            _tranche(
                projects,
                programme,
                component,
                technology,
                amount * w,
                unit,
                am,
                f"{year}Q1",
                f"{year}Q4",
                f"{target_year}Q4",
                flag,
                f"{am}-{year}",
            )
    return sum(v for y, v in per_year.items() if FIRST_YEAR <= y <= LAST_YEAR)


def build_scenario() -> tuple[list[dict[str, object]], list[dict[str, object]], dict[str, dict[str, float]]]:
    housing = to_am(housing_proxy())
    res_new = res_new_mw_by_am()
    landing = landing_by_am()
    ams = sorted(set(housing) | set(res_new) | set(landing))
    tennet = {a: (housing.get(a, 0) + res_new.get(a, 0) + landing.get(a, 0)) / 3 for a in ams}
    weights = {"housing": housing, "res_new_mw": res_new, "landing_gw": landing, "tennet_onshore": tennet}
    projects: list[dict[str, object]] = []
    components: list[dict[str, object]] = []
    years = range(FIRST_YEAR, LAST_YEAR + 1)

    def component(**row: object) -> None:
        cited = mentioned(str(row["sources"]))
        assert not unverified(*cited) or row["unverified"] == "true", (row["component"], cited)
        components.append({c: row.get(c, "") for c in COMPONENT_COLUMNS})

    # NPE: offshore wind farms at their landing points, 8 quarters of construction ending in the commissioning year
    farm_flag = True  # landing points and years compiled by krapte (see OFFSHORE_FARMS)
    gw_in_window = 0.0
    for name, gw, code, year in OFFSHORE_FARMS:
        slug = name.lower().replace(" ", "-").replace("(", "").replace(")", "")
        _tranche(
            projects,
            "NPE",
            "offshore_wind",
            "offshore_wind_farm",
            gw * 1000,
            "MW",
            code,
            f"{year - 1}Q1",
            f"{year}Q4",
            f"{OFFSHORE_TARGET_YEAR}Q4",
            farm_flag,
            slug,
        )
        gw_in_window += gw if year <= LAST_YEAR else 0.0
    total_gw = sum(f[1] for f in OFFSHORE_FARMS)
    component(
        programme="NPE",
        component="offshore_wind",
        technology="offshore_wind_farm",
        quantity_2025_2030=round(gw_in_window * 1000, 1),
        quantity_total=round(total_gw * 1000, 1),
        unit="MW",
        first_year=2025,
        last_year=OFFSHORE_TARGET_YEAR,
        target_year=OFFSHORE_TARGET_YEAR,
        path=f"{OFFSHORE_GW_2025} GW (2025) -> {OFFSHORE_GW_2025 + total_gw:.1f} GW end {OFFSHORE_TARGET_YEAR} "
        f"(target {OFFSHORE_GW_TARGET} GW); {len(OFFSHORE_FARMS)} farms, 8 construction quarters each",
        placement="landing-point gemeente of each farm's grid connection (krapte compilation, unverified)",
        sources=cite("T011", "T015", "T020"),
        unverified="true",
        flags="T011 unverified (21 GW end 2032 after failed 2025 tenders); T015 unverified; landing points and years "
        "compiled by krapte, not in the source folder",
    )
    # NPE: TenneT Net op zee, EUR-based, at the landing points, spread over the 3 years before commissioning
    grid_total = 0.0
    per_year_eur = OFFSHORE_GRID_EUR_MLN_PER_YEAR
    window_eur = per_year_eur * (TENNET_LAST_YEAR - FIRST_YEAR + 1)
    for name, gw, code, year in OFFSHORE_FARMS:
        slug = name.lower().replace(" ", "-").replace("(", "").replace(")", "")
        eur = window_eur * gw / total_gw
        start_year = max(year - 2, FIRST_YEAR)
        _tranche(
            projects,
            "NPE",
            "offshore_grid",
            "offshore_grid",
            eur,
            "EUR_mln",
            code,
            f"{start_year}Q1",
            f"{year}Q4",
            f"{OFFSHORE_TARGET_YEAR}Q4",
            True,
            slug,
        )
        grid_total += eur * max(0, min(year, LAST_YEAR) - start_year + 1) / (year - start_year + 1)
    component(
        programme="NPE",
        component="offshore_grid",
        technology="offshore_grid",
        quantity_2025_2030=round(grid_total, 1),
        quantity_total=round(window_eur, 1),
        unit="EUR_mln",
        first_year=FIRST_YEAR,
        last_year=OFFSHORE_TARGET_YEAR,
        target_year=OFFSHORE_TARGET_YEAR,
        path=f"EUR {per_year_eur:.0f} mln per year of the 2022-2031 plan for {FIRST_YEAR}-{TENNET_LAST_YEAR}, "
        "shared over the farms by GW, built in the 3 years up to commissioning",
        placement="landing-point gemeente (as offshore_wind)",
        sources=cite("T021", "T020"),
        unverified="true",
        flags="T021 period assumed (10-year plan); EUR-based (no Dutch per-connection factor); landing points "
        "unverified",
    )
    # NPE: TenneT Net op land, EUR-based, spread by the TenneT proxy
    per_year = {y: TENNET_ONSHORE_EUR_MLN_PER_YEAR for y in range(FIRST_YEAR, TENNET_LAST_YEAR + 1)}
    q = yearly(projects, "NPE", "hv_grid_onshore", "hv_grid", "EUR_mln", per_year, tennet, TENNET_LAST_YEAR, False)
    component(
        programme="NPE",
        component="hv_grid_onshore",
        technology="hv_grid",
        quantity_2025_2030=round(q, 1),
        quantity_total=round(sum(per_year.values()), 1),
        unit="EUR_mln",
        first_year=FIRST_YEAR,
        last_year=TENNET_LAST_YEAR,
        target_year=TENNET_LAST_YEAR,
        path="EUR 13 bn over 2022-2031 spread evenly (EUR 1.3 bn per year); >40 new HV substations (T031) and 140 "
        "modernised (T034) are inside this amount",
        placement="1/3 housing proxy + 1/3 new RES capacity + 1/3 offshore landing GW per arbeidsmarktregio",
        sources=cite("T030", "T031", "T034"),
        unverified="false",
        flags="EUR-based (no per-substation labour figure found); the 2024-2033 plan doubles the portfolio (T032), "
        "not yet in EUR here",
    )
    # NPE: regional grid operators at the realised 2024 pace (per km of new LV + MV cable, composite factor)
    per_year = {y: DSO_LV_KM + DSO_MV_KM for y in years}
    q = yearly(projects, "NPE", "distribution_grid", "distribution_cable", "km", per_year, housing, LAST_YEAR, False)
    component(
        programme="NPE",
        component="distribution_grid",
        technology="distribution_cable",
        quantity_2025_2030=round(q, 1),
        quantity_total=round(q, 1),
        unit="km",
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        target_year=LAST_YEAR,
        path=f"{DSO_LV_KM:.0f} km LV + {DSO_MV_KM:.0f} km MV per year (the realised 2024 pace, which equals the "
        "II3050 average of 100,000 km to 2050); includes the transformer houses, stations and connections of the "
        "same plans (per-km composite factor)",
        placement="housing proxy per arbeidsmarktregio",
        sources=cite("T049", "T050", "T054"),
        unverified="false",
        flags="the LV action agenda's 80,000-105,000 km (T056) has no horizon (unverified): see the sensitivity",
    )
    for comp, qty, ids in (
        ("transformer_houses", DSO_TRANSFORMER_HOUSES, ("T051", "T055")),
        ("small_connections", DSO_CONNECTIONS, ("T052",)),
        ("charging_connections", DSO_CHARGING_CONNECTIONS, ("T053",)),
    ):
        component(
            programme="NPE",
            component=comp,
            technology="",
            quantity_2025_2030=round(qty * len(years), 1),
            quantity_total=round(qty * len(years), 1),
            unit="units",
            first_year=FIRST_YEAR,
            last_year=LAST_YEAR,
            target_year=LAST_YEAR,
            path="realised 2024 volume per year (volume only: the labour is inside the per-km cable factor)",
            placement="housing proxy",
            sources=cite(*ids),
            unverified="false",
            flags="volume only, no separate labour",
        )
    # NPE: electrolysers, batteries, public charging
    per_year = {y: ELECTROLYSER_MW_2030 / 5 for y in range(2026, 2031)}
    sites = {code: 1 / len(ELECTROLYSER_SITES) for code in ELECTROLYSER_SITES}
    q = yearly(projects, "NPE", "electrolysers", "electrolyser", "MW", per_year, sites, 2030, True)
    component(
        programme="NPE",
        component="electrolysers",
        technology="electrolyser",
        quantity_2025_2030=round(q, 1),
        quantity_total=round(q, 1),
        unit="MW",
        first_year=2026,
        last_year=2030,
        target_year=2030,
        path="3-4 GW in 2030 (midpoint 3.5 GW) built evenly 2026-2030 from a few MW in operation (T065)",
        placement="equal shares over four port clusters: Rotterdam, Eemsdelta, Terneuzen, Velsen (krapte assumption)",
        sources=cite("T060", "T061", "T065"),
        unverified="true",
        flags="T060 unverified (4 vs 3-4 GW); 8 GW moved to 2032 (T061); sites are a krapte assumption",
    )
    per_year = {y: (BATTERY_MW_2030 - BATTERY_MW_2024) / len(years) for y in years}
    res_weights = res_scope_by_res()
    q = yearly(projects, "NPE", "batteries", "utility_battery", "MW", per_year, res_weights, 2030, True)
    component(
        programme="NPE",
        component="batteries",
        technology="utility_battery",
        quantity_2025_2030=round(q, 1),
        quantity_total=round(q, 1),
        unit="MW",
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        target_year=2030,
        path="350 MW (end 2024) -> 5 GW (2030), evenly",
        placement="RES region by 2024 RES-scope production (CBS 85004NED), a proxy for where grid batteries go",
        sources=cite("T071", "T072", "T073"),
        unverified="true",
        flags="T072 unverified (source of the 5 GW unclear); TenneT expects 9 GW (T073)",
    )
    per_year = {y: float(PUBLIC_CHARGING_PER_YEAR) for y in years}
    q = yearly(projects, "NPE", "public_charging", "charging_point", "units", per_year, housing, 2030, True)
    component(
        programme="NPE",
        component="public_charging",
        technology="charging_point",
        quantity_2025_2030=round(q, 1),
        quantity_total=round(q, 1),
        unit="units",
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        target_year=2030,
        path="1,600 public points per month (2024-2025 pace); the NAL target of 1.7 mln points (all types, T080) "
        "is mostly private home chargers, not counted",
        placement="housing proxy",
        sources=cite("T083", "T082", "T080"),
        unverified="true",
        flags="T082 unverified (scope of the ~184,000 public points)",
    )
    # NPLW: insulation, hybrid heat pumps, all-electric homes, heat-network connections
    done = INSULATION_DONE_PER_YEAR_BEFORE * (FIRST_YEAR - PROGRAMME_START_YEAR)
    per_year = {y: (INSULATION_TARGET - done) / len(years) for y in years}
    q = yearly(projects, "NPLW", "insulation", "insulation_measure", "units", per_year, housing, 2030, True)
    component(
        programme="NPLW",
        component="insulation",
        technology="insulation_measure",
        quantity_2025_2030=round(q, 1),
        quantity_total=INSULATION_TARGET,
        unit="units",
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        target_year=2030,
        path=f"2.5 mln homes through 2030 minus {done:,} assumed done 2022-2024 at ~65,000 per year, evenly",
        placement="housing proxy (home solar installations per gemeente, CBS 85005NED 2024) summed per "
        "arbeidsmarktregio",
        sources=cite("T090", "T091", "T094"),
        unverified="true",
        flags="2022-2024 output unknown: the 2021 pace (T094 note) is assumed (krapte)",
    )
    per_year = {y: HYBRID_TARGET / (LAST_YEAR - PROGRAMME_START_YEAR + 1) for y in years}
    q = yearly(projects, "NPLW", "hybrid_heat_pumps", "heat_pump", "units", per_year, housing, 2030, True)
    component(
        programme="NPLW",
        component="hybrid_heat_pumps",
        technology="heat_pump",
        quantity_2025_2030=round(q, 1),
        quantity_total=HYBRID_TARGET,
        unit="units",
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        target_year=2030,
        path="1 mln by 2030 from 2022, evenly (111,111 per year); the 2025-2030 part",
        placement="housing proxy",
        sources=cite("T104", "T103", "T106"),
        unverified="true",
        flags="T104 status unverified (hybrid standard scrapped); T106 unverified installation counts",
    )
    all_electric = GAS_FREE_TARGET - HEAT_NETWORK_TARGET
    per_year = {y: all_electric / (LAST_YEAR - PROGRAMME_START_YEAR + 1) for y in years}
    q = yearly(projects, "NPLW", "all_electric_homes", "heat_pump", "units", per_year, housing, 2030, False)
    component(
        programme="NPLW",
        component="all_electric_homes",
        technology="heat_pump",
        quantity_2025_2030=round(q, 1),
        quantity_total=all_electric,
        unit="units",
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        target_year=2030,
        path="1.5 mln gas-free homes and buildings by 2030 minus 0.5 mln via heat networks = 1 mln all-electric, "
        "evenly from 2022; the heat source only (insulation is in 'insulation')",
        placement="housing proxy",
        sources=cite("T100", "T107", "T103"),
        unverified="false",
        flags="split all-electric vs heat network is krapte's reading of T100 and T107",
    )
    done = HEAT_NETWORK_DONE_PER_YEAR * (FIRST_YEAR - PROGRAMME_START_YEAR)
    per_year = {y: (HEAT_NETWORK_TARGET - done) / len(years) for y in years}
    q = yearly(projects, "NPLW", "heat_networks", "heat_network_connection", "units", per_year, housing, 2030, True)
    component(
        programme="NPLW",
        component="heat_networks",
        technology="heat_network_connection",
        quantity_2025_2030=round(q, 1),
        quantity_total=HEAT_NETWORK_TARGET,
        unit="units",
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        target_year=2030,
        path=f"500,000 extra connections by 2030 minus {done:,} done 2022-2024 at the current ~15,000 per year",
        placement="housing proxy",
        sources=cite("T107", "T109", "T108"),
        unverified="true",
        flags="T109 secondary (alliance statement); >90% of new projects stalled (T107 notes)",
    )
    return components, projects, weights


def res_scope_by_res() -> dict[str, float]:
    with (SHARED / "regions" / "res_regions.csv").open(encoding="utf-8") as fh:
        rows = {r["res_code"]: float(r["res_scope_TWh_2024"]) for r in csv.DictReader(fh)}
    total = sum(rows.values())
    return {k: v / total for k, v in sorted(rows.items())}
