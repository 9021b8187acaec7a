"""Interrupted time series on simulated national series with a known effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from krapte.errors import ValidationError
from krapte.monitor.evaluate import evaluate


def quarterly(effect: float, *, seed: int = 0, n: int = 48, start: int = 28, slope: float = 0.0) -> pd.DataFrame:
    """NL (treated) and BE (comparison) quarterly series sharing a common shock path and a seasonal pattern."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    common = np.cumsum(rng.normal(0, 0.3, n))
    season = np.tile([0.0, 0.8, 1.2, -0.5], n // 4)
    post = (t >= start).astype(float)
    nl = 10 + 0.05 * t + common + season + post * (effect + slope * (t - start)) + rng.normal(0, 0.2, n)
    be = 6 + 0.05 * t + common + season + rng.normal(0, 0.2, n)
    periods = [f"{2012 + i // 4}Q{i % 4 + 1}" for i in t]
    return pd.DataFrame({"land": ["NL"] * n + ["BE"] * n, "kwartaal": periods * 2, "vacatures": np.r_[nl, be]})


def test_comparative_its_recovers_a_level_change() -> None:
    frame = quarterly(1.5)
    result = evaluate(
        frame,
        unit="land",
        time="kwartaal",
        outcome="vacatures",
        treated=["NL"],
        treatment_start="2019Q1",
        comparison="BE",
    )
    assert result.design == "its"
    d = result.diagnostics
    assert d["series"] == "treated - comparison" and d["seasonality"] is True
    assert result.ci_low < 1.5 < result.ci_high
    assert d["level_change"]["estimate"] == pytest.approx(1.5, abs=0.4)
    assert d["n_pre_periods"] == 28 and d["n_post_periods"] == 20
    assert result.grade == "B"


def test_auto_picks_comparative_its_for_two_series() -> None:
    result = evaluate(
        quarterly(1.0), unit="land", time="kwartaal", outcome="vacatures", treated=["NL"], treatment_start="2019Q1"
    )
    assert result.design == "its"
    assert result.diagnostics["comparison"] == "BE"


def test_slope_change_is_averaged_over_the_post_period() -> None:
    frame = quarterly(0.0, slope=0.1, seed=2)
    result = evaluate(
        frame,
        design="its",
        unit="land",
        time="kwartaal",
        outcome="vacatures",
        treated=["NL"],
        treatment_start="2019Q1",
        comparison="BE",
    )
    mean_effect = 0.1 * np.mean(np.arange(20))  # 0.95
    assert result.ci_low < mean_effect < result.ci_high
    assert result.diagnostics["slope_change"]["estimate"] == pytest.approx(0.1, abs=0.05)


def test_single_series_is_graded_lower_and_no_effect_gives_an_interval_around_zero() -> None:
    frame = quarterly(0.0, seed=5)
    result = evaluate(
        frame, design="its", unit="land", time="kwartaal", outcome="vacatures", treated=["NL"], treatment_start="2019Q1"
    )
    assert result.diagnostics["comparison"] is None
    assert result.grade == "C"
    assert any("no comparison series" in r for r in result.grade_reasons)
    assert result.diagnostics["hac_maxlags"] >= 4


def test_end_date_adds_a_second_break() -> None:
    frame = quarterly(1.0, seed=1)
    result = evaluate(
        frame,
        design="its",
        unit="land",
        time="kwartaal",
        outcome="vacatures",
        treated=["NL"],
        treatment_start="2019Q1",
        treatment_end="2021Q1",
        comparison="BE",
    )
    assert result.diagnostics["end"] == "2021Q1"
    assert "end_level_change" in result.diagnostics
    assert result.diagnostics["n_post_periods"] == 8


def test_few_pre_periods_are_descriptive_and_too_few_are_refused() -> None:
    frame = quarterly(1.0)
    short = evaluate(
        frame,
        design="its",
        unit="land",
        time="kwartaal",
        outcome="vacatures",
        treated=["NL"],
        treatment_start="2013Q2",
        comparison="BE",
    )
    assert short.grade == "D" and short.to_dict()["causal"] is False
    with pytest.raises(ValidationError, match="at least 3 periods before"):
        evaluate(
            frame,
            design="its",
            unit="land",
            time="kwartaal",
            outcome="vacatures",
            treated=["NL"],
            treatment_start="2012Q2",
        )


def test_annual_series_without_seasonality() -> None:
    years = list(range(2000, 2024))
    y = [50 + 0.5 * i + (3 if yr >= 2016 else 0) + 0.3 * np.sin(i) for i, yr in enumerate(years)]
    frame = pd.DataFrame({"unit": "NL", "jaar": years, "ict_banen": y})
    result = evaluate(frame, unit="unit", time="jaar", outcome="ict_banen", treated=["NL"], treatment_start=2016)
    assert result.design == "its"
    assert result.diagnostics["seasonality"] is False
    assert result.ci_low < 3 < result.ci_high
    assert result.plot().startswith(b"\x89PNG")
