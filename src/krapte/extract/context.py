"""Where in a document a phrase stands: sentence, section, negation, boilerplate, requirement cues.

Vacancies mix what the job needs with what the company says about itself ("Wij zijn een familiebedrijf…"), what it
offers ("Wat bieden wij: een goed salaris, 27 vakantiedagen") and how to apply. Skills mentioned there are not
requirements. This module finds, cheaply and with regular expressions only:

* sentences (split on . ! ? ; and line breaks) and the section each belongs to, from short header lines such as
  "Wat bieden wij?" / "Functie-eisen" / "About us" / "Requirements";
* boilerplate sentences: offer, company blurb, application procedure, equal-opportunity statements;
* negation cues before a phrase in the same clause ("geen ervaring met lassen vereist", "no experience needed");
* requirement cues ("ervaring met", "kennis van", "experience with") that make a generic skill credible.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Section headers: a short line (optionally ending in : or ?) that names a section.
_OFFER = (
    r"wat (?:bieden|krijg|krijgt) (?:wij|we|je|jij)|wij bieden|we bieden|ons aanbod|arbeidsvoorwaarden"
    r"|wat staat er tegenover"
    r"|what we offer|we offer|benefits|perks|compensation"
)
_COMPANY = (
    r"over ons|wie zijn wij|wie zijn we|over (?:de|het) (?:organisatie|bedrijf|werkgever)|het bedrijf|de organisatie"
    r"|onze organisatie|about us|about the company|who we are|our company"
)
_APPLY = (
    r"solliciteren|interesse|sollicitatie|reageren|procedure|contact|meer informatie|how to apply|apply|"
    r"interested|contact us"
)
_REQUIRE = (
    r"functie-?eisen|wat vragen (?:wij|we)|wat breng je mee|wie ben jij|wie zoeken (?:wij|we)|jouw profiel|profiel"
    r"|wat neem je mee|vereisten|requirements|qualifications|what you bring|who you are|your profile|skills"
)
_TASKS = (
    r"wat ga je doen|de functie|functieomschrijving|werkzaamheden|taken|jouw rol|wat je gaat doen"
    r"|responsibilities|the role|what you will do|your role|job description|duties"
)
SECTION_KINDS: tuple[tuple[str, str], ...] = (
    ("offer", _OFFER),
    ("company", _COMPANY),
    ("apply", _APPLY),
    ("requirements", _REQUIRE),
    ("tasks", _TASKS),
)
_SECTION_RES = [(kind, re.compile(rf"^\W*(?:{pattern})\b", re.IGNORECASE)) for kind, pattern in SECTION_KINDS]
BOILERPLATE_SECTIONS = frozenset({"offer", "company", "apply"})

# Sentence-level boilerplate cues (anywhere in the sentence).
_BOILERPLATE = re.compile(
    r"\b(?:salaris|bruto|per maand|vakantiedagen|vakantiegeld|pensioen(?:regeling)?|reiskosten|leaseauto|"
    r"dertiende maand|13e maand|eindejaarsuitkering|cao\b|thuiswerkvergoeding|opleidingsbudget|"
    r"gelijke kansen|diversiteit|inclusie[fv]?|ongeacht (?:je |jouw )?(?:afkomst|geslacht|leeftijd)|"
    r"acquisitie|solliciteer|sollicitatie|reageer|stuur (?:je|jouw) cv|"
    r"wij zijn een|we zijn een|ons bedrijf|onze klanten|marktleider|familiebedrijf|medewerkers in dienst|"
    r"salary|pension|paid time off|holiday allowance|equal opportunit\w*|diversity|inclusive|regardless of|"
    r"apply now|send (?:your|us your) (?:cv|resume)|we are a|our company|our clients|market leader)",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:geen|niet|zonder|hoeft niet|not|no|without|isn't|is not|aren't|never|nooit)\b", re.IGNORECASE
)
_REQUIREMENT_CUE = re.compile(
    r"\b(?:ervaring|kennis|vaardig\w*|beheers\w*|bekend met|affiniteit|je kunt|kun je|in staat|diploma|opleiding|"
    r"certifica\w*|vereist|gewenst|pr[ée]|must|experience|knowledge|proficien\w*|familiar|skilled|ability|"
    r"able to|required|preferred|degree|expert\w*|understanding)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()]| maar | but | en | and ", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]\s+|\n+|\s[•·▪\-\*]\s")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: str  # "offer", "company", "apply", "requirements", "tasks" or "" (unknown)
    boilerplate: bool
    requirement_cue: bool


class DocumentContext:
    """Sentences and sections of one text, with look-ups by character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: list[Sentence] = []
        section = ""
        pos = 0
        bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
        for end in [*bounds, len(text)]:
            if end <= pos:
                continue
            chunk = text[pos:end]
            stripped = chunk.strip()
            if stripped:
                header = _section_of_header(stripped)
                if header is not None:
                    section = header
                    self.sentences.append(Sentence(pos, end, section, section in BOILERPLATE_SECTIONS, False))
                else:
                    boiler = section in BOILERPLATE_SECTIONS or bool(_BOILERPLATE.search(chunk))
                    cue = bool(_REQUIREMENT_CUE.search(chunk)) or section in ("requirements",)
                    self.sentences.append(Sentence(pos, end, section, boiler, cue))
            pos = end
        self._starts = [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[i] if i >= 0 else None

    def is_negated(self, start: int) -> bool:
        """Whether a negation cue precedes ``start`` in the same clause of the same sentence."""
        sent = self.sentence_at(start)
        if sent is None:
            return False
        before = self.text[sent.start : start]
        clause_start = 0
        for m in _CLAUSE_BREAK.finditer(before):
            clause_start = m.end()
        clause = before[clause_start:]
        # "geen ervaring met lassen vereist" / "lassen is niet vereist": look behind and a little ahead
        after = self.text[start : sent.end]
        after_clause = _CLAUSE_BREAK.split(after, maxsplit=1)[0]
        return bool(_NEGATION.search(clause)) or bool(
            re.search(r"\b(?:niet|not) (?:vereist|nodig|required|needed)\b", after_clause, re.I)
        )


def _section_of_header(line: str) -> str | None:
    """The section a short header line opens, or None when the line is not a header."""
    if len(line) > 60 or line.count(" ") > 6:
        return None
    for kind, pattern in _SECTION_RES:
        if pattern.search(line):
            return kind
    if line.endswith((":", "?")) and len(line) < 40:
        return ""  # an unknown header resets the section
    return None
