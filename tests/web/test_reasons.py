"""The core's reason codes on the pages: in the page's language, dates and distances in its format, a Dutch-only
label marked on an English page; every code has a text in both languages."""

from __future__ import annotations

from krapte.match import reason
from krapte.match.reasons import DEFAULT_TEXT
from krapte.web.reasons import MESSAGES_REASONS, reason_text


def test_every_reason_code_has_a_page_text_in_both_languages() -> None:
    assert set(MESSAGES_REASONS) == {f"reason.{code}" for code in DEFAULT_TEXT}
    assert all(set(texts) == {"nl", "en"} for texts in MESSAGES_REASONS.values())


def test_an_ended_scheme_in_dutch_and_in_english() -> None:
    r = reason("funding.ended", date="2023-12-31").to_dict()
    assert reason_text(r, "nl") == "Gestopt op 31 december 2023. Je kunt het niet meer aanvragen."
    assert reason_text(r, "en") == "Ended on 31 December 2023. You can no longer apply."
    assert "beëindigd" in r["text"]  # the core's own wording stays for the command line and the API


def test_distances_use_the_pages_number_format() -> None:
    r = reason("match.too_far", km=41.6, limit=30.0).to_dict()
    assert reason_text(r, "nl") == "Verder dan je wilt reizen: 42 km, je grens is 30 km."
    assert reason_text(r, "en") == "Further than you want to travel: 42 km, your limit is 30 km."


def test_a_rule_label_is_english_when_the_data_has_it_else_marked_as_dutch() -> None:
    with_en = reason("funding.rule_not_met", label="je hebt WW", label_en="you get WW").to_dict()
    assert reason_text(with_en, "en") == "not: you get WW" and reason_text(with_en, "nl") == "niet: je hebt WW"
    only_nl = reason("funding.fact_unknown", label="je bent jonger dan 57 jaar").to_dict()
    assert reason_text(only_nl, "en") == "je bent jonger dan 57 jaar (only in Dutch) (we do not know this)"
    assert reason_text(only_nl, "nl") == "je bent jonger dan 57 jaar (dat weten we niet)"


def test_an_unknown_code_falls_back_to_the_cores_text() -> None:
    assert reason_text({"code": "new.code", "text": "nieuwe reden"}, "en") == "nieuwe reden"


def test_a_filtered_vacancy_says_why_in_the_page_language() -> None:
    from krapte.match import Location, Match, Vacancy
    from krapte.web.poort_format import Formatter
    from krapte.web.poort_view import job_view

    far = Match("p", "v", "Monteur", 0.7, False, (), distance_km=48.2,
                filter_reasons=(reason("match.too_far", km=48.2, limit=30.0),
                                reason("match.certificate_required", certificate="VCA")))  # fmt: skip
    vacancy = Vacancy(id="v", title="Monteur", location=Location(gemeente="GM0344", name="Utrecht"))
    nl = job_view(None, far.to_dict(), vacancy, "nl", Formatter("nl"))["reasons"]  # type: ignore[arg-type]
    en = job_view(None, far.to_dict(), vacancy, "en", Formatter("en"))["reasons"]  # type: ignore[arg-type]
    assert "Verder dan je wilt reizen: 48 km, je grens is 30 km." in nl and "Je hebt het certificaat VCA nodig." in nl
    assert "Further than you want to travel: 48 km, your limit is 30 km." in en
    assert not any("reisafstand" in r or "vereist" in r for r in nl + en)  # never the core's own wording
    assert not any("travel_ok" in r or "within" in r.lower() for r in en)  # not "within reach" when too far
