"""The measure record: validation collects every problem, diffs are field-level, edits are validated."""

import pytest

from krapte.errors import ValidationError
from krapte.monitor.measures import Measure, diff_measures, merge_changes

VALID = {
    "id": "T-1",
    "title_nl": "Proefmaatregel",
    "pillars": ["P2", "P1"],
    "instrument_type": "subsidy",
    "lead_ministry": "SZW",
    "verification_status": "unverified",
    "budget": [
        {"amount_eur": 152_500_000, "status": "granted", "year": 2023},
        {"amount_eur": 57_500_000, "status": "conditional", "year": 2023},
    ],
    "start": "2023-01",
    "geography": {"kind": "arbeidsmarktregio", "regions": ["AM01", "AM18"]},
    "rollout": [{"region": "AM01", "start": "2023-03"}, {"region": "AM18", "start": "2024"}],
    "indicators": [{"indicator": "vacancies-technical", "direction": "decrease", "lag_months": 6}],
    "kpis": [
        {
            "indicator": "ict-workforce",
            "target": 1_000_000,
            "target_year": 2030,
            "baseline": 707_000,
            "baseline_year": 2022,
        }
    ],
}


def test_a_valid_record_round_trips_through_to_dict() -> None:
    measure = Measure.from_dict(VALID)
    assert measure.pillars == ("P1", "P2")
    assert measure.budget_total() == 210_000_000
    assert measure.budget_by_status() == {"conditional": 57_500_000, "granted": 152_500_000}
    assert Measure.from_dict(measure.to_dict()) == measure


def test_every_problem_is_named_in_one_error() -> None:
    bad = {
        **VALID,
        "pillars": ["P9"],
        "instrument_type": "magic",
        "start": "2024",
        "end": "2023",
        "budget": [{"amount_eur": "veel", "status": "promised"}],
    }
    with pytest.raises(ValidationError) as info:
        Measure.from_dict(bad, where="measures.json[3]")
    message = str(info.value)
    for expected in (
        "pillars",
        "'P9'",
        "instrument_type",
        "'magic'",
        "end 2023 lies before start 2024",
        "budget[0].amount_eur",
        "'veel'",
        "budget[0].status",
        "'promised'",
    ):
        assert expected in message
    assert "measures.json[3]" in message
    assert len(info.value.details["problems"]) == 5


def test_a_national_measure_lists_no_regions() -> None:
    with pytest.raises(ValidationError, match="national measure lists no regions"):
        Measure.from_dict({**VALID, "geography": {"kind": "national", "regions": ["AM01"]}})


def test_diff_names_only_changed_fields() -> None:
    old = Measure.from_dict(VALID)
    new = merge_changes(old, {"end": 2030, "pillars": "P1,P3"})
    assert [c["field"] for c in diff_measures(old, new)] == ["pillars", "end"]
    assert new.end == "2030"


def test_the_id_of_a_measure_cannot_change_and_unknown_fields_are_refused() -> None:
    old = Measure.from_dict(VALID)
    with pytest.raises(ValidationError, match="cannot change"):
        merge_changes(old, {"id": "T-2"})
    with pytest.raises(ValidationError, match="unknown measure field"):
        merge_changes(old, {"colour": "blue"})
