"""Build the span tagger's word table and the default tagger over it (``krapte/data/extract-span-tagger/``).

1. Vocabulary: every lower-cased token of ESCO's English labels, alternative labels and descriptions (skills,
   occupations, skill groups, ISCO groups of the embedded ``esco-v1.2.0``) plus every SkillSpan train token.
2. Each word is embedded alone by the shipped encoder (``query:``), centred and reduced to the ``DIMS`` principal
   components of the SkillSpan train words, scaled to mean norm ``NORM``
   (:func:`krapte.extract.span_vectors.fit_projection`), stored as int8.
3. The subword model (hashed character 3–5-grams → reduced vector, ridge) is fitted on the same vocabulary
   (:func:`krapte.extract.span_words.fit_subword`), also stored as int8.
4. The default tagger ``span-tagger-words.json.gz``: the perceptron of ``scripts/build_extract.py`` (same features
   and epochs) trained jointly with a linear layer over the table vectors of each word and its ±``WINDOW``
   neighbours (:func:`krapte.extract.span_model.train_arrays`), once per seed in ``SEEDS`` (different training
   orders), the runs averaged into one tagger (:func:`krapte.extract.span_model.average_taggers`); decoding bias
   ``O_BIAS`` on ``O``.

Every setting was chosen by grouped 5-fold CV on SkillSpan train only (``scripts/extract/span_cv.py --words``,
which rebuilds the table per fold from ESCO plus the training fold's words, so held-out words get subword vectors
as unseen words do at run time). Usage: ``python scripts/extract/span_words_build.py [--cache FILE.npz]``
(the encoder pass takes about 5 CPU minutes; ``--cache`` keeps the raw vectors between runs).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

from krapte.extract.span_model import average_taggers, train_arrays
from krapte.extract.span_vectors import WordVectorLayer, fit_projection
from krapte.extract.span_words import WordTable, fit_subword, quantise
from krapte.extract.spans import merge_layers, token_features, tokenize

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from provenance import PACKAGE_DATA, SHARED, write_provenance

TRAIN = SHARED / "dev" / "skillspan" / "json__train.json"
TAXONOMY = PACKAGE_DATA / "esco-v1.2.0" / "taxonomy.json.gz"
FOLDER = PACKAGE_DATA / "extract-span-tagger"
# chosen by grouped 5-fold CV on SkillSpan train (scripts/extract/span_cv.py --words); see docs/benchmarks.md
DIMS, NORM, WINDOW = 64, 4.0, 1
BUCKETS, RIDGE = 2**14, 1.0
EPOCHS, SEEDS = 20, (13,)
O_BIAS = -20.0


def esco_words(path: Path = TAXONOMY) -> set[str]:
    """Lower-cased tokens of every English label, alternative label and description in the taxonomy."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        body = json.load(fh)
    words: set[str] = set()
    for section in ("skills", "occupations", "skill_groups", "isco_groups"):
        for item in body[section]:
            for key in ("labels", "label", "alt", "desc"):
                value = item.get(key)
                texts = value.get("en") if isinstance(value, dict) else None
                for text in [texts] if isinstance(texts, str) else texts or []:
                    words.update(tok.lower() for tok, _, _ in tokenize(text))
    return words


def load_rows(path: Path = TRAIN) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def encode_words(words: list[str], cache: Path | None) -> np.ndarray:
    if cache is not None and cache.is_file():
        with np.load(cache) as z:
            if list(z["words"]) == words:
                return z["vectors"]
    from krapte.taxonomy import embedding

    vectors = embedding.encode(words, kind="query")
    if cache is not None:
        np.savez(cache, words=np.array(words), vectors=vectors)
    return vectors


def build_table(words: list[str], vectors: np.ndarray, basis_words: set[str]) -> WordTable:
    """The principal components are those of the ``basis_words`` (SkillSpan train): fitted on all ESCO words as
    well, they lose the gain of the vectors (CV 0.451 → 0.438 strict F1)."""
    basis = np.array([w in basis_words for w in words])
    mean, projection, scale = fit_projection(np.asarray(vectors)[basis], DIMS, NORM)
    reduced = (np.asarray(vectors, dtype=np.float64) - mean) @ projection * scale
    codes, code_scale = quantise(reduced)
    sub_codes, sub_scale = quantise(fit_subword(words, reduced, BUCKETS, RIDGE))
    return WordTable(words, codes, code_scale, sub_codes, sub_scale)


def build_tagger(table: WordTable, rows: list[dict]) -> None:
    layer = WordVectorLayer(None, None, 1.0, WINDOW, np.zeros(((2 * WINDOW + 1) * table.dims, 5)))
    dense = [layer.inputs(table.vectors(r["tokens"])) for r in rows]
    feats = [token_features(r["tokens"]) for r in rows]
    tags = [merge_layers(r["tags_skill"], r["tags_knowledge"]) for r in rows]
    models = []
    for seed in SEEDS:
        fitted = train_arrays(feats, tags, epochs=EPOCHS, seed=seed, dense=dense)
        assert isinstance(fitted, tuple)
        tagger, weights = fitted
        tagger.vectors = WordVectorLayer(None, None, 1.0, WINDOW, weights)
        models.append(tagger)
    model = average_taggers(models)
    model.o_bias = O_BIAS
    model.save(FOLDER / "span-tagger-words.json.gz")
    print(f"span tagger over word table: {len(model.weights)} features")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, help="keep the encoder vectors of the vocabulary in this .npz")
    build(parser.parse_args().cache)


def build(cache: Path | None = None) -> None:
    """The word table, the default tagger over it and the provenance record of the folder (the other two taggers
    come from ``scripts/build_extract.py``, which calls this after them)."""
    from build_extract import EPOCHS as SPARSE_EPOCHS
    from build_extract import O_BIAS as SPARSE_O_BIAS
    from build_extract import VECTOR_O_BIAS

    if not TRAIN.is_file():
        raise SystemExit(f"{TRAIN} is missing; keeping the committed word table and tagger")
    rows = load_rows()
    esco = esco_words()
    train_words = {t.lower() for r in rows for t in r["tokens"]}
    words = sorted(esco | train_words)
    table = build_table(words, encode_words(words, cache), train_words)
    table.save(FOLDER / "span-word-vectors.npz")
    print(f"word table: {len(words)} words ({len(esco)} from ESCO), {table.dims} dims, {BUCKETS} subword buckets")
    build_tagger(table, rows)
    from krapte.taxonomy import embedding

    write_provenance(
        "extract-span-tagger",
        title="Skill-span taggers trained on SkillSpan (train split) and their word table",
        source=(
            "SkillSpan, github.com/kris927b/SkillSpan @ 2ccf3de5, data/json/train.json (4,800 sentences); "
            "English labels and descriptions of the embedded ESCO v1.2.0"
        ),
        version="SkillSpan 2022 train split; tagger format 3 (o_bias; word-vector layer over the encoder or a table)",
        licence="MIT (SkillSpan data © 2023 Mike Zhang); ESCO © European Union; derived weights krapte (EUPL-1.2)",
        attribution=(
            "Zhang et al., SkillSpan: Hard and Soft Skill Extraction from English Job Postings, NAACL 2022; "
            "this service uses the ESCO classification of the European Commission"
        ),
        derivation=(
            "span-tagger.json.gz and span-tagger-vectors.json.gz: scripts/build_extract.py (averaged structured "
            f"perceptron, krapte.extract.span_model, {SPARSE_EPOCHS} epochs, seed 13, merged skill/knowledge BIO "
            f"tags, hand features; O bias {SPARSE_O_BIAS:g}; the vectors variant adds a layer over encoder word "
            f"vectors, O bias {VECTOR_O_BIAS:g}). "
            f"span-word-vectors.npz and span-tagger-words.json.gz (the default): scripts/extract/span_words_build.py, "
            f"{len(words)} words embedded alone by {embedding.MODEL_ID}, PCA {DIMS} of the train words, mean norm "
            f"{NORM}, int8; "
            f"subword ridge (λ {RIDGE}) from {BUCKETS} CRC-32 buckets of character 3-5-grams; perceptron trained "
            f"jointly with a linear layer over the table vectors of a word and its ±{WINDOW} neighbours, weights "
            f"averaged over seeds {', '.join(map(str, SEEDS))}, O bias "
            f"{O_BIAS}; settings by grouped 5-fold CV on train (scripts/extract/span_cv.py --words)"
        ),
    )


if __name__ == "__main__":
    main()
