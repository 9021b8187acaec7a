"""Sentence → ESCO skill ranking (``krapte skills rank``, :meth:`SkillExtractor.rank`).

The functions take a built :class:`krapte.extract.skills.SkillExtractor` (its gazetteer, span tagger and skill
vectors); :mod:`krapte.extract.skills` delegates to them.
"""

from __future__ import annotations

import json
import math
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from krapte.errors import ValidationError
from krapte.extract.crosslingual import clauses
from krapte.extract.reading import label_order
from krapte.extract.skill_vectors import SkillVectors, encode
from krapte.extract.spans import tokenize
from krapte.extract.words import detect_language

if TYPE_CHECKING:
    from krapte.extract.skills import LangOption, RankedSkill, SkillExtractor

__all__ = [
    "CANDIDATES",
    "FEATURES",
    "FORMULA",
    "CandidateTable",
    "LinearRanker",
    "candidate_tables",
    "default_ranker",
    "phrase_scores",
    "phrases",
    "rank_many",
    "rank_skills",
]


# The features of one (text, candidate skill) pair, in this order (see :func:`candidate_tables`).
FEATURES: tuple[str, ...] = (
    "sentence",  # cos(text, skill)
    "best",  # max(cos(text, skill), cos(best phrase, skill))
    "sentence_gap",  # sentence − the text's best sentence cosine over all skills
    "best_gap",  # best − the text's best "best" over all skills
    "sentence_rank",  # log(1 + rank of the skill by sentence cosine among the candidates)
    "best_rank",  # log(1 + rank by best)
    "lexical",  # confidence of a lexical hit of the skill in the text (0 without)
    "lexical_hit",  # 1 when there is one
    "generic",  # a generic skill (transversal or a one-word label such as "communication")
    "knowledge",  # a knowledge concept by its English label (no leading verb)
    "label_words",  # log(number of words of the English preferred label)
    "phrase_votes",  # share of the text's phrases that have the skill among their 5 nearest
    "has_phrases",  # 1 when the tagger (or the clause splitter) found a phrase
    "essential_for",  # log(1 + number of occupations for which ESCO lists the skill as essential)
    "optional_for",  # log(1 + number of occupations for which it is optional)
    "reuse_transversal",  # ESCO reuse level, one-hot
    "reuse_cross_sector",
    "reuse_sector_specific",
    "reuse_occupation_specific",
    "type_knowledge",  # ESCO skill type "knowledge"
    "digital",  # in ESCO's digital collections
)
CANDIDATES = 40  # per text: the 40 best skills by sentence cosine ∪ the 40 best by "best" ∪ the lexical hits
_REUSE = ("transversal", "cross-sector", "sector-specific", "occupation-specific")


@dataclass(frozen=True)
class LinearRanker:
    """A linear scorer over :data:`FEATURES`: score = w · (x − mean) / scale + bias.

    ``logistic`` rankers (fitted by :meth:`fit`) report the probability that the skill is one the text expresses;
    the former hand formula (:data:`FORMULA`) reports its linear score.
    """

    weights: tuple[float, ...]
    bias: float = 0.0
    mean: tuple[float, ...] = tuple(0.0 for _ in FEATURES)
    scale: tuple[float, ...] = tuple(1.0 for _ in FEATURES)
    logistic: bool = True

    def score(self, table: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The score of every row of a :func:`candidate_table` matrix."""
        z = ((table - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z)) if self.logistic else z

    @classmethod
    def fit(
        cls, tables: Sequence[npt.NDArray[np.float64]], labels: Sequence[npt.NDArray[np.float64]], *, l2: float = 1.0
    ) -> LinearRanker:
        """L2-regularised logistic regression (Newton's method) on candidate rows labelled 1 (a gold skill of the
        text) or 0; features are standardised on the training rows."""
        x = np.vstack(tables)
        y = np.concatenate(labels)
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale < 1e-9] = 1.0
        z = np.column_stack([(x - mean) / scale, np.ones(len(x))])
        penalty = l2 * np.diag(np.r_[np.ones(z.shape[1] - 1), 0.0])
        w = np.zeros(z.shape[1])
        for _ in range(100):
            p = 1.0 / (1.0 + np.exp(-z @ w))
            gradient = z.T @ (p - y) + penalty @ w
            hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if np.abs(step).max() < 1e-9:
                break
        return cls(
            weights=tuple(round(float(v), 6) for v in w[:-1]),
            bias=round(float(w[-1]), 6),
            mean=tuple(round(float(v), 6) for v in mean),
            scale=tuple(round(float(v), 6) for v in scale),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": list(self.weights),
            "bias": self.bias,
            "mean": list(self.mean),
            "scale": list(self.scale),
            "logistic": self.logistic,
        }

    @classmethod
    def from_dict(cls, body: dict[str, Any]) -> LinearRanker:
        if tuple(body["features"]) != FEATURES:
            raise ValueError(
                "the skill ranker was fitted on other features: rebuild it (scripts/build_skill_ranker.py)"
            )
        return cls(
            tuple(body["weights"]),
            float(body["bias"]),
            tuple(body["mean"]),
            tuple(body["scale"]),
            bool(body.get("logistic", True)),
        )


# The former score, kept as the baseline of the benchmark: ½·sentence + ½·best + 0.1·lexical (its constants were
# chosen on the TECH + HOUSE validation sets).
FORMULA = LinearRanker(
    weights=tuple({"sentence": 0.5, "best": 0.5, "lexical": 0.1}.get(name, 0.0) for name in FEATURES),
    logistic=False,
)


@cache
def default_ranker() -> LinearRanker | None:
    """The ranker shipped in ``krapte/data/extract-skill-ranker/`` (None if the package was built without it)."""
    path = resources.files("krapte.data") / "extract-skill-ranker" / "skill-ranker.json"
    if not path.is_file():
        return None
    return LinearRanker.from_dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class CandidateTable:
    """The candidate skills of one text (column indices into :attr:`SkillVectors.skill_uris`) and their features."""

    columns: npt.NDArray[np.int64]
    features: npt.NDArray[np.float64]


def candidate_tables(
    extractor: SkillExtractor, texts: Sequence[str], langs: Sequence[str], *, restrict: set[str] | None = None
) -> list[CandidateTable]:
    """Per text, its candidate skills and their :data:`FEATURES` (one batched encoder call for texts and phrases)."""
    vectors = extractor._skill_vectors()
    prior = _skill_prior(extractor, vectors)
    column = {uri: j for j, uri in enumerate(vectors.skill_uris)}
    allowed = vectors.mask(restrict) if restrict is not None else np.ones(len(column), dtype=bool)
    found: list[str] = []
    owner: list[int] = []
    for i, (text, text_lang) in enumerate(zip(texts, langs, strict=True)):
        for phrase in phrases(extractor, text, text_lang):
            if phrase != text:
                found.append(phrase)
                owner.append(i)
    encoded = encode([*texts, *found], kind="query")
    sentence = np.where(allowed, vectors.scores(encoded[: len(texts)]), -1.0)
    best = sentence.copy()
    votes = np.zeros_like(sentence)
    n_phrases = np.zeros(len(texts))
    if found:
        for i, row in zip(owner, vectors.scores(encoded[len(texts) :]), strict=True):
            row = np.where(allowed, row, -1.0)
            np.maximum(best[i], row, out=best[i])
            votes[i, np.argpartition(-row, 5)[:5]] += 1
            n_phrases[i] += 1
    out = []
    for i, text in enumerate(texts):
        lexical = _lexical(extractor, text)
        k = min(CANDIDATES, sentence.shape[1] - 1)
        chosen = set(np.argpartition(-sentence[i], k)[:k].tolist()) | set(np.argpartition(-best[i], k)[:k].tolist())
        chosen |= {column[uri] for uri in lexical if uri in column and allowed[column[uri]]}
        cols = np.array(sorted(j for j in chosen if allowed[j]), dtype=np.int64)
        s, b = sentence[i, cols], best[i, cols]
        lex = np.array([lexical.get(vectors.skill_uris[j], 0.0) for j in cols])
        skill = prior[cols]  # generic, knowledge, label_words | essential_for … digital (see _skill_prior)
        table = np.column_stack(
            [
                s,
                b,
                s - sentence[i].max(),
                b - best[i].max(),
                np.log1p(np.argsort(np.argsort(-s))),
                np.log1p(np.argsort(np.argsort(-b))),
                lex,
                lex > 0,
                skill[:, :3],
                votes[i, cols] / max(n_phrases[i], 1.0),
                np.full(len(cols), float(n_phrases[i] > 0)),
                skill[:, 3:],
            ]
        )
        out.append(CandidateTable(cols, table.astype(np.float64)))
    return out


def rank_many(
    extractor: SkillExtractor,
    texts: Sequence[str],
    top: int = 10,
    lang: LangOption = "auto",
    *,
    restrict: set[str] | None = None,
    ranker: LinearRanker | None = None,
) -> list[list[RankedSkill]]:
    """Skills each short text (sentence or phrase) expresses, best first; ``restrict`` limits the candidate URIs.

    With embeddings: the candidates of each text (:func:`candidate_tables`: the skills nearest to the text and to
    its skill phrases, plus its lexical hits) are scored by ``ranker`` (default: the shipped learned ranker,
    :func:`default_ranker`, else :data:`FORMULA`). Without embeddings the lexical hits are ranked by confidence
    (a generic skill's at 0.8 of it, unchanged from the former ranking).
    """

    langs = [detect_language(t) if lang == "auto" else lang for t in texts]
    results: list[list[RankedSkill]] = []
    if extractor.use_embeddings and texts:
        model = ranker or default_ranker() or FORMULA
        uris = extractor._skill_vectors().skill_uris
        for text_lang, table in zip(langs, candidate_tables(extractor, texts, langs, restrict=restrict), strict=True):
            scores = model.score(table.features)
            order = np.argsort(-scores, kind="stable")[:top]
            ranked = [(uris[int(table.columns[j])], float(scores[j])) for j in order]
            results.append(_ranked(extractor, ranked, text_lang))
        return results
    for text, text_lang in zip(texts, langs, strict=True):
        # as before the learned ranker: a generic skill's hit counts 0.8 of its confidence
        lexical = {
            u: c * (0.8 if u in extractor._generic else 1.0)
            for u, c in _lexical(extractor, text).items()
            if restrict is None or u in restrict
        }
        results.append(_ranked(extractor, sorted(lexical.items(), key=lambda kv: -kv[1])[:top], text_lang))
    return results


def _ranked(extractor: SkillExtractor, ranked: Sequence[tuple[str, float]], lang: str) -> list[RankedSkill]:
    from krapte.extract.skills import RankedSkill

    out_lang = "en" if lang == "en" else "nl"
    return [RankedSkill(uri, extractor.taxonomy.skills[uri].label(out_lang), score) for uri, score in ranked]


def _lexical(extractor: SkillExtractor, text: str) -> dict[str, float]:
    """The skills of the lexical hits in ``text`` with the best confidence of their hits."""
    from krapte.extract.skills import METHOD_CONFIDENCE

    scores: dict[str, float] = {}
    for hit in extractor.lexical_hits(text):
        conf = METHOD_CONFIDENCE[extractor._method(hit)]
        scores[hit.entry.uri] = max(scores.get(hit.entry.uri, 0.0), conf)
    return scores


_PRIORS: weakref.WeakKeyDictionary[SkillVectors, npt.NDArray[np.float64]] = weakref.WeakKeyDictionary()


def _skill_prior(extractor: SkillExtractor, vectors: SkillVectors) -> npt.NDArray[np.float64]:
    """Per skill (columns of ``vectors``) the features that do not depend on the text: generic, knowledge,
    label_words, essential_for, optional_for, the four reuse levels, type_knowledge, digital."""
    prior = _PRIORS.get(vectors)
    if prior is None:
        taxonomy = extractor.taxonomy
        essential: Counter[str] = Counter()
        optional: Counter[str] = Counter()
        for occupation in taxonomy.occupations.values():
            essential.update(occupation.essential_skills)
            optional.update(occupation.optional_skills)
        rows = []
        for uri in vectors.skill_uris:
            skill = taxonomy.skills[uri]
            words = max(len(skill.label("en").split()), 1)
            rows.append(
                [
                    uri in extractor._generic,
                    uri in extractor._knowledge,
                    math.log(words),
                    math.log1p(essential[uri]),
                    math.log1p(optional[uri]),
                    *(skill.reuse_level == level for level in _REUSE),
                    skill.is_knowledge,
                    skill.is_digital,
                ]
            )
        prior = np.asarray(rows, dtype=np.float64)
        _PRIORS[vectors] = prior
    return prior


def phrases(extractor: SkillExtractor, text: str, lang: str) -> list[str]:
    """Candidate skill phrases of a short text: tagger spans (English) or clauses (Dutch)."""

    tagger = extractor._tagger
    if lang == "en" and tagger is not None:
        tokens = [t for t, _, _ in tokenize(text)]
        return [" ".join(tokens[s.start : s.end]) for s in tagger.spans(tokens)]
    return [text[s:e] for s, e in clauses(text, 0, len(text)) if 1 <= len(text[s:e].split()) <= 12]


def phrase_scores(
    extractor: SkillExtractor, text: str, spans: list[tuple[int, int]], vectors: SkillVectors, lang: str
) -> Any:
    """Skill scores of each phrase ``spans`` of ``text``: the phrase as written and, for a Dutch clause with a finite
    verb, the phrase in the order of ESCO's Dutch labels ("je metselt muren" → "muren metselen",
    :func:`krapte.extract.reading.label_order`); the rows are combined by
    :data:`krapte.extract.skills.PHRASE_COMBINE`."""
    from krapte.extract.gazetteer import normalise_label
    from krapte.extract.skills import PHRASE_COMBINE

    texts = [text[s:e] for s, e in spans]
    scores = vectors.scores(encode(texts, kind="query"))
    if PHRASE_COMBINE == "written" or lang != "nl":
        return scores
    reordered: list[tuple[int, str]] = []
    for i, (start, end) in enumerate(spans):
        clause = next(((s, e) for s, e in clauses(text, 0, len(text)) if s <= start and end <= e), (start, end))
        form = label_order(normalise_label(text[clause[0] : clause[1]]).split(), extractor._infinitives)
        if form and form != normalise_label(texts[i]):
            reordered.append((i, form))
    if reordered:
        extra = vectors.scores(encode([f for _, f in reordered], kind="query"))
        for (i, _), row in zip(reordered, extra, strict=True):
            scores[i] = np.maximum(scores[i], row) if PHRASE_COMBINE == "max" else (scores[i] + row) / 2
    return scores


def rank_skills(
    texts: Sequence[str], top: int = 10, lang: LangOption = "auto", *, extractor: SkillExtractor | None = None
) -> list[list[RankedSkill]]:
    """For each short text, the ESCO skills it expresses, best first (``krapte skills rank``)."""
    if top < 1:
        raise ValidationError(f"top={top} must be at least 1", hint="use e.g. --top 10")
    if extractor is None:
        from krapte.extract.skills import default_extractor

        extractor = default_extractor()
    return rank_many(extractor, list(texts), top=top, lang=lang)
