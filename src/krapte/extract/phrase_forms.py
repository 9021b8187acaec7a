"""A Dutch phrase in the form of ESCO's Dutch skill labels: object first, infinitive last.

ESCO's Dutch labels read "warmtepompen installeren", "elektrische schema's interpreteren"; a vacancy or CV writes the
same act as a finite verb before its object ("je installeert warmtepompen", "vervangt defecte onderdelen"), a
participle after it ("PEX-leidingen aangesloten"), or a nominalised verb with "van"/"aan" ("het aansluiten van
omvormers", "onderhoud van bestaande pv-installaties"). :meth:`LabelForms.of` rewrites such a phrase into the label
form ("warmtepompen installeren", "pex-leidingen aansluiten", "omvormers aansluiten", "bestaande pv-installaties
onderhouden"); the cross-lingual stage embeds it next to the phrase as written (``docs/extract.md``, *Cross-lingual
candidates*).

The verbs are those of ESCO's Dutch labels (``infinitives``: finite form or participle → infinitive, as the skill
tables hold them) and their nouns (:func:`nominal_verbs`: "onderhoud" → onderhouden, "installatie" → installeren); a
clause with a subject pronoun goes through :func:`krapte.extract.reading.label_order`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from krapte.extract.reading import PREPOSITIONS, label_order
from krapte.extract.verb_object import verb_forms_of
from krapte.extract.words import SUBJECT_PRONOUNS
from krapte.text.dutch_variants import SEPARABLE_PREFIXES, verb_forms
from krapte.text.normalize import label_key
from krapte.text.words import FUNCTION_WORDS

__all__ = ["LabelForms", "nominal_verbs"]

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LINKS = frozenset(["van", "aan"])  # "installatie van warmtepompen", "onderhoud aan cv-ketels"
# a preposition or "en"/"of" ends the object: "storingen verhelpen in het laagspanningsnet" → "storingen verhelpen"
_STOP = PREPOSITIONS | {"en", "of"}
MAX_OBJECT = 4  # object words kept; a longer run is no single object


def _words(phrase: str) -> list[str]:
    """The phrase's words, folded like the label keys, hyphens kept ("PEX-leidingen" → "pex-leidingen")."""
    return ["-".join(label_key(w).split()) for w in _WORD.findall(phrase)]


def _object(words: Iterable[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word in _STOP:
            break
        if word not in FUNCTION_WORDS and not word.isdigit():
            out.append(word)
    return out


def nominal_verbs(infinitives: Iterable[str]) -> dict[str, str]:
    """Noun → infinitive for the nouns of ``infinitives`` (:func:`krapte.text.dutch_variants.verb_forms`: "onderhoud"
    → onderhouden, "installatie" → installeren), nouns of four letters or more that are no function word."""
    out: dict[str, str] = {}
    for verb in sorted(set(infinitives), reverse=True):
        for noun in verb_forms(verb)[1]:
            if len(noun) > 3 and noun not in FUNCTION_WORDS:
                out.setdefault(noun, verb)
    return out


class LabelForms:
    """Rewrites phrases into the label form (:meth:`of`) with the verbs of ESCO's Dutch labels: ``infinitives`` maps
    each finite form and participle (and the infinitive itself) to the infinitive."""

    def __init__(self, infinitives: dict[str, str], labels: Iterable[str] = ()) -> None:
        known = dict(infinitives)
        # the verbs of more Dutch labels (the machine-derived ones: "aansluiten", "uitlezen" end none of ESCO's)
        for label in labels:
            words = label_key(label).split()
            if len(words) >= 2 and words[-1].endswith("en") and len(words[-1]) >= 5 and words[-1] not in known:
                for form in verb_forms_of(words[-1]):
                    known.setdefault(form, words[-1])
        self.infinitives = known
        self.verbs = frozenset(known.values())
        self.nouns = nominal_verbs(self.verbs)

    def of(self, phrase: str) -> str | None:
        """``phrase`` in the order of ESCO's Dutch labels, or None when it has no label verb with an object, or
        already reads like a label.

        * a subject pronoun: :func:`krapte.extract.reading.label_order` ("sluit je de omvormer aan" → "omvormer
          aansluiten");
        * a finite verb first ("installeert warmtepompen") → "warmtepompen installeren";
        * a verb or its noun first, with "van"/"aan" ("aansluiten van omvormers", "onderhoud van bestaande
          pv-installaties") → "omvormers aansluiten", "bestaande pv-installaties onderhouden";
        * a participle after its object ("warmtemeters uitgelezen") → "warmtemeters uitlezen".
        """
        words = [w for w in _words(phrase) if w]
        if len(words) < 2:
            return None
        known, verbs = self.infinitives, self.verbs
        form: str | None = None
        if any(w in SUBJECT_PRONOUNS for w in words):
            form = label_order(words, known)
        elif words[0] in known and words[0] not in verbs and words[1] not in _LINKS:
            form = label_order(["je", *words], known)
        else:
            head = 1 if words[0] in ("het", "de") else 0
            verb = words[head] if words[head] in verbs else self.nouns.get(words[head]) or _infinitive(words[head])
            if verb is not None and head + 1 < len(words) and words[head + 1] in _LINKS:
                obj = _object(words[head + 2 :])
                form = " ".join([*obj, verb]) if 0 < len(obj) <= MAX_OBJECT else None
            else:
                at = next((i for i in range(1, len(words)) if self._participle(words[i])), None)
                if at is not None:
                    before = words[:at]
                    cut = max((i + 1 for i, w in enumerate(before) if w in _STOP), default=0)
                    obj = _object(before[cut:])
                    verb = self._participle(words[at])
                    form = " ".join([*obj, verb]) if verb and 0 < len(obj) <= MAX_OBJECT else None
        if form is None or form == " ".join(words):
            return None
        return form

    def _participle(self, word: str) -> str | None:
        """The infinitive of a participle ("aangesloten" via the known forms, "uitgelezen" → uitlezen, "ingeregeld"
        → inregelen, "geplaatst" → plaatsen), or None."""
        known = self.infinitives.get(word)
        if known is not None:
            return known if known != word and word.startswith(_PARTICIPLE_STARTS) else None
        for prefix in ("", *SEPARABLE_PREFIXES):
            if word.startswith(prefix + "ge") and len(word) >= len(prefix) + 6:
                body = word[len(prefix) + 2 :]
                if body.endswith("en"):
                    return prefix + body
                if body.endswith(("d", "t")):
                    stem = body[:-1]
                    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou" and stem[-1] not in "aeiou":
                        stem = stem[:-2] + stem[-1]  # "monteer" → "monter": the vowel is long in "monteren"
                    return prefix + stem + "en"
        return None


_PARTICIPLE_STARTS = ("ge", *(p + "ge" for p in SEPARABLE_PREFIXES))


def _infinitive(word: str) -> str | None:
    """A word that reads as a nominalised infinitive before "van"/"aan" ("aansluiten van omvormers")."""
    return word if word.endswith("en") and len(word) >= 6 and word not in FUNCTION_WORDS else None
