"""Occupation label centroids: per occupation the L2-normalised mean of its label vectors.

The title fusion's neighbour features (:func:`krapte.taxonomy.fusion.with_neighbours`) compare every title's
candidates with the lexical winners through these centroids. Computing them from the 26,765 occupation label vectors
costs about 0.1 CPU s, once per process; the package ships them int8-quantised (``krapte/data/title-fusion/
centroids.npz``, built by ``scripts/search/build_title_centroids.py``), so a process reads them in about 0.01 s. A
shipped file is used only for the label index it was computed from (the index's shipped name: taxonomy key, model,
rows version) and the same occupations in the same order; otherwise they are computed.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from importlib import resources

import numpy as np
import numpy.typing as npt

from krapte.taxonomy import index as label_index
from krapte.taxonomy.model import Taxonomy

DATASET = "title-fusion"
FILE = "centroids.npz"


def compute(concepts: Sequence[str], sem: label_index.LabelIndex) -> npt.NDArray[np.float32]:
    """Per concept of ``concepts`` (rows in that order) the L2-normalised mean of its label vectors in ``sem``
    (zeros for a concept without any)."""
    starts = np.asarray([i for i, u in enumerate(sem.uris) if i == 0 or u != sem.uris[i - 1]], dtype=np.int64)
    counts = np.diff(np.append(starts, len(sem.uris)))
    means = np.add.reduceat(sem.vectors, starts, axis=0) / counts[:, None]
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-9)
    position = {uri: i for i, uri in enumerate(sem.concept_uris)}
    column = np.asarray([position.get(uri, -1) for uri in concepts], dtype=np.intp)
    out = np.zeros((len(column), sem.vectors.shape[1]), dtype=np.float32)
    out[column >= 0] = means[column[column >= 0]]
    return out


def index_key(tax: Taxonomy) -> str:
    """The occupation label index the centroids belong to (its shipped file name)."""
    return label_index.shipped_name(tax, "occupation")


def concepts_digest(concepts: Sequence[str]) -> str:
    """SHA-256 of the concept URIs in row order."""
    return hashlib.sha256("\n".join(concepts).encode()).hexdigest()


def to_bytes(tax: Taxonomy, concepts: Sequence[str], centroids: npt.NDArray[np.float32]) -> bytes:
    """The shipped form: int8 codes with one scale per row (as the label vectors), the index key and the concepts'
    digest (compressed ``.npz``)."""
    codes, scale = label_index.quantise(centroids)
    out = io.BytesIO()
    np.savez_compressed(
        out,
        codes=codes,
        scale=scale,
        index=np.array(index_key(tax)),
        concepts=np.array(concepts_digest(concepts)),
    )
    return out.getvalue()


def from_bytes(data: bytes, tax: Taxonomy, concepts: Sequence[str], dim: int) -> npt.NDArray[np.float32] | None:
    """The centroids stored in ``data`` (L2-normalised float32 rows; zero rows stay zero), or None when they were
    computed for another index or other concepts."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            if str(stored["index"]) != index_key(tax) or str(stored["concepts"]) != concepts_digest(concepts):
                return None
            codes, scale = stored["codes"], stored["scale"]
    except (OSError, KeyError, ValueError):
        return None
    if codes.shape != (len(concepts), dim) or scale.shape != (len(concepts),):
        return None
    return label_index.dequantise(codes, scale)


def shipped(tax: Taxonomy, concepts: Sequence[str], dim: int) -> npt.NDArray[np.float32] | None:
    """The package's centroids for these concepts (see :func:`from_bytes`), or None."""
    path = resources.files("krapte.data") / DATASET / FILE
    if not path.is_file():
        return None
    return from_bytes(path.read_bytes(), tax, concepts, dim)


def centroids(tax: Taxonomy, concepts: Sequence[str], sem: label_index.LabelIndex) -> npt.NDArray[np.float32]:
    """The shipped centroids when they fit ``sem`` and ``concepts``, else computed from ``sem``."""
    found = shipped(tax, concepts, sem.vectors.shape[1])
    return found if found is not None else compute(concepts, sem)


__all__ = [
    "DATASET",
    "FILE",
    "centroids",
    "compute",
    "concepts_digest",
    "from_bytes",
    "index_key",
    "shipped",
    "to_bytes",
]
