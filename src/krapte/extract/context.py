"""Where in a document a phrase stands: sentence, section, negation, boilerplate, requirement cues.

Vacancies mix what the job needs with what the company says about itself ("Wij zijn een familiebedrijf…"), what it
offers ("Wat bieden wij: een goed salaris, 27 vakantiedagen") and how to apply. Skills mentioned there are not
requirements. This module finds, cheaply and with regular expressions only:

* sentences (split on . ! ? ; and line breaks) and the section each belongs to, from short header lines such as
  "Wat bieden wij?" / "Functie-eisen" / "About us" / "Requirements";
* boilerplate sentences: offer, company blurb, application procedure, equal-opportunity statements;
* negation cues before a phrase in the same clause ("geen ervaring met lassen vereist", "no experience needed");
* requirement cues ("ervaring met", "kennis van", "experience with") that make a generic skill credible;
* CV sections (werkervaring, opleiding, vaardigheden, talen, certificaten, ambities, personalia): skills come from
  experience, skills and task sections; the ambitions section and wish sentences ("ik wil overstappen naar
  monteur warmtepompen", "mijn ambitie is ...") name *target* occupations, not skills; personal details and the
  languages section name no skills (language levels are requirements);
* organisation names ("bij Bol Logistics", "Van Dijk Installatietechniek B.V."): a label inside one is no skill.
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
_AMBITION = (
    r"ambitie|ambities|wensen|mijn doel|doelen|toekomst|wat ik zoek|wat zoek ik|waar ik naar zoek"
    r"|career goals?|ambitions?|objective|what i(?:'m| am) looking for"
)
_EXPERIENCE = r"werkervaring|ervaring|loopbaan|arbeidsverleden|work experience|experience|employment"
_SKILLS = r"vaardigheden|competenties|kennis en vaardigheden|skills|competences|expertise|vakkennis"
_EDUCATION = r"opleidingen|opleiding|scholing|cursussen|education|training|courses"
_CERTIFICATES = r"certificaten|certificeringen|diploma'?s|certificates|certifications|licenties"
_LANGUAGES = r"talen|talenkennis|languages"
_PERSONAL = r"personalia|persoonlijke gegevens|contactgegevens|personal details|hobby'?s|interesses|referenties"
SECTION_KINDS: tuple[tuple[str, str], ...] = (
    ("ambitions", _AMBITION),
    ("personal", _PERSONAL),
    ("languages", _LANGUAGES),
    ("certificates", _CERTIFICATES),
    ("skills", _SKILLS),
    ("experience", _EXPERIENCE),
    ("education", _EDUCATION),
    ("offer", _OFFER),
    ("company", _COMPANY),
    ("apply", _APPLY),
    ("requirements", _REQUIRE),
    ("tasks", _TASKS),
)
_SECTION_RES = [(kind, re.compile(rf"^\W*(?:{pattern})\b", re.IGNORECASE)) for kind, pattern in SECTION_KINDS]
BOILERPLATE_SECTIONS = frozenset({"offer", "company", "apply"})
# sections whose phrases are not skills of the person or the job (languages and certificates are requirements)
NO_SKILL_SECTIONS = frozenset({"personal", "languages"})

# A wish or ambition: what the person wants to become or learn, not what they can do.
_WISH = re.compile(
    r"\b(?:ik wil|wil ik|ik zou graag|zou ik graag|ik hoop|ik ben op zoek naar|ben ik op zoek naar|ik zoek een"
    r"|mijn (?:ambitie|doel|wens|droom|droombaan)|ambitie is|overstappen naar|overstap naar|omscholen (?:tot|naar)"
    r"|omscholing (?:tot|naar)|doorgroeien (?:tot|naar)|(?:wil|zou) (?:graag )?\w+ (?:worden|leren)"
    r"|i want to|i would like to|i hope to|my (?:ambition|goal|dream)|looking for a (?:job|role|position)"
    r"|switch to|retrain as)\b",
    re.IGNORECASE,
)
# Organisations: after "bij"/"at"/"for" a run of capitalised words, or capitalised words ending in a legal form or a
# typical company word. Matched on the original text (capitals matter).
_ORG_WORD = r"(?:[A-Z][\w&'’.-]*|van|de|der|den|het|en|&)"
_ORG_SUFFIX = (
    r"B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|Holding|Groep|Group|Logistics|Logistiek|Transport|Installatietechniek"
    r"|Installaties|Techniek|Services|Solutions|Energy|Zorggroep|Zorg|Nederland|International|Bouw|Pakketten"
)
_ORGANISATION = re.compile(
    rf"(?:\b(?:bij|at|for|voor)\s+)(?P<a>[A-Z][\w&'’.-]*(?:\s+{_ORG_WORD})*(?:\s+[A-Z][\w&'’.-]*)?)"
    rf"|(?P<b>\b[A-Z][\w&'’.-]*(?:\s+{_ORG_WORD}){{0,3}}\s+(?:{_ORG_SUFFIX})\b\.?)"
)

# Sentence-level boilerplate cues (anywhere in the sentence).
_BOILERPLATE = re.compile(
    r"\b(?:salaris|bruto|per maand|vakantiedagen|vakantiegeld|pensioen(?:regeling)?|reiskosten|leaseauto|"
    r"dertiende maand|13e maand|eindejaarsuitkering|cao\b|thuiswerkvergoeding|opleidingsbudget|"
    r"gelijke kansen|diversiteit|inclusie[fv]?|ongeacht (?:je |jouw )?(?:afkomst|geslacht|leeftijd)|"
    r"acquisitie|solliciteer|sollicitatie|reageer\b|stuur (?:je|jouw) cv|"
    r"wij zijn een|we zijn een|ons bedrijf|marktleider|familiebedrijf|medewerkers in dienst|"
    r"salary|pension|paid time off|holiday allowance|equal opportunit\w*|diversity|inclusive|regardless of|"
    r"apply now|send (?:your|us your) (?:cv|resume)|we are a|our company|market leader)",
    re.IGNORECASE,
)
# The employer's clients are a company blurb ("Wij bieden onze klanten ...") unless the sentence tells the reader
# what they do ("Je adviseert onze klanten over warmtepompen"): then it is a task.
_CLIENTS = re.compile(r"\b(?:onze klanten|our clients)\b", re.IGNORECASE)
_ADDRESSED = re.compile(r"\b(?:je|jij|u|you)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:ik|mijn|me|mij|i|my)\b", re.IGNORECASE)
# Where a wish starts inside a sentence: at a clause break followed by the person as subject ("…, en ik wil …",
# "… en mijn ambitie is …"). A break in front of a list of objects ("Lassen, solderen en boren wil ik leren") is no
# wish start: the wish then covers the whole sentence.
_WISH_BREAK = re.compile(r"[,;:]\s*|\s(?=(?:en|maar|and|but)\s)", re.IGNORECASE)
_WISH_SUBJECT = re.compile(r"\s*(?:(?:en|maar|and|but)\s+)?(?:ik|i|mijn|my)\b", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:geen|niet|zonder|hoeft niet|not|no|without|isn't|is not|aren't|never|nooit)\b", re.IGNORECASE
)
# a negation after the phrase, in the same clause: "lassen is niet vereist", "reanimatie is geen vereiste",
# "lassen kan ik niet", "hydraulica hoef je niet te kennen"
_NEGATION_AFTER = re.compile(
    r"\b(?:(?:is|zijn) (?:niet|geen) (?:vereist|nodig|noodzakelijk|verplicht|vereiste|must|eis)"
    r"|(?:kan|ken|beheers|heb|doe) ik (?:niet|nog niet|geen)|hoef je niet|hoeft niet|(?:not|never) (?:required|needed)"
    r"|niet (?:vereist|nodig|required|needed))\b",
    re.IGNORECASE,
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
    # where a wish or ambition starts ("ik wil ... worden"), None without one: from there on its phrases are
    # targets, not skills; "Ik ben monteur, en ik wil teamleider worden" still says the person is a monteur
    wish_start: int | None = None

    @property
    def wish(self) -> bool:
        """Whether the sentence holds a wish or an ambition."""
        return self.wish_start is not None

    def wished_at(self, offset: int) -> bool:
        """Whether ``offset`` (inside this sentence) lies in its wish: from where the wish starts to the end."""
        return self.wish_start is not None and offset >= self.wish_start

    @property
    def claims_end(self) -> int:
        """The end of what the sentence claims the person or the job has: the start of its wish, or its end."""
        return self.end if self.wish_start is None else self.wish_start


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
                    boiler = (
                        section in BOILERPLATE_SECTIONS
                        or section in NO_SKILL_SECTIONS
                        or bool(_BOILERPLATE.search(chunk))
                        or (bool(_CLIENTS.search(chunk)) and not _ADDRESSED.search(chunk))
                    )
                    cue = bool(_REQUIREMENT_CUE.search(chunk)) or section in ("requirements", "skills")
                    wish = pos if section == "ambitions" else _wish_start(chunk, pos)
                    self.sentences.append(Sentence(pos, end, section, boiler, cue, wish))
            pos = end
        self._starts = [s.start for s in self.sentences]
        self.organisations: list[tuple[int, int]] = [
            m.span("a") if m.group("a") else m.span("b") for m in _ORGANISATION.finditer(text)
        ]

    def in_organisation(self, start: int, end: int) -> bool:
        """Whether ``start..end`` lies inside an organisation's name ("Bol Logistics", "Zorggroep De Linde")."""
        return any(s <= start and end <= e for s, e in self.organisations)

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[i] if i >= 0 else None

    def is_wished(self, offset: int) -> bool:
        """Whether ``offset`` lies in a wish or ambition (from where the wish starts to the end of its sentence)."""
        sent = self.sentence_at(offset)
        return sent is not None and sent.wished_at(offset)

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
        return bool(_NEGATION.search(clause)) or bool(_NEGATION_AFTER.search(after_clause))


def _wish_start(chunk: str, offset: int) -> int | None:
    """The offset where the sentence ``chunk`` (at ``offset`` in the text) starts to wish, or None without a wish:
    the last clause break before the wish cue that the person opens as subject, else the sentence start."""
    cue = _WISH.search(chunk)
    if cue is None or (_ADDRESSED.search(chunk) and not _FIRST_PERSON.search(chunk)):
        return None  # "Je informeert bewoners over de overstap naar het warmtenet" is a task, not a wish
    start = 0
    for brk in _WISH_BREAK.finditer(chunk, 0, cue.start()):
        if _WISH_SUBJECT.match(chunk, brk.end()):
            start = brk.end()
    return offset + start + (len(chunk[start:]) - len(chunk[start:].lstrip()))


def _section_of_header(line: str) -> str | None:
    """The section a short header line opens, or None when the line is not a header."""
    if len(line) > 60 or line.count(" ") > 6:
        return None
    if not line.endswith((":", "?")) and line.count(" ") > 2:
        return None  # "Werkervaring bij Zorggroep De Linde" is a sentence, "Werkervaring" / "Wat bieden wij?" headers
    for kind, pattern in _SECTION_RES:
        if pattern.search(line):
            return kind
    if line.endswith((":", "?")) and len(line) < 40:
        return ""  # an unknown header resets the section
    return None
