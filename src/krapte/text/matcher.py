"""The label matcher: every surface form of every label in one Aho–Corasick automaton (shared by search and
extraction; :class:`Gazetteer` is its historical name in the extractor).

Text is normalised once with a length-preserving translation table (lower case, accents folded, punctuation to
spaces), so a match position in the normalised text is a character offset in the original text. The automaton
(pyahocorasick, C) finds all label variants in one pass; only the hits are inspected in Python, which keeps the
stage well above 5 MB/s per core.

A hit counts when it starts and ends at word boundaries. Dutch writes compounds as one word, so a long single-word
Dutch key may also match as the first or last part of a compound ("warmtepomp" in "warmtepompinstallatie",
"lassen" in "onderwaterlassen"); such hits are marked ``compound``, get a lower confidence, and their evidence
is the whole compound word.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick

from krapte.text.dutch_variants import dutch_label_variants, english_label_variants, noun_forms
from krapte.text.normalize import fold_aligned, label_key
from krapte.text.words import DUTCH_FUNCTION_WORDS, FUNCTION_WORDS

# method names, from most to least direct
EXACT = "exact"  # the preferred or alternative label as written
VARIANT = "variant"  # an inflection / word-order variant of a label
COMPOUND = "compound"  # a label inside a Dutch compound word

MIN_COMPOUND_PART = 6  # a key must be at least this long to match inside a compound ("javas" in "javascript")
MIN_REST = 3  # ... and the rest of the compound at least this long


def normalise(text: str) -> str:
    """:func:`krapte.text.normalize.fold_aligned` (kept under the extraction's historical name)."""
    return fold_aligned(text)


def normalise_label(label: str) -> str:
    """:func:`krapte.text.normalize.label_key`."""
    return label_key(label)


class Entry(NamedTuple):
    """One label variant in the automaton: which skill, how it was derived, in which language.

    A named tuple rather than a frozen dataclass: a quarter of a million are made per extractor, and a tuple is
    made faster, and the variants of one label share one."""

    uri: str
    label: str
    lang: str
    method: str
    preferred: bool


@dataclass(frozen=True)
class Hit:
    """A match in a text: ``start``/``end`` are character offsets into the original text."""

    start: int
    end: int
    entry: Entry
    compound: bool
    # the key is the first part of the compound ("energie" in "energieadviseur"): a modifier, not the compound's head
    modifier: bool = False


class Gazetteer:
    """All label variants of a set of skills, matched in one pass."""

    def __init__(self) -> None:
        # the automaton maps each key to its number n: ``_keys[n]`` and the entries ``_entry_list[i]`` for the i in
        # ``_groups[n]`` (ints pickle and load several times faster than Python values, see krapte.extract.cache)
        self._automaton: Any = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._entries: dict[str, dict[str, tuple[int, str, str, str, bool]]] = {}
        self._keys: list[str] = []
        self._groups: list[tuple[int, ...]] = []
        self._entry_list: list[Entry] = []  # plain tuples until first hit after unpickling
        self._size = 0
        self._finalised = False

    def add(self, uri: str, label: str, lang: str, *, preferred: bool, light: bool = False) -> None:
        """Add a label and its generated variants (Dutch or English rules by ``lang``).

        ``light``: only the label and the singular/plural of its last word (for machine-derived labels, whose verb
        orders are left to the verb–object stage: fewer keys, a smaller automaton)."""
        key = normalise_label(label)
        if len(key) < 2 or not any(c.isalpha() for c in key) or key in FUNCTION_WORDS:
            return
        variants = {key}  # English alternative labels are many and already cover the usual forms
        if lang == "nl" and light:
            *head, last = key.split()
            variants = {" ".join([*head, form]) for form in noun_forms(last)} | {key}
        elif lang == "nl":
            variants = dutch_label_variants(key)
        elif preferred:
            variants = english_label_variants(key)
        # rank: lower is more direct (exact before variant, preferred before alternative, Dutch before English)
        base_rank = (0 if preferred else 1) * 2 + (0 if lang == "nl" else 1)
        for variant in variants:
            exact = variant == key
            if not exact and (len(variant) < 3 or variant in DUTCH_FUNCTION_WORDS):
                continue  # "die" is a Dutch pronoun, never the singular of the skill "dies"
            rank = base_rank + (0 if exact else 4)
            per_key = self._entries.setdefault(variant, {})
            current = per_key.get(uri)
            if current is None or rank < current[0]:
                per_key[uri] = (rank, label, lang, EXACT if exact else VARIANT, preferred)

    def finalise(self) -> None:
        """Freeze the automaton; call once after all ``add`` calls."""
        shared: dict[tuple[str, str, str, str, bool], int] = {}  # the variants of one label share one Entry
        for n, (key, per_key) in enumerate(self._entries.items()):
            group = []
            for uri, (_, label, lang, method, pref) in per_key.items():
                fields = (uri, label, lang, method, pref)
                i = shared.get(fields)
                if i is None:
                    i = shared[fields] = len(self._entry_list)
                    self._entry_list.append(Entry(*fields))
                group.append(i)
            self._keys.append(key)
            self._groups.append(tuple(group))
            self._automaton.add_word(key, n)
        self._automaton.make_automaton()
        self._size = len(self._entries)
        self._entries = {}
        self._finalised = True

    def __len__(self) -> int:
        return self._size or len(self._entries)

    def __getstate__(self) -> dict[str, Any]:
        """Entries as plain tuples, made into :class:`Entry` when first hit: a pickled matcher loads without a call
        per entry (see :mod:`krapte.extract.cache`)."""
        state = dict(self.__dict__)
        state["_entry_list"] = [tuple(e) for e in self._entry_list]
        return state

    def find(self, text: str, normalised: str | None = None) -> Iterator[Hit]:
        """All word-bounded (or compound-part) hits of any variant in ``text``."""
        norm = normalised if normalised is not None else normalise(text)
        n = len(norm)
        keys, groups, entry_list = self._keys, self._groups, self._entry_list
        for end_idx, number in self._automaton.iter(norm):
            key = keys[number]
            end = end_idx + 1
            start = end - len(key)
            left = start == 0 or not norm[start - 1].isalnum()
            right = end == n or not norm[end].isalnum()
            compound = modifier = False
            if not (left and right):
                if len(key) < MIN_COMPOUND_PART or " " in key or not (left or right):
                    continue
                if left:  # key is the first part: warmtepomp|installatie
                    rest_end = end
                    while rest_end < n and norm[rest_end].isalnum():
                        rest_end += 1
                    if rest_end - end < MIN_REST:
                        continue
                    end = rest_end  # the evidence is the whole compound word
                    modifier = True
                else:  # key is the last part: onderwater|lassen
                    rest_start = start
                    while rest_start > 0 and norm[rest_start - 1].isalnum():
                        rest_start -= 1
                    if start - rest_start < MIN_REST:
                        continue
                    start = rest_start
                compound = True
            for i in groups[number]:
                entry = entry_list[i]
                if entry.__class__ is tuple:  # as unpickled (see __getstate__)
                    entry = entry_list[i] = Entry._make(entry)
                if compound and entry.lang != "nl":
                    continue
                yield Hit(start, end, entry, compound, modifier)


def longest_hits(hits: Iterable[Hit]) -> list[Hit]:
    """Drop hits contained in a longer hit (the longer, more specific label wins); keeps all skills of a span."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    max_end = -1
    span_of_last: tuple[int, int] = (-1, -1)
    for h in ordered:
        if (h.start, h.end) == span_of_last:
            kept.append(h)
            continue
        if h.end <= max_end:
            continue
        kept.append(h)
        span_of_last = (h.start, h.end)
        max_end = max(max_end, h.end)
    return kept


LabelMatcher = Gazetteer  # the name used outside extraction

__all__ = [
    "COMPOUND",
    "EXACT",
    "MIN_COMPOUND_PART",
    "MIN_REST",
    "VARIANT",
    "Entry",
    "Gazetteer",
    "Hit",
    "LabelMatcher",
    "longest_hits",
    "normalise",
    "normalise_label",
]
