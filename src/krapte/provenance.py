"""Provenance of embedded datasets: source, version, licence, checksum.

Every dataset shipped in the package lives in its own folder ``krapte/data/<id>/`` with a ``provenance.json``
that the build script in ``scripts/`` writes (see ``scripts/provenance.py``). Everything the product shows can
be traced back to an entry here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from krapte.errors import NotFoundError

ESCO_ATTRIBUTION = (
    "This service uses the ESCO classification of the European Commission. ESCO © European Union, "
    "reused under Commission Decision 2011/833/EU; krapte derived compact tables from it."
)


@dataclass(frozen=True)
class Dataset:
    id: str
    title: str
    files: tuple[str, ...]
    source: str
    version: str
    licence: str
    attribution: str
    derivation: str
    sha256: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def datasets() -> tuple[Dataset, ...]:
    """All datasets shipped in the package, from ``krapte/data/*/provenance.json``."""
    found = []
    for folder in resources.files("krapte.data").iterdir():
        path = folder / "provenance.json"
        if folder.is_dir() and path.is_file():
            entry = json.loads(path.read_text(encoding="utf-8"))
            found.append(Dataset(**{**entry, "files": tuple(entry["files"])}))
    return tuple(sorted(found, key=lambda d: d.id))


def dataset(dataset_id: str) -> Dataset:
    for d in datasets():
        if d.id == dataset_id:
            return d
    known = ", ".join(d.id for d in datasets())
    raise NotFoundError(f"no embedded dataset {dataset_id!r}", hint=f"known datasets: {known}")
