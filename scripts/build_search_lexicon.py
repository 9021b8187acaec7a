"""Build ``src/krapte/data/search-nl-lexicon/``: the Dutch job-word rewrites used by taxonomy search and title
ranking (:func:`krapte.taxonomy.search.rewrite_query`).

Source: ``scripts/search/nl_search_lexicon.tsv``, written for krapte; every row has a note saying why (licence
categories per RDW, certificate names, Dutch vacancy-title conventions, compounds ESCO has no label for). The build
checks that every pattern compiles and that every replacement is found by the lexical search of the embedded
taxonomy, then copies the rows and writes ``provenance.json``. ``python scripts/build_search_lexicon.py``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.search import lexical_index
from provenance import PACKAGE_DATA, write_provenance

DATASET_ID = "search-nl-lexicon"
SOURCE = Path(__file__).resolve().parent / "search" / "nl_search_lexicon.tsv"


def main() -> int:
    with open(SOURCE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    tax = default_taxonomy()
    index = lexical_index(tax)
    problems = []
    for n, row in enumerate(rows, start=2):
        re.compile(row["pattern"])
        if not row["note"].strip():
            problems.append(f"{SOURCE}:{n}: no note")
        replacement = row["replacement"]
        if replacement:
            hits = index.search(replacement, kind="occupation", lang="nl", top=1)
            if not hits or hits[0].score < 0.9:
                problems.append(f"{SOURCE}:{n}: {replacement!r} is not an occupation label")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    folder = PACKAGE_DATA / DATASET_ID
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "rewrites.tsv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["pattern", "replacement", "note"])
        writer.writerows([r["pattern"], r["replacement"], r["note"]] for r in rows)
    write_provenance(
        DATASET_ID,
        title="Dutch job-word rewrites for search and title ranking",
        source="written for krapte (scripts/search/nl_search_lexicon.tsv); each row's note gives its reason",
        version=f"1 ({len(rows)} rows)",
        licence="EUPL-1.2 (krapte)",
        attribution="",
        derivation="scripts/build_search_lexicon.py: patterns compiled, replacements checked against the occupation "
        "labels of the embedded ESCO v1.2.0 default",
    )
    print(f"{len(rows)} rewrites")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
