"""Build the embedded monitor datasets (reproducible; the output is committed).

Writes into ``src/krapte/data/``:

- ``measures-actieplan-2023/measures.json``: the measures registry seed. Input: the hand-curated
  ``scripts/monitor/measures-curated.json``. Every ``plan`` quote must occur verbatim in the plan text
  (``../shared/seed/actieplan-groene-en-digitale-banen-2023.txt``); the script finds it, adds page and
  section, and fails when a quote is not found. ``later`` entries become sources citing later public
  documents as listed in ``../shared/docs/research/monitoring-anchors.md``.
- ``indicators-agdb/``: indicator definitions (``indicators.json``) and the panel
  (``observations.csv.gz``: indicator, region, period, value, vintage, source) from the anchor figures
  (``../shared/data/indicators/anchors.csv``), the CBS energy tables (85004NED, 85005NED, 70960ned,
  85523NED) and CBS 85276NED (employed labour force per BRC class, 2023).

Run: ``.venv/bin/python scripts/build_monitor.py`` (or ``make data``).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from krapte.monitor.indicators import normalise_period, normalise_region
from krapte.monitor.measures import load_measures
from provenance import PACKAGE_DATA, SHARED, write_provenance

HERE = Path(__file__).resolve().parent
PLAN_TEXT = SHARED.parent / "seed" / "actieplan-groene-en-digitale-banen-2023.txt"
RESEARCH_NOTE = "docs/research/monitoring-anchors.md"
CURATED = HERE / "monitor" / "measures-curated.json"
CURATED_ON = "2026-11-30"
PLAN_DOCUMENT = "Kamerbrief Actieplan Groene en Digitale Banen, Kamerstuk 29 544, nr. 1173 (3 februari 2023)"
PLAN_URL = "https://zoek.officielebekendmakingen.nl/kst-29544-1173.html"
SECTIONS = (
    "1. Inleiding",
    "2. Samenvatting onderzoek",
    "Aanvalsplan Arbeidsmarktkrapte Techniek, Bouw en Energie Een belangrijke",
    "3. Gezamenlijke inzet",
    "Pijler 1:",
    "Pijler 2:",
    "Pijler 3.",
    "Pijler 4:",
    "4. Verbinding met de aanpak",
    "5. Tot slot",
)
CBS = "CC BY 4.0 (Bron: CBS)"


# ---------------------------------------------------------------------- plan text
def normalised_plan() -> tuple[str, list[int], list[tuple[int, str]]]:
    """The plan text as one line (soft hyphens at line ends joined), page start offsets and section offsets.

    A line starting with a space starts a new page in this text copy (16 pages).
    """
    out: list[str] = []
    pages: list[int] = []
    pos = 0
    for line in PLAN_TEXT.read_text(encoding="utf-8").splitlines():
        if line.startswith(" ") and line.strip():
            pages.append(pos)
        text = line.strip()
        if not text:
            continue
        # a hyphen right at the line end is a soft break ("kinder-" + "opvang"); "klimaat- " keeps its space
        soft = line.endswith("-") and not line.endswith(" -")
        piece = text[:-1] if soft else text + " "
        out.append(piece)
        pos += len(piece)
    full = "".join(out)
    sections = sorted(
        (full.find(s), s.removesuffix(" Een belangrijke").rstrip(":.")) for s in SECTIONS if full.find(s) >= 0
    )
    return full, pages, sections


def locate(quote: str, full: str, pages: list[int], sections: list[tuple[int, str]]) -> str:
    squashed = re.sub(r"\s+", " ", quote.strip())
    at = full.find(squashed)
    if at < 0:
        raise SystemExit(f"quote not found in the plan text: {quote!r}")
    page = sum(1 for p in pages if p <= at)
    section = [name for offset, name in sections if offset <= at]
    return f"p. {page} van {len(pages)} (tekstkopie)" + (f", {section[-1]}" if section else "")


def build_measures() -> list[dict[str, Any]]:
    curated = json.loads(CURATED.read_text(encoding="utf-8"))
    full, pages, sections = normalised_plan()
    records = []
    for item in curated["measures"]:
        record = {k: v for k, v in item.items() if k not in {"plan", "later"}}
        sources = [
            {
                "document": PLAN_DOCUMENT,
                "locator": locate(q, full, pages, sections),
                "url": PLAN_URL,
                "retrieved": CURATED_ON,
                "quote": q,
            }
            for q in item.get("plan", [])
        ]
        sources += [
            {
                "document": later["document"],
                "locator": later.get("locator", f"zoals geciteerd in {RESEARCH_NOTE} (§1)"),
                "url": later.get("url", ""),
                "retrieved": CURATED_ON,
                "quote": "",
            }
            for later in item.get("later", [])
        ]
        if item.get("plan") and item["verification_status"] != "verified-plan-text":
            raise SystemExit(f"{item['id']}: has plan quotes but is not marked verified-plan-text")
        if not item.get("plan") and item["verification_status"] == "verified-plan-text":
            raise SystemExit(f"{item['id']}: marked verified-plan-text without a plan quote")
        record["sources"] = sources
        records.append(record)
    measures = load_measures(records, where=str(CURATED))  # validates every record
    return [m.to_dict() for m in measures]


# ---------------------------------------------------------------------- indicators
INDICATORS: list[dict[str, str]] = [
    {
        "id": "ict-workforce",
        "name_nl": "ICT-geschoolden (werkzame ICT'ers)",
        "name_en": "ICT-skilled workforce",
        "unit": "personen",
        "source": "Kabinet (Strategie Digitale Economie), als geciteerd: security.nl 894822 (2022), 844210 (2024)",
        "definition": "Aantal ICT-geschoolden/ICT'ers volgens het kabinet; de onderliggende reeks (vermoedelijk CBS "
        "ICT-specialisten, Eurostat-definitie) is niet bevestigd. De waarden 2022 en 2024 gebruiken mogelijk "
        "verschillende definities.",
        "licence": "feiten (bron per waarde)",
        "frequency": "year",
    },
    {
        "id": "vacancies-technical",
        "name_nl": "Openstaande vacatures techniek",
        "name_en": "Open vacancies, technical occupations",
        "unit": "vacatures",
        "source": "Techniekpactmonitor (UWV-data); Kamerstuk 29 544, nr. 1283 via security.nl 894822",
        "definition": "Openstaande vacatures in technische beroepen (brede bètatechniek-definitie, Techniekpact).",
        "licence": "feiten (bron per waarde)",
        "frequency": "quarter",
    },
    {
        "id": "vacancies-ict",
        "name_nl": "Openstaande vacatures digitale banen",
        "name_en": "Open vacancies, digital (ICT) jobs",
        "unit": "vacatures",
        "source": "Kamerstuk 29 544, nr. 1283 (Voortgangsrapportage 2025) via security.nl 894822",
        "definition": "Openstaande vacatures in digitale banen zoals de voortgangsrapportage ze telt.",
        "licence": "feiten (bron per waarde)",
        "frequency": "quarter",
    },
    {
        "id": "vacancies-total",
        "name_nl": "Openstaande vacatures totaal",
        "name_en": "Open vacancies, total",
        "unit": "vacatures",
        "source": "accountancyvanmorgen.nl 2022-12-22 (CBS/UWV)",
        "definition": "Alle openstaande vacatures in Nederland.",
        "licence": "feiten",
        "frequency": "quarter",
    },
    {
        "id": "employed-technical-occupations",
        "name_nl": "Werkzamen in technische beroepen",
        "name_en": "Employed in technical occupations",
        "unit": "personen",
        "source": "Techniekpact via bedrijvenbeleidinbeeld.nl (research note monitoring-anchors.md §1.2)",
        "definition": "Werkzame personen in technische beroepen (brede Techniekpact-definitie), eind van het jaar.",
        "licence": "feiten",
        "frequency": "year",
    },
    {
        "id": "women-technical-occupations",
        "name_nl": "Vrouwen in technische beroepen",
        "name_en": "Women in technical occupations",
        "unit": "personen",
        "source": "Techniekpactmonitor, M/V-kenmerken technische arbeidsmarkt (research note §1.2)",
        "definition": "Werkzame vrouwen in technische beroepen (Techniekpact-definitie).",
        "licence": "feiten",
        "frequency": "year",
    },
    {
        "id": "women-ict-occupations",
        "name_nl": "Vrouwen in ICT-beroepen",
        "name_en": "Women in ICT occupations",
        "unit": "personen",
        "source": "Techniekpactmonitor, M/V-kenmerken technische arbeidsmarkt (research note §1.2)",
        "definition": "Werkzame vrouwen in ICT-beroepen.",
        "licence": "feiten",
        "frequency": "year",
    },
    {
        "id": "vmbo-technical-profile-share",
        "name_nl": "Aandeel vmbo-leerlingen leerjaar 3 met technisch profiel",
        "name_en": "Share of vmbo year-3 pupils in a technical profile",
        "unit": "%",
        "source": "Kamerstuk 29 544, nr. 1229 (22 dec 2023) (research note §1.2)",
        "definition": "Aandeel leerlingen in leerjaar 3 van het vmbo met een bètatechnisch profiel.",
        "licence": "feiten",
        "frequency": "year",
    },
    {
        "id": "hybrid-teachers",
        "name_nl": "Hybride docenten in de techniek",
        "name_en": "Hybrid teachers in technology",
        "unit": "personen",
        "source": "Aanvalsplan Arbeidsmarktkrapte Techniek, Bouw en Energie (toezegging 1.000)",
        "definition": "Docenten die naast een baan in de techniek lesgeven. Geen openbare reeks gevonden.",
        "licence": "feiten",
        "frequency": "year",
    },
    {
        "id": "res-scope-production",
        "name_nl": "Hernieuwbare elektriciteit binnen RES-scope (wind op land + zon > 15 kWp)",
        "name_en": "Renewable electricity in RES scope (onshore wind + solar > 15 kWp)",
        "unit": "TWh",
        "source": "CBS StatLine 85004NED (afgeleid: som van wind op land en zon > 15 kWp, niet-genormaliseerd)",
        "definition": "Productie van wind op land en zonnestroom uit installaties > 15 kWp, niet genormaliseerd; "
        "de RES-doelstelling is 35 TWh in 2030.",
        "licence": CBS,
        "frequency": "year",
    },
    {
        "id": "solar-capacity",
        "name_nl": "Opgesteld vermogen zonnestroom",
        "name_en": "Installed solar PV capacity",
        "unit": "MW",
        "source": "CBS StatLine 85004NED",
        "definition": "Opgesteld elektrisch vermogen van alle zonnestroominstallaties, eind van het jaar.",
        "licence": CBS,
        "frequency": "year",
    },
    {
        "id": "solar-installations",
        "name_nl": "Aantal zonnestroominstallaties",
        "name_en": "Number of solar PV installations",
        "unit": "installaties",
        "source": "CBS StatLine 85005NED (Zonnestroom; vermogen en vermogensklasse, bedrijven en woningen, regio)",
        "definition": "Alle zonnestroominstallaties (woningen en bedrijven), eind van het jaar.",
        "licence": CBS,
        "frequency": "year",
    },
    {
        "id": "wind-onshore-capacity",
        "name_nl": "Opgesteld vermogen windenergie op land",
        "name_en": "Installed onshore wind capacity",
        "unit": "MW",
        "source": "CBS StatLine 70960ned (Windenergie op land; productie en capaciteit per provincie)",
        "definition": "Opgesteld vermogen van windturbines op land, eind van het jaar.",
        "licence": CBS,
        "frequency": "year",
    },
    {
        "id": "wind-onshore-production",
        "name_nl": "Productie windenergie op land (niet genormaliseerd)",
        "name_en": "Onshore wind production (not normalised)",
        "unit": "GWh",
        "source": "CBS StatLine 70960ned",
        "definition": "Niet-genormaliseerde elektriciteitsproductie van windturbines op land.",
        "licence": CBS,
        "frequency": "year",
    },
    {
        "id": "heat-pumps-in-use",
        "name_nl": "Warmtepompen in gebruik (alle typen, alle sectoren)",
        "name_en": "Heat pumps in use (all types, all sectors)",
        "unit": "aantal",
        "source": "CBS StatLine 85523NED",
        "definition": "Opgestelde warmtepompen eind van het jaar, inclusief lucht-luchtwarmtepompen.",
        "licence": CBS,
        "frequency": "year",
    },
    {
        "id": "heat-pumps-commissioned",
        "name_nl": "In gebruik genomen warmtepompen",
        "name_en": "Heat pumps commissioned",
        "unit": "aantal per jaar",
        "source": "CBS StatLine 85523NED",
        "definition": "Warmtepompen die in het jaar in gebruik zijn genomen (alle typen, alle sectoren): "
        "een maat voor het installatietempo en dus de vraag naar installateurs.",
        "licence": CBS,
        "frequency": "year",
    },
]

# anchor id -> (indicator, period as in the anchor file's period column or overridden)
ANCHORS: dict[str, tuple[str, str]] = {
    "A02": ("ict-workforce", "2022"),
    "A03": ("ict-workforce", "2024"),
    "A04": ("vacancies-technical", "2023Q4"),
    "A06": ("vacancies-technical", "2024Q4"),
    "A07": ("vacancies-ict", "2024Q4"),
    "A09": ("vacancies-total", "2022Q3"),
}
# values stated in the notes of anchor rows: "2016Q1: 29200"
ANCHOR_NOTES: dict[str, str] = {"A04": "vacancies-technical", "A07": "vacancies-ict"}
# figures from the research note (docs/research/monitoring-anchors.md §1.2), with their source
RESEARCH_FIGURES: list[tuple[str, str, float, str]] = [
    ("employed-technical-occupations", "2022", 1847000, "bedrijvenbeleidinbeeld.nl Techniekpact"),
    ("women-technical-occupations", "2013", 188000, "techniekpact.nl monitor M/V"),
    ("women-technical-occupations", "2022", 304000, "techniekpact.nl monitor M/V"),
    ("women-ict-occupations", "2013", 39000, "techniekpact.nl monitor M/V"),
    ("women-ict-occupations", "2022", 95000, "techniekpact.nl monitor M/V"),
    ("vmbo-technical-profile-share", "2021", 19.0, "Kamerstuk 29 544, nr. 1229"),
    ("vmbo-technical-profile-share", "2023", 20.3, "Kamerstuk 29 544, nr. 1229"),
]


def anchor_rows() -> list[dict[str, Any]]:
    rows = []
    with (SHARED / "indicators" / "anchors.csv").open(encoding="utf-8") as fh:
        anchors = {r["id"]: r for r in csv.DictReader(fh)}
    for anchor_id, (indicator, period) in ANCHORS.items():
        a = anchors[anchor_id]
        rows.append(_obs(indicator, "NL", period, float(a["value"]), "2026", f"anchors.csv {anchor_id}: {a['source']}"))
    for anchor_id, indicator in ANCHOR_NOTES.items():
        a = anchors[anchor_id]
        m = re.match(r"^(\d{4}Q[1-4]):\s*(\d+)$", a["note"].strip())
        if not m:
            raise SystemExit(f"{anchor_id}: note {a['note']!r} does not hold 'YYYYQn: value'")
        rows.append(_obs(indicator, "NL", m.group(1), float(m.group(2)), "2026", f"anchors.csv {anchor_id} (note)"))
    for indicator, period, value, source in RESEARCH_FIGURES:
        rows.append(_obs(indicator, "NL", period, value, "2026", f"{source} (research note {RESEARCH_NOTE})"))
    return rows


def _obs(indicator: str, region: str, period: str, value: float, vintage: str, source: str) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "region": normalise_region(region),
        "period": normalise_period(period)[0],
        "value": round(float(value), 6),
        "vintage": vintage,
        "source": source,
    }


def _keep_region(code: str) -> bool:
    code = normalise_region(code)
    return code == "NL" or (code[:2] in {"PV", "ES", "GM"} and not code.endswith("99"))


def energy_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    energy = SHARED / "energy"
    t = pd.read_csv(energy / "cbs_85004NED_hernieuwbare_elektriciteit_regio" / "85004NED_tidy.csv")
    t = t[t["region_type"].isin(["country", "province", "res_region"])]
    src = "CBS 85004NED"
    for r in t[t["source"] == "solar_pv_total"].itertuples():
        if _keep_region(r.region_code) and pd.notna(r.installed_capacity_MW):
            rows.append(_obs("solar-capacity", r.region_code, str(r.year), r.installed_capacity_MW, "2025", src))
    scope = t[
        t["source"].isin(["wind_onshore", "solar_pv_large_gt15kWp"]) & t["region_type"].isin(["country", "res_region"])
    ]
    pivot = scope.pivot_table(index=["region_code", "year"], columns="source", values="production_GWh", aggfunc="sum")
    for (region, year), r in pivot.iterrows():
        if _keep_region(region) and pd.notna(r.get("wind_onshore")) and pd.notna(r.get("solar_pv_large_gt15kWp")):
            twh = (r["wind_onshore"] + r["solar_pv_large_gt15kWp"]) / 1000
            rows.append(_obs("res-scope-production", region, str(year), twh, "2025", src + " (derived)"))

    w = pd.read_csv(energy / "cbs_70960ned_windenergie_provincie" / "70960ned_tidy.csv")
    for r in w.itertuples():
        if not _keep_region(r.region_code):
            continue
        if pd.notna(r.capacity_MW_end_of_year):
            rows.append(
                _obs(
                    "wind-onshore-capacity",
                    r.region_code,
                    str(r.year),
                    r.capacity_MW_end_of_year,
                    "2025",
                    "CBS 70960ned",
                )
            )
        if pd.notna(r.production_GWh):
            rows.append(
                _obs("wind-onshore-production", r.region_code, str(r.year), r.production_GWh, "2025", "CBS 70960ned")
            )

    h = pd.read_csv(energy / "cbs_85523NED_warmtepompen" / "85523NED_full_data.csv", dtype=str)
    h = h[(h["Warmtepompen"].str.strip() == "T001364") & (h["Sector"].str.strip() == "E007041")]
    for r in h.itertuples():
        period = str(r.Perioden)
        if isinstance(r.OpgesteldeWarmtepompenEindeVanJaar_3, str) and r.OpgesteldeWarmtepompenEindeVanJaar_3:
            rows.append(
                _obs(
                    "heat-pumps-in-use",
                    "NL",
                    period,
                    float(r.OpgesteldeWarmtepompenEindeVanJaar_3),
                    "2025",
                    "CBS 85523NED",
                )
            )
        if isinstance(r.InGebruikGenomenWarmtepompen_1, str) and r.InGebruikGenomenWarmtepompen_1:
            rows.append(
                _obs(
                    "heat-pumps-commissioned",
                    "NL",
                    period,
                    float(r.InGebruikGenomenWarmtepompen_1),
                    "2025",
                    "CBS 85523NED",
                )
            )

    z = pd.read_csv(energy / "cbs_85005NED_zonnestroom_regio" / "85005NED_full_data.csv", dtype=str)
    z = z[(z["SectorEnVermogensklasse"].str.strip() == "E007161") & (z["Perioden"] != "2025JJ00")]
    for r in z.itertuples():
        if _keep_region(r.RegioS) and isinstance(r.Installaties_1, str) and r.Installaties_1.strip():
            rows.append(
                _obs("solar-installations", r.RegioS, r.Perioden, float(r.Installaties_1), "2025-11-18", "CBS 85005NED")
            )
    return rows


def labour_rows() -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """One indicator per BRC 2014 beroepsklasse (national, 2023) from CBS 85276NED."""
    path = (
        SHARED
        / "labour"
        / "cbs_85276NED_werkzame_beroepsbevolking_beroep_2023"
        / "werkzame_beroepsbevolking_brc_2023.csv"
    )
    table = pd.read_csv(path, dtype=str)
    defs, rows = [], []
    for r in table[table["level"] == "2"].itertuples():
        ind = f"employed-brc-{r.brc}"
        defs.append(
            {
                "id": ind,
                "name_nl": f"Werkzame beroepsbevolking: {r.title_cbs.rstrip('.')}",
                "name_en": f"Employed labour force: BRC 2014 class {r.brc}",
                "unit": "x 1.000 personen",
                "source": "CBS StatLine 85276NED (Werkzame beroepsbevolking; beroep)",
                "definition": "Werkzame beroepsbevolking (15-75 jaar, incl. zelfstandigen) in BRC 2014-beroepsklasse "
                f"{r.brc}.",
                "licence": CBS,
                "frequency": "year",
            }
        )
        rows.append(_obs(ind, "NL", r.period, float(r.werkzame_beroepsbevolking_x1000), "2024", "CBS 85276NED"))
    return defs, rows


def write_indicators() -> None:
    folder = PACKAGE_DATA / "indicators-agdb"
    folder.mkdir(parents=True, exist_ok=True)
    labour_defs, labour_obs = labour_rows()
    definitions = INDICATORS + labour_defs
    rows = anchor_rows() + energy_rows() + labour_obs
    known = {d["id"] for d in definitions}
    unknown = {r["indicator"] for r in rows} - known
    if unknown:
        raise SystemExit(f"observations for undefined indicators: {sorted(unknown)}")
    keys = [(r["indicator"], r["region"], r["period"]) for r in rows]
    if len(keys) != len(set(keys)):
        raise SystemExit("duplicate (indicator, region, period) rows")
    rows.sort(key=lambda r: (r["indicator"], r["region"], r["period"]))
    (folder / "indicators.json").write_text(
        json.dumps(definitions, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=["indicator", "region", "period", "value", "vintage", "source"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    # mtime=0 keeps the gzip bytes (and so the checksum) reproducible
    (folder / "observations.csv.gz").write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
    write_provenance(
        "indicators-agdb",
        title="Indicator panel for the Actieplan Groene en Digitale Banen (energy, vacancies, ICT, employment)",
        source="CBS StatLine 85004NED, 85005NED, 70960ned, 85523NED, 85276NED (copies in shared/data/energy and "
        "shared/data/labour); anchor figures shared/data/indicators/anchors.csv; figures cited in "
        "shared/docs/research/monitoring-anchors.md",
        version=f"built {CURATED_ON}; CBS tables as modified up to 2025-11-18",
        licence="CBS rows CC BY 4.0; anchor and research-note rows are facts with their source per row",
        attribution="Bron: CBS (table ids per indicator); other sources named per observation",
        derivation=f"scripts/build_monitor.py: {len(definitions)} indicators, {len(rows)} observations; regions NL, "
        "provinces, RES regions, municipalities (unassignable '99' codes dropped); 85005NED 2025 (half year) dropped; "
        "res-scope-production = wind op land + zon > 15 kWp (85004NED, not normalised)",
    )
    print(f"indicators-agdb: {len(definitions)} indicators, {len(rows)} observations")


def write_measures() -> None:
    folder = PACKAGE_DATA / "measures-actieplan-2023"
    folder.mkdir(parents=True, exist_ok=True)
    records = build_measures()
    (folder / "measures.json").write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for r in records:
        counts[r["verification_status"]] = counts.get(r["verification_status"], 0) + 1
    write_provenance(
        "measures-actieplan-2023",
        title="Measures of the Actieplan Groene en Digitale Banen (registry seed)",
        source=f"{PLAN_DOCUMENT}, {PLAN_URL} (text copy shared/seed/); later public documents as cited in "
        f"shared/{RESEARCH_NOTE}",
        version=f"curated {CURATED_ON}",
        licence="Dutch government documents: no copyright on laws and parliamentary papers (Auteurswet art. 11/15b); "
        "the curation is EUPL-1.2 with krapte",
        attribution="Kamerstuk 29 544, nr. 1173 and later Kamerstukken; budget and programme pages as cited per source",
        derivation=f"hand-curated scripts/monitor/measures-curated.json, quotes checked verbatim against the plan text "
        f"by scripts/build_monitor.py (page and section added); {len(records)} measures: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
    )
    print(f"measures-actieplan-2023: {len(records)} measures ({counts})")


def main() -> int:
    write_measures()
    write_indicators()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
