"""Bodies of ``/api/v1/measures``, ``/indicators`` and ``/kpis``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from krapte.api.models.base import Answer
from krapte.monitor.indicators import Indicator, Observation
from krapte.monitor.kpi import KpiProgress
from krapte.monitor.measures import Measure

__all__ = [
    "MAX_ITEMS",
    "AlgoritmeregisterRecord",
    "BudgetLineIn",
    "GeographyIn",
    "HistoryEntry",
    "ImportResult",
    "IndicatorDetail",
    "IndicatorSummary",
    "KpiRow",
    "KpiTargetIn",
    "KpiTargetRow",
    "LinkedIndicatorIn",
    "MeasureChanges",
    "MeasureIn",
    "MeasureOut",
    "MeasureReportOut",
    "RolloutIn",
    "SourceIn",
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


# --- request bodies of POST /measures and PATCH /measures/{id} -------------------------------------------------------
# The shapes of krapte.monitor.measures; the record parser there stays the authority on the values (dates, ids,
# cross-field rules) and names the field of every problem. These models bound sizes before any work is done.

MAX_ITEMS = 500  # list entries per field of a measure (budget lines, regions, sources, ...)
Pillar = Literal["P1", "P2", "P3", "P4"]
InstrumentType = Literal[
    "subsidy", "growth-fund", "programme", "regulation", "information", "governance", "agreement", "research"
]
VerificationStatus = Literal["verified-plan-text", "later-public-document", "unverified"]
RegionKind = Literal[
    "national", "landsdeel", "provincie", "corop", "arbeidsmarktregio", "res-regio", "sto-regio", "gemeente"
]
PartialDate = str | int | None  # YYYY, YYYY-MM or YYYY-MM-DD (a bare year may come as a number); null: none
_DATE = Field(default="", description="YYYY, YYYY-MM or YYYY-MM-DD")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BudgetLineIn(_In):
    amount_eur: float = Field(ge=0, allow_inf_nan=False)
    status: Literal["reserved", "conditional", "granted", "spent"]
    year: int | None = Field(default=None, ge=1990, le=2100)
    note: str = Field(default="", max_length=2000)


class GeographyIn(_In):
    kind: RegionKind = "national"
    regions: list[str] = Field(default_factory=list, max_length=MAX_ITEMS, description="CBS codes, e.g. AM01")


class RolloutIn(_In):
    region: str = Field(min_length=1, max_length=40)
    start: PartialDate = _DATE
    end: PartialDate = _DATE


class LinkedIndicatorIn(_In):
    indicator: str = Field(min_length=1, max_length=200)
    direction: Literal["increase", "decrease"] = "increase"
    lag_months: int = Field(default=0, ge=0, le=600)


class KpiTargetIn(_In):
    indicator: str = Field(max_length=200)
    target: float = Field(allow_inf_nan=False)
    target_year: int = Field(ge=1990, le=2100)
    baseline: float | None = Field(default=None, allow_inf_nan=False)
    baseline_year: int | None = Field(default=None, ge=1900, le=2100)
    region: str = Field(default="NL", max_length=40)
    label: str = Field(default="", max_length=300)


class SourceIn(_In):
    document: str = Field(min_length=1, max_length=500)
    locator: str = Field(default="", max_length=500)
    url: str = Field(default="", max_length=2000)
    retrieved: PartialDate = _DATE
    quote: str = Field(default="", max_length=4000)


class _MeasureFields(_In):
    title_en: str = Field(default="", max_length=300)
    summary: str = Field(default="", max_length=4000)
    delivery_organisation: str = Field(default="", max_length=500)
    budget: list[BudgetLineIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    start: PartialDate = _DATE
    end: PartialDate = _DATE
    target_groups: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    geography: GeographyIn = Field(default_factory=GeographyIn)
    rollout: list[RolloutIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    indicators: list[LinkedIndicatorIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    kpis: list[KpiTargetIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    sources: list[SourceIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    verification_status: VerificationStatus = "unverified"
    notes: str = Field(default="", max_length=4000)


class MeasureIn(_MeasureFields):
    """A new measure (``POST /api/v1/measures``); the record format of ``docs/monitor.md``."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    title_nl: str = Field(min_length=1, max_length=300)
    pillars: list[Pillar] = Field(min_length=1, max_length=4)
    instrument_type: InstrumentType
    lead_ministry: str = Field(min_length=1, max_length=200)
    status: Literal["active", "retired"] = "active"

    def record(self) -> dict[str, Any]:
        """The fields as the registry's record parser reads them."""
        return self.model_dump(mode="json")


class MeasureChanges(_MeasureFields):
    """The fields to change (``PATCH /api/v1/measures/{id}``): only those sent are changed and recorded in the
    history. ``version`` is accepted and ignored (send the edited version as ``If-Match``)."""

    id: str | None = Field(default=None, max_length=40, description="may be sent, but cannot change")
    title_nl: str | None = Field(default=None, min_length=1, max_length=300)
    pillars: list[Pillar] | None = Field(default=None, min_length=1, max_length=4)
    instrument_type: InstrumentType | None = None
    lead_ministry: str | None = Field(default=None, min_length=1, max_length=200)
    status: Literal["active", "retired"] | None = None
    version: int | None = Field(default=None, description="ignored: the version edited goes in If-Match")

    def changes(self) -> dict[str, Any]:
        """Only the fields the request sent, as the registry's record parser reads them."""
        return self.model_dump(mode="json", exclude_unset=True, exclude={"version"})
