"""Viability of a career pathway: thresholds derived from the similarity distribution, and the tiers they define.

Nesta's *Mapping Career Causeways* calls a transition viable above one similarity threshold and highly viable
above a higher one, both read off the distribution of its similarity measure. krapte does the same for its own
measures (exact skill overlap, and overlap with semantic credit, whose distribution lies higher), with one rule
for both, so the thresholds are derived, not tuned on examples:

- **highly viable** ("hoog"): similarity in the top 0.5 % of all ordered occupation pairs (p99.5);
- **viable** ("haalbaar"): the top 1 % (p99), about 30 of the 3,039 ESCO occupations per origin on average;
- **reachable with training** ("met scholing", krapte's addition): the top 5 % (p95) *and* an entry-level
  target: ISCO-08 skill level at most :data:`ENTRY_LEVEL` (2: the level of mbo 1–3), so there is an entry
  route (bbl or derde leerweg at mbo 2, a starting job) and the larger gap is learnable on the job. It is shown
  after the viable targets, marked as lower viability with its (larger) learning effort, instead of leaving a
  person whose ESCO profile is generic (kassamedewerker, productiemedewerker, orderpicker) with an empty list;
- **laag**: below all of these; listed only when asked for (``viable_only=False``).

All tiers also need the education-level gate (target level at most one above or below the origin's).

Exact overlap uses the constants :data:`THRESHOLDS`, derived once for the embedded ESCO v1.2.0 (a test checks
that :func:`derive_thresholds` still gives them). With semantic credit the distribution depends on the skill
vectors, so :func:`thresholds_for` derives the thresholds from the all-pairs distribution of the neighbours in
use, once per process (about as long as the all-pairs computation: seconds). ``python -m bench match_pathways``
prints both; see docs/pathways.md for the distributions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from krapte.match.kept import derived

if TYPE_CHECKING:
    from krapte.match.similarity import SemanticNeighbours
    from krapte.taxonomy.model import Taxonomy

__all__ = [
    "ENTRY_LEVEL",
    "HIGHLY_VIABLE",
    "REACHABLE",
    "THRESHOLDS",
    "TIERS",
    "VIABLE",
    "Thresholds",
    "derive_thresholds",
    "thresholds_for",
    "viability_tiers",
]


@dataclass(frozen=True)
class Thresholds:
    """Viability thresholds of one similarity measure (percentiles of its all-pairs distribution)."""

    viable: float  # p99
    highly_viable: float  # p99.5
    reachable: float  # p95 (plus: no education step up)
    basis: str


#: exact skill overlap (no skill vectors), ESCO v1.2.0, 9.2 million ordered pairs: p95 0.045, p99 0.185, p99.5 0.293
THRESHOLDS = Thresholds(0.18, 0.29, 0.04, "exact skill overlap; ESCO v1.2.0 all-pairs p99 / p99.5 / p95")
VIABLE = THRESHOLDS.viable
HIGHLY_VIABLE = THRESHOLDS.highly_viable
REACHABLE = THRESHOLDS.reachable

#: the highest ISCO-08 skill level of an entry-level target for the tier "met scholing" (2: mbo 1-3, NLQF 1-3)
ENTRY_LEVEL = 2

#: tier names, best first (the index is the tier number of :func:`viability_tiers`)
TIERS = ("hoog", "haalbaar", "met scholing", "laag")


def derive_thresholds(similarity: npt.NDArray[np.floating], basis: str) -> Thresholds:
    """p99 / p99.5 / p95 (rounded to 0.01) of an all-pairs similarity matrix, the diagonal left out."""
    n = similarity.shape[0]
    off = similarity[~np.eye(n, dtype=bool)] if similarity.shape[0] == similarity.shape[1] else similarity.ravel()
    p95, p99, p995 = np.percentile(off.astype(np.float64), [95, 99, 99.5])
    return Thresholds(round(float(p99), 2), round(float(p995), 2), round(float(p95), 2), basis)


_derived: dict[Any, tuple[object, Any]] = {}


def thresholds_for(taxonomy: Taxonomy, neighbours: SemanticNeighbours | None) -> Thresholds:
    """The thresholds of the similarity measure in use: the constants for exact overlap; for semantic credit,
    derived from the all-pairs distribution with these neighbours (computed once per neighbours object)."""
    if neighbours is None:
        return THRESHOLDS

    def compute() -> Thresholds:
        from krapte.match.similarity import occupation_similarity

        sim = occupation_similarity(taxonomy, neighbours).similarity
        basis = f"semantic credit (midpoint {neighbours.midpoint:g}); {taxonomy.key} all-pairs p99 / p99.5 / p95"
        return derive_thresholds(sim, basis)

    return derived(_derived, (taxonomy.key, id(neighbours)), neighbours, compute, limit=9)


def viability_tiers(
    sim: npt.NDArray[np.floating],
    level_ok: npt.NDArray[np.bool_],
    levels: npt.NDArray[np.int64],
    origin_level: int | None,
    th: Thresholds,
) -> npt.NDArray[np.int64]:
    """Tier per target (0 hoog, 1 haalbaar, 2 met scholing, 3 laag) from similarities, the level gate, the
    targets' ISCO skill levels (0 = unknown) and the origin's level (None = unknown)."""
    entry = levels <= ENTRY_LEVEL  # level 0 (unknown) included
    tier = np.full(len(sim), 3, dtype=np.int64)
    tier[(sim >= th.reachable) & level_ok & entry] = 2
    tier[(sim >= th.viable) & level_ok] = 1
    tier[(sim >= th.highly_viable) & level_ok] = 0
    return tier
