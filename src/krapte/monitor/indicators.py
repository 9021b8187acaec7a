"""The indicator panel: region × period × indicator, with unit, source, vintage and definition.

Regions use CBS codes (``NL`` for the Netherlands, ``PV27`` province, ``AM18`` labour-market region, ``ES12``
RES region, ``GM0363`` municipality, ``CR23`` COROP, ``LD03`` landsdeel). Periods are written ``2023`` (year),
``2023Q4`` (quarter) or ``2023M05`` (month); :func:`normalise_period` also reads the CBS forms ``2023JJ00``,
``2023KW04`` and ``2023MM05`` and common spellings such as ``2023-Q4``, ``2023 K4`` and ``2023-05``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from krapte.errors import ValidationError

PERIOD_KINDS = ("year", "quarter", "month")
REGION_PREFIXES: dict[str, str] = {
    "PV": "provincie",
    "AM": "arbeidsmarktregio",
    "ES": "res-regio",
    "ET": "subres-regio",
    "GM": "gemeente",
    "CR": "corop",
    "LD": "landsdeel",
    "ST": "sto-regio",
}

_YEAR = re.compile(r"^(\d{4})(JJ00)?$")
_QUARTER = re.compile(r"^(\d{4})\s*[-_ ]?\s*(?:Q|K|KW)\s*0?([1-4])$", re.IGNORECASE)
_QUARTER_FIRST = re.compile(r"^(?:Q|K|KW|kwartaal)\s*([1-4])\s*[-_ ]?\s*(\d{4})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})\s*[-_ ]?\s*(?:M|MM)?\s*(0[1-9]|1[0-2]|[1-9])$", re.IGNORECASE)


def normalise_period(raw: str) -> tuple[str, str]:
    """``(period, kind)`` for a period written in any supported form; raises ValidationError otherwise."""
    text = str(raw).strip()
    if m := _YEAR.match(text):
        return m.group(1), "year"
    if m := _QUARTER.match(text):
        return f"{m.group(1)}Q{m.group(2)}", "quarter"
    if m := _QUARTER_FIRST.match(text):
        return f"{m.group(2)}Q{m.group(1)}", "quarter"
    if (m := _MONTH.match(text)) and not text.isdigit():
        return f"{m.group(1)}M{int(m.group(2)):02d}", "month"
    raise ValidationError(
        f"period {raw!r} is not a year, quarter or month",
        hint="write e.g. 2023, 2023Q4 or 2023M05 (CBS forms 2023JJ00, 2023KW04, 2023MM05 work too)",
    )


def period_kind(period: str) -> str:
    return normalise_period(period)[1]


def period_position(period: str) -> float:
    """The period as a decimal year at its start (2023Q3 → 2023.5), for charts and growth arithmetic."""
    norm, kind = normalise_period(period)
    year = int(norm[:4])
    if kind == "quarter":
        return year + (int(norm[5]) - 1) / 4
    if kind == "month":
        return year + (int(norm[5:7]) - 1) / 12
    return float(year)


def normalise_region(raw: str) -> str:
    """A CBS region code in canonical form: stripped, upper case, and ``NL`` for the Netherlands."""
    code = str(raw).strip().upper()
    if code in {"NL", "NL01", "NL00", "NEDERLAND"}:
        return "NL"
    if not code:
        raise ValidationError("empty region code", hint="use NL or a CBS code such as PV27, AM18, ES12, GM0363")
    return code


def region_kind(code: str) -> str:
    """The kind of region a canonical code names (``national``, ``provincie``, ``arbeidsmarktregio`` …)."""
    if code == "NL":
        return "national"
    return REGION_PREFIXES.get(code[:2], "other")


@dataclass(frozen=True)
class Indicator:
    """What an indicator measures, in which unit, from which source and under which licence."""

    id: str
    name_nl: str
    unit: str
    source: str
    name_en: str = ""
    definition: str = ""
    licence: str = ""
    frequency: str = "year"

    def name(self, lang: str = "nl") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_nl

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name_nl": self.name_nl,
            "name_en": self.name_en,
            "unit": self.unit,
            "source": self.source,
            "definition": self.definition,
            "licence": self.licence,
            "frequency": self.frequency,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Indicator:
        if not data.get("id") or not data.get("name_nl") or not data.get("unit"):
            raise ValidationError(
                f"indicator {data.get('id')!r} needs an id, a Dutch name (name_nl) and a unit",
                hint="add the missing fields to the indicator definition",
            )
        return cls(**{k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__ and v is not None})


@dataclass(frozen=True)
class Observation:
    """One value of one indicator in one region and period."""

    indicator: str
    region: str
    period: str
    value: float
    vintage: str = ""
    source: str = ""

    @property
    def region_kind(self) -> str:
        return region_kind(self.region)

    @property
    def period_kind(self) -> str:
        return period_kind(self.period)

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "region": self.region,
            "region_kind": self.region_kind,
            "period": self.period,
            "period_kind": self.period_kind,
            "value": self.value,
            "vintage": self.vintage,
            "source": self.source,
        }


@dataclass(frozen=True)
class Series:
    """The values of one indicator in one region, ordered by period."""

    indicator: str
    region: str
    points: tuple[tuple[str, float], ...]

    @property
    def periods(self) -> list[str]:
        return [p for p, _ in self.points]

    @property
    def values(self) -> list[float]:
        return [v for _, v in self.points]

    def latest(self) -> tuple[str, float] | None:
        return self.points[-1] if self.points else None


def to_series(observations: Iterable[Observation]) -> list[Series]:
    """Group observations into series per (indicator, region), each ordered by period."""
    groups: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    for obs in observations:
        groups[(obs.indicator, obs.region)].append((obs.period, obs.value))
    return [
        Series(indicator, region, tuple(sorted(points, key=lambda p: period_position(p[0]))))
        for (indicator, region), points in sorted(groups.items())
    ]


def panel_frame(observations: Iterable[Observation]) -> Any:
    """A pandas DataFrame ``region, period, position, indicator, value`` (the evaluation engine's input)."""
    import pandas as pd

    rows = [
        {
            "region": o.region,
            "period": o.period,
            "position": period_position(o.period),
            "indicator": o.indicator,
            "value": o.value,
        }
        for o in observations
    ]
    return pd.DataFrame(rows, columns=["region", "period", "position", "indicator", "value"])
