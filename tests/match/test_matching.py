"""Matching: score components, filters with reasons, open hiring, explanations, the index equals the matcher."""

import itertools
from datetime import date

import numpy as np
import pytest

from krapte.match import Education, HardRequirements, Location, PastOccupation, Profile, SkillEntry, SkillSet, Vacancy
from krapte.match.carving import carve, carve_team
from krapte.match.index import VacancyIndex
from krapte.match.matching import WEIGHTS, Matcher, education_fit, hours_fit
from krapte.match.skillset import SkillEvidence
from krapte.taxonomy import Taxonomy

from .conftest import OCC as O
from .conftest import B

TODAY = date(2026, 12, 7)


def vacancy(vid: str, ess: list[str], opt: list[str] = (), **kw: object) -> Vacancy:  # type: ignore[assignment]
    skills = SkillSet(
        tuple(SkillEntry(B + s, 1.0, "vacancy") for s in ess)
        + tuple(SkillEntry(B + s, 0.5, "vacancy", required=False) for s in opt)
    )
    return Vacancy(id=vid, title=vid, skills=skills, **kw)  # type: ignore[arg-type]


@pytest.fixture
def person() -> Profile:
    return Profile(
        id="p1",
        skills=SkillSet((SkillEntry(B + "lassen", 0.9, "cv-extracted", evidence=(SkillEvidence("lassen", 3, 9),)),)),
        occupations=(PastOccupation(O + "loodgieter", current=True),),
        education=Education(nlqf=2),
        certificates=("vca",),
        driving_licences=("B",),
        home=Location(gemeente="GM0599"),
        travel_km=40,
        hours_per_week=36,
    )


def test_components_and_explanations(tiny: Taxonomy, person: Profile) -> None:
    m = Matcher(tiny, today=TODAY)
    v = vacancy(
        "wp",
        ["leidingen-leggen", "warmtepomp-installeren", "lassen"],
        ["elektra-aansluiten"],
        location=Location(gemeente="GM0606"),
        hours_min=32,
        hours_max=40,
        requirements=HardRequirements(min_nlqf=3),
    )
    r = m.score(person, v)
    assert r.eligible and r.filters == ()
    names = [c.name for c in r.components]
    assert names == ["essential", "optional", "education", "hours", "travel"]
    assert sum(c.weight for c in r.components) == pytest.approx(1.0)
    assert r.component("education").value == 0.5  # type: ignore[union-attr]  # one NLQF level below
    assert r.component("hours").value == 1.0  # type: ignore[union-attr]
    assert r.score == pytest.approx(sum(c.contribution for c in r.components))
    lassen = next(x for x in r.matched if x["uri"] == B + "lassen")
    assert lassen["how"] == "exact" and lassen["evidence"][0]["text"] == "lassen"
    assert [x["uri"] for x in r.missing_essential] == [B + "warmtepomp-installeren"]
    pipes = next(x for x in r.matched if x["uri"] == B + "leidingen-leggen")
    assert pipes["source"] == "inferred-from-occupation"  # skills count from experience, not only diplomas


def test_hard_requirements_filter_with_their_reason(tiny: Taxonomy, person: Profile) -> None:
    m = Matcher(tiny, today=TODAY)
    far = vacancy("far", ["lassen"], location=Location(gemeente="GM0014"))  # Groningen, ~200 km from Rotterdam
    cert = vacancy(
        "cert", ["lassen"], requirements=HardRequirements(certificates=("nen3140",), driving_licences=("C",))
    )
    old = vacancy("old", ["lassen"], valid_through=date(2026, 1, 1))
    assert any("reisafstand" in f for f in m.score(person, far).filters)
    assert m.score(person, cert).filters == ("certificaat nen3140 vereist", "rijbewijs C vereist")
    assert "verlopen" in m.score(person, old).filters[0]
    ok = vacancy("ok", ["lassen"])
    ranked = m.vacancies_for(person, [far, cert, old, ok])
    assert [r.vacancy_id for r in ranked] == ["ok"]
    assert len(m.vacancies_for(person, [far, cert, old, ok], include_filtered=True)) == 4


def test_open_hiring_ignores_skills_and_diplomas(tiny: Taxonomy, person: Profile) -> None:
    m = Matcher(tiny, today=TODAY)
    code = vacancy(
        "code",
        ["programmeren", "python"],
        requirements=HardRequirements(min_nlqf=6),
        location=Location(gemeente="GM0599"),
        hours_min=36,
        hours_max=36,
    )
    weld = vacancy("weld", ["lassen"], location=Location(gemeente="GM0014"), hours_min=20, hours_max=20)
    r = m.score(person, code, open_hiring=True)
    assert [c.name for c in r.components] == ["hours", "travel"] and r.score == pytest.approx(1.0)
    assert m.vacancies_for(person, [weld, code], open_hiring=True)[0].vacancy_id == "code"


def test_fits() -> None:
    assert education_fit(None, None) == 1.0 and education_fit(2, 4) == 0.0 and education_fit(4, 3) == 1.0
    assert hours_fit(24, 32, 40) == pytest.approx(0.5) and hours_fit(None, 32, 40) == 1.0


def test_candidates_for_a_vacancy(tiny: Taxonomy, person: Profile) -> None:
    m = Matcher(tiny, today=TODAY)
    other = Profile(id="p2", skills=SkillSet.of([B + "klantcontact"]), home=Location(gemeente="GM0599"))
    v = vacancy("v", ["lassen", "snijden"])
    ranked = m.candidates_for(v, [other, person])
    assert [r.profile_id for r in ranked] == ["p1", "p2"] and ranked[0].score > ranked[1].score


def test_index_agrees_with_the_matcher(tiny: Taxonomy, person: Profile) -> None:
    m = Matcher(tiny, today=TODAY)
    rng = np.random.default_rng(3)
    names = [u.rsplit("/", 1)[1] for u in sorted(tiny.skills)]
    gemeenten = ["GM0599", "GM0606", "GM0014", "GM0363", ""]
    vacs = []
    for i in range(300):
        ess = list(rng.choice(names, size=int(rng.integers(1, 4)), replace=False))
        opt = [n for n in rng.choice(names, size=int(rng.integers(0, 3)), replace=False) if n not in ess]
        reqs = HardRequirements(
            certificates=("vca",) if i % 7 == 0 else ("nen3140",) if i % 11 == 0 else (),
            min_nlqf=int(rng.integers(0, 5)) or None,
        )
        lo = float(rng.integers(16, 40))
        vacs.append(
            vacancy(
                f"v{i:03d}",
                ess,
                opt,
                location=Location(gemeente=str(rng.choice(gemeenten))),
                hours_min=lo if i % 5 else None,
                hours_max=lo + 4 if i % 5 else None,
                requirements=reqs,
                valid_through=date(2026, 1, 1) if i % 13 == 0 else None,
            )
        )
    index = VacancyIndex.build(m, vacs)
    expected = m.vacancies_for(person, vacs, top=300)
    got = index.search(person, top=300)
    assert len(got) == len(expected) and 100 < len(got) < 300  # filtered vacancies are left out by both
    want = {e.vacancy_id: e.score for e in expected}
    assert all(g[1] == pytest.approx(want[g[0]], abs=1e-5) for g in got)
    assert all(a[1] >= b[1] for a, b in itertools.pairwise(got))
    pruned = index.search(person, top=5)  # enough vacancies share a skill: the pruned path answers
    assert [g[1] for g in pruned] == pytest.approx([e.score for e in expected[:5]], abs=1e-5)
    assert pruned[-1][1] >= 0.35
    brute = index.search_bruteforce(person, top=20)
    assert [b[1] for b in brute] == pytest.approx([g[1] for g in got[:20]], abs=1e-5)
    explained = index.explain(person, top=3)
    assert [e.vacancy_id for e in explained] == [g[0] for g in got[:3]] and explained[0].matched
    open_got = index.search(person, top=50, open_hiring=True)
    open_expected = m.vacancies_for(person, vacs, top=50, open_hiring=True)
    assert np.allclose([g[1] for g in open_got], [e.score for e in open_expected], atol=1e-6)


def test_job_carving(tiny: Taxonomy, person: Profile) -> None:
    m = Matcher(tiny, today=TODAY)
    v = vacancy("big", ["lassen", "snijden", "leidingen-leggen", "programmeren", "python", "klantcontact"])
    welder = Profile(id="p1", skills=person.skills.union(SkillSet.of([B + "snijden"])), occupations=person.occupations)
    c = carve(m, v, welder)
    mine = {s["uri"] for g in c.sub_role for s in g["skills"]}
    rest = {s["uri"] for g in c.remaining for s in g["skills"]}
    assert mine == {B + "lassen", B + "snijden", B + "leidingen-leggen"} and c.viable
    assert rest == {B + "programmeren", B + "python", B + "klantcontact"}
    coder = Profile(id="p3", skills=SkillSet.of([B + "programmeren", B + "python", B + "klantcontact"]))
    team, remainder = carve_team(m, v, [coder, welder])
    assert {t.profile_id for t in team} == {"p1", "p3"} and remainder is None
    assert WEIGHTS["essential"] > WEIGHTS["optional"]


def test_confident_vacancy_skills_weigh_more(tiny: Taxonomy, person: Profile) -> None:
    m = Matcher(tiny, today=TODAY)
    sure = SkillSet((SkillEntry(B + "lassen", 1.0, "vacancy"), SkillEntry(B + "programmeren", 0.2, "vacancy")))
    unsure = SkillSet((SkillEntry(B + "lassen", 0.2, "vacancy"), SkillEntry(B + "programmeren", 1.0, "vacancy")))
    a = m.score(person, Vacancy(id="a", title="a", skills=sure))
    b = m.score(person, Vacancy(id="b", title="b", skills=unsure))
    assert a.component("essential").value > b.component("essential").value  # type: ignore[union-attr]
