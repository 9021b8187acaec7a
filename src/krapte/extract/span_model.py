"""Training of the span tagger with numpy: an averaged structured perceptron, optionally cost-augmented.

The runtime model stays :class:`krapte.extract.spans.SpanTagger` (plain Python, gzip JSON); this module only fits its
weights (:meth:`SpanTagger.train` calls it), about 10× faster than the pure-Python loop it replaced, so that settings
can be chosen by cross-validation on the training split. Cost-augmented training (Taskar-style margin,
"loss-augmented decoding") makes the perceptron update also when the gold sequence wins by less than a cost:
``cost_fn`` for every gold-entity token the prediction gets wrong (a missed skill token), ``cost_fp`` for every
predicted entity token on a gold ``O``; ``cost_fn > cost_fp`` buys recall.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from krapte.extract.spans import _START, TAGS, WEIGHT_DECIMALS, Features, SpanTagger, _penalty

__all__ = ["average_taggers", "bio_mask", "train_arrays"]

_N = len(TAGS)


def bio_mask() -> npt.NDArray[np.float64]:
    """(start + tags) × tags matrix: 0 where the transition is allowed, -1e9 where BIO forbids it."""
    return np.array([[_penalty(p, k) for k in range(_N)] for p in range(_N + 1)])


def _viterbi(em: npt.NDArray[np.float64], trans: npt.NDArray[np.float64]) -> list[int]:
    n = em.shape[0]
    score = trans[_START] + em[0]
    back = np.empty((n, _N), dtype=np.int64)
    inner = trans[:_N]
    for i in range(1, n):
        cand = score[:, None] + inner
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + em[i]
    tag = int(score.argmax())
    path = [tag]
    for i in range(n - 1, 0, -1):
        tag = int(back[i, tag])
        path.append(tag)
    return path[::-1]


def train_arrays(
    feats: Sequence[list[Features]],
    tags: Sequence[Sequence[str]],
    *,
    epochs: int = 20,
    seed: int = 13,
    cost_fn: float = 0.0,
    cost_fp: float = 0.0,
    dense: Sequence[npt.NDArray[np.float64]] | None = None,
) -> SpanTagger | tuple[SpanTagger, npt.NDArray[np.float64]]:
    """Fit an averaged structured perceptron: a (tags × tags) update for every wrong token, averaged over steps."""
    vocab: dict[str, int] = {}
    ids: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
    for sent in feats:
        names: list[int] = []
        starts: list[int] = []
        for f in sent:
            starts.append(len(names))
            names += [vocab.setdefault(name, len(vocab)) for name in f]
        ids.append((np.array(names, dtype=np.int64), np.array(starts, dtype=np.int64)))
    index = {t: i for i, t in enumerate(TAGS)}
    golds = [np.array([index[t] for t in s], dtype=np.int64) for s in tags]
    w = np.zeros((len(vocab), _N))
    u = np.zeros_like(w)  # step-weighted sum of the updates (averaging trick: mean = w - u / steps)
    t = np.zeros((_N + 1, _N))
    tu = np.zeros_like(t)
    dim = dense[0].shape[1] if dense is not None else 0
    wd = np.zeros((dim, _N))
    ud = np.zeros_like(wd)
    mask = bio_mask()
    entity = np.array([tag != "O" for tag in TAGS])
    order = list(range(len(feats)))
    rng = random.Random(seed)
    step = 0
    for _ in range(epochs):
        rng.shuffle(order)
        for idx in order:
            step += 1
            flat, offsets = ids[idx]
            gold = golds[idx]
            if len(gold) == 0:
                continue
            em = np.add.reduceat(w[flat], offsets, axis=0)
            if dense is not None:
                em = em + dense[idx] @ wd
            if cost_fn or cost_fp:
                cost = (np.arange(_N)[None, :] != gold[:, None]).astype(float)
                gold_entity = entity[gold][:, None]
                cost *= np.where(gold_entity, cost_fn, np.where(entity[None, :], cost_fp, 0.0))
                em = em + cost
            pred = np.array(_viterbi(em, t + mask), dtype=np.int64)
            if np.array_equal(pred, gold):
                continue
            lengths = np.diff(np.append(offsets, len(flat)))
            tok = np.repeat(np.arange(len(gold)), lengths)
            wrong = (pred != gold)[tok]
            rows = flat[wrong]
            g_tok, p_tok = gold[tok][wrong], pred[tok][wrong]
            np.add.at(w, (rows, g_tok), 1.0)
            np.add.at(w, (rows, p_tok), -1.0)
            np.add.at(u, (rows, g_tok), step)
            np.add.at(u, (rows, p_tok), -step)
            if dense is not None:
                d_wrong = dense[idx][pred != gold]
                for x, g, p in zip(d_wrong, gold[pred != gold], pred[pred != gold], strict=True):
                    wd[:, g] += x
                    wd[:, p] -= x
                    ud[:, g] += step * x
                    ud[:, p] -= step * x
            prev_g = np.concatenate(([_START], gold[:-1]))
            prev_p = np.concatenate(([_START], pred[:-1]))
            diff = (gold != pred) | (prev_g != prev_p)
            for pg, g, pp, p in zip(prev_g[diff], gold[diff], prev_p[diff], pred[diff], strict=True):
                t[pg, g] += 1.0
                tu[pg, g] += step
                t[pp, p] -= 1.0
                tu[pp, p] -= step
    avg = w - u / max(step, 1)
    t_avg = t - tu / max(step, 1)
    feature_names = list(vocab)
    weights = {
        feature_names[i]: [round(float(x), WEIGHT_DECIMALS) for x in avg[i]]
        for i in np.flatnonzero(np.abs(avg).max(axis=1) >= 0.05)
    }
    weights = {n: v for n, v in weights.items() if any(v)}
    model = SpanTagger(weights, [[round(float(x), 4) for x in row] for row in t_avg])
    if dense is not None:
        return model, wd - ud / max(step, 1)
    return model


def average_taggers(models: Sequence[SpanTagger]) -> SpanTagger:
    """One tagger whose scores are the mean of the models' scores (perceptrons trained on different orders).

    The taggers are linear, so averaging their weights, transitions and word-vector layers gives exactly the mean
    emissions and transitions of the ensemble at the cost of a single tagger at run time."""
    n = len(models)
    names = sorted({name for m in models for name in m.weights})
    zero = [0.0] * _N
    weights = {}
    for name in names:
        mean = np.mean([m.weights.get(name, zero) for m in models], axis=0)
        if np.abs(mean).max() >= 0.05:
            weights[name] = [round(float(x), WEIGHT_DECIMALS) for x in mean]
    transitions = np.mean([m.transitions for m in models], axis=0)
    out = SpanTagger(weights, [[round(float(x), 4) for x in row] for row in transitions], models[0].o_bias)
    layers = [m.vectors for m in models if m.vectors is not None]
    if layers:
        assert len(layers) == n, "either all models have a word-vector layer or none"
        first = layers[0]
        out.vectors = type(first)(
            first.mean, first.projection, first.scale, first.window, np.mean([v.weights for v in layers], axis=0)
        )
    return out
