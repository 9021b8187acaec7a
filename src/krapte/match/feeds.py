"""Reading and writing vacancies and courses: JSON-LD, JSON, JSON lines and CSV in; JSON-LD out.

:func:`read_vacancies` and :func:`read_courses` detect the format (``format="auto"``): a JSON document (one object,
a list, or a JSON-LD ``@graph``) with schema.org ``JobPosting`` / ``Course`` / ``EducationalOccupationalProgram``
objects or flat records, JSON lines, or CSV with a header. Flat records and CSV use the column names of
:data:`VACANCY_COLUMNS` and :data:`COURSE_COLUMNS`; lists in CSV cells are separated by ``|``.

Skills: when a record gives no ESCO skills, the caller's ``extract`` callable is applied to title and description.
It takes text and returns the JSON form of an extraction (``krapte.extract.DocumentResult.to_dict()``: ``skills``
and ``requirements``), so this module does not depend on the extractor.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

from krapte.errors import InputError
from krapte.match.geo import Gazetteer, default_gazetteer
from krapte.match.jobposting import (
    CONTEXT,
    hours_from_jsonld,
    requirements_from_jsonld,
    skill_term,
    skill_uris,
    skills_from_jsonld,
)
from krapte.match.models import (
    Course,
    Education,
    HardRequirements,
    Location,
    Profile,
    Vacancy,
    _date,
    _opt_float,
    _opt_int,
    _strings,
)
from krapte.match.skillset import SkillSet, skillset_from_extraction

__all__ = [
    "COURSE_COLUMNS",
    "VACANCY_COLUMNS",
    "Extract",
    "course_from_record",
    "course_to_jsonld",
    "profile_from_extraction",
    "read_courses",
    "read_records",
    "read_vacancies",
    "vacancy_from_record",
]

Extract = Callable[[str], Mapping[str, Any]]

VACANCY_COLUMNS = (
    "id",
    "title",
    "description",
    "employer",
    "gemeente",
    "location",
    "postcode",
    "hours_min",
    "hours_max",
    "salary_min",
    "salary_max",
    "salary_unit",
    "employment_type",
    "education_requirements",
    "experience_requirements",
    "valid_through",
    "date_posted",
    "occupation",
    "skills",
    "optional_skills",
    "certificates",
    "driving_licences",
    "min_nlqf",
    "url",
    "open_hiring",
    "demo",
)
COURSE_COLUMNS = (
    "id",
    "name",
    "provider",
    "description",
    "skills",
    "study_load_hours",
    "duration_weeks",
    "cost_eur",
    "mode",
    "start_dates",
    "gemeente",
    "location",
    "nlqf",
    "crebo",
    "croho",
    "kind",
    "accredited",
    "occupations",
    "url",
    "green",
    "digital",
    "technical",
    "demo",
)


# --- generic record reading --------------------------------------------------------------------------------
def read_records(data: str | bytes, *, format: str = "auto", name: str = "input") -> list[dict[str, Any]]:
    """Records (dicts) from JSON, JSON-LD, JSON lines or CSV text."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    fmt = format
    if fmt == "auto":
        head = text.lstrip()[:1]
        if head in "[{":
            fmt = "json"
            try:
                json.loads(text)
            except json.JSONDecodeError:
                fmt = "jsonl"
        else:
            fmt = "csv"
    if fmt in ("json", "jsonld"):
        try:
            return list(_objects(json.loads(text)))
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", file=name, line=exc.lineno) from exc
    if fmt == "jsonl":
        out: list[dict[str, Any]] = []
        for i, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    out.extend(_objects(json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise InputError(f"not valid JSON: {exc.msg}", file=name, line=i) from exc
        return out
    if fmt == "csv":
        return [dict(r) for r in csv.DictReader(io.StringIO(text))]
    raise InputError(f"unknown format {format!r}", file=name, hint="use auto, json, jsonld, jsonl or csv")


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for v in value:
            yield from _objects(v)
    elif isinstance(value, dict):
        if "@graph" in value:
            yield from _objects(value["@graph"])
        else:
            yield value


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _name(value: Any) -> str:
    value = _first(value)
    if isinstance(value, Mapping):
        return str(value.get("name") or value.get("legalName") or "")
    return str(value or "")


def _bool(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "ja", "y")


# --- vacancies ---------------------------------------------------------------------------------------------
def _location(rec: Mapping[str, Any], gazetteer: Gazetteer) -> Location:
    loc = _first(rec.get("jobLocation"))
    postcode = str(rec.get("postcode") or "")
    place = str(rec.get("gemeente") or rec.get("location") or "")
    code = ""
    region = str(rec.get("region") or "")
    if isinstance(loc, Mapping):
        addr = loc.get("address") or {}
        if isinstance(addr, Mapping):
            place = place or str(addr.get("addressLocality") or "")
            postcode = postcode or str(addr.get("postalCode") or "")
        elif isinstance(addr, str):
            place = place or addr
        ident = str(loc.get("identifier") or "")
        code = ident if ident.upper().startswith("GM") and ident in gazetteer.names else ""
        region = region or str(loc.get("krapte:labourMarketRegion") or "")
    code = code or gazetteer.find(place) or ""
    return Location(
        gemeente=code,
        name=gazetteer.names.get(code, place),
        postcode=postcode.replace(" ", "")[:4],
        region=region,
    )


def _hours(rec: Mapping[str, Any]) -> tuple[float | None, float | None]:
    exact = hours_from_jsonld(rec)
    if exact is not None:
        return exact
    lo, hi = _opt_float(rec.get("hours_min")), _opt_float(rec.get("hours_max"))
    work = rec.get("workHours")
    if lo is None and hi is None and work:
        nums = [float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", str(work))]
        if nums:
            lo, hi = min(nums), max(nums)
    return lo, hi


def _salary(rec: Mapping[str, Any]) -> tuple[float | None, float | None, str]:
    lo, hi = _opt_float(rec.get("salary_min")), _opt_float(rec.get("salary_max"))
    unit = str(rec.get("salary_unit") or "")
    base = rec.get("baseSalary")
    if isinstance(base, Mapping):
        value = base.get("value")
        if isinstance(value, Mapping):
            lo = _opt_float(value.get("minValue", value.get("value")))
            hi = _opt_float(value.get("maxValue", value.get("value")))
            unit = str(value.get("unitText") or unit)
        else:
            lo = hi = _opt_float(value)
    return lo, hi, unit.upper()


def vacancy_from_record(
    rec: Mapping[str, Any], *, extract: Extract | None = None, gazetteer: Gazetteer | None = None
) -> Vacancy:
    """One vacancy from a JobPosting object or a flat record."""
    gaz = gazetteer or default_gazetteer()
    title = str(rec.get("title") or rec.get("name") or "").strip()
    if not title:
        raise InputError("a vacancy needs a title", value=str(rec.get("id") or rec.get("identifier") or ""))
    ident = next((rec[k] for k in ("id", "@id", "identifier", "url") if rec.get(k) not in (None, "")), title)
    if isinstance(ident, Mapping):
        ident = ident.get("value") or ident.get("name") or title
    description = str(rec.get("description") or "")
    skills = skills_from_jsonld(rec)
    reqs, education, experience, free_text = requirements_from_jsonld(rec)
    if extract is not None and (not skills or reqs.empty):
        text = f"{title}\n\n{description}" + "".join(f"\n\n{t}" for t in free_text)
        result = extract(text)
        if not skills:
            skills = skillset_from_extraction(result, source="vacancy", document=str(ident))
        if reqs.empty and result.get("requirements"):
            reqs = HardRequirements.from_extraction(result["requirements"])
    hours_min, hours_max = _hours(rec)
    salary_min, salary_max, unit = _salary(rec)
    occupation = rec.get("occupation") or rec.get("occupationalCategory") or ""
    if isinstance(occupation, Mapping):
        occupation = occupation.get("codeValue") or occupation.get("@id") or ""
    return Vacancy(
        id=str(ident),
        title=title,
        description=description,
        employer=str(rec.get("employer") or _name(rec.get("hiringOrganization"))),
        location=_location(rec, gaz),
        hours_min=hours_min,
        hours_max=hours_max,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_unit=unit,
        employment_type=_strings(rec.get("employment_type") or rec.get("employmentType")),
        education_requirements=str(education),
        experience_requirements=str(experience),
        valid_through=_date(rec.get("valid_through") or rec.get("validThrough")),
        date_posted=_date(rec.get("date_posted") or rec.get("datePosted")),
        occupation=str(occupation) if str(occupation).startswith("http") else "",
        skills=skills,
        requirements=reqs,
        url=str(rec.get("url") or ""),
        open_hiring=_bool(rec.get("open_hiring", rec.get("krapte:openHiring", False))),
        demo=_bool(rec["demo"]) if "demo" in rec else bool(rec.get("krapte:demo")),
    )


def read_vacancies(
    data: str | bytes, *, format: str = "auto", extract: Extract | None = None, name: str = "input"
) -> list[Vacancy]:
    """Vacancies from JobPosting JSON-LD, JSON, JSON lines or CSV; errors name the record."""
    out = []
    for i, rec in enumerate(read_records(data, format=format, name=name), 1):
        kind = rec.get("@type")
        if kind not in (None, "", "JobPosting"):
            continue
        try:
            out.append(vacancy_from_record(rec, extract=extract))
        except InputError as exc:
            raise InputError(exc.problem.message, file=name, line=i, value=exc.problem.value) from exc
    return out


# --- profiles from a CV --------------------------------------------------------------------------------------
def profile_from_extraction(
    extraction: Mapping[str, Any],
    *,
    id: str,
    document: str = "",
    **fields: Any,
) -> Profile:
    """A profile from the JSON form of a CV extraction: skills with their evidence, every certificate and driving
    licence the CV mentions, and the highest education level. ``fields`` sets the rest (home, travel_km, ...)."""
    reqs = extraction.get("requirements") or {}
    certs = tuple(dict.fromkeys(str(c["id"]) for c in reqs.get("certificates", ())))
    licences = tuple(
        dict.fromkeys(
            str(d["category"]) for d in reqs.get("driving_licences", ()) if d.get("category") != "unspecified"
        )
    )
    edu = reqs.get("education") or {}
    education = Education(nlqf=_opt_int(edu.get("max_nlqf", edu.get("nlqf"))), sector=str(edu.get("level", "")))
    return Profile(
        id=id,
        skills=skillset_from_extraction(extraction, source="cv-extracted", document=document),
        certificates=certs,
        driving_licences=licences,
        education=education,
        **fields,
    )


# --- courses -----------------------------------------------------------------------------------------------
_COURSE_TYPES = (None, "", "Course", "EducationalOccupationalProgram", "CourseInstance")


def course_from_record(
    rec: Mapping[str, Any], *, extract: Extract | None = None, gazetteer: Gazetteer | None = None
) -> Course:
    gaz = gazetteer or default_gazetteer()
    name = str(rec.get("name") or rec.get("title") or "").strip()
    if not name:
        raise InputError("a course needs a name", value=str(rec.get("id") or ""))
    ident = str(rec.get("id") or rec.get("@id") or rec.get("identifier") or rec.get("courseCode") or name)
    description = str(rec.get("description") or "")
    uris = skill_uris(rec.get("skills") or rec.get("teaches"))
    skills = SkillSet.of(uris, source="course", origin=ident)
    if not skills and extract is not None:
        skills = skillset_from_extraction(extract(f"{name}\n\n{description}"), source="course", document=ident)
    cost = _opt_float(rec.get("cost_eur"))
    offers = _first(rec.get("offers"))
    if cost is None and isinstance(offers, Mapping):
        cost = _opt_float(offers.get("price"))
    elif cost is None and rec.get("tuition") is not None:
        cost = _opt_float(rec.get("tuition"))
    place = str(rec.get("gemeente") or rec.get("location") or "")
    code = gaz.find(place) or ""
    starts = rec.get("start_dates") or rec.get("startDate") or ()
    start_dates = tuple(d for d in (_date(s) for s in _strings(starts)) if isinstance(d, date))
    nlqf = rec.get("nlqf") or rec.get("educationalLevel")
    code_value = str(rec.get("crebo") or "")
    extra = {k: _bool(rec[k]) for k in ("green", "digital", "technical") if rec.get(k) not in (None, "")}
    return Course(
        id=ident,
        name=name,
        provider=str(rec.get("provider") if isinstance(rec.get("provider"), str) else _name(rec.get("provider"))),
        description=description,
        skills=skills,
        study_load_hours=_opt_float(rec.get("study_load_hours")),
        duration_weeks=_opt_float(rec.get("duration_weeks")),
        cost_eur=cost,
        mode=str(rec.get("mode") or rec.get("courseMode") or ""),
        start_dates=start_dates,
        location=Location(gemeente=code, name=gaz.names.get(code, place), region=str(rec.get("region") or "")),
        nlqf=_opt_int(str(nlqf).lower().replace("nlqf", "").strip()) if nlqf not in (None, "") else None,
        crebo=code_value,
        croho=str(rec.get("croho") or ""),
        kind=str(rec.get("kind") or ""),
        accredited=_bool(rec.get("accredited", bool(code_value or rec.get("croho")))),
        occupations=_strings(rec.get("occupations")),
        url=str(rec.get("url") or ""),
        demo=_bool(rec.get("demo", False)),
        extra=extra,
    )


def read_courses(
    data: str | bytes, *, format: str = "auto", extract: Extract | None = None, name: str = "input"
) -> list[Course]:
    """Courses from schema.org Course/EducationalOccupationalProgram JSON-LD, JSON, JSON lines or CSV."""
    out = []
    for i, rec in enumerate(read_records(data, format=format, name=name), 1):
        if rec.get("@type") not in _COURSE_TYPES:
            continue
        try:
            out.append(course_from_record(rec, extract=extract))
        except InputError as exc:
            raise InputError(exc.problem.message, file=name, line=i, value=exc.problem.value) from exc
    return out


def course_to_jsonld(c: Course, *, labels: Callable[[str], str] | None = None) -> dict[str, Any]:
    """A schema.org EducationalOccupationalProgram (with crebo/croho) or Course."""
    out: dict[str, Any] = {
        "@context": dict(CONTEXT),
        "@type": "EducationalOccupationalProgram" if (c.crebo or c.croho) else "Course",
        "identifier": c.id,
        "name": c.name,
        "description": c.description,
        "provider": {"@type": "EducationalOrganization", "name": c.provider},
        "teaches": [skill_term(e.uri, labels) for e in c.skills],
    }
    if c.cost_eur is not None:
        out["offers"] = {"@type": "Offer", "price": c.cost_eur, "priceCurrency": "EUR"}
    if c.nlqf is not None:
        out["educationalLevel"] = f"NLQF {c.nlqf}"
    if c.crebo:
        out["programCode"] = f"crebo {c.crebo}"
    if c.croho:
        out["programCode"] = f"croho {c.croho}"
    if c.duration_weeks is not None:
        out["timeToComplete"] = f"P{round(c.duration_weeks)}W"
    if c.start_dates:
        out["startDate"] = [d.isoformat() for d in c.start_dates]
    if c.mode:
        out["educationalProgramMode"] = c.mode
    if c.location.name:
        out["location"] = {"@type": "Place", "name": c.location.name, "identifier": c.location.gemeente}
    if c.demo:
        out["krapte:demo"] = "generated demo course (krapte match-demo set), not a real course"
    return out
