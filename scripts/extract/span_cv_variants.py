"""Experiment harness: variants of the word-table tagger that did not help, measured with ``span_cv.py``'s folds.

Grouped 5-fold CV on SkillSpan **train** only, as ``span_cv.py --words`` (which this wraps); dev is never read.
``--variant`` selects a change of the features, the rest of the command line goes to ``span_cv.py``::

    python scripts/extract/span_cv_variants.py --variant clusters --words --dense 64,4,1 --o-bias=-15,-20,-25,-30,-40
    python scripts/extract/span_cv_variants.py --variant products --words --dense 64,4,1 --o-bias=-15,-20,-25,-30,-40
    python scripts/extract/span_cv_variants.py --variant ngrams --words --dense 64,4,1 --o-bias=-15,-20,-25,-30,-40

* ``clusters``: k-means (k = 64 and 256) of the training fold's table vectors; the cluster ids of the word and of
  its ±1 neighbours, and the pair (word, next word), as extra sparse features (held-out words are assigned by their
  subword vectors, as unseen words would be at run time).
* ``products``: the element-wise products of the word's vector with its left and right neighbours' (divided by the
  mean norm) appended to the linear layer's inputs, a second-order interaction the linear layer cannot form.
* ``ngrams``: subword model over character 2–6-grams instead of 3–5-grams.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import span_cv

from krapte.extract import span_words
from krapte.extract.spans import token_features

_table_features = span_cv.table_features
_run = span_cv._run
_char_ngrams = span_words.char_ngrams
KS = (64, 256)


def products(rows: list[dict], dims: int, scale: float, window: int, table: tuple, known: set, basis: set) -> list:
    out = _table_features(rows, dims, scale, window, table, known, basis)
    res = []
    for m in out:
        left, word, right = m[:, :dims], m[:, dims : 2 * dims], m[:, 2 * dims : 3 * dims]
        res.append(np.hstack([m, left * word / scale, word * right / scale]))
    return res


def run_with_clusters(args: tuple) -> dict:
    from sklearn.cluster import KMeans

    rows, fold_of, fold, settings = args
    train_idx = [i for i, f in enumerate(fold_of) if f != fold]
    basis = {t.lower() for i in train_idx for t in rows[i]["tokens"]}
    dense = _table_features(rows, **settings["dense"], known=settings["words"] | basis, basis=basis)
    d, w = settings["dense"]["dims"], settings["dense"]["window"]
    center: dict[str, np.ndarray] = {}
    for r, m in zip(rows, dense, strict=True):
        for t, v in zip(r["tokens"], m[:, w * d : (w + 1) * d], strict=True):
            center.setdefault(t.lower(), v)
    every = sorted(center)
    cid: dict[str, list[str]] = {}
    for k in KS:
        km = KMeans(k, n_init=1, random_state=0, max_iter=50).fit(np.array([center[x] for x in sorted(basis)]))
        for x, label in zip(every, km.predict(np.array([center[x] for x in every])), strict=True):
            cid.setdefault(x, []).append(f"{k}:{label}")

    def features(tokens: list[str], lexicon_tags: list[str] | None = None) -> list[list[str]]:
        feats = token_features(tokens, lexicon_tags)
        ids = [cid.get(t.lower(), []) for t in tokens]
        for i in range(len(tokens)):
            for off in (-1, 0, 1):
                j = i + off
                feats[i] += [f"c{off}={c}" for c in (ids[j] if 0 <= j < len(tokens) else ["pad"])]
            if i + 1 < len(tokens):
                feats[i] += [f"cc={a}|{b}" for a, b in zip(ids[i], ids[i + 1], strict=False)]
        return feats

    span_cv.token_features = features
    span_cv.table_features = lambda *a, **k: dense
    return _run(args)


def main() -> None:
    variant = sys.argv[sys.argv.index("--variant") + 1]
    del sys.argv[sys.argv.index("--variant") : sys.argv.index("--variant") + 2]
    if variant == "clusters":
        span_cv._run = run_with_clusters  # the worker processes are forked after this
    elif variant == "products":
        span_cv.table_features = products
    elif variant == "ngrams":
        span_words.char_ngrams = lambda word, sizes=(2, 3, 4, 5, 6): _char_ngrams(word, sizes)
    else:
        raise SystemExit(f"unknown variant {variant}")
    span_cv.main()


if __name__ == "__main__":
    main()
