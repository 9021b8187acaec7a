"""Build ``krapte/data/extract-skill-ranker/``: the learned sentence → ESCO skill ranker of ``rank_skills``.

A logistic regression over the candidate features of :mod:`krapte.extract.ranking` (:data:`FEATURES`: sentence and
phrase cosines, lexical hits, ESCO's own skill facts), fitted on every sentence of the three English skill-linking
development sets in ``../shared/data/dev/esco-skill-linking/`` (TECH and HOUSE validation, TECHWOLF). Its quality is
reported only out-of-fold, by ``python -m bench extract_quality`` (leave-one-set-out and 5-fold), never on the
sentences it was fitted on.

Run after ``scripts/build_extract.py`` (the candidate phrases come from the span tagger); needs the embeddings extra
and the skill label index (``krapte taxonomy build-index``). Deterministic: Newton's method from zero weights.
Usage: ``python scripts/build_skill_ranker.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the benchmark's loaders of the linking sets

from bench.bench_extract_quality import SHARED, linking_examples, linking_label_space, linking_sets  # noqa: E402

from krapte.extract.ranking import LinearRanker  # noqa: E402
from krapte.extract.skill_vectors import embedding_available  # noqa: E402
from provenance import PACKAGE_DATA, write_provenance  # noqa: E402

FOLDER = "extract-skill-ranker"


def build() -> LinearRanker:
    from krapte.extract.skills import SkillExtractor
    from krapte.taxonomy import default_taxonomy

    extractor = SkillExtractor(default_taxonomy())
    _, allowed = linking_label_space(extractor)
    tables, labels, sizes = [], [], []
    for name, gold in linking_sets().items():
        t, y = linking_examples(extractor, list(gold), gold, allowed)
        tables += [table.features for table in t]
        labels += y
        sizes.append(f"{name} {len(t)}")
    model = LinearRanker.fit(tables, labels)
    folder = PACKAGE_DATA / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    body = json.dumps(model.to_dict(), indent=1, sort_keys=True)
    (folder / "skill-ranker.json").write_text(body + "\n", encoding="utf-8")
    write_provenance(
        FOLDER,
        title="Sentence → ESCO skill ranker (logistic regression over candidate features)",
        source=(
            "Skill-Extraction-benchmark, github.com/jensjorisdecorte/Skill-Extraction-benchmark @ 19305c85: "
            f"tech/house validation and techwolf annotations ({', '.join(sizes)} sentences)"
        ),
        version="ranker format 1",
        licence="sentences from SkillSpan (MIT), annotations TECH CC BY 4.0 / HOUSE MIT; weights derived by krapte",
        attribution="Decorte et al., RecSys-in-HR 2022 (TECH, HOUSE); Decorte et al., arXiv 2307.10778 (TECHWOLF)",
        derivation=(
            "scripts/build_skill_ranker.py: L2 (1.0) logistic regression on standardised features, candidates = the "
            "40 nearest skills by sentence and by best phrase ∪ lexical hits; label space = skills whose English "
            "preferred label is an ESCO v1.1.0 label"
        ),
    )
    return model


def main() -> int:
    if not (SHARED / "esco-skill-linking").exists():
        print("the skill-linking sets are missing; keeping the committed skill ranker", file=sys.stderr)
        return 0
    if not embedding_available():
        print("the embeddings extra is not installed; keeping the committed skill ranker", file=sys.stderr)
        return 0
    model = build()
    print(f"skill ranker: {len(model.weights)} weights, bias {model.bias}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
