"""Bodies of ``/api/v1/regions`` and ``/api/v1/factors`` (the regional classification and the factor sets)."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["FactorSetSummary", "Gemeente", "RegionDetail", "RegionOut"]


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
