"""The core's notes (bases, assumptions, factor units) in the page language on the analyst pages."""

from __future__ import annotations

import re

from krapte.labour.maps import regional_figures
from krapte.labour.programmes import national_forecast_summary
from krapte.labour.supply import default_supply
from krapte.labour.tension import default_tension_table
from krapte.web.notes import note, notes

ENGLISH = re.compile(
    r"\b(estimated|measured|imported|employed|vacancies|job seekers|replacement|inflow|projects|share of|a year|"
    r"per year|ASSUMPTION|job-years|jobs per|per unit|per home|flat assumption|spread over|apportioned|"
    r"no regional employment)\b"
)


def _core_notes() -> list[str]:
    table, supply = default_tension_table(), default_supply()
    texts = [table.basis("AM03", "0761"), *supply.assumptions]
    for kind in ("arbeidsmarktregio", "res"):
        row = regional_figures(kind, "0761", "2027Q1", table, supply, factors_name="nl-programmes-2030")[0]
        texts += [row["basis_demand"], row["basis_supply"]]
    texts += [c["factor_unit"] for c in national_forecast_summary()["by_component"] if c.get("factor_unit")]
    return texts


def test_every_note_of_the_default_scenario_reads_in_dutch_on_dutch_pages() -> None:
    texts = _core_notes()
    assert all(ENGLISH.search(t) for t in texts[:3])  # the core writes English (API, CLI and CSV keep it)
    for dutch in notes(texts, "nl"):
        assert ENGLISH.search(dutch) is None, dutch
    assert note("employed × 2.5 % a year (flat assumption; import DUO/ROA graduates)", "nl").startswith(
        "werkenden × 2,5 % per jaar"
    )  # decimal comma too
    assert notes(texts, "en") == texts  # English pages keep the text as written


def test_codes_and_file_names_pass_through_untouched() -> None:
    text = "vacancies imported (uwv-2024Q4.csv), cells replaced from uwv-2024Q4.csv; CBS 85276NED"
    assert (
        note(text, "nl") == "vacatures geïmporteerd (uwv-2024Q4.csv), cellen vervangen uit uwv-2024Q4.csv; CBS 85276NED"
    )
