"""The one neutral type of matching: a weighted set of ESCO skill URIs, each with where it came from.

The same :class:`SkillSet` describes a person, a vacancy, a course and an occupation, so every comparison in
:mod:`krapte.match` works on one shape. Each :class:`SkillEntry` carries

- ``weight`` (0..1]: how strongly the holder has or needs the skill (an extraction's confidence, 1.0 for a
  self-declared skill, 0.5 for an occupation's optional skill, ...);
- ``source``: ``cv-extracted`` (with evidence), ``self-declared``, ``inferred-from-occupation``, ``course``,
  ``vacancy``, ``occupation-essential`` or ``occupation-optional``;
- ``required``: for a vacancy or occupation, whether the skill is essential (``True``) or optional/nice to have;
- ``evidence``: the text spans behind an extracted skill, and ``origin``: the occupation, course or document it
  came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from krapte.errors import ValidationError

__all__ = [
    "SKILL_SOURCES",
    "SkillEntry",
    "SkillEvidence",
    "SkillSet",
    "SkillSource",
    "skillset_from_extraction",
    "skillset_from_occupation",
]

SkillSource = Literal[
    "cv-extracted",
    "self-declared",
    "inferred-from-occupation",
    "course",
    "vacancy",
    "occupation-essential",
    "occupation-optional",
]
SKILL_SOURCES: tuple[str, ...] = get_args(SkillSource)

#: weight of an optional skill when a skill set is built from an occupation or a vacancy's nice-to-haves
OPTIONAL_WEIGHT = 0.5
#: weight of a skill inferred from a past occupation: full, because the pathway thresholds are calibrated on
#: occupation-to-occupation transitions in which the origin's essential skills count fully (Nesta's method); the
#: source ``inferred-from-occupation`` still tells it apart from declared or evidenced skills
INFERRED_WEIGHT = 1.0


@dataclass(frozen=True)
class SkillEvidence:
    """A span of a document that supports a skill: ``text`` is the surface, offsets point into the document."""

    text: str
    start: int | None = None
    end: int | None = None
    document: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        if self.document:
            out["document"] = self.document
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SkillEvidence:
        return cls(
            text=str(data.get("text", "")),
            start=_opt_int(data.get("start")),
            end=_opt_int(data.get("end")),
            document=str(data.get("document", "")),
        )


@dataclass(frozen=True)
class SkillEntry:
    """One skill of a skill set."""

    uri: str
    weight: float = 1.0
    source: SkillSource = "self-declared"
    required: bool = True
    evidence: tuple[SkillEvidence, ...] = ()
    origin: str = ""

    def __post_init__(self) -> None:
        if not self.uri:
            raise ValidationError("a skill needs an ESCO URI")
        if not 0.0 < self.weight <= 1.0:
            raise ValidationError(f"skill weight {self.weight!r} of {self.uri} is outside (0, 1]")
        if self.source not in SKILL_SOURCES:
            raise ValidationError(
                f"unknown skill source {self.source!r}", hint=f"use one of {', '.join(SKILL_SOURCES)}"
            )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"uri": self.uri, "weight": round(self.weight, 4), "source": self.source}
        if not self.required:
            out["required"] = False
        if self.evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        if self.origin:
            out["origin"] = self.origin
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SkillEntry:
        return cls(
            uri=str(data["uri"]),
            weight=float(data.get("weight", 1.0)),
            source=data.get("source", "self-declared"),
            required=bool(data.get("required", True)),
            evidence=tuple(SkillEvidence.from_dict(e) for e in data.get("evidence", ())),
            origin=str(data.get("origin", "")),
        )


def _merge(a: SkillEntry, b: SkillEntry) -> SkillEntry:
    """One entry from two for the same skill: the stronger weight and source, evidence of both."""
    best = a if a.weight >= b.weight else b
    evidence = tuple(dict.fromkeys((*a.evidence, *b.evidence)))
    return SkillEntry(
        uri=a.uri,
        weight=max(a.weight, b.weight),
        source=best.source,
        required=a.required or b.required,
        evidence=evidence,
        origin=best.origin or a.origin or b.origin,
    )


@dataclass(frozen=True)
class SkillSet:
    """An immutable set of skills keyed by URI (one entry per URI; duplicates are merged on construction)."""

    entries: tuple[SkillEntry, ...] = ()
    _by_uri: dict[str, SkillEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_uri: dict[str, SkillEntry] = {}
        for e in self.entries:
            by_uri[e.uri] = _merge(by_uri[e.uri], e) if e.uri in by_uri else e
        object.__setattr__(self, "_by_uri", by_uri)
        object.__setattr__(self, "entries", tuple(by_uri[u] for u in sorted(by_uri)))

    # --- construction -----------------------------------------------------------------------------------------
    @classmethod
    def of(
        cls, uris: Iterable[str], *, source: SkillSource = "self-declared", weight: float = 1.0, origin: str = ""
    ) -> SkillSet:
        """A skill set of plain URIs, all with the same source and weight."""
        return cls(tuple(SkillEntry(u, weight, source, origin=origin) for u in uris))

    def union(self, *others: SkillSet) -> SkillSet:
        """All skills of all sets; a skill in several keeps its highest weight and every piece of evidence."""
        return SkillSet(tuple(e for s in (self, *others) for e in s.entries))

    def without(self, uris: Iterable[str]) -> SkillSet:
        drop = set(uris)
        return SkillSet(tuple(e for e in self.entries if e.uri not in drop))

    def restrict(self, uris: Iterable[str]) -> SkillSet:
        keep = set(uris)
        return SkillSet(tuple(e for e in self.entries if e.uri in keep))

    # --- reading ----------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[SkillEntry]:
        return iter(self.entries)

    def __contains__(self, uri: object) -> bool:
        return uri in self._by_uri

    def get(self, uri: str) -> SkillEntry | None:
        return self._by_uri.get(uri)

    @property
    def uris(self) -> frozenset[str]:
        return frozenset(self._by_uri)

    def weight(self, uri: str) -> float:
        entry = self._by_uri.get(uri)
        return entry.weight if entry else 0.0

    def weights(self) -> dict[str, float]:
        return {e.uri: e.weight for e in self.entries}

    @property
    def essential(self) -> frozenset[str]:
        """URIs of the required (essential) skills."""
        return frozenset(e.uri for e in self.entries if e.required)

    @property
    def optional(self) -> frozenset[str]:
        return frozenset(e.uri for e in self.entries if not e.required)

    # --- serialisation ----------------------------------------------------------------------------------------
    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self.entries]

    @classmethod
    def from_list(cls, data: Iterable[Mapping[str, Any] | str]) -> SkillSet:
        """From :meth:`to_list` output; bare URI strings are read as self-declared skills."""
        return cls(tuple(SkillEntry(d) if isinstance(d, str) else SkillEntry.from_dict(d) for d in data))


def skillset_from_occupation(
    occupation: Any, *, inferred: bool = False, optional_weight: float = OPTIONAL_WEIGHT
) -> SkillSet:
    """The skills of an ESCO occupation (anything with ``uri``, ``essential_skills`` and ``optional_skills``).

    With ``inferred=True`` the set describes a person who worked in the occupation: every skill gets source
    ``inferred-from-occupation``; essential skills weigh :data:`INFERRED_WEIGHT`, optional ones ``optional_weight``
    (someone in the job may have them), the same as an occupation origin in the pathway similarity.
    """
    uri = str(occupation.uri)
    if inferred:
        essential_set = set(occupation.essential_skills)
        return SkillSet(
            tuple(SkillEntry(s, INFERRED_WEIGHT, "inferred-from-occupation", origin=uri) for s in essential_set)
            + tuple(
                SkillEntry(s, optional_weight, "inferred-from-occupation", False, origin=uri)
                for s in occupation.optional_skills
                if s not in essential_set
            )
        )
    essential = [SkillEntry(s, 1.0, "occupation-essential", True, origin=uri) for s in occupation.essential_skills]
    optional = [
        SkillEntry(s, optional_weight, "occupation-optional", False, origin=uri)
        for s in occupation.optional_skills
        if s not in set(occupation.essential_skills)
    ]
    return SkillSet(tuple(essential + optional))


def skillset_from_extraction(
    extracted: Mapping[str, Any], *, source: SkillSource = "cv-extracted", document: str = "", required: bool = True
) -> SkillSet:
    """A skill set from the JSON form of an extraction result (``krapte.extract.DocumentResult.to_dict()``).

    Only the plain JSON shape is read (``skills``: ``uri``, ``confidence``, ``evidence`` with ``start``, ``end``,
    ``text``), so :mod:`krapte.match` does not depend on the extractor's classes. Negated skills are not in
    ``skills`` and so never become part of the set.
    """
    entries = []
    for s in extracted.get("skills", ()):
        evidence = tuple(
            SkillEvidence(str(e.get("text", "")), _opt_int(e.get("start")), _opt_int(e.get("end")), document)
            for e in s.get("evidence", ())
            if not e.get("negated")
        )
        weight = min(1.0, max(0.01, float(s.get("confidence", 1.0))))
        entries.append(SkillEntry(str(s["uri"]), weight, source, required, evidence, document))
    return SkillSet(tuple(entries))


def _opt_int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)
