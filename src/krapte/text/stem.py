"""Light inflection stemming for Dutch and English labels and queries.

Not a full Snowball stemmer: it only removes the endings that make the same occupation or skill look different
in titles and labels: plurals (``monteurs``, ``pompen``, ``installaties``, ``heat pumps``, ``batteries``),
diminutives (``huisje``), the agentive feminine (``verpleegkundige`` stays), and doubles the vowel back where
Dutch spelling dropped it (``panelen`` → ``paneel``, ``zonnepanelen`` → ``zonnepaneel``). Stems are for matching
only, never shown. Words of four letters or fewer are left alone.
"""

from __future__ import annotations

from functools import lru_cache

_VOWELS = set("aeiou")
_EN_KEEP = {"business", "process", "analysis", "basis", "series", "species", "gas", "glass", "bus", "status", "class"}


@lru_cache(maxsize=131072)
def stem(token: str, lang: str | None = None) -> str:
    """Stem one folded token. ``lang`` 'nl', 'en' or None (both rule sets, Dutch first)."""
    if len(token) <= 4 or not token.isalpha():
        return token
    if lang in (None, "nl"):
        nl = _stem_nl(token)
        if nl != token or lang == "nl":
            return nl
    return _stem_en(token)


def stem_tokens(toks: list[str], lang: str | None = None) -> list[str]:
    return [stem(t, lang) for t in toks]


def _undouble(s: str) -> str:
    """``pomp`` ← ``pompp``: Dutch doubles the final consonant before -en (``monteurs`` no, ``pompen`` no,
    ``bakken`` → ``bak``)."""
    if len(s) >= 3 and s[-1] == s[-2] and s[-1] not in _VOWELS:
        return s[:-1]
    return s


def _lengthen(s: str) -> str:
    """``panel`` → ``paneel``: an open syllable before -en hides a long vowel (``panelen``, ``dozen`` → ``doos``)."""
    if len(s) >= 3 and s[-1] not in _VOWELS and s[-2] in "aeou" and s[-3] not in _VOWELS:
        tail = {"z": "s", "v": "f"}.get(s[-1], s[-1])
        return s[:-1] + s[-2] + tail
    return s


def _stem_nl(w: str) -> str:
    for suffix in ("tjes", "etjes", "jes"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    if w.endswith(("tje", "je")) and len(w) >= 7:
        return w[: -3 if w.endswith("tje") else -2]
    if w.endswith("ies") and len(w) >= 7:  # installaties -> installatie, technologies handled by English
        return w[:-1]
    if w.endswith("'s"):
        return w[:-2]
    if w.endswith(("ige", "ische")) and len(w) >= 6:  # verpleegkundige -> verpleegkundig, technische -> technisch
        return w[:-1]
    if w.endswith("eren") and len(w) >= 7:  # kinderen -> kind (not: leraren)
        return w[:-4]
    if w.endswith("en") and len(w) >= 6 and w[-3] not in _VOWELS | {"i"}:
        base = w[:-2]
        undoubled = _undouble(base)
        if undoubled != base:
            return undoubled
        return _lengthen(base)
    if w.endswith("s") and len(w) >= 6 and w[-2] in "rlnmeu" and not w.endswith(("ss", "us", "is")):
        return w[:-1]  # monteurs, adviseurs, ingenieurs, medewerkers
    return w


def _stem_en(w: str) -> str:
    if w in _EN_KEEP or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) >= 6:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("'s"):
        return w[:-1]
    return w
