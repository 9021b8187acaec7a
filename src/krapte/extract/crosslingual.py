"""The cross-lingual candidate stage: Dutch clause phrases → dense retrieval over all skills → a learned acceptance.

Most skills a Dutch vacancy or CV states are paraphrases of no label at all ("je tilt cliënten met een tillift" is
*transfer patients*; "vult het koudemiddel bij" is *refrigerants*), and 8,587 of the 13,939 ESCO skills have no
Dutch label. This stage reaches them in three steps (``docs/extract.md``, *Cross-lingual stage*):

1. **Phrases** (:func:`candidate_phrases`): every clause of a sentence that is not boilerplate, a wish or negated
   (split at commas, semicolons, colons, brackets and dashes), and each part of it split at "en"/"of", trimmed of
   function words; a bare verb alone names no skill and is dropped; certificates, licences, education and
   language levels are requirements, not phrases.
2. **Retrieval**: each phrase is embedded (multilingual E5, offline) and compared with the skill label index (the
   Dutch and English preferred labels of every skill) and the extra label rows of :mod:`krapte.extract.label_rows`
   (machine-derived Dutch labels, English alternative labels), best label per skill (:func:`combine_scores`); the
   :data:`TOP_K` nearest skills become candidates.
3. **Acceptance** (:class:`AcceptanceModel`): a logistic regression over a handful of features of the candidate
   (:data:`FEATURES`: cosine, margin to the next skill, distance to the best, rank, word overlap of the phrase with
   the skill's Dutch (official or machine-derived) and English labels, whether the skill has an official Dutch
   label and which label was nearest, phrase length, knowledge or skill, generic, ESCO reuse level, whether the
   sentence states a task or requirement, whether a lexical hit already explains the phrase, which kind of label
   was nearest, how well the skill fits the occupations of the skills found lexically). Its weights and
   its acceptance threshold ship in ``krapte/data/extract-crosslingual/acceptance.json``, fitted by
   ``scripts/extract/build_crosslingual.py`` on development data only, the threshold chosen by cross-validation
   grouped by sentence.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from krapte.extract.context import DocumentContext
from krapte.extract.words import FUNCTION_WORDS, SUBJECT_PRONOUNS
from krapte.text.normalize import label_key
from krapte.text.stem import stem

__all__ = [
    "FEATURES",
    "TOP_K",
    "AcceptanceModel",
    "Candidate",
    "Phrase",
    "SkillWords",
    "candidate_features",
    "candidate_phrases",
    "clauses",
    "combine_scores",
    "load_acceptance_model",
    "requirement_spans",
    "skill_phrase",
]

TOP_K = 5  # candidates per phrase
SPREAD = 50  # the standout feature compares a skill with this many nearest skills of the phrase
MAX_PHRASES = 80  # per document: bounds the encoder's work on a long text
REUSE_LEVELS = ("transversal", "cross-sector", "sector-specific", "occupation-specific")
FEATURES: tuple[str, ...] = (
    "cos",
    "margin",  # cosine minus the next skill's cosine
    "gap",  # the best skill's cosine minus this one's
    "rank",
    "standout",  # (cosine − mean) / spread of the phrase's nearest skills: a phrase near many skills names none
    "support",  # other phrases of the text with this skill among their candidates (log)
    "overlap_nl",  # share of a Dutch label's words (official or derived) found in the phrase, best label
    "overlap_en",  # the same for the English labels (names such as "AutoCAD", "SAP")
    "official_nl",  # the skill has an official ESCO Dutch label
    "nearest_nl",  # the nearest label of the skill is its Dutch one
    "words",  # content words of the phrase (log)
    "knowledge",
    "generic",
    *(f"reuse_{level}" for level in REUSE_LEVELS),
    "task_context",  # the sentence states a task or requirement (cue word, section, "je/ik + verb")
    "covered",  # a lexical or verb–object hit lies in the phrase
    "part",  # the phrase is a part of a clause split at "en"/"of"
    "via_derived_nl",  # the skill's best label for the phrase is a machine-derived Dutch label (extra rows)
    "via_alt_en",  # the skill's best label for the phrase is an English alternative label (extra rows)
    "context",  # the skill shares occupations with the skills found lexically in the text (best cosine)
    "extra_gain",  # how much the skill's best extra label row beats its preferred labels for the phrase (≥ 0)
)
DATA_DIR = "extract-crosslingual"
MODEL_FILE = "acceptance.json"


@dataclass(frozen=True)
class Phrase:
    """A span of the text that may name a skill, with what its sentence says about it."""

    start: int
    end: int
    task_context: bool
    covered: bool
    part: bool


@dataclass(frozen=True)
class Candidate:
    """One (phrase, skill) pair from the retrieval, with its features (in :data:`FEATURES` order)."""

    phrase: Phrase
    uri: str
    features: tuple[float, ...]


@dataclass(frozen=True)
class AcceptanceModel:
    """Logistic regression over standardised features; a candidate is accepted at ``probability ≥ threshold``."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    provenance: dict[str, Any]

    def probabilities(self, rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        if rows.shape[0] == 0:
            return np.zeros(0)
        z = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = z @ np.asarray(self.coef) + self.intercept
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-logits))
        return out

    def to_json(self) -> str:
        data = {
            "features": list(self.features),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "coef": [round(v, 6) for v in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 4),
            "provenance": self.provenance,
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> AcceptanceModel:
        data = json.loads(text)
        return cls(
            tuple(data["features"]),
            tuple(data["mean"]),
            tuple(data["scale"]),
            tuple(data["coef"]),
            float(data["intercept"]),
            float(data["threshold"]),
            dict(data.get("provenance", {})),
        )


@cache
def load_acceptance_model() -> AcceptanceModel | None:
    """The committed acceptance model, or None when the file is absent or was fitted on other features."""
    try:
        text = (resources.files("krapte.data") / DATA_DIR / MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    model = AcceptanceModel.from_json(text)
    return model if model.features == FEATURES else None


# -- phrases ---------------------------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# a sentence that states what someone does: "Je monteert ...", "Ik heb ... gepland", "You will ..."
TASK_CUE = re.compile(r"\s*(?:je|jij|u|ik|hij|zij|you|i)\s+\w+", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r"[,;:•·▪()]|\s-\s|\s(?:en|and|of|or)\s")
_SEGMENT_SPLIT = re.compile(r"[,;:•·▪()]|\s-\s")
_PART_SPLIT = re.compile(r"\s(?:en|and|of|or)\s")


def clauses(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """The clauses of ``text[start:end]``: split at punctuation, dashes and "en/of/and/or", trimmed."""
    yield from _split(text, start, end, _CLAUSE_SPLIT)


def _split(text: str, start: int, end: int, pattern: re.Pattern[str]) -> Iterable[tuple[int, int]]:
    pos = start
    for m in pattern.finditer(text, start, end):
        yield from _trim(text, pos, m.start())
        pos = m.end()
    yield from _trim(text, pos, end)


def _trim(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if end > start:
        yield (start, end)


def skill_phrase(text: str, start: int, end: int, verb_forms: frozenset[str] | set[str]) -> tuple[int, int] | None:
    """The part of a clause worth embedding, or None when it cannot name a skill.

    Function words (:data:`FUNCTION_WORDS`) are trimmed off both ends ("Je voert onderhoud uit" → "voert
    onderhoud"). What is left must hold two content words, or one that is not a bare verb: a verb alone
    ("installeer graag", "je spreekt") matches every skill with that verb and names none of them.
    """
    words = [(m.start(), m.end(), label_key(m.group())) for m in _WORD.finditer(text, start, end)]
    content = [i for i, w in enumerate(words) if w[2] not in FUNCTION_WORDS and not w[2].isdigit()]
    if not content or len(words) > 14:
        return None
    if len(content) == 1:
        i = content[0]
        word = words[i][2]
        # a verb: a form of a Dutch label verb, or the word right after a subject pronoun ("je spreekt")
        if word in verb_forms or len(word) < 4 or (i > 0 and words[i - 1][2] in SUBJECT_PRONOUNS):
            return None
    return words[content[0]][0], words[content[-1]][1]


def requirement_spans(text: str) -> list[tuple[int, int]]:
    """Where the structured requirements (certificates, licences, education, hours, languages) stand in ``text``:
    they are reported as requirements, and embedding them only finds look-alike skills ("rijbewijs" → teach
    driving theory)."""
    from krapte.extract.requirements import extract_requirements

    spans: list[tuple[int, int]] = []

    def walk(value: Any) -> None:
        if hasattr(value, "__dataclass_fields__"):
            if {"start", "end"} <= set(value.__dataclass_fields__):
                spans.append((value.start, value.end))
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(extract_requirements(text))
    return spans


def candidate_phrases(
    text: str,
    ctx: DocumentContext,
    covered: Sequence[tuple[int, int]],
    verb_forms: frozenset[str] | set[str],
    *,
    limit: int = MAX_PHRASES,
) -> list[Phrase]:
    """The phrases of a Dutch text worth linking to a skill (step 1 of the module docstring), in text order.

    Each clause between punctuation or dashes is a phrase, and so is each of its parts split at "en"/"of" when
    there are several ("aanleggen van aardingsinstallaties en bliksembeveiliging" gives the whole clause and
    "bliksembeveiliging"). Clauses in boilerplate, wishes or after a negation give none.
    """
    out: dict[tuple[int, int], Phrase] = {}
    requirements: list[tuple[int, int]] | None = None
    for sent in ctx.sentences:
        if sent.boilerplate or sent.claims_end <= sent.start:
            continue
        task = bool(
            sent.requirement_cue
            or sent.section in ("tasks", "requirements", "skills", "experience")
            or TASK_CUE.match(text, sent.start, sent.end)
        )
        for seg_start, seg_end in _split(text, sent.start, sent.claims_end, _SEGMENT_SPLIT):
            parts = list(_split(text, seg_start, seg_end, _PART_SPLIT))
            spans = [(seg_start, seg_end, False)] + ([(s, e, True) for s, e in parts] if len(parts) > 1 else [])
            pieces = [(s, e, part) for start, end, part in spans for s, e in _outside(start, end, ctx.organisations)]
            for start, end, part in pieces:
                phrase = skill_phrase(text, start, end, verb_forms)
                # the cue may open the clause itself ("Geen ervaring met Java"): look before the trimmed phrase
                if phrase is None or phrase in out or ctx.is_negated(phrase[0]):
                    continue
                if requirements is None:
                    requirements = requirement_spans(text)
                if any(s < phrase[1] and phrase[0] < e for s, e in requirements):
                    continue
                hit = any(s < phrase[1] and phrase[0] < e for s, e in covered)
                out[phrase] = Phrase(phrase[0], phrase[1], task, hit, part)
                if len(out) >= limit:
                    return sorted(out.values(), key=lambda p: (p.start, p.end))
    return sorted(out.values(), key=lambda p: (p.start, p.end))


def _outside(start: int, end: int, names: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``start..end`` outside organisation names ("Ik heb bij Warmtebedrijf Oost afleversets
    geplaatst" → "Ik heb bij", "afleversets geplaatst"): a company's name is no skill."""
    pieces = [(start, end)]
    for s, e in names:
        pieces = (
            [p for a, b in pieces for p in ((a, min(b, s)), (max(a, e), b)) if p[0] < p[1]]
            if s < end and start < e
            else pieces
        )
    return pieces


# -- features --------------------------------------------------------------------------------------------------------
def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in label_key(text).split() if w not in FUNCTION_WORDS and not w.isdigit())


class SkillWords:
    """Per skill, the stemmed content words of its Dutch labels (official and machine-derived) and English labels,
    for the word-overlap features."""

    def __init__(self, taxonomy: Any, derived: dict[str, tuple[str, ...]]) -> None:
        self._taxonomy = taxonomy
        self._derived = derived
        self._cache: dict[str, tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]] = {}

    def of(self, uri: str) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
        if uri not in self._cache:
            skill = self._taxonomy.skills[uri]
            nl = [*skill.all_labels("nl"), *self._derived.get(uri, ())]
            self._cache[uri] = (
                tuple(s for s in map(_stems, nl) if s),
                tuple(s for s in map(_stems, skill.all_labels("en")) if s),
            )
        return self._cache[uri]


def _overlap(phrase: frozenset[str], phrase_words: tuple[str, ...], labels: Iterable[frozenset[str]]) -> float:
    """The best share of a label's words found in the phrase (as a word, or as the part of a compound)."""
    best = 0.0
    for label in labels:
        found = sum(1 for w in label if w in phrase or (len(w) >= 5 and any(w in p for p in phrase_words)))
        best = max(best, found / len(label))
    return best


def candidate_features(
    text: str,
    phrases: Sequence[Phrase],
    scores: npt.NDArray[np.float32],
    query_vectors: npt.NDArray[np.float32],
    index: Any,
    skill_uris: Sequence[str],
    words: SkillWords,
    skill_info: Callable[[str], tuple[bool, bool, bool, str]],
    exclude: set[str],
    via: npt.NDArray[np.int8] | None = None,
    context: Callable[[str], float] | None = None,
    gain: npt.NDArray[np.float32] | None = None,
    top_k: int = TOP_K,
    prior: npt.NDArray[np.float32] | None = None,
    prior_weight: float = 0.0,
) -> list[Candidate]:
    """The :data:`TOP_K` nearest skills of each phrase that are not in ``exclude`` (found already), with features.

    ``scores`` holds each phrase's best cosine per skill (columns in ``skill_uris`` order); ``via`` (same shape, or
    None) which kind of label gave it: −1 a preferred label of the index, else the extra row's source
    (:data:`krapte.extract.label_rows.SOURCES`: 0 derived Dutch, 1 English alternative); ``skill_info(uri)``
    gives (official Dutch label, knowledge, generic, reuse level); ``context(uri)`` how close the skill is to the
    skills already found in the text (0 without); ``gain`` (same shape as ``scores``, or None) how much the extra
    label rows raise each skill's cosine over its preferred labels. ``top_k`` (at most ``SPREAD − 1``) widens the
    candidates per phrase for comparisons (the shipped model was fitted at :data:`TOP_K`). ``prior`` (one value per
    column, or None), with ``prior_weight`` > 0, ranks the skills by ``cosine + prior_weight × prior`` (the score
    features are read on that score): with log(1 + the number of ESCO occupations that need a skill) as the prior,
    of two skills about as near to the phrase the more common one comes first. Off in the engine (weight 0): it
    brought more right skills into the top 5 but no F1 (``docs/benchmarks.md``).
    """
    starts = index._starts
    if prior is not None and prior_weight:
        scores = scores + np.float32(prior_weight) * prior[None, :]
    tops: list[list[tuple[str, float, int]]] = []
    spreads: list[tuple[float, float]] = []
    for i in range(len(phrases)):
        row = scores[i]
        order = np.argpartition(-row, SPREAD)[:SPREAD]
        order = order[np.argsort(-row[order])]
        tops.append([(skill_uris[int(j)], float(row[int(j)]), int(j)) for j in order[: top_k + 1]])
        near = row[order]
        spreads.append((float(near.mean()), float(near.std()) or 1.0))
    support: dict[str, int] = {}
    for top in tops:
        for uri, _, _ in top[:top_k]:
            support[uri] = support.get(uri, 0) + 1
    out: list[Candidate] = []
    for i, phrase in enumerate(phrases):
        top = tops[i]
        piece = text[phrase.start : phrase.end]
        stems = _stems(piece)
        phrase_words = tuple(label_key(piece).split())
        n_words = len(stems)
        for rank, (uri, cos, column) in enumerate(top[:top_k]):
            if uri in exclude:
                continue
            official, knowledge, generic, reuse = skill_info(uri)
            source = -1 if via is None else int(via[i, column])
            first = int(starts[column])
            last = int(starts[column + 1]) if column + 1 < len(starts) else len(index.uris)
            nearest = first + int(np.argmax(index.vectors[first:last] @ query_vectors[i]))
            nl_labels, en_labels = words.of(uri)
            feats = (
                cos,
                cos - top[rank + 1][1],
                top[0][1] - cos,
                float(rank),
                (cos - spreads[i][0]) / spreads[i][1],
                math.log(support[uri]),
                _overlap(stems, phrase_words, nl_labels),
                _overlap(stems, phrase_words, en_labels),
                float(official),
                float(official and source < 0 and index.texts[nearest] == _nl_label(words, uri)),
                math.log1p(n_words),
                float(knowledge),
                float(generic),
                *(float(reuse == level) for level in REUSE_LEVELS),
                float(phrase.task_context),
                float(phrase.covered),
                float(phrase.part),
                float(source == 0),
                float(source == 1),
                context(uri) if context is not None else 0.0,
                float(gain[i, column]) if gain is not None else 0.0,
            )
            out.append(Candidate(phrase, uri, feats))
    return out


def combine_scores(
    preferred: npt.NDArray[np.float32], rows: Any, columns: npt.NDArray[np.int64], queries: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int8]]:
    """Per phrase and skill the best cosine over the preferred labels (``preferred``, from the index) and the extra
    label rows (``rows``, a :class:`krapte.extract.label_rows.LabelRows` whose skills sit in ``columns`` of the
    index), and which kind of label it was (−1 preferred, else the extra row's source)."""
    scores = preferred.copy()
    via = np.full(preferred.shape, -1, dtype=np.int8)
    for source, part in rows.by_source:
        best, skills = part.best_rows(queries)
        cols = columns[skills]
        keep = cols >= 0
        cols, best = cols[keep], best[:, keep]
        better = best > scores[:, cols]
        scores[:, cols] = np.where(better, best, scores[:, cols])
        via[:, cols] = np.where(better, source, via[:, cols])
    return scores, via


def _nl_label(words: SkillWords, uri: str) -> str:
    label: str = words._taxonomy.skills[uri].labels.get("nl", "")
    return label
