"""Verb–object phrases in Dutch word order: "je monteert zonnepanelen", "sluit je de omvormer aan", "leest
technische tekeningen", "heeft routes gepland".

ESCO's Dutch skill labels put the object first and the infinitive last ("technische tekeningen lezen"). A Dutch
main clause puts the finite verb second and may put words between it and the object ("je leest de technische
tekeningen"), a separable verb leaves its particle at the end ("sluit ... aan"), and a perfect puts the participle
last ("heb ... gepland"). The Aho–Corasick stage matches the contiguous orders only; this stage matches a verb form
and the object's head noun anywhere in the same clause, within :data:`WINDOW` words:

* the verb: any finite form, past form or participle of the label's infinitive (:func:`verb_forms`), or for a
  separable verb ("aansluiten") its finite stem with the particle later in the clause;
* the object: the label's last object word (its head noun), stemmed, as a word or as the last part of a compound
  ("bouwtekeningen" has "tekening"); every other object word (adjectives, first nouns) must be in the clause too
  ("maakt berekeningen" is not "elektrische berekeningen maken").

A hit's evidence runs from the first to the last of the matched words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from krapte.text.dutch_variants import SEPARABLE_PREFIXES, _separable_prefix, verb_forms
from krapte.text.normalize import fold_aligned, label_key
from krapte.text.stem import stem
from krapte.text.words import FUNCTION_WORDS

__all__ = ["WINDOW", "VerbObjectHit", "VerbObjectMatcher", "verb_forms_of"]

WINDOW = 6  # at most this many words between the verb and the object's head
MIN_HEAD = 4  # shortest head noun (stemmed) that may end a compound
_ADJECTIVE_ENDINGS = ("isch", "ische", "lijk", "lijke")
_PREFIXES = ("be", "ge", "ver", "ont", "her")
# prepositions that open a phrase after the verb's object ("van"/"aan"/"uit" link a nominalisation or are particles)
_BLOCKING = frozenset(
    ["voor", "bij", "in", "op", "met", "volgens", "tegen", "via", "naar", "over", "onder", "tijdens", "binnen", "tot"]
)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CLAUSE = re.compile(r"[.,;:!?()\n•·▪]|\s-\s")


@dataclass(frozen=True)
class _Rule:
    uri: str
    label: str
    head: str  # stemmed head noun
    modifiers: tuple[str, ...]  # stemmed other object words
    particle: str  # separable particle that must follow the verb ("aan" of "aansluiten"), or ""
    nominal: bool = False  # a nominalisation ("onderhoud", "installatie"): "van"/"aan" and the object must follow


@dataclass(frozen=True)
class VerbObjectHit:
    start: int
    end: int
    uri: str
    label: str


def _stem(infinitive: str) -> str:
    """The verb stem, as :func:`krapte.text.dutch_variants.verb_forms` derives it (``leggen`` → ``leg``)."""
    stem_ = infinitive[:-2]
    if len(stem_) > 2 and stem_[-1] == stem_[-2] and stem_[-1] not in "aeiou":
        stem_ = stem_[:-1]
    elif len(stem_) > 2 and stem_[-1] not in "aeiou" and stem_[-2] in "aeiou" and stem_[-3] not in "aeiou":
        stem_ = stem_[:-1] + stem_[-2] + stem_[-1]
    return {"v": stem_[:-1] + "f", "z": stem_[:-1] + "s"}.get(stem_[-1:], stem_)


def _past_forms(infinitive: str) -> set[str]:
    """Weak past tense (singular and plural): ``legde(n)``, ``installeerde(n)``, ``plande(n)``, ``werkte(n)``."""
    stem_ = _stem(infinitive)
    ending = "te" if infinitive[-3:-2] in "kfstchp" else "de"
    return {stem_ + ending, stem_ + ending + "n"}


# Strong and irregular verbs common in vacancies and CVs: infinitive → (past singular, past plural, participle), from
# the standard Dutch list of strong verbs. Prefixed verbs use the entry of their last part: "aansluiten" →
# "aangesloten" (separable), "onderhouden" → "onderhield", participle "onderhouden" (inseparable, no ge-).
IRREGULAR: dict[str, tuple[str, str, str]] = {
    "sluiten": ("sloot", "sloten", "gesloten"),
    "schrijven": ("schreef", "schreven", "geschreven"),
    "lezen": ("las", "lazen", "gelezen"),
    "helpen": ("hielp", "hielpen", "geholpen"),
    "houden": ("hield", "hielden", "gehouden"),
    "vangen": ("ving", "vingen", "gevangen"),
    "geven": ("gaf", "gaven", "gegeven"),
    "rijden": ("reed", "reden", "gereden"),
    "dragen": ("droeg", "droegen", "gedragen"),
    "werpen": ("wierp", "wierpen", "geworpen"),
    "nemen": ("nam", "namen", "genomen"),
    "zoeken": ("zocht", "zochten", "gezocht"),
    "brengen": ("bracht", "brachten", "gebracht"),
    "bieden": ("bood", "boden", "geboden"),
    "snijden": ("sneed", "sneden", "gesneden"),
    "meten": ("mat", "maten", "gemeten"),
    "trekken": ("trok", "trokken", "getrokken"),
    "binden": ("bond", "bonden", "gebonden"),
    "vinden": ("vond", "vonden", "gevonden"),
    "wijzen": ("wees", "wezen", "gewezen"),
    "schieten": ("schoot", "schoten", "geschoten"),
    "doen": ("deed", "deden", "gedaan"),
    "slaan": ("sloeg", "sloegen", "geslagen"),
    "staan": ("stond", "stonden", "gestaan"),
    "gaan": ("ging", "gingen", "gegaan"),
    "zien": ("zag", "zagen", "gezien"),
}
_INSEPARABLE = ("be", "ver", "ont", "her", "onder", "er", "ge")


def _irregular_forms(infinitive: str) -> set[str]:
    for base, (past, past_plural, participle) in IRREGULAR.items():
        if not infinitive.endswith(base):
            continue
        prefix = infinitive[: -len(base)]
        if not prefix:
            return {past, past_plural, participle}
        if prefix in SEPARABLE_PREFIXES:
            return {prefix + participle}  # its past is split ("sloot ... aan"): the particle rule covers it
        if prefix.startswith(_INSEPARABLE):
            bare = participle[2:] if participle.startswith("ge") else participle
            return {prefix + past, prefix + past_plural, prefix + bare}
    return set()


def verb_forms_of(infinitive: str) -> set[str]:
    """Finite forms, past forms and participle of a Dutch infinitive (strong verbs from :data:`IRREGULAR`)."""
    return _forms(infinitive)


def _forms(infinitive: str) -> set[str]:
    irregular = _irregular_forms(infinitive)
    if irregular:  # present forms, and the strong past and participle ("sluitte", "aangesluit" are not words)
        stem_ = _stem(infinitive)
        present = {infinitive, stem_, stem_ if stem_.endswith("t") else stem_ + "t"}
        return (present | irregular) - FUNCTION_WORDS
    finite, _ = verb_forms(infinitive)
    # the bare stem too: first person and inverted second person ("ik installeer", "dien je medicatie toe")
    bare = {_stem(infinitive)} if len(_stem(infinitive)) >= 4 else set()
    return (finite | bare | _past_forms(infinitive)) - FUNCTION_WORDS


class VerbObjectMatcher:
    """All Dutch "object … verb" labels of a set of skills, matched clause by clause."""

    def __init__(self, labels: Iterable[tuple[str, str]], *, synonyms: bool = True) -> None:
        self._by_form: dict[str, list[_Rule]] = defaultdict(list)
        self._heads: dict[str, dict[str, list[_Rule]]] = {}
        same_action = _same_action_verbs() if synonyms else {}
        seen: set[tuple[str, str]] = set()
        for uri, label in labels:
            key = label_key(label)
            if (uri, key) in seen:
                continue
            seen.add((uri, key))
            words = key.split()
            if len(words) < 2:
                continue
            *obj, verb = words
            if not verb.endswith("en") or len(verb) < 5:
                continue
            for alternative in _coordinated(obj):
                if 1 <= len(alternative) <= 3:
                    self._add(uri, label, alternative, verb, same_action.get(verb, ()))

    def _add(self, uri: str, label: str, obj: list[str], verb: str, synonyms: Iterable[str]) -> None:
        obj = [w for w in obj if w not in FUNCTION_WORDS]
        if not obj:
            return
        head = stem(obj[-1], "nl")
        if len(head) < 3 or head.endswith(_ADJECTIVE_ENDINGS):
            return  # an adjective is no head noun ("elektrisch repareren", a poor derived label)
        mods = tuple(stem(w, "nl") for w in obj[:-1])
        nominal = _Rule(uri, label, head, mods, "", nominal=True)
        for noun in _nominalisations(verb):  # "onderhoud aan cv-ketels", "installatie van warmtepompen"
            self._by_form[noun].append(nominal)
        for infinitive in (verb, *synonyms):
            particle = _separable_prefix(infinitive)
            rule = _Rule(uri, label, head, mods, "")
            for form in _forms(infinitive):
                self._by_form[form].append(rule)
            if particle:
                split_rule = _Rule(uri, label, head, mods, particle)
                for form in _forms(infinitive[len(particle) :]):
                    if not form.startswith("ge") or form == infinitive[len(particle) :]:
                        self._by_form[form].append(split_rule)

    def __len__(self) -> int:
        return len(self._by_form)

    def _heads_of(self, form: str) -> dict[str, list[_Rule]]:
        """The rules of a verb form by their head noun (built on first use of the form)."""
        heads = self._heads.get(form)
        if heads is None:
            heads = {}
            for rule in self._by_form.get(form, ()):
                heads.setdefault(rule.head, []).append(rule)
            self._heads[form] = heads
        return heads

    def find(self, text: str, normalised: str | None = None) -> list[VerbObjectHit]:
        norm = normalised if normalised is not None else fold_aligned(text)
        hits: list[VerbObjectHit] = []
        pos = 0
        for m in [*_CLAUSE.finditer(text), None]:
            end = m.start() if m is not None else len(text)
            hits.extend(self._clause(norm, pos, end))
            pos = m.end() if m is not None else end
        return hits

    def _clause(self, norm: str, start: int, end: int) -> list[VerbObjectHit]:
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm, start, end)]
        if len(words) < 2:
            return []
        stems = [stem(w, "nl") for _, _, w in words]
        out: list[VerbObjectHit] = []
        for i, (_, _, word) in enumerate(words):
            heads = self._heads_of(word)
            if not heads:
                continue
            best: dict[tuple[str, int], list[tuple[int, _Rule, int]]] = defaultdict(list)
            for j in range(max(0, i - WINDOW - 1), min(len(words), i + WINDOW + 2)):
                if j == i:
                    continue
                if j > i and any(w in _BLOCKING for _, _, w in words[i + 1 : j]):
                    continue  # "ontwerpen van installaties voor gebouwen": no object after "voor"
                if j < i and any(w in _BLOCKING for _, _, w in words[max(0, j - 2) : j]):
                    continue  # "met zonnepanelen-ervaring plaats je ...": a phrase before the verb
                for head in _matching_heads(stems[j], heads):
                    for rule in heads[head]:
                        if rule.particle and rule.particle not in (w for _, _, w in words[i + 1 :]):
                            continue
                        if rule.nominal and (j < i + 2 or not _links_object(words, i)):
                            continue
                        missing = sum(1 for mod in rule.modifiers if mod not in stems)
                        best[(rule.head, j)].append((missing, rule, j))
            for candidates in best.values():
                least = min(c[0] for c in candidates)
                if least > 0:
                    continue
                # the most specific object wins: "bedient CNC-freesmachines" is "CNC-freesmachines bedienen", not
                # also "freesmachines bedienen"
                most = max(len(c[1].modifiers) for c in candidates if c[0] == least)
                chosen = [c for c in candidates if c[0] == least and len(c[1].modifiers) == most]
                for _, rule, j in chosen:
                    lo, hi = min(i, j), max(i, j)
                    out.append(VerbObjectHit(words[lo][0], words[hi][1], rule.uri, rule.label))
        return out


def _links_object(words: list[tuple[int, int, str]], i: int) -> bool:
    """Whether the nominalisation at ``i`` takes its object with "van"/"aan": "installatie van warmtepompen",
    "onderhoud aan cv-ketels", "(voert) onderhoud uit aan cv-ketels"."""
    following = [w for _, _, w in words[i + 1 : i + 3]]
    return bool(following) and (following[0] in ("van", "aan") or following == ["uit", "aan"])


def _nominalisations(infinitive: str) -> set[str]:
    """Nouns of a verb and their plurals (:func:`krapte.text.dutch_variants.verb_forms`): "onderhoud",
    "installatie(s)", "reparatie(s)"; never a function word or a word of three letters."""
    _, nouns = verb_forms(infinitive)
    out = set()
    for noun in nouns:
        out |= {noun, noun + ("s" if noun.endswith("e") else "en")}
    return {n for n in out if len(n) > 3} - FUNCTION_WORDS


def _coordinated(obj: list[str]) -> list[list[str]]:
    """The objects a label's coordinated modifiers stand for: "elektrische en elektronische apparatuur" is
    "elektrische apparatuur" or "elektronische apparatuur" (a text names one of them as often as both)."""
    if len(obj) == 4 and obj[1] in ("en", "of"):
        return [[obj[0], obj[3]], [obj[2], obj[3]]]
    return [obj]


@cache
def _same_action_verbs() -> dict[str, tuple[str, ...]]:
    """Infinitive → the other infinitives of its action class (:data:`krapte.extract.reading.SYNONYM_CLASSES`):
    "je plaatst warmtepompen", "sluit de omvormer aan" and "monteert zonnepanelen" all install."""
    from krapte.extract.reading import ACTION_CLASSES, SYNONYM_CLASSES

    out: dict[str, tuple[str, ...]] = {}
    for cls in SYNONYM_CLASSES:
        verbs = [w for w in ACTION_CLASSES[cls][1] if w.endswith("en") and len(w) >= 5]
        for verb in verbs:
            out[verb] = tuple(v for v in verbs if v != verb)
    return out


def _matching_heads(word_stem: str, heads: dict[str, list[_Rule]]) -> list[str]:
    """The heads of ``heads`` that ``word_stem`` is, or ends in as a compound (:func:`_head_matches`)."""
    found = [word_stem] if word_stem in heads else []
    for k in range(3, len(word_stem) - MIN_HEAD + 1):
        if word_stem[k:] in heads and _head_matches(word_stem, word_stem[k:]):
            found.append(word_stem[k:])
    return found


def _head_matches(word_stem: str, head: str) -> bool:
    if word_stem == head:
        return True
    if len(head) < MIN_HEAD or len(word_stem) - len(head) < 3 or not word_stem.endswith(head):
        return False
    # "berekeningen" is no compound of "rekeningen": an unstressed prefix makes another word of the head
    return not word_stem[: -len(head)].endswith(_PREFIXES)
