"""The KPI dashboard: every plan target once, with its source, quality badges and an honest verdict."""

from __future__ import annotations

import pytest

from krapte.charting import format_number
from krapte.monitor.defaults import default_measures, default_panel
from krapte.monitor.indicators import Series
from krapte.monitor.kpi import growth_reason, growth_text, kpi_progress
from krapte.monitor.measures import KpiTarget
from krapte.monitor.targets import PLAN_TARGETS, dashboard, seen_trajectory


def _panel_series() -> dict[str, Series]:
    _, observations = default_panel()
    points: dict[str, list[tuple[str, float]]] = {}
    for o in observations:
        if o.region == "NL":
            points.setdefault(o.indicator, []).append((o.period, o.value))
    return {k: Series(k, "NL", tuple(sorted(v))) for k, v in points.items()}


@pytest.fixture(scope="module")
def rows():  # type: ignore[no-untyped-def]
    return {r.target.id: r for r in dashboard(_panel_series(), default_measures())}


def test_every_named_target_is_tracked_once_with_a_source(rows) -> None:  # type: ignore[no-untyped-def]
    indicators = [t.kpi.indicator for t in PLAN_TARGETS]
    assert len(indicators) == len(set(indicators))
    assert {
        "ict-workforce",
        "heat-pumps-in-use",
        "res-scope-production",
        "vacancies-technical",
        "women-ict-occupations",
        "hybrid-teachers",
    } <= set(indicators)
    assert all(r.target.source for r in rows.values())


def test_the_ict_target_merges_its_three_measures(rows) -> None:  # type: ignore[no-untyped-def]
    assert rows["ict-workforce-2030"].measures == ("P2-HCA-ICT", "P3-STRATEGIE-DIGITALE-ECONOMIE", "P4-MONITORING")


def test_the_ict_verdict_carries_the_definition_break(rows) -> None:  # type: ignore[no-untyped-def]
    ict = rows["ict-workforce-2030"]
    assert ict.progress.status == "off-track"
    assert "definition-break" in ict.badges and "few-points" in ict.badges
    assert ict.verdict.startswith("niet op koers (onzeker: definitiebreuk")
    assert "different definitions" in ict.verdict
    assert ict.seen.low is None  # two points: no interval is pretended


def test_heat_pumps_are_tracked_as_a_proxy(rows) -> None:  # type: ignore[no-untyped-def]
    hp = rows["heat-pumps-2030"]
    assert hp.progress.latest_period == "2024" and hp.progress.status == "on-track"
    assert "proxy" in hp.badges and "benaderende reeks" in hp.verdict
    assert hp.seen.low is not None and hp.seen.low < hp.seen.projected < hp.seen.high


def test_res_trend_is_linear_with_an_interval(rows) -> None:  # type: ignore[no-untyped-def]
    res = rows["res-35twh-2030"]
    assert res.badges == ()
    assert res.seen.points == 7
    assert 40 < res.seen.projected < 70  # a compound trend would project > 100 TWh
    assert res.seen.low is not None and res.seen.low < res.seen.projected


def test_vacancies_women_and_hybrid_teachers(rows) -> None:  # type: ignore[no-untyped-def]
    assert rows["technical-vacancies-aanvalsplan"].progress.latest_value == 75_600
    women = rows["women-ict-deltaplan"]
    assert women.progress.status == "achieved" and "baseline-estimated" in women.badges
    teachers = rows["hybrid-teachers-2033"]
    assert teachers.progress.status == "no-data" and teachers.verdict.startswith("geen gegevens")


def test_growth_text_never_reads_dash_percent() -> None:
    p = kpi_progress(KpiTarget("hybrid-teachers", 1000, 2033), None)
    text = growth_text(p.required_annual_growth, "nl", reason=growth_reason(p, "nl"))
    assert "– %" not in text and text == "niet te berekenen (geen basiswaarde)"
    assert growth_text(0.0312, "nl") == "+3,1 % per jaar"
    assert growth_text(-0.0266, "en") == "-2.7 % a year"


def test_dutch_number_format() -> None:
    assert format_number(1_234_567.8, "nl") == "1.234.568"
    assert format_number(1_234_567.8, "en", 1) == "1,234,567.8"
    assert format_number(None) == "–"


def test_seen_trajectory_needs_two_points() -> None:
    assert seen_trajectory(Series("x", "NL", (("2020", 1.0),)), None, 2030).projected is None
    two = seen_trajectory(Series("x", "NL", (("2020", 1.0), ("2022", 3.0))), None, 2030)
    assert two.annual_change == pytest.approx(1.0) and two.projected == pytest.approx(11.0) and two.low is None
