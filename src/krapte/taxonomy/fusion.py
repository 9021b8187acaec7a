"""Learned fusion of the lexical and embedding scores of job-title → occupation ranking.

:func:`krapte.taxonomy.search.rank_occupations` takes a few dozen candidate occupations per title and orders them by
a linear score over a handful of features (:data:`LEXICAL_FEATURES`, and with the title's embedding also
:data:`HYBRID_FEATURES`): the lexical score of the occupation's best label and its square, the mean score of all its
labels, whether the best label is a preferred and a Dutch one, how many labels and narrower occupations it has,
the lead of the lexical winner over the runner-up, and the embedding cosine, the per-label fused score of the
hand-set mixture and their interactions, and how strongly the title's words go with the candidate's ISCO-08
groups in the annotated training titles (:class:`IscoAssociations`). The weights are fitted by a listwise softmax
loss (the probability of the annotated occupations among the candidates, L2-regularised) on the dev job titles, by
``scripts/search/fit_title_fusion.py``, and ship in ``krapte/data/title-fusion/weights.json``; every quality figure
reported for them is out-of-fold (``python -m bench taxonomy``).

Two models are fitted: a lexical one, used for every title, and a hybrid one, used for the titles the encoder is
run on. A title is embedded only when the lexical model's margin (its best candidate's score minus the second's)
is below ``encode_below``: the threshold at which the encoder runs on a fixed share of the dev titles (the
``encode_share`` of the weights file, set by the speed budget: the encoder costs ~13 ms CPU a title, the rest
~1 ms), so the titles the lexical ranking leaves most open get the encoder.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from krapte.text.normalize import tokens

FloatArray = npt.NDArray[np.float64]

ISCO_LEVELS = (1, 2, 3)  # ISCO-08 major, sub-major and minor groups (not the unit group: see IscoAssociations)
ASSOCIATION_FEATURES: tuple[str, ...] = tuple(f"isco{level}_prior" for level in ISCO_LEVELS)
NEIGHBOUR_FEATURES: tuple[str, ...] = (  # see neighbour_columns; 0 without label vectors (then: lexical_plain)
    "neighbour_top1",  # cosine of the candidate's label centroid with the lexical winner's
    "neighbour_top3",  # ... with the lexical-score-weighted centroid of the best three
)
LEXICAL_FEATURES: tuple[str, ...] = (
    "lexical",  # best label score (char n-gram / word TF-IDF), 0..1
    "lexical_sq",
    "label_mean",  # mean score of all the occupation's labels (agreement of its labels)
    "preferred",  # the best-scoring label is a preferred label
    "dutch",  # ... and a Dutch one
    "log_labels",  # log(1 + number of labels)
    "log_narrower",  # log(1 + number of narrower occupations): annotators often choose the broader occupation
    "lead",  # the lexical winner's lead over the runner-up (0 for the others)
    *NEIGHBOUR_FEATURES,
    *ASSOCIATION_FEATURES,
)
HYBRID_FEATURES: tuple[str, ...] = (
    *LEXICAL_FEATURES,
    "semantic",  # best label cosine rescaled to 0..1 (search.semantic_score)
    "cosine",  # ... raw
    "fused",  # best per-label 0.5 lexical + 0.5 semantic (the hand-set mixture)
    "lexical_x_semantic",
    "semantic_sq",
)
LEXICAL_CANDIDATES = 80  # best lexical occupations scored by the lexical model
HYBRID_CANDIDATES = (40, 15, 15)  # best by fused, by lexical and by cosine score, scored by the hybrid model
DATASET = "title-fusion"


ASSOCIATIONS = slice(
    len(LEXICAL_FEATURES) - len(ASSOCIATION_FEATURES), len(LEXICAL_FEATURES)
)  # their columns, in both models
NEIGHBOURS = slice(ASSOCIATIONS.start - len(NEIGHBOUR_FEATURES), ASSOCIATIONS.start)


def title_tokens(title: str) -> tuple[str, ...]:
    """The distinct word tokens of a title (folded: case and accents), in order."""
    return tuple(dict.fromkeys(tokens(title)))


def isco_groups(code: str) -> frozenset[str]:
    """The ISCO-08 groups (:data:`ISCO_LEVELS` digits) an occupation with unit group ``code`` belongs to."""
    return frozenset(code[:level] for level in ISCO_LEVELS if len(code) >= level)


@dataclass(frozen=True)
class IscoAssociations:
    """How often a title word goes with an ISCO-08 group in the annotated training titles.

    For a word ``w`` and a group ``g``: ``count(w, g) / (count(w) + alpha)``, where ``count(w)`` is the number of
    training titles with the word (and an annotated occupation) and ``count(w, g)`` the number of those whose
    annotated occupation is in ``g``; ``alpha`` (1: one unseen title) shrinks rare words towards 0. A candidate's
    feature at a level is the mean of this over the title's words (a word never seen counts 0) for the
    candidate's group at that level, so "Docent Duits (2e graads)" favours the secondary-school teachers (ISCO 233)
    that other "docent ... (2e graads)" titles were annotated with, whatever the language taught, while one
    generic word among unseen ones ("warmte pomp monteur") says little. (The best word instead of the mean: the
    same out-of-fold MRR on random folds, 0.003 better on grouped ones, but one generic word then outweighs the
    label match.) Words say which kind of work a title is, which the label match of
    one occupation does not; the unit group (4 digits) is left out because it mostly names one occupation, and a
    per-occupation memory of the training titles would not carry over to titles of other occupations (see
    ``docs/taxonomy.md``).

    For fitting, a training title's own contribution is left out of its features (``leave_out``): with it, the
    feature would tell the model the answer and the weights would trust it far too much.
    """

    totals: dict[str, int]
    counts: dict[str, dict[str, int]]
    alpha: float = 1.0

    @classmethod
    def fit(
        cls, titles: Sequence[Sequence[str]], groups: Sequence[frozenset[str]], alpha: float = 1.0
    ) -> IscoAssociations:
        """From each training title's tokens and the ISCO groups of its annotated occupations (titles without any
        are skipped)."""
        totals: dict[str, int] = {}
        counts: dict[str, dict[str, int]] = {}
        for words, own in zip(titles, groups, strict=True):
            if not own:
                continue
            for word in set(words):
                totals[word] = totals.get(word, 0) + 1
                per = counts.setdefault(word, {})
                for g in own:
                    per[g] = per.get(g, 0) + 1
        return cls(totals, counts, alpha)

    def columns(
        self, words: Sequence[str], codes: Sequence[str], leave_out: frozenset[str] | None = None
    ) -> FloatArray:
        """(len(codes), len(ISCO_LEVELS)): per candidate (its ISCO unit-group code) and level, the mean
        association of the title's words with the candidate's group. ``leave_out``: the groups of this title's own
        annotation when it is a training title (its counts are removed)."""
        sub = 1 if leave_out else 0
        own = leave_out or frozenset()
        distinct = set(words)
        summed: dict[str, float] = {}  # per ISCO group: the sum over the title's words (a few dozen groups)
        for word in distinct:
            total = self.totals.get(word, 0) - sub
            per = self.counts.get(word)
            if per is None or total <= 0:
                continue
            den = total + self.alpha
            for g, count in per.items():
                summed[g] = summed.get(g, 0.0) + (count - (g in own)) / den
        if not summed:
            return np.zeros((len(codes), len(ISCO_LEVELS)))
        rows: dict[str, list[float]] = {}  # candidates share unit groups
        for code in codes:
            if code not in rows:
                rows[code] = [summed.get(code[:level], 0.0) for level in ISCO_LEVELS]
        out: FloatArray = np.asarray([rows[code] for code in codes], dtype=np.float64).reshape(-1, len(ISCO_LEVELS))
        return out / len(distinct)

    def to_json(self) -> dict[str, Any]:
        return {
            "alpha": self.alpha,
            "words": {w: [self.totals[w], dict(sorted(self.counts[w].items()))] for w in sorted(self.totals)},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IscoAssociations:
        words = data["words"]
        return cls(
            {w: int(v[0]) for w, v in words.items()},
            {w: {g: int(c) for g, c in v[1].items()} for w, v in words.items()},
            float(data["alpha"]),
        )


@dataclass(frozen=True)
class FusionModel:
    """Weights of the lexical and the hybrid model (in feature order) and the encoder gate."""

    lexical: FloatArray
    hybrid: FloatArray
    encode_below: float  # embed a title whose lexical-model margin is below this
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    associations: IscoAssociations | None = field(default=None, compare=False)  # None: those features are 0
    # the lexical model fitted without the NEIGHBOUR_FEATURES, for rankings without label vectors (no embedding
    # package, --lexical-only); None: the lexical weights are used with those columns 0
    lexical_plain: FloatArray | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "lexical_features": list(LEXICAL_FEATURES),
            "hybrid_features": list(HYBRID_FEATURES),
            "lexical": _rounded(self.lexical),
            "hybrid": _rounded(self.hybrid),
            "encode_below": round(float(self.encode_below), 6),
            **({"lexical_plain": _rounded(self.lexical_plain)} if self.lexical_plain is not None else {}),
            **self.meta,
            **({"associations": self.associations.to_json()} if self.associations is not None else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FusionModel:
        if tuple(data["lexical_features"]) != LEXICAL_FEATURES or tuple(data["hybrid_features"]) != HYBRID_FEATURES:
            raise ValueError("fusion weights for other features: run scripts/search/fit_title_fusion.py")
        known = {
            "lexical_features",
            "hybrid_features",
            "lexical",
            "hybrid",
            "encode_below",
            "associations",
            "lexical_plain",
        }
        associations = data.get("associations")
        plain = data.get("lexical_plain")
        return cls(
            lexical=np.asarray(data["lexical"], dtype=np.float64),
            hybrid=np.asarray(data["hybrid"], dtype=np.float64),
            encode_below=float(data["encode_below"]),
            meta={k: v for k, v in data.items() if k not in known},
            associations=IscoAssociations.from_json(associations) if associations is not None else None,
            lexical_plain=np.asarray(plain, dtype=np.float64) if plain is not None else None,
        )


def _rounded(weights: FloatArray) -> list[float]:
    return [round(float(w), 6) for w in weights]


@lru_cache(maxsize=1)
def shipped_model() -> FusionModel | None:
    """The fitted model shipped in ``krapte/data/title-fusion/weights.json`` (None if absent or for other features)."""
    path = resources.files("krapte.data") / DATASET / "weights.json"
    if not path.is_file():
        return None
    try:
        return FusionModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError):
        return None


@dataclass(frozen=True)
class ConceptPriors:
    """Per concept (in :class:`krapte.taxonomy.ngram.LabelRows` order): the title-independent features."""

    log_labels: FloatArray
    log_narrower: FloatArray
    ends: npt.NDArray[np.int64]  # one past the last row of each concept
    counts: npt.NDArray[np.int64]  # rows of each concept
    isco: tuple[str, ...] = ()  # ISCO-08 unit-group code of each concept ("" if unknown)

    @cached_property
    def isco_array(self) -> npt.NDArray[np.object_]:
        """:attr:`isco` as an array, to take the codes of a title's candidates in one step."""
        return np.asarray(self.isco, dtype=object)


def concept_priors(
    starts: npt.NDArray[np.int64], n_rows: int, narrower: Sequence[int], isco: Sequence[str] = ()
) -> ConceptPriors:
    ends = np.append(starts[1:], n_rows).astype(np.int64)
    return ConceptPriors(
        log_labels=np.log1p((ends - starts).astype(np.float64)),
        log_narrower=np.log1p(np.asarray(narrower, dtype=np.float64)),
        ends=ends,
        counts=(ends - starts).astype(np.int64),
        isco=tuple(isco) or ("",) * len(starts),
    )


def top_indices(scores: npt.NDArray[Any], k: int) -> npt.NDArray[np.intp]:
    """Indices of the ``k`` largest scores (unordered; argpartition, not a full sort)."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.intp)
    return np.argpartition(-scores, k - 1)[:k]


@dataclass(frozen=True)
class Semantic:
    """One embedded title's semantic scores per concept: best label cosine, the same rescaled to 0..1
    (:func:`krapte.taxonomy.search.semantic_score`), and the best per-label fused score."""

    cosine: npt.NDArray[np.float32]
    rescaled: npt.NDArray[np.float32]
    fused: npt.NDArray[np.float32]


def candidate_features(
    row_scores: npt.NDArray[np.float32],
    lexical: npt.NDArray[np.float32],
    label_mean: npt.NDArray[np.float32],
    preferred: npt.NDArray[np.bool_],
    dutch: npt.NDArray[np.bool_],
    priors: ConceptPriors,
    semantic: Semantic | None = None,
    extra: npt.NDArray[np.intp] | None = None,
) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """The candidate concepts of one title and their feature rows (:data:`LEXICAL_FEATURES`, or
    :data:`HYBRID_FEATURES` with ``semantic``). ``row_scores`` are the title's lexical label scores (0..1),
    ``lexical`` and ``label_mean`` their best and mean per concept. The association columns are 0 here:
    :func:`with_associations` fills them for a model. ``extra``: more candidates of the lexical list (the
    neighbours of the lexical winners, :func:`neighbour_candidates`)."""
    if semantic is None:
        cands = top_indices(lexical, LEXICAL_CANDIDATES)
        if extra is not None:
            cands = np.unique(np.concatenate([cands, extra]))
    else:
        by_fused, by_lexical, by_cosine = HYBRID_CANDIDATES
        cands = np.unique(
            np.concatenate(
                [
                    top_indices(semantic.fused, by_fused),
                    top_indices(lexical, by_lexical),
                    top_indices(semantic.cosine, by_cosine),
                ]
            )
        )
    cands = np.sort(cands)
    best_rows = _best_rows(row_scores, lexical, priors, cands)
    lex = lexical[cands].astype(np.float64)
    if len(lexical) > 1:
        second, first = np.partition(lexical, len(lexical) - 2)[-2:]
    else:
        second, first = 0.0, float(lexical.max(initial=0.0))
    columns = [
        lex,
        lex**2,
        label_mean[cands].astype(np.float64),
        preferred[best_rows].astype(np.float64),
        dutch[best_rows].astype(np.float64),
        priors.log_labels[cands],
        priors.log_narrower[cands],
        (lex >= first) * float(first - second),
        *([np.zeros(len(cands))] * len(NEIGHBOUR_FEATURES)),  # filled by with_neighbours
        *([np.zeros(len(cands))] * len(ASSOCIATION_FEATURES)),  # filled by with_associations
    ]
    if semantic is not None:
        cos = semantic.cosine[cands].astype(np.float64)
        sem = semantic.rescaled[cands].astype(np.float64)
        columns += [sem, cos, semantic.fused[cands].astype(np.float64), lex * sem, sem**2]
    return cands, np.stack(columns, axis=1)


def _best_rows(
    row_scores: npt.NDArray[np.float32],
    lexical: npt.NDArray[np.float32],
    priors: ConceptPriors,
    cands: npt.NDArray[np.intp],
) -> npt.NDArray[np.intp]:
    """For each candidate concept its first label row with the concept's best score, without a Python loop: only
    the candidates' rows (a few hundred) are gathered."""
    starts = priors.ends[cands] - priors.counts[cands]
    counts = priors.counts[cands]
    group = np.repeat(np.arange(len(cands)), counts)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    rows = np.repeat(starts, counts) + offsets
    hit = np.flatnonzero(row_scores[rows] >= lexical[cands][group])
    _, first = np.unique(group[hit], return_index=True)
    best: npt.NDArray[np.intp] = rows[hit[first]].astype(np.intp)
    return best


def with_associations(
    x: FloatArray,
    codes: Sequence[str],
    words: Sequence[str],
    associations: IscoAssociations | None,
    leave_out: frozenset[str] | None = None,
) -> FloatArray:
    """``x`` (candidate features, either model) with its :data:`ASSOCIATION_FEATURES` columns computed for the
    candidates' ISCO ``codes`` and the title's ``words`` (a copy; zeros without ``associations``)."""
    out = x.copy()
    out[:, ASSOCIATIONS] = associations.columns(words, codes, leave_out) if associations is not None else 0.0
    return out


NEIGHBOUR_CANDIDATES = 20  # occupations closest to the lexical winners, added to the lexical model's candidates


@dataclass(frozen=True)
class Neighbourhood:
    """What a title's words point to in the label embedding space, without embedding the title: the label
    centroid of the lexical winner and the lexical-score-weighted, L2-normalised centroid of the best three."""

    winner: npt.NDArray[np.float32]
    weighted: npt.NDArray[np.float32]


def neighbourhood(lexical: npt.NDArray[np.float32], centroids: npt.NDArray[np.float32]) -> Neighbourhood:
    """The :class:`Neighbourhood` of one title from every occupation's lexical score and label centroid (rows
    aligned; ties between equal scores go to the first occupation)."""
    top = top_indices(lexical, 3)
    best = top[np.lexsort((top, -lexical[top]))]
    weights = np.maximum(lexical[best], 0.0).astype(np.float32)
    weighted = (weights[:, None] * centroids[best]).sum(axis=0) if weights.sum() > 0 else centroids[best[0]]
    weighted = (weighted / max(float(np.linalg.norm(weighted)), 1e-9)).astype(np.float32)
    return Neighbourhood(centroids[best[0]], weighted)


def neighbour_candidates(
    nears: Sequence[Neighbourhood], centroids: npt.NDArray[np.float32]
) -> list[npt.NDArray[np.intp]]:
    """Per title (its :class:`Neighbourhood`) the :data:`NEIGHBOUR_CANDIDATES` occupations whose label centroids
    (``centroids``: every occupation's) are closest to the weighted centroid of the three lexical winners:
    candidates of the kind of work the title's words point to, found without the encoder. One matrix product for
    a batch of titles (a product per title would read the centroids from memory once per title)."""
    if not nears:
        return []
    sims = np.stack([near.weighted for near in nears]) @ centroids.T
    return [top_indices(row, NEIGHBOUR_CANDIDATES) for row in sims]


def with_neighbours(x: FloatArray, centroids: npt.NDArray[np.float32], near: Neighbourhood) -> FloatArray:
    """``x`` (candidate features, either model) with its :data:`NEIGHBOUR_FEATURES` filled in place, from the
    candidates' label centroids (rows of ``centroids``: the L2-normalised mean embedding of each candidate's labels,
    in candidate order) and the title's :class:`Neighbourhood`.

    Pseudo-relevance feedback in the embedding space of the labels, without embedding the title: the lexical
    winner (and the lexical-score-weighted centroid of the best three) stands in for the title's meaning, and a
    candidate scores by how close its labels are to it. A candidate that shares the lexical winners' kind of work
    rises over one that only shares a word form; the encoder is not needed, so every title gets it (a product with
    a few dozen candidates' centroids)."""
    if len(x):
        x[:, NEIGHBOURS] = np.stack([centroids @ near.winner, centroids @ near.weighted], axis=1)
    return x


def margin(scores: FloatArray) -> float:
    """The best score's lead over the second (infinite with fewer than two candidates)."""
    if len(scores) < 2:
        return float("inf")
    second, first = np.partition(scores, len(scores) - 2)[-2:]
    return float(first - second)


# -- fitting (scripts/search/fit_title_fusion.py and the bench) ------------------------------------------------------
TrainingList = tuple[FloatArray, npt.NDArray[np.bool_]]  # candidate features, which candidates are annotated


def listwise_loss(weights: FloatArray, lists: Sequence[TrainingList], l2: float) -> tuple[float, FloatArray]:
    """Mean negative log softmax probability of the annotated candidates, plus ``l2`` × |w|², and its gradient.
    Lists without an annotated candidate carry no information and are skipped."""
    total, grad, used = 0.0, np.zeros_like(weights), 0
    for x, gold in lists:
        if not gold.any():
            continue
        z = x @ weights
        p = np.exp(z - z.max())
        p /= p.sum()
        mass = float(p[gold].sum())
        total -= np.log(max(mass, 1e-300))
        q = np.where(gold, p, 0.0) / max(mass, 1e-300)
        grad -= x.T @ (q - p)
        used += 1
    used = max(used, 1)
    return total / used + l2 * float(weights @ weights), grad / used + 2 * l2 * weights


def fit_listwise(lists: Sequence[TrainingList], l2: float = 1e-3) -> FloatArray:
    """Weights minimising :func:`listwise_loss` (L-BFGS from zero)."""
    from scipy.optimize import minimize

    dim = lists[0][0].shape[1]
    result = minimize(listwise_loss, np.zeros(dim), args=(lists, l2), jac=True, method="L-BFGS-B")
    weights: FloatArray = np.asarray(result.x, dtype=np.float64)
    return weights


def folds(n: int, k: int = 5, seed: int = 0) -> list[npt.NDArray[np.intp]]:
    """``k`` disjoint folds of ``range(n)`` (a seeded permutation)."""
    order = np.random.RandomState(seed).permutation(n)
    return [np.sort(order[i::k]) for i in range(k)]


def grouped_folds(groups: Sequence[Hashable], k: int = 5, seed: int = 0) -> list[npt.NDArray[np.intp]]:
    """``k`` disjoint folds of ``range(len(groups))`` in which items of the same group share a fold (the groups
    dealt round-robin in a seeded order)."""
    distinct = list(dict.fromkeys(groups))
    order = np.random.RandomState(seed).permutation(len(distinct))
    fold_of = {distinct[g]: i % k for i, g in enumerate(order)}
    return [np.asarray([n for n, g in enumerate(groups) if fold_of[g] == f], dtype=np.intp) for f in range(k)]


__all__ = [
    "ASSOCIATION_FEATURES",
    "HYBRID_FEATURES",
    "ISCO_LEVELS",
    "LEXICAL_FEATURES",
    "NEIGHBOURS",
    "NEIGHBOUR_CANDIDATES",
    "NEIGHBOUR_FEATURES",
    "ConceptPriors",
    "FusionModel",
    "IscoAssociations",
    "Neighbourhood",
    "Semantic",
    "candidate_features",
    "concept_priors",
    "fit_listwise",
    "folds",
    "grouped_folds",
    "isco_groups",
    "listwise_loss",
    "margin",
    "neighbour_candidates",
    "neighbourhood",
    "shipped_model",
    "title_tokens",
    "top_indices",
    "with_associations",
    "with_neighbours",
]
