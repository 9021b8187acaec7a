"""Honest inference for TWFE DiD: one procedure for p-value and interval, and randomization inference when there
are fewer than five treated clusters (MacKinnon and Webb 2017; Conley and Taber 2011).

The organ-donation panel (Kessler and Roth 2014; California the only treated state) is the case where the old
output showed a wild-bootstrap interval excluding zero next to a wild-bootstrap p-value of 0.21.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from krapte.monitor.evaluate import evaluate
from krapte.monitor.evaluate.randomization import randomization_inference
from krapte.monitor.evaluate.simulate import staggered_panel
from tests.conftest import EXAMPLES, FIXTURES

ORGAN = FIXTURES / "panels" / "organ-donation" / "organ_donation.csv"
BASQUE = EXAMPLES / "panels" / "basque" / "basque.csv"


@pytest.fixture(scope="module")
def organ():  # type: ignore[no-untyped-def]
    frame = pd.read_csv(ORGAN)
    frame["quarter"] = frame["Quarter"].str[2:] + "Q" + frame["Quarter"].str[1]
    return evaluate(
        frame, design="did", unit="State", time="quarter", outcome="Rate", treated=["California"],
        treatment_start="2011Q3", bootstrap=999,
    )  # fmt: skip


def test_organ_donation_twfe_estimate_is_the_published_one(organ) -> None:  # type: ignore[no-untyped-def]
    assert organ.diagnostics["twfe"]["estimate"] == pytest.approx(-0.0225, abs=5e-5)  # The Effect, ch. 18


def test_organ_donation_bootstrap_interval_and_p_value_agree(organ) -> None:  # type: ignore[no-untyped-def]
    wild = organ.diagnostics["twfe"]["wild_bootstrap"]
    assert wild["p_value"] > 0.05
    assert wild["ci_low"] < 0 < wild["ci_high"]  # the same test, inverted: zero is not rejected
    assert wild["reliable"] is False
    assert "1 treated cluster" in wild["warning"]


def test_organ_donation_says_the_bootstrap_is_unreliable_and_adds_randomization(organ) -> None:  # type: ignore[no-untyped-def]
    twfe = organ.diagnostics["twfe"]
    assert "unreliable" in twfe["inference_warning"]
    assert any("unreliable" in n for n in organ.diagnostics["notes"])
    ri = twfe["randomization"]
    assert ri["n_assignments"] == 27 and ri["exhaustive"]  # California and each of the 26 control states
    assert ri["p_value"] == pytest.approx(5 / 27)  # four control states show a placebo effect at least as large
    assert ri["ci_low"] < 0 < ri["ci_high"]
    assert any("randomization inference over 27 assignments" in r for r in organ.grade_reasons)
    assert not any("see the wild cluster bootstrap" in r for r in organ.grade_reasons)


def test_basque_as_did_cannot_reach_significance_and_says_so() -> None:
    frame = pd.read_csv(BASQUE)
    frame = frame[frame["regionname"] != "Spain (Espana)"]
    result = evaluate(
        frame, design="did", unit="regionname", time="year", outcome="gdpcap",
        treated=["Basque Country (Pais Vasco)"], treatment_start=1975, bootstrap=199,
    )  # fmt: skip
    ri = result.diagnostics["twfe"]["randomization"]
    assert ri["n_assignments"] == 17
    assert ri["min_p_value"] == pytest.approx(1 / 17)
    assert ri["ci_low"] is None and ri["ci_high"] is None  # 1/17 > 0.05: nothing can be rejected
    assert "smallest attainable p-value" in ri["note"]
    assert any("cannot bound the effect" in r for r in result.grade_reasons)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_zero_is_in_the_wild_interval_exactly_when_p_is_at_least_alpha(seed: int) -> None:
    sim = staggered_panel(n_units=20, n_periods=12, cohorts=(6,), treated_per_cohort=6, effect=0.6, seed=seed)
    result = evaluate(sim.frame, unit="region", time="period", outcome="y", treated=sim.starts, bootstrap=199)
    wild = result.diagnostics["twfe"]["wild_bootstrap"]
    assert wild["reliable"] is True and "randomization" not in result.diagnostics["twfe"]
    assert (wild["ci_low"] <= 0 <= wild["ci_high"]) == (wild["p_value"] >= 0.05)
    assert wild["ci_low"] < result.diagnostics["twfe"]["estimate"] < wild["ci_high"]


def test_randomization_rejects_a_large_effect_on_one_of_many_units() -> None:
    rng = np.random.default_rng(0)
    y = rng.normal(size=(40, 10))
    d = np.zeros((40, 10))
    d[0, 5:] = 1
    y[0, 5:] += 8.0
    ri = randomization_inference(y, d)
    assert ri is not None
    assert ri.p_value == pytest.approx(1 / 40)
    assert ri.ci_low is not None and ri.ci_high is not None
    assert ri.ci_low < 8.0 < ri.ci_high and ri.ci_low > 0


def test_randomization_samples_when_there_are_too_many_assignments() -> None:
    rng = np.random.default_rng(1)
    y = rng.normal(size=(35, 40))
    d = np.zeros((35, 40))
    d[:4, 20:] = 1  # C(31, 4) = 31,465 sets of controls: a seeded sample is drawn
    first, second = randomization_inference(y, d, seed=3), randomization_inference(y, d, seed=3)
    assert first is not None and second is not None
    assert not first.exhaustive and first.n_assignments == 5000
    assert first.p_value == second.p_value
