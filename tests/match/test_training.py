"""Training plans: exact set cover with HiGHS, heuristic with a bound, funding and net cost per course."""

from datetime import date

import pytest

from krapte.match import Course, Education, Profile, SkillSet, default_schemes
from krapte.match.training import plan_training

TODAY = date(2026, 12, 7)
S = [f"http://data.europa.eu/esco/skill/s{i}" for i in range(6)]


def course(cid: str, skills: list[int], cost: float = 500.0, weeks: float = 4.0, **kw: object) -> Course:
    return Course(
        id=cid,
        name=cid,
        skills=SkillSet.of([S[i] for i in skills], source="course"),
        cost_eur=cost,
        duration_weeks=weeks,
        **kw,
    )  # type: ignore[arg-type]


# the classic instance where greedy picks the big course first and needs three; two suffice
TRAP = [course("big", [0, 1, 2, 3]), course("left", [0, 1, 4]), course("right", [2, 3, 5])]


def test_exact_beats_greedy_on_the_classic_trap() -> None:
    exact = plan_training(S, TRAP, objective="courses", today=TODAY, method="exact")
    greedy = plan_training(S, TRAP, objective="courses", today=TODAY, method="heuristic")
    assert {p.option.course.id for p in exact.courses} == {"left", "right"} and exact.gap == pytest.approx(0, abs=1e-6)
    # greedy takes "big" first; dropping courses made redundant afterwards repairs this instance
    assert {p.option.course.id for p in greedy.courses} == {"left", "right"}
    assert greedy.lower_bound <= exact.objective_value + 1e-9 <= greedy.objective_value + 2e-9
    assert greedy.method.startswith("greedy")


def test_objectives_choose_differently() -> None:
    courses = [course("cheap-slow", [0, 1], cost=100, weeks=40), course("dear-fast", [0, 1], cost=3000, weeks=2)]
    gap = S[:2]
    assert plan_training(gap, courses, objective="cost", today=TODAY).courses[0].option.course.id == "cheap-slow"
    assert plan_training(gap, courses, objective="time", today=TODAY).courses[0].option.course.id == "dear-fast"


def test_uncoverable_skills_are_reported() -> None:
    plan = plan_training(S, [course("a", [0])], today=TODAY)
    assert plan.covered == {S[0]} and plan.uncovered == set(S[1:])


def test_funding_lowers_net_cost_and_stap_shows_as_ended() -> None:
    person = Profile(id="p", employment_status="ww", education=Education(nlqf=2))
    short = course("warmtepomp", [0, 1], cost=3000, weeks=12, nlqf=3)
    plan = plan_training(
        S[:2], [short], profile=person, schemes=default_schemes(), target={"shortage": True}, today=TODAY
    )
    [planned] = plan.courses
    assert planned.option.net_cost == 3000.0  # nothing is certain: UWV decides and the budget's status is unknown
    assert planned.option.net_cost_if_conditions == 500.0  # scholingsbudget WW up to EUR 2.500
    assert {a.scheme.id for a in plan.advice} >= {"werkcentra", "leerwerkloketten"}
    ids = {d.scheme.id for d in planned.option.funding}
    assert "uwv_scholingsbudget_ww" in ids and "stap_budget" not in ids
    assert all(d.reasons or d.conditions for d in planned.option.funding)
    assert "stap_budget" in {d.scheme.id for d in plan.ended_schemes}
    assert plan.to_dict()["courses"][0]["funding"][0]["source_url"].startswith("http")


def test_unknown_objective_is_refused() -> None:
    with pytest.raises(Exception, match="objective"):
        plan_training(S, TRAP, objective="fun", today=TODAY)


def test_unknown_cost_is_planned_at_the_median_and_shown_as_unknown() -> None:
    courses = [
        course("a", [0], cost=100),
        course("b", [1], cost=300),
        Course(id="mbo", name="mbo", skills=SkillSet.of(S[:2])),
    ]
    plan = plan_training(S[:2], courses, objective="cost", today=TODAY)
    assert [p.option.course.id for p in plan.courses] == ["mbo"]  # 200 (median) < 100 + 300
    out = plan.to_dict()["courses"][0]
    assert out["cost_eur"] is None and out["cost_basis"].startswith("unknown")


def test_classroom_courses_beyond_the_travel_limit_are_left_out() -> None:
    from krapte.match import Location

    person = Profile(id="p", home=Location(gemeente="GM0599"), travel_km=25)  # Rotterdam
    far = course("groningen", [0], cost=100, location=Location(gemeente="GM0014"), mode="klassikaal")
    online = course("online", [0], cost=900, location=Location(gemeente="GM0014"), mode="online")
    near = course("schiedam", [0], cost=500, location=Location(gemeente="GM0606"), mode="klassikaal")
    plan = plan_training(S[:1], [far, online, near], objective="cost", profile=person, today=TODAY)
    assert [p.option.course.id for p in plan.courses] == ["schiedam"]
