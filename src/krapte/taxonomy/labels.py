"""Dutch labels for ESCO skills that only have English ones: derived, marked as derived, never passed off as ESCO.

The embedded ESCO default has Dutch preferred labels for 5,352 of its 13,939 skills (the VDAB crosswalk); the other
8,587 have English labels only, so Dutch search and Dutch extraction could not reach them lexically. This module
derives a Dutch label for them from the bilingual data the taxonomy itself holds, offline and reproducibly:

1. **Parallel labels**: every concept with both a Dutch and an English preferred label (skills, occupations, skill
   groups) is one aligned pair. Dutch compounds are split into known words (:func:`krapte.text.split_compound`)
   so that "heat pump" can align with "warmte" + "pomp".
2. **Verbs**: ESCO's English skill labels start with the verb ("install heat pump"), the Dutch ones end with the
   infinitive ("warmtepompen installeren"). The English first word and the Dutch last word of the verb-phrase pairs
   give the verb table (the most frequent Dutch infinitive per English verb, seen at least twice).
3. **Words**: the remaining words are aligned by competitive linking (Melamed 2000): in every pair the English
   words and adjacent word pairs ("heat pump", which Dutch writes as one word) are linked one-to-one to Dutch words,
   greedily by their Dice association over all pairs; an English unit's translation is the Dutch word it was linked
   to most often (at least twice, in at least a third of its links, with Dice at least 0.2).
4. **Translation**: an English label is translated word by word in its own order, the verb moved to the end
   (Dutch verb-final order); adjacent Dutch nouns are also joined into one compound ("warmte pomp" →
   "warmtepomp"). A label is derived only when every word has a translation (names such as "SAP" or "Python"
   stay as they are when the Dutch labels use them too); otherwise the skill keeps its English labels.

Every derived label carries its basis (``derived:label-alignment``) and a score (the mean association of the
words used). :func:`derived_dutch_labels` reads the committed table in ``krapte/data/esco-nl-derived/``; the fit is
in ``scripts/build_nl_labels.py`` and its held-out evaluation (5-fold cross-validation over the skills that do have
a Dutch label) in ``bench/bench_nl_labels.py``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from krapte.text.compound import split_compound
from krapte.text.normalize import label_key
from krapte.text.words import DUTCH_FUNCTION_WORDS, ENGLISH_FUNCTION_WORDS

__all__ = [
    "BASIS",
    "SEARCH_KEY",
    "DerivedLabel",
    "LabelTranslator",
    "curated_dutch_terms",
    "derived_dutch_labels",
    "derived_labels_digest",
    "english_rendering",
    "english_verbs",
    "fit_translator",
]

BASIS = "derived:label-alignment"  # a full translation: a Dutch label, used by search and extraction
SEARCH_KEY = "derived:search-key"  # a partial translation (English words kept): used by search only
DATASET = "esco-nl-derived"
MIN_COUNT = 2  # a translation must be seen at least this often
MIN_SHARE = 0.34  # ... and make at least this share of the English word's links
MIN_DICE = 0.2  # ... and be associated with it (Dice) at least this strongly


@dataclass(frozen=True)
class DerivedLabel:
    """A machine-derived Dutch label of a skill: not ESCO's, and marked so wherever it is shown."""

    uri: str
    label: str
    basis: str
    score: float
    label_en: str


def english_verbs(pairs: Iterable[tuple[str, str, bool]]) -> frozenset[str]:
    """English first words that start more skill/competence labels than knowledge labels (a vote: ESCO's skill type
    is noisy). ``pairs`` are (English label, anything, is_knowledge)."""
    votes: Counter[str] = Counter()
    for label_en, _, knowledge in pairs:
        words = label_key(label_en).split()
        if len(words) >= 2:
            votes[words[0]] += -1 if knowledge else 1
    return frozenset(w for w, v in votes.items() if v > 0 and w not in ENGLISH_FUNCTION_WORDS)


class LabelTranslator:
    """English ESCO label → Dutch label, from a verb table and a word table (see the module docstring)."""

    def __init__(
        self,
        verbs: dict[str, str],
        words: dict[str, tuple[str, float]],
        english_verbs: frozenset[str],
        dutch_words: frozenset[str],
    ) -> None:
        self.verbs = verbs
        self.words = words
        self.english_verbs = english_verbs
        self.dutch_words = dutch_words
        self.reverse: dict[str, str] = {}  # Dutch word (or compound part) → English word(s), see to_english
        self.reverse_verbs = {nl: en for en, nl in verbs.items()}
        self.vocabulary: frozenset[str] = frozenset()

    def to_english(self, text_nl: str) -> str:
        """A Dutch phrase in English words, for searching the English labels (``"warmtepompen onderhouden"`` →
        ``"maintain heat pump"``): the Dutch infinitive at the end becomes the leading English verb, compounds are
        split into known parts, words without a translation are kept."""
        words = label_key(text_nl).split()
        verb = ""
        if len(words) >= 2 and words[-1] in self.reverse_verbs:
            verb = self.reverse_verbs[words[-1]]
            words = words[:-1]
        out: list[str] = []
        for word in words:
            if word in self.reverse:
                out.append(self.reverse[word])
                continue
            parts = split_compound(word, self.vocabulary) if len(word) >= 8 else [word]
            out.extend(self.reverse.get(part, part) for part in parts)
        return " ".join(w for w in ([verb] if verb else []) + out if w)

    def is_verb_phrase(self, label_en: str) -> bool:
        tokens = label_key(label_en).split()
        return len(tokens) >= 2 and tokens[0] in self.english_verbs

    def translate(self, label_en: str, *, partial: bool = False) -> tuple[str, float] | None:
        """The Dutch label and its score, or None when a word has no translation.

        With ``partial`` an untranslated word is kept in English (a search key, not a label: at least half of the
        content words must be translated)."""
        tokens = label_key(label_en).split()
        if not tokens:
            return None
        verb_nl = ""
        if len(tokens) >= 2 and tokens[0] in self.english_verbs:
            verb_nl = self.verbs.get(tokens[0], "")
            if not verb_nl:
                return None
            tokens = tokens[1:]
        out: list[str] = []
        scores: list[float] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            pair = f"{token} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
            if pair in self.words:
                found_pair = self.words[pair]
                if found_pair[0]:
                    out.append(found_pair[0])
                scores.append(found_pair[1])
                i += 2
                continue
            i += 1
            found = self.words.get(token)
            if found is not None:
                if found[0]:
                    out.append(found[0])
                scores.append(found[1])
            elif token in self.dutch_words and not token.isalpha():
                out.append(token)  # "3d", "c++": written the same in Dutch
            elif token in self.dutch_words and token not in ENGLISH_FUNCTION_WORDS and len(token) >= 3:
                out.append(token)  # a name or loanword the Dutch labels use as well ("sap", "scrum")
                scores.append(0.5)
            elif partial:
                out.append(token)
                scores.append(0.0)
            else:
                return None
        if partial and not verb_nl and not any(x > 0 for x in scores):
            return None
        if verb_nl:
            out.append(verb_nl)
        if not out or (not scores and not verb_nl):
            return None
        return " ".join(out), round(sum(scores) / len(scores), 3) if scores else 0.5

    def variants(self, label_nl: str, *, verb_final: bool) -> list[str]:
        """The label and its form with adjacent nouns joined ("warmte pomp installeren" → "warmtepomp installeren")."""
        words = label_nl.split()
        body, tail = (words[:-1], words[-1:]) if verb_final else (words, [])
        joined: list[str] = []
        for word in body:
            left = joined[-1] if joined else ""
            if (
                left
                and not left.endswith("en")
                and _noun_like(left)
                and _noun_like(word)
                and {left, word} <= self.dutch_words
            ):
                joined[-1] += word
            else:
                joined.append(word)
        out = [label_nl]
        if joined != body:
            out.append(" ".join([*joined, *tail]))
        return out


def _noun_like(word: str) -> bool:
    """Not an adjective ("technische", "elektrisch"), article or preposition: may start or end a compound."""
    return (
        len(word) >= 3
        and word.isalpha()
        and not word.endswith(("e", "isch", "ieel", "eel", "aal"))
        and word not in _DUTCH_SMALL
    )


_DUTCH_SMALL = DUTCH_FUNCTION_WORDS


def _dutch_parts(label_nl: str, vocabulary: frozenset[str]) -> list[str]:
    parts: list[str] = []
    for word in label_key(label_nl).split():
        parts.extend(split_compound(word, vocabulary) if len(word) >= 8 else [word])
    return parts


def fit_translator(
    pairs: Sequence[tuple[str, str, bool]],
    *,
    dutch_vocabulary: Iterable[str] | None = None,
    min_count: int = MIN_COUNT,
) -> LabelTranslator:
    """Fit the verb and word tables on aligned (English label, Dutch label, is_knowledge) pairs.

    ``min_count``: how often a word translation must be seen (2 for labels; 1 for search keys, which gain more from
    reach than they lose from the odd wrong word, see ``bench/bench_nl_labels.py``)."""
    counts: Counter[str] = Counter()
    for _, label_nl, _ in pairs:
        counts.update(label_key(label_nl).split())
    vocabulary = frozenset(w for w, c in counts.items() if c >= 2 and len(w) >= 3) | frozenset(dutch_vocabulary or ())
    # verbs: English first words whose pairs end, consistently, in one Dutch infinitive ("install" → "installeren";
    # not "types", whose Dutch labels end in anything)
    verb_counts: dict[str, Counter[str]] = defaultdict(Counter)
    first_counts: Counter[str] = Counter()
    for label_en, label_nl, _ in pairs:
        en, nl = label_key(label_en).split(), label_key(label_nl).split()
        if len(en) >= 2 and len(nl) >= 2 and en[0] not in ENGLISH_FUNCTION_WORDS:
            first_counts[en[0]] += 1
            if nl[-1].endswith("en"):
                verb_counts[en[0]][nl[-1]] += 1
    verbs: dict[str, str] = {}
    for verb, options in verb_counts.items():
        best, n = options.most_common(1)[0]
        ending_en = sum(options.values())
        # most of its Dutch labels end in an -en word, and one infinitive stands out among those endings
        if n >= MIN_COUNT and ending_en / first_counts[verb] >= 0.6 and n / ending_en >= 0.3:
            verbs[verb] = best
    verbs_en = frozenset(verbs)
    rests: list[tuple[list[str], list[str]]] = []
    for label_en, label_nl, _ in pairs:
        en = label_key(label_en).split()
        nl = label_key(label_nl).split()
        if not en or not nl:
            continue
        if len(en) >= 2 and en[0] in verbs_en and len(nl) >= 2 and nl[-1] == verbs[en[0]]:
            en, nl = en[1:], nl[:-1]
        rests.append((en, _dutch_parts(" ".join(nl), vocabulary)))
    words, reverse = _competitive_linking(rests, min_count)
    translator = LabelTranslator(verbs, words, verbs_en, frozenset(counts))
    translator.reverse = reverse
    translator.vocabulary = vocabulary
    return translator


def _units(words: list[str]) -> list[tuple[str, tuple[int, ...]]]:
    """The English words of a label and its adjacent content-word pairs ("heat pump"), each with its positions: a
    pair can link to one Dutch compound ("warmtepomp") as a unit."""
    units: list[tuple[str, tuple[int, ...]]] = [(w, (i,)) for i, w in enumerate(words)]
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if a not in ENGLISH_FUNCTION_WORDS and b not in ENGLISH_FUNCTION_WORDS:
            units.append((f"{a} {b}", (i, i + 1)))
    return units


def _competitive_linking(
    pairs: Sequence[tuple[list[str], list[str]]], min_count: int = MIN_COUNT
) -> tuple[dict[str, tuple[str, float]], dict[str, str]]:
    """English word or word pair → (Dutch word or "" for a dropped word, association), by competitive linking over
    Dice: in each pair the most strongly associated (English unit, Dutch word) is linked first, then the next whose
    words are both still free, and so on."""
    c_en: Counter[str] = Counter()
    c_nl: Counter[str] = Counter()
    c_both: Counter[tuple[str, str]] = Counter()
    for en, nl in pairs:
        se, sn = {u for u, _ in _units(en)}, set(nl)
        c_en.update(se)
        c_nl.update(sn)
        c_both.update((e, n) for e in se for n in sn)

    def dice(e: str, n: str) -> float:
        return 2 * c_both[(e, n)] / (c_en[e] + c_nl[n])

    links: dict[str, Counter[str]] = defaultdict(Counter)
    back: dict[str, Counter[str]] = defaultdict(Counter)
    for en, nl in pairs:
        units = _units(en)
        candidates = sorted(
            ((dice(u, n), len(pos), u, pos, n) for u, pos in units for n in set(nl)),
            key=lambda c: (-c[0], -c[1], c[2], c[4]),
        )
        used_e: set[int] = set()
        used_n: set[str] = set()
        for score, _, unit, pos, n in candidates:
            if score < 0.05 or used_e.intersection(pos) or n in used_n:
                continue
            links[unit][n] += 1
            back[n][unit] += 1
            used_e.update(pos)
            used_n.add(n)
        for i, word in enumerate(en):
            if i not in used_e:
                links[word][""] += 1  # unlinked: an English word Dutch leaves out ("of" in "types of", "the")
    table: dict[str, tuple[str, float]] = {}
    for e, options in links.items():
        best, count = options.most_common(1)[0]
        total = sum(options.values())
        if count < min_count or count / total < MIN_SHARE:
            continue
        if best == "" and e not in ENGLISH_FUNCTION_WORDS:
            continue
        if best and dice(e, best) < MIN_DICE:
            continue
        table[e] = (best, round(dice(e, best), 3) if best else 0.0)
    reverse: dict[str, str] = {}
    for n, options in back.items():
        best, count = options.most_common(1)[0]
        if count >= min_count and count / sum(options.values()) >= MIN_SHARE and dice(best, n) >= MIN_DICE:
            reverse[n] = best
    return table, reverse


@cache
def curated_dutch_terms() -> tuple[tuple[str, str], ...]:
    """(Dutch term, ESCO skill URI) pairs of the curated Dutch vacancy lexicon (``krapte/data/extract-nl-lexicon``,
    written for krapte: "lassen", "heftruck", "leidinggeven", "SAP" …), or () when absent. Search indexes them as
    Dutch alternative forms and extraction matches them: one lexicon for both."""
    path = resources.files("krapte.data") / "extract-nl-lexicon" / "nl-lexicon.tsv"
    if not path.is_file():
        return ()
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t")
    return tuple((row["term"], row["uri"]) for row in rows)


@cache
def _committed_translator() -> LabelTranslator | None:
    path = resources.files("krapte.data") / DATASET / "nl-en-words.tsv"
    if not path.is_file():
        return None
    translator = LabelTranslator({}, {}, frozenset(), frozenset())
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t"):
        if row["kind"] == "verb":
            translator.reverse_verbs[row["nl"]] = row["en"]
        else:
            translator.reverse[row["nl"]] = row["en"]
    translator.vocabulary = frozenset(translator.reverse)
    return translator


def english_rendering(text_nl: str) -> str:
    """A Dutch query in English words (:meth:`LabelTranslator.to_english` with the committed word table
    ``krapte/data/esco-nl-derived/nl-en-words.tsv``), or '' without the table. Search uses it to reach the English
    labels of skills that have no Dutch one."""
    translator = _committed_translator()
    return translator.to_english(text_nl) if translator is not None else ""


@cache
def derived_labels_digest() -> str:
    """A short fingerprint of the committed derived labels (part of cache names built from them)."""
    path = resources.files("krapte.data") / DATASET / "labels.tsv"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "none"


@cache
def derived_dutch_labels() -> dict[str, tuple[DerivedLabel, ...]]:
    """The committed derived Dutch labels and search keys per skill URI (``krapte/data/esco-nl-derived/labels.tsv``),
    or {} when the file is absent. Labels (basis :data:`BASIS`) come first, search keys (:data:`SEARCH_KEY`) after."""
    path = resources.files("krapte.data") / DATASET / "labels.tsv"
    if not path.is_file():
        return {}
    out: dict[str, list[DerivedLabel]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t"):
        out[row["uri"]].append(
            DerivedLabel(row["uri"], row["label_nl"], row["basis"], float(row["score"]), row["label_en"])
        )
    return {uri: tuple(labels) for uri, labels in out.items()}
