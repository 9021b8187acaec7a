"""``/api/v1/meta``: version, attribution and the provenance of every embedded dataset."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from krapte import __version__
from krapte.provenance import ESCO_ATTRIBUTION, datasets

router = APIRouter(prefix="/api/v1", tags=["meta"])


@router.get("/meta")
def meta() -> dict[str, Any]:
    return {
        "name": "krapte",
        "version": __version__,
        "attribution": ESCO_ATTRIBUTION,
        "datasets": [d.to_dict() for d in datasets()],
    }


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
