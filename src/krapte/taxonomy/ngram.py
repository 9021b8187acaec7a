"""Sparse character n-gram and word TF-IDF matrices over every label of a taxonomy, max-pooled per concept.

This is the fast lexical ranker behind :func:`krapte.taxonomy.search.rank_occupations` (job-title normalisation)
and the candidate stage of :func:`krapte.taxonomy.search.search`:

* every preferred, alternative and hidden label of every concept of one kind, in every language, is one row;
* **character n-grams** (3 to 5 letters, inside words padded with a space at both ends, like scikit-learn's
  ``char_wb``) of the folded label, hashed into ``2**20`` columns with CRC-32 (stable across processes, no
  vocabulary to load), weighted by sublinear TF × smoothed IDF and L2-normalised: robust to inflection, typos,
  split or joined compounds (``warmte pomp`` / ``warmtepomp``) and word order;
* **word tokens**, stemmed in the label's language (:func:`krapte.text.stem`), with the same weighting: rewards
  whole-word agreement that n-grams blur (``monteur`` versus ``montage``);
* a query's score for a label is the cosine similarity of its vectors (a weighted sum of the char and word
  cosines, see :data:`WORD_WEIGHT`), and a concept's score is the best score of its labels (max pooling), plus a
  small prior for preferred labels (:data:`PREFERRED_PRIOR`).

Scoring a batch of queries is one sparse matrix product and one ``np.maximum.reduceat`` over rows grouped by
concept, so it costs well under a millisecond per title. The matrices are derived data: built in a few seconds
from the taxonomy and cached as ``.npz`` in ``settings.cache_dir`` (see :func:`krapte.taxonomy.search`).
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from scipy import sparse

from krapte.taxonomy.loading import UNREADABLE_NPZ, mapped_npz
from krapte.taxonomy.model import Taxonomy
from krapte.text.normalize import tokens
from krapte.text.stem import stem

BITS = 20
DIM = 1 << BITS
MASK = DIM - 1
NGRAM_MIN, NGRAM_MAX = 3, 5
WORD_WEIGHT = 0.3  # share of the word cosine in the lexical score; the rest is the char n-gram cosine
PREFERRED_PRIOR = 0.02
FORMAT = 2  # bump when the features change, so cached matrices are rebuilt

FloatArray = npt.NDArray[np.float32]


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & MASK


@lru_cache(maxsize=262144)
def _token_ngrams(token: str) -> tuple[int, ...]:
    """Hashed n-grams of one token padded with spaces (labels share most tokens, so this is cached)."""
    padded = f" {token} "
    n_chars = len(padded)
    if n_chars <= NGRAM_MIN:
        return (_hash(padded),)
    return tuple(
        _hash(padded[i : i + n]) for n in range(NGRAM_MIN, min(NGRAM_MAX, n_chars) + 1) for i in range(n_chars - n + 1)
    )


def char_features(text: str) -> list[int]:
    """Hashed character n-grams (3-5, word-bounded) of a folded text, one entry per occurrence."""
    out: list[int] = []
    for tok in tokens(text):
        out.extend(_token_ngrams(tok))
    return out


def word_features(text: str, lang: str | None) -> list[int]:
    """Hashed stemmed word tokens (prefixed ``w:`` so they never share a column with an n-gram)."""
    return [_hash("w:" + stem(t, lang)) for t in tokens(text)]


def _tf_rows(feature_lists: Sequence[list[int]]) -> sparse.csr_matrix:
    """Rows of sublinear term frequencies (1 + log tf) for lists of hashed features."""
    from scipy import sparse

    lengths = np.fromiter((len(f) for f in feature_lists), dtype=np.int64, count=len(feature_lists))
    cols = np.fromiter(itertools.chain.from_iterable(feature_lists), dtype=np.int32, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(feature_lists), dtype=np.int32), lengths)
    counts = sparse.coo_matrix(
        (np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(feature_lists), DIM)
    ).tocsr()  # duplicates are summed: term counts
    counts.sum_duplicates()
    counts.data = (1.0 + np.log(counts.data)).astype(np.float32)
    return counts


def _weighted(tf: sparse.csr_matrix, idf: FloatArray) -> sparse.csr_matrix:
    """Multiply by IDF per column and L2-normalise each row."""
    out = tf.copy()
    out.data = out.data * idf[out.indices]
    norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    out.data = (out.data / np.repeat(norms, np.diff(out.indptr))).astype(np.float32)
    return out


def _idf(tf: sparse.csr_matrix) -> FloatArray:
    df = np.bincount(tf.indices, minlength=DIM).astype(np.float64)
    n = tf.shape[0]
    idf: FloatArray = (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)
    return idf


@dataclass(frozen=True)
class LabelRows:
    """The labels of one kind of concept, grouped so that the labels of a concept are contiguous."""

    uris: tuple[str, ...]  # one per concept, in row-group order
    starts: npt.NDArray[np.int64]  # first row of each concept
    texts: tuple[str, ...]  # one per row
    langs: tuple[str, ...]
    preferred: npt.NDArray[np.bool_]
    row_concept: npt.NDArray[np.int32]  # concept number of each row


def label_rows(tax: Taxonomy, kind: str, langs: Iterable[str] | None = None) -> LabelRows:
    """Every preferred, alternative and hidden label of every concept of ``kind`` (in ``langs``, default all)."""
    wanted = set(langs) if langs is not None else None
    pool = tax.occupations if kind == "occupation" else tax.skills
    uris: list[str] = []
    starts: list[int] = []
    texts: list[str] = []
    row_langs: list[str] = []
    preferred: list[bool] = []
    for uri, concept in pool.items():
        seen: set[tuple[str, str]] = set()
        rows: list[tuple[str, str, bool]] = []
        for lang, label in concept.labels.items():
            rows.append((lang, label, True))
        for source in (concept.alt, concept.hidden):
            for lang, labels in source.items():
                rows.extend((lang, label, False) for label in labels)
        kept = []
        for lang, label, pref in rows:
            if not label or (wanted is not None and lang not in wanted) or (lang, label) in seen:
                continue
            seen.add((lang, label))
            kept.append((lang, label, pref))
        if not kept:
            continue
        uris.append(uri)
        starts.append(len(texts))
        for lang, label, pref in kept:
            texts.append(label.replace("\n", " "))
            row_langs.append(lang)
            preferred.append(pref)
    counts = [end - start for start, end in zip(starts, [*starts[1:], len(texts)], strict=True)]
    return LabelRows(
        uris=tuple(uris),
        starts=np.asarray(starts, dtype=np.int64),
        texts=tuple(texts),
        langs=tuple(row_langs),
        preferred=np.asarray(preferred, dtype=bool),
        row_concept=np.repeat(np.arange(len(uris), dtype=np.int32), counts),
    )


@dataclass(frozen=True)
class Postings:
    """A features × rows matrix in compressed sparse row form: the rows of feature ``f`` are
    ``indices[indptr[f]:indptr[f + 1]]`` with weights ``data[...]`` (the three arrays of a scipy CSR matrix, which
    is all a query reads; a loaded index maps them from its file and needs no scipy)."""

    data: FloatArray
    indices: npt.NDArray[np.int32]
    indptr: npt.NDArray[Any]

    @classmethod
    def of(cls, matrix: sparse.csr_matrix) -> Postings:
        return cls(matrix.data, matrix.indices, matrix.indptr)


@dataclass(frozen=True)
class NgramIndex:
    """Char n-gram and word TF-IDF matrices (stored transposed: features × rows) for one kind of concept."""

    kind: str
    rows: LabelRows
    char_t: Postings  # DIM × n_rows
    word_t: Postings  # DIM × n_rows
    char_idf: FloatArray
    word_idf: FloatArray

    # --- queries --------------------------------------------------------------------------------------------
    def row_scores(self, text: str, lang: str | None = None) -> FloatArray:
        """Lexical score of every label row for one query (array of n_rows), see the module docstring.

        The query's TF-IDF vectors are sparse (a few dozen features), so the product with the transposed label
        matrices is a scatter-add of the features' posting rows (``np.bincount``), never a dense matrix.
        """
        n_rows = len(self.rows.texts)
        index_parts: list[npt.NDArray[np.int32]] = []
        value_parts: list[FloatArray] = []
        for matrix, idf, feats, share in (
            (self.char_t, self.char_idf, char_features(text), 1.0 - WORD_WEIGHT),
            (self.word_t, self.word_idf, word_features(text, lang), WORD_WEIGHT),
        ):
            weights = _query_weights(feats, idf)
            indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
            for feature, weight in weights.items():
                lo, hi = indptr[feature], indptr[feature + 1]
                if hi > lo:
                    index_parts.append(indices[lo:hi])
                    value_parts.append(data[lo:hi] * (share * weight))
        if not index_parts:
            return np.zeros(n_rows, dtype=np.float32)
        scores = np.bincount(np.concatenate(index_parts), weights=np.concatenate(value_parts), minlength=n_rows).astype(
            np.float32
        )
        scores += PREFERRED_PRIOR * (self.rows.preferred & (scores > 0))
        return scores

    def concept_scores(self, text: str, lang: str | None = None) -> FloatArray:
        """Best label score per concept (array in :attr:`LabelRows.uris` order) for one query."""
        return pool_max(self.row_scores(text, lang), self.rows.starts)

    def best_row(self, row_scores: FloatArray, concept: int) -> int:
        """The row (label) of ``concept`` with the highest score."""
        lo = int(self.rows.starts[concept])
        hi = int(self.rows.starts[concept + 1]) if concept + 1 < len(self.rows.starts) else len(self.rows.texts)
        return lo + int(np.argmax(row_scores[lo:hi]))


def _query_weights(features: list[int], idf: FloatArray) -> dict[int, float]:
    """Sublinear TF × IDF of a query's features, L2-normalised ({} for an empty query)."""
    counts: dict[int, int] = {}
    for f in features:
        counts[f] = counts.get(f, 0) + 1
    weights = {f: (1.0 + math.log(c)) * float(idf[f]) for f, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {f: w / norm for f, w in weights.items()} if norm > 0 else {}


def pool_max(scores: FloatArray, starts: npt.NDArray[np.int64]) -> FloatArray:
    """Max over contiguous row groups of a 1-D score array (rows of one concept are contiguous)."""
    if scores.shape[-1] == 0:
        return np.zeros(0, dtype=np.float32)
    pooled: FloatArray = np.maximum.reduceat(scores, starts)
    return pooled


def build_ngram_index(tax: Taxonomy, kind: str) -> NgramIndex:
    """Build the matrices for ``kind`` (a few seconds for ESCO occupations, about 20 s for skills)."""
    rows = label_rows(tax, kind)
    char_tf = _tf_rows([char_features(t) for t in rows.texts])
    word_tf = _tf_rows([word_features(t, lang) for t, lang in zip(rows.texts, rows.langs, strict=True)])
    char_idf, word_idf = _idf(char_tf), _idf(word_tf)
    return NgramIndex(
        kind=kind,
        rows=rows,
        char_t=Postings.of(_weighted(char_tf, char_idf).T.tocsr()),
        word_t=Postings.of(_weighted(word_tf, word_idf).T.tocsr()),
        char_idf=char_idf,
        word_idf=word_idf,
    )


def save_ngram_index(index: NgramIndex, path: Path) -> None:
    """Write the index as one uncompressed ``.npz`` (atomically: a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{id(index)}.tmp.npz")
    r = index.rows
    np.savez(
        tmp,
        format=np.asarray([FORMAT]),
        kind=np.asarray([index.kind]),
        uris=np.asarray(r.uris),
        starts=r.starts,
        texts=np.frombuffer("\n".join(r.texts).encode("utf-8"), dtype=np.uint8),
        langs=np.asarray(r.langs),
        preferred=r.preferred,
        row_concept=r.row_concept,
        char_data=index.char_t.data,
        char_indices=index.char_t.indices,
        char_indptr=index.char_t.indptr,
        word_data=index.word_t.data,
        word_indices=index.word_t.indices,
        word_indptr=index.word_t.indptr,
        char_idf=index.char_idf,
        word_idf=index.word_idf,
    )
    tmp.replace(path)


def load_ngram_index(path: Path) -> NgramIndex | None:
    """Read an index written by :func:`save_ngram_index`; None when it is missing, stale or unreadable.

    The arrays are memory-mapped from the file (read-only), not read: a query touches only the posting rows of its
    own features, so loading costs milliseconds instead of reading and checking 50 MB
    (:func:`krapte.taxonomy.loading.mapped_npz`).
    """
    try:
        d = mapped_npz(path)
        if int(d["format"][0]) != FORMAT:
            return None
        texts = tuple(d["texts"].tobytes().decode("utf-8").split("\n"))
        rows = LabelRows(
            uris=tuple(d["uris"].tolist()),
            starts=d["starts"],
            texts=texts,
            langs=tuple(d["langs"].tolist()),
            preferred=d["preferred"],
            row_concept=d["row_concept"],
        )
        char_t = Postings(d["char_data"], d["char_indices"], d["char_indptr"])
        word_t = Postings(d["word_data"], d["word_indices"], d["word_indptr"])
        n_rows = len(texts)
        for postings in (char_t, word_t):
            if (
                len(postings.indptr) != DIM + 1
                or int(postings.indptr[-1]) != len(postings.indices)
                or len(postings.data) != len(postings.indices)
                or (len(postings.indices) and int(postings.indices.max()) >= n_rows)
            ):
                return None
        if len(rows.preferred) != n_rows or len(rows.row_concept) != n_rows or len(rows.starts) != len(rows.uris):
            return None
        return NgramIndex(str(d["kind"][0]), rows, char_t, word_t, d["char_idf"], d["word_idf"])
    except UNREADABLE_NPZ:
        return None


_loaded: dict[Path, NgramIndex] = {}


def cache_path(tax: Taxonomy, kind: str, cache_dir: Path) -> Path:
    """Where the matrices of ``kind`` are cached: keyed by the taxonomy content and the feature format."""
    return cache_dir / f"ngram-{tax.key}-{kind}-f{FORMAT}.npz"


def get_ngram_index(tax: Taxonomy, kind: str, cache_dir: Path) -> NgramIndex:
    """The n-gram index of ``kind``: from memory, from the cache directory, or built now and cached.

    Building takes seconds; a file lock makes parallel processes build it once. A read-only cache directory only
    costs the rebuild in the next process.
    """
    from krapte.taxonomy.index import file_lock

    path = cache_path(tax, kind, cache_dir)
    index = _loaded.get(path)
    if index is not None:
        return index
    index = load_ngram_index(path) if path.exists() else None
    if index is None:
        try:
            with file_lock(path.with_name(path.name + ".lock")):
                index = load_ngram_index(path) if path.exists() else None
                if index is None:
                    index = build_ngram_index(tax, kind)
                    save_ngram_index(index, path)
        except OSError:
            index = index or build_ngram_index(tax, kind)
    _loaded[path] = index
    return index
