"""Experiment harness: grouped cross-validation of span-tagger settings on the SkillSpan TRAIN split only.

Every setting of the shipped tagger is chosen with this script (5 folds, grouped by posting so that sentences of one
job ad never sit on both sides); SkillSpan dev is not read here. Usage::

    python scripts/extract/span_cv.py --epochs 20 --o-bias=-20,-15,-10,-5,0            # the shipped default tagger
    python scripts/extract/span_cv.py --dense 64,4,1 --o-bias=-15,-10,-5,0              # + encoder word vectors
    python scripts/extract/span_cv.py --words --dense 64,4,1 --o-bias=-15,-10,-5,0      # + shipped word table
    python scripts/extract/span_cv.py --dev MODEL.json.gz ...                           # final dev comparison only
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from krapte.extract.metrics import span_prf
from krapte.extract.spans import TAGS, merge_layers, tags_to_spans, token_features

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from provenance import SHARED

TRAIN = SHARED / "dev" / "skillspan" / "json__train.json"
Span = tuple[int, int]


def load(path: Path = TRAIN) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def gold_spans(row: dict) -> list[Span]:
    spans: list[Span] = []
    for layer, kind in (("tags_skill", "S"), ("tags_knowledge", "K")):
        tags = [t if t == "O" else f"{t}-{kind}" for t in row[layer]]
        spans += [(s.start, s.end) for s in tags_to_spans(tags)]
    return spans


def folds(rows: list[dict], k: int = 5, seed: int = 0) -> list[int]:
    """Fold number of every row; whole postings (source, idx) go to one fold."""
    groups = sorted({(r["source"], r["idx"]) for r in rows})
    random.Random(seed).shuffle(groups)
    of = {g: i % k for i, g in enumerate(groups)}
    return [of[(r["source"], r["idx"])] for r in rows]


def dense_features(
    rows: list[dict],
    dims: int,
    scale: float,
    window: int,
    table: tuple[list[str], np.ndarray],
    known: set[str] | None = None,
) -> list[np.ndarray]:
    """Per sentence, per token: the PCA-reduced encoder vectors of the word and its ±window neighbours."""
    words, vecs = table[0], table[1].astype(np.float64)
    vecs -= vecs.mean(axis=0)
    _, _, vt = np.linalg.svd(vecs, full_matrices=False)
    red = vecs @ vt[:dims].T
    red *= scale / np.sqrt((red**2).sum(axis=1).mean())
    # words outside ``known`` (the training fold's vocabulary) get no vector, as unseen words at run time
    by_word = {w: red[i] for i, w in enumerate(words) if known is None or w in known}
    zero = np.zeros(dims)
    out = []
    for r in rows:
        v = [by_word.get(t.lower(), zero) for t in r["tokens"]]
        n = len(v)
        cols = []
        for off in range(-window, window + 1):
            cols.append(np.array([v[i + off] if 0 <= i + off < n else zero for i in range(n)]).reshape(n, dims))
        out.append(np.hstack(cols) if n else np.zeros((0, dims * (2 * window + 1))))
    return out


def table_features(
    rows: list[dict],
    dims: int,
    scale: float,
    window: int,
    table: tuple[list[str], np.ndarray],
    known: set[str],
    basis: set[str],
) -> list[np.ndarray]:
    """As :func:`dense_features`, but as the shipped word table: the PCA of the ``basis`` words (the training fold's),
    an int8 table and the subword model of the ``known`` words (ESCO's words plus the training fold's); every other
    word gets its subword vector."""
    from krapte.extract.span_vectors import fit_projection
    from krapte.extract.span_words import fit_subword, predict_subword, quantise

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from span_words_build import BUCKETS, RIDGE

    index = {w: i for i, w in enumerate(table[0])}
    words = sorted(known)
    vecs = table[1][[index[w] for w in words]].astype(np.float64)
    mean, projection, norm = fit_projection(table[1][[index[w] for w in sorted(basis)]], dims, scale)
    reduced = (vecs - mean) @ projection * norm
    codes, code_scale = quantise(reduced)
    by_word = {w: codes[i] * code_scale for i, w in enumerate(words)}
    sub_codes, sub_scale = quantise(fit_subword(words, reduced, BUCKETS, RIDGE))
    unseen = sorted({t.lower() for r in rows for t in r["tokens"]} - known)
    by_word.update(zip(unseen, predict_subword(unseen, sub_codes * sub_scale), strict=True))
    out = []
    for r in rows:
        v = np.array([by_word[t.lower()] for t in r["tokens"]]).reshape(-1, dims)
        n = len(v)
        padded = np.vstack([np.zeros((window, dims)), v, np.zeros((window, dims))])
        out.append(np.hstack([padded[off : off + n] for off in range(2 * window + 1)]))
    return out


def _run(args: tuple) -> dict:
    from krapte.extract.span_model import _viterbi, average_taggers, bio_mask, train_arrays

    rows, fold_of, fold, settings = args
    train_idx = [i for i, f in enumerate(fold_of) if f != fold]
    # --unseen-zero: words of the held-out fold that training never saw get no vector (a fixed table at run time);
    # by default every word has its encoder vector, as with encoder_word_vectors at run time
    known = {t.lower() for i in train_idx for t in rows[i]["tokens"]} if settings.get("unseen_zero") else None
    if settings.get("words"):
        basis = {t.lower() for i in train_idx for t in rows[i]["tokens"]}
        dense = table_features(rows, **settings["dense"], known=settings["words"] | basis, basis=basis)
    elif settings.get("dense"):
        dense = dense_features(rows, **settings["dense"], known=known)
    else:
        dense = None
    test_idx = [i for i, f in enumerate(fold_of) if f == fold]
    feats = [token_features(r["tokens"]) for r in rows]
    tags = [merge_layers(r["tags_skill"], r["tags_knowledge"]) for r in rows]
    t0 = time.process_time()
    wd = None
    # one run per seed (training order); the runs are averaged into one tagger (span_model.average_taggers)
    models, layers = [], []
    for seed in settings["seeds"]:
        if dense is not None:
            fitted = train_arrays(
                [feats[i] for i in train_idx],
                [tags[i] for i in train_idx],
                dense=[dense[i] for i in train_idx],
                seed=seed,
                **settings["train"],
            )
            assert isinstance(fitted, tuple)
            models.append(fitted[0])
            layers.append(fitted[1])
        else:
            models.append(
                train_arrays(
                    [feats[i] for i in train_idx], [tags[i] for i in train_idx], seed=seed, **settings["train"]
                )
            )
    model = average_taggers(models)
    if layers:
        wd = np.mean(layers, axis=0)
    mask = bio_mask()
    trans = np.array(model.transitions) + mask

    def decode(i: int, bias: float) -> list[int]:
        if wd is None:
            return model.decode(feats[i], o_bias=bias)
        if not feats[i]:
            return []
        em = np.array(model._emissions(feats[i], bias)) + dense[i] @ wd
        return _viterbi(em, trans)

    secs = time.process_time() - t0
    gold = [gold_spans(rows[i]) for i in test_idx]
    out = {"fold": fold, "train_cpu": secs}
    for bias in settings["o_bias"]:
        pred = [[(s.start, s.end) for s in tags_to_spans([TAGS[t] for t in decode(i, bias)])] for i in test_idx]
        prf = span_prf(pred, gold)
        out[bias] = (prf.tp, prf.n_pred, prf.n_gold)
    return out


def evaluate_dev(paths: list[str]) -> None:
    """The final comparison on SkillSpan dev (run once per shipped model, never to choose settings)."""
    from krapte.extract.span_vectors import encoder_word_vectors
    from krapte.extract.spans import SpanTagger

    rows = load(TRAIN.with_name("json__dev.json"))
    gold = [gold_spans(r) for r in rows]
    for path in paths:
        tagger = SpanTagger.load(Path(path))
        t0 = time.process_time()
        # an encoder-vector tagger's time includes embedding every new word once (no cache across runs); a
        # word-table tagger looks its words up itself
        uses_encoder = tagger.vectors is not None and not tagger.vectors.uses_table
        vectors = encoder_word_vectors if uses_encoder else lambda tokens: None
        pred = [[(s.start, s.end) for s in tagger.spans(r["tokens"], word_vectors=vectors(r["tokens"]))] for r in rows]
        secs = time.process_time() - t0
        strict, loose = span_prf(pred, gold), span_prf(pred, gold, loose=True)
        print(
            f"{path}: strict P {strict.precision:.3f} R {strict.recall:.3f} F1 {strict.f1:.3f}, loose F1 "
            f"{loose.f1:.3f}, {len(rows) / secs:,.0f} sentences per CPU s"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--o-bias", default="0")
    parser.add_argument("--cost-fn", type=float, default=0.0)
    parser.add_argument("--cost-fp", type=float, default=0.0)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", default="13", help="training orders averaged into one tagger, e.g. 13,14,15")
    parser.add_argument("--dense", default="", help="dims,scale,window of encoder word vectors, e.g. 64,4,1")
    parser.add_argument("--unseen-zero", action="store_true")
    parser.add_argument("--words", action="store_true", help="word vectors from a table of ESCO + training words")
    parser.add_argument("--cache", type=Path, help="keep the encoder vectors of the vocabulary in this .npz")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dev", nargs="*", help="only evaluate these model files on SkillSpan dev")
    args = parser.parse_args()
    if args.dev:
        evaluate_dev(args.dev)
        return
    rows = load()
    fold_of = folds(rows, args.folds)
    settings = {
        "train": {"epochs": args.epochs, "cost_fn": args.cost_fn, "cost_fp": args.cost_fp},
        "o_bias": [float(b) for b in args.o_bias.split(",")],
        "seeds": [int(x) for x in args.seeds.split(",")],
    }
    if args.dense:
        d, sc, win = args.dense.split(",")
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from span_words_build import encode_words, esco_words

        vocab = {t.lower() for r in rows for t in r["tokens"]}
        esco = esco_words() if args.words else set()
        words = sorted(vocab | esco)
        table = (words, encode_words(words, args.cache))
        settings["dense"] = {"dims": int(d), "scale": float(sc), "window": int(win), "table": table}
        settings["unseen_zero"] = args.unseen_zero
        settings["words"] = esco
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_run, [(rows, fold_of, f, settings) for f in range(args.folds)]))
    shown = {**settings, "dense": {k: v for k, v in settings.get("dense", {}).items() if k != "table"}}
    shown["words"] = bool(settings.get("words"))
    print(json.dumps(shown), f"train CPU s/fold {np.mean([r['train_cpu'] for r in results]):.1f}")
    for bias in settings["o_bias"]:
        tp, n_pred, n_gold = (sum(r[bias][j] for r in results) for j in range(3))
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        f1s = []
        for res in results:
            t, npred, ngold = res[bias]
            f1s.append(2 * t / max(npred + ngold, 1))
        print(
            f"o_bias {bias:+.2f}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}"
            f"  (per fold {' '.join(f'{x:.3f}' for x in f1s)})"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
