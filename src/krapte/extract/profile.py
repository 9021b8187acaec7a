"""What the skill engine returns: skills with evidence, occupation suggestions, the profile of one text, ranked
skills (re-exported by :mod:`krapte.extract.skills`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Evidence", "OccupationSuggestion", "RankedSkill", "SkillMatch", "SkillProfile"]


@dataclass(frozen=True)
class Evidence:
    """Where a skill was found: character offsets into the text, the surface text, and the method."""

    start: int
    end: int
    text: str
    method: str
    negated: bool = False


@dataclass
class SkillMatch:
    """One ESCO skill found in a text, with everything that supports it."""

    uri: str
    label_nl: str
    label_en: str
    confidence: float
    evidence: list[Evidence]
    is_green: bool = False
    is_digital: bool = False
    generic: bool = False
    # a machine-derived Dutch label when ESCO gives the skill none (``label_nl`` then falls back to English);
    # show it marked as machine-derived, never as ESCO's
    label_nl_derived: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class OccupationSuggestion:
    """An ESCO occupation suggested from the skill profile (and the job title when given)."""

    uri: str
    label: str
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"uri": self.uri, "label": self.label, "score": self.score, "reasons": list(self.reasons)}


@dataclass
class SkillProfile:
    """The skill profile of one text."""

    lang: str
    skills: list[SkillMatch]
    occupations: list[OccupationSuggestion] = field(default_factory=list)
    negated: list[SkillMatch] = field(default_factory=list)
    # occupations the text wishes for ("ik wil overstappen naar monteur warmtepompen"), not skills it has
    targets: list[OccupationSuggestion] = field(default_factory=list)

    def uris(self) -> list[str]:
        return [s.uri for s in self.skills]

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "skills": [s.to_dict() for s in self.skills],
            "negated": [s.to_dict() for s in self.negated],
            "occupations": [o.to_dict() for o in self.occupations],
            "targets": [o.to_dict() for o in self.targets],
        }


@dataclass(frozen=True)
class RankedSkill:
    """One result of :func:`rank_skills`: same shape as the occupation ranking results."""

    uri: str
    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"uri": self.uri, "label": self.label, "score": round(self.score, 4)}
