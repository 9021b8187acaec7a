"""Write ``provenance.json`` for an embedded dataset folder (used by every ``scripts/build_*.py``)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

# the shared data next to the checkout, or KRAPTE_SHARED_DATA (a git worktree does not sit next to it)
SHARED = Path(os.environ.get("KRAPTE_SHARED_DATA") or Path(__file__).resolve().parents[1].parent / "shared" / "data")
PACKAGE_DATA = Path(__file__).resolve().parents[1] / "src" / "krapte" / "data"


def write_provenance(
    dataset_id: str,
    *,
    title: str,
    source: str,
    version: str,
    licence: str,
    attribution: str,
    derivation: str,
) -> Path:
    """Checksum every file in ``krapte/data/<dataset_id>/`` and record where it came from."""
    folder = PACKAGE_DATA / dataset_id
    files = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "provenance.json")
    sha = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in files}
    entry = {
        "id": dataset_id,
        "title": title,
        "files": files,
        "source": source,
        "version": version,
        "licence": licence,
        "attribution": attribution,
        "derivation": derivation,
        "sha256": sha,
    }
    out = folder / "provenance.json"
    out.write_text(json.dumps(entry, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
