"""Job-title → occupation ranking with the learned fusion (:mod:`krapte.taxonomy.fusion`).

:func:`krapte.taxonomy.search.rank_occupations` calls :func:`rank_learned` when the fusion weights ship (they do for
the package). Per batch of titles:

1. every title's lexical label scores (:mod:`krapte.taxonomy.ngram`), pooled per occupation;
2. the lexical model scores the best 80 occupations of every title; its margin (best minus second) says how open
   the ranking is;
3. only the titles whose margin is below ``encode_below`` are embedded, in one encoder batch (titles seen before
   in the process come from a small LRU cache of vectors), and multiplied with the label vectors in one product;
   their candidates (best by fused, lexical and cosine score) are scored by the hybrid model;
4. hits in the order of the learned score; a hit's ``score`` stays the interpretable 0..1 match score (the fused
   label score for embedded titles, the lexical one otherwise), capped so that it never rises down the list.

:func:`title_features` gives the same candidates and features for fitting (``scripts/search/fit_title_fusion.py``)
and for the out-of-fold figures of the bench.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from krapte.settings import Settings
from krapte.taxonomy import centroids as centroid_module
from krapte.taxonomy import embedding
from krapte.taxonomy import fusion as fusion_module
from krapte.taxonomy import index as label_index
from krapte.taxonomy.fusion import ConceptPriors, FusionModel, Neighbourhood, Semantic
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.ngram import PREFERRED_PRIOR, NgramIndex, pool_max


@dataclass
class TitleScores:
    """One title's scores: label rows, occupations, and the candidates of the two models with their features."""

    row_scores: npt.NDArray[np.float32]  # lexical score per label row, 0..1
    lexical: npt.NDArray[np.float32]  # best label per occupation
    label_mean: npt.NDArray[np.float32]
    lexical_candidates: npt.NDArray[np.intp]
    lexical_features: npt.NDArray[np.float64]
    fused_rows: npt.NDArray[np.float32] | None = None  # per label row, embedded titles only
    semantic: Semantic | None = None
    hybrid_candidates: npt.NDArray[np.intp] | None = None
    hybrid_features: npt.NDArray[np.float64] | None = None
    words: tuple[str, ...] = ()  # the title's tokens (fusion.title_tokens), for the ISCO association features
    near: Neighbourhood | None = None  # for the NEIGHBOUR_FEATURES (None: no label vectors, the columns are 0)

    def lexical_weights(self, model: FusionModel) -> npt.NDArray[np.float64]:
        """The lexical model's weights for these features (the plain model's without the neighbour features)."""
        if self.near is not None or model.lexical_plain is None:
            return model.lexical
        return model.lexical_plain


_priors: dict[int, tuple[ConceptPriors, npt.NDArray[np.bool_]]] = {}


def _concept_priors(tax: Taxonomy, lex: NgramIndex) -> tuple[ConceptPriors, npt.NDArray[np.bool_]]:
    key = id(lex)
    if key not in _priors:
        rows = lex.rows
        occupations = tax.occupations
        narrower = [sum(1 for u in tax.narrower(uri) if u in occupations) for uri in rows.uris]
        isco = [(occupations[uri].isco_code or "") if uri in occupations else "" for uri in rows.uris]
        priors = fusion_module.concept_priors(rows.starts, len(rows.texts), narrower, isco)
        dutch = np.asarray([lang == "nl" for lang in rows.langs], dtype=bool)
        _priors.clear()  # one taxonomy at a time is what processes use
        _priors[key] = (priors, dutch)
    return _priors[key]


_centroid_cache: dict[tuple[int, int], npt.NDArray[np.float32]] = {}


def _centroids(tax: Taxonomy, lex: NgramIndex, sem: label_index.LabelIndex) -> npt.NDArray[np.float32]:
    """Per lexical concept the label centroid (:mod:`krapte.taxonomy.centroids`: shipped, or computed once)."""
    key = (id(lex), id(sem))
    if key not in _centroid_cache:
        found = centroid_module.centroids(tax, lex.rows.uris, sem)
        _centroid_cache.clear()
        _centroid_cache[key] = found
    return _centroid_cache[key]


NEIGHBOUR_BATCH = 256  # titles whose neighbour candidates are found in one product with the centroids
VECTOR_CACHE_SIZE = 8192  # title vectors kept per process (1.5 KB each): vacancy titles repeat a lot
_vectors: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()


def _title_vectors(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """The E5 query vectors of ``texts``: titles seen before in this process from a small LRU cache, the others
    embedded in one encoder batch (each distinct text once)."""
    missing = list(dict.fromkeys(t for t in texts if t not in _vectors))
    if missing:
        for text, vector in zip(missing, embedding.encode(missing, kind="query"), strict=True):
            _vectors[text] = vector
    out = np.empty((len(texts), embedding.DIM), dtype=np.float32)
    for i, text in enumerate(texts):
        _vectors.move_to_end(text)
        out[i] = _vectors[text]
    while len(_vectors) > VECTOR_CACHE_SIZE:
        _vectors.popitem(last=False)
    return out


def clear_vector_cache() -> None:
    """Forget the cached title vectors (benchmarks time the encoder with it)."""
    _vectors.clear()


def title_features(
    tax: Taxonomy,
    titles: Sequence[str],
    *,
    lang: str = "nl",
    settings: Settings | None = None,
    embed: Sequence[bool] | None = None,
    model: FusionModel | None = None,
    use_embedding: bool = True,
) -> list[TitleScores]:
    """Scores and candidate features of each title (already rewritten by ``rewrite_query``). Which titles are
    embedded: ``embed`` when given, otherwise those whose lexical-model margin under ``model`` is below its
    ``encode_below`` (none without a model or without the embedding index)."""
    from krapte.taxonomy.search import (
        COS_CEIL,
        COS_FLOOR,
        SEMANTIC_WEIGHT,
        _row_map,
        _semantic_rows,
        occupation_ngram_index,
    )

    lex = occupation_ngram_index(tax, settings)
    rows = lex.rows
    priors, dutch = _concept_priors(tax, lex)
    associations = model.associations if model is not None else None
    # the label vectors (0.4 s the first time in a process): the neighbour features of every title, the encoder's
    sem_index = label_index.get_index(tax, "occupation", settings) if use_embedding and titles else None
    centroids = _centroids(tax, lex, sem_index) if sem_index is not None else None
    out: list[TitleScores] = []
    for first in range(0, len(titles), NEIGHBOUR_BATCH):
        batch = range(first, min(first + NEIGHBOUR_BATCH, len(titles)))
        scores: list[tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]] = []
        for n in batch:
            row_scores = (lex.row_scores(titles[n], lang) / (1.0 + PREFERRED_PRIOR)).astype(np.float32)
            lexical = pool_max(row_scores, rows.starts)
            label_mean = (np.add.reduceat(row_scores, rows.starts) / priors.counts).astype(np.float32)
            scores.append((row_scores, lexical, label_mean))
        nears: list[Neighbourhood] = []
        extras: list[npt.NDArray[np.intp] | None] = [None] * len(batch)
        if centroids is not None:
            nears = [fusion_module.neighbourhood(lexical, centroids) for _, lexical, _ in scores]
            extras = list(fusion_module.neighbour_candidates(nears, centroids))
        for k, n in enumerate(batch):
            row_scores, lexical, label_mean = scores[k]
            near = nears[k] if nears else None
            cands, x = fusion_module.candidate_features(
                row_scores, lexical, label_mean, rows.preferred, dutch, priors, extra=extras[k]
            )
            if near is not None and centroids is not None:
                fusion_module.with_neighbours(x, centroids[cands], near)
            words = fusion_module.title_tokens(titles[n])
            x = fusion_module.with_associations(x, _codes(priors, cands), words, associations)
            out.append(TitleScores(row_scores, lexical, label_mean, cands, x, words=words, near=near))
    if sem_index is None or centroids is None:
        return out
    if embed is None:
        embed = [
            model is not None
            and bool(title.strip())
            and fusion_module.margin(s.lexical_features @ s.lexical_weights(model)) < model.encode_below
            for title, s in zip(titles, out, strict=True)
        ]
    todo = [n for n, (title, flag) in enumerate(zip(titles, embed, strict=True)) if flag and title.strip()]
    if not todo:
        return out
    row_map = _row_map(lex, sem_index)
    vectors = _title_vectors([titles[n] for n in todo])
    sims = vectors @ sem_index.vectors.T
    pooled = sem_index.pool(sims)
    has_column = row_map.concept_column >= 0
    column = np.maximum(row_map.concept_column, 0)
    for j, n in enumerate(todo):
        s = out[n]
        semantic_rows = _semantic_rows(row_map, rows.row_concept, pooled[j], sims[j])
        fused_rows = ((1 - SEMANTIC_WEIGHT) * s.row_scores + SEMANTIC_WEIGHT * semantic_rows).astype(np.float32)
        cosine = np.where(has_column, pooled[j][column], 0.0).astype(np.float32)
        rescaled = np.clip((cosine - COS_FLOOR) / (COS_CEIL - COS_FLOOR), 0.0, 1.0).astype(np.float32)
        s.fused_rows = fused_rows
        s.semantic = Semantic(cosine, rescaled, pool_max(fused_rows, rows.starts))
        cands, x = fusion_module.candidate_features(
            s.row_scores, s.lexical, s.label_mean, rows.preferred, dutch, priors, s.semantic
        )
        s.hybrid_candidates = cands
        if s.near is not None:
            fusion_module.with_neighbours(x, centroids[cands], s.near)
        s.hybrid_features = fusion_module.with_associations(x, _codes(priors, cands), s.words, associations)
    return out


def _codes(priors: ConceptPriors, cands: npt.NDArray[np.intp]) -> list[str]:
    codes: list[str] = priors.isco_array[cands].tolist()
    return codes


def rank_learned(
    tax: Taxonomy,
    titles: Sequence[str],
    model: FusionModel,
    *,
    lang: str = "nl",
    top: int = 10,
    use_embedding: bool = True,
    settings: Settings | None = None,
    embed_all: bool = False,
) -> list[list[tuple[str, float, str, str]]]:
    """Per title the ``top`` occupations as (uri, score, matched label, via), best first (see the module docstring)."""
    from krapte.taxonomy.search import occupation_ngram_index

    embed = [bool(t.strip()) for t in titles] if embed_all else None
    scored = title_features(
        tax, titles, lang=lang, settings=settings, embed=embed, model=model, use_embedding=use_embedding
    )
    lex = occupation_ngram_index(tax, settings)
    rows = lex.rows
    results: list[list[tuple[str, float, str, str]]] = []
    for title, s in zip(titles, scored, strict=True):
        if not title.strip():
            results.append([])
            continue
        if s.hybrid_features is not None and s.hybrid_candidates is not None and s.semantic is not None:
            cands, z = s.hybrid_candidates, s.hybrid_features @ model.hybrid
            shown, per_row = s.semantic.fused, s.fused_rows
        else:
            cands, z = s.lexical_candidates, s.lexical_features @ s.lexical_weights(model)
            shown, per_row = s.lexical, s.row_scores
        assert per_row is not None
        order = np.lexsort((cands, -s.label_mean[cands], -z))
        hits: list[tuple[str, float, str, str]] = []
        ceiling = 1.0
        for c in cands[order]:
            c = int(c)
            if shown[c] <= 0 or len(hits) >= top:
                continue
            ceiling = min(ceiling, float(shown[c]))
            in_lex = bool(s.lexical[c] > 0)
            in_sem = s.semantic is not None and bool(shown[c] > 0.5 * s.lexical[c])
            via = "both" if in_lex and in_sem else ("semantic" if in_sem else "lexical")
            hits.append((rows.uris[c], ceiling, rows.texts[lex.best_row(per_row, c)], via))
        results.append(hits)
    return results


@dataclass(frozen=True)
class Example:
    """One annotated training title: its words, the ISCO groups of its annotated occupations, and per model the
    candidates' features (association columns 0), ISCO codes and which candidates are annotated. The hybrid part
    is None for a title that was not embedded."""

    words: tuple[str, ...]
    groups: frozenset[str]
    lexical: fusion_module.TrainingList
    lexical_codes: tuple[str, ...]
    hybrid: fusion_module.TrainingList | None
    hybrid_codes: tuple[str, ...]

    def lists(
        self, associations: fusion_module.IscoAssociations | None, *, leave_out: bool
    ) -> tuple[fusion_module.TrainingList, fusion_module.TrainingList | None]:
        """The lexical and hybrid lists with the association columns of ``associations``; ``leave_out``: this title
        was among those ``associations`` were counted on, so its own contribution is removed."""
        own = self.groups if leave_out else None
        x, gold = self.lexical
        lexical = (fusion_module.with_associations(x, self.lexical_codes, self.words, associations, own), gold)
        if self.hybrid is None:
            return lexical, None
        hx, hgold = self.hybrid
        return lexical, (fusion_module.with_associations(hx, self.hybrid_codes, self.words, associations, own), hgold)


def training_lists(
    tax: Taxonomy,
    titles: Sequence[str],
    gold: Sequence[set[str]],
    settings: Settings | None = None,
    *,
    use_embedding: bool = True,
) -> list[Example]:
    """One :class:`Example` per title; every title is embedded unless ``use_embedding`` is false
    (``scripts/search/fit_title_fusion.py``, ``bench/bench_taxonomy.py``)."""
    from krapte.taxonomy.search import occupation_ngram_index, rewrite_query

    rewritten = [rewrite_query(t) for t in titles]
    scored = title_features(
        tax, rewritten, settings=settings, embed=[bool(t.strip()) for t in rewritten], use_embedding=use_embedding
    )
    lex = occupation_ngram_index(tax, settings)
    uris = lex.rows.uris
    priors, _ = _concept_priors(tax, lex)
    out: list[Example] = []
    for s, rel in zip(scored, gold, strict=True):
        groups = frozenset().union(
            *(fusion_module.isco_groups(tax.occupations[u].isco_code or "") for u in rel if u in tax.occupations)
        )
        lexical = (s.lexical_features, np.asarray([uris[c] in rel for c in s.lexical_candidates], dtype=bool))
        hybrid = None
        hybrid_codes: tuple[str, ...] = ()
        if s.hybrid_features is not None and s.hybrid_candidates is not None:
            hybrid = (s.hybrid_features, np.asarray([uris[c] in rel for c in s.hybrid_candidates], dtype=bool))
            hybrid_codes = tuple(_codes(priors, s.hybrid_candidates))
        out.append(Example(s.words, groups, lexical, tuple(_codes(priors, s.lexical_candidates)), hybrid, hybrid_codes))
    return out


def fit_model(examples: Sequence[Example], *, l2: float, encode_share: float, alpha: float = 1.0) -> FusionModel:
    """Both models fitted on ``examples``: the ISCO associations counted on them, the weights fitted on their lists
    with each title's own contribution to the associations left out; ``encode_below`` is the ``encode_share``
    quantile of the lexical model's margins on them. The plain lexical model (for rankings without label vectors)
    is the lexical one fitted with the neighbour features left out."""
    associations = fusion_module.IscoAssociations.fit([e.words for e in examples], [e.groups for e in examples], alpha)
    pairs = [e.lists(associations, leave_out=True) for e in examples]
    lexical = [lex for lex, _ in pairs]
    hybrid = [h for _, h in pairs if h is not None]
    w_lex = fusion_module.fit_listwise(lexical, l2)
    w_hyb = fusion_module.fit_listwise(hybrid, l2) if hybrid else np.zeros(len(fusion_module.HYBRID_FEATURES))
    w_plain = fusion_module.fit_listwise([(_without_neighbours(x), gold) for x, gold in lexical], l2)
    margins = [fusion_module.margin(x @ w_lex) for x, _ in lexical]
    return FusionModel(
        w_lex, w_hyb, float(np.quantile(margins, encode_share)), associations=associations, lexical_plain=w_plain
    )


def _without_neighbours(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out = x.copy()
    out[:, fusion_module.NEIGHBOURS] = 0.0
    return out


__all__ = [
    "Example",
    "TitleScores",
    "clear_vector_cache",
    "fit_model",
    "rank_learned",
    "title_features",
    "training_lists",
]
