"""Telling Dutch from English by function words and spelling cues (enough for titles, sentences and CVs)."""

from __future__ import annotations

from typing import Literal

from krapte.text.normalize import tokens

_NL_WORDS = (
    "de het een en van in op met voor te is zijn die dat bij als aan om of ook naar door wij je jij u "
    "onze ons werk ervaring kennis functie medewerker vacature zoeken jaar niet wordt worden heb hebt heeft"
)
_EN_WORDS = (
    "the a an and of in on with for to is are be that this at as by or also from we you our your "
    "experience knowledge job role looking years not will have has skills team work"
)
_NL = frozenset(_NL_WORDS.split())
_EN = frozenset(_EN_WORDS.split())
_NL_CUES = ("ij", "oe", "aa", "uu", "sch", "cht")


def detect_language(text: str) -> Literal["nl", "en"] | None:
    """'nl', 'en', or None when the text gives no evidence either way (e.g. a single unknown word)."""
    toks = tokens(text)
    if not toks:
        return None
    nl = sum(t in _NL for t in toks)
    en = sum(t in _EN for t in toks)
    if nl == en:
        # short texts such as job titles: Dutch spelling cues
        cues = sum(any(c in t for c in _NL_CUES) for t in toks)
        if cues:
            return "nl"
        return None
    return "nl" if nl > en else "en"
