"""A linear Dutch → English map of query vectors, fitted on ESCO's own label pairs.

5,352 ESCO skills have a Dutch and an English preferred label; both are rows of the skill label index. A ridge
regression towards the identity, ``W = (XᵀX + λI)⁻¹(XᵀY + λI)`` with X the Dutch and Y the English label vectors,
moves a Dutch vector towards where the encoder puts its English translation. Nothing of the sentence sets is used:
the pairs are the taxonomy's. Measured as a comparison option of the cross-lingual stage (``docs/benchmarks.md``,
*Dutch recall: phrase side and re-ranking*).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["fit_query_map", "label_pairs", "map_queries"]


def label_pairs(index: Any, taxonomy: Any) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The Dutch and the English preferred-label rows of ``index`` for every skill that has both, row for row."""
    rows: dict[str, dict[str, int]] = {"nl": {}, "en": {}}
    for i, (uri, text) in enumerate(zip(index.uris, index.texts, strict=True)):
        labels = taxonomy.skills[uri].labels
        for lang in ("nl", "en"):
            if text == labels.get(lang):
                rows[lang][uri] = i
    pairs = [uri for uri in rows["nl"] if uri in rows["en"]]
    x = np.asarray(index.vectors[[rows["nl"][u] for u in pairs]], dtype=np.float64)
    y = np.asarray(index.vectors[[rows["en"][u] for u in pairs]], dtype=np.float64)
    return x, y


def fit_query_map(index: Any, taxonomy: Any, lam: float) -> npt.NDArray[np.float32]:
    """The map of :mod:`krapte.extract.query_map` from the Dutch and English preferred label rows of ``index``."""
    x, y = label_pairs(index, taxonomy)
    eye = np.eye(x.shape[1])
    return np.linalg.solve(x.T @ x + lam * eye, x.T @ y + lam * eye).astype(np.float32)


def map_queries(queries: npt.NDArray[np.float32], w: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``queries`` mapped by ``w``, L2-normalised again."""
    mapped = queries @ w
    norms = np.linalg.norm(mapped, axis=1, keepdims=True)
    out: npt.NDArray[np.float32] = mapped / np.maximum(norms, 1e-12)
    return out
