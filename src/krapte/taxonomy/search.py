"""Search concepts by text and rank occupations for job titles: lexical matching plus, where it helps, embeddings.

* :func:`search` (``krapte taxonomy search``, ``/api/v1/occupations?q=``): lexical over every label in both
  languages (see :mod:`krapte.taxonomy.lexical`). When the lexical match is weak (best score below
  ``SEMANTIC_BELOW``), which is typical for a Dutch query about a skill that only has English labels, the
  multilingual embedding of the query is compared with the label index and semantic hits are merged in.
* :func:`rank_occupations` (``krapte taxonomy rank-occupations``, job-title normalisation in extraction): for each
  title, the union of the lexical and the embedding candidates is scored with
  ``LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * semantic``, where ``semantic`` rescales the cosine similarity
  of the title to the best label of the occupation (see :func:`semantic_score`). Without the embedding package
  the ranking is lexical only.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from krapte.settings import Settings
from krapte.taxonomy import embedding
from krapte.taxonomy import index as label_index
from krapte.taxonomy.lexical import LexicalIndex, build_lexical_index
from krapte.taxonomy.model import Taxonomy

ConceptKind = Literal["occupation", "skill"]
SEMANTIC_BELOW = 0.75
LEXICAL_WEIGHT = 0.5
COS_FLOOR, COS_CEIL = 0.78, 0.95
CANDIDATES = 50


@dataclass(frozen=True)
class Hit:
    """One search or ranking result."""

    uri: str
    kind: ConceptKind
    label: str
    score: float
    matched: str = ""
    via: str = "lexical"  # lexical | semantic | both

    def to_dict(self) -> dict[str, object]:
        return {
            "uri": self.uri,
            "kind": self.kind,
            "label": self.label,
            "score": round(self.score, 4),
            "matched": self.matched,
            "via": self.via,
        }


def semantic_score(cosine: float) -> float:
    """Map an E5 cosine similarity to 0..1: E5 similarities of unrelated short texts sit near 0.75-0.8."""
    return float(min(1.0, max(0.0, (cosine - COS_FLOOR) / (COS_CEIL - COS_FLOOR))))


_lexical_cache: dict[str, LexicalIndex] = {}


def lexical_index(tax: Taxonomy, settings: Settings | None = None) -> LexicalIndex:
    """The lexical index of a taxonomy: from memory, from the pickled cache, or built (a few seconds)."""
    if tax.key in _lexical_cache:
        return _lexical_cache[tax.key]
    settings = settings or Settings.from_env()
    path = settings.cache_dir / f"lexical-{tax.key}-v1.pickle"
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
    """Concepts matching ``text``, best first. ``semantic`` None = only when the lexical match is weak."""
    lex = lexical_index(tax, settings).search(text, kind=kind, lang=lang, top=max(top, 20))
    hits = {
        h.uri: Hit(h.uri, h.kind, _label(tax, h.uri, lang), min(1.0, h.score), h.entry.text)  # type: ignore[arg-type]
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


def rank_occupations(
    tax: Taxonomy,
    titles: Sequence[str],
    *,
    lang: str = "nl",
    top: int = 10,
    use_embedding: bool = True,
    settings: Settings | None = None,
) -> list[list[Hit]]:
    """For each job title the ``top`` best-matching occupations (hybrid lexical + embedding), best first."""
    lex_index = lexical_index(tax, settings)
    sem_index = label_index.get_index(tax, "occupation", settings) if use_embedding else None
    vectors = embedding.encode(list(titles), kind="query") if sem_index is not None and titles else None
    results: list[list[Hit]] = []
    for n, title in enumerate(titles):
        lex = {h.uri: h for h in lex_index.search(title, kind="occupation", lang=lang, top=CANDIDATES)}
        sem: dict[str, float] = {}
        if sem_index is not None and vectors is not None:
            all_scores = sem_index.scores(vectors[n])
            ranked = sorted(all_scores.items(), key=lambda kv: -kv[1])[:CANDIDATES]
            sem = {u: semantic_score(c) for u, c in ranked}
            for u in lex:
                sem.setdefault(u, semantic_score(all_scores.get(u, 0.0)))
        hits = []
        for uri in set(lex) | set(sem):
            lscore = min(1.0, lex[uri].score) if uri in lex else 0.0
            if sem_index is not None:
                score = LEXICAL_WEIGHT * lscore + (1 - LEXICAL_WEIGHT) * sem.get(uri, 0.0)
            else:
                score = lscore
            via = "both" if uri in lex and uri in sem else ("lexical" if uri in lex else "semantic")
            matched = lex[uri].entry.text if uri in lex else ""
            hits.append(Hit(uri, "occupation", _label(tax, uri, lang), score, matched, via))
        hits.sort(key=lambda h: (-h.score, h.label))
        results.append(hits[:top])
    return results
