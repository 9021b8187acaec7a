"""Shared inputs of ``scripts/build_programmes.py``: paths, the source rows of nl_programmes_2030, the constants.

Every constant names its row in ``targets.csv`` (T...) or ``labour_intensity.csv`` (L...).
"""

from __future__ import annotations

import csv
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from provenance import PACKAGE_DATA
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


def mentioned(text: str) -> list[str]:
    """The T/L row ids a sources text cites."""
    return re.findall(r"\b([TL]\d{3})\b", text)
