"""``/api/v1/meta``: version, attribution and the provenance of every embedded dataset."""

from __future__ import annotations

from fastapi import APIRouter

from krapte import __version__
from krapte.api.models.platform import Health, Meta
from krapte.provenance import ESCO_ATTRIBUTION, datasets

router = APIRouter(prefix="/api/v1", tags=["meta"])


@router.get("/meta")
def meta() -> Meta:
    return Meta(name="krapte", version=__version__, attribution=ESCO_ATTRIBUTION, datasets=list(datasets()))


@router.get("/health")
def health() -> Health:
    return Health(status="ok")
