"""The ESCO taxonomy as plain, immutable Python objects.

A :class:`Taxonomy` holds one ESCO release in any number of languages: occupations, skills (skills/competences
and knowledge), ISCO-08 groups and skill groups, with their hierarchy and the occupation–skill and skill–skill
relations. Concepts are looked up by full URI or by the UUID/code at its end. Labels fall back from the asked
language to Dutch and then English, so a concept always has something to show.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from krapte.errors import NotFoundError

ESCO_BASE = "http://data.europa.eu/esco/"
FALLBACK_LANGS: tuple[str, ...] = ("nl", "en")

SkillType = Literal["skill/competence", "knowledge", ""]
COLLECTIONS: tuple[str, ...] = ("green", "digital", "digcomp", "transversal", "language", "research")


def _pick(values: Mapping[str, str], lang: str) -> str:
    if values.get(lang):
        return values[lang]
    for fallback in FALLBACK_LANGS:
        if values.get(fallback):
            return values[fallback]
    return next((v for v in values.values() if v), "")


@dataclass(frozen=True)
class Concept:
    """What every ESCO concept has: a URI, labels per language, descriptions, broader concepts."""

    uri: str
    labels: dict[str, str]
    alt: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    broader: tuple[str, ...] = ()
    status: str = "released"

    @property
    def id(self) -> str:
        """The last path segment of the URI (a UUID for occupations and skills, a code for groups)."""
        return self.uri.rsplit("/", 1)[-1]

    def label(self, lang: str = "nl") -> str:
        """Preferred label in ``lang``, falling back to Dutch, then English."""
        return _pick(self.labels, lang)

    def has_label(self, lang: str) -> bool:
        """Whether the concept has its own preferred label in ``lang`` (no fallback)."""
        return bool(self.labels.get(lang))

    def alt_labels(self, lang: str = "nl") -> tuple[str, ...]:
        """Alternative labels in ``lang`` (no fallback: an empty tuple when there are none)."""
        return self.alt.get(lang, ())

    def hidden_labels(self, lang: str = "nl") -> tuple[str, ...]:
        return self.hidden.get(lang, ())

    def all_labels(self, lang: str | None = None) -> tuple[str, ...]:
        """Preferred, alternative and hidden labels in one language, or in all languages when ``lang`` is None."""
        langs = [lang] if lang else sorted(set(self.labels) | set(self.alt) | set(self.hidden))
        out: list[str] = []
        for lg in langs:
            if self.labels.get(lg):
                out.append(self.labels[lg])
            out.extend(self.alt.get(lg, ()))
            out.extend(self.hidden.get(lg, ()))
        return tuple(dict.fromkeys(out))

    def description(self, lang: str = "nl") -> str:
        """Description in ``lang``, falling back to Dutch, then English ('' when there is none)."""
        return _pick(self.descriptions, lang)


@dataclass(frozen=True)
class IscoGroup(Concept):
    """An ISCO-08 group (1 to 4 digits)."""

    code: str = ""


@dataclass(frozen=True)
class SkillGroup(Concept):
    """A group in the ESCO skills hierarchy (including ISCED-F fields of knowledge)."""

    code: str = ""


@dataclass(frozen=True)
class Skill(Concept):
    """An ESCO skill/competence or knowledge concept."""

    skill_type: SkillType = ""
    reuse_level: str = ""
    collections: frozenset[str] = frozenset()

    @property
    def is_green(self) -> bool:
        return "green" in self.collections

    @property
    def is_digital(self) -> bool:
        return "digital" in self.collections or "digcomp" in self.collections

    @property
    def is_transversal(self) -> bool:
        return "transversal" in self.collections or self.reuse_level == "transversal"

    @property
    def is_knowledge(self) -> bool:
        return self.skill_type == "knowledge"


@dataclass(frozen=True)
class Occupation(Concept):
    """An ESCO occupation with its ISCO-08 unit group and essential/optional skills (tuples of skill URIs)."""

    code: str = ""
    isco_code: str = ""
    essential_skills: tuple[str, ...] = ()
    optional_skills: tuple[str, ...] = ()
    regulated: str = ""
    research: bool = False

    @property
    def isco_uri(self) -> str:
        return f"{ESCO_BASE}isco/C{self.isco_code}" if self.isco_code else ""


@dataclass(frozen=True)
class SkillRelation:
    """A skill–skill relation: ``related`` is essential or optional for ``original``."""

    original: str
    related: str
    relation_type: str


class Taxonomy:
    """One ESCO release in memory; read-only. Build with :func:`krapte.taxonomy.serialize.taxonomy_from_dict`."""

    def __init__(
        self,
        *,
        version: str,
        occupations: Mapping[str, Occupation],
        skills: Mapping[str, Skill],
        isco_groups: Mapping[str, IscoGroup],
        skill_groups: Mapping[str, SkillGroup],
        skill_relations: tuple[SkillRelation, ...] = (),
        languages: tuple[str, ...] = ("nl", "en"),
        source: str = "",
    ) -> None:
        self.version = version
        self.occupations = occupations
        self.skills = skills
        self.isco_groups = isco_groups
        self.skill_groups = skill_groups
        self.skill_relations = skill_relations
        self.languages = languages
        self.source = source

    def __repr__(self) -> str:
        return (
            f"Taxonomy(version={self.version!r}, occupations={len(self.occupations)}, skills={len(self.skills)}, "
            f"isco_groups={len(self.isco_groups)}, skill_groups={len(self.skill_groups)})"
        )

    @property
    def key(self) -> str:
        """Identifies the content for caches: version plus sizes (imported releases differ from the default)."""
        return f"esco-{self.version}-{self.source or 'x'}-{len(self.occupations)}-{len(self.skills)}"

    # --- look-ups -----------------------------------------------------------
    @cached_property
    def _by_id(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for pool in (self.isco_groups, self.skill_groups, self.skills, self.occupations):
            for uri in pool:
                index[uri.rsplit("/", 1)[-1].lower()] = uri
        return index

    def resolve(self, uri_or_id: str) -> str:
        """The full URI for a URI, a bare UUID, or an ISCO code ('7127' or 'C7127'); raises NotFoundError."""
        key = uri_or_id.strip()
        if key in self.occupations or key in self.skills or key in self.isco_groups or key in self.skill_groups:
            return key
        tail = key.rsplit("/", 1)[-1].lower()
        if tail in self._by_id:
            return self._by_id[tail]
        if tail.isdigit() and f"c{tail}" in self._by_id:
            return self._by_id[f"c{tail}"]
        raise NotFoundError(
            f"no ESCO concept {uri_or_id!r} in ESCO {self.version}",
            hint="give a full ESCO URI or its UUID; find one with 'krapte taxonomy search'",
        )

    def concept(self, uri_or_id: str) -> Concept:
        """Any concept (occupation, skill, ISCO group, skill group) by URI or UUID."""
        uri = self.resolve(uri_or_id)
        for pool in (self.occupations, self.skills, self.isco_groups, self.skill_groups):
            if uri in pool:
                found: Concept = pool[uri]
                return found
        raise NotFoundError(f"no ESCO concept {uri_or_id!r}")  # pragma: no cover - resolve() guarantees a pool

    def occupation(self, uri_or_id: str) -> Occupation:
        """An occupation by URI or UUID; raises NotFoundError for anything else."""
        try:
            uri = self.resolve(uri_or_id)
        except NotFoundError:
            uri = ""
        if uri not in self.occupations:
            raise NotFoundError(
                f"no ESCO occupation {uri_or_id!r} in ESCO {self.version}",
                hint="give an occupation URI or UUID; find one with 'krapte taxonomy search --type occupation'",
            )
        return self.occupations[uri]

    def skill(self, uri_or_id: str) -> Skill:
        """A skill by URI or UUID; raises NotFoundError for anything else."""
        try:
            uri = self.resolve(uri_or_id)
        except NotFoundError:
            uri = ""
        if uri not in self.skills:
            raise NotFoundError(
                f"no ESCO skill {uri_or_id!r} in ESCO {self.version}",
                hint="give a skill URI or UUID; find one with 'krapte taxonomy search --type skill'",
            )
        return self.skills[uri]

    def isco_group(self, code: str) -> IscoGroup:
        """An ISCO-08 group by code ('7127'), 'C7127' or URI."""
        uri = code if code.startswith("http") else f"{ESCO_BASE}isco/C{code.lstrip('Cc')}"
        if uri not in self.isco_groups:
            raise NotFoundError(f"no ISCO-08 group {code!r} in ESCO {self.version}", hint="use a code of 1-4 digits")
        return self.isco_groups[uri]

    # --- navigation ---------------------------------------------------------
    @cached_property
    def _narrower(self) -> dict[str, tuple[str, ...]]:
        children: dict[str, list[str]] = {}
        for pool in (self.isco_groups, self.skill_groups, self.skills, self.occupations):
            for uri, c in pool.items():
                for parent in c.broader:
                    children.setdefault(parent, []).append(uri)
        return {k: tuple(v) for k, v in children.items()}

    def narrower(self, uri: str) -> tuple[str, ...]:
        """URIs of the concepts whose broader concept is ``uri``."""
        return self._narrower.get(uri, ())

    @cached_property
    def _occupations_by_skill(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        essential: dict[str, list[str]] = {}
        optional: dict[str, list[str]] = {}
        for uri, occ in self.occupations.items():
            for s in occ.essential_skills:
                essential.setdefault(s, []).append(uri)
            for s in occ.optional_skills:
                optional.setdefault(s, []).append(uri)
        keys = set(essential) | set(optional)
        return {k: (tuple(essential.get(k, ())), tuple(optional.get(k, ()))) for k in keys}

    def occupations_for_skill(self, skill_uri: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(occupations for which the skill is essential, occupations for which it is optional)."""
        return self._occupations_by_skill.get(skill_uri, ((), ()))

    @cached_property
    def _related_skills(self) -> dict[str, tuple[SkillRelation, ...]]:
        out: dict[str, list[SkillRelation]] = {}
        for rel in self.skill_relations:
            out.setdefault(rel.original, []).append(rel)
        return {k: tuple(v) for k, v in out.items()}

    def related_skills(self, skill_uri: str) -> tuple[SkillRelation, ...]:
        """Skill–skill relations starting at ``skill_uri``."""
        return self._related_skills.get(skill_uri, ())

    def isco_path(self, occupation: Occupation) -> tuple[IscoGroup, ...]:
        """The ISCO-08 groups from major group (1 digit) down to the occupation's unit group."""
        code = occupation.isco_code
        return tuple(
            self.isco_groups[u]
            for i in range(1, len(code) + 1)
            if (u := f"{ESCO_BASE}isco/C{code[:i]}") in self.isco_groups
        )

    def skill_roots(self, skill: Skill) -> frozenset[str]:
        """Top-level skills-hierarchy codes ('S', 'K', 'T', 'L') above a skill, following broader links."""
        roots: set[str] = set()
        seen: set[str] = set()
        todo = list(skill.broader)
        while todo:
            uri = todo.pop()
            if uri in seen:
                continue
            seen.add(uri)
            group = self.skill_groups.get(uri)
            if group is not None and group.code and group.code[0] in "SKTL" and len(group.code) == 1:
                roots.add(group.code)
            parent = self.skill_groups.get(uri) or self.skills.get(uri)
            if parent is not None:
                todo.extend(parent.broader)
        return frozenset(roots)

    def iter_concepts(self) -> Iterator[Concept]:
        yield from self.occupations.values()
        yield from self.skills.values()
        yield from self.isco_groups.values()
        yield from self.skill_groups.values()
