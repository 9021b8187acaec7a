"""Properties every estimate must have, checked on many random panels (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krapte.monitor.evaluate import evaluate
from krapte.monitor.evaluate.scm import simplex_weights
from krapte.monitor.evaluate.simulate import staggered_panel

SEEDS = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS, shift=st.floats(-50, 50), scale=st.floats(0.1, 10))
def test_did_is_invariant_to_unit_and_period_shifts_and_equivariant_to_scale(
    seed: int, shift: float, scale: float
) -> None:
    sim = staggered_panel(n_units=10, n_periods=12, cohorts=(4, 8), treated_per_cohort=3, seed=seed)
    kwargs = dict(design="did", unit="region", time="period", outcome="y", treated=sim.starts, bootstrap=0)
    base = evaluate(sim.frame, **kwargs)  # type: ignore[arg-type]
    moved = sim.frame.copy()
    rng = np.random.default_rng(seed)
    unit_shift = dict(zip(sorted(moved["region"].unique()), rng.normal(0, 5, 10), strict=True))
    periods = sorted(moved["period"].unique())
    period_shift = dict(zip(periods, rng.normal(0, 5, len(periods)), strict=True))
    moved["y"] = scale * (moved["y"] + moved["region"].map(unit_shift) + moved["period"].map(period_shift)) + shift
    other = evaluate(moved, **kwargs)  # type: ignore[arg-type]
    assert other.estimate == pytest.approx(scale * base.estimate, rel=1e-6, abs=1e-8)
    assert other.diagnostics["twfe"]["estimate"] == pytest.approx(
        scale * base.diagnostics["twfe"]["estimate"], rel=1e-6, abs=1e-8
    )
    assert other.diagnostics["se"] == pytest.approx(scale * base.diagnostics["se"], rel=1e-6, abs=1e-8)


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, n_pred=st.integers(2, 12), n_donors=st.integers(2, 30))
def test_synthetic_control_weights_lie_on_the_simplex(seed: int, n_pred: int, n_donors: int) -> None:
    rng = np.random.default_rng(seed)
    x0 = rng.normal(size=(n_pred, n_donors))
    x1 = rng.normal(size=n_pred)
    w = simplex_weights(x0, x1, rng.uniform(0.01, 1, n_pred))
    assert w.min() >= 0
    assert w.sum() == pytest.approx(1.0, abs=1e-9)


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, n_donors=st.integers(2, 15))
def test_treated_inside_the_donors_is_matched_exactly(seed: int, n_donors: int) -> None:
    """A treated unit that is a convex combination of donors gets a (near) perfect pre-period fit."""
    rng = np.random.default_rng(seed)
    x0 = rng.normal(size=(20, n_donors))
    w_true = rng.dirichlet(np.ones(n_donors))
    w = simplex_weights(x0, x0 @ w_true)
    assert np.sqrt(np.mean((x0 @ w - x0 @ w_true) ** 2)) < 1e-4
