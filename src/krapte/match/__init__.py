"""Matching people to green and digital work: profiles, explainable matching, career pathways, training plans.

Pure domain code: it works on in-memory taxonomy objects, arrays and plain mappings, and knows nothing of storage
or HTTP. The neutral type is :class:`SkillSet`, a weighted set of ESCO skill URIs with provenance, shared by
profiles, vacancies, courses and occupations. See ``docs/match.md``.
"""

from krapte.match.carving import Carving, carve, carve_team
from krapte.match.data import (
    brc_wages,
    demo_courses,
    demo_vacancies,
    mbo_courses,
    mbo_qualifications,
    wages_by_occupation,
)
from krapte.match.fairness import FairnessReport, fairness_report, read_group_labels, selected_in_shortlists
from krapte.match.feeds import (
    course_from_record,
    course_to_jsonld,
    profile_from_extraction,
    read_courses,
    read_records,
    read_vacancies,
    vacancy_from_record,
)
from krapte.match.funding import AmountRule, Decision, FundingScheme, decide, decide_all, default_schemes, facts_for
from krapte.match.geo import Gazetteer, default_gazetteer
from krapte.match.index import VacancyIndex
from krapte.match.jobposting import vacancies_to_jsonld, vacancy_to_jsonld
from krapte.match.matching import Match, Matcher
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
from krapte.match.pathways import (
    Pathway,
    pathway_to,
    pathways_from_occupation,
    pathways_from_profile,
    profile_held,
)
from krapte.match.reasons import Reason, reason
from krapte.match.resolve import resolve_occupation
from krapte.match.similarity import (
    RankedOccupation,
    SemanticNeighbours,
    Similarity,
    occupation_similarity,
    rank_occupations,
)
from krapte.match.skillset import (
    SkillEntry,
    SkillEvidence,
    SkillSet,
    skillset_from_extraction,
    skillset_from_occupation,
)
from krapte.match.space import SkillSpace, skill_space
from krapte.match.training import TrainingPlan, plan_training
from krapte.match.versions import METHOD_VERSION, data_versions, input_hash

__all__ = [
    "METHOD_VERSION",
    "PROTECTED_ATTRIBUTES",
    "AmountRule",
    "Carving",
    "Course",
    "Decision",
    "Diploma",
    "Education",
    "FairnessReport",
    "FundingScheme",
    "Gazetteer",
    "HardRequirements",
    "Location",
    "Match",
    "Matcher",
    "PastOccupation",
    "Pathway",
    "Profile",
    "RankedOccupation",
    "Reason",
    "SemanticNeighbours",
    "Similarity",
    "SkillEntry",
    "SkillEvidence",
    "SkillSet",
    "SkillSpace",
    "TrainingPlan",
    "Vacancy",
    "VacancyIndex",
    "brc_wages",
    "carve",
    "carve_team",
    "course_from_record",
    "course_to_jsonld",
    "data_versions",
    "decide",
    "decide_all",
    "default_gazetteer",
    "default_schemes",
    "demo_courses",
    "demo_vacancies",
    "facts_for",
    "fairness_report",
    "input_hash",
    "mbo_courses",
    "mbo_qualifications",
    "occupation_similarity",
    "pathway_to",
    "pathways_from_occupation",
    "pathways_from_profile",
    "plan_training",
    "profile_from_extraction",
    "profile_held",
    "rank_occupations",
    "read_courses",
    "read_group_labels",
    "read_records",
    "read_vacancies",
    "reason",
    "resolve_occupation",
    "selected_in_shortlists",
    "skill_space",
    "skillset_from_extraction",
    "skillset_from_occupation",
    "vacancies_to_jsonld",
    "vacancy_from_record",
    "vacancy_to_jsonld",
    "wages_by_occupation",
]
