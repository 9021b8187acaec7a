"""A vacancy as schema.org ``JobPosting`` JSON-LD and back, without losing the hard requirements or skill details.

Export (:func:`vacancy_to_jsonld`) uses schema.org terms wherever schema.org has one, so any JobPosting consumer
reads them, and a small, documented krapte extension (prefix ``krapte:`` = ``https://krapte.nl/ns#``, declared in
every document's ``@context``) only for what schema.org cannot say:

=============================  ==================================================================================
vacancy field                  JSON-LD
=============================  ==================================================================================
minimum education (NLQF)       ``educationRequirements``: ``EducationalOccupationalCredential`` with
and its text                   ``credentialCategory`` "diploma", ``educationalLevel`` a ``DefinedTerm`` "NLQF n"
                               (``termCode`` n, set https://www.nlqf.nl/) and the vacancy's own words as
                               ``description``
certificates (VCA, NEN 3140)   ``qualifications``: credentials with ``credentialCategory`` "certificate" and the
                               certificate id (as :mod:`krapte.extract` names it) as ``identifier``
driving licences (B, C, CE)    ``qualifications``: credentials with ``credentialCategory`` "driving licence" and
                               the category as ``identifier``
language levels                ``qualifications``: credentials with ``credentialCategory`` "language level" and
                               the language as ``identifier`` (informational, never a filter)
experience                     ``experienceRequirements`` (text)
skills                         ``skills``: ESCO ``DefinedTerm`` s; ``krapte:required`` false for a nice-to-have,
                               ``krapte:weight`` when it differs from the default (1 essential, 0.5 optional),
                               ``krapte:evidence`` (text spans) and ``krapte:origin`` for extracted skills
hours per week                 ``workHours`` (text, for people) and ``krapte:hoursPerWeek`` (a
                               ``QuantitativeValue`` with ``minValue``/``maxValue``, for machines)
labour-market region           ``jobLocation.krapte:labourMarketRegion``; the gemeente code is
                               ``jobLocation.identifier``
open hiring, demo label        ``krapte:openHiring``, ``krapte:demo``
=============================  ==================================================================================

Import (:func:`requirements_from_jsonld`, :func:`skills_from_jsonld`) reads all of the above, the older export
(``krapte:requirements``) and plain-text ``educationRequirements``/``qualifications`` from other feeds (the text
is then left to the extractor). :func:`krapte.match.feeds.vacancy_from_record` puts it together, so exporting and
importing a vacancy gives the same vacancy back (``tests/match/test_jobposting.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from krapte.match.models import HardRequirements, Vacancy, _opt_float, _strings
from krapte.match.skillset import OPTIONAL_WEIGHT, SkillEntry, SkillEvidence, SkillSet

__all__ = [
    "CONTEXT",
    "ESCO_SET",
    "KRAPTE_NS",
    "NLQF_SET",
    "hours_from_jsonld",
    "requirements_from_jsonld",
    "requirements_to_jsonld",
    "skill_term",
    "skill_uris",
    "skills_from_jsonld",
    "vacancies_to_jsonld",
    "vacancy_to_jsonld",
]

KRAPTE_NS = "https://krapte.nl/ns#"
CONTEXT: dict[str, str] = {"@vocab": "https://schema.org/", "krapte": KRAPTE_NS}
ESCO_SET = "http://data.europa.eu/esco/skill"
NLQF_SET = "https://www.nlqf.nl/"
_ESCO_SKILL = "http://data.europa.eu/esco/skill/"

#: ``credentialCategory`` values of krapte's requirement credentials
DIPLOMA, CERTIFICATE, LICENCE, LANGUAGE = "diploma", "certificate", "driving licence", "language level"


# --- requirements ------------------------------------------------------------------------------------------
def _credential(category: str, **fields: Any) -> dict[str, Any]:
    return {"@type": "EducationalOccupationalCredential", "credentialCategory": category, **fields}


def requirements_to_jsonld(v: Vacancy) -> dict[str, Any]:
    """``educationRequirements``, ``qualifications`` and ``experienceRequirements`` of a vacancy (only those set)."""
    out: dict[str, Any] = {}
    reqs = v.requirements
    if reqs.min_nlqf is not None or v.education_requirements:
        edu = _credential(DIPLOMA)
        if reqs.min_nlqf is not None:
            edu["educationalLevel"] = {
                "@type": "DefinedTerm",
                "name": f"NLQF {reqs.min_nlqf}",
                "termCode": str(reqs.min_nlqf),
                "inDefinedTermSet": NLQF_SET,
            }
        if v.education_requirements:
            edu["description"] = v.education_requirements
        out["educationRequirements"] = edu
    quals = (
        [_credential(CERTIFICATE, identifier=c, name=c.upper()) for c in reqs.certificates]
        + [_credential(LICENCE, identifier=d, name=f"rijbewijs {d}") for d in reqs.driving_licences]
        + [_credential(LANGUAGE, identifier=lang, name=lang) for lang in reqs.languages]
    )
    if quals:
        out["qualifications"] = quals
    if v.experience_requirements:
        out["experienceRequirements"] = v.experience_requirements
    return out


def _items(value: Any) -> list[Any]:
    if value in (None, ""):
        return []
    return list(value) if isinstance(value, list) else [value]


def _nlqf(level: Any) -> int | None:
    if isinstance(level, Mapping):
        level = level.get("termCode") or level.get("name") or ""
    found = re.search(r"\d", str(level or ""))
    return int(found.group()) if found else None


def requirements_from_jsonld(rec: Mapping[str, Any]) -> tuple[HardRequirements, str, str, list[str]]:
    """(hard requirements, education text, experience text, free-text requirements for the extractor).

    Reads credential objects as :func:`requirements_to_jsonld` writes them, the older ``krapte:requirements``
    object, and flat-record columns (``certificates``, ``driving_licences``, ``min_nlqf``)."""
    certs: list[str] = []
    licences: list[str] = []
    langs: list[str] = []
    min_nlqf: int | None = None
    texts: list[str] = []
    education: list[str] = []
    for item in _items(rec.get("education_requirements") or rec.get("educationRequirements")):
        if isinstance(item, Mapping):
            min_nlqf = _nlqf(item.get("educationalLevel")) if min_nlqf is None else min_nlqf
            category = str(item.get("credentialCategory") or "")
            text = str(item.get("description") or item.get("name") or (category if category != DIPLOMA else ""))
        else:
            text = str(item)
        if text:
            education.append(text)
    for item in _items(rec.get("qualifications")):
        if not isinstance(item, Mapping):
            texts.append(str(item))
            continue
        category = str(item.get("credentialCategory") or "").lower()
        ident = str(item.get("identifier") or item.get("name") or "")
        if category == CERTIFICATE:
            certs.append(ident)
        elif category == LICENCE:
            licences.append(ident)
        elif category == LANGUAGE:
            langs.append(ident)
        elif category == DIPLOMA and _nlqf(item.get("educationalLevel")) is not None:
            min_nlqf = min_nlqf or _nlqf(item.get("educationalLevel"))
        else:
            texts.append(str(item.get("description") or item.get("name") or ""))
    old = rec.get("krapte:requirements")
    flat = {k: rec.get(k) for k in ("certificates", "driving_licences", "min_nlqf", "languages")}
    for extra in (old if isinstance(old, Mapping) else {}, flat):
        more = HardRequirements.from_dict({k: v for k, v in extra.items() if v not in (None, "", [])})
        certs += more.certificates
        licences += more.driving_licences
        langs += more.languages
        min_nlqf = min_nlqf if min_nlqf is not None else more.min_nlqf
    reqs = HardRequirements(
        tuple(dict.fromkeys(c for c in certs if c)),
        tuple(dict.fromkeys(d for d in licences if d)),
        min_nlqf,
        tuple(dict.fromkeys(lang for lang in langs if lang)),
    )
    experience = rec.get("experience_requirements") or rec.get("experienceRequirements") or ""
    if isinstance(experience, Mapping):
        months = experience.get("monthsOfExperience")
        experience = f"{months} maanden" if months not in (None, "") else str(experience.get("description") or "")
    return reqs, "; ".join(education), str(experience), [t for t in texts if t]


# --- skills ------------------------------------------------------------------------------------------------
def skill_uris(value: Any) -> tuple[str, ...]:
    """ESCO skill URIs from a string ('uri|uri'), a list of strings or of DefinedTerm objects."""
    if value in (None, ""):
        return ()
    items = value if isinstance(value, list) else _strings(value)
    out = []
    for item in items:
        uri = (
            str(item.get("termCode") or item.get("@id") or item.get("url") or "")
            if isinstance(item, Mapping)
            else str(item)
        )
        if uri.startswith(_ESCO_SKILL):
            out.append(uri)
    return tuple(out)


def skill_term(entry: SkillEntry | str, labels: Callable[[str], str] | None = None) -> dict[str, Any]:
    """An ESCO skill as a ``DefinedTerm``, with krapte's details where they differ from the defaults."""
    e = SkillEntry(entry, source="vacancy") if isinstance(entry, str) else entry
    term: dict[str, Any] = {"@type": "DefinedTerm", "termCode": e.uri, "inDefinedTermSet": ESCO_SET}
    if labels is not None:
        term["name"] = labels(e.uri)
    if not e.required:
        term["krapte:required"] = False
    if e.weight != (1.0 if e.required else OPTIONAL_WEIGHT):
        term["krapte:weight"] = e.weight
    if e.evidence:
        term["krapte:evidence"] = [ev.to_dict() for ev in e.evidence]
    if e.origin:
        term["krapte:origin"] = e.origin
    return term


def skills_from_jsonld(rec: Mapping[str, Any]) -> SkillSet:
    """A vacancy's skills: ``skills`` (DefinedTerms or URIs; ``krapte:required`` false = optional) and the flat
    ``optional_skills`` column."""
    entries: list[SkillEntry] = []
    for item in _items(rec.get("skills")) if isinstance(rec.get("skills"), list) else []:
        if not isinstance(item, Mapping):
            continue
        [uri] = skill_uris([item]) or [""]
        if not uri:
            continue
        required = item.get("krapte:required", True) not in (False, "false", "False", 0)
        weight = _opt_float(item.get("krapte:weight"))
        evidence = tuple(SkillEvidence.from_dict(e) for e in _items(item.get("krapte:evidence")))
        entries.append(
            SkillEntry(
                uri,
                weight if weight is not None else (1.0 if required else OPTIONAL_WEIGHT),
                "vacancy",
                required,
                evidence,
                str(item.get("krapte:origin") or ""),
            )
        )
    listed = {e.uri for e in entries}
    essential = [u for u in skill_uris(rec.get("skills")) if u not in listed]
    optional = [u for u in skill_uris(rec.get("optional_skills")) if u not in listed and u not in essential]
    entries += [SkillEntry(u, 1.0, "vacancy", True) for u in essential]
    entries += [SkillEntry(u, OPTIONAL_WEIGHT, "vacancy", False) for u in optional]
    return SkillSet(tuple(entries))


def hours_from_jsonld(rec: Mapping[str, Any]) -> tuple[float | None, float | None] | None:
    """(min, max) hours per week from ``krapte:hoursPerWeek``, or None when the record does not give it."""
    value = rec.get("krapte:hoursPerWeek")
    if not isinstance(value, Mapping):
        return None
    return _opt_float(value.get("minValue")), _opt_float(value.get("maxValue"))


# --- export ------------------------------------------------------------------------------------------------
def vacancy_to_jsonld(v: Vacancy, *, labels: Callable[[str], str] | None = None) -> dict[str, Any]:
    """A schema.org JobPosting with every field of the vacancy (see the module docstring for the terms)."""
    place: dict[str, Any] = {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": v.location.name,
            "postalCode": v.location.postcode,
            "addressCountry": "NL",
        },
    }
    if v.location.gemeente:
        place["identifier"] = v.location.gemeente
    if v.location.region:
        place["krapte:labourMarketRegion"] = v.location.region
    out: dict[str, Any] = {
        "@context": dict(CONTEXT),
        "@type": "JobPosting",
        "identifier": v.id,
        "title": v.title,
        "description": v.description,
        "hiringOrganization": {"@type": "Organization", "name": v.employer},
        "jobLocation": place,
    }
    if v.hours_min is not None or v.hours_max is not None:
        lo, hi = v.hours_min or v.hours_max, v.hours_max or v.hours_min
        out["workHours"] = f"{lo:g}-{hi:g} uur per week" if lo != hi else f"{lo:g} uur per week"
        out["krapte:hoursPerWeek"] = {
            "@type": "QuantitativeValue",
            "minValue": v.hours_min,
            "maxValue": v.hours_max,
            "unitText": "HOUR",
        }
    if v.salary_min is not None or v.salary_max is not None:
        value: dict[str, Any] = {"@type": "QuantitativeValue", "minValue": v.salary_min, "maxValue": v.salary_max}
        if v.salary_unit:
            value["unitText"] = v.salary_unit
        out["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": value}
    for key, field_value in (
        ("employmentType", list(v.employment_type)),
        ("validThrough", v.valid_through.isoformat() if v.valid_through else ""),
        ("datePosted", v.date_posted.isoformat() if v.date_posted else ""),
        ("url", v.url),
    ):
        if field_value:
            out[key] = field_value
    out.update(requirements_to_jsonld(v))
    if v.occupation:
        out["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": v.occupation,
            "inCodeSet": "http://data.europa.eu/esco/occupation",
        }
    out["skills"] = [skill_term(e, labels) for e in v.skills]
    if v.open_hiring:
        out["krapte:openHiring"] = True
    if v.demo:
        out["krapte:demo"] = "generated demo vacancy (krapte match-demo set), not a real job"
    return out


def vacancies_to_jsonld(vacancies: Iterable[Vacancy], *, labels: Callable[[str], str] | None = None) -> str:
    """One JSON-LD document: a ``@graph`` of JobPostings under one ``@context``."""
    graph = [vacancy_to_jsonld(v, labels=labels) for v in vacancies]
    for g in graph:
        g.pop("@context", None)
    return json.dumps({"@context": dict(CONTEXT), "@graph": graph}, ensure_ascii=False, indent=1)
