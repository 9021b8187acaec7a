"""Search concepts by text and rank occupations for job titles: lexical matching plus, where it helps, embeddings.

* :func:`search` (``krapte taxonomy search``, ``/api/v1/occupations?q=``): lexical over every label in both
  languages (see :mod:`krapte.taxonomy.lexical`). When the lexical match is weak (best score below
  ``SEMANTIC_BELOW``), which is typical for a Dutch query about a skill that only has English labels, the
  multilingual embedding of the query is compared with the label index and semantic hits are merged in.
* :func:`rank_occupations` (``krapte taxonomy rank-occupations``, job-title normalisation in extraction): every
  occupation label is scored by char n-gram / word TF-IDF (:mod:`krapte.taxonomy.ngram`) mixed with the cosine of
  its embedding, and an occupation scores as its best label. By default the candidates are then ordered by the
  learned fusion (:mod:`krapte.taxonomy.fusion`, :mod:`krapte.taxonomy.titles`), which also decides which titles
  are embedded. Without the embedding package the ranking is lexical only.
"""

from __future__ import annotations

import csv
import io
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import numpy as np
import numpy.typing as npt

from krapte.settings import Settings
from krapte.taxonomy import embedding, fusion
from krapte.taxonomy import index as label_index
from krapte.taxonomy.fusion import FusionModel
from krapte.taxonomy.labels import derived_labels_digest, english_rendering
from krapte.taxonomy.lexical import LexicalHit, LexicalIndex, build_lexical_index, is_derived_entry
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.ngram import PREFERRED_PRIOR, NgramIndex, get_ngram_index, pool_max
from krapte.text.normalize import tokens

ConceptKind = Literal["occupation", "skill"]
SEMANTIC_BELOW = 0.75
LEXICAL_WEIGHT = 0.5
SEMANTIC_WEIGHT = 0.5
SKIP_EMBEDDING_ABOVE = 0.9  # a title whose lexical score reaches this is (nearly) a label: not embedded
# ... nor a title whose best lexical occupation leads the runner-up by this much (see rank_occupations): the margin
# chosen in 4 of 5 cross-validation folds of the dev titles as the smallest one whose MRR is not worse than embedding
# every open title by more than one standard error (bench/bench_first_answers.py)
DECISIVE_MARGIN = 0.25
COS_FLOOR, COS_CEIL = 0.78, 0.95
CANDIDATES = 50
TRANSLATED_WEIGHT = 1.0  # see merge_hits
NEAR_EXACT = 0.9  # a lexical score from which the best hit is (nearly) the query itself
RELATIVE_FLOOR = 0.5  # ... and then hits below this share of its score are dropped


@dataclass(frozen=True)
class Hit:
    """One search or ranking result."""

    uri: str
    kind: ConceptKind
    label: str
    score: float
    matched: str = ""
    via: str = "lexical"  # lexical | semantic | both
    derived: bool = False  # ``matched`` is a machine-derived Dutch label, not ESCO's (show it marked as such)

    def to_dict(self) -> dict[str, object]:
        return {
            "uri": self.uri,
            "kind": self.kind,
            "label": self.label,
            "score": round(self.score, 4),
            "matched": self.matched,
            "via": self.via,
            "derived": self.derived,
        }


@lru_cache(maxsize=1)
def _query_rewrites() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The Dutch job-word lexicon (``krapte/data/search-nl-lexicon/rewrites.tsv``): licence codes, abbreviations,
    compounds with no ESCO label, and noise words of vacancy titles, as (pattern, replacement)."""
    path = resources.files("krapte.data") / "search-nl-lexicon" / "rewrites.tsv"
    if not path.is_file():
        return ()
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t")
    return tuple(
        (re.compile(rf"(?<![\w/+#.-])(?:{row['pattern']})(?![\w/+#-])", re.IGNORECASE), row["replacement"])
        for row in rows
    )


def rewrite_query(text: str) -> str:
    """A job title or search query with Dutch job words spelled out: ``"Chauffeur C/E"`` → ``"Chauffeur
    vrachtwagenchauffeur"``, ``"laadpaalmonteur"`` → ``"monteur elektrische installaties"``; licence and certificate
    codes, gender notes and employment terms dropped. A query made only of such words is left as it is."""
    out = text
    for pattern, replacement in _query_rewrites():
        out = pattern.sub(f" {replacement} " if replacement else " ", out)
    out = " ".join(out.split())
    return out or text


def merge_hits(dutch: Sequence[LexicalHit], english: Sequence[LexicalHit], top: int = 10) -> list[LexicalHit]:
    """Hits of a Dutch query and of its English rendering (:meth:`LabelTranslator.to_english`) in one ranking: per
    concept the better score, the English one times :data:`TRANSLATED_WEIGHT` (1.0: on the held-out folds of
    ``bench/bench_nl_labels.py`` fold 1, a discount of 0.9 or 0.8 only lowered the MRR)."""
    best: dict[str, LexicalHit] = {h.uri: h for h in dutch}
    for h in english:
        score = h.score * TRANSLATED_WEIGHT
        if h.uri not in best or score > best[h.uri].score:
            best[h.uri] = LexicalHit(h.uri, h.kind, score, h.entry)
    return sorted(best.values(), key=lambda h: -h.score)[:top]


def semantic_score(cosine: float) -> float:
    """Map an E5 cosine similarity to 0..1: E5 similarities of unrelated short texts sit near 0.75-0.8."""
    return float(min(1.0, max(0.0, (cosine - COS_FLOOR) / (COS_CEIL - COS_FLOOR))))


_lexical_cache: dict[str, LexicalIndex] = {}


def lexical_index(tax: Taxonomy, settings: Settings | None = None) -> LexicalIndex:
    """The lexical index of a taxonomy: from memory, from the pickled cache, or built (a few seconds)."""
    if tax.key in _lexical_cache:
        return _lexical_cache[tax.key]
    settings = settings or Settings.from_env()
    # v6: with the curated Dutch lexicon and the derived Dutch skill labels, whose fingerprint is part of the name
    path = settings.cache_dir / f"lexical-{tax.key}-v6-{derived_labels_digest()}.pickle"
    idx: LexicalIndex | None = None
    if path.exists():
        try:
            with open(path, "rb") as fh:
                loaded = pickle.load(fh)  # our own cache file, written below
            idx = loaded if isinstance(loaded, LexicalIndex) else None
        except Exception:  # a stale or truncated cache is rebuilt
            idx = None
    if idx is None:
        idx = build_lexical_index(tax)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{id(idx)}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(idx, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:  # a read-only cache dir only costs the rebuild next time
            pass
    _lexical_cache[tax.key] = idx
    return idx


@lru_cache(maxsize=4096)
def _query_vector(text: str) -> np.ndarray:
    return embedding.encode([text], kind="query")[0]


def _label(tax: Taxonomy, uri: str, lang: str) -> str:
    return tax.concept(uri).label(lang)


def search(
    tax: Taxonomy,
    text: str,
    *,
    lang: str = "nl",
    kind: ConceptKind | None = None,
    top: int = 10,
    semantic: bool | None = None,
    settings: Settings | None = None,
) -> list[Hit]:
    """Concepts matching ``text``, best first. ``semantic`` None = only when the lexical match is weak.

    The query is first rewritten (:func:`rewrite_query`). A Dutch query also searches the English skill labels in
    its English rendering (:func:`krapte.taxonomy.labels.english_rendering`, merged by :func:`merge_hits`), which
    reaches skills that have no Dutch label. Lexical hits far below the best one (under
    :data:`RELATIVE_FLOOR` of it) are dropped when the best is a near-exact match: "monteur zonnepanelen" matches its
    occupation fully, and an occupation that only shares "monteur" (a film editor's Dutch alternative label) is noise.
    """
    text = rewrite_query(text)
    index = lexical_index(tax, settings)
    lex = index.search(text, kind=kind, lang=lang, top=max(top, 20))
    if lang == "nl" and kind in (None, "skill"):
        english = english_rendering(text)
        if english and english != " ".join(tokens(text)):
            lex = merge_hits(lex, index.search(english, kind="skill", lang="en", top=max(top, 20)), top=max(top, 20))
    if lex and lex[0].score >= NEAR_EXACT:
        lex = [h for h in lex if h.score >= RELATIVE_FLOOR * lex[0].score]
    hits = {
        h.uri: Hit(
            h.uri,
            h.kind,  # type: ignore[arg-type]
            _label(tax, h.uri, lang),
            min(1.0, h.score),
            h.entry.text,
            derived=is_derived_entry(tax, h.entry),
        )
        for h in lex
    }
    use_semantic = semantic if semantic is not None else (not lex or lex[0].score < SEMANTIC_BELOW)
    if use_semantic and text.strip() and embedding.available():
        qv = _query_vector(text.strip())
        kinds: tuple[ConceptKind, ...] = (kind,) if kind else ("occupation", "skill")
        for k in kinds:
            idx = label_index.get_index(tax, k, settings)
            if idx is None:
                continue
            for uri, cos in idx.top(qv, top):
                s = 0.9 * semantic_score(cos)
                if s <= 0:
                    continue
                prev = hits.get(uri)
                if prev is None or s > prev.score:
                    hits[uri] = Hit(uri, k, _label(tax, uri, lang), s, prev.matched if prev else "", "semantic")
    return sorted(hits.values(), key=lambda h: (-h.score, h.label))[:top]


def occupation_ngram_index(tax: Taxonomy, settings: Settings | None = None) -> NgramIndex:
    """The char n-gram / word TF-IDF index over every occupation label (cached, see :mod:`krapte.taxonomy.ngram`)."""
    settings = settings or Settings.from_env()
    return get_ngram_index(tax, "occupation", settings.cache_dir)


@dataclass(frozen=True)
class _RowMap:
    """How the rows of the lexical index line up with the embedding index of the same taxonomy."""

    concept_column: npt.NDArray[np.intp]  # per lexical concept: its column in ``LabelIndex.pooled`` (-1: none)
    row: npt.NDArray[np.intp]  # per lexical row (label): the embedding row of the same label text (-1: not embedded)


def _row_map(lex: NgramIndex, sem: label_index.LabelIndex) -> _RowMap:
    key = (id(lex), id(sem))
    cached = _row_maps.get(key)
    if cached is None:
        position = {uri: i for i, uri in enumerate(sem.concept_uris)}
        concept_column = np.asarray([position.get(uri, -1) for uri in lex.rows.uris], dtype=np.intp)
        embedded = {(uri, text): i for i, (uri, text) in enumerate(zip(sem.uris, sem.texts, strict=True))}
        row_uris = [lex.rows.uris[c] for c in lex.rows.row_concept]
        row = np.asarray(
            [embedded.get((uri, text), -1) for uri, text in zip(row_uris, lex.rows.texts, strict=True)], dtype=np.intp
        )
        cached = _row_maps[key] = _RowMap(concept_column, row)
    return cached


_row_maps: dict[tuple[int, int], _RowMap] = {}


def _semantic_rows(
    rows: _RowMap, row_concept: npt.NDArray[np.int32], pooled: npt.NDArray[np.float32], sims: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """Rescaled semantic score of every lexical row for one title: the cosine of the row's own label embedding,
    or, for a label that is not embedded (English alternative labels), the best cosine of its concept."""
    concept_cos = np.where(rows.concept_column >= 0, pooled[np.maximum(rows.concept_column, 0)], 0.0)
    cos = np.where(rows.row >= 0, sims[np.maximum(rows.row, 0)], concept_cos[row_concept])
    rescaled: npt.NDArray[np.float32] = np.clip((cos - COS_FLOOR) / (COS_CEIL - COS_FLOOR), 0.0, 1.0).astype(np.float32)
    return rescaled


def rank_occupations(
    tax: Taxonomy,
    titles: Sequence[str],
    *,
    lang: str = "nl",
    top: int = 10,
    use_embedding: bool = True,
    settings: Settings | None = None,
    embed_all: bool = False,
    learned: bool = True,
    model: FusionModel | None = None,
) -> list[list[Hit]]:
    """For each job title the ``top`` best-matching occupations, best first (see the module docstring).

    With ``learned`` (the default) and fusion weights (``model``, default the shipped
    ``krapte/data/title-fusion/weights.json``), the candidates are ordered by the learned fusion of
    :mod:`krapte.taxonomy.titles`, and only the titles whose lexical ranking is open are embedded. Otherwise (no
    weights, or ``learned=False``) the hand-set mixture below ranks them.

    The lexical score of a label is its char n-gram / word TF-IDF cosine with the title
    (:mod:`krapte.taxonomy.ngram`). With the embedding model, the titles are embedded in one batch and each label's
    score becomes ``(1 - SEMANTIC_WEIGHT) * lexical + SEMANTIC_WEIGHT * semantic``, ``semantic`` being the rescaled
    cosine of the label's own embedding (the concept's best cosine for labels that are not embedded, see
    :func:`semantic_score`). An occupation scores as its best label (max pooling), so one label that matches both in
    form and in meaning wins. A title whose best lexical score reaches ``SKIP_EMBEDDING_ABOVE`` is (up to case,
    accents, inflection, punctuation and word order) a label already: it is not embedded and the lexical ranking
    stands, which saves the encoder's time on clean input (a third of the dev titles) at no measured quality cost.
    So does a title whose best lexical occupation leads the second by :data:`DECISIVE_MARGIN` or more: the encoder
    (about 12 ms a title on one core, 50 times the lexical ranking) is spent on the titles the lexical ranking leaves
    open. ``embed_all`` embeds every title (the reference for the fast path; see ``bench/bench_first_answers.py``).
    """
    titles = [rewrite_query(t) for t in titles]
    model = model or (fusion.shipped_model() if learned else None)
    if model is not None:
        from krapte.taxonomy.titles import rank_learned

        ranked = rank_learned(
            tax, titles, model, lang=lang, top=top, use_embedding=use_embedding, settings=settings, embed_all=embed_all
        )
        return [
            [Hit(uri, "occupation", _label(tax, uri, lang), score, matched, via) for uri, score, matched, via in hits]
            for hits in ranked
        ]
    lex_index = occupation_ngram_index(tax, settings)
    sem_index = label_index.get_index(tax, "occupation", settings) if use_embedding else None
    rows = lex_index.rows
    # lexical score of every label row, in 0..1 (the preferred-label prior kept)
    row_scores = [lex_index.row_scores(t, lang) / (1.0 + PREFERRED_PRIOR) for t in titles]
    lexical = [pool_max(r, rows.starts) for r in row_scores]
    fused: dict[int, npt.NDArray[np.float32]] = {}  # per embedded title: fused score of every label row
    if sem_index is not None:
        todo = [n for n, t in enumerate(titles) if t.strip() and (embed_all or needs_embedding(lexical[n]))]
        if todo:
            row_map = _row_map(lex_index, sem_index)
            vectors = embedding.encode([titles[n] for n in todo], kind="query")
            sims = vectors @ sem_index.vectors.T
            pooled = sem_index.pool(sims)  # from the same product (LabelIndex.pooled would compute it again)
            for j, n in enumerate(todo):
                semantic = _semantic_rows(row_map, rows.row_concept, pooled[j], sims[j])
                fused[n] = ((1 - SEMANTIC_WEIGHT) * row_scores[n] + SEMANTIC_WEIGHT * semantic).astype(np.float32)
    results: list[list[Hit]] = []
    for n, title in enumerate(titles):
        if not title.strip():
            results.append([])
            continue
        per_row = fused.get(n, row_scores[n])
        score = pool_max(per_row, rows.starts) if n in fused else lexical[n]
        hits = []
        for c in _top_concepts(score, per_row, rows.starts, top):
            if score[c] <= 0:
                continue
            in_lex = bool(lexical[n][c] > 0)
            in_sem = n in fused and bool(score[c] > (1 - SEMANTIC_WEIGHT) * lexical[n][c])
            via = "both" if in_lex and in_sem else ("semantic" if in_sem else "lexical")
            matched = rows.texts[lex_index.best_row(per_row, int(c))]
            uri = rows.uris[int(c)]
            hits.append(Hit(uri, "occupation", _label(tax, uri, lang), float(score[c]), matched, via))
        results.append(hits)
    return results


def _top_concepts(
    score: npt.NDArray[np.float32], per_row: npt.NDArray[np.float32], starts: npt.NDArray[np.int64], top: int
) -> list[int]:
    """The ``top`` concepts by score, best first. Ties (several occupations share the best-matching label text,
    e.g. an alternative label "monteur") go to the occupation whose labels agree more on average."""
    k = min(top, len(score))
    if k <= 0:
        return []
    kth = np.partition(score, len(score) - k)[len(score) - k]
    candidates = np.flatnonzero(score >= kth)
    counts = np.diff(np.append(starts, len(per_row)))
    mean = np.add.reduceat(per_row, starts)[candidates] / counts[candidates]
    order = np.lexsort((candidates, -mean, -score[candidates]))
    return [int(c) for c in candidates[order][:k]]


def lexical_lead(scores: npt.NDArray[np.float32]) -> tuple[float, float]:
    """The best lexical concept score of a title and its lead over the second best concept."""
    if len(scores) == 0:
        return 0.0, 0.0
    if len(scores) == 1:
        return float(scores[0]), float(scores[0])
    second, best = np.partition(scores, len(scores) - 2)[-2:]
    return float(best), float(best - second)


def needs_embedding(scores: npt.NDArray[np.float32]) -> bool:
    """Whether a title's lexical ranking leaves the answer open: its best score is below
    :data:`SKIP_EMBEDDING_ABOVE` and the best occupation leads the second by less than :data:`DECISIVE_MARGIN`."""
    best, lead = lexical_lead(scores)
    return best < SKIP_EMBEDDING_ABOVE and lead < DECISIVE_MARGIN
