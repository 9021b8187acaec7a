"""A lexical label index over all labels of a taxonomy, tolerant of case, accents, inflection, compounds and typos.

Every preferred, alternative and hidden label of every occupation and skill, in every language, is one *entry*.
Entries are tokenised (:func:`krapte.text.tokens`) and stemmed in their own language. A query token matches an
entry token

* exactly or after stemming (weight 1.0),
* as a prefix of it (``warmtep`` → ``warmtepomp``; 0.85), the last query token especially while typing,
* inside a Dutch compound (``zonnepaneel`` in ``zonnepaneelmonteur``, ``pomp`` in ``warmtepomp``; 0.75),
* with a typo (Levenshtein similarity ≥ 0.8 for tokens of five letters or more; 0.7 × similarity).

Two adjacent query tokens also match as one joined token (``warmte pomp`` → ``warmtepomp``), so split and joined
spellings meet. An entry's score is the IDF-weighted share of the query it covers, times a small preference for
entries whose own tokens are covered too (short, specific labels win over long ones), plus a bonus for preferred
labels. A concept's score is the best score of its entries.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from krapte.taxonomy.labels import curated_dutch_terms, derived_dutch_labels
from krapte.taxonomy.model import Taxonomy
from krapte.text.compound import split_compound
from krapte.text.normalize import fold, tokens
from krapte.text.stem import stem

W_EXACT, W_PREFIX, W_INFIX, W_FUZZY = 1.0, 0.85, 0.75, 0.7
PREF_BONUS = 0.03
MAX_EXPANSIONS = 300
# Dutch and English function words: thousands of labels contain them ("of" is in 15,000 of 160,000)
_DUTCH_FUNCTION_WORDS = ("de", "het", "een", "en", "van", "in", "op", "met", "voor", "te", "aan", "bij", "of", "uit")
_MORE_DUTCH = ("naar", "over", "door", "om", "als")
_ENGLISH_FUNCTION_WORDS = (
    "the",
    "a",
    "an",
    "and",
    "of",
    "in",
    "on",
    "for",
    "to",
    "with",
    "at",
    "by",
    "from",
    "or",
    "as",
)
FUNCTION_WORDS = frozenset(_DUTCH_FUNCTION_WORDS + _MORE_DUTCH + _ENGLISH_FUNCTION_WORDS)


@dataclass(frozen=True)
class Entry:
    """One label of one concept."""

    uri: str
    kind: str  # "occupation" | "skill"
    lang: str
    text: str
    preferred: bool


@dataclass(frozen=True)
class LexicalHit:
    uri: str
    kind: str
    score: float
    entry: Entry


class _Entries(Sequence[Entry]):
    """The index's entries stored as columns (pickles and loads much faster than one object per label)."""

    def __init__(
        self, uris: list[str], kinds: list[str], langs: list[str], texts: list[str], preferred: list[bool]
    ) -> None:
        self.uris, self.kinds, self.langs, self.texts, self.preferred = uris, kinds, langs, texts, preferred

    def __len__(self) -> int:
        return len(self.uris)

    @overload
    def __getitem__(self, i: int) -> Entry: ...

    @overload
    def __getitem__(self, i: slice) -> list[Entry]: ...

    def __getitem__(self, i: int | slice) -> Entry | list[Entry]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return Entry(self.uris[i], self.kinds[i], self.langs[i], self.texts[i], self.preferred[i])


@dataclass(frozen=True)
class _Columns:
    """Per entry: a code of its concept, its kind, its language, its token count and whether it is preferred."""

    concepts: npt.NDArray[np.int64]
    kinds: npt.NDArray[np.str_]
    langs: npt.NDArray[np.str_]
    lengths: npt.NDArray[np.float64]
    preferred: npt.NDArray[np.bool_]


class LexicalIndex:
    """Inverted index of stemmed label tokens; build once per taxonomy with :func:`build_lexical_index`."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = _Entries(
            [e.uri for e in entries],
            [e.kind for e in entries],
            [e.lang for e in entries],
            [e.text for e in entries],
            [e.preferred for e in entries],
        )
        self.entry_len: list[int] = []
        postings: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            toks = {stem(t, e.lang) for t in tokens(e.text)}
            self.entry_len.append(max(1, len(toks)))
            for t in toks:
                postings.setdefault(t, []).append(i)
        self.postings = postings
        self._derive()

    def __getstate__(self) -> dict[str, object]:
        """Pickle only what cannot be recomputed quickly (the cache file loads several times faster)."""
        return {"entries": self.entries, "entry_len": self.entry_len, "postings": self.postings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.entries, self.entry_len, self.postings = state["entries"], state["entry_len"], state["postings"]
        self._derive()

    def _derive(self) -> None:
        """Vocabulary, IDF and the lookup structures for prefix, infix and typo matching."""
        postings = self.postings
        self._arrays: dict[str, npt.NDArray[np.int64]] = {}
        self._entry_columns: _Columns | None = None
        self.vocab = sorted(postings)
        self._vocab_set = frozenset(t for t in postings if len(t) >= 4)
        n = len(self.entries)
        self.idf = {t: math.log(1 + n / len(p)) for t, p in postings.items()}
        self._long_vocab = [t for t in self.vocab if len(t) >= 5]
        self._by_length: dict[int, list[str]] = {}
        for t in self._long_vocab:
            self._by_length.setdefault(len(t), []).append(t)
        # the long tokens joined into one string, so that infix search is one C-level str.find per hit
        self._long_joined = "\n".join(self._long_vocab)
        self._long_offsets = list(itertools.accumulate((len(t) + 1 for t in self._long_vocab[:-1]), initial=0))

    def _split_compounds(self, toks: list[str], expanded: dict[str, dict[str, float]]) -> list[str]:
        """Query words that match nothing (not even as a prefix, infix or typo), split into known words:
        ``zonnepaneelmonteur`` → ``zonnepaneel monteur`` (Dutch writes compounds as one word, labels often as two:
        "monteur zonnepanelen"). The expansions it makes are kept in ``expanded`` for the search."""
        out: list[str] = []
        for tok in toks:
            if len(tok) >= 8 and tok.isalpha() and not expanded.setdefault(tok, self.expand(tok)):
                parts = split_compound(tok, self._vocab_set)
                if len(parts) > 1:
                    out.extend(parts)
                    continue
            out.append(tok)
        return out

    # --- term expansion ---------------------------------------------------
    def expand(self, token: str, *, prefix: bool = True, whole: bool = False) -> dict[str, float]:
        """Vocabulary tokens matching a folded query token, with their match weight; with ``whole``, only exact and
        prefix matches (no infix or typo search)."""
        found: dict[str, float] = {}
        for variant in {token, stem(token, "nl"), stem(token, "en")}:
            if variant in self.postings:
                found[variant] = W_EXACT
        if prefix and len(token) >= 3:
            start = bisect_left(self.vocab, token)
            for t in self.vocab[start : start + MAX_EXPANSIONS]:
                if not t.startswith(token):
                    break
                found.setdefault(t, W_PREFIX)
        if whole:
            return found
        if len(token) >= 5:
            for t in self._containing(stem(token, "nl")):
                if t not in found:
                    found[t] = W_INFIX
                    if len(found) > 3 * MAX_EXPANSIONS:
                        break
        if len(token) >= 5 and not any(w >= W_PREFIX for w in found.values()):
            # a typo: neither a known word nor the start of one; Levenshtein similarity >= 0.8 needs a length
            # within 20 % of the token's, so only those tokens are compared
            for t, sim, _ in process.extract(
                token,
                self._vocab_of_length(len(token)),
                scorer=Levenshtein.normalized_similarity,
                score_cutoff=0.8,
                limit=10,
            ):
                found.setdefault(t, W_FUZZY * sim)
        return found

    def _vocab_of_length(self, n: int) -> list[str]:
        """Long tokens whose length is within 20 % of ``n`` (the only ones that can be 0.8-similar)."""
        out: list[str] = []
        for length in range(max(5, math.ceil(0.8 * n)), math.floor(n / 0.8) + 1):
            out.extend(self._by_length.get(length, ()))
        return out

    def _containing(self, part: str) -> Iterator[str]:
        """Long vocabulary tokens that contain ``part``, in vocabulary order."""
        joined, offsets, vocab = self._long_joined, self._long_offsets, self._long_vocab
        pos = joined.find(part)
        while pos != -1:
            i = bisect_right(offsets, pos) - 1
            yield vocab[i]
            pos = joined.find(part, offsets[i] + len(vocab[i]) + 1)

    def idf_of(self, token: str) -> float:
        return self.idf.get(stem(token, "nl"), self.idf.get(token, math.log(1 + len(self.entries))))

    # --- querying -----------------------------------------------------------
    def search(
        self,
        text: str,
        *,
        kind: str | None = None,
        lang: str | None = None,
        top: int = 10,
        allowed: set[str] | None = None,
    ) -> list[LexicalHit]:
        """Best concepts for a query, one hit per concept, best first."""
        expanded: dict[str, dict[str, float]] = {}  # tokens of eight letters or more (always with prefixes)
        q = self._split_compounds(tokens(text), expanded)
        if not q:
            return []
        n = len(q)
        weights = [self.idf_of(t) for t in q]
        total = sum(weights)
        # the credits, in order: (matched label tokens with their weight, query positions, only entries found already)
        credits: list[tuple[dict[str, float], list[int], bool]] = []
        # function words ("en", "van", "de", "and") are in thousands of labels: they count towards the coverage
        # of labels found by the other words, but do not bring in candidates of their own (unless nothing else does)
        common = [t in FUNCTION_WORDS and t in self.postings for t in q]
        for p, tok in enumerate(q):
            if not common[p]:
                # a three-letter prefix is only worth expanding while it is still being typed (the last token)
                known = expanded.get(tok)
                expansions = known if known is not None else self.expand(tok, prefix=len(tok) >= 4 or p == n - 1)
                credits.append((expansions, [p], False))
        for p in range(n - 1):
            joined = q[p] + q[p + 1]
            exp = self.expand(joined, prefix=True, whole=True)  # only whole words: exact or prefix
            credits.append((exp, [p, p + 1], False))
        found = any(expansions for expansions, _, _ in credits)
        for p, tok in enumerate(q):
            if common[p]:
                credits.append(({tok: W_EXACT}, [p], found))
                found = True
        return self._ranked(credits, weights, total, kind=kind, lang=lang, top=top, allowed=allowed)

    def _posting(self, token: str) -> npt.NDArray[np.int64]:
        """The entries holding ``token`` as an array (made on first use)."""
        array = self._arrays.get(token)
        if array is None:
            array = self._arrays[token] = np.asarray(self.postings[token], dtype=np.int64)
        return array

    def _columns(self) -> _Columns:
        """The entries' columns as arrays, for scoring (made on first use)."""
        if self._entry_columns is None:
            codes: dict[str, int] = {}
            self._entry_columns = _Columns(
                np.fromiter((codes.setdefault(u, len(codes)) for u in self.entries.uris), dtype=np.int64),
                np.asarray(self.entries.kinds),
                np.asarray(self.entries.langs),
                np.asarray(self.entry_len, dtype=np.float64),
                np.asarray(self.entries.preferred, dtype=bool),
            )
        return self._entry_columns

    def _ranked(
        self,
        credits: list[tuple[dict[str, float], list[int], bool]],
        weights: list[float],
        total: float,
        *,
        kind: str | None,
        lang: str | None,
        top: int,
        allowed: set[str] | None,
    ) -> list[LexicalHit]:
        """Score every entry the credits reach (the best weight per query position) and keep each concept's best.

        The arithmetic is the same, operation by operation, as scoring one entry at a time: a concept's best entry
        is the first of equal scores in the order the entries were reached, and concepts of equal score are ordered
        by their best entry's text, then by the order they were reached."""
        n = len(weights)
        reached = [self._posting(tok) for expansions, _, known in credits if not known for tok in expansions]
        if not reached:
            return []
        order = np.concatenate(reached)
        ids, first = np.unique(order, return_index=True)  # sorted entry ids, and where each was first reached
        row = np.zeros((len(ids), n), dtype=np.float64)
        for expansions, positions, known in credits:
            for tok, w in expansions.items():
                posting = self._posting(tok)
                at = _present(ids, posting) if known else np.searchsorted(ids, posting)  # known: reached already
                for p in positions:
                    row[at, p] = np.maximum(row[at, p], w)
        entries, columns = self.entries, self._columns()
        keep = np.ones(len(ids), dtype=bool)
        if kind:
            keep &= columns.kinds[ids] == kind
        if allowed is not None:
            keep &= np.fromiter((entries.uris[i] in allowed for i in ids.tolist()), dtype=bool, count=len(ids))
        ids, first, row = ids[keep], first[keep], row[keep]
        if not len(ids):
            return []
        coverage = row[:, 0] * weights[0]
        for p in range(1, n):
            coverage = coverage + row[:, p] * weights[p]
        coverage = coverage / total
        precision = np.minimum(1.0, (row > 0).sum(axis=1) / columns.lengths[ids])
        score = coverage * (0.8 + 0.2 * precision)
        score = np.where(columns.preferred[ids], score + PREF_BONUS, score)
        if lang:
            score = np.where(columns.langs[ids] == lang, score + 0.01, score)
        # each concept's best entry: highest score, then first reached
        concept = columns.concepts[ids]
        by_concept = np.lexsort((first, -score, concept))
        starts = np.flatnonzero(np.r_[True, concept[by_concept][1:] != concept[by_concept][:-1]])
        best = by_concept[starts]
        reached_first = np.minimum.reduceat(first[by_concept], starts)
        if len(best) > top:  # only the concepts that can be in the top (ties included) are sorted by text
            cut = -np.partition(-score[best], top - 1)[top - 1]
            inside = score[best] >= cut
            best, reached_first = best[inside], reached_first[inside]
        ranked = sorted(
            zip(score[best].tolist(), ids[best].tolist(), reached_first.tolist(), strict=True),
            key=lambda hit: (-hit[0], entries.texts[hit[1]], hit[2]),
        )[:top]
        return [LexicalHit(entries.uris[i], entries.kinds[i], value, entries[i]) for value, i, _ in ranked]


def _present(ids: npt.NDArray[np.int64], wanted: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """Positions in the sorted ``ids`` of those of ``wanted`` that it holds."""
    at = np.searchsorted(ids, wanted)
    inside = at < len(ids)
    at, wanted = at[inside], wanted[inside]
    return at[ids[at] == wanted]


def build_lexical_index(
    tax: Taxonomy, kinds: Iterable[str] = ("occupation", "skill"), *, derived: bool = True
) -> LexicalIndex:
    """Index every label of the chosen kinds of concept.

    With ``derived``, a skill without an official Dutch label is also indexed under its machine-derived Dutch labels
    and search keys (:func:`krapte.taxonomy.labels.derived_dutch_labels`), as non-preferred Dutch entries, so Dutch
    queries reach it. They are never shown as the skill's label; :func:`is_derived_entry` tells them apart."""
    entries: list[Entry] = []
    pools = {"occupation": tax.occupations, "skill": tax.skills}
    for kind in kinds:
        for uri, c in pools[kind].items():
            for lang, label in c.labels.items():
                entries.append(Entry(uri, kind, lang, label, True))
            for source in (c.alt, c.hidden):
                for lang, labels in source.items():
                    entries.extend(Entry(uri, kind, lang, label, False) for label in labels)
    if "skill" in kinds:  # the curated Dutch vacancy lexicon, shared with extraction
        entries.extend(
            Entry(uri, "skill", "nl", term, False) for term, uri in curated_dutch_terms() if uri in tax.skills
        )
    if derived and "skill" in kinds:
        for uri, forms in derived_dutch_labels().items():
            skill = tax.skills.get(uri)
            if skill is not None and not skill.has_label("nl"):
                entries.extend(Entry(uri, "skill", "nl", d.label, False) for d in forms)
    return LexicalIndex(entries)


def is_derived_entry(tax: Taxonomy, entry: Entry) -> bool:
    """Whether an index entry is a machine-derived Dutch label (a Dutch entry of a skill ESCO gives no Dutch label)."""
    if entry.kind != "skill" or entry.lang != "nl":
        return False
    skill = tax.skills.get(entry.uri)
    return skill is not None and not skill.has_label("nl")


def folded(text: str) -> str:
    """Re-exported for callers that compare labels (same folding as the index)."""
    return fold(text)
