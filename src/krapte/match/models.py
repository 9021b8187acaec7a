"""The entities of matching as frozen dataclasses: Profile, Vacancy, Course and their parts.

A :class:`Profile` has no field for gender, age, origin, nationality, health or disability, and it cannot be given
one: the dataclasses use ``slots`` (no attributes beyond the declared fields) and :meth:`Profile.from_dict` rejects
unknown keys, naming the protected ones (:data:`PROTECTED_ATTRIBUTES`). Fairness audits take group labels from a
separate mapping (:mod:`krapte.match.fairness`), never from a profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from krapte.errors import ValidationError
from krapte.match.skillset import SkillSet

__all__ = [
    "EMPLOYMENT_STATUSES",
    "PROTECTED_ATTRIBUTES",
    "Course",
    "Diploma",
    "Education",
    "HardRequirements",
    "Location",
    "PastOccupation",
    "Profile",
    "Vacancy",
]

#: attributes a profile never holds (EU AI Act, Annex III point 4; AVG art. 9); rejected by Profile.from_dict
PROTECTED_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "gender",
        "sex",
        "geslacht",
        "age",
        "leeftijd",
        "birth_date",
        "date_of_birth",
        "geboortedatum",
        "birth_year",
        "origin",
        "afkomst",
        "ethnicity",
        "nationality",
        "nationaliteit",
        "country_of_birth",
        "health",
        "gezondheid",
        "disability",
        "handicap",
        "beperking",
        "religion",
        "marital_status",
    }
)

EMPLOYMENT_STATUSES: tuple[str, ...] = (
    "employed",  # in loondienst
    "self-employed",  # zzp / ondernemer
    "unemployed",  # werkzoekend zonder uitkering
    "ww",  # werkzoekend met WW-uitkering
    "bijstand",  # werkzoekend met bijstand (Participatiewet)
    "arbeidsongeschikt",  # WIA/WGA/Wajong/ZW with a right to support (a benefit status, not a health record)
    "student",
    "at-risk",  # werkend, met ontslag bedreigd
)


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValidationError(f"{value!r} is not a date", hint="use YYYY-MM-DD") from exc


def _opt_float(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except ValueError as exc:
        raise ValidationError(f"{value!r} is not a number") from exc


def _opt_int(value: Any) -> int | None:
    f = _opt_float(value)
    return None if f is None else int(f)


def _strings(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.replace(";", "|").split("|") if v.strip())
    return tuple(str(v) for v in value)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a person lives or a job/course is: a CBS gemeente code and/or a 4-digit postcode area."""

    gemeente: str = ""  # "GM0363"
    name: str = ""
    postcode: str = ""  # 4 digits
    region: str = ""  # arbeidsmarktregio code "AM01", when known

    def to_dict(self) -> dict[str, str]:
        return {
            k: v
            for k, v in (
                ("gemeente", self.gemeente),
                ("name", self.name),
                ("postcode", self.postcode),
                ("region", self.region),
            )
            if v
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str | None) -> Location:
        if not data:
            return cls()
        if isinstance(data, str):
            return cls(gemeente=data) if data.upper().startswith("GM") else cls(name=data)
        return cls(
            gemeente=str(data.get("gemeente", "")),
            name=str(data.get("name", "")),
            postcode=str(data.get("postcode", ""))[:4],
            region=str(data.get("region", "")),
        )


@dataclass(frozen=True, slots=True)
class Diploma:
    """A diploma: mbo by crebo, hbo/wo by croho, or a name only."""

    name: str = ""
    crebo: str = ""
    croho: str = ""
    nlqf: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in (("name", self.name), ("crebo", self.crebo), ("croho", self.croho), ("nlqf", self.nlqf))
            if v
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diploma:
        return cls(
            str(data.get("name", "")),
            str(data.get("crebo", "")),
            str(data.get("croho", "")),
            _opt_int(data.get("nlqf")),
        )


@dataclass(frozen=True, slots=True)
class Education:
    """Highest education: NLQF level (1-8), the sector (vo, mbo, hbo, wo) and diplomas where known."""

    nlqf: int | None = None
    sector: str = ""
    diplomas: tuple[Diploma, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"nlqf": self.nlqf, "sector": self.sector, "diplomas": [d.to_dict() for d in self.diplomas]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Education:
        if not data:
            return cls()
        return cls(
            _opt_int(data.get("nlqf")),
            str(data.get("sector", "")),
            tuple(Diploma.from_dict(d) for d in data.get("diplomas", ())),
        )


@dataclass(frozen=True, slots=True)
class PastOccupation:
    """An occupation a person has (had): ESCO URI, whether current, and years of experience when known."""

    uri: str
    current: bool = False
    years: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"uri": self.uri, "current": self.current, "years": self.years}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> PastOccupation:
        if isinstance(data, str):
            return cls(data)
        return cls(str(data["uri"]), bool(data.get("current", False)), _opt_float(data.get("years")))


@dataclass(frozen=True, slots=True)
class Profile:
    """A person looking for work or a switch. Holds no protected characteristic (see module docstring).

    ``employment_status`` and ``sector`` (the cao or O&O fund of the current employer) are there only because
    funding schemes depend on them; both are optional.
    """

    id: str
    skills: SkillSet = field(default_factory=SkillSet)
    occupations: tuple[PastOccupation, ...] = ()
    education: Education = Education()
    certificates: tuple[str, ...] = ()
    driving_licences: tuple[str, ...] = ()
    home: Location = Location()
    travel_km: float | None = None
    hours_per_week: float | None = None
    earliest_start: date | None = None
    employment_status: str = ""
    sector: str = ""

    def __post_init__(self) -> None:
        if self.employment_status and self.employment_status not in EMPLOYMENT_STATUSES:
            raise ValidationError(
                f"unknown employment status {self.employment_status!r}",
                hint=f"use one of {', '.join(EMPLOYMENT_STATUSES)}",
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "skills": self.skills.to_list(),
            "occupations": [o.to_dict() for o in self.occupations],
            "education": self.education.to_dict(),
            "certificates": list(self.certificates),
            "driving_licences": list(self.driving_licences),
            "home": self.home.to_dict(),
            "travel_km": self.travel_km,
            "hours_per_week": self.hours_per_week,
            "earliest_start": self.earliest_start.isoformat() if self.earliest_start else None,
            "employment_status": self.employment_status,
            "sector": self.sector,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """Read a profile; keys outside the schema are refused, protected ones with a reason."""
        protected = sorted(k for k in data if k.lower() in PROTECTED_ATTRIBUTES)
        if protected:
            raise ValidationError(
                f"a profile cannot hold {', '.join(protected)}",
                hint="protected characteristics are never inputs to matching; fairness audits use a separate file",
            )
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValidationError(f"unknown profile field(s) {', '.join(unknown)}", hint=f"fields: {sorted(known)}")
        try:
            return cls._build(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a missing key or a wrong type inside
            raise ValidationError(
                f"the profile is malformed ({type(exc).__name__}: {str(exc)[:120]})",
                hint='skills are URIs or {"uri": ...}; occupations are URIs or {"uri", "current", "years"}',
            ) from None

    @classmethod
    def _build(cls, data: Mapping[str, Any]) -> Profile:
        return cls(
            id=str(data["id"]),
            skills=SkillSet.from_list(data.get("skills", ())),
            occupations=tuple(PastOccupation.from_dict(o) for o in data.get("occupations", ())),
            education=Education.from_dict(data.get("education")),
            certificates=_strings(data.get("certificates")),
            driving_licences=_strings(data.get("driving_licences")),
            home=Location.from_dict(data.get("home")),
            travel_km=_opt_float(data.get("travel_km")),
            hours_per_week=_opt_float(data.get("hours_per_week")),
            earliest_start=_date(data.get("earliest_start")),
            employment_status=str(data.get("employment_status") or ""),
            sector=str(data.get("sector") or ""),
        )


@dataclass(frozen=True, slots=True)
class HardRequirements:
    """Requirements a candidate must meet, applied as filters that state their reason."""

    certificates: tuple[str, ...] = ()  # certificate ids as krapte.extract names them ("vca", "nen3140", ...)
    driving_licences: tuple[str, ...] = ()  # "B", "C", "CE", ...
    min_nlqf: int | None = None
    languages: tuple[str, ...] = ()  # informational: language levels are not filtered on (they are not checkable)

    @property
    def empty(self) -> bool:
        return not (self.certificates or self.driving_licences or self.min_nlqf)

    def to_dict(self) -> dict[str, Any]:
        return {
            "certificates": list(self.certificates),
            "driving_licences": list(self.driving_licences),
            "min_nlqf": self.min_nlqf,
            "languages": list(self.languages),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> HardRequirements:
        if not data:
            return cls()
        return cls(
            _strings(data.get("certificates")),
            _strings(data.get("driving_licences")),
            _opt_int(data.get("min_nlqf")),
            _strings(data.get("languages")),
        )

    @classmethod
    def from_extraction(cls, requirements: Mapping[str, Any]) -> HardRequirements:
        """From the JSON form of ``krapte.extract.Requirements`` (only mentions marked required become filters)."""
        certs = tuple(str(c["id"]) for c in requirements.get("certificates", ()) if c.get("required", True))
        licences = (
            tuple(
                str(d["category"])
                for d in requirements.get("driving_licences", ())
                if d.get("required", True) and d.get("category") != "unspecified"
            )
            or tuple("B" for d in requirements.get("driving_licences", ()) if d.get("required", True))[:1]
        )
        edu = requirements.get("education") or {}
        langs = tuple(str(x.get("language")) for x in requirements.get("language_levels", ()))
        return cls(tuple(dict.fromkeys(certs)), tuple(dict.fromkeys(licences)), _opt_int(edu.get("nlqf")), langs)


@dataclass(frozen=True, slots=True)
class Vacancy:
    """A job posting: the schema.org ``JobPosting`` fields that matter, its ESCO occupation and skill set."""

    id: str
    title: str
    description: str = ""
    employer: str = ""
    location: Location = Location()
    hours_min: float | None = None
    hours_max: float | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_unit: str = ""  # HOUR, MONTH, YEAR (schema.org unitText)
    employment_type: tuple[str, ...] = ()  # FULL_TIME, PART_TIME, TEMPORARY, ...
    education_requirements: str = ""
    experience_requirements: str = ""
    valid_through: date | None = None
    date_posted: date | None = None
    occupation: str = ""  # ESCO occupation URI
    skills: SkillSet = field(default_factory=SkillSet)
    requirements: HardRequirements = HardRequirements()
    url: str = ""
    open_hiring: bool = False
    demo: bool = False  # True for the generated demo set (labelled in every export)


@dataclass(frozen=True, slots=True)
class Course:
    """A course or programme: the schema.org ``Course``/``EducationalOccupationalProgram`` fields that matter."""

    id: str
    name: str
    provider: str = ""
    description: str = ""
    skills: SkillSet = field(default_factory=SkillSet)
    study_load_hours: float | None = None
    duration_weeks: float | None = None
    cost_eur: float | None = None
    mode: str = ""  # online, klassikaal, blended, bbl (werkend leren), bol (voltijd)
    start_dates: tuple[date, ...] = ()
    location: Location = Location()
    nlqf: int | None = None
    crebo: str = ""
    croho: str = ""
    kind: str = ""  # mbo-bbl, mbo-bol, mbo-derde-leerweg, hbo, wo, cursus (see krapte.match.funding facts)
    accredited: bool = False  # erkend/geaccrediteerd (crebo or croho registered)
    occupations: tuple[str, ...] = ()  # ESCO occupations the course prepares for
    url: str = ""
    demo: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # unrecognised source fields, kept for export
