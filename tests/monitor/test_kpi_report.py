"""KPI arithmetic, charts, reports and the hand-off to the evaluation engine."""

import math

import numpy as np
import pytest

from krapte.monitor.algoritmeregister import algoritmeregister_markdown, algoritmeregister_record
from krapte.monitor.charts import indicator_chart, kpi_chart
from krapte.monitor.export import measures_csv
from krapte.monitor.indicators import Indicator, Observation, Series
from krapte.monitor.kpi import kpi_progress
from krapte.monitor.measures import KpiTarget, LinkedIndicator, Measure
from krapte.monitor.report import build_measure_report, plan_evaluation, render_measure_report, render_overview

ICT = KpiTarget("ict-workforce", target=1_000_000, target_year=2030, baseline=707_000, baseline_year=2022)


def test_required_growth_from_707k_to_one_million() -> None:
    progress = kpi_progress(ICT, Series("ict-workforce", "NL", (("2022", 707_000.0), ("2024", 670_000.0))))
    assert progress.required_annual_growth == pytest.approx((1_000_000 / 707_000) ** (1 / 8) - 1)
    assert progress.required_annual_growth == pytest.approx(0.0443, abs=1e-4)
    assert progress.actual_annual_growth == pytest.approx(math.sqrt(670 / 707) - 1)
    assert progress.expected_at_latest == pytest.approx(707_000 * 1.0443**2, rel=1e-3)
    assert progress.status == "off-track"
    assert progress.required_growth_from_latest == pytest.approx((1_000_000 / 670_000) ** (1 / 6) - 1)


def test_on_track_achieved_and_no_data() -> None:
    fast = Series("x", "NL", (("2022", 707_000.0), ("2024", 800_000.0)))
    assert kpi_progress(ICT, fast).status == "on-track"
    assert kpi_progress(ICT, Series("x", "NL", (("2025", 1_050_000.0),))).status == "achieved"
    assert kpi_progress(ICT, None).status == "no-data"
    falling = KpiTarget("vac", target=20_000, target_year=2030)  # baseline: the first observation
    progress = kpi_progress(falling, Series("vac", "NL", (("2016Q1", 29_200.0), ("2024Q4", 75_600.0))))
    assert progress.baseline == 29_200 and progress.status == "off-track"


def test_charts_are_png_and_svg() -> None:
    series = Series("ict-workforce", "NL", (("2022", 707_000.0), ("2024", 670_000.0)))
    png = kpi_chart(kpi_progress(ICT, series), series, unit="personen", fmt="png")
    assert png[:4] == b"\x89PNG"
    svg = indicator_chart([series], title="ICT", unit="personen", source="CBS", markers=[("2023", "start")], fmt="svg")
    assert b"<svg" in svg


def _measure(**extra) -> Measure:  # type: ignore[no-untyped-def]
    return Measure.from_dict(
        {
            "id": "T-REP",
            "title_nl": "Regionale proef",
            "pillars": ["P2"],
            "instrument_type": "programme",
            "lead_ministry": "SZW",
            "verification_status": "unverified",
            "budget": [{"amount_eur": 152_500_000, "status": "granted", "year": 2023}],
            "indicators": [{"indicator": "demo", "direction": "increase"}],
            **extra,
        }
    )


def _demo_panel(effect: float) -> list[Observation]:
    """DEMO data: 12 labour-market regions × 12 years; AM01–AM03 get ``effect`` from 2020 on."""
    rng = np.random.default_rng(7)
    rows = []
    for r in range(1, 13):
        level = 100 + 5 * r
        for year in range(2012, 2024):
            value = level + 2 * (year - 2012) + rng.normal(0, 0.5)
            if r <= 3 and year >= 2020:
                value += effect
            rows.append(Observation("demo", f"AM{r:02d}", str(year), float(value)))
    return rows


def test_a_regional_rollout_is_handed_to_the_engine_and_reported_with_an_interval() -> None:
    measure = _measure(
        geography={"kind": "arbeidsmarktregio", "regions": ["AM01", "AM02", "AM03"]},
        rollout=[{"region": f"AM0{i}", "start": "2020"} for i in (1, 2, 3)],
    )
    evaluation = plan_evaluation(measure, measure.indicators[0], _demo_panel(effect=10.0))
    assert evaluation.result is not None
    assert evaluation.result["design"] in {"did", "scm"}
    assert evaluation.result["ci_low"] is None or evaluation.result["ci_low"] < 10 < evaluation.result["ci_high"]
    assert evaluation.result["estimate"] == pytest.approx(10, abs=1.5)


def test_without_a_design_the_report_says_descriptive_and_why() -> None:
    measure = _measure(start="2020")
    obs = [Observation("demo", "NL", str(y), float(y)) for y in range(2016, 2024)]
    report = build_measure_report(
        measure, indicators={"demo": Indicator("demo", "Demo", "n", "test")}, observations=obs
    )
    evaluation = report.indicators[0].evaluation
    assert evaluation.design == "descriptive" and "4 periods before" in evaluation.reason
    assert "4 perioden vóór" in evaluation.reason_in("nl")
    html = render_measure_report(report, fmt="html")
    assert "beschrijvend, geen causale claim" in html and "€ 152,5 mln" in html and "<svg" in html
    md = render_measure_report(report, fmt="md", lang="en")
    assert "descriptive, no causal claim" in md and "# Regionale proef (T-REP)" in md


def test_overview_export_and_algoritmeregister() -> None:
    measures = [_measure(), _measure(id="T-2", pillars=["P2", "P4"])]
    overview = render_overview(measures, fmt="md")
    assert overview.count("T-2") == 2  # listed under P2 and P4
    csv_text = measures_csv(measures)
    assert csv_text.splitlines()[1].startswith("T-REP,Regionale proef,,P2,programme,SZW")
    assert ",152500000,,,152500000," in csv_text.splitlines()[1]
    record = algoritmeregister_record()
    assert len(record["korte_omschrijving"]) <= 350
    assert {
        "naam",
        "organisatie",
        "doel_en_impact",
        "afwegingen",
        "menselijke_tussenkomst",
        "risicobeheer",
        "wettelijke_basis",
        "impacttoetsen",
        "gegevens",
        "technische_werking",
        "status",
        "begindatum",
    } <= set(record)
    assert "## Menselijke tussenkomst" in algoritmeregister_markdown()
    assert LinkedIndicator("demo").direction == "increase"


def test_a_national_measure_with_a_long_series_gets_an_interrupted_time_series() -> None:
    measure = _measure(start="2019-04")
    rng = np.random.default_rng(3)
    obs = []  # DEMO data: a quarterly national series with a level shift of +8 from 2019Q2
    for n in range(24):
        year, quarter = 2015 + n // 4, n % 4 + 1
        value = 50 + 0.5 * n + (8 if (year, quarter) >= (2019, 2) else 0) + rng.normal(0, 0.3)
        obs.append(Observation("demo", "NL", f"{year}Q{quarter}", float(value)))
    evaluation = plan_evaluation(measure, measure.indicators[0], obs)
    assert evaluation.result is not None and evaluation.result["design"] == "its"
    assert evaluation.result["estimate"] == pytest.approx(8, abs=2)
