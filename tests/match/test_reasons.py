"""Reasons as codes with parameters: the core's text stays its default wording; every caller can render the code."""

from datetime import date

import pytest

from krapte.match import FundingScheme, Reason, decide, default_schemes, reason
from krapte.match.reasons import DEFAULT_TEXT

TODAY = date(2026, 12, 7)


def test_a_reason_renders_its_default_text_and_round_trips() -> None:
    r = reason("match.too_far", km=41.6, limit=30.0)
    assert r.text() == "buiten reisafstand (42 km, grens 30 km)"
    assert r.to_dict() == {"code": "match.too_far", "params": {"km": 41.6, "limit": 30.0}, "text": r.text()}
    assert Reason.from_dict(r.to_dict()) == r
    with pytest.raises(ValueError, match="unknown reason code"):
        reason("made.up")


def test_every_funding_decision_gives_its_reasons_as_codes_with_the_same_text() -> None:
    people: tuple[dict[str, object], ...] = (
        {},
        {"person.employment_status": "ww", "person.nlqf": 2, "course.nlqf": 3, "course.cost_eur": 900},
    )
    seen = set()
    for facts in people:
        for s in default_schemes():
            d = decide(s, facts, today=TODAY, cost=900)
            assert d.reasons == tuple(dict.fromkeys(r.text() for r in d.reason_codes))
            assert d.conditions == tuple(dict.fromkeys(c.text() for c in d.condition_codes))
            assert d.to_dict()["reason_codes"] == [r.to_dict() for r in d.reason_codes]
            seen |= {r.code for r in (*d.reason_codes, *d.condition_codes)}
    assert {"funding.ended", "funding.rule_met", "funding.rule_not_met", "funding.fact_unknown"} <= seen
    assert seen <= set(DEFAULT_TEXT)


def test_an_ended_scheme_says_when_as_a_date_parameter() -> None:
    stap = next(s for s in default_schemes() if s.id == "stap_budget")
    (r,) = decide(stap, {}, today=TODAY).reason_codes
    assert r.code == "funding.ended" and r.values == {"date": "2023-12-31"}


def test_a_labelled_negation_and_its_english_label() -> None:
    leaf = {"fact": "person.employment_status", "eq": "ww", "label": "je hebt WW"}
    rule = {"not": leaf, "label": "je hebt geen WW", "label_en": "you do not get WW"}
    s = FundingScheme.from_dict({"id": "x", "name_nl": "X", "status": "active", "eligibility": rule})
    d = decide(s, {"person.employment_status": "employed"}, today=TODAY)
    assert d.status == "eligible" and d.reasons == ("je hebt geen WW",)
    assert [(r.code, r.values["label_en"]) for r in d.reason_codes] == [("funding.rule_met", "you do not get WW")]
    d = decide(s, {"person.employment_status": "ww"}, today=TODAY)
    assert d.status == "not-eligible" and d.reasons == ("niet: je hebt geen WW",)
