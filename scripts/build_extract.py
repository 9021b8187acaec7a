"""Build the embedded data of the extraction engine (``make data`` runs this; the result is committed).

* ``krapte/data/extract-span-tagger/``: the skill-span taggers (structured perceptron) trained on the SkillSpan
  TRAIN split from ``../shared/data/dev/skillspan/`` (MIT): the sparse tagger and the encoder-vector variant here,
  then the default tagger over the shipped word table and the folder's provenance by
  ``scripts/extract/span_words_build.py``. Deterministic (fixed seed, fixed epochs).
* ``krapte/data/extract-nl-lexicon/``: the Dutch vacancy lexicon. Its source, ``scripts/extract/nl_lexicon.tsv``,
  was written for krapte (Dutch trade/ICT/care terms → English ESCO preferred labels); this script resolves every
  label to an ESCO v1.2.0 skill URI in the embedded taxonomy and fails on any label that does not resolve.

Usage: ``python scripts/build_extract.py [--only span-tagger|nl-lexicon]``. Needs the embedded taxonomy
(``krapte/data/esco-v1.2.0``, committed) for the lexicon.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from krapte.extract.span_model import train_arrays
from krapte.extract.spans import merge_layers, token_features
from provenance import PACKAGE_DATA, SHARED, write_provenance

HERE = Path(__file__).resolve().parent
SKILLSPAN = SHARED / "dev" / "skillspan"
EPOCHS = 20
# chosen by 5-fold cross-validation on the TRAIN split grouped by posting (scripts/extract/span_cv.py; strict F1
# 0.423 at 0 → 0.434 at -10, -15 and -20 within 0.001); SkillSpan dev was not used to choose it
O_BIAS = -10.0
# the word-vector variant (same CV, every word with its encoder vector as at run time): 64 principal components,
# mean norm 4, ±1 window, O bias -15 (0.443 at 0 → 0.451 at -15; -10 and -5: 0.447)
VECTOR_DIMS, VECTOR_NORM, VECTOR_WINDOW, VECTOR_O_BIAS = 64, 4.0, 1, -15.0


def build_span_tagger() -> None:
    feats, tags = [], []
    with open(SKILLSPAN / "json__train.json", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            tags.append(merge_layers(row["tags_skill"], row["tags_knowledge"]))
            feats.append(token_features(row["tokens"]))
    model = train_arrays(feats, tags, epochs=EPOCHS)
    assert not isinstance(model, tuple)
    model.o_bias = O_BIAS
    folder = PACKAGE_DATA / "extract-span-tagger"
    folder.mkdir(parents=True, exist_ok=True)
    model.save(folder / "span-tagger.json.gz")
    print(f"span tagger: {len(model.weights)} features")


def build_span_tagger_vectors() -> None:
    import numpy as np

    from krapte.extract.span_vectors import WordVectorLayer, encoder_word_vectors, fit_projection

    rows = [json.loads(line) for line in (SKILLSPAN / "json__train.json").read_text("utf-8").splitlines()]
    vocab = sorted({t.lower() for r in rows for t in r["tokens"]})
    mean, projection, scale = fit_projection(encoder_word_vectors(vocab), VECTOR_DIMS, VECTOR_NORM)
    layer = WordVectorLayer(
        mean, projection, scale, VECTOR_WINDOW, np.zeros(((2 * VECTOR_WINDOW + 1) * VECTOR_DIMS, 5))
    )
    dense = [layer.inputs(encoder_word_vectors(r["tokens"])) for r in rows]
    feats = [token_features(r["tokens"]) for r in rows]
    tags = [merge_layers(r["tags_skill"], r["tags_knowledge"]) for r in rows]
    fitted = train_arrays(feats, tags, epochs=EPOCHS, dense=dense)
    assert isinstance(fitted, tuple)
    model, layer.weights = fitted
    model.o_bias, model.vectors = VECTOR_O_BIAS, layer
    folder = PACKAGE_DATA / "extract-span-tagger"
    model.save(folder / "span-tagger-vectors.json.gz")


def build_nl_lexicon() -> None:
    from krapte.taxonomy import default_taxonomy

    sys.path.insert(0, str(HERE / "extract"))
    from esco_labels import skills_by_english_label

    tax = default_taxonomy()
    by_label = skills_by_english_label(tax)
    source = HERE / "extract" / "nl_lexicon.tsv"
    rows = []
    problems = []
    with open(source, encoding="utf-8") as fh:
        for line_no, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            uris = by_label.get(row["esco_label_en"], [])
            if len(uris) != 1:
                problems.append(f"{source}:{line_no}: {row['esco_label_en']!r} matches {len(uris)} ESCO skills")
                continue
            rows.append((row["term"], uris[0], row["esco_label_en"]))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit(1)
    folder = PACKAGE_DATA / "extract-nl-lexicon"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "nl-lexicon.tsv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["term", "uri", "esco_label_en"])
        writer.writerows(sorted(rows))
    write_provenance(
        "extract-nl-lexicon",
        title="Dutch vacancy lexicon → ESCO skills",
        source="written for krapte (scripts/extract/nl_lexicon.tsv); targets: ESCO v1.2.0 skills (embedded default)",
        version=f"1 ({len(rows)} terms), {tax.version}",
        licence="EUPL-1.2 (krapte); ESCO © European Union",
        attribution="This service uses the ESCO classification of the European Commission.",
        derivation="scripts/build_extract.py resolves each English ESCO preferred label to its skill URI",
    )
    print(f"nl lexicon: {len(rows)} terms")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["span-tagger", "nl-lexicon"])
    args = parser.parse_args()
    if args.only in (None, "nl-lexicon"):
        build_nl_lexicon()
    if args.only in (None, "span-tagger"):
        if not SKILLSPAN.exists():
            print(f"{SKILLSPAN} is missing; keeping the committed span tagger", file=sys.stderr)
        else:
            build_span_tagger()
            build_span_tagger_vectors()
            # the default tagger over the word table, and the one provenance record of the folder's four files
            sys.path.insert(0, str(HERE / "extract"))
            from span_words_build import build as build_span_words

            build_span_words()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
