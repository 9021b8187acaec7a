"""The skill space of a taxonomy: sparse occupation–skill matrices, skill specificity and skill groups.

Specificity (IDF-like): a skill needed by few occupations says more about a match than one needed by many.
With ``N`` occupations and ``df(s)`` occupations that list skill ``s`` (essential or optional),

    specificity(s) = log((N + 1) / (df(s) + 1)) / log(N + 1)        in (0, 1]

so "teamwork" (df in the hundreds) weighs about 0.3 and a skill of one occupation about 0.9. Skills no occupation
lists get the maximum. Every score in :mod:`krapte.match` weights skills by this.

Skill groups: a gap skill is shown under its ESCO skills-pillar group one level below the root (S1–S8 skills,
T1–T6 transversal, L1–L2 languages) or, for knowledge, its ISCED-F broad field (00–10).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import sparse

from krapte.taxonomy.model import Taxonomy

__all__ = [
    "ISCO_SKILL_LEVEL",
    "SkillSpace",
    "isco_skill_level",
    "nlqf_to_skill_level",
    "skill_space",
]

#: ISCO-08 skill level (1-4) of each major group (ILO, ISCO-08 vol. 1, table 1); managers: 4 (ISCO gives 3+4)
ISCO_SKILL_LEVEL = {"0": 2, "1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}


def isco_skill_level(isco_code: str) -> int | None:
    return ISCO_SKILL_LEVEL.get(isco_code[:1]) if isco_code else None


def nlqf_to_skill_level(nlqf: int | None) -> int | None:
    """NLQF 1 -> 1; NLQF 2-3 (mbo 2-3) -> 2; NLQF 4-5 (mbo 4, Ad) -> 3; NLQF 6+ (bachelor and up) -> 4."""
    if nlqf is None:
        return None
    return 1 if nlqf <= 1 else 2 if nlqf <= 3 else 3 if nlqf <= 5 else 4


@dataclass(frozen=True)
class SkillSpace:
    """Index maps and sparse matrices of one taxonomy (build with :func:`skill_space`)."""

    taxonomy: Taxonomy
    skill_uris: tuple[str, ...]
    occupation_uris: tuple[str, ...]
    essential: sparse.csr_matrix  # (occupations, skills) 0/1
    optional: sparse.csr_matrix  # (occupations, skills) 0/1, skills that are also essential removed
    specificity: npt.NDArray[np.float64]  # (skills,)
    levels: npt.NDArray[np.int64]  # (occupations,) ISCO skill level, 0 when unknown

    @cached_property
    def skill_index(self) -> dict[str, int]:
        return {u: i for i, u in enumerate(self.skill_uris)}

    @cached_property
    def occupation_index(self) -> dict[str, int]:
        return {u: i for i, u in enumerate(self.occupation_uris)}

    def vector(self, weights: Mapping[str, float]) -> npt.NDArray[np.float64]:
        """A dense skill vector from URI -> weight (unknown URIs are ignored)."""
        v = np.zeros(len(self.skill_uris))
        for uri, w in weights.items():
            j = self.skill_index.get(uri)
            if j is not None:
                v[j] = max(v[j], w)
        return v

    def indices(self, uris: Iterable[str]) -> npt.NDArray[np.int64]:
        return np.fromiter((self.skill_index[u] for u in uris if u in self.skill_index), dtype=np.int64)

    @cached_property
    def groups(self) -> tuple[str, ...]:
        """The group code of each skill (see module docstring); '' when the hierarchy does not say."""
        return tuple(_group_of(self.taxonomy, u) for u in self.skill_uris)

    def group_label(self, code: str, lang: str = "nl") -> str:
        return _group_labels(self.taxonomy).get(code, {}).get(lang) or _group_labels(self.taxonomy).get(code, {}).get(
            "en", code or "overig"
        )


_spaces: dict[str, SkillSpace] = {}


def skill_space(taxonomy: Taxonomy) -> SkillSpace:
    """The skill space of a taxonomy, built once per process (about 1 s for ESCO)."""
    key = taxonomy.key
    if key in _spaces:
        return _spaces[key]
    skills = tuple(sorted(taxonomy.skills))
    sidx = {u: i for i, u in enumerate(skills)}
    occs = tuple(sorted(taxonomy.occupations))
    rows_e: list[int] = []
    cols_e: list[int] = []
    rows_o: list[int] = []
    cols_o: list[int] = []
    levels = np.zeros(len(occs), dtype=np.int64)
    for i, uri in enumerate(occs):
        occ = taxonomy.occupations[uri]
        ess = {sidx[s] for s in occ.essential_skills if s in sidx}
        opt = {sidx[s] for s in occ.optional_skills if s in sidx} - ess
        rows_e.extend([i] * len(ess))
        cols_e.extend(sorted(ess))
        rows_o.extend([i] * len(opt))
        cols_o.extend(sorted(opt))
        levels[i] = isco_skill_level(occ.isco_code) or 0
    shape = (len(occs), len(skills))
    ess_m = sparse.csr_matrix((np.ones(len(rows_e)), (rows_e, cols_e)), shape=shape)
    opt_m = sparse.csr_matrix((np.ones(len(rows_o)), (rows_o, cols_o)), shape=shape)
    df = np.asarray((ess_m + opt_m).sum(axis=0)).ravel()
    n = len(occs)
    spec = np.log((n + 1) / (df + 1)) / np.log(n + 1)
    space = SkillSpace(taxonomy, skills, occs, ess_m, opt_m, spec, levels)
    _spaces[key] = space
    return space


_TOP = ("S", "K", "T", "L")


def _group_of(tax: Taxonomy, uri: str) -> str:
    """Breadth-first up the broader links to a group whose code is a top group's child (S1, T4, L1, 07)."""
    seen: set[str] = set()
    frontier: Sequence[str] = tax.skills[uri].broader if uri in tax.skills else ()
    while frontier:
        nxt: list[str] = []
        for parent in frontier:
            if parent in seen:
                continue
            seen.add(parent)
            group = tax.skill_groups.get(parent)
            if group is not None:
                code = group.code
                if (len(code) == 2 and code[0] in "STL" and code[1].isdigit()) or (len(code) == 2 and code.isdigit()):
                    return code
            concept = tax.skill_groups.get(parent) or tax.skills.get(parent)
            if concept is not None:
                nxt.extend(concept.broader)
        frontier = nxt
    return ""


_label_cache: dict[str, dict[str, dict[str, str]]] = {}


def _group_labels(tax: Taxonomy) -> dict[str, dict[str, str]]:
    if tax.key not in _label_cache:
        _label_cache[tax.key] = {g.code: dict(g.labels) for g in tax.skill_groups.values() if len(g.code) == 2}
    return _label_cache[tax.key]
