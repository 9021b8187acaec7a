"""Structured requirements that Dutch (and English) vacancies state outside ESCO.

:func:`extract_requirements` finds, with the evidence span of each:

- certificates (:mod:`krapte.extract.certificates`: VCA, NEN 3140, NEN 1010, BEI, F-gassen, EPA, ...),
- driving licences (rijbewijs B, BE, C, CE, C1, ...),
- education level (vmbo, havo, vwo, mbo 1-4, Associate degree, hbo, wo, master, PhD) with its NLQF level,
- hours per week (``32-40 uur``, ``fulltime``, ``parttime mogelijk``),
- language levels (``Nederlands B1``, ``Engels``, ``NT2``, ``taalniveau 2F``, ``moedertaal``).

Mentions marked as optional ("is een pré", "bereid te halen", "nice to have") carry ``required: False``;
negated ones ("geen rijbewijs nodig") are dropped. Evidence offsets are character offsets into ``text``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from krapte.extract.certificates import CERTIFICATES


@dataclass(frozen=True)
class Evidence:
    """Where a requirement was found: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Certificate:
    id: str
    name: str
    category: str
    variant: str | None
    required: bool
    evidence: Evidence


@dataclass(frozen=True)
class DrivingLicence:
    category: str  # "B", "BE", "C", "CE", "C1", ... or "unspecified"
    required: bool
    evidence: Evidence


@dataclass(frozen=True)
class EducationMention:
    level: str  # "vmbo", "havo", "vwo", "mbo", "ad", "hbo", "wo", "bachelor", "master", "phd"
    mbo_level: int | None
    nlqf: int
    evidence: Evidence


@dataclass(frozen=True)
class Education:
    """The lowest level a text mentions (a vacancy's entry requirement) and every mention (for a CV, the highest)."""

    level: str
    mbo_level: int | None
    nlqf: int
    max_nlqf: int
    evidence: Evidence
    mentions: tuple[EducationMention, ...]


@dataclass(frozen=True)
class Hours:
    min: float | None
    max: float | None
    part_time: bool
    full_time: bool
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class LanguageLevel:
    language: str  # ISO 639-1
    level: str | None  # CEFR "A1".."C2", "native", or None when only "good command" is asked
    nt2: bool
    evidence: Evidence
    # the words a CV uses instead of a CEFR level, as stated: "basic", "fair" (redelijk), "good", "fluent", "native"
    rating: str | None = None


@dataclass(frozen=True)
class Requirements:
    certificates: tuple[Certificate, ...] = ()
    driving_licences: tuple[DrivingLicence, ...] = ()
    education: Education | None = None
    hours: Hours | None = None
    language_levels: tuple[LanguageLevel, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: lists, not tuples."""
        return _lists(asdict(self))

    @property
    def empty(self) -> bool:
        return not (self.certificates or self.driving_licences or self.education or self.hours or self.language_levels)


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


# --- qualifiers: optional / negated ----------------------------------------------------------------------------

_OPTIONAL_AFTER = re.compile(
    r"\b(?:is\s+een\s+pr[ée]|een\s+pr[ée]|pr[ée]\b|pluspunt|is\s+een\s+plus|strekt\s+tot\s+aanbeveling|wenselijk|"
    r"gewenst|bereid\s+(?:om\s+)?(?:\w+\s+){0,3}te\s+halen|kun\s+je\s+bij\s+ons\s+halen|halen\s+we\s+samen|"
    r"nice\s+to\s+have|(?:is|are)\s+a\s+plus|preferred|an\s+advantage|optioneel)",
    re.IGNORECASE,
)
_OPTIONAL_BEFORE = re.compile(
    r"\b(?:bij\s+voorkeur|liefst|eventueel|pr[ée]:?|pluspunten?:?|nice\s+to\s+have:?|preferably|ideally|"
    r"of\s+bereid|bereid\s+(?:om\s+)?(?:\w+\s+){0,2})\s*[^.;\n]{0,40}$",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(r"\b(?:geen|zonder|no|without|not)\b[^.;,\n]{0,25}$", re.IGNORECASE)
_NEGATED_AFTER = re.compile(
    r"^[^.;\n]{0,40}?\b(?:niet\s+(?:vereist|nodig|verplicht|noodzakelijk)|not\s+(?:required|needed|necessary))",
    re.IGNORECASE,
)


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after a match within its line (bullets and sentences are lines or end in '.')."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:start]
    sentence_start = max(before.rfind(". "), before.rfind("; "))
    if sentence_start >= 0:
        before = before[sentence_start + 2 :]
    after = text[end:line_end]
    return before, after


def _qualify(text: str, start: int, end: int) -> bool | None:
    """``True`` required, ``False`` optional, ``None`` negated (not asked at all)."""
    before, after = _clause(text, start, end)
    if _NEGATED_BEFORE.search(before) or _NEGATED_AFTER.search(after):
        if not re.search(r"(?i)\b(?:geen|no)\b[^.;\n]{0,25}\?", before + text[start:end] + after[:30]):
            return None
        return False  # "Geen VCA? Die halen we samen." asks for nothing up front
    after_sentence = re.split(r"(?<=[.;])\s", after, maxsplit=1)[0]
    return not (_OPTIONAL_AFTER.search(after_sentence) or _OPTIONAL_BEFORE.search(before))


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(start, end, text[start:end])


# --- certificates ----------------------------------------------------------------------------------------------


def _certificates(text: str) -> list[Certificate]:
    found: dict[tuple[str, str | None], Certificate] = {}
    taken: list[tuple[int, int]] = []
    for spec in CERTIFICATES:
        for match in spec.regex.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            required = _qualify(text, start, end)
            if required is None:
                continue
            variant, end = _variant(text, start, end, spec.variants)
            key = (spec.id, variant)
            taken.append((start, end))
            if key in found:
                if required and not found[key].required:
                    found[key] = Certificate(spec.id, spec.name, spec.category, variant, True, found[key].evidence)
                continue
            found[key] = Certificate(spec.id, spec.name, spec.category, variant, required, _evidence(text, start, end))
    # A certificate named once with a variant and once without: keep the specific one.
    specific = {cid for cid, variant in found if variant}
    kept = [c for (cid, variant), c in found.items() if variant or cid not in specific]
    return sorted(kept, key=lambda c: c.evidence.start)


def _variant(text: str, start: int, end: int, variants: tuple[tuple[str, str], ...]) -> tuple[str | None, int]:
    """The variant named next to a certificate ("VCA VOL", "NEN 3140 (VP)"), and where the evidence ends."""
    if not variants:
        return None, end
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start]
    before = re.split(r"[,;.]", before)[-1]
    after = re.split(r"[,;\n]|\s(?:en|and|of|or)\s(?!VOL|basis)", text[end : end + 30])[0]
    window = before + text[start:end] + after
    hits = [(m.start(), m.end(), vid) for vid, rx in variants for m in [re.search(rx, window, re.IGNORECASE)] if m]
    if not hits:
        return None, end
    _, hit_end, variant = min(hits)
    covered = start - len(before) + hit_end
    if covered > end:
        closing = text[covered : covered + 1]
        end = covered + (1 if closing == ")" and "(" in text[end:covered] else 0)
    return variant, end


# --- driving licences ------------------------------------------------------------------------------------------

_CATEGORY = r"(?:AM|A1|A2|C1E|C1|D1E|D1|BE|CE|DE|[ABCDT])"
_LICENCE_AFTER = re.compile(
    r"\b(?:rijbewijs(?:sen)?|driving\s+licen[cs]e|driver'?s\s+licen[cs]e)(?:\s*(?:categorie|category|type))?"
    rf"(?:\s*[:(-]?\s*(?P<cats>{_CATEGORY}(?:\s*\(?E\)?)?(?:\s*(?:,|/|\+|&|\ben\b|\bof\b|\band\b|\bor\b)\s*"
    rf"{_CATEGORY}(?:\s*\(E\))?)*)(?![\w])\)?)?",
    re.IGNORECASE,
)
_LICENCE_BEFORE = re.compile(
    rf"\b(?P<cats>{_CATEGORY}(?:\s*(?:,|/|\+|&|\ben\b|\bof\b)\s*{_CATEGORY})*)[- ]rijbewijs\b",
)


def _licence_categories(raw: str) -> list[str]:
    cats: list[str] = []
    for token in re.findall(rf"{_CATEGORY}(?:\s*\(E\))?", raw):
        token = token.replace(" ", "")
        if token.endswith("(E)"):
            base = token[:-3]
            cats.extend([base, base + "E"])
        else:
            cats.append(token)
    return cats


def _driving_licences(text: str) -> list[DrivingLicence]:
    found: dict[str, DrivingLicence] = {}
    for rx in (_LICENCE_BEFORE, _LICENCE_AFTER):
        for match in rx.finditer(text):
            raw = match.group("cats")
            cats = _licence_categories(raw) if raw and raw[0].isupper() else []
            if not cats:
                cats = ["unspecified"]
            required = _qualify(text, match.start(), match.end())
            if required is None:
                continue
            for cat in cats:
                if cat not in found or (required and not found[cat].required):
                    found[cat] = DrivingLicence(cat, required, _evidence(text, match.start(), match.end()))
    if len(found) > 1:
        found.pop("unspecified", None)
    return sorted(found.values(), key=lambda d: (d.evidence.start, d.category))


# --- education -------------------------------------------------------------------------------------------------

# NLQF levels per the Dutch qualifications framework (nlqf.nl); mbo 1 is the Entree level.
NLQF = {"vmbo": 2, "havo": 4, "vwo": 4, "ad": 5, "hbo": 6, "bachelor": 6, "wo": 7, "master": 7, "phd": 8}
MBO_NLQF = {1: 1, 2: 2, 3: 3, 4: 4}

_MBO = re.compile(
    r"\b(?:mbo|m\.b\.o\.)(?:[- ]?(?:opleiding|diploma|werk-?\s+en\s+denkniveau))?(?:\s*[-/]?\s*(?:op\s+)?"
    r"(?:niveau|level|nivo)?\s*[-:]?\s*(?P<lvl>[1-4])(?:\s*(?:of|en|/|-|tot|or|and)\s*(?P<lvl2>[1-4]))?)?\b"
    r"|\b(?:niveau|level)\s*(?P<lvl3>[1-4])\s+(?:mbo|opleiding)\b",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"\b(?P<vmbo>vmbo|mavo)\b|\b(?P<havo>havo)\b|\b(?P<vwo>vwo|gymnasium|atheneum)\b"
    r"|\b(?P<ad>associate\s+degree)\b"
    r"|\b(?P<hbo>hbo|h\.b\.o\.|hogeschool|HBO-bachelor|university\s+of\s+applied\s+sciences)\b"
    r"|\b(?P<wo>wo|w\.o\.|universit(?:air|eit)|academisch(?:e)?\s+(?:niveau|opleiding|werk)|university\s+degree)\b"
    r"|\b(?P<phd>phd|ph\.d\.|promotie|gepromoveerd|doctorate)\b"
    r"|\b(?P<master>master(?:'?s)?(?:\s+degree|diploma|opleiding)?|msc|m\.sc\.)\b"
    r"|\b(?P<bachelor>bachelor(?:'?s)?(?:\s+degree|diploma|opleiding)?|bsc|b\.sc\.)\b",
    re.IGNORECASE,
)


def _education(text: str) -> Education | None:
    mentions: list[EducationMention] = []
    taken: list[tuple[int, int]] = []
    for match in _MBO.finditer(text):
        if _qualify(text, match.start(), match.end()) is None:
            continue
        raw = match.group("lvl") or match.group("lvl3")
        level = int(raw) if raw else None
        nlqf = MBO_NLQF[level] if level else 2  # "mbo" without a level: at least a starting qualification (mbo 2)
        mentions.append(EducationMention("mbo", level, nlqf, _evidence(text, *match.span())))
        taken.append(match.span())
    for match in _OTHER.finditer(text):
        if any(s <= match.start() < e for s, e in taken) or _qualify(text, match.start(), match.end()) is None:
            continue
        kind = match.lastgroup or ""
        surface = match.group(0)
        if kind == "wo" and surface.lower() in ("wo", "w.o.") and not _is_education_wo(text, match):
            continue
        if kind == "master" and re.match(r"(?i)scrum|master\s*data", text[match.start() : match.start() + 12]):
            continue
        nlqf = NLQF[kind]
        if kind == "hbo" and re.search(r"(?i)master", text[match.end() : match.end() + 12]):
            nlqf = 7
        mentions.append(EducationMention(kind, None, nlqf, _evidence(text, *match.span())))
    if not mentions:
        return None
    mentions.sort(key=lambda m: m.evidence.start)
    lowest = min(mentions, key=lambda m: (m.nlqf, m.evidence.start))
    return Education(
        level=lowest.level,
        mbo_level=lowest.mbo_level,
        nlqf=lowest.nlqf,
        max_nlqf=max(m.nlqf for m in mentions),
        evidence=lowest.evidence,
        mentions=tuple(mentions),
    )


def _is_education_wo(text: str, match: re.Match[str]) -> bool:
    """ "WO" in capitals, or "wo" next to an education word (lower-case "wo" is rare in Dutch otherwise)."""
    context = text[max(0, match.start() - 20) : match.end() + 25].lower()
    return match.group(0) in ("WO", "W.O.", "Wo") or bool(
        re.search(r"hbo|niveau|opleiding|diploma|master|bachelor|afgeronde|denkniveau", context)
    )


# --- hours -----------------------------------------------------------------------------------------------------

_NUM = r"(\d{1,2}(?:[.,]\d)?)"
_HOURS = re.compile(
    rf"(?:(?:minimaal|minimum|min\.?|maximaal|maximum|max\.?|tot|up\s+to|at\s+least)\s+)?{_NUM}"
    rf"(?:\s*(?:-|–|tot(?:\s+en\s+met)?|t/m|à|a|to|or|of)\s*{_NUM})?\s*"
    r"(?:uur|uren|u\.?|hours?|hrs|-urige?)(?=\W|$)(?P<tail>[^\n.;]{0,20})",
    re.IGNORECASE,
)
_PER_OTHER = re.compile(r"^\s*(?:per|p\.|a|in\s+de)\s*(?:dag|day|maand|month|jaar|year|kwartaal)", re.IGNORECASE)
_PART_TIME = re.compile(r"\b(?:part[- ]?time|deeltijd|parttimer?)\b", re.IGNORECASE)
_FULL_TIME = re.compile(r"\b(?:full[- ]?time|voltijd|fulltimer)\b", re.IGNORECASE)
_FTE = re.compile(rf"{_NUM}(?:\s*(?:-|–|tot|à)\s*{_NUM})?\s*fte\b", re.IGNORECASE)
FULL_TIME_HOURS = 36.0  # most Dutch CAOs put a full week at 36-40 hours; 40 is used to turn fte into hours


def _num(raw: str | None) -> float | None:
    return float(raw.replace(",", ".")) if raw else None


def _hours(text: str) -> Hours | None:
    low: float | None = None
    high: float | None = None
    evidence: list[Evidence] = []
    for match in _HOURS.finditer(text):
        a, b = _num(match.group(1)), _num(match.group(2))
        if a is None or _PER_OTHER.match(match.group("tail")):
            continue
        before = text[max(0, match.start() - 12) : match.start()].lower()
        if re.search(r"(?:binnen|within|24/|na|after)\s*$", before) or a > 60 or (b is not None and b > 60):
            continue
        if b is not None and b < a:
            continue
        head = match.group(0)[: match.end() - match.start() - len(match.group("tail"))]
        lead = head.lower()
        lo: float | None = a
        hi: float | None = b if b is not None else a
        if lead.startswith(("minimaal", "minimum", "min", "at least")):
            hi = None
        elif lead.startswith(("maximaal", "maximum", "max", "tot", "up to")) and b is None:
            lo = None
        if lo is not None and lo < 4:
            continue
        evidence.append(_evidence(text, match.start(), match.start() + len(head)))
        low = lo if low is None or (lo is not None and lo < low) else low
        high = hi if high is None or (hi is not None and hi > high) else high
        break  # the first statement of hours is the one that counts; later ones repeat it or talk of overtime
    if low is None and high is None:
        for match in _FTE.finditer(text):
            a, b = _num(match.group(1)), _num(match.group(2))
            if a is not None and a <= 1.2:
                low, high = a * 40, (b if b is not None else a) * 40
                evidence.append(_evidence(text, *match.span()))
                break
    part = [m for m in _PART_TIME.finditer(text) if _qualify(text, m.start(), m.end()) is not None]
    full = [m for m in _FULL_TIME.finditer(text) if _qualify(text, m.start(), m.end()) is not None]
    evidence += [_evidence(text, *m.span()) for m in (part[:1] + full[:1])]
    if not evidence:
        return None
    part_time = (
        bool(part) or (low is not None and low < FULL_TIME_HOURS) or (high is not None and high < FULL_TIME_HOURS)
    )
    full_time = bool(full) or (high is not None and high >= FULL_TIME_HOURS)
    return Hours(low, high, part_time, full_time, tuple(sorted(evidence, key=lambda e: e.start)))


# --- language levels -------------------------------------------------------------------------------------------

LANGUAGES = {
    "nl": r"nederlands(?:e\s+taal)?|dutch",
    "en": r"engels(?:e\s+taal)?|english",
    "de": r"duits(?:e\s+taal)?|german",
    "fr": r"frans(?:e\s+taal)?|french",
    "pl": r"pools(?:e\s+taal)?|polish",
    "es": r"spaans(?:e\s+taal)?|spanish",
    "tr": r"turks(?:e\s+taal)?|turkish",
    "ar": r"arabisch(?:e\s+taal)?|arabic",
}
_LANGUAGE = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in LANGUAGES.items()) + r")\b", re.IGNORECASE)
_CEFR = re.compile(r"\b([ABC][12])\b(?:\s*[/-]\s*([ABC][12])\b)?")
_REF_LEVEL = re.compile(r"\b([1-4])F\b")
REF_TO_CEFR = {"1": "A2", "2": "B1", "3": "B2", "4": "C1"}  # Referentiekader taal, as used for NT2 (rijksoverheid)
_NATIVE = re.compile(r"\b(?:moedertaal|native|moedertaalspreker|mother\s+tongue)\b", re.IGNORECASE)
_LANGUAGE_CONTEXT = re.compile(
    r"\b(?:spreek|spreekt|schrijf|schrijft|beheers|beheersing|taal|vloeiend|fluent|fluency|proficien|kennis|"
    r"mondeling|schriftelijk|niveau|level|written|spoken|communicat|goed|uitstekende?|perfect|speak|taalvaardig)",
    re.IGNORECASE,
)
_NT2 = re.compile(r"\bNT2\b")
# Dutch and English self-ratings in CVs ("Engels: redelijk", "Duits: basis"); kept as words, not turned into CEFR
# levels (a self-rating is not a tested level). "moedertaal" is also the level "native".
RATINGS: tuple[tuple[str, str], ...] = (
    ("native", r"moedertaal|native|moedertaalspreker|mother\s+tongue"),
    ("fluent", r"vloeiend|uitstekend|zeer goed|fluent|excellent|near[- ]native"),
    ("good", r"goed|good"),
    ("fair", r"redelijk|voldoende|gemiddeld|fair|reasonable|intermediate"),
    ("basic", r"basis|basiskennis|beginner|matig|elementair|basic|elementary"),
)
_RATING = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in RATINGS) + r")\b", re.IGNORECASE)


def _own(after: str) -> str:
    """The part of the text after a language that still belongs to it (up to "en"/"and" or the next item)."""
    return re.split(r"\b(?:en|and)\b|[,;]", after, maxsplit=1)[0]


def _rating(after: str, before: str) -> str | None:
    """The self-rating of a language: right after it ("Engels: redelijk"), else before it ("vloeiend Engels")."""
    found = _RATING.search(_own(after)[:25])
    if found is None:
        found = _RATING.search(before[-18:])
    return found.lastgroup if found else None


def _language_levels(text: str) -> list[LanguageLevel]:
    found: dict[str, LanguageLevel] = {}
    for match in _LANGUAGE.finditer(text):
        language = match.lastgroup or ""
        start, end = match.span()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        after = re.split(r"[;]|,\s*(?=[A-Z])|\.\s", text[end : min(line_end, end + 45)])[0]
        before = text[max(line_start, start - 40) : start]
        # only this item of a list: "Nederlands moedertaal, Engels: redelijk" gives Engels nothing of "moedertaal"
        item_before = re.split(r"[;,•·|/]|\s-\s|\ben\b|\band\b", before)[-1]
        level: str | None = None
        cefr_after = _CEFR.search(after)
        cefr = cefr_after or _CEFR.search(before[-15:])
        ref = _REF_LEVEL.search(after)
        if cefr:
            level = cefr.group(1)
            stop = end + cefr_after.end() if cefr_after else end
        elif ref:
            level = REF_TO_CEFR[ref.group(1)]
            stop = end + ref.end()
        elif _NATIVE.search(_own(after)) or _NATIVE.search(item_before[-20:]):
            level = "native"
            native = _NATIVE.search(after)
            stop = end + native.end() if native else end
        elif language == "nl" and match.group(0).lower() == "nederlandse" and "taal" not in match.group(0).lower():
            continue
        elif _LANGUAGE_CONTEXT.search(before[-30:] + " " + after[:30]) or _rating(after, item_before):
            stop = end
        else:
            continue
        if (
            language == "nl"
            and re.match(r"(?i)nederlandse?\s*$", match.group(0))
            and not (level or re.search(r"(?i)taal|spre|schrij|beheers|vloeiend", before[-30:] + after[:30]))
        ):
            continue
        if _qualify(text, start, end) is None:
            continue
        nt2 = language == "nl" and bool(_NT2.search(text[line_start:line_end]))
        rating = _rating(after, item_before)
        if rating is not None and level is None and not (cefr or ref):
            level = "native" if rating == "native" else None
        if rating is not None:
            found_rating = _RATING.search(_own(after)[:25])
            if found_rating is not None:
                stop = max(stop, end + found_rating.end())
        entry = LanguageLevel(language, level, nt2, _evidence(text, start, max(stop, end)), rating)
        if language not in found or (level and not found[language].level):
            found[language] = entry
    for match in _NT2.finditer(text):
        if "nl" in found:
            if not found["nl"].nt2:
                old = found["nl"]
                found["nl"] = LanguageLevel("nl", old.level, True, old.evidence)
            continue
        cefr = _CEFR.search(text[match.end() : match.end() + 25])
        ref = _REF_LEVEL.search(text[match.end() : match.end() + 25])
        level = cefr.group(1) if cefr else REF_TO_CEFR[ref.group(1)] if ref else None
        found["nl"] = LanguageLevel("nl", level, True, _evidence(text, *match.span()))
    return sorted(found.values(), key=lambda entry: entry.evidence.start)


def extract_requirements(text: str) -> Requirements:
    """The certificates, driving licences, education, hours and language levels a text asks for (or a CV lists)."""
    return Requirements(
        certificates=tuple(_certificates(text)),
        driving_licences=tuple(_driving_licences(text)),
        education=_education(text),
        hours=_hours(text),
        language_levels=tuple(_language_levels(text)),
    )
