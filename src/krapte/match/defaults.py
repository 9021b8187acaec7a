"""Default loader for ``krapte setup``: the generated demo vacancies and courses, through the real extraction.

The demo set (``krapte/data/match-demo``, built by ``scripts/build_match_demo.py``, every record labelled demo)
holds texts, not skills: the loader runs each vacancy's and course's text through the skill and requirements
extraction and stores the result as plain JSON rows (``krapte.store.match``), once per dataset version. Running
setup again with an unchanged demo set and taxonomy changes nothing.

Also here, because both the loader and the services need it: the plain-JSON form of a :class:`Vacancy` and a
:class:`Course` (``vacancy_to_row`` / ``vacancy_from_row``), lossless for every field.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date
from typing import Any

from krapte.errors import ValidationError
from krapte.match.models import Course, HardRequirements, Location, Vacancy, _date
from krapte.match.skillset import SkillSet

__all__ = [
    "DEMO_SOURCE",
    "course_from_row",
    "course_to_row",
    "load_default_match",
    "vacancy_from_row",
    "vacancy_to_row",
]


def _plain(value: Any) -> Any:
    if isinstance(value, SkillSet):
        return value.to_list()
    if isinstance(value, Location | HardRequirements):
        return value.to_dict()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def vacancy_to_row(v: Vacancy) -> dict[str, Any]:
    return {f.name: _plain(getattr(v, f.name)) for f in fields(Vacancy)}


def course_to_row(c: Course) -> dict[str, Any]:
    return {f.name: _plain(getattr(c, f.name)) for f in fields(Course)}


def _object(cls: type, data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        v = data[f.name]
        if f.name == "skills":
            v = SkillSet.from_list(v or ())
        elif f.name == "location":
            v = Location.from_dict(v)
        elif f.name == "requirements":
            v = HardRequirements.from_dict(v)
        elif f.name in ("valid_through", "date_posted"):
            v = _date(v)
        elif f.name == "start_dates":
            v = tuple(d for d in (_date(x) for x in v or ()) if d is not None)
        elif isinstance(v, list):
            v = tuple(v)
        out[f.name] = v
    return out


def vacancy_from_row(data: Mapping[str, Any]) -> Vacancy:
    try:
        return Vacancy(**_object(Vacancy, data))
    except TypeError as exc:
        raise ValidationError(f"stored vacancy is not readable: {exc}") from None


def course_from_row(data: Mapping[str, Any]) -> Course:
    try:
        return Course(**_object(Course, data))
    except TypeError as exc:
        raise ValidationError(f"stored course is not readable: {exc}") from None


def _demo_source(taxonomy_key: str) -> str:
    from krapte.match.versions import data_versions
    from krapte.taxonomy import default_taxonomy

    version = data_versions(default_taxonomy()).get("match-demo", "")
    return f"{DEMO_SOURCE} {version} lexical-extraction taxonomy {taxonomy_key}"[:300]


DEMO_SOURCE = "match-demo"


def load_default_match(store: Any, settings: Any, progress: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """Extract and store the demo vacancies and courses unless this dataset version is already stored."""
    from krapte.extract import default_extractor, extract_text
    from krapte.match.data import demo_courses, demo_vacancies
    from krapte.store import match as repo
    from krapte.taxonomy import default_taxonomy

    source = _demo_source(default_taxonomy().key)
    if repo.has_source(store, source):
        return {"vacancies": "unchanged", "courses": "unchanged", "source": source}
    started = time.perf_counter()
    extractor = default_extractor(use_embeddings=False)  # lexical: seconds instead of minutes at setup

    def extract(text: str) -> dict[str, Any]:
        out: dict[str, Any] = extract_text(text, lang="nl", extractor=extractor).to_dict()
        return out

    if progress:
        progress("extracting skills from the demo vacancies and courses")
    vacancies = demo_vacancies(extract=extract)
    courses = demo_courses(extract=extract)
    repo.save_vacancies(store, [vacancy_to_row(v) for v in vacancies], source=source, actor="setup")
    repo.save_courses(store, [course_to_row(c) for c in courses], source=source, actor="setup")
    return {
        "vacancies": len(vacancies),
        "courses": len(courses),
        "source": source,
        "seconds": round(time.perf_counter() - started, 1),
    }
