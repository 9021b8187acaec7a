"""The ``nl-programmes-2030`` factor set of ``scripts/build_programmes.py``: factors, schedule, shares, occupations."""

from __future__ import annotations

import csv

from programmes_sources import (
    AUD_PER_EUR,
    GRID_JY_PER_EUR_MLN,
    HEAT_NETWORK_EUR_PER_CONNECTION,
    HOURS_PER_FTE_YEAR,
    INSULATION_EUR,
    SEO_JY_PER_EUR_MLN,
    SET,
    SHARED,
    STEDIN_EUR_MLN_PER_KM,
    cite,
)

DOMESTIC_SHARE = 3.1 / 7.5  # L002: QBIS 2020, Danish suppliers' share of capex labour

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
            GRID_JY_PER_EUR_MLN * DOMESTIC_SHARE,
            GRID_JY_PER_EUR_MLN,
            4.6,
            "job-years per EUR mln",
            f"per EUR mln, last resort (no per-km or per-substation figure for this work): {grid_src}; low: x "
            f"{DOMESTIC_SHARE:.2f}, the domestic-supplier share of offshore wind capex labour in Denmark (3.1 of 7.5 "
            f"FTE per MW, {cite('L002')}), for spend that leaves the country; high: CE Delft, Groenvermogen II, "
            f"4,000-5,700 FTE for EUR 1.25 bn = 3.2-4.6 per EUR mln ({cite('L042')})",
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
                total_pct = float(sel.share_pct.sum())
                for _, r in sel.iterrows():
                    out.append(
                        {
                            "technology": tech,
                            "phase": phase,
                            "occupation": r.occupation,
                            "share": round(float(r.share_pct) / total_pct, 6),
                            "source": f"Rutovitz 2025 Table {5 if phase == 'construction' else 6} '{col}' "
                            f"(normalised from {total_pct:.1f} %)",
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
