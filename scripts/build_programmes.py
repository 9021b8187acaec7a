"""Build the national programmes scenario (RES + NPE + NPLW, 2025-2032) and its factor set from ``../shared/data``.

Writes ``src/krapte/data/programmes-nl-2030/`` (reproducible; the output is committed):

- ``components.csv``   one row per programme component: quantity, unit, years, sources, flags, placement
- ``projects.csv``     the NPE and NPLW components placed in time (yearly tranches) and space (gemeente or
                       arbeidsmarktregio); the RES part is generated at run time by ``krapte.labour.res_scenario``
- ``am_weights.csv``   the spatial proxies per arbeidsmarktregio (housing proxy, new RES capacity, landing GW)
- ``sets.json``, ``factors.csv``, ``schedule.csv``, ``technologies.csv``, ``shares.csv``, ``occupations.csv``:
                       the factor set ``nl-programmes-2030`` (an extension of ``employment-factors``)
- ``studies.csv``      published Dutch labour-demand totals to compare with (from nl_programmes_2030/studies.csv)
- ``grid_realised_2024.csv``  the realised 2024 grid volumes (Netbeheer Nederland) for the 2024 check

Every quantity names its row in ``nl_programmes_2030/targets.csv`` (T...), every factor its row in
``labour_intensity.csv`` (L...) or another shared file; "unverified" in a source row is carried into the flags.
The assumptions are the constants below; ``docs/programmes.md`` explains each.

Run: ``.venv/bin/python scripts/build_programmes.py`` (``KRAPTE_SHARED_DATA=/path/to/shared/data`` if the shared
folder is not ``../shared/data`` next to the checkout).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from provenance import PACKAGE_DATA, write_provenance
from provenance import SHARED as DEFAULT_SHARED

# ../shared/data next to the checkout; a git worktree elsewhere points to it with KRAPTE_SHARED_DATA
SHARED = Path(os.environ.get("KRAPTE_SHARED_DATA", str(DEFAULT_SHARED)))

DATASET = "programmes-nl-2030"
SET = "nl-programmes-2030"
SRC = SHARED / "energy" / "nl_programmes_2030"
OUT = PACKAGE_DATA / DATASET
FIRST_YEAR, LAST_YEAR = 2025, 2030
HOURS_PER_FTE_YEAR = 1600.0
AUD_PER_EUR = 1.65  # as scripts/build_labour.py
GRID_JY_PER_EUR_MLN = 1.9 * AUD_PER_EUR  # Rutovitz 2025 'Transmission other', 1.9 job-years per AUD mln (L022)
SEO_JY_PER_EUR_MLN = 10.6  # SEO 2012, gross job-years per EUR mln in the built environment (L061)

# --- quantities (each with its targets.csv row) ---------------------------------------------------------------------
OFFSHORE_GW_2025 = 4.7  # T015 (unverified)
OFFSHORE_GW_TARGET, OFFSHORE_TARGET_YEAR = 21.0, 2032  # T011 (whether it still holds is unverified)
# Remaining offshore wind farms and their grid landing points. NOT in nl_programmes_2030: compiled by krapte from the
# names of TenneT's Net op zee connections (T020: 17 connections, 5 operational, newer ones ~2 GW) and therefore
# "unverified"; the years are a path to T011, not announced commissioning dates.
OFFSHORE_FARMS: tuple[tuple[str, float, str, int], ...] = (
    ("Hollandse Kust (west) VI", 0.76, "GM0375", 2026),
    ("Hollandse Kust (west) VII", 0.76, "GM0375", 2027),
    ("IJmuiden Ver Alpha", 2.0, "GM0654", 2029),
    ("IJmuiden Ver Beta", 2.0, "GM0599", 2029),
    ("Ten noorden van de Waddeneilanden", 0.7, "GM1966", 2030),
    ("IJmuiden Ver Gamma-A", 2.0, "GM0599", 2031),
    ("IJmuiden Ver Gamma-B", 2.0, "GM0453", 2031),
    ("Nederwiek I-A", 2.0, "GM0599", 2032),
    ("Nederwiek I-B", 2.0, "GM1966", 2032),
    ("Nederwiek II", 2.0, "GM0654", 2032),
)
OFFSHORE_GRID_EUR_MLN_PER_YEAR = 9000 / 10  # T021: EUR 9 bn Net op zee 2022-2031, spread evenly (period assumed)
TENNET_ONSHORE_EUR_MLN_PER_YEAR = 13000 / 10  # T030: EUR 13 bn Net op land 2022-2031, spread evenly
TENNET_LAST_YEAR = 2031
DSO_LV_KM, DSO_MV_KM = 1938.0, 1812.0  # T049, T050: realised 2024, held at this pace (II3050 average, T054)
DSO_TRANSFORMER_HOUSES, DSO_CONNECTIONS, DSO_CHARGING_CONNECTIONS = 2419.0, 106745.0, 8699.0  # T051-T053 (2024)
ELECTROLYSER_MW_2030 = 3500.0  # T060: 3-4 GW in 2030 (unverified), midpoint
ELECTROLYSER_SITES = ("GM0599", "GM1979", "GM0715", "GM0453")  # krapte assumption: the four port clusters
BATTERY_MW_2024, BATTERY_MW_2030 = 350.0, 5000.0  # T071, T072 (unverified)
PUBLIC_CHARGING_PER_YEAR = 1600 * 12  # T083: +1,600 public points per month (2024-2025 pace)
INSULATION_TARGET = 2_500_000  # T090 through 2030, programme from 2022
INSULATION_DONE_PER_YEAR_BEFORE = 65_000  # T094 note: ~65,000 measures per year (2021); assumed for 2022-2024
HYBRID_TARGET = 1_000_000  # T104 (status unverified), 2022-2030
GAS_FREE_TARGET, HEAT_NETWORK_TARGET = 1_500_000, 500_000  # T100, T107 (2030)
HEAT_NETWORK_DONE_PER_YEAR = 15_000  # T109: current rate, assumed for 2022-2024
PROGRAMME_START_YEAR = 2022  # NIP April 2022; NRC 2022-06-01 (hybrid, heat networks)

# --- labour intensities -------------------------------------------------------------------------------------------
# cost per home (EUR): T091 (LAI average 1,790), L061 notes (EIB: ~2,000 small measures, ~20,000 deep renovation)
INSULATION_EUR = {"low": 1790.0, "central": 2000.0, "high": 20000.0}
HEAT_NETWORK_EUR_PER_CONNECTION = 20000.0  # L061 notes (EIB deep renovation), used as a proxy: no Dutch cost found
# Stedin plans (T047 and its notes): EUR 924 mln for 700 km cable + ~400 transformer houses + 30 stations (2024);
# EUR 825 mln for 1,300 km + 500 transformer stations (2023): EUR mln per km of cable, incl. the rest of the plan
STEDIN_EUR_MLN_PER_KM = {"2023": 825.0 / 1300.0, "2024": 924.0 / 700.0}


def _read(name: str) -> dict[str, dict[str, str]]:
    with (SRC / name).open(encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


TARGETS = _read("targets.csv")
INTENSITY = _read("labour_intensity.csv")
STUDIES = _read("studies.csv")


def unverified(*ids: str) -> bool:
    rows = [TARGETS.get(i) or INTENSITY.get(i) or {} for i in ids]
    return any("unverified" in (r.get("notes", "") or "").lower() for r in rows)


def cite(*ids: str) -> str:
    out = []
    for i in ids:
        r = TARGETS.get(i) or INTENSITY.get(i)
        assert r is not None, i
        out.append(f"{i} {r['source_title']} ({r['source_date'] or 'undated'}) {r['source_url']}")
    return "; ".join(out)


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


# --- the factor set -----------------------------------------------------------------------------------------------
FACTOR_COLUMNS = ["set", "technology", "phase", "low", "central", "high", "unit", "range", "source", "basis"]


def factor_rows() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    rows: list[dict[str, object]] = []
    schedule: list[dict[str, object]] = []

    def add(tech: str, phase: str, low: float, central: float, high: float, unit: str, source: str, basis: str) -> None:
        rows.append(
            {
                "set": SET,
                "technology": tech,
                "phase": phase,
                "low": round(low, 6),
                "central": round(central, 6),
                "high": round(high, 6),
                "unit": unit,
                "range": "own",
                "source": source,
                "basis": basis,
            }
        )

    # offshore wind: Dutch installation by Dutch contractors (L008); high = QBIS France installation (L004)
    add(
        "offshore_wind_farm",
        "construction",
        430 / 1000,
        430 / 1000,
        1000 / 1000,
        "job-years per MW",
        f"central/low: {cite('L008')}: 430 FTE per year at 1 GW per year; high: {cite('L004')}: 1,000 FTE-years "
        "per GW installation",
        "NL (high: EU, not Dutch)",
    )
    add(
        "offshore_wind_farm",
        "manufacturing",
        1250 / 1000,
        1250 / 1000,
        1250 / 1000,
        "job-years per MW",
        f"{cite('L008')}: Dutch foundation and substation makers ~1,250 FTE per year at 1 GW per year "
        "(turbines are made abroad, not counted)",
        "NL",
    )
    add(
        "offshore_wind_farm",
        "om",
        1907 / 25 / 1000,
        320 / 3500,
        2640 / 25 / 1000,
        "jobs per MW",
        f"central: {cite('L006')}: 320 FTE for ~3.5 GW; low: QBIS DK 1,907 FTE-years per GW over 25 years (L003); "
        "high: QBIS FR 2,640 per GW over 25 years (L005)",
        "NL (low/high: EU, not Dutch)",
    )
    grid_src = f"{cite('L022')}: 1.9 job-years per AUD mln x {AUD_PER_EUR} AUD per EUR"
    for tech in ("offshore_grid", "hv_grid"):
        add(
            tech,
            "construction",
            GRID_JY_PER_EUR_MLN,
            GRID_JY_PER_EUR_MLN,
            4.6,
            "job-years per EUR mln",
            f"per EUR mln, last resort (no per-km or per-substation figure for this work): {grid_src}; high: CE "
            f"Delft, Groenvermogen II, 4,000-5,700 FTE for EUR 1.25 bn = 3.2-4.6 per EUR mln ({cite('L042')})",
            "per EUR mln, not Dutch (high: NL, other sector)",
        )
    c23, c24 = STEDIN_EUR_MLN_PER_KM["2023"], STEDIN_EUR_MLN_PER_KM["2024"]
    mid = (825.0 + 924.0) / (1300.0 + 700.0)
    add(
        "distribution_cable",
        "construction",
        c23 * GRID_JY_PER_EUR_MLN,
        mid * GRID_JY_PER_EUR_MLN,
        c24 * GRID_JY_PER_EUR_MLN,
        "job-years per km",
        f"per km of new LV/MV cable, cost-based composite: Stedin plans EUR 825 mln / 1,300 km (2023) and EUR 924 mln"
        f" / 700 km (2024), incl. the transformer houses, stations and connections of the same plans ({cite('T047')})"
        f", x {GRID_JY_PER_EUR_MLN:.3f} job-years per EUR mln ({grid_src})",
        "cost-based (Dutch cost, foreign labour per EUR)",
    )
    add(
        "electrolyser",
        "construction",
        1.5,
        3.0,
        4.5,
        "job-years per MW",
        f"{cite('L040')}: 150 annual-average jobs per 100 MW facility over an assumed 2-year build (low 1 year, high "
        "3 years; the duration is a krapte assumption). Cross-check: CE Delft 3.2-4.6 FTE per EUR mln (L042)",
        "not Dutch (US), unverified",
    )
    add(
        "electrolyser",
        "om",
        0.45,
        0.45,
        0.45,
        "jobs per MW",
        f"{cite('L041')}: 45 jobs per 100 MW",
        "not Dutch (US), unverified",
    )
    add(
        "charging_point",
        "construction",
        0.06,
        0.06,
        0.06,
        "job-years per unit",
        f"{cite('L070')}: 30,000 job-years for 500,000 stations (DC fast; likely high for Dutch AC street points)",
        "not Dutch (US), unverified",
    )
    ins = {k: v * SEO_JY_PER_EUR_MLN / 1e6 for k, v in INSULATION_EUR.items()}
    add(
        "insulation_measure",
        "construction",
        ins["low"],
        ins["central"],
        ins["high"],
        "job-years per home",
        f"per home measure, cost-based: EUR per home (low: LAI average EUR 1,790, {cite('T091')}; central: EIB ~EUR "
        "2,000 for small measures; high: ~EUR 20,000 deep renovation, L061 notes) x SEO 2012 10.6 gross job-years "
        f"per EUR mln ({cite('L061')})",
        "cost-based (Dutch cost and Dutch labour per EUR; gross incl. indirect)",
    )
    hn = HEAT_NETWORK_EUR_PER_CONNECTION / 1e6
    add(
        "heat_network_connection",
        "construction",
        hn * GRID_JY_PER_EUR_MLN,
        hn * GRID_JY_PER_EUR_MLN,
        hn * 11.25,
        "job-years per connection",
        "per connection, cost-based: EUR 20,000 per home (EIB deep renovation, L061 notes; no Dutch cost per "
        f"heat-network connection found) x {GRID_JY_PER_EUR_MLN:.3f} job-years per EUR mln (grid-works analogue, "
        "L022); high x 11.25 (CE Delft/SEO Noord-Nederland ~11 jobs per EUR mln, L062)",
        "cost-based (cost proxy; foreign labour per EUR)",
    )
    # heat pumps: Dutch installer hours falling over time (L050-L052), as a schedule
    hp = {
        y: (lo / HOURS_PER_FTE_YEAR, c / HOURS_PER_FTE_YEAR, hi / HOURS_PER_FTE_YEAR)
        for y, lo, c, hi in (
            (2022, 32, 32, 32),
            (2025, 14, 14, 32),
            (2026, 12, 12, 14),
        )
    }
    add(
        "heat_pump",
        "construction",
        *hp[2025],
        "job-years per unit",
        f"installer hours per installation / {HOURS_PER_FTE_YEAR:.0f} h: 32 h a few years before 2025 ({cite('L050')}),"
        f" ~14 h in 2025 (L051), 12 h target 2026 (L052); high keeps 14 h after 2025 and 32 h in 2025; hours fall "
        "linearly between the years of the schedule",
        "NL",
    )
    for y, (lo, c, hi) in hp.items():
        schedule.append(
            {
                "set": SET,
                "technology": "heat_pump",
                "phase": "construction",
                "year": y,
                "low": round(lo, 6),
                "central": round(c, 6),
                "high": round(hi, 6),
                "source": "L050-L052 (Blik op Nieuws 2025-03)",
            }
        )
    return rows, schedule


TECHNOLOGIES = [
    (
        "offshore_wind_farm",
        "MW",
        "QBIS FR 2023 installation",
        "QBIS FR 2023 O&M",
        "Windpark op zee (NL-factoren)",
        "Offshore wind farm (Dutch factors)",
    ),
    ("offshore_grid", "EUR_mln", "Transmission other", "", "Net op zee (TenneT)", "Offshore grid (TenneT)"),
    ("hv_grid", "EUR_mln", "Transmission other", "", "Hoogspanningsnet op land (TenneT)", "Onshore HV grid (TenneT)"),
    (
        "distribution_cable",
        "km",
        "Transmission line single circuit",
        "",
        "Distributienet (km kabel LS/MS)",
        "Distribution grid (km LV/MV cable)",
    ),
    ("electrolyser", "MW", "Transmission other", "Transmission other", "Elektrolyser", "Electrolyser"),
    ("charging_point", "units", "@Electricians", "", "Publiek laadpunt", "Public charging point"),
    ("insulation_measure", "units", "@Insulation workers", "", "Isolatie (per woning)", "Insulation (per home)"),
    ("heat_network_connection", "units", "Transmission other", "", "Warmtenetaansluiting", "Heat-network connection"),
]
# QBIS FR 2023 (L004, L005): FTE-years per GW by job category -> krapte occupations
QBIS_SHARES = {
    "construction": {
        "Crane operators": 161,
        "Ship crews": 753,
        "Other engineers": 38,
        "Trades & technicians (other)": 3,
        "Professionals (other)": 41,
    },
    "om": {
        "Ship crews": 440,
        "Mechanical trades & technicians": 880,
        "Other engineers": 411,
        "Crane operators": 176,
        "Professionals (other)": 733,
    },
}
NEW_OCCUPATIONS = [("Ship crews", "MACHINE OPERATORS & DRIVERS", ("8350", "3152"))]


def share_rows() -> list[dict[str, object]]:
    import pandas as pd

    src = SHARED / "energy" / "rutovitz2025_employment_factors_occupations"
    tables = {
        "construction": pd.read_csv(src / "rutovitz2025_occupational_shares_construction.csv"),
        "om": pd.read_csv(src / "rutovitz2025_occupational_shares_om.csv"),
    }
    out: list[dict[str, object]] = []
    for tech, _unit, c_col, o_col, _nl, _en in TECHNOLOGIES:
        for phase, col in (("construction", c_col), ("om", o_col)):
            if not col:
                continue
            if col.startswith("@"):
                out.append(
                    {
                        "technology": tech,
                        "phase": phase,
                        "occupation": col[1:],
                        "share": 1.0,
                        "source": "krapte assumption: this per-unit figure counts this trade only",
                    }
                )
            elif col.startswith("QBIS"):
                shares = QBIS_SHARES[phase]
                total = sum(shares.values())
                lid = "L004" if phase == "construction" else "L005"
                for occ, v in shares.items():
                    out.append(
                        {
                            "technology": tech,
                            "phase": phase,
                            "occupation": occ,
                            "share": round(v / total, 6),
                            "source": f"{lid} QBIS 2023 Figure 2.3 job categories (FTE-years per GW), mapped by krapte",
                        }
                    )
            else:
                tab = tables[phase]
                sel = tab[(tab.technology == col) & (tab.share_pct > 0)]
                total = float(sel.share_pct.sum())
                for _, r in sel.iterrows():
                    out.append(
                        {
                            "technology": tech,
                            "phase": phase,
                            "occupation": r.occupation,
                            "share": round(float(r.share_pct) / total, 6),
                            "source": f"Rutovitz 2025 Table {5 if phase == 'construction' else 6} '{col}' "
                            f"(normalised from {total:.1f} %)",
                        }
                    )
    return out


def occupation_rows() -> list[dict[str, object]]:
    with (SHARED / "labour" / "brc2014_isco08_crosswalk" / "isco_brc_crosswalk.csv").open(encoding="utf-8") as fh:
        by_isco = {r["isco08_unit"]: r for r in csv.DictReader(fh)}
    out = []
    for name, group, iscos in NEW_OCCUPATIONS:
        primary = by_isco[iscos[0]]
        out.append(
            {
                "occupation": name,
                "group": group,
                "isco08": ";".join(iscos),
                "isco08_label_nl": primary["isco08_unit_label"].strip(),
                "brc_group": primary["brc_group"],
                "brc_group_label": primary["brc_group_label"],
            }
        )
    return out


STUDY_IDS = ("S03", "S04", "S05", "S11", "S12", "S13", "S14", "S15", "S18", "S20", "S21", "S22", "S26")


def _write(name: str, rows: list[dict[str, object]], columns: list[str]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    components, projects, weights = build_scenario()
    _write("components.csv", components, COMPONENT_COLUMNS)
    _write("projects.csv", projects, PROJECT_COLUMNS)
    am_rows = [
        {"arbeidsmarktregio": am, **{k: round(v.get(am, 0.0), 8) for k, v in weights.items()}}
        for am in sorted(weights["housing"])
    ]
    _write("am_weights.csv", am_rows, ["arbeidsmarktregio", *weights])
    factors, schedule = factor_rows()
    _write("factors.csv", factors, FACTOR_COLUMNS)
    _write("schedule.csv", schedule, ["set", "technology", "phase", "year", "low", "central", "high", "source"])
    _write(
        "technologies.csv",
        [
            dict(
                zip(
                    ["technology", "unit", "construction_shares_from", "om_shares_from", "label_nl", "label_en"],
                    t,
                    strict=True,
                )
            )
            for t in TECHNOLOGIES
        ],
        ["technology", "unit", "construction_shares_from", "om_shares_from", "label_nl", "label_en"],
    )
    _write("shares.csv", share_rows(), ["technology", "phase", "occupation", "share", "source"])
    _write(
        "occupations.csv",
        occupation_rows(),
        ["occupation", "group", "isco08", "isco08_label_nl", "brc_group", "brc_group_label"],
    )
    studies = [
        {
            k: STUDIES[i][k]
            for k in (
                "id",
                "study",
                "publisher",
                "year",
                "scope",
                "headline_figure",
                "unit",
                "horizon",
                "components_included",
                "source_url",
            )
        }
        for i in STUDY_IDS
    ]
    _write("studies.csv", studies, list(studies[0]))
    realised = [
        {
            "id": i,
            "component": TARGETS[i]["component"],
            "quantity": TARGETS[i]["quantity"],
            "unit": TARGETS[i]["unit"],
            "year": TARGETS[i]["year_or_period"],
            "source_url": TARGETS[i]["source_url"],
        }
        for i in ("T049", "T050", "T051", "T052", "T053")
    ]
    _write("grid_realised_2024.csv", realised, list(realised[0]))
    meta = {
        "sets": [
            {
                "name": SET,
                "title": "Dutch programmes 2030: per-unit factors for RES, NPE and NPLW components",
                "source": "shared/data/energy/nl_programmes_2030 labour_intensity.csv (L...) and targets.csv (T...); "
                "Rutovitz et al. 2025 for the rest (fallback)",
                "base_year": "2025",
                "note": "Dutch figures where they exist (offshore wind per MW, heat-pump hours 32 -> 14 -> 12 h); "
                "otherwise foreign or cost-based, marked in 'basis'. Per km, per connection, per home next to "
                "per MW; per EUR mln only for TenneT work (last resort).",
            }
        ],
        "fallback_append": [SET],
        "assumptions": {
            "hours_per_fte_year": HOURS_PER_FTE_YEAR,
            "aud_per_eur": AUD_PER_EUR,
            "grid_job_years_per_eur_mln": round(GRID_JY_PER_EUR_MLN, 4),
            "seo_job_years_per_eur_mln": SEO_JY_PER_EUR_MLN,
            "planning_slack_quarters": SLACK_QUARTERS,
        },
    }
    (OUT / "sets.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_provenance(
        DATASET,
        title="National programmes scenario 2025-2032 (RES, NPE, NPLW) and the nl-programmes-2030 factor set",
        source="shared/data/energy/nl_programmes_2030 (targets, labour_intensity, studies; compiled from public "
        "sources, each row with URL and date); CBS 85005NED (Bron: CBS); shared/data/regions; Rutovitz et al. 2025 "
        "occupational shares (CC BY 4.0); CBS ISCO-08 -> BRC 2014 schakelschema",
        version="2026-build",
        licence="facts with their sources (cite them); CBS CC BY 4.0; Rutovitz 2025 CC BY 4.0",
        attribution="Bron: CBS; Rutovitz et al. 2025; sources per row in components.csv and factors.csv",
        derivation="scripts/build_programmes.py: quantities on a path to their target year in yearly tranches per "
        "arbeidsmarktregio (housing proxy: home solar installations per gemeente, CBS 85005NED 2024) or at the "
        "offshore landing gemeente (compiled by krapte, unverified); 'unverified' in a source row flags the component",
    )
    print(f"{len(components)} components, {len(projects)} projects, {len(factors)} factors -> {OUT}")


if __name__ == "__main__":
    main()
