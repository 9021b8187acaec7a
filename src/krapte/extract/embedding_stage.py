"""The embedding stages of the skill engine, as a mixin of :class:`krapte.extract.skills.SkillExtractor`.

* Dutch text: the cross-lingual candidate stage (:mod:`krapte.extract.crosslingual`): clause phrases → the nearest
  skills of the label index → a learned acceptance model.
* Other text (English), or without the acceptance model: the cosine-and-margin rule (:data:`EMBED_THRESHOLD`,
  :data:`EMBED_MARGIN`) on the clauses of task and requirement sentences.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from krapte.extract.context import DocumentContext
from krapte.extract.crosslingual import (
    TASK_CUE,
    TOP_K,
    AcceptanceModel,
    Candidate,
    Phrase,
    SkillWords,
    candidate_features,
    candidate_phrases,
    clauses,
    combine_scores,
    requirement_spans,
    skill_phrase,
)
from krapte.extract.label_rows import LabelRows, load_label_rows
from krapte.extract.phrase_forms import LabelForms
from krapte.extract.profile import Evidence
from krapte.extract.query_map import fit_query_map, map_queries
from krapte.extract.skill_vectors import SkillVectors, encode, load_skill_vectors
from krapte.taxonomy.embedding import model_id as embedding_model_id

__all__ = ["EMBEDDING", "EMBEDDING_CONFIDENCE", "EMBED_MARGIN", "EMBED_THRESHOLD", "EmbeddingStages", "Found"]

EMBEDDING = "embedding"
EMBEDDING_CONFIDENCE = 0.5
Found = dict[str, list[tuple[Evidence, float]]]
# The cross-lingual stage links a phrase to its nearest skill only when the cosine is high AND the skill stands out
# from the runner-up: on the TECH + HOUSE validation spans (English, not the Dutch set) the margin separates right
# from wrong links better than the cosine alone (top-1 precision 0.81 on 67 spans at these two cuts, against 0.62
# on 104 spans for cosine ≥ 0.91 alone). A phrase close to many skills ("installeer graag") names none of them.
EMBED_THRESHOLD = 0.90
EMBED_MARGIN = 0.015
EMBED_MAX_CLAUSES = 60
V = TypeVar("V")


class EmbeddingStages:
    """The embedding stages; the extractor provides the attributes below."""

    taxonomy: Any
    _vectors: SkillVectors | None
    _verb_forms: frozenset[str]
    _generic: frozenset[str]
    _knowledge: frozenset[str]
    _skill_words: SkillWords
    _phrase_scores: Callable[..., Any]
    _occupations_of: dict[str, list[tuple[str, float]]]
    _infinitives: dict[str, str]
    _derived: dict[str, tuple[str, ...]]
    # the extra label rows (derived Dutch, English alternatives) in the cross-lingual stage; off: preferred only
    use_label_rows: bool = True
    label_row_sources: tuple[int, ...] | None = None  # only these sources of the rows (None: all); for comparisons
    # the extra rows take part in retrieval (a skill's score is its best label); False: features of the candidates
    # retrieved by the preferred labels only
    label_rows_retrieval: bool = True
    # each phrase also embedded in the form of ESCO's Dutch labels ("warmtepompen installeren"), its scores combined
    # with the written form's by "max" or "mean"; None (the engine): as written only. For comparisons.
    label_forms: str | None = None
    # λ of a linear Dutch → English query map (krapte.extract.query_map) whose scores are averaged with the
    # phrase's own; None (the engine): no map. For comparisons.
    query_map: float | None = None
    crosslingual_top_k: int = TOP_K  # candidates per phrase; more only for comparisons (the model is fitted at 5)
    # weight of the skill's log(1 + occupations that need it) added to a phrase's cosines before its nearest skills
    # are taken (krapte.extract.crosslingual.candidate_features); 0 (the engine): off, it raised the top-5 reach
    # but not the F1 under grouped cross-validation. For comparisons (build_crosslingual.py --prior).
    occupation_prior: float = 0.0

    def _skill_vectors(self) -> SkillVectors:
        if self._vectors is None:
            self._vectors = load_skill_vectors(self.taxonomy)
        return self._vectors

    def _kept(self, name: str, owner: object, compute: Callable[[], V]) -> V:
        """``compute()``, kept on the extractor under ``name`` while ``owner`` (the skill index or the taxonomy it
        derives from) is the same object: what the stages derive from an index is made once per extractor and
        index."""
        known = self.__dict__.get(name)
        if known is None or known[0] is not owner:
            known = self.__dict__[name] = (owner, compute())
        value: V = known[1]
        return value

    def _embedding_stage(
        self,
        text: str,
        ctx: DocumentContext,
        covered: list[tuple[int, int]],
        found: Found,
        lang: str = "nl",
    ) -> None:
        phrases: list[tuple[int, int]] = []
        req_spans: list[tuple[int, int]] | None = None
        for sent in ctx.sentences:
            if sent.boilerplate or sent.claims_end <= sent.start:
                continue
            if not (
                sent.requirement_cue
                or sent.section in ("tasks", "requirements", "skills", "experience")
                or TASK_CUE.match(text, sent.start, sent.end)
            ):
                continue
            for start, end in clauses(text, sent.start, sent.claims_end):
                if any(s < end and start < e for s, e in covered) or ctx.is_negated(start):
                    continue
                phrase = self._skill_phrase(text, start, end)
                if phrase is None:
                    continue
                if req_spans is None:
                    req_spans = requirement_spans(text)
                if not any(s < phrase[1] and phrase[0] < e for s, e in req_spans):
                    phrases.append(phrase)
        phrases = phrases[:EMBED_MAX_CLAUSES]
        if not phrases:
            return
        vectors = self._skill_vectors()
        best = [vectors.top_of_row(row, 2) for row in self._phrase_scores(text, phrases, vectors, lang)]
        for (start, end), candidates in zip(phrases, best, strict=True):
            if len(candidates) < 2:
                continue
            (uri, cos), (_, runner_up) = candidates[0], candidates[1]
            margin = cos - runner_up
            if cos < EMBED_THRESHOLD or margin < EMBED_MARGIN or uri in self._generic:
                continue
            conf = EMBEDDING_CONFIDENCE + 2 * (cos - EMBED_THRESHOLD) + 4 * (margin - EMBED_MARGIN)
            found[uri].append((Evidence(start, end, text[start:end], EMBEDDING), round(min(conf, 0.8), 3)))

    def _crosslingual_candidates(
        self, text: str, ctx: DocumentContext, covered: list[tuple[int, int]], found: Found
    ) -> list[Candidate]:
        phrases = candidate_phrases(text, ctx, covered, self._verb_forms)
        if not phrases:
            return []
        vectors = self._skill_vectors()
        queries = encode([text[p.start : p.end] for p in phrases], kind="query")
        scores = preferred = vectors.scores(queries)
        if self.query_map is not None:
            scores = preferred = self._mapped_scores(vectors, queries, preferred, self.query_map)
        via = gain = None
        extra = self._label_rows(vectors)
        if extra is not None:
            combined, via = combine_scores(preferred, extra[0], extra[1], queries)
            gain = combined - preferred
            if self.label_rows_retrieval:
                scores = combined
        if self.label_forms is not None:
            scores = self._label_form_scores(text, phrases, vectors, scores, extra)
        return candidate_features(
            text,
            phrases,
            scores,
            queries,
            vectors.index,
            vectors.skill_uris,
            self._skill_words,
            self._skill_info,
            set(found),
            via,
            self._occupation_context(set(found)),
            gain,
            self.crosslingual_top_k,
            self._occupation_counts(vectors) if self.occupation_prior else None,
            self.occupation_prior,
        )

    def _occupation_counts(self, vectors: SkillVectors) -> Any:
        """log(1 + the number of ESCO occupations that need each skill), in the index's column order (once per
        extractor and index): how common a skill is in work, the base rate of its being named in a text."""

        def counts() -> Any:
            per_skill = [len(self._occupations_of.get(uri, ())) for uri in vectors.skill_uris]
            return np.log1p(np.asarray(per_skill, dtype=np.float32))

        return self._kept("_occupation_count_columns", vectors.index, counts)

    def _label_form_scores(
        self, text: str, phrases: list[Phrase], vectors: SkillVectors, scores: Any, extra: tuple[LabelRows, Any] | None
    ) -> Any:
        """The skill scores with each phrase also embedded in the form of ESCO's Dutch labels
        (:class:`krapte.extract.phrase_forms.LabelForms`: "installeert warmtepompen" → "warmtepompen installeren"),
        combined with the written form's by :attr:`label_forms` ("max" or "mean"). Off in the engine: it lowered the
        reach of the candidates (``docs/benchmarks.md``); kept for ``build_crosslingual.py --label-forms``."""
        forms = self._kept(
            "_label_forms",
            self.taxonomy,
            lambda: LabelForms(self._infinitives, (label for labels in self._derived.values() for label in labels)),
        )
        rewritten = [(i, form) for i, p in enumerate(phrases) if (form := forms.of(text[p.start : p.end]))]
        if not rewritten:
            return scores
        queries = encode([form for _, form in rewritten], kind="query")
        form_scores = vectors.scores(queries)
        if extra is not None and self.label_rows_retrieval:
            form_scores, _ = combine_scores(form_scores, extra[0], extra[1], queries)
        rows = np.array([i for i, _ in rewritten])
        out = scores.copy()
        combined = (
            np.maximum(scores[rows], form_scores) if self.label_forms == "max" else (scores[rows] + form_scores) / 2
        )
        out[rows] = combined
        return out

    def _mapped_scores(self, vectors: SkillVectors, queries: Any, preferred: Any, lam: float) -> Any:
        """The mean of the phrases' scores and those of the phrases mapped by :func:`krapte.extract.query_map
        .fit_query_map` (fitted once per extractor and index)."""
        mapping = self._kept(
            f"_query_map {lam!r}", vectors.index, lambda: fit_query_map(vectors.index, self.taxonomy, lam)
        )
        return (preferred + vectors.scores(map_queries(queries, mapping))) / 2

    def _occupation_context(self, found: set[str]) -> Callable[[str], float]:
        """``context(uri)``: the best cosine between the skill's occupations and those of a skill found in the text
        (ESCO's occupation–skill relation, essential 1 and optional ½): a skill that the same occupations need as
        the skills the text plainly states fits the document (occupation context)."""
        of = self._occupations_of
        profiles = [dict(of.get(uri, ())) for uri in found]
        known = [(occ, math.sqrt(sum(w * w for w in occ.values()))) for occ in profiles if occ]
        cache: dict[str, float] = {}

        def context(uri: str) -> float:
            if uri not in cache:
                mine = dict(of.get(uri, ()))
                norm = math.sqrt(sum(w * w for w in mine.values()))
                best = 0.0
                if norm:
                    for occ, other in known:
                        small, large = (mine, occ) if len(mine) < len(occ) else (occ, mine)
                        dot = sum(w * large.get(o, 0.0) for o, w in small.items())
                        best = max(best, dot / (norm * other))
                cache[uri] = best
            return cache[uri]

        return context

    def _label_rows(self, vectors: SkillVectors) -> tuple[LabelRows, Any] | None:
        """The shipped extra label rows and their columns in the skill index, when they fit this taxonomy."""
        if not self.use_label_rows:
            return None
        rows = load_label_rows(embedding_model_id(), self.taxonomy.key)
        if rows is None:
            return None
        if self.label_row_sources is not None:
            rows = rows.only(self.label_row_sources)
        # the index column of each extra skill, once per extractor and index
        return rows, self._kept("_label_row_columns", vectors.index, lambda: rows.columns(vectors.skill_uris))

    def _skill_info(self, uri: str) -> tuple[bool, bool, bool, str]:
        skill = self.taxonomy.skills[uri]
        return bool(skill.labels.get("nl")), uri in self._knowledge, uri in self._generic, skill.reuse_level

    def _crosslingual_stage(
        self, text: str, ctx: DocumentContext, covered: list[tuple[int, int]], found: Found, model: AcceptanceModel
    ) -> None:
        """Dutch phrases linked to skills the acceptance model accepts (:mod:`krapte.extract.crosslingual`): per
        skill the most probable candidate; confidence 0.5 at the threshold, rising to 0.8 at probability 1."""
        candidates = self._crosslingual_candidates(text, ctx, covered, found)
        if not candidates:
            return
        probabilities = model.probabilities(np.array([c.features for c in candidates], dtype=np.float64))
        best: dict[str, tuple[float, Candidate]] = {}
        for candidate, p in zip(candidates, probabilities.tolist(), strict=True):
            if p >= model.threshold and p > best.get(candidate.uri, (0.0, None))[0]:
                best[candidate.uri] = (p, candidate)
        for uri, (p, candidate) in best.items():
            conf = 0.5 + 0.3 * (p - model.threshold) / max(1.0 - model.threshold, 1e-9)
            start, end = candidate.phrase.start, candidate.phrase.end
            found[uri].append((Evidence(start, end, text[start:end], EMBEDDING), round(conf, 3)))

    def _skill_phrase(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The part of a clause worth embedding (:func:`krapte.extract.crosslingual.skill_phrase`)."""
        return skill_phrase(text, start, end, self._verb_forms)
