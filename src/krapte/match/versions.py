"""What an audit-log entry of a recommendation needs from the core: a stable input hash and the data versions."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from krapte.taxonomy.model import Taxonomy

__all__ = ["DATASETS", "METHOD_VERSION", "data_versions", "input_hash"]

#: bump when a scoring rule, weight or threshold of krapte.match changes (recorded with every recommendation)
METHOD_VERSION = "match-2026.12.2"
DATASETS = (
    "funding-schemes-2026",
    "mbo-qualifications-2015",
    "wages-brc-2022",
    "gemeente-centroids-2026",
    "match-demo",
)


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"cannot hash a {type(value).__name__}")


def input_hash(inputs: Any) -> str:
    """SHA-256 of the canonical JSON of ``inputs`` (sorted keys; dates as ISO strings; objects via to_dict)."""
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _dataset_versions() -> dict[str, str]:
    out = {}
    for ds in DATASETS:
        try:
            prov = json.loads((resources.files("krapte.data") / ds / "provenance.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        digest = hashlib.sha256(json.dumps(prov.get("sha256", {}), sort_keys=True).encode()).hexdigest()[:12]
        out[ds] = f"{prov.get('version', '')}+{digest}"
    return out


def data_versions(taxonomy: Taxonomy) -> dict[str, str]:
    """The method version, the taxonomy key and each embedded matching dataset's version and content digest."""
    return {"method": METHOD_VERSION, "taxonomy": taxonomy.key, **_dataset_versions()}
