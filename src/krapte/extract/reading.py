"""Language-aware reading: which English labels a Dutch text can use, and what a wish names.

Dutch vacancies and CVs use English for names of software, standards and methods ("SAP", "Python", "AutoCAD",
"Scrum"), not for ordinary words: "die" in "een monteur die ..." is a pronoun, not the English skill "dies", and
"Logistics" in "Bol Logistics" is part of a name. So in a Dutch text an English label counts only when it is a
*name used in Dutch*:

* it contains a name token: written with a capital, a digit, ``+`` or ``#`` in ESCO ("Python", "SAP R3", "C++");
  a name token that is also an ordinary Dutch word ("Rage") must be an acronym (two or more capitals: "SQL") of a
  preferred label ("ICT", an alternative label of in-circuit testing, is not the Dutch "ICT");
* every other word of it is a Dutch word or a function word (the Dutch vocabulary is taken from the Dutch labels
  and descriptions of the taxonomy itself: "Python computer" passes, "writing Serbian" does not);
* or the same key is also a Dutch label of some concept ("SQL", "marketing" where ESCO's Dutch label is English).

The curated Dutch lexicon (``krapte/data/extract-nl-lexicon``) adds terms as Dutch labels, so they always count.
"""

from __future__ import annotations

import re
from typing import Any

from krapte.text.normalize import label_key
from krapte.text.words import FUNCTION_WORDS

__all__ = ["dutch_vocabulary", "english_terms_used_in_dutch", "wish_object"]

_TOKEN = re.compile(r"[\w+#.]+")
_NAME = re.compile(r"[A-Z]|\d|\+|#")
_ACRONYM = re.compile(r"[A-Z].*[A-Z]")


def _concepts(taxonomy: Any) -> list[Any]:
    out: list[Any] = [*taxonomy.skills.values(), *taxonomy.occupations.values()]
    out += list(getattr(taxonomy, "skill_groups", {}).values())
    return out


def dutch_vocabulary(taxonomy: Any) -> tuple[frozenset[str], frozenset[str]]:
    """(words, label keys) of the taxonomy's Dutch labels and descriptions, folded."""
    words: set[str] = set()
    keys: set[str] = set()
    for concept in _concepts(taxonomy):
        for label in concept.all_labels("nl"):
            key = label_key(label)
            keys.add(key)
            words.update(key.split())
        words.update(label_key(concept.descriptions.get("nl", "")).split())
    return frozenset(words), frozenset(keys)


def english_terms_used_in_dutch(taxonomy: Any) -> frozenset[str]:
    """Keys of the English skill labels that may match a Dutch text (see the module docstring)."""
    words, dutch_keys = dutch_vocabulary(taxonomy)
    allowed: set[str] = set()
    for skill in taxonomy.skills.values():
        preferred = skill.labels.get("en", "")
        for label in skill.all_labels("en"):
            key = label_key(label)
            if key in dutch_keys:
                allowed.add(key)
                continue
            toks = _TOKEN.findall(label)
            names = [t for t in toks if _NAME.search(t)]
            if not names or (len(toks) == 1 and len(key) < 3):
                continue
            if any(label_key(t) in words and not _ACRONYM.search(t) for t in names):
                continue
            if label != preferred and any(label_key(t) in words for t in names):
                continue  # an alternative label that is a Dutch word: "ICT" (in-circuit test) is not Dutch "ICT"
            if all(label_key(t) in words or label_key(t) in FUNCTION_WORDS for t in toks if t not in names):
                allowed.add(key)
    return frozenset(allowed)


_ARTICLE = r"\s*(?:een |a |an |de |het )?(?P<what>[^.,;:!?]+)"
_WISH_OBJECTS = (
    re.compile(
        r"(?:overstappen naar|overstap naar|omscholen tot|omscholen naar|omscholing tot|doorgroeien tot"
        r"|doorgroeien naar|baan als|functie als|werk als|job as|role as|position as|retrain as|switch to"
        r"|ambitie is om|doel is om|want to become|like to become)" + _ARTICLE,
        re.IGNORECASE,
    ),
    re.compile(r"(?:wil (?:graag )?(?:ik )?|zou (?:ik )?graag )" + _ARTICLE, re.IGNORECASE),
)
_TRAILING = re.compile(r"\s+(?:te )?(?:worden|leren|werken|zijn|become|be)\s*$", re.IGNORECASE)


def wish_object(sentence: str) -> str | None:
    """What a wish sentence names: ``"Ik wil overstappen naar monteur warmtepompen."`` → ``"monteur warmtepompen"``."""
    for pattern in _WISH_OBJECTS:
        match = pattern.search(sentence)
        if match is None:
            continue
        what = _TRAILING.sub("", match.group("what").strip())
        what = re.sub(r"^(?:om |tot |naar |als |me |mij |graag )+", "", what, flags=re.IGNORECASE).strip()
        if what and not all(w in FUNCTION_WORDS for w in label_key(what).split()):
            return what
        return None
    return None
