"""Case and diacritics folding and tokenising.

``fold("Inspiciënte – Coördinator")`` gives ``"inspiciente - coordinator"``: lower case, accents removed,
dashes and quotes unified, white space collapsed. :func:`tokens` splits folded text into word tokens (letters and
digits; ``c++``, ``c#`` and ``.net`` survive as tokens because ESCO has them as skills).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u00b4`"), "'") | dict.fromkeys(
    map(ord, "\u201c\u201d\u201e\u201f"), '"'
)
_SPECIAL = {ord("ß"): "ss", ord("æ"): "ae", ord("ø"): "o", ord("œ"): "oe", ord("ł"): "l", ord("đ"): "d"}
_TOKEN = re.compile(r"[a-z0-9]+(?:[+#]+|(?:[.'][a-z0-9]+)*)|\.[a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip diacritics, unify dashes/quotes and collapse white space."""
    text = text.translate(_DASHES).translate(_QUOTES).lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def tokens(text: str) -> list[str]:
    """Word tokens of folded text: ``"Medewerker (m/v) C++ & .NET"`` → ``['medewerker', 'm', 'v', 'c++', '.net']``."""
    return [t.replace("'", "") if not t.endswith("'s") else t[:-2] for t in _TOKEN.findall(fold(text))]
