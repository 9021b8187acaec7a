"""The embedded seed: every measure validates, is sourced, and its plan quotes are in the plan text."""

import re

import pytest

from krapte.monitor.defaults import default_measures, default_panel
from krapte.monitor.measures import PILLARS
from krapte.provenance import dataset
from tests.conftest import SHARED_DATA

PLAN_TEXT = SHARED_DATA.parent / "seed" / "actieplan-groene-en-digitale-banen-2023.txt"


def test_the_seed_covers_all_four_pillars_with_sourced_measures() -> None:
    measures = default_measures()
    assert len(measures) >= 40
    for pillar in PILLARS:
        assert sum(pillar in m.pillars for m in measures) >= 3, pillar
    for m in measures:
        assert m.sources, m.id
        assert all(s.retrieved for s in m.sources), m.id
        if m.verification_status == "verified-plan-text":
            assert any("29 544, nr. 1173" in s.document and s.quote for s in m.sources), m.id


def test_known_budgets_from_the_plan() -> None:
    by_id = {m.id: m for m in default_measures()}
    pps = by_id["P2-PPS-OPSCHALING"]
    assert pps.budget_total() == 210_000_000
    assert pps.budget_total("conditional") == 57_500_000
    assert by_id["P2-LLO-KATALYSATOR"].budget_total() == 392_000_000


@pytest.mark.skipif(not PLAN_TEXT.exists(), reason="shared plan text not available")
def test_plan_quotes_occur_in_the_plan_text() -> None:
    raw = PLAN_TEXT.read_text(encoding="utf-8")
    joined = re.sub(r"\s+", " ", re.sub(r"(?<! )-\n", "", raw))
    for m in default_measures():
        for s in m.sources:
            if s.quote:
                assert re.sub(r"\s+", " ", s.quote) in joined, (m.id, s.quote)


def test_the_panel_holds_the_headline_figures_with_provenance() -> None:
    indicators, observations = default_panel()
    values = {(o.indicator, o.region, o.period): o.value for o in observations}
    assert values[("ict-workforce", "NL", "2022")] == 707_000
    assert values[("res-scope-production", "NL", "2024")] == pytest.approx(29.8, abs=0.05)
    assert values[("heat-pumps-in-use", "NL", "2024")] == 2_638_139
    assert values[("wind-onshore-capacity", "NL", "2024")] == 6955
    assert {i.id for i in indicators} >= {o.indicator for o in observations}
    assert dataset("indicators-agdb").licence and dataset("measures-actieplan-2023").source
