"""The career switcher's state between the steps of the Gouden Poort, carried by the browser, never stored.

An anonymous person's profile lives only in one hidden form field (``state``): URL-safe base64 of compressed JSON
with the skills (ESCO URIs, each with its source and, for CV skills, the sentence it came from), the past
occupation, home gemeente, travel limit, hours, and the chosen target and plan objective. The server keeps
nothing. Every request decodes and validates the field again, as untrusted input:

- size-limited (:data:`MAX_ENCODED` characters encoded, :data:`MAX_JSON` bytes decoded) against zip bombs;
- only known keys; the profile through :meth:`Profile.from_dict` (which refuses unknown and protected fields);
- every skill and occupation URI must exist in the active taxonomy; at most :data:`MAX_SKILLS` skills;
- evidence keeps only a short sentence (no offsets, no document name: never a file path);
- the choices (objective, numbers, gemeente code) are checked against their allowed values.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from dataclasses import dataclass, replace
from typing import Any, Literal

from krapte.errors import ValidationError
from krapte.match import Location, PastOccupation, Profile, SkillEntry, SkillEvidence, SkillSet
from krapte.taxonomy import Taxonomy

__all__ = ["MAX_ENCODED", "MAX_JSON", "MAX_SKILLS", "OBJECTIVES", "PoortState", "decode_state", "encode_state"]

MAX_ENCODED = 60_000
MAX_JSON = 200_000
MAX_SKILLS = 150
MAX_EVIDENCE = 240
OBJECTIVES = ("courses", "cost", "time")
Objective = Literal["courses", "cost", "time"]
_SOURCES = frozenset({"cv-extracted", "self-declared", "inferred-from-occupation", "course"})
_KEYS = frozenset({"v", "profile", "target", "objective", "start"})
PROFILE_ID = "gouden-poort"
_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


@dataclass(frozen=True)
class PoortState:
    """What the person chose so far. ``start`` says how they began: ``cv``, ``occupation`` or ``skills``."""

    profile: Profile
    target: str = ""
    objective: Objective = "courses"
    start: str = ""

    def with_profile(self, profile: Profile) -> PoortState:
        return replace(self, profile=profile)


def _clean_skills(skills: SkillSet, tax: Taxonomy) -> SkillSet:
    entries = []
    for entry in list(skills)[:MAX_SKILLS]:
        if entry.uri not in tax.skills:
            raise ValidationError(f"unknown skill {entry.uri[:80]!r}", hint="start the route again")
        source = entry.source if entry.source in _SOURCES else "self-declared"
        evidence = tuple(SkillEvidence(text=" ".join(e.text.split())[:MAX_EVIDENCE]) for e in entry.evidence[:2])
        entries.append(
            SkillEntry(
                uri=entry.uri,
                weight=min(max(float(entry.weight), 0.0), 1.0),
                source=source,
                required=entry.required,
                evidence=evidence,
            )
        )
    return SkillSet(tuple(entries))


def clean_profile(profile: Profile, tax: Taxonomy) -> Profile:
    """A profile reduced to what the route needs, with every URI checked against ``tax``."""
    occupations = tuple(
        PastOccupation(o.uri, current=o.current, years=o.years) for o in profile.occupations[:5] if o.uri
    )
    for o in occupations:
        if o.uri not in tax.occupations:
            raise ValidationError(f"unknown occupation {o.uri[:80]!r}", hint="start the route again")
    home = profile.home
    gemeente = home.gemeente if home.gemeente[:2] == "GM" and home.gemeente[2:].isdigit() else ""
    travel = profile.travel_km
    hours = profile.hours_per_week
    return Profile(
        id=profile.id if _ID.fullmatch(profile.id) else PROFILE_ID,
        skills=_clean_skills(profile.skills, tax),
        occupations=occupations,
        education=profile.education,
        certificates=tuple(c[:40] for c in profile.certificates[:20]),
        driving_licences=tuple(d[:5] for d in profile.driving_licences[:10]),
        home=Location(gemeente=gemeente[:6], name=home.name[:80] if gemeente else ""),
        travel_km=None if travel is None else min(max(travel, 1.0), 200.0),
        hours_per_week=None if hours is None else min(max(hours, 1.0), 60.0),
        employment_status=profile.employment_status,
        sector=profile.sector,
    )


def encode_state(state: PoortState) -> str:
    data = {
        "v": 1,
        "profile": state.profile.to_dict(),
        "target": state.target,
        "objective": state.objective,
        "start": state.start,
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii")


def decode_state(value: str | None, tax: Taxonomy) -> PoortState:
    """Read and validate the hidden field; anything wrong raises :class:`ValidationError` (a 422 page)."""
    hint = "start the route again from the first step"
    if not value:
        raise ValidationError("the route has no saved choices", hint=hint)
    if len(value) > MAX_ENCODED:
        raise ValidationError("the route's choices are too large", hint=hint)
    try:
        packed = base64.urlsafe_b64decode(value.encode("ascii"))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON + 1)
        if len(raw) > MAX_JSON or inflater.unconsumed_tail:
            raise ValidationError("the route's choices are too large", hint=hint)
        data: Any = json.loads(raw.decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeError, ValueError) as exc:
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError("the route's choices could not be read", hint=hint) from exc
    if not isinstance(data, dict) or data.get("v") != 1 or not set(data) <= _KEYS:
        raise ValidationError("the route's choices have an unknown form", hint=hint)
    if not isinstance(data.get("profile"), dict):
        raise ValidationError("the route's choices have no profile", hint=hint)
    profile = clean_profile(Profile.from_dict(data["profile"]), tax)
    target = str(data.get("target") or "")
    if target and target not in tax.occupations:
        raise ValidationError("unknown target occupation", hint=hint)
    objective = str(data.get("objective") or "courses")
    if objective not in OBJECTIVES:
        raise ValidationError("unknown plan objective", hint=hint)
    start = str(data.get("start") or "")
    if start not in ("", "cv", "occupation", "skills"):
        raise ValidationError("unknown way of starting", hint=hint)
    return PoortState(profile=profile, target=target, objective=objective, start=start)  # type: ignore[arg-type]
