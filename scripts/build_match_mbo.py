"""Map the official mbo qualifications (2015 list) to ESCO occupations and skills; write them as courses.

Writes ``src/krapte/data/mbo-qualifications-2015/``:

- ``qualifications.json``: every qualification (crebo, name, dossier, domain, level, leerweg, beroepsvereisten)
  with its mapped ESCO occupations, the mapping score and the ESCO skills it is taken to teach;
- ``courses.jsonl``: the same as :class:`krapte.match.Course` records (bbl, NLQF = mbo level, accredited);
- ``coverage.json``: the coverage report (mapped share overall and per domain).

Method (docs/match.md, "mbo qualifications"):

1. Title variants: the qualification name, the name without level words ("Allround", "Eerste", "Basis-",
   "Vakbekwaam", "Zelfstandig", "Gespecialiseerd"), and the dossier name. Each variant is ranked against every
   Dutch ESCO occupation label by the taxonomy's lexical job-title ranking (``krapte.taxonomy.search
   .rank_occupations`` without embeddings: char n-gram / word TF-IDF over preferred and alternative labels).
2. Only occupations at ISCO-08 skill levels 1-3 qualify (major groups 3-9): an mbo diploma (NLQF 1-4) does not
   prepare for a manager's (1) or professional's (2) occupation; this removed most wrong "ingenieur" and
   "manager" matches in the hand check.
3. An occupation's score is its best score over the name variants; the dossier variant (discounted by 0.9) is
   used only when no name variant reaches ``ACCEPT``: a dossier names a field ("Bediening", "Keuken"), not the
   occupation, and as an equal competitor it added wrong specific occupations (2026-12-07 hand check: 6 of 16
   wrong or doubtful mappings in a sample of 40 came from the dossier variant).
4. Hand overrides (:data:`OVERRIDES`) replace the automatic result for 73 technical and ICT qualifications where
   the lexical match fails or is wrong; they are marked ``"mapping": "hand"``.
5. The best occupation is accepted at score ≥ ``ACCEPT`` (0.6); a second one is added when it scores at least
   0.98 × the best (e.g. "zilversmid" and "goudsmid"). Below the threshold the qualification stays unmapped.
6. Skills taught = the essential skills of the accepted occupations (a qualification prepares for the
   occupation's core tasks; optional skills are not assumed).
7. Duration: the lower bound of the statutory course duration per kind (WEB art. 7.2.7: entree 1 year,
   basisberoeps 1–2, vak 2–3, middenkader 3–4, specialist 1–2 years); basis: estimated. Cost: not in the source
   (left empty).

Run: ``.venv/bin/python scripts/build_match_mbo.py`` (or ``make data``); needs the occupation n-gram index in
``KRAPTE_CACHE_DIR`` (built on first use).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.flags import all_flags
from krapte.taxonomy.search import rank_occupations
from provenance import PACKAGE_DATA, SHARED, write_provenance

if not SHARED.exists():
    SHARED = Path(os.environ.get("KRAPTE_SHARED_DATA", "/work/shared/data"))

DATASET = "mbo-qualifications-2015"
ACCEPT = 0.6
SECOND = 0.98
MBO_ISCO_MAJOR = ("3", "4", "5", "6", "7", "8", "9")  # ISCO skill levels 1-3; no managers (1) or professionals (2)
DOSSIER_DISCOUNT = 0.9
LEVEL_WORDS = re.compile(
    r"^(allround|eerste|tweede|basis|vakbekwaam|zelfstandig|gespecialiseerd|specialist|middenkader)\s*",
    re.IGNORECASE,
)
# Hand mapping of the technical and ICT qualifications where the lexical title match fails (Dutch mbo titles and
# Dutch ESCO labels differ: "Airco/warmtepompmonteur", "Monteur laagspanningsdistributie"). Values are exact Dutch
# ESCO preferred labels; an empty list keeps a qualification unmapped on purpose. Basis: judgement of this project
# from the qualification name and dossier, checked against the ESCO occupation descriptions (docs/match.md).
OVERRIDES: dict[str, list[str]] = {
    "25331": ["monteur elektrische installaties", "elektromechanicus"],
    "25332": ["monteur elektrische installaties woningbouw", "monteur elektrische installaties utiliteitsbouw"],
    "25333": ["monteur elektrische installaties"],
    "25262": ["elektrotechnicus"],
    "25263": ["elektrotechnicus", "monteur elektrische installaties gebouwen"],
    "25264": [
        "technicus koel-, lucht- en verwarmingstechniek",
        "technisch tekenaar koel-, lucht- en verwarmingstechniek",
    ],
    "25334": ["monteur industriële machines"],
    "25335": [],
    "25336": [],
    "25303": [],
    "25265": [],
    "25253": [],
    "25124": [],
    "25266": ["glasvezelmonteur", "servicemonteur communicatie-infrastructuur"],
    "25271": ["glasvezelmonteur"],
    "25267": ["gasmonteur", "technicus watervoorzieningsnet"],
    "25272": ["gasmonteur", "technicus watervoorzieningsnet"],
    "25268": ["gasmonteur"],
    "25269": ["monteur elektriciteitsnetten", "kabelmonteur"],
    "25273": ["monteur elektriciteitsnetten", "kabelmonteur"],
    "25270": ["monteur elektriciteitsnetten", "monteur bovengrondse leidingen"],
    "25274": ["monteur elektriciteitsnetten", "monteur bovengrondse leidingen"],
    "25275": ["telecommunicatietechnicus"],
    "25276": ["elektrotechnicus"],
    "25280": ["monteur verwarmings- en ventilatietechniek", "technicus verwarmings- en airconditioningsinstallaties"],
    "25285": ["technicus koel-, lucht- en verwarmingstechniek"],
    "25281": ["technicus koel-, lucht- en verwarmingstechniek", "monteur verwarmings- en ventilatietechniek"],
    "25284": ["technicus verwarmings- en airconditioningsinstallaties"],
    "25282": ["monteur verwarmings- en ventilatietechniek"],
    "25339": ["elektromechanicus"],
    "25341": ["elektromechanicus"],
    "25343": ["technicus elektromechanica"],
    "25286": ["monteur staalconstructies"],
    "25291": ["monteur staalconstructies"],
    "25287": ["lasser"],
    "25290": ["lasser"],
    "25288": ["pijplasser"],
    "25292": ["pijplasser"],
    "25295": ["scheepsbouwer"],
    "25297": ["productietechnicus"],
    "25345": ["monteur industriële machines", "supervisor industrieel onderhoud"],
    "25346": ["monteur industriële machines"],
    "25300": ["maker van optische instrumenten"],
    "25304": ["instrumentatietechnicus", "elektromechanicus"],
    "25309": ["instrumentatietechnicus", "elektrotechnicus"],
    "25310": ["monteur industriële machines"],
    "25306": ["monteur industriële machines"],
    "25311": ["monteur verwarmings- en ventilatietechniek", "monteur industriële machines"],
    "25307": ["monteur verwarmings- en ventilatietechniek", "monteur industriële machines"],
    "25305": ["onderhoudstechnicus gasturbinemotoren"],
    "25308": ["monteur industriële machines"],
    "25312": ["technisch tekenaar"],
    "25314": ["technisch tekenaar koel-, lucht- en verwarmingstechniek"],
    "25316": ["technisch tekenaar koel-, lucht- en verwarmingstechniek"],
    "25315": ["technisch tekenaar mechanica"],
    "25317": [],
    "25318": [],
    "25319": [],
    "25320": ["onderhoudstechnicus vliegtuigen"],
    "25321": ["onderhoudstechnicus vliegtuigen"],
    "25322": ["onderhoudstechnicus vliegtuigen"],
    "25323": ["monteur vliegtuigelektronica"],
    "25348": ["monteur verwarmings- en ventilatietechniek", "loodgieter"],
    "25349": ["loodgieter", "verwarmingsmonteur"],
    "25350": ["loodgieter", "verwarmingsmonteur"],
    "25187": ["software ontwikkelaar"],
    "25188": ["digital games developer"],
    "25189": ["ICT-technicus", "ICT-netwerktechnicus"],
    "25190": ["ICT-netwerktechnicus"],
    "25191": ["ICT-technicus"],
    "25192": ["medewerker helpdesk"],
    "25246": ["monteur bouwmachines", "landbouwmachinemonteur"],
    "25127": ["steigerbouwer"],
}

WEEKS = {
    "entreeopleiding": 52,
    "basisberoepsopleiding": 52,
    "vakopleiding": 104,
    "middenkaderopleiding": 156,
    "specialistenopleiding": 52,
}


def variants(name: str, dossier: str) -> list[tuple[str, float]]:
    out = [(name, 1.0)]
    stripped = name
    for _ in range(2):
        stripped = LEVEL_WORDS.sub("", stripped).strip()
    if stripped and stripped.lower() != name.lower():
        out.append((stripped, 1.0))
    if stripped.lower().startswith("basis") is False and name.lower().startswith("basis") and len(name) > 8:
        out.append((name[5:], 1.0))  # "Basislasser" -> "lasser"
    if dossier.lower() != "entree":  # the Entree dossier name says nothing about the occupation
        out.append((dossier, DOSSIER_DISCOUNT))
    return out


def _best(tax: Any, ranked: Any, queries: list[str], entries: list[tuple[int, float]]) -> list[Any]:
    """Occupations by their best (discounted) score over the given query variants, mbo levels only."""
    best: dict[str, tuple[float, str]] = {}
    for qi, factor in entries:
        for hit in ranked[qi]:
            if tax.occupations[hit.uri].isco_code[:1] not in MBO_ISCO_MAJOR:
                continue
            score = float(hit.score) * factor
            if score > best.get(hit.uri, (0.0, ""))[0]:
                best[hit.uri] = (score, queries[qi])
    return sorted(best.items(), key=lambda kv: -kv[1][0])


def main() -> None:
    tax = default_taxonomy()
    flags = all_flags(tax)
    src = SHARED / "education" / "mbo-kwalificaties-2015" / "kwalificaties_mbo_2015.csv"
    with src.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_label = {o.label("nl"): u for u, o in tax.occupations.items()}
    missing = sorted({lbl for labels in OVERRIDES.values() for lbl in labels} - set(by_label))
    if missing:
        raise SystemExit(f"override labels not in ESCO: {missing}")
    queries: list[str] = []
    plan: list[list[tuple[int, float]]] = []
    for r in rows:
        entries = []
        for text, factor in variants(r["kwalificatie"], r["kwalificatiedossier"]):
            entries.append((len(queries), factor))
            queries.append(text)
        plan.append(entries)
    ranked = rank_occupations(tax, queries, lang="nl", top=10, use_embedding=False)
    quals: list[dict[str, Any]] = []
    for r, entries in zip(rows, plan, strict=True):
        # the name variants first; the dossier (a field: "Bediening", "Keuken", "Logistiek") only when no name
        # variant reaches ACCEPT, so it cannot add a second, more specific occupation ("hoofdsommelier")
        order = _best(tax, ranked, queries, [e for e in entries if e[1] == 1.0])
        if not order or order[0][1][0] < ACCEPT:
            order = _best(tax, ranked, queries, entries)
        accepted = []
        mapping = "title"
        if r["kwalificatie_crebo"] in OVERRIDES:
            mapping = "hand"
            accepted = [(by_label[lbl], 1.0, "hand") for lbl in OVERRIDES[r["kwalificatie_crebo"]]]
        elif order and order[0][1][0] >= ACCEPT:
            top = order[0][1][0]
            accepted = [(u, s, q) for u, (s, q) in order[:2] if s >= ACCEPT and s >= SECOND * top]
        skills: list[str] = []
        for uri, _, _ in accepted:
            skills.extend(s for s in tax.occupations[uri].essential_skills if s not in skills)
        level = int(r["niveau"])
        quals.append(
            {
                "crebo": r["kwalificatie_crebo"],
                "name": r["kwalificatie"],
                "dossier_crebo": r["dossier_crebo"],
                "dossier": r["kwalificatiedossier"],
                "domain": r["opleidingsdomein"],
                "niveau": level,
                "nlqf": level,
                "kind": r["soort_opleiding"],
                "leerweg": r["leerweg"],
                "beroepsvereisten": r["beroepsvereisten"],
                "mapping": mapping if accepted else "unmapped",
                "occupations": [
                    {"uri": u, "label": tax.occupations[u].label("nl"), "score": round(s, 3), "matched_title": q}
                    for u, s, q in accepted
                ],
                "best_unaccepted": None
                if accepted or not order
                else {
                    "uri": order[0][0],
                    "label": tax.occupations[order[0][0]].label("nl"),
                    "score": round(order[0][1][0], 3),
                },
                "skills": skills,
            }
        )
    out = PACKAGE_DATA / DATASET
    out.mkdir(parents=True, exist_ok=True)
    (out / "qualifications.json").write_text(
        json.dumps({"qualifications": quals}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    with (out / "courses.jsonl").open("w", encoding="utf-8") as fh:
        for q in quals:
            occs = [o["uri"] for o in q["occupations"]]
            record = {
                "id": f"crebo-{q['crebo']}",
                "name": f"{q['name']} (mbo {q['niveau']}, crebo {q['crebo']})",
                "provider": "mbo-instelling (roc/aoc/vakinstelling) met deze kwalificatie",
                "description": f"Mbo-kwalificatie {q['name']} uit het dossier {q['dossier']} ({q['domain']}).",
                "skills": q["skills"],
                "duration_weeks": WEEKS.get(q["kind"], 104),
                "mode": "bbl",
                "kind": "mbo-bbl",
                "nlqf": q["nlqf"],
                "crebo": q["crebo"],
                "accredited": True,
                "occupations": occs,
                "green": any(flags[u].green for u in occs),
                "digital": any(flags[u].digital for u in occs),
                "technical": any(flags[u].technical for u in occs),
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    mapped = [q for q in quals if q["occupations"]]
    by_domain: dict[str, dict[str, int]] = {}
    for q in quals:
        d = by_domain.setdefault(q["domain"], {"qualifications": 0, "mapped": 0})
        d["qualifications"] += 1
        d["mapped"] += bool(q["occupations"])
    coverage = {
        "qualifications": len(quals),
        "mapped": len(mapped),
        "mapped_share": round(len(mapped) / len(quals), 3),
        "with_two_occupations": sum(len(q["occupations"]) == 2 for q in quals),
        "mean_skills_per_mapped": round(sum(len(q["skills"]) for q in mapped) / max(len(mapped), 1), 1),
        "distinct_occupations": len({o["uri"] for q in mapped for o in q["occupations"]}),
        "by_domain": dict(sorted(by_domain.items())),
        "by_kind": dict(Counter(q["kind"] for q in mapped)),
        "by_method": dict(Counter(q["mapping"] for q in quals)),
        "accept_threshold": ACCEPT,
    }
    (out / "coverage.json").write_text(json.dumps(coverage, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_provenance(
        DATASET,
        title="Mbo qualifications 2015 (Bijlage 1, Regeling vaststelling kwalificatiedossiers 2015) mapped to ESCO",
        source="shared/data/education/mbo-kwalificaties-2015/kwalificaties_mbo_2015.csv (wetten.overheid.nl "
        "BWBR0036352 via statengeneraal/laws-markdown @91556a80); ESCO v1.2.0 (embedded)",
        version="2015 (qualifications); ESCO 1.2.0 (mapping)",
        licence="regulation: no copyright (Auteurswet art. 11); ESCO © European Union (reuse with attribution)",
        attribution="This service uses the ESCO classification of the European Commission.",
        derivation=f"lexical title mapping plus {len(OVERRIDES)} hand-mapped technical/ICT qualifications "
        f"(scripts/build_match_mbo.py): {len(mapped)} of {len(quals)} qualifications mapped; "
        "skills = essential skills of the mapped occupations; "
        "durations estimated from the statutory ranges (WEB art. 7.2.7, lower bound); costs unknown",
    )
    print(json.dumps({k: v for k, v in coverage.items() if k != "by_domain"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
