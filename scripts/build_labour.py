"""Build the embedded labour datasets from ``../shared/data`` (reproducible; the output is committed).

Writes into ``src/krapte/data/``:

- ``regions-2026/``          gemeente -> arbeidsmarktregio / RES region / province / COROP (CBS indeling 2026)
- ``employment-factors/``    named factor sets, occupation shares, occupation -> ISCO-08 / BRC 2014 crosswalk
- ``labour-supply-2023/``    national employed labour force per BRC 2014 group (CBS 85276NED, 2023) and the
                             regional-share proxy used to split it over arbeidsmarktregio's
- ``res-capacity-2024/``     installed solar and onshore wind capacity and production per RES region (CBS 85004NED)

Run: ``.venv/bin/python scripts/build_labour.py`` (or ``make data``).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from provenance import PACKAGE_DATA, SHARED, write_provenance

CBS_LICENCE = "CC BY 4.0"
CBS_ATTRIBUTION = "Bron: CBS"

# --- assumptions (documented in docs/labour.md and docs/data.md) -------------------------------------------
HOURS_PER_FTE_YEAR = 1600.0  # productive hours per full-time job-year; used to turn installer hours into job-years
AUD_PER_EUR = 1.65  # converts Rutovitz 2025 "job-years per AUD million" to "per EUR million" (2024 average, rounded)
KM_PER_MILE = 1.609344

# krapte technology id -> (canonical unit, Rutovitz 2025 share column for construction, for O&M, label nl, label en)
TECHNOLOGIES: dict[str, tuple[str, str, str, str, str]] = {
    "utility_solar": ("MW", "Utility-scale PV", "Utility-scale PV", "Zonnepark (veld)", "Utility-scale solar"),
    "rooftop_solar": ("MW", "Rooftop PV", "Rooftop PV", "Zon op dak", "Rooftop solar"),
    "onshore_wind": ("MW", "Onshore wind", "Onshore wind", "Wind op land", "Onshore wind"),
    "offshore_wind": ("MW", "Onshore wind", "Onshore wind", "Wind op zee", "Offshore wind"),
    "offshore_wind_floating": ("MW", "Onshore wind", "Onshore wind", "Drijvende wind op zee", "Floating offshore wind"),
    "utility_battery": ("MW", "Utility-scale PV", "Utility-scale PV", "Batterij (netschaal)", "Utility battery"),
    "home_battery": ("MW", "Rooftop PV", "Rooftop PV", "Thuisbatterij", "Home battery"),
    "transmission_line": (
        "km",
        "Transmission line double circuit",
        "",
        "Hoogspanningsverbinding (dubbel circuit)",
        "Transmission line (double circuit)",
    ),
    "transmission_line_single": (
        "km",
        "Transmission line single circuit",
        "",
        "Hoogspanningsverbinding (enkel circuit)",
        "Transmission line (single circuit)",
    ),
    "substation": ("EUR_mln", "Transmission other", "", "Onderstation", "Substation"),
    "distribution_grid": ("EUR_mln", "Transmission other", "", "Distributienet", "Distribution grid"),
    "heat_network": ("EUR_mln", "Transmission other", "", "Warmtenet", "Heat network"),
    "heat_pump": ("units", "@Heat-pump installers", "", "Warmtepomp", "Heat pump"),
    "home_insulation": ("EUR_mln", "@Insulation workers", "", "Woningisolatie", "Home insulation"),
}

# Rutovitz 2025 occupation (ANZSCO-based) -> group, ISCO-08 unit groups (first = primary, used for BRC).
OCCUPATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Executives & senior managers": ("MANAGERS", ("1120",)),
    "Business development managers": ("MANAGERS", ("1221",)),
    "Business managers": ("MANAGERS", ("1219",)),
    "Construction managers": ("MANAGERS", ("1323",)),
    "Engineering managers": ("MANAGERS", ("1321",)),
    "Logistics & procurement managers": ("MANAGERS", ("1324",)),
    "Operations & production managers": ("MANAGERS", ("1321",)),
    "Managers (other)": ("MANAGERS", ("1219",)),
    "Environment, health & safety": ("PROFESSIONALS", ("3257", "2263")),
    "Finance, business, legal & policy professionals": ("PROFESSIONALS", ("2411", "2421", "2611")),
    "Civil engineers": ("PROFESSIONALS", ("2142",)),
    "Community engagement": ("PROFESSIONALS", ("2432",)),
    "Electrical engineers": ("PROFESSIONALS", ("2151",)),
    "Geotechnical engineers": ("PROFESSIONALS", ("2114", "2142")),
    "IT professionals": ("PROFESSIONALS", ("2511",)),
    "Mechanical engineers": ("PROFESSIONALS", ("2144",)),
    "Other engineers": ("PROFESSIONALS", ("2149",)),
    "Professionals (other)": ("PROFESSIONALS", ("2421",)),
    "Quantity surveyors": ("PROFESSIONALS", ("2149",)),
    "Structural engineers": ("PROFESSIONALS", ("2142",)),
    "Telecommunications engineer": ("PROFESSIONALS", ("2153",)),
    "Cable jointers": ("TRADES & TECHNICIANS", ("7413",)),
    "Civil engineering technicians": ("TRADES & TECHNICIANS", ("3112",)),
    "Construction trades": ("TRADES & TECHNICIANS", ("7119", "7112", "7115")),
    "Control room & power plant operators": ("TRADES & TECHNICIANS", ("3131",)),
    "Electricians": ("TRADES & TECHNICIANS", ("7411", "7412")),
    "Lineworkers": ("TRADES & TECHNICIANS", ("7413",)),
    "Mechanical trades & technicians": ("TRADES & TECHNICIANS", ("7233", "3115")),
    "Metal trades": ("TRADES & TECHNICIANS", ("7212", "7214")),
    "Plumbers": ("TRADES & TECHNICIANS", ("7126",)),
    "Telecommunications technician": ("TRADES & TECHNICIANS", ("7422",)),
    "Trades & technicians (other)": ("TRADES & TECHNICIANS", ("3119",)),
    "Concreters": ("LABOURERS", ("7114",)),
    "Construction labourers": ("LABOURERS", ("9313",)),
    "Electrical trade assistants": ("LABOURERS", ("9313", "7411")),
    "General labourers": ("LABOURERS", ("9312",)),
    "Riggers & dogmen": ("LABOURERS", ("7215",)),
    "Steel fixers": ("LABOURERS", ("7114",)),
    "Telecommunications trade assistant": ("LABOURERS", ("9313",)),
    "Crane operators": ("MACHINE OPERATORS & DRIVERS", ("8343",)),
    "Drillers": ("MACHINE OPERATORS & DRIVERS", ("8113",)),
    "Earthmoving plant operators": ("MACHINE OPERATORS & DRIVERS", ("8342",)),
    "Machine operators & drivers (other)": ("MACHINE OPERATORS & DRIVERS", ("8344",)),
    "Storepersons & packers": ("MACHINE OPERATORS & DRIVERS", ("4321",)),
    "Truck drivers": ("MACHINE OPERATORS & DRIVERS", ("8332",)),
    "Admin staff": ("ADMIN", ("4110",)),
    # krapte additions for the Dutch per-unit figures (not in Rutovitz 2025)
    "Heat-pump installers": ("TRADES & TECHNICIANS", ("7126", "7127")),
    "Insulation workers": ("TRADES & TECHNICIANS", ("7124",)),
}

R2015 = "Rutovitz, Dominish & Downes (2015), Calculating global energy sector jobs: 2015 methodology update, UTS-ISF"
R2025 = (
    "Rutovitz et al. (2025), Updated employment factors and occupational shares for the energy transition, "
    "RSER 212:115339, doi:10.1016/j.rser.2025.115339 (CC BY 4.0)"
)
DEA = "DEA-GE/colombia-employment-factors (MIT), data/raw/employment_factors_input.csv, commit 23b7f592"
SETS: list[dict[str, str]] = [
    {
        "name": "rutovitz2025",
        "title": "Rutovitz et al. 2025, Table 3 (Australia 2024, survey-derived)",
        "source": R2025,
        "base_year": "2024",
        "note": "Default. Occupation shares from Tables 5 and 6.",
    },
    {
        "name": "rutovitz2015-oecd",
        "title": "Rutovitz et al. 2015, Table 1 (OECD), with Table 9 decline 2015-2030 (OECD Europe)",
        "source": R2015,
        "base_year": "2015",
        "note": "Factor(year) = factor(2015) x (1 - decline)^((min(year, 2030) - 2015) / 15).",
    },
    {
        "name": "jedi-us",
        "title": "NREL JEDI (US), direct jobs, as compiled by DEA-GE",
        "source": DEA + "; NREL JEDI models",
        "base_year": "2024",
        "note": "Construction+manufacturing given together; split with the Rutovitz 2025 ratio for the technology.",
    },
    {
        "name": "i-jedi-colombia",
        "title": "NREL I-JEDI (Colombia), direct jobs, as compiled by DEA-GE",
        "source": DEA + "; NREL I-JEDI",
        "base_year": "2024",
        "note": "Labour-cheap economy; construction+manufacturing split with the Rutovitz 2025 ratio.",
    },
    {
        "name": "qbis-dk-2020",
        "title": "Danish QBIS 2020, 1 GW offshore wind farm, direct FTE",
        "source": DEA + "; QBIS 2020 Table 5",
        "base_year": "2022",
        "note": "Construction+manufacturing split with the Rutovitz 2025 offshore ratio.",
    },
    {
        "name": "qbis-fr-2023",
        "title": "French QBIS 2023, 1 GW fixed and floating offshore wind farms, direct FTE",
        "source": DEA + "; QBIS 2023 Tables 2.1-2.2",
        "base_year": "2022",
        "note": "Construction+manufacturing split with the Rutovitz 2025 offshore ratio.",
    },
    {
        "name": "nl-anchors",
        "title": "Dutch per-unit figures (heat pumps, insulation, grid and heat-network works)",
        "source": "Research note energy-demand-anchors.md, anchors A19, A26, A27 (shared/data/indicators/anchors.csv)",
        "base_year": "2025",
        "note": (
            f"Heat pumps: installer hours per unit / {HOURS_PER_FTE_YEAR:.0f} h per FTE-year; insulation: gross "
            "job-years per EUR mln incl. indirect (SEO 2012, CE Delft/SEO); grid works: Rutovitz 2025 "
            f"'Transmission other' 1.9 job-years per AUD mln x {AUD_PER_EUR} AUD/EUR."
        ),
    },
]

FALLBACK_NOTE = "sets that lack a technology fall back to rutovitz2025, then nl-anchors (reported per factor)"


def build_regions() -> None:
    src = SHARED / "regions" / "gemeente_arbeidsmarktregio_res_2026.csv"
    frame = pd.read_csv(src, dtype=str)
    assert len(frame) == 342, len(frame)
    assert frame.arbeidsmarktregio_code.nunique() == 35
    assert frame.res_code.nunique() == 30
    out = PACKAGE_DATA / "regions-2026"
    out.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out / "gemeenten.csv", index=False, lineterminator="\n")
    write_provenance(
        "regions-2026",
        title="Gemeenten 2026 with arbeidsmarktregio, RES region, province and COROP",
        source=(
            "CBS 'Gebieden in Nederland' 2026 (86247NED) via GitHub ahrnuld/jobmarket "
            "data/reference/municipalities.csv @a0b31834; RES membership from mariailieva-auxcode/www "
            "scripts/RESRegions.js @7b6e1b10 updated to 2026 "
            "and checked against CBS 85005NED sums; shared/data/regions/gemeente_arbeidsmarktregio_res_2026.csv"
        ),
        version="2026",
        licence=CBS_LICENCE,
        attribution=CBS_ATTRIBUTION,
        derivation="copied unchanged (342 rows: 35 arbeidsmarktregio's, 30 RES regions, 12 provinces, 40 COROP)",
    )


def _pct(text: str) -> float:
    return float(text.strip().rstrip("%")) / 100.0


def _factor_rows() -> list[dict[str, object]]:
    """One row per (set, technology, phase) with the set's own (central) value and its unit."""
    energy = SHARED / "energy"
    rows: list[dict[str, object]] = []

    def add(set_name: str, tech: str, phase: str, value: float, unit: str, source: str) -> None:
        rows.append(
            {"set": set_name, "technology": tech, "phase": phase, "value": value, "unit": unit, "source": source}
        )

    # Rutovitz 2025 Table 3
    r25_dir = energy / "rutovitz2025_employment_factors_occupations"
    t3 = pd.read_csv(r25_dir / "table3_employment_factors_australia_2024.csv")
    r25 = {
        "Utility solar": ["utility_solar"],
        "Rooftop solar": ["rooftop_solar"],
        "Onshore wind": ["onshore_wind"],
        "Offshore wind": ["offshore_wind", "offshore_wind_floating"],
        "Utility batteries": ["utility_battery"],
        "Distributed batteries": ["home_battery"],
        "Transmission line single circuit": ["transmission_line_single"],
        "Transmission line double circuit": ["transmission_line"],
        "Transmission other (substations etc.)": ["substation", "distribution_grid"],
    }
    for _, r in t3.iterrows():
        for tech in r25.get(str(r.technology), []):
            src = f"{R2025}, Table 3, row '{r.technology}'"
            if tech in ("substation", "distribution_grid"):
                value = float(r.construction_installation) * AUD_PER_EUR
                src += f" x {AUD_PER_EUR} AUD/EUR"
                add("rutovitz2025", tech, "construction", value, "job-years per EUR mln", src)
                continue
            per = "km" if TECHNOLOGIES[tech][0] == "km" else "MW"
            add("rutovitz2025", tech, "construction", float(r.construction_installation), f"job-years per {per}", src)
            if pd.notna(r.manufacturing_total):
                add("rutovitz2025", tech, "manufacturing", float(r.manufacturing_total), "job-years per MW", src)
            if pd.notna(r.om_jobs_per_unit):
                add("rutovitz2025", tech, "om", float(r.om_jobs_per_unit), "jobs per MW", src)

    # Rutovitz 2015 Table 1 (OECD)
    t1 = pd.read_csv(energy / "rutovitz2015_employment_factors" / "table1_oecd_employment_factors.csv")
    r15 = {
        "Solar Photovoltaics": ["utility_solar", "rooftop_solar"],
        "Wind onshore": ["onshore_wind"],
        "Wind offshore": ["offshore_wind", "offshore_wind_floating"],
    }
    for _, r in t1.iterrows():
        for tech in r15.get(str(r.technology), []):
            src = f"{R2015}, Table 1 (OECD), row '{r.technology}'"
            add(
                "rutovitz2015-oecd",
                tech,
                "construction",
                float(r.construction_installation_job_years_per_MW),
                "job-years per MW",
                src,
            )
            add(
                "rutovitz2015-oecd",
                tech,
                "manufacturing",
                float(r.manufacturing_job_years_per_MW),
                "job-years per MW",
                src,
            )
            add("rutovitz2015-oecd", tech, "om", float(r.om_jobs_per_MW), "jobs per MW", src)

    # DEA-GE compilation: JEDI-US, I-JEDI, QBIS (direct only); C&M split with the Rutovitz 2025 ratio
    dea_file = energy / "dea_ge_colombia_employment_factors" / "employment_factors_input.csv"
    dea = pd.read_csv(dea_file, encoding="utf-8-sig")
    wanted = ["JEDI-US", "I-JEDI", "Danish QBIS 2020", "French QBIS 2023"]
    dea = dea[(dea.Job_Type == "Direct") & dea.Source.isin(wanted)]
    dea_sets = {
        "JEDI-US": "jedi-us",
        "I-JEDI": "i-jedi-colombia",
        "Danish QBIS 2020": "qbis-dk-2020",
        "French QBIS 2023": "qbis-fr-2023",
    }
    dea_tech = {
        "Utility-scale solar PV": "utility_solar",
        "Rooftop solar PV": "rooftop_solar",
        "Onshore wind": "onshore_wind",
        "Offshore wind (fixed)": "offshore_wind",
        "Offshore wind (floating)": "offshore_wind_floating",
        "Transmission (single circuit)": "transmission_line_single",
    }
    r25_values = {(r["technology"], r["phase"]): float(r["value"]) for r in rows if r["set"] == "rutovitz2025"}
    for _, r in dea.iterrows():
        tech = dea_tech.get(str(r.Technology))
        if tech is None:
            continue
        set_name = dea_sets[str(r.Source)]
        value = float(r.Value_Numeric)
        src = f"{DEA}, row {r.Source} / {r.Technology} / {r.Factor_Type}"
        if str(r.Unit).endswith("mile"):
            value /= KM_PER_MILE
            src += " (per mile -> per km)"
        per = "km" if TECHNOLOGIES[tech][0] == "km" else "MW"
        if r.Factor_Type == "O&M":
            if value > 0:
                add(set_name, tech, "om", value, f"jobs per {per}", src)
            continue
        c = r25_values.get((tech, "construction"), 0.0)
        m = r25_values.get((tech, "manufacturing"), 0.0)
        ratio = c / (c + m) if c + m > 0 else 1.0
        add(
            set_name,
            tech,
            "construction",
            value * ratio,
            f"job-years per {per}",
            src + f"; construction share {ratio:.3f} (Rutovitz 2025 ratio)",
        )
        if ratio < 1.0:
            add(
                set_name,
                tech,
                "manufacturing",
                value * (1 - ratio),
                f"job-years per {per}",
                src + f"; manufacturing share {1 - ratio:.3f} (Rutovitz 2025 ratio)",
            )

    # Dutch per-unit figures
    a19 = "anchor A19 (blikopnieuws.nl/nieuws/305581; Techniek Nederland)"
    for variant, hours in (("low", 12.0), ("central", 14.0), ("high", 32.0)):
        rows.append(
            {
                "set": "nl-anchors",
                "technology": "heat_pump",
                "phase": "construction",
                "variant": variant,
                "value": hours / HOURS_PER_FTE_YEAR,
                "unit": "job-years per unit",
                "source": f"{a19}: {hours:.0f} installer hours per heat pump / {HOURS_PER_FTE_YEAR:.0f} h",
            }
        )
    for variant, v, src in (
        ("low", 10.6, "anchor A26 SEO 2012 'Bouwen en banen': 212k-351k gross job-years for EUR 20-33 bn"),
        ("central", 10.6, "anchor A26 SEO 2012 (gross, direct + indirect)"),
        ("high", 11.25, "anchor A27 CE Delft/SEO: 4,500 jobs per EUR 400 mln/yr in Noord-Nederland"),
    ):
        rows.append(
            {
                "set": "nl-anchors",
                "technology": "home_insulation",
                "phase": "construction",
                "variant": variant,
                "value": v,
                "unit": "job-years per EUR mln",
                "source": src,
            }
        )
    grid = 1.9 * AUD_PER_EUR
    for variant, v, src in (
        ("low", grid, f"{R2025}, 'Transmission other' 1.9 per AUD mln x {AUD_PER_EUR}"),
        ("central", grid, f"{R2025}, 'Transmission other' 1.9 per AUD mln x {AUD_PER_EUR} (grid-works analogue)"),
        ("high", 11.25, "anchor A27 CE Delft/SEO building-investment intensity (upper bound)"),
    ):
        rows.append(
            {
                "set": "nl-anchors",
                "technology": "heat_network",
                "phase": "construction",
                "variant": variant,
                "value": v,
                "unit": "job-years per EUR mln",
                "source": src,
            }
        )
    for tech in ("substation", "distribution_grid"):
        rows.append(
            {
                "set": "nl-anchors",
                "technology": tech,
                "phase": "construction",
                "variant": "central",
                "value": grid,
                "unit": "job-years per EUR mln",
                "source": f"{R2025}, 'Transmission other' 1.9 per AUD mln x {AUD_PER_EUR} AUD/EUR",
            }
        )
    return rows


def build_factors() -> None:
    energy = SHARED / "energy"
    out = PACKAGE_DATA / "employment-factors"
    out.mkdir(parents=True, exist_ok=True)
    rows = _factor_rows()
    for r in rows:
        r.setdefault("variant", "central")
    frame = pd.DataFrame(rows)
    # low/high per (set, technology, phase): the set's own range where it has one, else the band over all sources
    central = frame[frame.variant == "central"]
    band = central.groupby(["technology", "phase"]).value.agg(["min", "max"])
    out_rows = []
    for (set_name, tech, phase), grp in frame.groupby(["set", "technology", "phase"], sort=True):
        own = {str(v): float(x) for v, x in zip(grp.variant, grp.value, strict=True)}
        c = own["central"]
        lo, hi = band.loc[(tech, phase)]
        src = grp[grp.variant == "central"].source.iloc[0]
        unit = grp.unit.iloc[0]
        out_rows.append(
            {
                "set": set_name,
                "technology": tech,
                "phase": phase,
                "low": round(own.get("low", min(c, float(lo))), 6),
                "central": round(c, 6),
                "high": round(own.get("high", max(c, float(hi))), 6),
                "unit": unit,
                "range": "own" if "low" in own else "across sources",
                "source": src,
            }
        )
    pd.DataFrame(out_rows).to_csv(out / "factors.csv", index=False, lineterminator="\n")

    decline = pd.read_csv(energy / "rutovitz2015_employment_factors" / "table9_decline_2015_2030_oecd.csv")
    decline_map = {
        "PV": ["utility_solar", "rooftop_solar"],
        "Wind onshore": ["onshore_wind"],
        "Wind offshore": ["offshore_wind", "offshore_wind_floating"],
    }
    with (out / "decline.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["set", "technology", "decline_2015_2030", "source"])
        for _, r in decline.iterrows():
            for tech in decline_map.get(str(r.technology), []):
                w.writerow(
                    [
                        "rutovitz2015-oecd",
                        tech,
                        _pct(str(r.oecd_europe)),
                        f"{R2015}, Table 9, OECD Europe, row '{r.technology}'",
                    ]
                )

    # occupation shares (Rutovitz 2025 Tables 5 and 6), normalised per technology and phase
    share_rows = []
    tables = {
        "construction": "rutovitz2025_occupational_shares_construction.csv",
        "om": "rutovitz2025_occupational_shares_om.csv",
    }
    src_dir = energy / "rutovitz2025_employment_factors_occupations"
    shares = {phase: pd.read_csv(src_dir / name) for phase, name in tables.items()}
    for tech, (_unit, c_col, o_col, _nl, _en) in TECHNOLOGIES.items():
        for phase, col in (("construction", c_col), ("om", o_col)):
            if not col:
                continue
            if col.startswith("@"):
                share_rows.append(
                    {
                        "technology": tech,
                        "phase": phase,
                        "occupation": col[1:],
                        "share": 1.0,
                        "source": "krapte assumption: the Dutch per-unit figure counts this trade only",
                    }
                )
                continue
            tab = shares[phase]
            sel = tab[(tab.technology == col) & (tab.share_pct > 0)]
            total = float(sel.share_pct.sum())
            for _, r in sel.iterrows():
                assert r.occupation in OCCUPATIONS, r.occupation
                note = f"; {r.note}" if isinstance(r.note, str) and r.note else ""
                share_rows.append(
                    {
                        "technology": tech,
                        "phase": phase,
                        "occupation": r.occupation,
                        "share": round(float(r.share_pct) / total, 6),
                        "source": f"Rutovitz 2025 Table {5 if phase == 'construction' else 6} '{col}' "
                        f"(normalised from {total:.1f} %){note}",
                    }
                )
    pd.DataFrame(share_rows).to_csv(out / "shares.csv", index=False, lineterminator="\n")

    crosswalk = pd.read_csv(SHARED / "labour" / "brc2014_isco08_crosswalk" / "isco_brc_crosswalk.csv", dtype=str)
    by_isco = crosswalk.set_index("isco08_unit")
    occ_rows = []
    for name, (group, iscos) in OCCUPATIONS.items():
        for code in iscos:
            assert code in by_isco.index, (name, code)
        primary = by_isco.loc[iscos[0]]
        occ_rows.append(
            {
                "occupation": name,
                "group": group,
                "isco08": ";".join(iscos),
                "isco08_label_nl": primary.isco08_unit_label.strip(),
                "brc_group": primary.brc_group,
                "brc_group_label": primary.brc_group_label,
            }
        )
    pd.DataFrame(occ_rows).to_csv(out / "occupations.csv", index=False, lineterminator="\n")

    tech_rows = [
        {
            "technology": t,
            "unit": v[0],
            "construction_shares_from": v[1],
            "om_shares_from": v[2],
            "label_nl": v[3],
            "label_en": v[4],
        }
        for t, v in TECHNOLOGIES.items()
    ]
    pd.DataFrame(tech_rows).to_csv(out / "technologies.csv", index=False, lineterminator="\n")
    (out / "sets.json").write_text(
        json.dumps(
            {
                "sets": SETS,
                "fallback": ["rutovitz2025", "nl-anchors"],
                "fallback_note": FALLBACK_NOTE,
                "assumptions": {"hours_per_fte_year": HOURS_PER_FTE_YEAR, "aud_per_eur": AUD_PER_EUR},
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    write_provenance(
        "employment-factors",
        title="Employment factor sets (construction, manufacturing, O&M) with occupation shares and ISCO/BRC codes",
        source=f"{R2025}; {R2015}; {DEA}; Dutch anchors A19/A26/A27; CBS ISCO-08 -> BRC 2014 schakelschema",
        version="2026-build",
        licence="Rutovitz 2025 CC BY 4.0; DEA-GE compilation MIT; facts from cited publications; CBS CC BY 4.0",
        attribution="Rutovitz et al. 2025 (CC BY 4.0); UTS-ISF 2015; DEA-GE; Bron: CBS",
        derivation=(
            "scripts/build_labour.py: one row per set x technology x phase; low/high = the set's own range or the "
            "band over all sources for that technology and phase; shares normalised to 1 per technology and phase; "
            "occupations mapped to ISCO-08 by hand (krapte) and to BRC 2014 with the CBS schakelschema"
        ),
    )


def build_supply() -> None:
    out = PACKAGE_DATA / "labour-supply-2023"
    out.mkdir(parents=True, exist_ok=True)
    ebb = SHARED / "labour" / "cbs_85276NED_werkzame_beroepsbevolking_beroep_2023"
    employed = pd.read_csv(ebb / "werkzame_beroepsbevolking_brc_2023.csv", dtype={"brc": str})
    groups = employed[employed.level == 4][["brc", "title_cbs", "werkzame_beroepsbevolking_x1000"]]
    labels = pd.read_csv(SHARED / "labour" / "brc2014_isco08_crosswalk" / "isco_brc_crosswalk.csv", dtype=str)
    full = labels.drop_duplicates("brc_group").set_index("brc_group").brc_group_label
    groups = groups.assign(label=groups.brc.map(full).fillna(groups.title_cbs))
    groups = groups.rename(columns={"brc": "brc_group", "werkzame_beroepsbevolking_x1000": "employed_x1000"})
    groups[["brc_group", "label", "employed_x1000"]].to_csv(
        out / "employed_brc_2023.csv", index=False, lineterminator="\n"
    )

    crosswalk = pd.read_csv(SHARED / "labour" / "brc2014_isco08_crosswalk" / "isco_brc_crosswalk.csv", dtype=str)
    crosswalk[["isco08_unit", "brc_group"]].to_csv(out / "isco_brc.csv", index=False, lineterminator="\n")

    # vacancy rates from the anchors (open vacancies / employed of the matching BRC classes, 2023)
    anchors = pd.read_csv(SHARED / "indicators" / "anchors.csv", dtype=str).set_index("id")
    classes = employed[employed.level == 2].set_index("brc").werkzame_beroepsbevolking_x1000.astype(float) * 1000
    total_employed = float(classes.sum())
    technical = float(anchors.loc["A04", "value"])
    ict = float(anchors.loc["A07", "value"])
    total = float(anchors.loc["A09", "value"])
    assumptions = {
        "vacancy_rate": {
            "07": {
                "rate": round(technical / classes["07"], 5),
                "source": f"A04 {technical:.0f} open technical vacancies 2023Q4 / BRC class 07 employed 2023",
            },
            "08": {
                "rate": round(ict / classes["08"], 5),
                "source": f"A07 {ict:.0f} open ICT vacancies 2024Q4 / BRC class 08 employed 2023",
            },
            "*": {
                "rate": round(total / total_employed, 5),
                "source": f"A09 {total:.0f} open vacancies 2022Q3 / all employed 2023 (85276NED)",
            },
        },
        "replacement_rate_per_year": {
            "rate": 0.025,
            "source": "ASSUMPTION: 2.5 % of employed leave the occupation per year (retirement, mobility); "
            "replace with ROA vervangingsvraag per beroep via a supply file",
        },
        "inflow_rate_per_year": {
            "rate": 0.025,
            "source": "ASSUMPTION: school-leaver inflow equal to replacement (ITA = 1 without extra demand); "
            "replace with ROA instroom schoolverlaters via a supply file",
        },
        "job_seeker_rate": {
            "rate": 0.015,
            "source": "ASSUMPTION: short-term job seekers (WW < 6 months) = 1.5 % of employed; "
            "replace with UWV WW data (CBS 85554NED) via a supply file",
        },
        "region_share": {
            "source": "ASSUMPTION: a region's share of national employment in every BRC group equals its share of "
            "all solar installations in 2024 (CBS 85005NED); replace with CBS 86112NED (beroep en regio)",
        },
    }
    (out / "assumptions.json").write_text(json.dumps(assumptions, indent=2, ensure_ascii=False) + "\n", "utf-8")

    # regional proxy: all solar installations per gemeente, 2024 (CBS 85005NED), summed per arbeidsmarktregio
    solar = pd.read_csv(SHARED / "energy" / "cbs_85005NED_zonnestroom_regio" / "85005NED_full_data.csv")
    solar["RegioS"] = solar.RegioS.str.strip()
    solar["sec"] = solar.SectorEnVermogensklasse.astype(str).str.strip()
    sel = solar[(solar.sec == "E007161") & (solar.Perioden == "2024JJ00") & solar.RegioS.str.startswith("GM")]
    inst = sel.set_index("RegioS").Installaties_1
    gem = pd.read_csv(SHARED / "regions" / "gemeente_arbeidsmarktregio_res_2026.csv", dtype=str)
    gem["installations"] = gem.gemeente_code.map(inst)
    missing = gem[gem.installations.isna()].gemeente_code.tolist()
    assert not missing, missing
    per_am = gem.groupby("arbeidsmarktregio_code").installations.sum()
    share = (per_am / per_am.sum()).round(6)
    pd.DataFrame(
        {
            "arbeidsmarktregio_code": share.index,
            "share": share.values,
            "solar_installations_2024": per_am.astype(int).values,
        }
    ).to_csv(out / "region_shares.csv", index=False, lineterminator="\n")
    write_provenance(
        "labour-supply-2023",
        title="Employed labour force per BRC 2014 beroepsgroep (NL, 2023) and the regional-share proxy",
        source=(
            "CBS 85276NED Werkzame beroepsbevolking; beroep, 2023JJ00 (via rhoeijmakers/nl-jobs @2870240d); "
            "CBS 85005NED Zonnestroom; regio, 2024 installations per gemeente (via nlparzival/KIIRA-PAY @b4c60843)"
        ),
        version="2023 (employment), 2024 (proxy)",
        licence=CBS_LICENCE,
        attribution=CBS_ATTRIBUTION,
        derivation=(
            "114 BRC groups (level 4) with employed x 1000; region_shares = share of each arbeidsmarktregio in all "
            "solar installations (homes and businesses) in 2024, an ASSUMED proxy for its share of employment, "
            "used until CBS 86112NED (beroep en regio) is imported with `krapte supply import`"
        ),
    )


def build_res_capacity() -> None:
    out = PACKAGE_DATA / "res-capacity-2024"
    out.mkdir(parents=True, exist_ok=True)
    tidy = pd.read_csv(SHARED / "energy" / "cbs_85004NED_hernieuwbare_elektriciteit_regio" / "85004NED_tidy.csv")
    keep = tidy[tidy.region_code.str.startswith(("ES", "NL01")) & (tidy.region_code != "ES99")]
    keep = keep[keep.source.isin(["solar_pv_small_le15kWp", "solar_pv_large_gt15kWp", "wind_onshore"])]
    keep = keep[["region_code", "source", "year", "installed_capacity_MW", "production_GWh"]]
    keep.to_csv(out / "capacity.csv", index=False, lineterminator="\n")
    solar = pd.read_csv(SHARED / "energy" / "cbs_85005NED_zonnestroom_regio" / "85005NED_full_data.csv")
    solar["RegioS"] = solar.RegioS.str.strip()
    solar["sec"] = solar.SectorEnVermogensklasse.astype(str).str.strip()
    y24 = solar[(solar.Perioden == "2024JJ00") & solar.RegioS.str.match(r"^ES\d\d$") & (solar.RegioS != "ES99")]
    split = y24.pivot_table(
        index="RegioS", columns="sec", values=["OpgesteldVermogenVanZonnepanelen_2", "Installaties_1"]
    )
    out_split = pd.DataFrame(
        {
            "res_code": split.index,
            "large_field_kWp_2024": split[("OpgesteldVermogenVanZonnepanelen_2", "A050178")].values,
            "large_roof_kWp_2024": split[("OpgesteldVermogenVanZonnepanelen_2", "A050179")].values,
            "home_installations_2024": split[("Installaties_1", "E007037")].values,
        }
    )
    assert len(out_split) == 30, len(out_split)
    out_split.to_csv(out / "res_solar_split.csv", index=False, lineterminator="\n")
    res = pd.read_csv(SHARED / "regions" / "res_regions.csv")
    res[["res_code", "res_region", "res_target_twh_2030", "res_target_source"]].to_csv(
        out / "res_targets.csv", index=False, lineterminator="\n"
    )
    write_provenance(
        "res-capacity-2024",
        title="Installed solar and onshore wind per RES region 2018-2024 and known RES 1.0 targets",
        source=(
            "CBS 85004NED Hernieuwbare elektriciteit; regio and 85005NED Zonnestroom; regio "
            "(via nlparzival/KIIRA-PAY @b4c60843, decoded); "
            "RES 1.0 targets from public pages listed per row (shared/data/regions/res_regions.csv)"
        ),
        version="2018-2024",
        licence=CBS_LICENCE,
        attribution=CBS_ATTRIBUTION,
        derivation=(
            "capacity.csv: rows for NL01 and ES01-ES30, small/large solar and onshore wind, unchanged values; "
            "res_solar_split.csv: CBS 85005NED 2024 large solar capacity on field vs roof and home installations "
            "per RES region"
        ),
    )


def main() -> None:
    build_regions()
    build_factors()
    build_supply()
    build_res_capacity()
    print("labour datasets written to", PACKAGE_DATA)


if __name__ == "__main__":
    main()
