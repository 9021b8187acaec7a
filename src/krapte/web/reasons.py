"""The matching core's reasons in the page's language: a code with parameters becomes a sentence via i18n.

The core (``krapte.match.reasons``) returns each reason as ``{"code", "params", "text"}``; ``text`` is its default
Dutch wording for the command line and the API. A page never shows that text: it renders the code here, in B1
Dutch or in English, with dates and numbers in the page's format. A funding rule's label is data from the scheme
sources (Dutch); an English page shows ``label_en`` when the data has one, else the Dutch label marked
"(only in Dutch)", the same way a Dutch page marks an English-only skill label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from krapte.match.reasons import DEFAULT_TEXT
from krapte.settings import Language
from krapte.web.i18n import register, translate
from krapte.web.poort_format import Formatter

__all__ = ["MESSAGES_REASONS", "reason_text", "reason_texts", "register_texts"]

MESSAGES_REASONS: dict[str, dict[Language, str]] = {
    "reason.funding.rule_met": {"nl": "{label}", "en": "{label}"},
    "reason.funding.rule_not_met": {"nl": "niet: {label}", "en": "not: {label}"},
    "reason.funding.fact_unknown": {"nl": "{label} (dat weten we niet)", "en": "{label} (we do not know this)"},
    "reason.funding.ask": {"nl": "{label}", "en": "{label}"},
    "reason.funding.ended": {
        "nl": "Gestopt op {date}. Je kunt het niet meer aanvragen.",
        "en": "Ended on {date}. You can no longer apply.",
    },
    "reason.funding.ran_until": {
        "nl": "Liep tot {date}. We vonden geen nieuwe periode. Je kunt het niet meer aanvragen.",
        "en": "Ran until {date}. We found no new period. You can no longer apply.",
    },
    "reason.funding.starts_later": {"nl": "Begint pas op {date}.", "en": "Starts only on {date}."},
    "reason.funding.status_unconfirmed": {
        "nl": "We weten niet zeker of deze regeling nu nog loopt.",
        "en": "We are not sure this scheme is still open.",
    },
    "reason.match.certificate_required": {
        "nl": "Je hebt het certificaat {certificate} nodig.",
        "en": "You need the certificate {certificate}.",
    },
    "reason.match.licence_required": {
        "nl": "Je hebt rijbewijs {licence} nodig.",
        "en": "You need driving licence {licence}.",
    },
    "reason.match.too_far": {
        "nl": "Verder dan je wilt reizen: {km}, je grens is {limit}.",
        "en": "Further than you want to travel: {km}, your limit is {limit}.",
    },
    "reason.match.expired": {"nl": "Deze vacature is gesloten sinds {date}.", "en": "This job closed on {date}."},
    # career pathways: in words, without the similarity numbers (B1: no bare scores)
    "reason.pathway.shared": {
        "nl": "Je kunt al {shared} van de {total} belangrijkste dingen voor dit beroep.",
        "en": "You can already do {shared} of the {total} key things for this job.",
    },
    "reason.pathway.with_training": {
        "nl": "Haalbaar met scholing: een beroep om in te stappen, maar reken op meer leren.",
        "en": "Possible with training: a job you can start in, but expect to learn more.",
    },
    "reason.pathway.below_threshold": {
        "nl": "Wat je kunt lijkt nog weinig op wat dit beroep vraagt.",
        "en": "What you can do is still quite different from what this job asks.",
    },
    "reason.pathway.level": {
        "nl": "Dit beroep vraagt een ander opleidingsniveau dan je nu hebt.",
        "en": "This job asks for a different level of education than you have now.",
    },
    "reason.pathway.wage": {
        "nl": "Het loon is ongeveer {ratio} van wat je nu verdient.",
        "en": "The pay is about {ratio} of what you earn now.",
    },
    "reason.pathway.wage_lower": {
        "nl": "Het loon is lager: ongeveer {ratio} van wat je nu verdient.",
        "en": "The pay is lower: about {ratio} of what you earn now.",
    },
    "reason.pathway.shortage": {
        "nl": "In jouw regio zijn te weinig mensen voor dit beroep.",
        "en": "There are too few workers for this job in your region.",
    },
}

#: the mark after a Dutch-only rule label on an English page
ONLY_DUTCH: dict[str, dict[Language, str]] = {
    "reason.only_dutch": {"nl": "(alleen in het Nederlands)", "en": "(only in Dutch)"}
}

_MONTHS: dict[str, tuple[str, ...]] = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}  # fmt: skip


def register_texts() -> None:
    missing = sorted(code for code in DEFAULT_TEXT if f"reason.{code}" not in MESSAGES_REASONS)
    if missing:
        raise ValueError(f"reason codes without page texts: {missing}")
    register({**MESSAGES_REASONS, **ONLY_DUTCH})


def _date(value: Any, lang: Language) -> str:
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {_MONTHS[lang][day.month - 1]} {day.year}"


def reason_text(reason: Mapping[str, Any], lang: Language, fmt: Formatter | None = None) -> str:
    """One reason (``{"code", "params"}``) as a sentence in ``lang``; an unknown code shows the core's text."""
    code = str(reason.get("code") or "")
    key = f"reason.{code}"
    if key not in MESSAGES_REASONS:
        return str(reason.get("text") or code)
    fmt = fmt or Formatter(lang)
    params = dict(reason.get("params") or {})
    values: dict[str, Any] = {k: ("" if v is None else v) for k, v in params.items()}
    if "label" in params:
        english = str(params.get("label_en") or "")
        if lang == "en":
            values["label"] = english or f"{params['label']} {translate('reason.only_dutch', 'en')}"
    if "date" in params:
        values["date"] = _date(params["date"], lang)
    for name in ("km", "limit"):
        if name in params:
            values[name] = fmt.km(params[name])
    if "ratio" in params:
        values["ratio"] = f"{round(float(params['ratio']) * 100)}%"
    return translate(key, lang).format(**values)


def reason_texts(reasons: Iterable[Mapping[str, Any]], lang: Language, fmt: Formatter | None = None) -> list[str]:
    return [reason_text(r, lang, fmt) for r in reasons]


register_texts()
