"""Bodies of ``/api/v1/meta``, ``/api/v1/health``, the audit check and a person's export and erasure."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, RootModel

from krapte.provenance import Dataset

__all__ = ["AuditCheck", "AuditProblemOut", "Health", "Meta", "PersonExport", "RowsRemoved"]


class Meta(BaseModel):
    name: str
    version: str
    attribution: str = Field(description="the ESCO attribution every reuse must show")
    datasets: list[Dataset] = Field(description="provenance of every embedded dataset")


class Health(BaseModel):
    status: str = Field(description="ok while the server answers")


class AuditProblemOut(BaseModel):
    entry_id: int | None
    kind: str
    message: str


class AuditCheck(BaseModel):
    ok: bool = Field(description="no problem found")
    entries: int
    head: str | None = Field(description="the last entry's hash: record it, and pass it back later as anchor")
    problems: list[AuditProblemOut]
    stopped_early: bool


class PersonExport(BaseModel):
    subject: str = Field(description="the account id the export is about")
    exported_at: str = Field(description="ISO 8601 time of the export")
    records: dict[str, list[dict[str, Any]]] = Field(
        description="per table, the rows stored about the subject (times in ISO 8601, binary data as base64)"
    )
    kinds: list[str] = Field(description="the kinds of record present (the units of retention)")
    audit: list[dict[str, Any]] = Field(description="audit entries of the subject's own actions")


class RowsRemoved(RootModel[dict[str, int]]):
    """Rows removed (or pseudonymised) per table."""
