"""Build ``src/krapte/data/esco-nl-derived/``: machine-derived Dutch labels for ESCO skills with English labels only.

Run ``python scripts/build_nl_labels.py`` after ``scripts/build_taxonomy.py``. Input: the embedded default taxonomy
only (its Dutch–English label pairs of skills, occupations and skill groups); nothing is downloaded and nothing is
read from ``../shared``. Method: :mod:`krapte.taxonomy.labels` (verb table + competitive linking of words, Dutch
verb-final order, compounds joined). Output ``labels.tsv`` (uri, label_nl, basis, score, label_en), one row per
derived form:

* ``derived:label-alignment``: a full translation of an English preferred or alternative label (words seen at
  least twice); used by search and extraction;
* ``derived:search-key``: a partial translation (untranslated words kept in English; words seen once allowed);
  used by search only.

``nl-en-words.tsv`` (nl, en, kind verb|word) is the reverse word table: search renders a Dutch query in English
words with it (:func:`krapte.taxonomy.labels.english_rendering`) to reach the English labels as well.

Skills that have an official Dutch label get no derived one. Held-out quality: ``python -m bench nl_labels``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.labels import BASIS, SEARCH_KEY, fit_translator
from provenance import PACKAGE_DATA, write_provenance

DATASET_ID = "esco-nl-derived"


def main() -> int:
    tax = default_taxonomy()
    pairs = [
        (c.labels["en"], c.labels["nl"], getattr(c, "skill_type", "") == "knowledge")
        for c in (*tax.skills.values(), *tax.occupations.values(), *tax.skill_groups.values())
        if c.labels.get("nl") and c.labels.get("en")
    ]
    labels = fit_translator(pairs)
    keys = fit_translator(pairs, min_count=1)
    rows: list[tuple[str, str, str, float, str]] = []
    skills_with_label = skills_with_key = 0
    for uri in sorted(tax.skills):
        skill = tax.skills[uri]
        if skill.labels.get("nl") or not skill.labels.get("en"):
            continue
        seen: set[str] = set()
        found: list[tuple[str, str, float, str]] = []
        for label_en in (skill.labels["en"], *skill.alt_labels("en")):
            result = labels.translate(label_en)
            if result is None:
                continue
            for form in labels.variants(result[0], verb_final=labels.is_verb_phrase(label_en)):
                if form not in seen:
                    seen.add(form)
                    found.append((form, BASIS, result[1], label_en))
        if not found:  # no full translation: one search key from the preferred label
            result = keys.translate(skill.labels["en"], partial=True)
            if result is not None:
                found.append((result[0], SEARCH_KEY, result[1], skill.labels["en"]))
        skills_with_label += any(b == BASIS for _, b, _, _ in found)
        skills_with_key += bool(found)
        rows += [(uri, form, basis, score, label_en) for form, basis, score, label_en in found]
    folder = PACKAGE_DATA / DATASET_ID
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "labels.tsv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["uri", "label_nl", "basis", "score", "label_en"])
        writer.writerows(rows)
    with open(folder / "nl-en-words.tsv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["nl", "en", "kind"])
        writer.writerows([nl, en, "verb"] for nl, en in sorted(keys.reverse_verbs.items()))
        writer.writerows([nl, en, "word"] for nl, en in sorted(keys.reverse.items()))
    english_only = sum(1 for s in tax.skills.values() if not s.labels.get("nl"))
    write_provenance(
        DATASET_ID,
        title="Machine-derived Dutch labels and search keys for ESCO skills without a Dutch label",
        source="derived from the embedded ESCO v1.2.0 default (krapte/data/esco-v1.2.0): its Dutch–English label "
        "pairs of skills, occupations and skill groups",
        version=f"1 ({len(rows)} forms), ESCO 1.2.0",
        licence="EUPL-1.2 (krapte); ESCO © European Union",
        attribution="This service uses the ESCO classification of the European Commission. These Dutch labels are "
        "machine-derived by krapte, not ESCO's.",
        derivation=f"scripts/build_nl_labels.py (krapte.taxonomy.labels): {len(pairs)} aligned label pairs; verb table "
        f"{len(labels.verbs)} verbs, word table {len(labels.words)} (labels) / {len(keys.words)} (search keys) words. "
        f"Of {english_only} skills without a Dutch label, {skills_with_label} got a derived label "
        f"(basis {BASIS}) and {skills_with_key} a label or search key (basis {SEARCH_KEY}). nl-en-words.tsv: "
        f"{len(keys.reverse_verbs)} verbs, {len(keys.reverse)} words (Dutch → English, for query rendering).",
    )
    print(f"{len(rows)} forms; {skills_with_label} / {skills_with_key} of {english_only} English-only skills")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
