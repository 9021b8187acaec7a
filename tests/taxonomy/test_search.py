"""Search over all labels in both languages: the issue's examples must give what a user means."""

import pytest

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.search import rank_occupations, search

HEAT_PUMP_TECH = "http://data.europa.eu/esco/occupation/8234eee9-1647-460d-8d62-7fe02cb884b0"
INSTALL_HEAT_PUMPS = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"


def _top_uris(text: str, **kw: object) -> list[str]:
    return [h.uri for h in search(default_taxonomy(), text, top=5, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "query", ["warmtepomp", "warmte pomp monteur", "heat pump", "Warmtepompen", "warmtepomp monter"]
)
def test_heat_pump_queries_find_the_heat_pump_technician(query: str) -> None:
    uris = _top_uris(query)
    assert HEAT_PUMP_TECH in uris or INSTALL_HEAT_PUMPS in uris
    assert HEAT_PUMP_TECH in _top_uris(query, kind="occupation")


def test_zonnepaneel_finds_the_solar_panel_installer() -> None:
    hits = search(default_taxonomy(), "zonnepaneel", kind="occupation", top=3)
    assert hits[0].label == "monteur zonnepanelen"


def test_typos_prefixes_and_accents_are_tolerated() -> None:
    tax = default_taxonomy()
    assert search(tax, "electrcian", kind="occupation", lang="en", top=5)[0].matched.lower().endswith("electrician")
    assert "warmtepomp" in search(tax, "warmtep", top=3)[0].matched.lower().replace(" ", "")
    assert search(tax, "inspicient", kind="occupation", top=1)[0].label == "inspiciënt"


def test_english_labels_come_back_in_english() -> None:
    hits = search(default_taxonomy(), "heat pump", kind="occupation", lang="en", top=3)
    assert hits[0].label == "refrigeration air condition and heat pump technician"


def test_rank_occupations_returns_one_list_per_title() -> None:
    ranked = rank_occupations(default_taxonomy(), ["loodgieter", "monteur zonnepanelen", ""], top=3)
    assert len(ranked) == 3
    assert ranked[0][0].label == "loodgieter"
    assert ranked[1][0].label == "monteur zonnepanelen"
    assert ranked[2] == []
