"""More label rows per skill for the cross-lingual stage: machine-derived Dutch labels and English alternatives.

The taxonomy's skill label index embeds each skill's preferred labels only, so a Dutch phrase reaches a skill only
through one or two wordings. ``krapte/data/extract-crosslingual/label-rows.npz`` (built by
``scripts/extract/build_label_rows.py``) holds the embeddings of the labels the index leaves out: the machine-derived
Dutch labels of skills without an official one (:data:`SOURCES` ``derived-nl``) and the first English alternative
labels of every skill (``alt-en``), int8 codes with one scale per row. :class:`LabelRows` scores query vectors
against them, best row per skill (max-pooling), in the columns of the skill index, so the stage takes per skill the
best of its preferred and extra labels.

The file is used only when its model id and taxonomy key match the running ones; otherwise the stage runs on the
preferred labels alone (:func:`load_label_rows` returns None). Loading reads one file (about 0.1 CPU seconds, once
per process, when a Dutch text first reaches the stage; the int8 codes are stored uncompressed, see
:func:`save_label_rows`); nothing is embedded at run time.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import IO

import numpy as np
import numpy.typing as npt

from krapte.taxonomy.index import dequantise

__all__ = ["FILE_NAME", "SOURCES", "LabelRows", "load_label_rows", "save_label_rows"]

FILE_NAME = "label-rows.npz"
SOURCES: tuple[str, ...] = ("derived-nl", "alt-en")
_DATA_DIR = "extract-crosslingual"


@dataclass(frozen=True)
class LabelRows:
    """Extra label rows: row ``i`` embeds ``texts[i]``, a label of skill ``skills[skill[i]]``, from
    ``SOURCES[source[i]]``."""

    skills: tuple[str, ...]
    skill: npt.NDArray[np.int32]
    source: npt.NDArray[np.int8]
    texts: tuple[str, ...]
    vectors: npt.NDArray[np.float32]

    def columns(self, skill_uris: Sequence[str]) -> npt.NDArray[np.int64]:
        """Per extra skill its column in ``skill_uris`` (−1 when absent)."""
        where = {u: i for i, u in enumerate(skill_uris)}
        return np.array([where.get(u, -1) for u in self.skills], dtype=np.int64)

    def best_rows(self, queries: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int32]]:
        """Per query the best cosine over each skill's rows, for the skills that have rows here: (scores of shape
        (queries, n), the n skills as indices into :attr:`skills`)."""
        sims = np.asarray(queries, dtype=np.float32) @ self.vectors.T
        if not sims.shape[1]:
            return np.zeros((sims.shape[0], 0), dtype=np.float32), np.zeros(0, dtype=np.int32)
        starts = self.starts
        best: npt.NDArray[np.float32] = np.maximum.reduceat(sims, starts, axis=1)
        return best, self.skill[starts]

    def only(self, sources: tuple[int, ...]) -> LabelRows:
        """The rows of these sources (same skill list)."""
        keep = np.flatnonzero(np.isin(self.source, sources))
        return LabelRows(
            self.skills, self.skill[keep], self.source[keep], tuple(self.texts[i] for i in keep), self.vectors[keep]
        )

    @cached_property
    def starts(self) -> npt.NDArray[np.int64]:
        """The first row of each skill's run of rows (a skill's rows are contiguous); computed once, not per call
        of :meth:`best_rows`."""
        change = np.flatnonzero(np.diff(self.skill)) + 1
        return np.concatenate([[0], change]).astype(np.int64)

    @cached_property
    def by_source(self) -> list[tuple[int, LabelRows]]:
        """The rows split by source (:meth:`only`), the same skill list in each part."""
        return [(source, self.only((source,))) for source in sorted(set(self.source.tolist()))]


@cache
def load_label_rows(model_id: str, taxonomy_key: str) -> LabelRows | None:
    """The shipped extra label rows, or None when absent or built for another model or taxonomy."""
    try:
        data = (resources.files("krapte.data") / _DATA_DIR / FILE_NAME).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    with np.load(io.BytesIO(data), allow_pickle=False) as stored:
        if str(stored["model"]) != model_id or str(stored["taxonomy"]) != taxonomy_key:
            return None
        return LabelRows(
            skills=tuple(stored["skills"].tolist()),
            skill=stored["skill"].astype(np.int32),
            source=stored["source"].astype(np.int8),
            texts=tuple(stored["texts"].tolist()),
            vectors=dequantise(stored["codes"], stored["scale"]),
        )


def save_label_rows(target: IO[bytes], arrays: Mapping[str, npt.ArrayLike]) -> None:
    """Write the rows as an ``.npz`` archive that :func:`load_label_rows` reads: every array compressed except the
    int8 ``codes``, which barely compress (11.7 → 11.2 MB) and are stored as they are, so that loading them is a copy
    instead of 0.1 CPU s of inflating."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "codes" else zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.asanyarray(array), allow_pickle=False)
