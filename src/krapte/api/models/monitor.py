"""Bodies of ``/api/v1/measures``, ``/indicators`` and ``/kpis``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from pydantic import BaseModel, Field

from krapte.api.models.base import Answer
from krapte.monitor.indicators import Indicator, Observation
from krapte.monitor.kpi import KpiProgress
from krapte.monitor.measures import Measure

__all__ = [
    "AlgoritmeregisterRecord",
    "HistoryEntry",
    "ImportResult",
    "IndicatorDetail",
    "IndicatorSummary",
    "KpiRow",
    "KpiTargetRow",
    "MeasureOut",
    "MeasureReportOut",
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


class MeasureOut(Answer):
    """A measure as exported (``Measure.to_dict``: the shape the import reads back)."""

    id: str
    title_nl: str
    title_en: str
    summary: str
    pillars: list[str]
    instrument_type: str
    lead_ministry: str
    delivery_organisation: str
    budget: list[dict[str, Any]] = Field(description="budget lines: amount_eur, status, year, note")
    start: str
    end: str
    target_groups: list[str]
    geography: dict[str, Any] = Field(description="kind and regions")
    rollout: list[dict[str, Any]] = Field(description="per region: start and end")
    indicators: list[dict[str, Any]] = Field(description="linked indicators: indicator, direction, lag_months")
    kpis: list[dict[str, Any]] = Field(description="targets: indicator, target, target_year, baseline, region, label")
    sources: list[dict[str, Any]] = Field(description="document, locator, url, retrieved, quote")
    verification_status: str
    notes: str
    status: str = Field(description="active or retired")


class MeasureReportOut(Answer):
    """Everything the per-measure report shows, as JSON."""

    measure: MeasureOut
    version: int
    budget_by_status: dict[str, float] = Field(description="euros per budget status")
    indicators: list[dict[str, Any]] = Field(
        description="per linked indicator: direction, lag, the series per region and the evaluation (design, reason)"
    )
    kpis: list[dict[str, Any]] = Field(description="progress towards each target")
    history: list[dict[str, Any]] = Field(description="the measure's versions: who changed what, when")


class KpiTargetRow(Answer):
    """One target of the plan: progress, the trend seen with its interval, quality badges and a verdict."""

    id: str
    indicator: str
    label: str
    source: str = Field(description="where the target is set")
    reading: str
    measures: list[str] = Field(description="measures that share the target")
    progress: dict[str, Any]
    seen: dict[str, Any] = Field(description="the trend seen: annual change, projection and its interval")
    badges: list[str]
    badge_reasons: list[str]
    verdict: str


class AlgoritmeregisterRecord(Answer):
    """krapte's record for the Dutch Algoritmeregister (publication standard 1.0); fields in Dutch as the standard
    names them (the ones listed here, and the others of the standard)."""

    naam: str
    organisatie: str
    korte_omschrijving: str
    status: str
    schema_: str = Field(alias="schema", description="the publication standard the record follows")
