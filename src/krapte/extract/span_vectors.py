"""Dense word features for the span tagger: static word vectors from the shipped encoder.

Each word (lower-cased) is embedded on its own by the multilingual encoder (:mod:`krapte.taxonomy.embedding`,
``query:`` prefix), centred and projected on the principal components of the SkillSpan training vocabulary, and
scaled to a fixed mean norm. The tagger sees the projected vectors of the word and its ±``window`` neighbours
through a linear layer (``weights``) trained jointly with the sparse perceptron features
(:func:`krapte.extract.span_model.train_arrays`). Words are embedded once per process; an unseen word costs one
encoder call (~10 ms per CPU), which is why this variant is an option and not the default tagger.
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

    mean: Matrix  # (384,)
    projection: Matrix  # (384, dims)
    scale: float
    window: int
    weights: Matrix  # ((2 * window + 1) * dims, n_tags)

    def inputs(self, vectors: npt.ArrayLike) -> Matrix:
        """(n, 384) word vectors of a sentence → (n, (2·window+1)·dims) inputs of the linear layer."""
        red = (np.asarray(vectors, dtype=np.float64) - self.mean) @ self.projection * self.scale
        n, dims = red.shape
        padded = np.vstack([np.zeros((self.window, dims)), red, np.zeros((self.window, dims))])
        return np.hstack([padded[off : off + n] for off in range(2 * self.window + 1)])

    def emissions(self, vectors: npt.ArrayLike) -> Matrix:
        return self.inputs(vectors) @ self.weights

    def to_json(self) -> dict[str, object]:
        return {
            "mean": np.round(self.mean, 5).tolist(),
            "projection": np.round(self.projection, 5).tolist(),
            "scale": self.scale,
            "window": self.window,
            "weights": np.round(self.weights, 3).tolist(),
        }

    @classmethod
    def from_json(cls, body: dict[str, object]) -> WordVectorLayer:
        return cls(
            np.array(body["mean"]),
            np.array(body["projection"]),
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
