"""Build the embedded matching datasets from ``../shared/data`` (reproducible; the output is committed).

Writes into ``src/krapte/data/``:

- ``funding-schemes-2026/``   the 25 real Dutch funding schemes (shared/data/funding/schemes.csv) with their
                              eligibility and amount rules encoded as data (:data:`RULES`, by hand from the
                              ``eligibility_summary`` and ``amount_rule`` columns), and the contact points
- ``gemeente-centroids-2026/`` area-weighted centroids (WGS84) of the 342 gemeenten (shared/data/geo)
- ``wages-brc-2022/``         gross hourly wage quartiles per BRC 2014 group (CBS 85517NED, 2022) and the
                              ISCO-08 -> BRC crosswalk, for wage differences along career pathways
- ``mbo-qualifications-2015/`` and ``match-demo/`` are built by ``scripts/build_match_mbo.py`` and
                              ``scripts/build_match_demo.py``.

Run: ``.venv/bin/python scripts/build_match.py`` (or ``make data``).
"""

from __future__ import annotations

import csv
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from funding_en import TRANSLATION_NOTE, add_english
from provenance import PACKAGE_DATA, SHARED, write_provenance

if not SHARED.exists():  # a git worktree sits one level deeper than the main checkout
    SHARED = Path(os.environ.get("KRAPTE_SHARED_DATA", "/work/shared/data"))

EMPLOYER = ["employed", "at-risk"]
WORKING_OR_SEEKING = ["employed", "at-risk", "self-employed", "unemployed", "ww", "bijstand", "arbeidsongeschikt"]


def _ask(text: str) -> dict[str, Any]:
    return {"ask": text}


def _fact(name: str, op: str, value: Any, label: str) -> dict[str, Any]:
    return {"fact": name, op: value, "label": label}


EMPLOYED = _fact("person.employment_status", "in", EMPLOYER, "je bent in loondienst (je werkgever vraagt aan)")

# Eligibility and amount rules per scheme, encoded by hand from schemes.csv (eligibility_summary, amount_rule).
# Where a condition depends on a fact a profile may not hold (the legal age limit, nationality) or that krapte
# cannot know (the employer's recognition as leerbedrijf), it is an "ask": the decision is conditional on it.
RULES: dict[str, dict[str, Any]] = {
    "stap_budget": {
        "kind": "subsidy",
        "eligibility": {"all": []},
        "amount": {"kind": "fixed", "amount": 1000, "applies_to": "course-cost"},
    },
    "praktijkleren": {
        "kind": "subsidy",
        "eligibility": {
            "all": [
                _fact(
                    "course.kind",
                    "in",
                    ["mbo-bbl", "hbo-duaal", "hbo-deeltijd"],
                    "de opleiding is mbo-bbl of hbo duaal/deeltijd met een praktijkdeel",
                ),
                _ask(
                    "je werkt bij een SBB-erkend leerbedrijf met een praktijkovereenkomst (het leerbedrijf vraagt aan)"
                ),
            ]
        },
        "amount": {
            "kind": "fixed",
            "amount": 2700,
            "applies_to": "employer",
            "text": "max. EUR 2.700 per praktijkleerplaats per studiejaar, voor het leerbedrijf",
        },
    },
    "praktijkleren_klimaat_energie_extra": {
        "kind": "subsidy",
        "eligibility": {
            "all": [
                _fact("course.kind", "in", ["mbo-bbl"], "praktijkleerplaats in een mbo-bbl-opleiding"),
                _fact("course.green", "true", True, "de opleiding is gericht op de klimaat- en energietransitie"),
                _ask("de opleiding staat in bijlage 4 van de Subsidieregeling praktijkleren"),
            ]
        },
        "amount": {
            "kind": "fixed",
            "amount": 500,
            "applies_to": "employer",
            "text": "extra max. EUR 500 per praktijkleerplaats (studiejaar 2025/2026), voor het leerbedrijf",
        },
    },
    "praktijkleren_derde_leerweg": {
        "kind": "subsidy",
        "eligibility": {
            "all": [
                _fact(
                    "course.kind", "eq", "mbo-derde-leerweg", "de opleiding is een mbo-opleiding in de derde leerweg"
                ),
                _fact("person.employment_status", "in", WORKING_OR_SEEKING, "je bent werkende of werkzoekende"),
                _ask("er is een praktijkovereenkomst met een SBB-erkend leerbedrijf"),
            ]
        },
        "amount": {
            "kind": "fixed",
            "amount": 2700,
            "applies_to": "employer",
            "text": "max. EUR 2.700 per praktijkplaats van 40 weken, voor het leerbedrijf",
        },
    },
    "slim_leercultuur_mkb": {
        "kind": "subsidy",
        "eligibility": {"all": [EMPLOYED, _ask("je werkgever is een mkb-bedrijf (minder dan 250 werknemers)")]},
        "amount": {
            "kind": "none",
            "applies_to": "employer",
            "text": "60% van advies- en leercultuurkosten van het mkb-bedrijf; de scholing zelf niet",
        },
    },
    "slim_scholingssubsidie_ontwikkelpaden": {
        "kind": "subsidy",
        "eligibility": {
            "all": [
                EMPLOYED,
                _fact("course.nlqf", "exists", True, "de opleiding is NLQF-ingeschaald"),
                _ask(
                    "de opleiding hoort bij een functie in een erkend Ontwikkelpad (o.a. Techniek, Bouw en Energie; "
                    "Hoveniers en Groenvoorziening)"
                ),
            ]
        },
        # sources disagree (90% NLQF 1-3 / 40% NLQF 4 vs 90% NLQF 1-2 / 50% NLQF 3+): the lower of the two per level
        "amount": {
            "kind": "percentage",
            "percent_by_nlqf": {"1": 90, "2": 90, "3": 50, "4": 40, "5": 40, "6": 40, "7": 40, "8": 40},
            "applies_to": "course-cost",
            "text": "percentage van de opleidingskosten naar NLQF-niveau; bronnen verschillen, laagste genomen",
        },
    },
    "levenlanglerenkrediet": {
        "kind": "loan",
        "eligibility": {
            "all": [
                _fact(
                    "course.kind",
                    "in",
                    ["mbo-bol", "hbo", "hbo-deeltijd", "hbo-duaal", "wo"],
                    "erkende hbo-/wo-opleiding of voltijd mbo-bol (niet bbl of derde leerweg)",
                ),
                _fact("course.accredited", "true", True, "de opleiding is erkend en geregistreerd"),
                _ask("je bent jonger dan 57 jaar (wettelijke leeftijdsgrens)"),
                _ask(
                    "je hebt de Nederlandse nationaliteit, die van een EU/EER-land of Zwitserland, of een passende "
                    "verblijfsvergunning (wettelijke voorwaarde)"
                ),
            ]
        },
        "amount": {
            "kind": "loan",
            "applies_to": "person",
            "text": "lening tot het collegegeld/lesgeld; terugbetalen binnen 15 jaar",
        },
    },
    "nl_leert_door_ontwikkeladvies": {"kind": "service", "eligibility": {"all": []}, "amount": {"kind": "service"}},
    "ontwikkeladvies_stap_2022": {"kind": "service", "eligibility": {"all": []}, "amount": {"kind": "service"}},
    "ontwikkeladvies_praktisch_opgeleiden": {
        "kind": "service",
        "eligibility": {"all": []},
        "amount": {"kind": "service"},
    },
    "aftrek_scholingsuitgaven": {"kind": "tax", "eligibility": {"all": []}, "amount": {"kind": "tax-exempt"}},
    "wkr_gerichte_vrijstelling_scholing": {
        "kind": "tax",
        "eligibility": {"all": [EMPLOYED, _ask("je werkgever wil de opleidingskosten vergoeden")]},
        "amount": {
            "kind": "tax-exempt",
            "applies_to": "employer",
            "text": "je werkgever kan de kosten onbelast vergoeden",
        },
    },
    "wijtechniek_osr": {
        "kind": "fund",
        "eligibility": {
            "all": [
                _fact(
                    "person.sector",
                    "eq",
                    "installatietechniek",
                    "je werkgever valt onder Wij Techniek (installatietechniek)",
                ),
                EMPLOYED,
            ]
        },
        "amount": {
            "kind": "percentage",
            "percent": 100,
            "cap": 990,
            "applies_to": "course-cost",
            "text": "scholingstegoed per bedrijf: bedrijfsrecht + individueel recht (2024: EUR 900 + EUR 90 "
            "per medewerker); hier het deel voor een bedrijf met één medewerker",
        },
    },
    "wijtechniek_stip": {
        "kind": "fund",
        "eligibility": {
            "all": [
                _fact(
                    "person.sector",
                    "eq",
                    "installatietechniek",
                    "je werkgever valt onder Wij Techniek (installatietechniek)",
                ),
                _fact("course.kind", "in", ["mbo-bbl"], "beroepsopleiding met beroepspraktijkvorming (bbl)"),
                _ask("je aanstelling is ten minste 15 uur per week"),
            ]
        },
        "amount": {
            "kind": "fixed",
            "amount": 650,
            "applies_to": "employer",
            "text": "EUR 650 per afgerond half jaar (2024), voor de werkgever",
        },
    },
    "ao_metalektro_opleiden": {
        "kind": "fund",
        "eligibility": {
            "all": [_fact("person.sector", "eq", "metalektro", "je werkgever valt onder A+O Metalektro"), EMPLOYED]
        },
        "amount": {"kind": "fixed", "amount": 3000, "cap": 3800, "applies_to": "employer"},
    },
    "ao_metalektro_zij_instroom": {
        "kind": "fund",
        "eligibility": {
            "all": [
                _fact("person.sector", "eq", "metalektro", "je werkgever valt onder de cao Metalektro"),
                EMPLOYED,
                _ask("je bent zij-instromer uit een andere sector in een technische functie"),
            ]
        },
        "amount": {"kind": "percentage", "percent": 100, "cap": 3000, "applies_to": "course-cost"},
    },
    "ao_metalektro_digitale_vaardigheden": {
        "kind": "fund",
        "eligibility": {
            "all": [
                _fact("person.sector", "eq", "metalektro", "je werkgever valt onder A+O Metalektro"),
                EMPLOYED,
                _fact("course.digital", "true", True, "training in digitalisering of robotisering"),
                _fact("course.duration_weeks", "lte", 52, "doorlooptijd hoogstens 12 maanden"),
            ]
        },
        "amount": {"kind": "percentage", "percent": 90, "cap": 1000, "applies_to": "course-cost"},
    },
    "oom_leerwerkbijdrage": {
        "kind": "fund",
        "eligibility": {
            "all": [
                _fact("person.sector", "eq", "metaal-mkb", "je werkgever is aangesloten bij OOM (mkb-metaal)"),
                _fact(
                    "course.kind",
                    "in",
                    ["mbo-bol", "mbo-bbl", "hbo", "hbo-deeltijd", "hbo-duaal", "wo"],
                    "door OCW erkende mbo-, hbo- of wo-opleiding",
                ),
                _fact("course.accredited", "true", True, "de opleiding is erkend"),
            ]
        },
        "amount": {
            "kind": "fixed",
            "amount": 2700,
            "applies_to": "employer",
            "text": "EUR 2.700 - 4.200 per leerling per jaar (2023-2024), voor de werkgever; laagste genomen",
        },
    },
    "oom_persoonlijke_trainingstoelage": {
        "kind": "fund",
        "eligibility": {
            "all": [
                _fact("person.sector", "eq", "metaal-mkb", "je werkgever is aangesloten bij OOM (mkb-metaal)"),
                EMPLOYED,
            ]
        },
        "amount": {"kind": "percentage", "percent": 50, "cap": 800, "applies_to": "course-cost"},
    },
    "uwv_scholing_noodzakelijk": {
        "kind": "subsidy",
        "eligibility": {
            "all": [
                _fact(
                    "person.employment_status",
                    "in",
                    ["ww", "arbeidsongeschikt"],
                    "je hebt een WW-, WIA-, WAO-, WAZ-, Wajong- of ZW-uitkering",
                ),
                _fact("course.duration_weeks", "lte", 52, "de scholing duurt hoogstens een jaar"),
                {
                    "any": [
                        _fact("target.shortage", "true", True, "de opleiding leidt naar een kansrijk beroep"),
                        _ask("een werkgever geeft een baangarantie of -intentie"),
                    ]
                },
                _ask("UWV geeft vooraf toestemming"),
            ]
        },
        "amount": {
            "kind": "case-by-case",
            "applies_to": "course-cost",
            "text": "UWV kan de kosten betalen; geen vast bedrag",
        },
    },
    "uwv_scholingsbudget_ww": {
        "kind": "subsidy",
        "eligibility": {
            "all": [
                _fact("person.employment_status", "eq", "ww", "je hebt een WW-uitkering"),
                _fact("course.duration_weeks", "lte", 52, "kortdurende scholing (hoogstens een jaar)"),
                {
                    "any": [
                        _fact("target.shortage", "true", True, "richting een krapteberoep"),
                        _ask("een werkgever geeft een baangarantie of -intentie"),
                    ]
                },
                _ask("je adviseur werk van UWV beslist"),
            ]
        },
        "amount": {
            "kind": "percentage",
            "percent": 100,
            "cap": 2500,
            "applies_to": "course-cost",
            "text": "max. EUR 2.500 richting een krapteberoep zonder baangarantie (regels 2018)",
        },
    },
    "uwv_scholingsvoucher_kansberoep": {
        "kind": "subsidy",
        "eligibility": {"all": []},
        "amount": {"kind": "fixed", "amount": 2500},
    },
    "leerwerkloketten": {
        "kind": "service",
        "eligibility": {"all": []},
        "amount": {"kind": "service", "text": "kosteloos advies over leren en werken"},
    },
    "regionale_mobiliteitsteams": {"kind": "service", "eligibility": {"all": []}, "amount": {"kind": "service"}},
    "werkcentra": {
        "kind": "service",
        "eligibility": {"all": []},
        "amount": {"kind": "service", "text": "kosteloos advies over werk en scholing, zonder afspraak"},
    },
}


def build_funding() -> None:
    src = SHARED / "funding"
    out = PACKAGE_DATA / "funding-schemes-2026"
    out.mkdir(parents=True, exist_ok=True)
    with (src / "schemes.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    missing = {r["id"] for r in rows} ^ set(RULES)
    if missing:
        raise SystemExit(f"rules and schemes.csv disagree on: {sorted(missing)}")
    schemes = []
    for r in rows:
        rule = RULES[r["id"]]
        if rule["kind"] == "fund" and EMPLOYED not in rule["eligibility"]["all"]:
            # sector (O&O) funds pay through the employer: only people in paid employment can use them
            rule["eligibility"]["all"].append(EMPLOYED)
        schemes.append(
            {
                **{
                    k: r[k]
                    for k in (
                        "id",
                        "name_nl",
                        "name_en",
                        "issuer",
                        "executor",
                        "target_group",
                        "eligibility_summary",
                        "status",
                        "valid_from",
                        "valid_to",
                        "application_window",
                        "source_url",
                        "source_title",
                        "source_date",
                        "checked_on",
                        "notes",
                    )
                },
                "amount_rule_text": r["amount_rule"],
                "max_amount_eur": int(r["max_amount_eur"]) if r["max_amount_eur"] else None,
                "unverified": "unverified" in r["notes"].lower() or r["status"] == "unknown",
                "kind": rule["kind"],
                "eligibility": rule["eligibility"],
                "amount": rule["amount"],
            }
        )
    schemes = add_english(schemes)
    (out / "schemes.json").write_text(
        json.dumps({"translations": TRANSLATION_NOTE, "schemes": schemes}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    with (src / "contact_points.csv").open(encoding="utf-8") as fh:
        contacts = list(csv.DictReader(fh))
    (out / "contact_points.json").write_text(
        json.dumps(contacts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    write_provenance(
        "funding-schemes-2026",
        title="Dutch funding schemes for (re)training, with eligibility and amount rules as data; contact points",
        source="shared/data/funding/schemes.csv and contact_points.csv (hand-compiled from public pages, "
        "checked_on 2026-12-06; every row keeps its source_url, source_title and source_date)",
        version="2026-12-06",
        licence="facts only (government publications: Auteurswet art. 11); cite the source of each row",
        attribution="see source_url per scheme",
        derivation=f"{len(schemes)} schemes copied field by field; eligibility and amount rules encoded by hand "
        "from eligibility_summary and amount_rule (scripts/build_match.py RULES); 'unverified' set where the notes "
        f"say so or the status is unknown; {len(contacts)} contact points copied; English label_en/ask_en/text_en "
        "translated by hand from the Dutch rule texts (scripts/funding_en.py), the Dutch text is the source",
    )
    print(f"funding: {len(schemes)} schemes, {len(contacts)} contact points")


# --- gemeente centroids --------------------------------------------------------------------------------------
def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def _ring_moments(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and first moments of a ring (shoelace), in a local equirectangular projection."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return a / 2.0, cx / 6.0, cy / 6.0


def build_centroids() -> None:
    topo = json.loads((SHARED / "geo" / "gemeente_2026.topojson").read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    out = PACKAGE_DATA / "gemeente-centroids-2026"
    out.mkdir(parents=True, exist_ok=True)
    k = math.cos(math.radians(52.2))  # shrink longitudes so areas are (nearly) true at Dutch latitudes
    rows = []
    for geom in topo["objects"]["gemeente_2026"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        area = mx = my = 0.0
        for poly in polys:
            for ring_idx in poly:
                ring = [(x * k, y) for x, y in _ring(arcs, ring_idx)]
                a, cx, cy = _ring_moments(ring)
                area += a
                mx += cx
                my += cy
        lon, lat = mx / area / k, my / area
        props = geom["properties"]
        rows.append((props["statcode"], props["statnaam"], round(lat, 5), round(lon, 5)))
    rows.sort()
    with (out / "centroids.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["gemeente_code", "gemeente", "lat", "lon"])
        w.writerows(rows)
    write_provenance(
        "gemeente-centroids-2026",
        title="Centroids of the 342 gemeenten (indeling 2026), WGS84",
        source="shared/data/geo/gemeente_2026.topojson (cartomap/nl @01e3b4ce, from CBS/PDOK Gebiedsindelingen, "
        "simplified with mapshaper)",
        version="2026",
        licence="CBS/PDOK open data (attribute 'Bron: CBS / PDOK, via cartomap/nl')",
        attribution="Bron: CBS / PDOK, via cartomap/nl",
        derivation="area-weighted polygon centroid (shoelace over all rings, holes subtract) in a local "
        "equirectangular projection at 52.2°N; good to a few hundred metres for travel distances",
    )
    print(f"centroids: {len(rows)} gemeenten")


# --- wages ---------------------------------------------------------------------------------------------------
def build_wages() -> None:
    src = SHARED / "labour" / "cbs_85517NED_werknemers_uurloon_beroep_2022" / "brc_wage_quartiles.csv"
    cross = SHARED / "labour" / "brc2014_isco08_crosswalk" / "isco_brc_crosswalk.csv"
    out = PACKAGE_DATA / "wages-brc-2022"
    out.mkdir(parents=True, exist_ok=True)
    (out / "brc_wage_quartiles.csv").write_bytes(src.read_bytes())
    with cross.open(encoding="utf-8") as fh:
        pairs = [(r["isco08_unit"], r["brc_group"]) for r in csv.DictReader(fh)]
    with (out / "isco_brc.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["isco08_unit", "brc_group"])
        w.writerows(pairs)
    write_provenance(
        "wages-brc-2022",
        title="Gross hourly wage quartiles per BRC 2014 group (CBS 85517NED, 2022) and the ISCO-08 -> BRC crosswalk",
        source="shared/data/labour/cbs_85517NED_werknemers_uurloon_beroep_2022 (CBS StatLine 85517NED via "
        "Marrekoo/IKOB_Aporometrica @019f11c6) and brc2014_isco08_crosswalk (CBS Schakelschema ISCO2008-BRC2014)",
        version="2022",
        licence="CC BY 4.0 (CBS); CSV files MIT (IKOB)",
        attribution="Bron: CBS",
        derivation="wage file copied unchanged; crosswalk reduced to the two code columns",
    )
    print(f"wages: copied; crosswalk {len(pairs)} ISCO codes")


def main() -> None:
    build_funding()
    build_centroids()
    build_wages()


if __name__ == "__main__":
    main()
