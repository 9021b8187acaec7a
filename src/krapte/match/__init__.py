"""Matching people to green and digital work: profiles, explainable matching, career pathways, training plans.

Pure domain code: it works on in-memory taxonomy objects, arrays and plain mappings, and knows nothing of storage
or HTTP. The neutral type is :class:`SkillSet`, a weighted set of ESCO skill URIs with provenance, shared by
profiles, vacancies, courses and occupations. See ``docs/match.md``.
"""

from krapte.match.feeds import (
    course_from_record,
    course_to_jsonld,
    read_courses,
    read_records,
    read_vacancies,
    vacancies_to_jsonld,
    vacancy_from_record,
    vacancy_to_jsonld,
)
from krapte.match.funding import AmountRule, Decision, FundingScheme, decide, decide_all, default_schemes, facts_for
from krapte.match.geo import Gazetteer, default_gazetteer
from krapte.match.models import (
    PROTECTED_ATTRIBUTES,
    Course,
    Diploma,
    Education,
    HardRequirements,
    Location,
    PastOccupation,
    Profile,
    Vacancy,
)
from krapte.match.skillset import (
    SkillEntry,
    SkillEvidence,
    SkillSet,
    skillset_from_extraction,
    skillset_from_occupation,
)

__all__ = [
    "PROTECTED_ATTRIBUTES",
    "AmountRule",
    "Course",
    "Decision",
    "Diploma",
    "Education",
    "FundingScheme",
    "Gazetteer",
    "HardRequirements",
    "Location",
    "PastOccupation",
    "Profile",
    "SkillEntry",
    "SkillEvidence",
    "SkillSet",
    "Vacancy",
    "course_from_record",
    "course_to_jsonld",
    "decide",
    "decide_all",
    "default_gazetteer",
    "default_schemes",
    "facts_for",
    "read_courses",
    "read_records",
    "read_vacancies",
    "skillset_from_extraction",
    "skillset_from_occupation",
    "vacancies_to_jsonld",
    "vacancy_from_record",
    "vacancy_to_jsonld",
]
