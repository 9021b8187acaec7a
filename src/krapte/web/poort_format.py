"""Numbers, money and scores for people: a Dutch decimal comma, euros, and words instead of score numbers.

B1 rules (docs/web.md): no bare scores ("0,87"), but "past goed / redelijk / matig" with the reasons; no ESCO,
NLQF or model words; every figure carries where it comes from and how it was made (gemeten, overgenomen of
geschat).
"""

from __future__ import annotations

from typing import Any

__all__ = ["Formatter", "fit_key", "match_key"]

#: the words for a pathway's viability tier (krapte.match.viability: thresholds derived from all occupation pairs)
FIT_OF_VIABILITY = {"hoog": "fit.good", "haalbaar": "fit.fair"}
#: vacancy match score thresholds (weights in docs/match.md: skills 0.65, education/hours/travel 0.35)
MATCH_GOOD = 0.6
MATCH_FAIR = 0.4


def fit_key(viability: str | None) -> str:
    """The words for a pathway's viability tier (``Pathway.viability``): fit.good / fit.fair / fit.weak."""
    return FIT_OF_VIABILITY.get(viability or "", "fit.weak")


def match_key(score: float | None) -> str:
    s = score or 0.0
    return "fit.good" if s >= MATCH_GOOD else "fit.fair" if s >= MATCH_FAIR else "fit.weak"


class Formatter:
    """Formatting in the page's language (``nl``: 1.234,5 and € 1.234; ``en``: 1,234.5 and €1,234)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def num(self, value: Any, digits: int = 0) -> str:
        if value is None or value == "":
            return "?"
        text = f"{float(value):,.{digits}f}"
        if self.lang == "nl":
            text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
        return text

    def euro(self, value: Any) -> str:
        if value is None or value == "":
            return "?"
        amount = float(value)
        digits = 0 if abs(amount - round(amount)) < 0.005 else 2
        text = self.num(amount, digits)
        return f"€ {text}" if self.lang == "nl" else f"€{text}"

    def percent(self, value: Any) -> str:
        """A share 0..1 as a whole percentage ("40%")."""
        if value is None:
            return "?"
        return f"{self.num(float(value) * 100)}%"

    def km(self, value: Any) -> str:
        return f"{self.num(value)} km"

    def hours(self, value: Any) -> str:
        return f"{self.num(value)} {'uur' if self.lang == 'nl' else 'hours'}"

    def weeks(self, value: Any) -> str:
        return f"{self.num(value)} {'weken' if self.lang == 'nl' else 'weeks'}"
