"""The embedded matching data: mbo qualifications mapped to ESCO, wages per occupation, centroids."""

import json
from importlib import resources

from krapte.match import default_gazetteer
from krapte.match.data import brc_wages, mbo_courses, mbo_qualifications, wages_by_occupation
from krapte.taxonomy import Taxonomy


def test_mbo_qualifications_are_real_and_mapped_with_coverage() -> None:
    quals = mbo_qualifications()
    assert len(quals) == 470
    coverage = json.loads((resources.files("krapte.data") / "mbo-qualifications-2015" / "coverage.json").read_text())
    assert coverage["mapped"] == sum(bool(q["occupations"]) for q in quals) and coverage["mapped_share"] > 0.5
    heat = next(q for q in quals if q["crebo"] == "25280")
    assert heat["name"] == "Airco/warmtepompmonteur" and heat["mapping"] == "hand" and heat["skills"]


def test_mbo_courses_carry_crebo_level_and_skills(esco: Taxonomy) -> None:
    courses = {c.crebo: c for c in mbo_courses()}
    c = courses["25280"]
    assert c.kind == "mbo-bbl" and c.nlqf == 2 and c.accredited and c.extra["technical"]
    assert c.skills and all(uri in esco.skills for uri in c.skills.uris)
    assert c.cost_eur is None  # not in the source: left unknown, not invented


def test_wages_follow_isco_to_brc(esco: Taxonomy) -> None:
    wages = wages_by_occupation(esco)
    assert brc_wages()["Totaal"].p50 == 22.2
    loodgieter = next(u for u, o in esco.occupations.items() if o.label("nl") == "loodgieter")
    assert 12 < wages[loodgieter] < 40
    assert len(wages) > 2900


def test_centroids_give_plausible_distances() -> None:
    g = default_gazetteer()
    assert len(g.centroids) == 342
    assert 50 < g.distance_km("Amsterdam", "Rotterdam") < 90  # 57 km straight line x 1.3 detour
    assert g.code("Den Bosch") == "GM0796" and g.distance_km("GM0599", "Rotterdam") == 0.0


def test_demo_set_is_labelled_and_spread_over_the_35_regions() -> None:
    from krapte.match.data import demo_courses, demo_vacancies

    vacancies = demo_vacancies()
    assert len(vacancies) == 280 and all(v.demo and v.id.startswith("demo-") for v in vacancies)
    assert len({v.location.region for v in vacancies}) == 35
    assert all("gegenereerde demovacature" in v.description for v in vacancies)
    assert all(v.location.gemeente and v.occupation for v in vacancies)
    courses = demo_courses()
    assert len(courses) >= 60 and all(c.demo for c in courses)
    assert any(c.kind == "mbo-derde-leerweg" and c.crebo for c in courses)


def test_demo_vacancies_go_through_the_real_extraction(esco: Taxonomy) -> None:
    from krapte.extract import extract_text
    from krapte.extract.skills import SkillExtractor
    from krapte.match import read_vacancies

    extractor = SkillExtractor(esco, use_embeddings=False)
    raw = (resources.files("krapte.data") / "match-demo" / "vacancies.jsonl").read_text(encoding="utf-8")
    first = "\n".join(raw.splitlines()[:3])
    vacancies = read_vacancies(first, extract=lambda text: extract_text(text, extractor=extractor).to_dict())
    for v in vacancies:
        assert len(v.skills) >= 3, v.title
        assert all(e.source == "vacancy" and e.evidence for e in v.skills)
