"""Career pathways: from an occupation or a profile to green, digital or technical occupations, with the gap.

Method (Nesta, *Mapping Career Causeways*, adapted to ESCO alone; see docs/pathways.md):

1. **Similarity** of origin → target: :mod:`krapte.match.similarity` (specificity-weighted coverage of the target's
   essential and optional skills, with semantic credit for similar skills when skill vectors are given).
2. **Viability** (:class:`Thresholds`, derived from the all-pairs similarity distribution, separately for exact
   overlap and for semantic credit, see docs/pathways.md): similarity ≥ ``viable`` (highly viable ≥
   ``highly_viable``) and the education-level gate: the target's ISCO-08 skill level is at most
   :data:`MAX_LEVEL_UP` above the origin's and at most :data:`MAX_LEVEL_DOWN` below it (Nesta: job-zone difference
   ≤ 1). For a profile, the origin level is its NLQF level (mapped to ISCO skill levels) or else the highest level
   of its past occupations. Below that, an entry-level target (ISCO skill level ≤ 2, mbo 1–3) is
   **reachable with training** ("met scholing", lower viability) when its similarity is ≥ ``reachable``: a step
   that takes more learning, shown after the viable ones rather than leaving a person with an empty list.
3. **Desirability** when wages are given: target/origin median wage ≥ :data:`MIN_WAGE_RATIO` (Nesta: 0.75).
4. **Ranking**: viable targets first, then by ``similarity × (1 + SHORTAGE_WEIGHT × shortage) × (1 + WAGE_WEIGHT ×
   clip(log wage ratio, ±0.5))``; shortage in [0, 1] (e.g. a regional tension index) and wages per occupation are
   plain mappings the caller passes.
5. **Gap**: the target's essential skills the origin holds with less than :data:`HELD` (soft possession), grouped by
   ESCO skill group, each with a learning-effort estimate (:func:`effort_hours`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from krapte.match.kept import derived
from krapte.match.models import Profile
from krapte.match.reasons import Reason, reason
from krapte.match.similarity import (
    SemanticNeighbours,
    Similarity,
    coverage,
    occupation_held,
    soft_possession,
)
from krapte.match.skillset import SkillSet, skillset_from_occupation
from krapte.match.space import SkillSpace, nlqf_to_skill_level, skill_space
from krapte.match.viability import (
    HIGHLY_VIABLE,
    REACHABLE,
    THRESHOLDS,
    TIERS,
    VIABLE,
    Thresholds,
    thresholds_for,
    viability_tiers,
)
from krapte.taxonomy.flags import all_flags
from krapte.taxonomy.model import Taxonomy

__all__ = [
    "FLAGS",
    "HELD",
    "HIGHLY_VIABLE",
    "MAX_LEVEL_DOWN",
    "MAX_LEVEL_UP",
    "MIN_WAGE_RATIO",
    "REACHABLE",
    "THRESHOLDS",
    "TIERS",
    "VIABLE",
    "GapGroup",
    "GapSkill",
    "Pathway",
    "Thresholds",
    "effort_hours",
    "effort_label",
    "pathway_to",
    "pathways_from_occupation",
    "pathways_from_profile",
    "profile_held",
    "target_mask",
    "thresholds_for",
    "top_targets",
]

MAX_LEVEL_UP = 1
MAX_LEVEL_DOWN = 1
MIN_WAGE_RATIO = 0.75
#: ranking groups: viable (tiers 0 and 1) first, then reachable with training, then the rest
_GROUP = (0, 0, 1, 2)
SHORTAGE_WEIGHT = 0.25
WAGE_WEIGHT = 0.2
HELD = 0.5
FLAGS = ("green", "digital", "technical")

#: learning hours for one missing skill before the specificity factor: knowledge takes longer than a skill
BASE_HOURS = {"knowledge": 40.0, "skill/competence": 24.0, "": 24.0}


def effort_hours(skill_type: str, specificity: float, held: float = 0.0) -> float:
    """Rough learning hours for one gap skill: base × (0.5 + specificity) × (1 − what is already held)."""
    return round(BASE_HOURS.get(skill_type, 24.0) * (0.5 + specificity) * (1.0 - min(held, 1.0)), 1)


def effort_label(hours: float) -> str:
    """kort (≤ 80 h: weeks), middel (≤ 400 h: months part-time), lang (> 400 h: a programme of a year or more)."""
    return "kort" if hours <= 80 else "middel" if hours <= 400 else "lang"


@dataclass(frozen=True)
class GapSkill:
    uri: str
    label: str
    group: str
    specificity: float
    held: float  # partial (semantic or optional) credit already held
    effort_hours: float
    label_lang: str = "nl"  # the language of ``label`` ("en" when the skill has no label in the asked language)

    def to_dict(self) -> dict[str, Any]:
        return {
            "uri": self.uri,
            "label": self.label,
            "label_lang": self.label_lang,
            "group": self.group,
            "effort_hours": self.effort_hours,
            "held": round(self.held, 3),
        }


@dataclass(frozen=True)
class GapGroup:
    code: str
    label: str
    skills: tuple[GapSkill, ...]

    @property
    def effort_hours(self) -> float:
        return round(sum(s.effort_hours for s in self.skills), 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "effort_hours": self.effort_hours,
            "skills": [s.to_dict() for s in self.skills],
        }


@dataclass(frozen=True)
class Pathway:
    """One target occupation with why it fits, what is missing, and how it ranks."""

    uri: str
    label: str
    similarity: float
    essential_coverage: float
    optional_coverage: float | None
    flags: tuple[str, ...]
    viable: bool
    highly_viable: bool
    level_origin: int | None
    level_target: int | None
    shortage: float | None
    wage_ratio: float | None
    desirable: bool | None
    score: float
    shared: tuple[str, ...]
    gap_skills: tuple[GapSkill, ...]
    gap_groups: tuple[GapGroup, ...]
    reasons: tuple[str, ...]
    #: "hoog" (highly viable), "haalbaar" (viable), "met scholing" (reachable with training: lower viability,
    #: more learning, no education step up) or "laag" (below every threshold; only shown when asked for)
    viability: str = ""
    #: ``reasons`` as codes with parameters (krapte.match.reasons), for pages in either language
    reason_codes: tuple[Reason, ...] = ()

    @property
    def effort_hours(self) -> float:
        return round(sum(s.effort_hours for s in self.gap_skills), 1)

    def contract(self) -> dict[str, Any]:
        """Exactly the machine-readable contract of ``krapte pathways --json``: uri, label, similarity, flags and
        gap_skills (uri, label), nothing else."""
        return {
            "uri": self.uri,
            "label": self.label,
            "similarity": round(self.similarity, 4),
            "flags": list(self.flags),
            "gap_skills": [{"uri": g.uri, "label": g.label} for g in self.gap_skills],
        }

    def to_dict(self) -> dict[str, Any]:
        """The contract fields plus every detail (coverage, viability, wage, shortage, gap groups, reasons)."""
        return {
            "uri": self.uri,
            "label": self.label,
            "similarity": round(self.similarity, 4),
            "flags": list(self.flags),
            "gap_skills": [{"uri": g.uri, "label": g.label} for g in self.gap_skills],
            "gap_skill_label_langs": [g.label_lang for g in self.gap_skills],
            "essential_coverage": round(self.essential_coverage, 4),
            "optional_coverage": None if self.optional_coverage is None else round(self.optional_coverage, 4),
            "viable": self.viable,
            "highly_viable": self.highly_viable,
            "viability": self.viability,
            "level_origin": self.level_origin,
            "level_target": self.level_target,
            "shortage": self.shortage,
            "wage_ratio": None if self.wage_ratio is None else round(self.wage_ratio, 3),
            "desirable": self.desirable,
            "score": round(self.score, 4),
            "shared_skills": list(self.shared),
            "gap_groups": [g.to_dict() for g in self.gap_groups],
            "effort_hours": self.effort_hours,
            "effort": effort_label(self.effort_hours),
            "reasons": list(self.reasons),
            "reason_codes": [r.to_dict() for r in self.reason_codes],
        }


def target_mask(taxonomy: Taxonomy, space: SkillSpace, flags: Sequence[str] | None = FLAGS) -> npt.NDArray[np.bool_]:
    """Occupations carrying any of ``flags`` (None: every occupation)."""
    if flags is None:
        return np.ones(len(space.occupation_uris), dtype=bool)

    def compute() -> npt.NDArray[np.bool_]:
        f = all_flags(taxonomy)
        return np.array([any(getattr(f[u], fl) for fl in flags) for u in space.occupation_uris])

    mask: npt.NDArray[np.bool_] = derived(_masks, (taxonomy.key, tuple(flags)), space, compute, limit=16)
    return mask.copy()


#: target masks and level gates per taxonomy (the same for every request)
_masks: dict[Any, tuple[object, Any]] = {}
_gates: dict[Any, tuple[object, Any]] = {}


def _level_gate(taxonomy: Taxonomy, space: SkillSpace, origin_level: int | None) -> npt.NDArray[np.bool_]:
    """:func:`_level_ok` of every target occupation for one origin level (read-only, cached)."""

    def compute() -> npt.NDArray[np.bool_]:
        gate = np.array([_level_ok(origin_level, int(lv)) for lv in space.levels])
        gate.setflags(write=False)
        return gate

    return derived(_gates, (taxonomy.key, origin_level), space, compute, limit=64)


def _level_ok(origin: int | None, target: int) -> bool:
    if origin is None or origin == 0 or target == 0:
        return True
    return -MAX_LEVEL_DOWN <= target - origin <= MAX_LEVEL_UP


def _rank_score(sim: float, shortage: float | None, wage_ratio: float | None) -> float:
    score = sim * (1 + SHORTAGE_WEIGHT * (shortage or 0.0))
    if wage_ratio:
        score *= 1 + WAGE_WEIGHT * max(-0.5, min(0.5, math.log(wage_ratio)))
    return score


def profile_held(taxonomy: Taxonomy, profile: Profile) -> SkillSet:
    """A profile's skills plus the (weaker) skills inferred from its past and current occupations."""
    inferred = [
        skillset_from_occupation(taxonomy.occupations[o.uri], inferred=True)
        for o in profile.occupations
        if o.uri in taxonomy.occupations
    ]
    return profile.skills.union(*inferred)


def _pathways(
    taxonomy: Taxonomy,
    held_row: sparse.csr_matrix,
    origin_level: int | None,
    origin_wage: float | None,
    *,
    exclude: set[str],
    top: int,
    flags: Sequence[str] | None,
    neighbours: SemanticNeighbours | None,
    shortage: Mapping[str, float] | None,
    wages: Mapping[str, float] | None,
    lang: str,
    viable_only: bool,
) -> list[Pathway]:
    space = skill_space(taxonomy)
    soft = soft_possession(held_row, neighbours)
    sim, ess, opt = (a[0] for a in coverage(space, soft))
    mask = target_mask(taxonomy, space, flags)
    for uri in exclude:
        if uri in space.occupation_index:
            mask[space.occupation_index[uri]] = False
    th = thresholds_for(taxonomy, neighbours)
    level_ok = _level_gate(taxonomy, space, origin_level)
    tier = viability_tiers(sim, level_ok, space.levels, origin_level, th)
    candidates = np.nonzero(mask & ((tier <= 2) if viable_only else (sim > 0)))[0]
    scored = []
    for c in candidates:
        i = int(c)
        uri = space.occupation_uris[i]
        short = shortage.get(uri) if shortage else None
        ratio = wages[uri] / origin_wage if wages and origin_wage and wages.get(uri) else None
        scored.append((_GROUP[int(tier[i])], -_rank_score(float(sim[i]), short, ratio), i, short, ratio))
    scored.sort()
    soft_dense = soft.toarray()[0]
    fl = all_flags(taxonomy)
    out = []
    for _, neg_score, i, short, ratio in scored[:top]:
        uri = space.occupation_uris[i]
        out.append(
            _pathway(
                taxonomy,
                space,
                uri,
                soft_dense,
                float(sim[i]),
                float(ess[i]),
                opt[i],
                origin_level,
                int(space.levels[i]),
                bool(level_ok[i]),
                TIERS[int(tier[i])],
                th,
                short,
                ratio,
                -neg_score,
                tuple(f for f in FLAGS if getattr(fl[uri], f)),
                lang,
            )
        )
    return out


def _pathway(
    taxonomy: Taxonomy,
    space: SkillSpace,
    uri: str,
    soft: npt.NDArray[np.float64],
    sim: float,
    ess: float,
    opt: float,
    origin_level: int | None,
    target_level: int,
    level_ok: bool,
    viability: str,
    th: Thresholds,
    shortage: float | None,
    ratio: float | None,
    score: float,
    flags: tuple[str, ...],
    lang: str,
) -> Pathway:
    occ = taxonomy.occupations[uri]
    idx = space.indices(occ.essential_skills)
    gaps = []
    shared = []
    for j in sorted(idx.tolist(), key=lambda j: -space.specificity[j]):
        skill = taxonomy.skills[space.skill_uris[j]]
        if soft[j] >= HELD:
            shared.append(skill.label(lang))
            continue
        spec, have = float(space.specificity[j]), float(soft[j])
        gaps.append(
            GapSkill(
                skill.uri,
                skill.label(lang),
                space.groups[j],
                round(spec, 3),
                have,
                effort_hours(skill.skill_type, spec, have),
                lang if skill.has_label(lang) else next((lg for lg in ("nl", "en") if skill.has_label(lg)), ""),
            )
        )
    by_group: dict[str, list[GapSkill]] = {}
    for g in gaps:
        by_group.setdefault(g.group, []).append(g)
    groups = tuple(
        GapGroup(code, space.group_label(code, lang), tuple(skills))
        for code, skills in sorted(by_group.items(), key=lambda kv: -sum(s.effort_hours for s in kv[1]))
    )
    codes = [reason("pathway.shared", shared=len(shared), total=len(idx))]
    viable = viability in ("hoog", "haalbaar")
    if viability == "met scholing":
        codes.append(reason("pathway.with_training", similarity=sim, threshold=th.viable))
    elif sim < th.viable:
        codes.append(reason("pathway.below_threshold", similarity=sim, threshold=th.viable))
    if not level_ok:
        codes.append(reason("pathway.level", target=target_level, origin=origin_level))
    if ratio is not None:
        codes.append(reason("pathway.wage" if ratio >= MIN_WAGE_RATIO else "pathway.wage_lower", ratio=ratio))
    if shortage:
        codes.append(reason("pathway.shortage", shortage=shortage))
    return Pathway(
        uri=uri,
        label=occ.label(lang),
        similarity=sim,
        essential_coverage=ess,
        optional_coverage=None if np.isnan(opt) else float(opt),
        flags=flags,
        viable=viable,
        highly_viable=viability == "hoog",
        level_origin=origin_level,
        level_target=target_level or None,
        shortage=shortage,
        wage_ratio=ratio,
        desirable=None if ratio is None else ratio >= MIN_WAGE_RATIO,
        score=score,
        shared=tuple(shared[:10]),
        gap_skills=tuple(gaps),
        gap_groups=groups,
        reasons=tuple(r.text() for r in codes),
        viability=viability,
        reason_codes=tuple(codes),
    )


def pathways_from_occupation(
    taxonomy: Taxonomy,
    origin: str,
    *,
    top: int = 10,
    flags: Sequence[str] | None = FLAGS,
    neighbours: SemanticNeighbours | None = None,
    shortage: Mapping[str, float] | None = None,
    wages: Mapping[str, float] | None = None,
    lang: str = "nl",
    viable_only: bool = True,
) -> list[Pathway]:
    """Pathways from one ESCO occupation (URI or UUID); ``flags=None`` lifts the green/digital/technical limit."""
    occ = taxonomy.occupation(origin)
    space = skill_space(taxonomy)
    i = space.occupation_index[occ.uri]
    return _pathways(
        taxonomy,
        occupation_held(space)[i],
        int(space.levels[i]) or None,
        wages.get(occ.uri) if wages else None,
        exclude={occ.uri},
        top=top,
        flags=flags,
        neighbours=neighbours,
        shortage=shortage,
        wages=wages,
        lang=lang,
        viable_only=viable_only,
    )


def pathways_from_profile(
    taxonomy: Taxonomy,
    profile: Profile,
    *,
    top: int = 10,
    flags: Sequence[str] | None = FLAGS,
    neighbours: SemanticNeighbours | None = None,
    shortage: Mapping[str, float] | None = None,
    wages: Mapping[str, float] | None = None,
    lang: str = "nl",
    viable_only: bool = True,
) -> list[Pathway]:
    """Pathways from a person's skills (declared, extracted and inferred from past occupations)."""
    space = skill_space(taxonomy)
    held = profile_held(taxonomy, profile)
    row = sparse.csr_matrix(space.vector(held.weights())[None, :])
    past = [space.occupation_index[o.uri] for o in profile.occupations if o.uri in space.occupation_index]
    level = nlqf_to_skill_level(profile.education.nlqf)
    if level is None and past:
        level = max(int(space.levels[i]) for i in past) or None
    current = [o.uri for o in profile.occupations if o.current] or [o.uri for o in profile.occupations]
    origin_wage = next((wages[u] for u in current if wages and u in wages), None)
    return _pathways(
        taxonomy,
        row,
        level,
        origin_wage,
        exclude={o.uri for o in profile.occupations},
        top=top,
        flags=flags,
        neighbours=neighbours,
        shortage=shortage,
        wages=wages,
        lang=lang,
        viable_only=viable_only,
    )


def pathway_to(
    taxonomy: Taxonomy,
    target: str,
    *,
    profile: Profile | None = None,
    origin: str | None = None,
    neighbours: SemanticNeighbours | None = None,
    shortage: Mapping[str, float] | None = None,
    wages: Mapping[str, float] | None = None,
    lang: str = "nl",
) -> Pathway:
    """The pathway to one chosen target ("ik wil warmtepompmonteur worden"), from a profile or an occupation,
    whatever its similarity: the gap, effort, viability and reasons are what the person needs to see."""
    space = skill_space(taxonomy)
    occ = taxonomy.occupation(target)
    if profile is not None:
        row = sparse.csr_matrix(space.vector(profile_held(taxonomy, profile).weights())[None, :])
        past = [space.occupation_index[o.uri] for o in profile.occupations if o.uri in space.occupation_index]
        level = nlqf_to_skill_level(profile.education.nlqf)
        if level is None and past:
            level = max(int(space.levels[i]) for i in past) or None
        current = [o.uri for o in profile.occupations if o.current] or [o.uri for o in profile.occupations]
    elif origin is not None:
        i = space.occupation_index[taxonomy.occupation(origin).uri]
        row, level, current = occupation_held(space)[i], int(space.levels[i]) or None, [space.occupation_uris[i]]
    else:
        raise ValueError("give a profile or an origin occupation")
    soft = soft_possession(row, neighbours)
    sim, ess, opt = (a[0] for a in coverage(space, soft))
    j = space.occupation_index[occ.uri]
    origin_wage = next((wages[u] for u in current if wages and u in wages), None)
    ratio = wages[occ.uri] / origin_wage if wages and origin_wage and wages.get(occ.uri) else None
    short = shortage.get(occ.uri) if shortage else None
    level_ok = _level_ok(level, int(space.levels[j]))
    th = thresholds_for(taxonomy, neighbours)
    tier = viability_tiers(sim[j : j + 1], np.array([level_ok]), space.levels[j : j + 1], level, th)[0]
    fl = all_flags(taxonomy)[occ.uri]
    return _pathway(
        taxonomy,
        space,
        occ.uri,
        soft.toarray()[0],
        float(sim[j]),
        float(ess[j]),
        opt[j],
        level,
        int(space.levels[j]),
        level_ok,
        TIERS[int(tier)],
        th,
        short,
        ratio,
        _rank_score(float(sim[j]), short, ratio),
        tuple(f for f in FLAGS if getattr(fl, f)),
        lang,
    )


def top_targets(similarity: Similarity, mask: npt.NDArray[np.bool_] | None = None, k: int = 5) -> npt.NDArray[np.int64]:
    """Top-``k`` target indices per origin from an all-pairs matrix (self excluded; gate applied)."""
    sim = similarity.similarity.copy()
    np.fill_diagonal(sim, -1.0)
    levels = similarity.space.levels
    diff = levels[None, :] - levels[:, None]
    gate = ((diff <= MAX_LEVEL_UP) & (diff >= -MAX_LEVEL_DOWN)) | (levels[None, :] == 0) | (levels[:, None] == 0)
    sim = np.where(gate, sim, -1.0)
    if mask is not None:
        sim[:, ~mask] = -1.0
    top = np.argpartition(-sim, k, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(sim, top, axis=1), axis=1)
    return np.asarray(np.take_along_axis(top, order, axis=1), dtype=np.int64)
