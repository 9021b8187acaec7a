"""Measures through form fields (validated, errors per field) and as readable text."""

from __future__ import annotations

import pytest

from krapte.monitor.defaults import default_measures
from krapte.monitor.measure_form import FORM_FIELDS, REPEATED, FormErrors, form_values, measure_from_form, measure_text


def _form(**extra: str | list[str]) -> dict[str, str | list[str]]:
    form: dict[str, str | list[str]] = {
        "id": "M99",
        "title_nl": "Warmtepompmonteurs opleiden",
        "pillars": ["P2"],
        "instrument_type": "subsidy",
        "lead_ministry": "KGG",
        "verification_status": "unverified",
        "start": "2025",
        "budget-0-amount_eur": "1.250.000,50",
        "budget-0-status": "granted",
        "budget-0-year": "2025",
        "budget-1-amount_eur": "",  # a blank row is skipped
        "budget-1-status": "",
        "kpis-0-indicator": "heat-pumps-in-use",
        "kpis-0-target": "2809952",
        "kpis-0-target_year": "2030",
    }
    form.update(extra)
    return form


def test_a_filled_form_becomes_a_measure() -> None:
    m = measure_from_form(_form())
    assert m.id == "M99" and m.pillars == ("P2",)
    assert m.budget[0].amount_eur == pytest.approx(1_250_000.5) and m.budget[0].year == 2025
    assert len(m.budget) == 1
    assert m.kpis[0].region == "NL" and m.kpis[0].target_year == 2030
    assert m.geography.kind == "national" and m.status == "active"


def test_every_problem_is_reported_under_its_form_field() -> None:
    with pytest.raises(FormErrors) as err:
        measure_from_form(
            _form(
                instrument_type="loan",
                start="2025-13",
                **{"budget-3-amount_eur": "veel", "budget-3-status": "granted", "kpis-0-target_year": ""},
            )
        )
    fields = err.value.field_errors
    assert "instrument_type" in fields and "start" in fields
    assert "budget-3-amount_eur" in fields  # the posted row index, not the position after skipping blanks
    assert "kpis-0-target_year" in fields
    assert err.value.details["fields"] == fields


def test_form_values_round_trip_a_default_measure() -> None:
    measure = max(default_measures(), key=lambda m: len(m.budget) + len(m.kpis) + len(m.sources) + len(m.rollout))
    assert measure.budget and measure.sources
    values = form_values(measure, blank_rows=2)
    assert values["id"] == measure.id and values["pillars"] == list(measure.pillars)
    assert f"budget-{len(measure.budget) + 1}-amount_eur" in values  # two blank rows to add lines
    assert measure_from_form(values) == measure


def test_fields_are_described_for_a_template() -> None:
    names = {f.name for f in FORM_FIELDS}
    assert {"id", "title_nl", "pillars", "instrument_type", "geography_kind"} <= names
    assert next(f for f in FORM_FIELDS if f.name == "instrument_type").choices
    assert {"budget", "kpis", "sources", "rollout", "indicators"} == set(REPEATED)


def test_measure_text_is_readable_and_dutch() -> None:
    text = measure_text(measure_from_form(_form()))
    assert text.splitlines()[0] == "M99  Warmtepompmonteurs opleiden"
    assert "€ 1.250.000 granted (2025)" in text
    assert "heat-pumps-in-use: 2.809.952 in 2030" in text
    assert "{" not in text
    assert "Pillars:" in measure_text(measure_from_form(_form()), "en")


def test_dutch_thousands_without_decimals_are_read_as_thousands() -> None:
    m = measure_from_form(_form(**{"budget-0-amount_eur": "1.250.000"}))
    assert m.budget[0].amount_eur == 1_250_000
    m = measure_from_form(_form(**{"budget-0-amount_eur": "2.5"}))  # one dot, not groups of three: a decimal point
    assert m.budget[0].amount_eur == 2.5
