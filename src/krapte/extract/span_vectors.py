"""Dense word features for the span tagger: static word vectors from the shipped encoder.

Each word (lower-cased) is embedded on its own by the multilingual encoder (:mod:`krapte.taxonomy.embedding`,
``query:`` prefix), centred and projected on the principal components of the SkillSpan training vocabulary, and
scaled to a fixed mean norm. The tagger sees the projected vectors of the word and its ±``window`` neighbours
through a linear layer (``weights``) trained jointly with the sparse perceptron features
(:func:`krapte.extract.span_model.train_arrays`). Two sources of word vectors: the encoder itself (words embedded
once per process; an unseen word costs one encoder call, ~10 ms per CPU, so that variant is only an option), or the
shipped word table of :mod:`krapte.extract.span_words` (vectors reduced at build time, a subword model for unseen
words; no encoder at run time), which a layer without ``mean``/``projection`` reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["WordVectorLayer", "encoder_word_vectors", "fit_projection"]

Matrix = npt.NDArray[np.float64]
_CACHE: dict[str, npt.NDArray[np.float32]] = {}


@dataclass
class WordVectorLayer:
    """Projection of encoder word vectors and the tagger's linear layer over the window of projected vectors."""

    mean: Matrix | None  # (384,); None: the inputs are already reduced (the shipped word table)
    projection: Matrix | None  # (384, dims); None as ``mean``
    scale: float
    window: int
    weights: Matrix  # ((2 * window + 1) * dims, n_tags)

    @property
    def uses_table(self) -> bool:
        """True if the layer reads reduced vectors of :func:`krapte.extract.span_words.default_word_table`."""
        return self.projection is None

    @property
    def input_dims(self) -> int:
        """Width of the word vectors :meth:`inputs` expects (384 encoder dims, or the table's reduced dims)."""
        if self.mean is not None:
            return int(self.mean.shape[0])
        return int(self.weights.shape[0] // (2 * self.window + 1))

    def inputs(self, vectors: npt.ArrayLike) -> Matrix:
        """(n, 384) word vectors (or (n, dims) reduced ones) → (n, (2·window+1)·dims) inputs of the linear layer."""
        red = np.asarray(vectors, dtype=np.float64)
        if self.mean is not None and self.projection is not None:
            red = (red - self.mean) @ self.projection * self.scale
        n, dims = red.shape
        padded = np.vstack([np.zeros((self.window, dims)), red, np.zeros((self.window, dims))])
        return np.hstack([padded[off : off + n] for off in range(2 * self.window + 1)])

    def emissions(self, vectors: npt.ArrayLike) -> Matrix:
        return self.inputs(vectors) @ self.weights

    def to_json(self) -> dict[str, object]:
        body: dict[str, object] = {
            "scale": self.scale,
            "window": self.window,
            "weights": np.round(self.weights, 3).tolist(),
        }
        if self.mean is not None and self.projection is not None:
            body["mean"] = np.round(self.mean, 5).tolist()
            body["projection"] = np.round(self.projection, 5).tolist()
        return body

    @classmethod
    def from_json(cls, body: dict[str, object]) -> WordVectorLayer:
        return cls(
            np.array(body["mean"]) if "mean" in body else None,
            np.array(body["projection"]) if "projection" in body else None,
            float(body["scale"]),  # type: ignore[arg-type]
            int(body["window"]),  # type: ignore[call-overload]
            np.array(body["weights"]),
        )


def fit_projection(vectors: npt.ArrayLike, dims: int, norm: float) -> tuple[Matrix, Matrix, float]:
    """PCA of a vocabulary's vectors: (mean, projection, scale) so that projected rows have mean norm ``norm``."""
    x = np.asarray(vectors, dtype=np.float64)
    mean = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    projection = vt[:dims].T
    red = (x - mean) @ projection
    return mean, projection, float(norm / np.sqrt((red**2).sum(axis=1).mean()))


def encoder_word_vectors(tokens: Sequence[str]) -> npt.NDArray[np.float32]:
    """The encoder vector of every token (lower-cased, each word embedded alone, cached per process)."""
    from krapte.taxonomy import embedding

    words = [t.lower() for t in tokens]
    missing = sorted({w for w in words if w not in _CACHE})
    if missing:
        for w, v in zip(missing, embedding.encode(missing, kind="query"), strict=True):
            _CACHE[w] = v
    if not words:
        return np.zeros((0, embedding.DIM), dtype=np.float32)
    return np.vstack([_CACHE[w] for w in words])
