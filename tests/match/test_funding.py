"""Funding rules are data: three-valued decisions with reasons; ended schemes are never options."""

from datetime import date

import pytest

from krapte.errors import ValidationError
from krapte.match import Course, Education, FundingScheme, Profile, decide, decide_all, default_schemes, facts_for

TODAY = date(2026, 12, 7)


def scheme(**kw: object) -> FundingScheme:
    base = {"id": "x", "name_nl": "X", "status": "active", "eligibility": {"all": []}}
    return FundingScheme.from_dict({**base, **kw})


def test_all_25_real_schemes_load_with_sources() -> None:
    schemes = default_schemes()
    assert len(schemes) == 25
    assert all(s.source_url.startswith("http") and s.checked_on == date(2026, 12, 6) for s in schemes)


def test_stap_is_ended_and_never_an_option() -> None:
    stap = next(s for s in default_schemes() if s.id == "stap_budget")
    d = decide(stap, {}, today=TODAY, cost=800)
    assert d.status == "ended" and not d.is_option and d.amount_eur == 0.0
    assert "2023-12-31" in d.reasons[0]
    everyone = facts_for(Profile(id="p", employment_status="employed"))
    assert all(
        not x.is_option for x in decide_all(default_schemes(), everyone, today=TODAY) if x.scheme.status == "ended"
    )


def test_a_scheme_whose_date_passed_counts_as_ended_even_with_unknown_status() -> None:
    ao = next(s for s in default_schemes() if s.id == "ao_metalektro_opleiden")
    assert ao.status == "unknown"
    assert decide(ao, {}, today=TODAY).status == "ended"


def test_three_valued_logic_and_reasons() -> None:
    rule = {"all": [{"fact": "person.employment_status", "eq": "ww", "label": "WW"}, {"ask": "jonger dan 57"}]}
    s = scheme(eligibility=rule)
    d = decide(s, {"person.employment_status": "ww"}, today=TODAY)
    assert d.status == "conditional" and d.conditions == ("jonger dan 57",) and "WW" in d.reasons
    assert decide(s, {"person.employment_status": "employed"}, today=TODAY).status == "not-eligible"
    unknown = decide(scheme(eligibility=rule["all"][0]), {}, today=TODAY)
    assert unknown.status == "conditional" and "onbekend" in unknown.conditions[0]
    anyof = scheme(eligibility={"any": [{"fact": "a", "eq": 1}, {"fact": "b", "eq": 2}]})
    assert decide(anyof, {"a": 0, "b": 2}, today=TODAY).status == "eligible"
    assert decide(scheme(eligibility={"not": {"fact": "a", "eq": 1}}), {"a": 1}, today=TODAY).status == "not-eligible"


def test_malformed_rules_are_refused_with_their_path() -> None:
    with pytest.raises(ValidationError, match=r"eligibility.all\[0\]"):
        scheme(eligibility={"all": [{"fact": "a"}]})


def test_amounts_percentage_by_level_cap_and_unverified() -> None:
    slim = next(s for s in default_schemes() if s.id == "slim_scholingssubsidie_ontwikkelpaden")
    assert slim.unverified
    person = Profile(id="p", employment_status="employed", education=Education(nlqf=2))
    course = Course(id="c", name="Monteur", nlqf=2, cost_eur=3000.0)
    d = decide(slim, facts_for(person, course), today=TODAY, cost=3000.0)
    assert d.status == "conditional" and d.amount_eur == 2700.0 and d.unverified  # 90% at NLQF 2, Ontwikkelpad asked
    course4 = Course(id="c4", name="Engineer", nlqf=4, cost_eur=3000.0)
    assert decide(slim, facts_for(person, course4), today=TODAY, cost=3000.0).amount_eur == 1200.0
    ww = Profile(id="p", employment_status="ww")
    budget = next(s for s in default_schemes() if s.id == "uwv_scholingsbudget_ww")
    short = Course(id="c", name="x", duration_weeks=20, cost_eur=4000.0)
    d2 = decide(budget, facts_for(ww, short, {"shortage": True}), today=TODAY, cost=4000.0)
    assert d2.amount_eur == 2500.0 and d2.status == "conditional"  # capped; status unknown and UWV decides


def test_levenlanglerenkrediet_asks_for_the_legal_age_limit_instead_of_reading_an_age() -> None:
    llk = next(s for s in default_schemes() if s.id == "levenlanglerenkrediet")
    hbo = Course(id="h", name="HBO Elektrotechniek", kind="hbo", accredited=True, cost_eur=2500.0)
    d = decide(llk, facts_for(Profile(id="p"), hbo), today=TODAY, cost=2500.0)
    assert d.status == "conditional" and any("57" in c for c in d.conditions)
    assert d.amount_eur == 0.0  # a loan does not lower the cost
    bbl = Course(id="b", name="bbl", kind="mbo-bbl", accredited=True)
    assert decide(llk, facts_for(Profile(id="p"), bbl), today=TODAY).status == "not-eligible"
