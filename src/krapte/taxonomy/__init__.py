"""The ESCO skills language in Dutch and English: occupations, skills, their relations, search and ranking.

Pure domain code: no database, web or CLI imports. Start with :func:`default_taxonomy` (the embedded ESCO
v1.2.0) and look concepts up with :meth:`Taxonomy.occupation` / :meth:`Taxonomy.skill`.
"""

from krapte.taxonomy.default import default_taxonomy
from krapte.taxonomy.model import (
    Concept,
    IscoGroup,
    Occupation,
    Skill,
    SkillGroup,
    SkillRelation,
    Taxonomy,
)

__all__ = [
    "Concept",
    "IscoGroup",
    "Occupation",
    "Skill",
    "SkillGroup",
    "SkillRelation",
    "Taxonomy",
    "default_taxonomy",
]
