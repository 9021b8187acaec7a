"""Cached label embeddings of all occupations and skills, for semantic search and ranking.

An index holds one row per label text and the URI each row belongs to, rows of one concept contiguous. Occupation
indexes embed the preferred labels in every language and the Dutch alternative and hidden labels (job titles are
mostly Dutch, and ESCO's Dutch alternative labels are where most real titles are found: about 27,000 rows, some
minutes to build once) with E5's ``query:`` prefix, since titles and labels are the same kind of text; skill
indexes embed the preferred labels only (19,000 rows) as ``passage:``, since they are compared with sentences. The
other labels are left to the lexical indexes. It is derived data: computed on first use, or ahead of time by
``krapte taxonomy build-index`` (``make index``), and written atomically into ``settings.cache_dir`` under a name
keyed by the taxonomy content and the embedding model, so tests, the CLI and the app reuse it. A file lock makes
parallel processes (pytest workers, app workers) build it once.

Embedding the labels takes 5–15 minutes on two cores, so the vectors of the embedded ESCO default ship with the
package, quantised to int8 with one scale per row (``krapte/data/esco-label-vectors``, built by
``scripts/build_label_vectors.py``). When the cache has no index and a shipped file matches the taxonomy key, the
model, the row set (a SHA-256 of the (uri, text) rows) and the kind, the index is made from it in a fraction of a
second instead of being embedded; any other taxonomy (an imported release) is embedded as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from krapte.settings import Settings
from krapte.taxonomy import embedding
from krapte.taxonomy.loading import UNREADABLE_NPZ, mapped_npz
from krapte.taxonomy.model import Taxonomy

IndexKind = Literal["occupation", "skill"]
KINDS: tuple[IndexKind, ...] = ("occupation", "skill")
Progress = Callable[[str], Any] | None
OCCUPATION_ALT_LANGS: tuple[str, ...] = ("nl",)
# part of the cache name: which rows are embedded, and how
ROWS_VERSION: dict[str, str] = {"occupation": "-rows2q", "skill": ""}
# E5 prefix of the label texts: occupation labels are compared with job titles, a symmetric task for which E5
# recommends "query: " on both sides; skill labels are compared with sentences, an asymmetric one ("passage: ")
LABEL_PREFIX: dict[str, embedding.Kind] = {"occupation": "query", "skill": "passage"}


@dataclass(frozen=True)
class LabelIndex:
    """Row ``i`` of ``vectors`` embeds ``texts[i]``, a label of the concept ``uris[i]``."""

    kind: IndexKind
    uris: tuple[str, ...]
    texts: tuple[str, ...]
    vectors: npt.NDArray[np.float32]

    @cached_property
    def concept_uris(self) -> tuple[str, ...]:
        """The concepts of the index in row order (one entry per concept)."""
        return tuple(dict.fromkeys(self.uris))

    @cached_property
    def _starts(self) -> npt.NDArray[np.int64]:
        """First row of each concept (rows of a concept are contiguous, see :func:`label_rows`)."""
        starts = [i for i, uri in enumerate(self.uris) if i == 0 or uri != self.uris[i - 1]]
        return np.asarray(starts, dtype=np.int64)

    def pooled(self, query_vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Best cosine similarity per concept (columns in :attr:`concept_uris` order) for each query vector."""
        return self.pool(np.asarray(query_vectors, dtype=np.float32) @ self.vectors.T)

    def pool(self, sims: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Per concept the best of the row similarities ``sims`` (queries × rows)."""
        if sims.shape[1] == 0:
            return sims
        pooled: npt.NDArray[np.float32] = np.maximum.reduceat(sims, self._starts, axis=1)
        return pooled

    def scores(self, query_vector: npt.NDArray[np.float32]) -> dict[str, float]:
        """Best cosine similarity per concept for one query vector."""
        best = self.pooled(query_vector[None, :])[0]
        return dict(zip(self.concept_uris, best.tolist(), strict=True))

    def top(self, query_vector: npt.NDArray[np.float32], k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` concepts most similar to a query vector, best first (one entry per concept)."""
        sims = self.vectors @ query_vector
        order = np.argsort(-sims)
        out: list[tuple[str, float]] = []
        seen: set[str] = set()
        for i in order:
            uri = self.uris[int(i)]
            if uri in seen:
                continue
            seen.add(uri)
            out.append((uri, float(sims[int(i)])))
            if len(out) >= k:
                break
        return out


def label_rows(tax: Taxonomy, kind: IndexKind) -> list[tuple[str, str]]:
    """The (uri, text) pairs embedded for ``kind``, the rows of one concept contiguous: the preferred labels in
    every language, and for occupations also the alternative and hidden labels in :data:`OCCUPATION_ALT_LANGS`."""
    pool = tax.occupations if kind == "occupation" else tax.skills
    rows: list[tuple[str, str]] = []
    for uri, concept in pool.items():
        texts = [t for t in concept.labels.values() if t]
        if kind == "occupation":
            for lang in OCCUPATION_ALT_LANGS:
                texts.extend(concept.alt_labels(lang))
                texts.extend(concept.hidden_labels(lang))
        rows.extend((uri, t) for t in dict.fromkeys(texts))
    return rows


def cache_path(tax: Taxonomy, kind: IndexKind, settings: Settings) -> Path:
    rows = ROWS_VERSION[kind]
    return settings.cache_dir / f"index-{tax.key}-{embedding.model_id()}-{kind}{rows}.npz"


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX; concurrent builds then just repeat the work
            pass
        yield


def _load(path: Path, kind: IndexKind) -> LabelIndex | None:
    """The index in ``path`` (vectors memory-mapped read-only, see :func:`krapte.taxonomy.loading.mapped_npz`);
    None when it is missing or unreadable."""
    try:
        data = mapped_npz(path)
        uris, texts = tuple(data["uris"].tolist()), tuple(data["texts"].tolist())
        vectors = np.ascontiguousarray(data["vectors"], dtype=np.float32)
        if vectors.ndim != 2 or len(vectors) != len(uris) or len(texts) != len(uris):
            return None
        return LabelIndex(kind=kind, uris=uris, texts=texts, vectors=vectors)
    except UNREADABLE_NPZ:
        return None


def _save(index: LabelIndex, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp.npz")
    np.savez(tmp, uris=np.array(index.uris), texts=np.array(index.texts), vectors=index.vectors)
    tmp.replace(path)


def build(tax: Taxonomy, kind: IndexKind, settings: Settings, progress: Progress = None) -> LabelIndex:
    """Embed the labels of ``kind`` and write the index atomically into the cache (rebuilds unconditionally)."""
    rows = label_rows(tax, kind)
    texts = [t for _, t in rows]
    chunks = []
    step = 2048
    for start in range(0, len(texts), step):
        if progress:
            progress(f"embedding {kind} labels {start}/{len(texts)}")
        chunks.append(embedding.encode(texts[start : start + step], kind=LABEL_PREFIX[kind]))
    vectors = np.vstack(chunks) if chunks else np.zeros((0, embedding.DIM), dtype=np.float32)
    index = LabelIndex(kind=kind, uris=tuple(u for u, _ in rows), texts=tuple(texts), vectors=vectors)
    _save(index, cache_path(tax, kind, settings))
    return index


# -- shipped, quantised vectors -------------------------------------------------------------------------------------
SHIPPED_DATASET = "esco-label-vectors"


def rows_digest(rows: list[tuple[str, str]]) -> str:
    """SHA-256 of the (uri, text) rows of an index, in order: a shipped file fits only exactly these rows."""
    digest = hashlib.sha256()
    for uri, text in rows:
        digest.update(f"{uri}\t{text}\n".encode())
    return digest.hexdigest()


def shipped_name(tax: Taxonomy, kind: IndexKind) -> str:
    return f"{tax.key}-{embedding.model_id()}-{kind}{ROWS_VERSION[kind]}.npz"


def quantise(vectors: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
    """Symmetric int8 codes with one scale per row: ``vectors ≈ codes * scale[:, None]``."""
    peak = np.abs(vectors).max(axis=1) if len(vectors) else np.zeros(0, dtype=np.float32)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return codes, scale


def dequantise(codes: npt.NDArray[np.int8], scale: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Float32 rows from int8 codes, L2-normalised again (a dot product stays a cosine)."""
    # in place on one float32 array: the same arithmetic as ``codes * scale / norm`` without two temporaries and
    # a final copy (a third of the time for the 30,000 extra label rows of the cross-lingual stage)
    vectors: npt.NDArray[np.float32] = codes.astype(np.float32)
    vectors *= scale.astype(np.float32)[:, None]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vectors /= norms
    return vectors


def shipped_file(tax: Taxonomy, kind: IndexKind) -> bytes | None:
    """The shipped file for this taxonomy key, model and kind, if the package has one."""
    path = resources.files("krapte.data") / SHIPPED_DATASET / shipped_name(tax, kind)
    return path.read_bytes() if path.is_file() else None


def from_shipped(tax: Taxonomy, kind: IndexKind, data: bytes | None = None) -> LabelIndex | None:
    """The index made from the shipped quantised vectors (``data``, default :func:`shipped_file`), or None when none
    fits this taxonomy, model and rows."""
    data = data if data is not None else shipped_file(tax, kind)
    if data is None:
        return None
    rows = label_rows(tax, kind)
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            if str(stored["rows_digest"]) != rows_digest(rows) or str(stored["model"]) != embedding.model_id():
                return None
            codes, scale = stored["codes"], stored["scale"]
    except (OSError, KeyError, ValueError):
        return None
    if codes.shape != (len(rows), embedding.DIM) or scale.shape != (len(rows),):
        return None
    return LabelIndex(
        kind=kind, uris=tuple(u for u, _ in rows), texts=tuple(t for _, t in rows), vectors=dequantise(codes, scale)
    )


def shipped_bytes(tax: Taxonomy, index: LabelIndex) -> bytes:
    """The shipped form of ``index`` (compressed ``.npz``: int8 codes, per-row scales, the rows' digest, the model)."""
    codes, scale = quantise(index.vectors)
    out = io.BytesIO()
    rows = list(zip(index.uris, index.texts, strict=True))
    np.savez_compressed(
        out, codes=codes, scale=scale, rows_digest=np.array(rows_digest(rows)), model=np.array(embedding.model_id())
    )
    return out.getvalue()


_loaded: dict[Path, LabelIndex] = {}


def get_index(
    tax: Taxonomy, kind: IndexKind, settings: Settings | None = None, progress: Progress = None, *, shipped: bool = True
) -> LabelIndex | None:
    """The label index of ``kind``: from memory, from the cache, from the shipped vectors (unless ``shipped`` is
    False), or built now. None without an embedding model."""
    if not embedding.available():
        return None
    settings = settings or Settings.from_env()
    path = cache_path(tax, kind, settings)
    if path in _loaded:
        return _loaded[path]
    index = _load(path, kind) if path.exists() else None
    if index is None:
        with file_lock(path.with_name(path.name + ".lock")):
            index = _load(path, kind) if path.exists() else None  # another process may have built it meanwhile
            if index is None and shipped:
                index = from_shipped(tax, kind)
                if index is not None:
                    if progress:
                        progress(f"{kind} label vectors from the shipped int8 file ({len(index.uris)} labels)")
                    _save(index, path)
            if index is None:
                index = build(tax, kind, settings, progress)
    _loaded[path] = index
    return index


def build_all(tax: Taxonomy, settings: Settings, progress: Progress = None) -> dict[str, int]:
    """Make sure every derived index exists in the cache (``krapte taxonomy build-index``): the occupation n-gram
    matrices and, with the embedding model, the label embeddings. Returns rows per index."""
    from krapte.taxonomy.ngram import get_ngram_index

    report = {"occupation_ngram": len(get_ngram_index(tax, "occupation", settings.cache_dir).rows.texts)}
    if not embedding.available():
        return report
    for kind in KINDS:
        idx = get_index(tax, kind, settings, progress)
        if idx is not None:
            report[kind] = len(idx.uris)
    return report
