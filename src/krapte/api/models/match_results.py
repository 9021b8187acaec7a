"""Answers of the matching endpoints: pathways, training plans, vacancy and candidate matches, fairness reports,
profiles, catalogues and the orientation helpers (funding schemes, skill choices, occupation card, contact point).

Each mirrors the dictionary the matching engine or service returns (``to_dict``), so the JSON on the wire is
unchanged; the router converts explicitly (``Model.model_validate(result.to_dict())``).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, RootModel

from krapte.api.models.base import Answer
from krapte.api.models.match import GapSkillOut

__all__ = [
    "ContactPointOut",
    "CourseOut",
    "FairnessGroupOut",
    "FairnessReportOut",
    "FundingSchemeOut",
    "ImportCounts",
    "MatchComponentOut",
    "MatchOut",
    "OccupationCardOut",
    "OverrideOut",
    "PathwayDetail",
    "PlannedCourseOut",
    "ProfileFromCv",
    "ProfileOut",
    "SkillChoice",
    "TrainingPlanOut",
    "VacancyOut",
]


class PathwayDetail(Answer):
    """One pathway with every detail: the contract fields (uri, label, similarity, flags, gap_skills) and more."""

    uri: str = Field(description="ESCO URI of the target occupation")
    label: str
    similarity: float = Field(description="skill similarity of origin and target, 0 to 1")
    flags: list[str] = Field(description="green, digital and/or technical", examples=[["green", "technical"]])
    gap_skills: list[GapSkillOut] = Field(description="essential skills of the target the person lacks")
    gap_skill_label_langs: list[str] = Field(description="per gap skill, the language its label is in")
    essential_coverage: float = Field(description="share of the target's essential skills the person has")
    optional_coverage: float | None
    viable: bool
    highly_viable: bool
    level_origin: int | None = Field(description="skill level of the origin (ISCO skill level), when known")
    level_target: int | None = Field(description="skill level of the target (ISCO skill level), when known")
    shortage: float | None = Field(description="regional shortage of the target's occupation group (with a region)")
    wage_ratio: float | None = Field(description="typical wage of the target over the origin's, when known")
    desirable: bool
    score: float
    shared_skills: list[str] = Field(description="URIs of skills the origin and target share")
    gap_groups: list[dict[str, Any]] = Field(description="the gap skills grouped by ESCO skill group")
    effort_hours: float = Field(description="estimated hours of learning to close the gap")
    effort: str = Field(description="the effort in words")
    reasons: list[str]


class PlannedCourseOut(Answer):
    course: str = Field(description="course id")
    name: str
    provider: str
    url: str
    covers: list[str] = Field(description="URIs of the gap skills the course covers")
    covers_labels: list[str]
    cost_eur: float | None = Field(description="list price (null: unknown)")
    cost_basis: str = Field(description="where the cost comes from: source, or unknown (a median used to plan)")
    net_cost_eur: float | None = Field(description="cost after the funding the person is eligible for")
    net_cost_if_conditions_eur: float | None = Field(description="net cost if the conditions of funding are met")
    weeks: float
    funding: list[dict[str, Any]] = Field(description="funding decisions per scheme, with reasons and source")
    demo: bool = Field(description="a generated demo course (not a real offer)")


class TrainingPlanOut(Answer):
    objective: str
    method: str = Field(description="how the plan was solved")
    objective_value: float
    lower_bound: float
    gap: float = Field(description="relative gap between the plan and the best bound")
    seconds: float
    courses: list[PlannedCourseOut]
    covered: list[str] = Field(description="URIs of gap skills the plan covers")
    uncovered: list[str] = Field(description="URIs of gap skills no course covers")
    total_cost_eur: float | None
    total_net_cost_eur: float | None
    total_weeks: float
    advice: list[dict[str, Any]] = Field(description="schemes worth asking about: scheme, name, text")
    ended_schemes: list[dict[str, Any]] = Field(description="schemes that no longer apply: scheme, name, reasons")


class MatchComponentOut(Answer):
    name: str
    value: float
    weight: float
    contribution: float
    detail: str


class MatchOut(Answer):
    """A vacancy for a person (or a person for a vacancy), explained; overrides add ``override`` marks."""

    profile: str = Field(description="profile id")
    vacancy: str = Field(description="vacancy id")
    title: str
    score: float
    eligible: bool = Field(description="meets every hard requirement")
    components: list[MatchComponentOut] = Field(description="the parts of the score and their weights")
    matched: list[dict[str, Any]] = Field(
        description="the vacancy's skills the person has: uri, label, how (exact or similar), credit, evidence"
    )
    missing_essential: list[dict[str, str]] = Field(description="essential skills the person lacks: uri, label")
    filters: list[str] = Field(description="reasons this pair is excluded (hard requirements not met)")
    distance_km: float | None


class FairnessGroupOut(Answer):
    group: str
    n: int
    selected: int
    rate: float
    ratio: float = Field(description="selection rate over the highest group's")
    four_fifths_ok: bool
    small_group: bool
    n_qualified: int | None
    tpr: float | None
    tpr_gap: float | None


class FairnessReportOut(Answer):
    """Aggregates only: nothing about any single person."""

    attribute: str
    outcome: str = Field(description="what counts as selected")
    groups: list[FairnessGroupOut]
    min_ratio: float
    passes_four_fifths: bool
    max_tpr_gap: float | None
    unlabelled: int
    profiles: int = Field(description="stored profiles found for the audit file")
    not_found: int = Field(description="ids in the audit file with no stored profile")


class FundingSchemeOut(Answer):
    """One Dutch funding scheme with its source, dates (ISO 8601) and rules."""

    id: str
    name_nl: str
    name_en: str
    issuer: str
    executor: str
    target_group: str
    eligibility_summary: str
    amount_rule_text: str
    max_amount_eur: float | None
    status: str = Field(description="active, ended or unknown (as the sources show)")
    valid_from: str | None
    valid_to: str | None
    application_window: str
    source_url: str
    source_title: str
    source_date: str
    checked_on: str | None
    notes: str
    unverified: bool
    eligibility: dict[str, Any]
    amount: dict[str, Any]
    kind: str
    budget_status: str


class SkillChoice(Answer):
    uri: str
    label: str
    group: str = Field(description="ESCO skill group code")
    group_label: str
    occupations: int = Field(description="green, digital or technical occupations the skill is essential to")


class OccupationCardOut(Answer):
    uri: str
    label: str
    description: str
    isco_code: str
    brc_group: str | None
    flags: dict[str, Any] = Field(description="green, digital and technical flags with reasons")
    wage: dict[str, Any] | None = Field(description="typical hourly wage with unit, source and basis (imported)")
    shortage: dict[str, Any] | None = Field(description="tension of the BRC group in the region, when given")


class ContactPointOut(Answer):
    region: str | None = Field(description="arbeidsmarktregio code, when a region or municipality was given")
    region_name: str | None
    contacts: list[dict[str, Any]] = Field(description="where to go, each with its source URL and date")
    national: list[dict[str, Any]] = Field(description="the national entry points")
    regional: bool = Field(description="contacts are the region's own")


class ProfileOut(Answer):
    id: str
    skills: list[dict[str, Any]] = Field(description="skills with source and evidence")
    occupations: list[dict[str, Any]]
    education: dict[str, Any]
    certificates: list[str]
    driving_licences: list[str]
    home: dict[str, Any]
    travel_km: float | None
    hours_per_week: float | None
    earliest_start: str | None = Field(description="ISO 8601 date")
    employment_status: str
    sector: str


class ProfileFromCv(Answer):
    profile: ProfileOut = Field(description="the profile (not stored)")
    extraction: dict[str, Any] = Field(description="the extraction it came from (as POST /api/v1/extract)")


class OverrideOut(Answer):
    subject: str
    item: str
    action: str = Field(description="hide or pin")
    reason: str
    advisor_id: str | None = Field(description="the advisor who set it")
    created_at: str


class VacancyOut(Answer):
    """A stored vacancy (schema.org JobPosting fields, ESCO occupation and skills); dates in ISO 8601."""

    id: str
    title: str
    description: str
    employer: str
    location: dict[str, Any]
    hours_min: float | None
    hours_max: float | None
    salary_min: float | None
    salary_max: float | None
    salary_unit: str
    employment_type: list[str]
    education_requirements: str
    experience_requirements: str
    valid_through: str | None
    date_posted: str | None
    occupation: str
    skills: list[dict[str, Any]] = Field(description="skills with source and evidence")
    requirements: dict[str, Any] = Field(description="hard requirements: certificates, licences, education, hours")
    url: str
    open_hiring: bool
    demo: bool


class CourseOut(Answer):
    """A stored course; dates in ISO 8601."""

    id: str
    name: str
    provider: str
    description: str
    skills: list[dict[str, Any]]
    study_load_hours: float | None
    duration_weeks: float | None
    cost_eur: float | None
    mode: str
    start_dates: list[str]
    location: dict[str, Any]
    nlqf: int | None
    crebo: str
    croho: str
    kind: str
    accredited: bool
    occupations: list[str]
    url: str
    demo: bool
    extra: dict[str, Any]


class ImportCounts(RootModel[dict[str, int]]):
    """Rows per outcome of an import (for example inserted, updated, skipped)."""
