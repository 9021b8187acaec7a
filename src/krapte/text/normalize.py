"""Case and diacritics folding and tokenising.

``fold("Inspiciënte – Coördinator")`` gives ``"inspiciente - coordinator"``: lower case, accents removed,
dashes and quotes unified, white space collapsed. :func:`tokens` splits folded text into word tokens (letters and
digits; ``c++``, ``c#`` and ``.net`` survive as tokens because ESCO has them as skills).

:func:`fold_aligned` is the same folding for running text that keeps every character in place (one character in,
one character out; punctuation becomes a space), so that a match found in the folded text is a character offset in
the original; :func:`label_key` folds a label into the key it is matched by. Search and extraction both use these.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

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


def _aligned_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x2C00):
        ch = chr(code)
        if ch.isalnum():
            base = unicodedata.normalize("NFD", ch)[0].lower()
            folded = base if len(base) == 1 and base.isalnum() else ch.lower()
            if len(folded) != 1:
                folded = ch
            if folded != ch:
                table[code] = folded
        elif ch in "+#":
            continue
        elif ch != " ":
            table[code] = " "
    for code in range(0x1F000, 0x1FB00):
        table[code] = " "
    return table


@cache
def _table() -> dict[int, str]:
    return _aligned_table()


def fold_aligned(text: str) -> str:
    """Lower case, fold accents, turn punctuation into spaces; the result has exactly the length of ``text``."""
    out = text.translate(_table())
    if len(out) != len(text):  # pragma: no cover - the table maps one character to one character
        raise AssertionError("normalisation must preserve length")
    return out


def label_key(label: str) -> str:
    """A label as a matching key: :func:`fold_aligned` with single spaces (``"C++ / Java"`` → ``"c++ java"``)."""
    return " ".join(fold_aligned(label).split())
