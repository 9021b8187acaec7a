"""Skill embeddings for the cross-lingual stage and for ``rank_skills``: a thin view of the taxonomy's label index.

The vectors are the taxonomy's skill label index (:func:`krapte.taxonomy.index.get_index`: every preferred label,
Dutch and English, embedded with the offline multilingual-e5-small model), so Dutch phrases reach skills that only
have English labels. It is a derived artefact in ``settings.cache_dir``, built on first use or by
``krapte taxonomy build-index``, never committed; this module keeps no cache of its own. :class:`SkillVectors` adds
what extraction needs on top: batched best-label scores per skill, top-k, restriction masks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from krapte.errors import ConfigError
from krapte.settings import Settings
from krapte.taxonomy import embedding
from krapte.taxonomy.index import LabelIndex, get_index
from krapte.taxonomy.model import Taxonomy


def embedding_available() -> bool:
    """Whether the offline encoder can be used (the ``embeddings`` extra is installed and not switched off)."""
    return embedding.available()


def encode(texts: Sequence[str], *, kind: Literal["query", "passage"]) -> npt.NDArray[np.float32]:
    """L2-normalised float32 embeddings from the taxonomy's encoder (:func:`krapte.taxonomy.embedding.encode`),
    one row per text. Each distinct text is encoded once (a document repeats phrases: "heden", a job title, a
    city): the encoder's cost is its tokens, and a text's vector does not depend on the others in the batch."""
    texts = list(texts)
    distinct = list(dict.fromkeys(texts))
    vectors = embedding.encode(distinct, kind=kind)
    if len(distinct) == len(texts):
        return vectors
    row = {text: i for i, text in enumerate(distinct)}
    return vectors[[row[text] for text in texts]]


class SkillVectors:
    """Scores of query vectors against every skill: the best cosine over the skill's labels in the index."""

    def __init__(self, index: LabelIndex) -> None:
        self.index = index

    @property
    def skill_uris(self) -> tuple[str, ...]:
        """One entry per skill, the columns of :meth:`scores`."""
        return self.index.concept_uris

    def scores(self, queries: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Cosine of every query row with every skill (best label per skill): shape (queries, len(skill_uris))."""
        return self.index.pooled(queries)

    def mask(self, allowed: set[str]) -> npt.NDArray[np.bool_]:
        return np.array([u in allowed for u in self.skill_uris])

    def top_of_row(self, row: npt.NDArray[np.float32], k: int) -> list[tuple[str, float]]:
        """The ``k`` best skills of one :meth:`scores` row."""
        order = np.argpartition(-row, min(k, len(row) - 1))[:k]
        order = order[np.argsort(-row[order])]
        return [(self.skill_uris[int(j)], float(row[int(j)])) for j in order]

    def top(self, queries: npt.NDArray[np.float32], k: int) -> list[list[tuple[str, float]]]:
        """The ``k`` best skills per query row by cosine."""
        return [self.top_of_row(row, k) for row in self.scores(queries)]


def load_skill_vectors(taxonomy: Taxonomy, settings: Settings | None = None) -> SkillVectors:
    """The skill label embeddings of this taxonomy, from the taxonomy's index (memory, cache, or built now)."""
    index = get_index(taxonomy, "skill", settings)
    if index is None:
        raise ConfigError(
            "the embedding model is not available, so skills cannot be embedded",
            hint="install it with: pip install 'krapte[embeddings]' (or unset KRAPTE_NO_EMBEDDINGS)",
        )
    return SkillVectors(index)
