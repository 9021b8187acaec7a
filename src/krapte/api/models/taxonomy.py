"""Bodies of ``/api/v1/occupations/{id}`` and ``/api/v1/skills/{id}``: one ESCO concept in the active version."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from krapte.api.models.base import Answer

__all__ = ["ConceptBrief", "IscoStep", "OccupationDetail", "RelatedSkill", "SkillDetail"]


class ConceptBrief(Answer):
    """A concept named by another: URI, kind and label (a skill also says green, digital and its type)."""

    uri: str
    kind: str = Field(description="occupation, skill, isco_group or skill_group")
    label: str
    green: bool | None = None
    digital: bool | None = None
    skill_type: str | None = None


class RelatedSkill(ConceptBrief):
    relation: str = Field(description="ESCO relation type, e.g. essential or optional")


class IscoStep(Answer):
    code: str
    label: str
    uri: str


class _Concept(Answer):
    uri: str
    id: str = Field(description="the UUID of the URI")
    kind: str
    label: str = Field(description="the label in the language asked for (or the best one present)")
    labels: dict[str, str] = Field(description="preferred label per language")
    alt_labels: dict[str, list[str]] = Field(description="alternative labels per language")
    description: str
    status: str
    broader: list[ConceptBrief]
    narrower: list[ConceptBrief]
    esco_version: str


class OccupationDetail(_Concept):
    """An occupation: labels, ISCO group, essential and optional skills, green/digital/technical flags."""

    code: str
    isco_code: str
    isco: list[IscoStep] = Field(description="the ISCO-08 path from the major group down")
    essential_skills: list[ConceptBrief]
    optional_skills: list[ConceptBrief]
    flags: dict[str, Any] = Field(description="green, digital and technical, with the evidence (skills, shares)")
    regulated: str = Field(description="the regulated-profession note of ESCO (empty when not regulated)")


class SkillDetail(_Concept):
    """A skill or knowledge concept: type, collections, the occupations that need it, related skills."""

    skill_type: str
    reuse_level: str
    collections: list[str]
    green: bool
    digital: bool
    transversal: bool
    essential_for: list[ConceptBrief]
    optional_for: list[ConceptBrief]
    related: list[RelatedSkill]
