"""Difference-in-differences: reproduces Callaway and Sant'Anna (2021) on ``mpdta`` and shows why TWFE is not enough.

The published figures are those of the R package ``did`` (vignette "Introduction to DiD with multiple time
periods"): ``att_gt(yname="lemp", gname="first.treat", idname="countyreal", tname="year", xformla=~1,
control_group="nevertreated")``, see tests/fixtures/panels/mpdta/SOURCE.txt.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from krapte.errors import EstimationError
from krapte.monitor.evaluate import evaluate
from krapte.monitor.evaluate.simulate import staggered_panel
from tests.conftest import FIXTURES

MPDTA = FIXTURES / "panels" / "mpdta" / "mpdta.csv"

# (cohort, year): (ATT, standard error) as published by did::att_gt.
PUBLISHED_ATT_GT = {
    ("2004", "2004"): (-0.0105, 0.0233),
    ("2004", "2005"): (-0.0704, 0.0310),
    ("2004", "2006"): (-0.1373, 0.0364),
    ("2004", "2007"): (-0.1008, 0.0344),
    ("2006", "2004"): (0.0065, 0.0233),
    ("2006", "2005"): (-0.0028, 0.0196),
    ("2006", "2006"): (-0.0046, 0.0178),
    ("2006", "2007"): (-0.0412, 0.0202),
    ("2007", "2004"): (0.0305, 0.0150),
    ("2007", "2005"): (-0.0027, 0.0164),
    ("2007", "2006"): (-0.0311, 0.0178),
    ("2007", "2007"): (-0.0261, 0.0167),
}


@pytest.fixture(scope="module")
def mpdta_result():  # type: ignore[no-untyped-def]
    frame = pd.read_csv(MPDTA)
    cohort = frame.groupby("countyreal")["first.treat"].first()
    starts = {str(u): int(g) for u, g in cohort.items() if g > 0}
    return evaluate(frame, design="did", unit="countyreal", time="year", outcome="lemp", treated=starts, bootstrap=199)


def test_group_time_effects_match_the_did_package(mpdta_result) -> None:  # type: ignore[no-untyped-def]
    got = {(r["cohort"], r["period"]): (r["att"], r["se"]) for r in mpdta_result.diagnostics["group_time"]}
    assert set(got) == set(PUBLISHED_ATT_GT)
    for key, (att, se) in PUBLISHED_ATT_GT.items():
        assert got[key][0] == pytest.approx(att, abs=5e-5), key
        # did reports multiplier-bootstrap SEs; the analytical influence-function SEs agree to the printed digits.
        assert got[key][1] == pytest.approx(se, abs=2e-4), key


def test_aggregations_and_pretest_match_the_did_package(mpdta_result) -> None:  # type: ignore[no-untyped-def]
    d = mpdta_result.diagnostics
    assert mpdta_result.estimate == pytest.approx(-0.0400, abs=5e-5)  # aggte(type="simple")
    assert d["se"] == pytest.approx(0.0118, abs=0.001)
    assert d["bootstrap"]["se"] == pytest.approx(0.0118, abs=0.0015)  # multiplier bootstrap, as did reports it
    assert d["group_overall"]["estimate"] == pytest.approx(-0.0310, abs=5e-5)  # aggte(type="group")
    assert d["dynamic_overall"]["estimate"] == pytest.approx(-0.0772, abs=5e-5)  # aggte(type="dynamic")
    assert d["pretest_group_time"]["p_value"] == pytest.approx(0.16812, abs=5e-5)  # "P-value for pre-test"
    assert d["pretest_group_time"]["df"] == 5
    assert mpdta_result.ci_low < mpdta_result.estimate < mpdta_result.ci_high < 0


def test_twfe_is_reported_next_to_it_with_wild_bootstrap(mpdta_result) -> None:  # type: ignore[no-untyped-def]
    twfe = mpdta_result.diagnostics["twfe"]
    assert twfe["estimate"] == pytest.approx(-0.0365, abs=5e-5)  # the published TWFE estimate on mpdta
    assert twfe["se"] == pytest.approx(0.0132, abs=0.0005)
    wild = twfe["wild_bootstrap"]
    assert wild["weights"] == "rademacher" and wild["draws"] == 199
    assert 0 <= wild["p_value"] < 0.05
    assert wild["ci_low"] < twfe["estimate"] < wild["ci_high"] < 0


def test_event_study_has_leads_and_lags_with_a_band(mpdta_result) -> None:  # type: ignore[no-untyped-def]
    rows = {r["event_time"]: r for r in mpdta_result.diagnostics["event_study"]}
    assert sorted(rows) == [-3, -2, -1, 0, 1, 2, 3]
    assert rows[0]["estimate"] == pytest.approx(-0.0199, abs=5e-5)  # aggte(type="dynamic"), e = 0
    assert rows[3]["estimate"] == pytest.approx(-0.1008, abs=5e-5)
    for r in rows.values():
        assert r["band_low"] <= r["ci_low"] <= r["estimate"] <= r["ci_high"] <= r["band_high"]
    assert mpdta_result.diagnostics["pretrend"]["leads"] == [-1, -2, -3]


def test_not_yet_treated_controls_use_later_cohorts() -> None:
    frame = pd.read_csv(MPDTA)
    cohort = frame.groupby("countyreal")["first.treat"].first()
    starts = {str(u): int(g) for u, g in cohort.items() if g > 0}
    result = evaluate(
        frame,
        design="did",
        unit="countyreal",
        time="year",
        outcome="lemp",
        treated=starts,
        control="notyet",
        bootstrap=0,
    )
    assert result.diagnostics["control_group"] == "not-yet-treated"
    assert result.estimate == pytest.approx(-0.0398, abs=5e-4)


def test_staggered_robust_estimator_recovers_the_truth_where_twfe_is_biased() -> None:
    """Effects grow with time since adoption: TWFE compares with already-treated units and is biased down."""
    sim = staggered_panel(seed=3, noise=0.3)
    result = evaluate(sim.frame, unit="region", time="period", outcome="y", treated=sim.starts, bootstrap=99)
    assert result.design == "did"
    assert result.diagnostics["staggered"] is True
    assert result.ci_low <= sim.true_att <= result.ci_high
    twfe = result.diagnostics["twfe"]["estimate"]
    assert twfe < sim.true_att - 0.3
    assert any("TWFE differs" in r for r in result.grade_reasons)


def test_a_pre_trend_makes_the_result_descriptive() -> None:
    sim = staggered_panel(seed=4, noise=0.3)
    frame = sim.frame.copy()
    # Treated regions were already diverging before the measure: add a trend to them over the whole period.
    trend = frame["period"].map({p: i for i, p in enumerate(sorted(frame["period"].unique()))}).astype(float)
    frame.loc[frame["region"].isin(list(sim.starts)), "y"] += 0.15 * trend
    result = evaluate(frame, unit="region", time="period", outcome="y", treated=sim.starts, bootstrap=0)
    assert result.diagnostics["pretrend"]["p_value"] < 0.05
    assert result.grade == "D" and not result.causal
    assert result.to_dict()["label"] == "descriptive, no causal claim"


def test_webb_weights_with_few_clusters() -> None:
    sim = staggered_panel(n_units=8, cohorts=(12,), treated_per_cohort=4, seed=1)
    result = evaluate(sim.frame, unit="region", time="period", outcome="y", treated=sim.starts, bootstrap=199)
    assert result.diagnostics["twfe"]["wild_bootstrap"]["weights"] == "webb"
    assert result.grade in ("C", "D")
    assert any("clusters" in r for r in result.grade_reasons)


def test_bootstrap_is_reproducible_with_a_seed() -> None:
    sim = staggered_panel(n_units=12, cohorts=(10, 20), treated_per_cohort=3, seed=2)
    kwargs = dict(unit="region", time="period", outcome="y", treated=sim.starts, bootstrap=99, seed=7)
    first = evaluate(sim.frame, **kwargs).to_dict()  # type: ignore[arg-type]
    second = evaluate(sim.frame, **kwargs).to_dict()  # type: ignore[arg-type]
    assert first["diagnostics"]["twfe"]["wild_bootstrap"] == second["diagnostics"]["twfe"]["wild_bootstrap"]


def test_without_never_treated_units_not_yet_treated_serve_as_controls() -> None:
    sim = staggered_panel(n_units=12, cohorts=(10, 20, 30), treated_per_cohort=4, seed=5)
    result = evaluate(
        sim.frame, design="did", unit="region", time="period", outcome="y", treated=sim.starts, bootstrap=0
    )
    assert result.diagnostics["control_group"] == "not-yet-treated"
    assert any("never-treated" in n for n in result.diagnostics["notes"])
    assert np.isfinite(result.estimate)


def test_all_units_treated_in_the_first_period_cannot_be_estimated() -> None:
    sim = staggered_panel(n_units=6, cohorts=(0,), treated_per_cohort=3, seed=1)
    with pytest.raises(EstimationError, match="pre-period"):
        evaluate(sim.frame, design="did", unit="region", time="period", outcome="y", treated=sim.starts)


def test_sun_abraham_regression_agrees_with_callaway_santanna(mpdta_result) -> None:  # type: ignore[no-untyped-def]
    """Two different computations (cohort means vs a saturated TWFE regression) of the same target."""
    sa = mpdta_result.diagnostics["sun_abraham"]
    assert sa["estimate"] == pytest.approx(mpdta_result.estimate, abs=1e-10)
    assert sa["se"] == pytest.approx(mpdta_result.diagnostics["se"], rel=0.1)
