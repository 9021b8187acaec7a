"""Translations of the web pages. Dutch is the default; every key must exist in both languages.

Each area keeps its own strings in a ``MESSAGES_<AREA>`` dict below its own heading, merged into ``MESSAGES``.
"""

from __future__ import annotations

from krapte.settings import Language

MESSAGES_COMMON: dict[str, dict[Language, str]] = {
    "app.tagline": {
        "nl": "Vaardigheden, arbeidsmarkt en monitoring voor het Actieplan Groene en Digitale Banen",
        "en": "Skills, labour market and monitoring for the Green and Digital Jobs Action Plan",
    },
    "nav.home": {"nl": "Start", "en": "Home"},
    "nav.taxonomy": {"nl": "Beroepen en vaardigheden", "en": "Occupations and skills"},
    "nav.extract": {"nl": "Vaardigheden uit tekst", "en": "Skills from text"},
    "nav.labour": {"nl": "Regionale vraag", "en": "Regional demand"},
    "nav.monitor": {"nl": "Maatregelen", "en": "Measures"},
    "nav.api": {"nl": "API", "en": "API"},
    "nav.new_measure": {"nl": "Maatregel toevoegen", "en": "Add measure"},
    "lang.switch": {"nl": "English", "en": "Nederlands"},
    "footer.esco": {
        "nl": "Deze dienst gebruikt de ESCO-classificatie van de Europese Commissie (© Europese Unie).",
        "en": "This service uses the ESCO classification of the European Commission (© European Union).",
    },
    "footer.sources": {"nl": "Bronnen en licenties", "en": "Sources and licences"},
    "home.intro": {
        "nl": "Zoek beroepen en vaardigheden, haal vaardigheden uit een cv of vacature, bekijk regionale "
        "tekorten en volg de maatregelen van het actieplan.",
        "en": "Search occupations and skills, extract skills from a CV or vacancy, see regional shortages "
        "and follow the measures of the action plan.",
    },
    "sources.title": {"nl": "Bronnen en licenties", "en": "Sources and licences"},
    "sources.dataset": {"nl": "Dataset", "en": "Dataset"},
    "sources.version": {"nl": "Versie", "en": "Version"},
    "sources.licence": {"nl": "Licentie", "en": "Licence"},
    "sources.source": {"nl": "Bron", "en": "Source"},
}

MESSAGES: dict[str, dict[Language, str]] = {**MESSAGES_COMMON}


def register(messages: dict[str, dict[Language, str]]) -> None:
    """Add an area's strings; each area module calls this once at import."""
    for key, texts in messages.items():
        if set(texts) != {"nl", "en"}:
            raise ValueError(f"translation {key!r} must have exactly 'nl' and 'en'")
    MESSAGES.update(messages)


def translate(key: str, lang: Language) -> str:
    """The text for ``key`` in ``lang``; an unknown key shows itself so that gaps are visible, not hidden."""
    texts = MESSAGES.get(key)
    return texts[lang] if texts else key
