"""Synthetic control: reproduces Abadie and Gardeazabal (2003), the Basque Country.

Data and published weights: examples/panels/basque/ (PUBLISHED.md): Cataluña 0.8508, Madrid 0.1492,
every other region 0, with the standard predictors and the V-matrix fitted on GDP per capita 1960–1969.
"""

from __future__ import annotations

import pandas as pd
import pytest

from krapte.errors import EstimationError, ValidationError
from krapte.monitor.evaluate import Predictor, evaluate
from tests.conftest import EXAMPLES

BASQUE = EXAMPLES / "panels" / "basque" / "basque.csv"
TREATED = "Basque Country (Pais Vasco)"
ODD_YEARS = [1961, 1963, 1965, 1967, 1969]
PREDICTORS = [
    *(Predictor(c, list(range(1964, 1970))) for c in ("school.illit", "school.prim", "school.med", "school.high")),
    Predictor("school.post.high", list(range(1964, 1970))),
    Predictor("invest", list(range(1964, 1970))),
    Predictor("gdpcap", list(range(1960, 1970))),
    *(
        Predictor(c, ODD_YEARS)
        for c in (
            "sec.agriculture",
            "sec.energy",
            "sec.industry",
            "sec.construction",
            "sec.services.venta",
            "sec.services.nonventa",
        )
    ),
    Predictor("popdens", [1969]),
]


@pytest.fixture(scope="module")
def basque() -> pd.DataFrame:
    return pd.read_csv(BASQUE)


@pytest.fixture(scope="module")
def published(basque: pd.DataFrame):  # type: ignore[no-untyped-def]
    return evaluate(
        basque,
        design="scm",
        unit="regionname",
        time="year",
        outcome="gdpcap",
        treated=[TREATED],
        treatment_start=1970,
        predictors=PREDICTORS,
        fit_periods=range(1960, 1970),
    )


def test_reproduces_the_published_donor_weights(published) -> None:  # type: ignore[no-untyped-def]
    w = published.weights
    assert w["Cataluna"] == pytest.approx(0.8508, abs=0.002)
    assert w["Madrid (Comunidad De)"] == pytest.approx(0.1492, abs=0.002)
    assert sum(v for k, v in w.items() if k not in ("Cataluna", "Madrid (Comunidad De)")) < 0.002
    assert sum(w.values()) == pytest.approx(1.0)
    assert min(w.values()) >= 0


def test_gap_opens_after_1970_to_about_ten_percent(published) -> None:  # type: ignore[no-untyped-def]
    path = {int(r["period"]): r for r in published.diagnostics["path"]}
    late = [path[y]["gap"] / path[y]["synthetic"] for y in range(1985, 1998)]
    assert -0.15 < sum(late) / len(late) < -0.07
    assert published.estimate < 0


def test_balance_table_and_placebo_inference(published) -> None:  # type: ignore[no-untyped-def]
    d = published.diagnostics
    rows = {r["predictor"]: r for r in d["balance"]}
    assert rows["gdpcap (1960-1969)"]["synthetic"] == pytest.approx(rows["gdpcap (1960-1969)"]["treated"], rel=0.02)
    assert set(d["v_weights"]) == set(rows)
    placebo = d["placebo"]
    assert placebo["n_units"] == 18
    assert placebo["rank"] == 1 and placebo["p_value"] == pytest.approx(1 / 18)
    assert published.grade in ("A", "B")
    assert published.to_dict()["weights"]["Cataluna"] == pytest.approx(0.8508, abs=0.002)


def test_without_predictors_the_pre_period_outcomes_are_the_predictors(basque: pd.DataFrame) -> None:
    result = evaluate(basque, unit="regionname", time="year", outcome="gdpcap", treated=[TREATED], treatment_start=1970)
    assert result.design == "scm"
    assert result.diagnostics["predictors"] == "pre-period outcomes"
    assert result.diagnostics["relative_pre_rmspe"] < 0.03
    assert len(result.diagnostics["balance"]) == 15  # 1955..1969
    assert sum(result.weights.values()) == pytest.approx(1.0)


def test_plot_is_png_and_svg(published) -> None:  # type: ignore[no-untyped-def]
    assert published.plot().startswith(b"\x89PNG")
    assert b"<svg" in published.plot(format="svg")[:500]


def test_unknown_treated_unit_is_named(basque: pd.DataFrame) -> None:
    with pytest.raises(ValidationError, match="'Baskenland' does not occur"):
        evaluate(
            basque,
            design="scm",
            unit="regionname",
            time="year",
            outcome="gdpcap",
            treated=["Baskenland"],
            treatment_start=1970,
        )


def test_a_predictor_without_values_is_named(basque: pd.DataFrame) -> None:
    with pytest.raises(ValidationError, match=r"sec\.energy"):
        evaluate(
            basque,
            design="scm",
            unit="regionname",
            time="year",
            outcome="gdpcap",
            treated=[TREATED],
            treatment_start=1970,
            predictors=[Predictor("sec.energy", [1955])],
        )


def test_one_donor_is_not_enough(basque: pd.DataFrame) -> None:
    two = basque[basque["regionname"].isin([TREATED, "Cataluna"])]
    with pytest.raises(EstimationError, match="two donor"):
        evaluate(
            two, design="scm", unit="regionname", time="year", outcome="gdpcap", treated=[TREATED], treatment_start=1970
        )


def test_donor_pool_can_be_restricted(basque: pd.DataFrame) -> None:
    pool = ["Cataluna", "Madrid (Comunidad De)", "Aragon", "Navarra (Comunidad Foral De)", TREATED]
    result = evaluate(
        basque,
        design="scm",
        unit="regionname",
        time="year",
        outcome="gdpcap",
        treated=[TREATED],
        treatment_start=1970,
        donors=pool,
    )
    assert set(result.weights) == set(pool) - {TREATED}
    assert result.diagnostics["placebo"]["n_units"] == 5
    assert any("cannot reach" in r for r in result.grade_reasons)


def test_placebo_interval_needs_enough_donors(published) -> None:  # type: ignore[no-untyped-def]
    # 17 donors: the smallest attainable placebo p-value is 1/18 > 0.05, so no 95% interval exists.
    assert published.ci_low is None and published.ci_high is None


def test_placebo_interval_with_many_donors_covers_a_known_effect() -> None:
    from krapte.monitor.evaluate.simulate import staggered_panel

    sim = staggered_panel(n_units=30, cohorts=(24,), treated_per_cohort=1, effect=3.0, growth=0.0, noise=0.3, seed=4)
    ((region, start),) = sim.starts.items()
    result = evaluate(
        sim.frame, design="scm", unit="region", time="period", outcome="y", treated=[region], treatment_start=start
    )
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low < 3.0 < result.ci_high
    assert result.ci_low > 0  # excludes zero, consistent with the mean-gap placebo p-value
    assert result.diagnostics["placebo"]["p_value_mean_gap"] <= 0.05
