"""Static word vectors for the span tagger that need no encoder at run time.

A fixed vocabulary (every English word of ESCO's labels and descriptions plus the SkillSpan train words) was embedded
once at build time by the shipped encoder (each word alone, ``query:`` prefix), centred and reduced to its principal
components (``scripts/extract/span_words_build.py``). The table keeps the reduced vectors as int8 with one scale per
dimension. Any other word gets a vector from a fastText-style subword model: a ridge regression from hashed
character n-grams of the word (``<word>`` with boundary marks, n = 3…5, CRC-32 buckets) to its reduced vector, fitted
on the same vocabulary. A lookup costs a dictionary access; an unseen word a dozen hashes and one small sum.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["WordTable", "char_ngrams", "default_word_table", "fit_subword", "ngram_buckets", "quantise"]

Matrix = npt.NDArray[np.float64]
NGRAM_SIZES = (3, 4, 5)


def char_ngrams(word: str, sizes: Iterable[int] = NGRAM_SIZES) -> list[str]:
    """The character n-grams of ``<word>`` (``<`` and ``>`` mark the word's start and end)."""
    marked = f"<{word}>"
    return [marked[i : i + n] for n in sizes for i in range(len(marked) - n + 1)]


def ngram_buckets(word: str, buckets: int) -> list[int]:
    """The hash bucket (CRC-32 modulo ``buckets``) of every character n-gram of the word."""
    return [zlib.crc32(g.encode("utf-8")) % buckets for g in char_ngrams(word)]


def quantise(x: Matrix) -> tuple[npt.NDArray[np.int8], Matrix]:
    """int8 codes and the per-column scale: ``x ≈ codes * scale``."""
    scale = np.abs(x).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return np.round(x / scale).astype(np.int8), scale


def _design(words: Sequence[str], buckets: int) -> object:
    """Sparse (words × buckets) matrix of n-gram counts, each row scaled to unit length."""
    from scipy import sparse

    rows, cols = [], []
    for r, w in enumerate(words):
        b = ngram_buckets(w, buckets)
        rows += [r] * len(b)
        cols += b
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(words), buckets))
    x.sum_duplicates()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ x


def fit_subword(words: Sequence[str], targets: Matrix, buckets: int, ridge: float, iters: int = 300) -> Matrix:
    """Ridge regression from a word's n-gram buckets to its vector: (buckets × dims) weights.

    Solved by conjugate gradients on the normal equations (one independent system per output dimension)."""
    x = _design(words, buckets)
    y = np.asarray(targets, dtype=np.float64)

    def apply(w: Matrix) -> Matrix:
        return np.asarray(x.T @ (x @ w)) + ridge * w  # type: ignore[attr-defined,operator]

    b = np.asarray(x.T @ y)  # type: ignore[attr-defined]
    w = np.zeros_like(b)
    r = b - apply(w)
    p = r.copy()
    rs = (r * r).sum(axis=0)
    for _ in range(iters):
        ap = apply(p)
        alpha = rs / np.maximum((p * ap).sum(axis=0), 1e-30)
        w += p * alpha
        r -= ap * alpha
        new = (r * r).sum(axis=0)
        if np.sqrt(new.max()) < 1e-6:
            break
        p = r + p * (new / np.maximum(rs, 1e-30))
        rs = new
    return w


def predict_subword(words: Sequence[str], weights: Matrix) -> Matrix:
    """Vectors of words from the subword model (the same unit-length n-gram rows as in :func:`fit_subword`)."""
    return np.asarray(_design(words, weights.shape[0]) @ weights)  # type: ignore[operator]


@dataclass
class WordTable:
    """Reduced word vectors of a fixed vocabulary plus the subword model for every other word."""

    words: list[str]
    codes: npt.NDArray[np.int8]  # (words × dims)
    scale: Matrix  # (dims,)
    subword_codes: npt.NDArray[np.int8]  # (buckets × dims)
    subword_scale: Matrix  # (dims,)
    _index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {w: i for i, w in enumerate(self.words)}

    @property
    def dims(self) -> int:
        return int(self.codes.shape[1])

    def vector(self, word: str) -> Matrix:
        """The reduced vector of a word (lower-cased): from the table, or from its n-grams if not in it."""
        w = word.lower()
        i = self._index.get(w)
        if i is not None:
            return self.codes[i] * self.scale
        # not kept: the words of a user's text stay out of the process's memory (a few microseconds each)
        ids, counts = np.unique(ngram_buckets(w, self.subword_codes.shape[0]), return_counts=True)
        vector: Matrix = counts @ self.subword_codes[ids] * self.subword_scale / np.sqrt((counts**2).sum())
        return vector

    def vectors(self, tokens: Sequence[str]) -> Matrix:
        """(tokens × dims) reduced vectors of a sentence's tokens."""
        if not tokens:
            return np.zeros((0, self.dims))
        return np.vstack([self.vector(t) for t in tokens])

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            words=np.array("\n".join(self.words)),
            codes=self.codes,
            scale=self.scale,
            subword_codes=self.subword_codes,
            subword_scale=self.subword_scale,
        )

    @classmethod
    def load(cls, path: Path) -> WordTable:
        with np.load(path, allow_pickle=False) as z:
            return cls(
                str(z["words"]).split("\n"),
                z["codes"],
                z["scale"],
                z["subword_codes"],
                z["subword_scale"],
            )


@cache
def default_word_table() -> WordTable | None:
    """The table shipped in ``krapte/data/extract-span-tagger/`` (None if the package was built without it)."""
    path = resources.files("krapte.data") / "extract-span-tagger" / "span-word-vectors.npz"
    if not path.is_file():
        return None
    with resources.as_file(path) as p:
        return WordTable.load(p)
