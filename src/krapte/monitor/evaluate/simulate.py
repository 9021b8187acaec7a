"""Simulated panels with a known effect, for tests, benchmarks and demonstrations (never real data).

:func:`staggered_panel` draws regions × quarters with unit and period effects, AR(1) noise and a measure adopted
by cohorts at different dates whose effect grows with time since adoption: the setting in which two-way fixed
effects is biased and Callaway–Sant'Anna is not. The true average effect on the treated is returned with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class SimulatedPanel:
    frame: pd.DataFrame  # columns region, period (e.g. "2015Q1"), y
    starts: dict[str, str]  # treated region -> first treated quarter
    true_att: float  # the simple-aggregation ATT that Callaway-Sant'Anna estimates (cohort-size weighted)


def staggered_panel(
    *,
    n_units: int = 35,
    n_periods: int = 40,
    cohorts: tuple[int, ...] = (12, 20, 28),
    treated_per_cohort: int = 6,
    effect: float = 1.0,
    growth: float = 0.15,
    rho: float = 0.3,
    noise: float = 1.0,
    first_year: int = 2015,
    seed: int = 0,
) -> SimulatedPanel:
    """A quarterly panel; cohort c starts at period index c; effect at e periods after adoption: effect + growth·e."""
    rng = np.random.default_rng(seed)
    units = [f"R{i:02d}" for i in range(n_units)]
    alpha = rng.normal(0, 2, n_units)
    lam = np.cumsum(rng.normal(0.05, 0.3, n_periods))
    eps = np.zeros((n_units, n_periods))
    shocks = rng.normal(0, noise, (n_units, n_periods))
    eps[:, 0] = shocks[:, 0]
    for t in range(1, n_periods):
        eps[:, t] = rho * eps[:, t - 1] + shocks[:, t]
    first = np.full(n_units, np.inf)
    order = rng.permutation(n_units)
    k = 0
    for c in cohorts:
        for _ in range(treated_per_cohort):
            first[order[k]] = c
            k += 1
    t_idx = np.arange(n_periods)[None, :]
    rel = t_idx - np.where(np.isfinite(first), first, n_periods + 1)[:, None]
    tau = np.where(rel >= 0, effect + growth * rel, 0.0)
    y = alpha[:, None] + lam[None, :] + tau + eps
    labels = [f"{first_year + t // 4}Q{t % 4 + 1}" for t in range(n_periods)]
    frame = pd.DataFrame(
        {
            "region": np.repeat(units, n_periods),
            "period": labels * n_units,
            "y": y.ravel(),
        }
    )
    starts = {units[i]: labels[int(first[i])] for i in range(n_units) if np.isfinite(first[i])}
    treated_cells = rel >= 0
    true_att = float(tau[treated_cells].mean())
    return SimulatedPanel(frame, starts, true_att)
