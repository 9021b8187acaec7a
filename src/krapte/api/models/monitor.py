"""Bodies of ``/api/v1/measures``, ``/indicators`` and ``/kpis``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from pydantic import BaseModel, Field

from krapte.monitor.indicators import Indicator, Observation
from krapte.monitor.kpi import KpiProgress
from krapte.monitor.measures import Measure

__all__ = [
    "HistoryEntry",
    "ImportResult",
    "IndicatorDetail",
    "IndicatorSummary",
    "KpiRow",
    "VersionedMeasure",
    "versioned",
]


@dataclass(frozen=True)
class VersionedMeasure(Measure):
    """A measure with the version it was read at (send it back as ``If-Match`` to edit)."""

    version: int = 0


def versioned(measure: Measure, version: int) -> VersionedMeasure:
    return VersionedMeasure(**{f.name: getattr(measure, f.name) for f in fields(measure)}, version=version)


class HistoryEntry(BaseModel):
    version: int
    at: Any
    actor: str
    action: str
    comment: str
    changes: list[dict[str, Any]]


@dataclass(frozen=True)
class IndicatorSummary(Indicator):
    observations: int = 0


class IndicatorDetail(BaseModel):
    indicator: Indicator
    observations: list[Observation]


class ImportResult(BaseModel):
    counts: dict[str, int] = Field(description="rows written per kind")
    indicators: list[str] = Field(description="ids of the indicators the import filled")


@dataclass(frozen=True)
class KpiRow(KpiProgress):
    measure: str = ""
