"""Bodies of ``/api/v1/regions`` and ``/api/v1/factors`` (the regional classification and the factor sets)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from krapte.api.models.base import Answer

__all__ = [
    "FactorRow",
    "FactorSetDetail",
    "FactorSetSummary",
    "ForecastSummary",
    "ForecastTable",
    "Gemeente",
    "LabourOccupation",
    "PipelineSummary",
    "ProjectOut",
    "RegionDetail",
    "RegionOut",
]


class RegionOut(BaseModel):
    code: str
    name: str
    kind: str = Field(description="gemeente, arbeidsmarktregio, res or provincie")


class Gemeente(BaseModel):
    code: str
    name: str


class RegionDetail(RegionOut):
    gemeenten: list[Gemeente] = Field(description="the municipalities in the region")
    arbeidsmarktregio_weights: dict[str, float] | None = Field(
        description="for a gemeente or RES region: its share per arbeidsmarktregio (sums to 1); null otherwise"
    )


class FactorSetSummary(BaseModel):
    name: str
    title: str
    source: str
    note: str


class FactorRow(Answer):
    """One employment factor: labour per unit of a technology in one phase, with its range, basis and source."""

    technology: str
    phase: str = Field(description="construction, operation, manufacturing or decommissioning")
    low: float | None
    central: float
    high: float | None
    unit: str = Field(description="job-years per unit (construction) or jobs per unit (operation)")
    from_set: str = Field(description="the factor set the value comes from")
    range: str = Field(description="where low and high come from: the set's own range, or across sources")
    decline_2015_2030: float | None = Field(description="the technology's decline of the factor, when it has one")
    basis: str = Field(description="measured, imported or estimated")
    schedule: list[list[Any]] = Field(description="the spread of the labour over the construction window")
    source: str


class LabourOccupation(Answer):
    """An occupation labour demand is forecast in, with ISCO-08 codes and its BRC 2014 group."""

    id: str
    group: str
    isco: list[str] = Field(description="ISCO-08 codes")
    isco_label_nl: str
    brc_group: str
    brc_label: str
    esco: list[dict[str, str]] | None = Field(
        default=None, description="with esco=true: its ESCO occupations (uri, Dutch and English label)"
    )


class FactorSetDetail(Answer):
    name: str
    title: str
    source: str
    factors: list[FactorRow]
    occupations: list[LabourOccupation]


class PipelineSummary(Answer):
    """An imported project pipeline."""

    name: str
    source_file: str
    n_projects: int
    imported_at: str = Field(description="ISO 8601 time of the import")
    imported_by: str


class ProjectOut(Answer):
    """One project of a pipeline; quarters as ``2027Q1``."""

    id: str
    name: str
    technology: str
    size: float = Field(description="in the technology's canonical unit")
    unit: str
    location: str
    start: str | None
    end: str | None
    earliest_start: str | None
    latest_end: str | None
    duration_quarters: int | None
    status: str
    profile: list[float] | None = Field(description="share of the construction labour per quarter, when given")


class ForecastSummary(Answer):
    """Peak and totals of a forecast (the national scenario adds its programmes, window and breakdowns)."""

    factors: str = Field(description="the factor set used")
    variant: str = Field(description="low, central or high")
    first: str = Field(description="first quarter, e.g. 2025Q1")
    last: str
    construction_job_years: float
    om_fte_last_quarter: float = Field(description="operation and maintenance FTE in the last quarter")
    manufacturing_job_years: float
    peak_quarter: str
    peak_fte: float
    scenario: str | None = Field(default=None, description="national scenario only: its name")
    programmes: list[str] | None = Field(default=None, description="national scenario only: the programmes in it")
    window: Any = Field(default=None, description="national scenario only: the quarters the breakdowns cover")
    unverified_share_window: float | None = Field(
        default=None, description="national scenario only: share of the FTE in the window from unverified projects"
    )
    by_programme: Any = Field(default=None, description="national scenario only: the summary per programme")
    by_component: Any = Field(default=None, description="national scenario only: the summary per component")


class ForecastTable(Answer):
    """A forecast with every row (``summary=false``)."""

    summary: ForecastSummary
    rows: list[dict[str, Any]] = Field(
        description="FTE per region, occupation (ISCO-08, BRC), quarter and phase: region, occupation, isco, "
        "isco_codes, esco_isco_uri, brc_group, quarter, phase, fte"
    )
