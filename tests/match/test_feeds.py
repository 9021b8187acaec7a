"""Vacancies and courses from JSON-LD, JSON, JSON lines and CSV; JSON-LD export round-trips."""

import json
from collections.abc import Mapping
from typing import Any

import pytest

from krapte.errors import InputError
from krapte.match import read_courses, read_vacancies, vacancies_to_jsonld, vacancy_to_jsonld

S1 = "http://data.europa.eu/esco/skill/s1"
S2 = "http://data.europa.eu/esco/skill/s2"
JOBPOSTING = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "identifier": "v-1",
    "title": "Monteur warmtepompen",
    "description": "Je installeert warmtepompen. VCA vereist.",
    "hiringOrganization": {"@type": "Organization", "name": "Installatiebedrijf Jansen"},
    "jobLocation": {"@type": "Place", "address": {"addressLocality": "'s-Hertogenbosch", "postalCode": "5211 AB"}},
    "workHours": "32-40 uur",
    "baseSalary": {"currency": "EUR", "value": {"minValue": 2800, "maxValue": 3600, "unitText": "MONTH"}},
    "employmentType": ["FULL_TIME"],
    "validThrough": "2027-03-01",
    "occupationalCategory": {"codeValue": "http://data.europa.eu/esco/occupation/x"},
    "skills": [{"@type": "DefinedTerm", "termCode": S1}],
}


def fake_extract(text: str) -> Mapping[str, Any]:
    return {
        "skills": [{"uri": S2, "confidence": 0.7, "evidence": [{"start": 0, "end": 5, "text": text[:5]}]}],
        "requirements": {"certificates": [{"id": "vca", "required": True}], "driving_licences": []},
    }


def test_jobposting_jsonld_fields() -> None:
    [v] = read_vacancies(json.dumps(JOBPOSTING), extract=fake_extract)
    assert v.id == "v-1" and v.employer == "Installatiebedrijf Jansen"
    assert v.location.gemeente == "GM0796" and v.location.postcode == "5211"
    assert (v.hours_min, v.hours_max, v.salary_min, v.salary_unit) == (32, 40, 2800, "MONTH")
    assert v.skills.uris == {S1}  # given skills are kept; the extractor only fills the requirements
    assert v.requirements.certificates == ("vca",)
    assert v.occupation.endswith("/x")


def test_export_jsonld_round_trips() -> None:
    [v] = read_vacancies(json.dumps(JOBPOSTING))
    doc = vacancy_to_jsonld(v, labels=lambda uri: "label")
    assert doc["@type"] == "JobPosting" and doc["skills"][0]["name"] == "label"
    [again] = read_vacancies(json.dumps(doc))
    assert again.skills == v.skills and again.location == v.location and again.salary_max == v.salary_max
    graph = json.loads(vacancies_to_jsonld([v, v]))
    assert len(graph["@graph"]) == 2


def test_csv_and_jsonl_use_the_extractor_when_no_skills_are_given() -> None:
    csv_text = "id,title,description,gemeente,hours_min,skills,optional_skills\n" + (
        f"a,Lasser,Lassen van staal,Rotterdam,38,,\nb,Monteur,,Utrecht,,{S1},{S2}\n"
    )
    a, b = read_vacancies(csv_text, extract=fake_extract)
    assert a.skills.uris == {S2} and a.skills.get(S2).source == "vacancy"  # type: ignore[union-attr]
    assert a.location.gemeente == "GM0599" and a.hours_min == 38
    assert b.skills.essential == {S1} and b.skills.optional == {S2}
    jsonl = "\n".join(json.dumps({"id": i, "title": f"t{i}"}) for i in range(3))
    assert [v.id for v in read_vacancies(jsonl)] == ["0", "1", "2"]


def test_errors_name_the_record() -> None:
    with pytest.raises(InputError, match="input:2"):
        read_vacancies('{"title": "a"}\n{"description": "geen titel"}\n')


def test_courses_from_jsonld_and_csv() -> None:
    program = {
        "@type": "EducationalOccupationalProgram",
        "identifier": "crebo-25263",
        "name": "Monteur werktuigkundige installaties",
        "provider": {"name": "ROC"},
        "teaches": [{"termCode": S1}],
        "offers": {"price": 1250},
        "educationalLevel": "NLQF 3",
        "crebo": "25263",
        "kind": "mbo-bbl",
    }
    [c] = read_courses(json.dumps(program))
    assert c.cost_eur == 1250 and c.nlqf == 3 and c.accredited and c.skills.uris == {S1}
    [d] = read_courses("id,name,cost_eur,duration_weeks,digital\nk1,Python basis,450,8,ja\n", extract=fake_extract)
    assert d.skills.uris == {S2} and d.extra == {"digital": True} and not d.accredited


def test_profile_from_a_cv_extraction_keeps_evidence_and_requirements() -> None:
    from krapte.match import Location, profile_from_extraction

    result = {
        "skills": [{"uri": S1, "confidence": 0.9, "evidence": [{"start": 0, "end": 6, "text": "lassen"}]}],
        "requirements": {
            "certificates": [{"id": "vca", "required": True}],
            "driving_licences": [{"category": "B"}, {"category": "unspecified"}],
            "education": {"level": "mbo", "nlqf": 2, "max_nlqf": 3},
        },
    }
    p = profile_from_extraction(result, id="c1", document="cv.pdf", home=Location(gemeente="GM0599"), travel_km=30)
    assert p.skills.get(S1).evidence[0].document == "cv.pdf"  # type: ignore[union-attr]
    assert p.certificates == ("vca",) and p.driving_licences == ("B",) and p.education.nlqf == 3
    assert p.home.gemeente == "GM0599"


def test_pathway_contract_has_exactly_the_documented_keys(tiny: object) -> None:
    from krapte.match import pathways_from_occupation

    from .conftest import OCC

    [first, *_] = pathways_from_occupation(tiny, OCC + "loodgieter")  # type: ignore[arg-type]
    assert set(first.contract()) == {"uri", "label", "similarity", "flags", "gap_skills"}
    assert all(set(g) == {"uri", "label"} for g in first.contract()["gap_skills"])
