"""Generate the DEMO set of Dutch vacancies and courses for ``make run`` (seeded; output committed).

!! Everything written here is GENERATED for demonstration. No vacancy, employer, course or provider is real. !!

Writes ``src/krapte/data/match-demo/``:

- ``vacancies.jsonl``: 8 vacancies in each of the 35 arbeidsmarktregio's (280), for 21 green, digital and
  technical ESCO occupations; Dutch title, introduction, tasks, requirements and offer. Tasks use the Dutch ESCO
  labels of the occupation's essential skills, so the real extractor finds skills in them; skills are NOT given in
  the records, they come from extraction when the set is loaded. Salaries follow the CBS 85517NED hourly wage
  quartiles (p25–p75) of the occupation's BRC group × 165 hours a month.
- ``courses.jsonl``: 3 short courses per occupation in different regions (63) whose descriptions name the skills
  they teach (Dutch ESCO labels), with cost, duration, mode, NLQF level and start dates; one in three is an
  accredited derde-leerweg module with the crebo of the matching mbo qualification.

Every record has ``"demo": true``, an id starting with ``demo-``, and a sentence saying it is generated.
Run: ``.venv/bin/python scripts/build_match_demo.py`` (or ``make data``).
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from krapte.match.data import wages_by_occupation
from krapte.taxonomy import default_taxonomy
from provenance import PACKAGE_DATA, write_provenance

DATASET = "match-demo"
SEED = 20261207
PER_REGION = 8
NOTE = "Dit is een gegenereerde demovacature van krapte, geen echte baan."
COURSE_NOTE = "Dit is een gegenereerde democursus van krapte, geen echte opleiding."

# ESCO occupation (Dutch preferred label) -> Dutch job titles used in postings, and the crebo of the mbo
# qualification that leads to it (for the derde-leerweg demo modules; "" where none fits)
OCCUPATIONS: dict[str, tuple[list[str], str]] = {
    "monteur verwarmings- en ventilatietechniek": (
        ["Monteur warmtepompen", "Installatiemonteur W", "Servicemonteur verwarming"],
        "25280",
    ),
    "technicus verwarmings- en airconditioningsinstallaties": (
        ["Servicetechnicus warmtepompen en airco", "Technicus klimaatinstallaties"],
        "25284",
    ),
    "technicus koel-, lucht- en verwarmingstechniek": (
        ["Koeltechnicus", "Technicus koude- en klimaatsystemen"],
        "25285",
    ),
    "monteur zonnepanelen": (["Zonnepanelenmonteur", "Monteur zonne-energie", "PV-monteur"], "25333"),
    "monteur elektrische installaties woningbouw": (["Elektromonteur woningbouw", "Eerste monteur elektra"], "25332"),
    "monteur elektriciteitsnetten": (["Monteur laagspanning netbeheer", "Monteur middenspanning"], "25273"),
    "kabelmonteur": (["Kabelmonteur", "Monteur kabels en leidingen"], "25269"),
    "servicetechnicus onshore-windmolenpark": (["Servicetechnicus windturbines", "Windturbinetechnicus"], ""),
    "technicus geothermische energie": (["Technicus bodemwarmte en geothermie", "Monteur bodemenergie"], ""),
    "isoleerder": (["Isolatiemonteur", "Monteur na-isolatie woningen"], "25278"),
    "elektrotechnicus": (["Elektrotechnicus", "Technicus elektrotechniek"], "25276"),
    "mechatronicus": (["Monteur mechatronica", "Mechatronicus"], "25342"),
    "monteur industriële machines": (["Onderhoudsmonteur", "Storingsmonteur productie"], "25308"),
    "onderhoudstechnicus batterijen": (["Technicus batterijsystemen", "Monteur thuisbatterijen"], ""),
    "lasser": (["Lasser MIG/MAG", "Allround lasser", "Constructielasser"], "25287"),
    "monteur staalconstructies": (["Constructiemonteur staal", "Monteur staalbouw"], "25291"),
    "loodgieter": (["Loodgieter", "Installatiemonteur sanitair"], "25350"),
    "glasvezelmonteur": (["Glasvezelmonteur", "Monteur glasvezelnetwerk"], "25271"),
    "ICT-netwerktechnicus": (["Netwerkbeheerder", "Medewerker netwerkbeheer"], "25190"),
    "ICT-technicus": (["ICT-medewerker", "Servicedeskmedewerker ICT", "Systeembeheerder"], "25191"),
    "software ontwikkelaar": (["Softwareontwikkelaar", "Junior developer", "Applicatieontwikkelaar"], "25187"),
}

GREEN = (
    "monteur zonnepanelen",
    "servicetechnicus onshore-windmolenpark",
    "isoleerder",
    "technicus geothermische energie",
    "technicus verwarmings- en airconditioningsinstallaties",
    "technicus koel-, lucht- en verwarmingstechniek",
    "monteur verwarmings- en ventilatietechniek",
)
DIGITAL = ("ICT-netwerktechnicus", "ICT-technicus", "software ontwikkelaar")
EMPLOYER_KINDS = ["Installatietechniek", "Energie", "Techniek", "Netwerken", "Service", "Infra", "Solar", "ICT"]
EMPLOYER_NAMES = [
    "Van Dijk",
    "De Vries",
    "Bakker",
    "Jansen",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "De Boer",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "De Wit",
    "Dijkstra",
    "Kramer",
]
GREEN_INTRO = "Ben jij een echte vakman of vakvrouw en wil je bijdragen aan de energietransitie? Dan zoeken we jou."
DIGITAL_INTRO = "Wil je met ICT het verschil maken voor onze klanten? Dan zoeken we jou."
INTROS = [
    "Wij groeien hard en zoeken een collega die de handen uit de mouwen steekt.",
    "Voor onze klanten in de regio zoeken wij een enthousiaste collega.",
    "Zin in afwisselend werk in een hecht team? Lees dan verder.",
    "Ook zij-instromers met technisch inzicht nodigen we van harte uit om te solliciteren.",
]
OFFERS = [
    "Wij bieden een goed salaris, een bus van de zaak en ruimte voor opleiding.",
    "Je krijgt een vast contract na een proefperiode, reiskostenvergoeding en een opleidingsbudget.",
    "Goede secundaire arbeidsvoorwaarden volgens de cao, en we betalen je opleiding.",
    "Je werkt in een team met ervaren collega's die je inwerken; scholing volgen kan onder werktijd.",
]
PROVIDERS = [
    "Demo Opleidingscentrum Techniek",
    "Demo Vakschool Energie",
    "Demo Academie Installatie",
    "Demo Leerwerkplaats",
    "Demo ICT Academie",
]


def _regions() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    path = PACKAGE_DATA / "regions-2026" / "gemeenten.csv"
    out: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["arbeidsmarktregio_code"], (r["arbeidsmarktregio"], []))[1].append(
                (r["gemeente_code"], r["gemeente"])
            )
    return dict(sorted(out.items()))


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def main() -> None:
    rng = np.random.default_rng(SEED)
    tax = default_taxonomy()
    by_label = {o.label("nl"): u for u, o in tax.occupations.items()}
    wages = wages_by_occupation(tax)
    with (PACKAGE_DATA / "wages-brc-2022" / "brc_wage_quartiles.csv").open(encoding="utf-8") as fh:
        quartiles = {r["brc"]: r for r in csv.DictReader(fh)}
    with (PACKAGE_DATA / "wages-brc-2022" / "isco_brc.csv").open(encoding="utf-8") as fh:
        isco_brc = {r["isco08_unit"]: r["brc_group"] for r in csv.DictReader(fh)}
    regions = _regions()
    occ_names = list(OCCUPATIONS)
    skills_nl: dict[str, list[str]] = {}
    knowledge_nl: dict[str, list[str]] = {}
    for name in occ_names:
        occ = tax.occupations[by_label[name]]
        dutch = [tax.skills[s] for s in occ.essential_skills if tax.skills[s].has_label("nl")]
        skills_nl[name] = [s.labels["nl"] for s in dutch if not s.is_knowledge]
        knowledge_nl[name] = [s.labels["nl"] for s in dutch if s.is_knowledge]
    vacancies: list[dict[str, Any]] = []
    today = date(2026, 12, 7)
    for code, (_region, gemeenten) in regions.items():
        picks = rng.choice(len(occ_names), size=PER_REGION, replace=False)
        for k in picks:
            name = occ_names[int(k)]
            uri = by_label[name]
            titles, _ = OCCUPATIONS[name]
            title = str(rng.choice(titles))
            gm_code, gm_name = gemeenten[int(rng.integers(len(gemeenten)))]
            tasks = list(rng.choice(skills_nl[name], size=min(5, len(skills_nl[name])), replace=False))
            known = knowledge_nl[name]
            knows = list(rng.choice(known, size=min(2, len(known)), replace=False)) if known else []
            level = int(rng.choice([2, 3, 3, 4]))
            hours = [(32, 40), (36, 40), (38, 40), (24, 32), (40, 40)][int(rng.integers(5))]
            certs = [
                c
                for c, p in (
                    ("VCA-basis", 0.5),
                    ("NEN 3140", 0.3 if "elektr" in name or "zonne" in name else 0.0),
                    ("F-gassen", 0.5 if "verwarm" in name or "koel" in name else 0.0),
                )
                if rng.random() < p
            ]
            licence = rng.random() < 0.6 and name not in ("software ontwikkelaar", "ICT-technicus")
            q = quartiles.get(isco_brc.get(tax.occupations[uri].isco_code[:4], ""), {})
            p25 = float(q.get("p25") or wages.get(uri, 18.0) * 0.85)
            p75 = float(q.get("p75") or wages.get(uri, 18.0) * 1.2)
            employer = f"Demo {rng.choice(EMPLOYER_NAMES)} {rng.choice(EMPLOYER_KINDS)} B.V."
            reqs = [f"Je hebt een diploma op mbo-niveau {level} of vergelijkbare werkervaring."]
            if knows:
                reqs.append(f"Je hebt kennis van {_join([k.lower() for k in knows])}.")
            if certs:
                reqs.append(f"Je hebt {_join(certs)} of bent bereid dit te halen.")
            if licence:
                reqs.append("Je hebt rijbewijs B.")
            reqs.append("Je spreekt en schrijft Nederlands.")
            description = "\n".join(
                [
                    str(
                        rng.choice(
                            [*INTROS, GREEN_INTRO if name in GREEN else DIGITAL_INTRO if name in DIGITAL else INTROS[0]]
                        )
                    ),
                    "",
                    "Wat ga je doen?",
                    *[f"- {t[0].upper()}{t[1:]}" for t in tasks],
                    "",
                    "Wat vragen wij?",
                    *[f"- {r}" for r in reqs],
                    f"- Je werkt {hours[0]} tot {hours[1]} uur per week."
                    if hours[0] != hours[1]
                    else f"- Je werkt {hours[0]} uur per week.",
                    "",
                    "Wat bieden wij?",
                    str(rng.choice(OFFERS)),
                    "",
                    NOTE,
                ]
            )
            posted = today - timedelta(days=int(rng.integers(1, 40)))
            vacancies.append(
                {
                    "id": f"demo-v-{len(vacancies) + 1:04d}",
                    "title": title,
                    "description": description,
                    "employer": employer,
                    "gemeente": gm_code,
                    "location": gm_name,
                    "region": code,
                    "hours_min": hours[0],
                    "hours_max": hours[1],
                    "salary_min": round(p25 * 165 / 10) * 10,
                    "salary_max": round(p75 * 165 / 10) * 10,
                    "salary_unit": "MONTH",
                    "employment_type": "FULL_TIME" if hours[0] >= 36 else "PART_TIME",
                    "education_requirements": f"mbo {level}",
                    "date_posted": posted.isoformat(),
                    "valid_through": (posted + timedelta(days=int(rng.integers(60, 120)))).isoformat(),
                    "occupation": uri,
                    "open_hiring": bool(rng.random() < 0.08),
                    "demo": True,
                }
            )
    courses: list[dict[str, Any]] = []
    region_codes = list(regions)
    for name in occ_names:
        uri = by_label[name]
        _, crebo = OCCUPATIONS[name]
        skills = list(skills_nl[name]) + list(knowledge_nl[name])
        rng.shuffle(skills)
        chunks = [skills[i::3] for i in range(3)]
        for part, chunk in enumerate(chunks, 1):
            taught = chunk[:6]
            if not taught:
                continue
            code = str(rng.choice(region_codes))
            gm_code, gm_name = regions[code][1][int(rng.integers(len(regions[code][1])))]
            accredited = bool(crebo) and part == 1
            weeks = int(rng.choice([2, 4, 6, 8, 12, 16, 26] if not accredited else [26, 40]))
            cost = int(rng.choice([350, 495, 750, 950, 1250, 1650, 2200, 2950]) if not accredited else 0)
            title = OCCUPATIONS[name][0][0]
            starts = sorted({(today + timedelta(days=int(d))).isoformat() for d in rng.integers(20, 200, size=3)})
            courses.append(
                {
                    "id": f"demo-c-{len(courses) + 1:03d}",
                    "name": f"{title}: module {part}" + (" (derde leerweg)" if accredited else ""),
                    "provider": str(rng.choice(PROVIDERS)),
                    "description": f"In deze {'praktijkgerichte ' if part != 2 else ''}cursus leer je "
                    f"{_join([t.lower() for t in taught])}. Je oefent in een praktijklokaal en sluit af met een "
                    f"praktijkopdracht. {COURSE_NOTE}",
                    "duration_weeks": weeks,
                    "study_load_hours": weeks * 8,
                    "cost_eur": cost if cost else int(rng.choice([1200, 1800, 2400])),
                    "mode": str(rng.choice(["klassikaal", "blended", "online"])) if not accredited else "bbl",
                    "start_dates": "|".join(starts),
                    "gemeente": gm_code,
                    "location": gm_name,
                    "region": code,
                    "nlqf": int(rng.choice([2, 3, 4])),
                    "crebo": crebo if accredited else "",
                    "kind": "mbo-derde-leerweg" if accredited else "cursus",
                    "accredited": accredited,
                    "occupations": uri,
                    "green": name in GREEN,
                    "digital": name in DIGITAL,
                    "technical": name not in DIGITAL,
                    "demo": True,
                }
            )
    out = PACKAGE_DATA / DATASET
    out.mkdir(parents=True, exist_ok=True)
    for fname, rows in (("vacancies.jsonl", vacancies), ("courses.jsonl", courses)):
        with (out / fname).open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    write_provenance(
        DATASET,
        title="DEMO: generated Dutch vacancies and courses for green, digital and technical occupations (not real)",
        source="generated by scripts/build_match_demo.py (seed 20261207) from ESCO v1.2.0 Dutch skill labels, "
        "the CBS 2026 gemeente/arbeidsmarktregio table and CBS 85517NED wage quartiles",
        version="demo-2026-12",
        licence="EUPL-1.2 (generated by the krapte project); ESCO © European Union; CBS data CC BY 4.0",
        attribution="Generated demo data - no real vacancy, employer, course or provider",
        derivation=f"{len(vacancies)} vacancies ({PER_REGION} in each of {len(regions)} arbeidsmarktregio's) and "
        f"{len(courses)} courses for {len(OCCUPATIONS)} occupations; skills are not given, they come from the "
        "real extraction when loaded; salaries = CBS p25-p75 hourly wage x 165 h",
    )
    print(f"demo: {len(vacancies)} vacancies in {len(regions)} regions, {len(courses)} courses")


if __name__ == "__main__":
    main()
