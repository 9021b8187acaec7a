"""Reasons as codes with parameters, so every caller can say them in its own language.

The matching core explains itself: why a funding scheme fits or not, why a vacancy is filtered out. A
:class:`Reason` carries a stable ``code`` and its ``params``; :meth:`Reason.text` is the core's own wording (the
Dutch sentences the core has always written, kept as the default for the command line and the API), and a page
renders the code in its language instead (``krapte.web.reasons``). Parameters are plain values: numbers, ISO dates
and names. A funding rule's label comes from the scheme data (Dutch; ``label_en`` when the data has one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULT_TEXT", "Reason", "reason"]

#: the default rendering of each code (Dutch, as the core wrote it before reasons had codes)
DEFAULT_TEXT: dict[str, str] = {
    # funding rules (krapte.match.funding)
    "funding.rule_met": "{label}",
    "funding.rule_not_met": "niet: {label}",
    "funding.fact_unknown": "onbekend: {label}",
    "funding.ask": "{label}",
    "funding.ended": "beëindigd per {date}; geen optie meer",
    "funding.ran_until": "liep tot {date} volgens de bron; geen latere periode gevonden; geen optie meer",
    "funding.starts_later": "start pas op {date}",
    "funding.status_unconfirmed": "of de regeling nu nog loopt is niet bevestigd (status onbekend in de bronnen)",
    # hard filters of a profile–vacancy pair (krapte.match.matching)
    "match.certificate_required": "certificaat {certificate} vereist",
    "match.licence_required": "rijbewijs {licence} vereist",
    "match.too_far": "buiten reisafstand ({km:.0f} km, grens {limit:.0f} km)",
    "match.expired": "vacature verlopen op {date}",
    # why a career pathway fits or not (krapte.match.pathways)
    "pathway.shared": "{shared} van {total} essentiële vaardigheden al aanwezig",
    "pathway.with_training": "haalbaar met scholing: overeenkomst {similarity:.2f} onder de haalbaarheidsgrens "
    "{threshold:.2f}, maar een instroomberoep zonder hoger opleidingsniveau; reken op meer leren",
    "pathway.below_threshold": "overeenkomst {similarity:.2f} onder de haalbaarheidsgrens {threshold:.2f}",
    "pathway.level": "opleidingsniveau: ISCO-niveau {target} tegenover {origin} (max. 1 stap)",
    "pathway.wage": "loon {ratio:.0%} van het huidige",
    "pathway.wage_lower": "loon {ratio:.0%} van het huidige (lager)",
    "pathway.shortage": "krapte in de regio: {shortage:.2f}",
}


@dataclass(frozen=True)
class Reason:
    """One reason: a ``code`` from :data:`DEFAULT_TEXT` and its parameters (sorted name–value pairs)."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        if self.code not in DEFAULT_TEXT:
            raise ValueError(f"unknown reason code {self.code!r}")

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.params)

    def text(self) -> str:
        """The core's default wording (Dutch), as shown by the command line and the API's ``reasons``."""
        return DEFAULT_TEXT[self.code].format(**self.values)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.values, "text": self.text()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        return reason(str(data["code"]), **dict(data.get("params") or {}))


def reason(code: str, **params: Any) -> Reason:
    """A :class:`Reason`; ``params`` keep only plain values (None becomes "")."""
    return Reason(code, tuple(sorted((k, "" if v is None else v) for k, v in params.items())))
