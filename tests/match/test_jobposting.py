"""JobPosting JSON-LD: export in schema.org terms, import back, and get the same vacancy (hard requirements too)."""

import json
from datetime import date

from krapte.match import HardRequirements, Location, Vacancy, read_vacancies, vacancies_to_jsonld, vacancy_to_jsonld
from krapte.match.skillset import SkillEntry, SkillEvidence, SkillSet

S = "http://data.europa.eu/esco/skill/"

VACANCY = Vacancy(
    id="v-42",
    title="Monteur warmtepompen",
    description="Je installeert warmtepompen bij woningen. VCA en rijbewijs C vereist.",
    employer="Installatiebedrijf Jansen",
    location=Location(gemeente="GM0796", name="'s-Hertogenbosch", postcode="5211", region="AM24"),
    hours_min=32,
    hours_max=None,
    salary_min=2800,
    salary_max=3600,
    salary_unit="MONTH",
    employment_type=("FULL_TIME", "TEMPORARY"),
    education_requirements="mbo niveau 3 installatietechniek",
    experience_requirements="2 jaar ervaring met installaties",
    valid_through=date(2027, 3, 1),
    date_posted=date(2026, 12, 1),
    occupation="http://data.europa.eu/esco/occupation/x",
    skills=SkillSet(
        (
            SkillEntry(S + "a", 1.0, "vacancy", True),
            SkillEntry(S + "b", 0.5, "vacancy", False),
            SkillEntry(S + "c", 0.73, "vacancy", True, (SkillEvidence("warmtepompen", 30, 42, "v-42"),), "v-42"),
        )
    ),
    requirements=HardRequirements(("vca", "nen3140"), ("C", "B"), 3, ("nl",)),
    url="https://example.org/v-42",
    open_hiring=True,
    demo=True,
)


def test_export_import_gives_the_same_vacancy() -> None:
    doc = vacancy_to_jsonld(VACANCY, labels=lambda uri: uri.rsplit("/", 1)[1])
    [again] = read_vacancies(json.dumps(doc))
    assert again == VACANCY
    [from_graph] = read_vacancies(vacancies_to_jsonld([VACANCY]))
    assert from_graph == VACANCY


def test_hard_requirements_are_schema_org_credentials() -> None:
    doc = vacancy_to_jsonld(VACANCY)
    edu = doc["educationRequirements"]
    assert edu["@type"] == "EducationalOccupationalCredential" and edu["credentialCategory"] == "diploma"
    assert edu["educationalLevel"]["termCode"] == "3" and edu["description"].startswith("mbo niveau 3")
    kinds = [(q["credentialCategory"], q["identifier"]) for q in doc["qualifications"]]
    assert kinds == [
        ("certificate", "vca"),
        ("certificate", "nen3140"),
        ("driving licence", "C"),
        ("driving licence", "B"),
        ("language level", "nl"),
    ]
    assert doc["experienceRequirements"] == "2 jaar ervaring met installaties"
    assert doc["@context"]["krapte"] == "https://krapte.nl/ns#"  # every krapte: term is declared


def test_a_vacancy_without_requirements_exports_none_and_reads_back_empty() -> None:
    bare = Vacancy(id="v-1", title="Lasser", location=Location(gemeente="GM0599", name="Rotterdam"))
    doc = vacancy_to_jsonld(bare)
    assert not {"educationRequirements", "qualifications", "experienceRequirements", "workHours"} & set(doc)
    [again] = read_vacancies(json.dumps(doc))
    assert again == bare


def test_older_exports_and_foreign_feeds_still_read() -> None:
    older = {
        "@type": "JobPosting",
        "title": "Chauffeur",
        "krapte:requirements": {"certificates": ["code95"], "driving_licences": ["CE"], "min_nlqf": 2},
        "krapte:demo": "generated demo vacancy (krapte match-demo set), not a real job",
    }
    foreign = {
        "@type": "JobPosting",
        "title": "Developer",
        "educationRequirements": {"credentialCategory": "bachelor degree"},
        "qualifications": "Ervaring met Python",
        "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 24},
    }
    seen: list[str] = []

    def extract(text: str) -> dict[str, object]:
        seen.append(text)
        return {"skills": [], "requirements": {}}

    a, b = read_vacancies(json.dumps([older, foreign]), extract=extract)
    assert a.requirements == HardRequirements(("code95",), ("CE",), 2) and a.demo
    assert b.education_requirements == "bachelor degree" and b.experience_requirements == "24 maanden"
    assert seen[-1].endswith("Ervaring met Python")  # free-text qualifications go to the extractor
