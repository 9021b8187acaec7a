"""Randomization (permutation) inference for a TWFE DiD with few treated units (Fisher; Conley and Taber 2011).

With one or a handful of treated regions, cluster-robust and wild-cluster-bootstrap inference break down
(MacKinnon and Webb 2017). Randomization inference instead asks: had the treatment path been given to other
units, how large would the TWFE estimates have been? The treated units' treatment rows are reassigned to every
set of as many *control* units (all sets when there are at most ``MAX_ASSIGNMENTS``, else a seeded random
sample), the TWFE coefficient is re-estimated for each, and the p-value is the share of assignments, the actual
one included, whose estimate is at least as large in absolute value as the actual one.

The interval inverts the same test for a constant additive effect ``b0``: the outcome ``y − b0·D`` is tested
with the same assignments. Estimates are linear in the outcome, so every assignment's estimate under ``b0`` is
``b_p − b0·c_p`` with ``c_p`` the regression of the actual treatment on the placebo one; no refitting needed.
The smallest attainable p-value is ``1 / (number of assignments)``: with fewer than ``1/alpha`` assignments no
effect can be significant, and the output says so.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from krapte.monitor.evaluate.twfe import demean_two_way
from krapte.monitor.evaluate.wild import invert_test

MAX_ASSIGNMENTS = 5000


@dataclass(frozen=True)
class RandomizationResult:
    estimate: float
    p_value: float
    ci_low: float | None  # None: unbounded on that side
    ci_high: float | None
    n_assignments: int  # including the actual one
    exhaustive: bool
    min_p_value: float
    method: str = "randomization inference over the control units (Conley and Taber 2011), TWFE estimate"
    note: str | None = None


def randomization_inference(
    y: np.ndarray, treatment: np.ndarray, *, alpha: float = 0.05, seed: int = 0
) -> RandomizationResult | None:
    """Permutation p-value and interval for the TWFE coefficient of ``treatment`` (units × periods, 0/1).

    Returns None when there are no control units to reassign the treatment to.
    """
    treated = np.flatnonzero(treatment.any(axis=1))
    controls = np.flatnonzero(~treatment.any(axis=1))
    k = len(treated)
    if k == 0 or len(controls) < k:
        return None
    rows = treatment[treated]
    total = math.comb(len(controls), k)
    if total + 1 <= MAX_ASSIGNMENTS:
        sets = [np.array(c) for c in itertools.combinations(controls, k)]
        exhaustive = True
    else:
        rng = np.random.default_rng(seed)
        sets = [rng.choice(controls, size=k, replace=False) for _ in range(MAX_ASSIGNMENTS - 1)]
        exhaustive = False
    yd = demean_two_way(y).ravel()
    x_actual = demean_two_way(treatment.astype(float)).ravel()
    xx = float(x_actual @ x_actual)
    if xx <= 0:
        return None
    b = float(x_actual @ yd) / xx
    # Two-way demeaning is linear: a placebo regressor is the sum over k of the demeaned matrix that puts the k-th
    # treated row on one control unit. Precompute those pieces' products once, then every assignment is a sum.
    pieces = np.zeros((len(controls), k, yd.size))
    for i, unit in enumerate(controls):
        for j in range(k):
            d = np.zeros_like(treatment, dtype=float)
            d[unit] = rows[j]
            pieces[i, j] = demean_two_way(d).ravel()
    flat = pieces.reshape(len(controls) * k, yd.size)
    gram = (flat @ flat.T).reshape(len(controls), k, len(controls), k)
    with_y = (flat @ yd).reshape(len(controls), k)
    with_actual = (flat @ x_actual).reshape(len(controls), k)
    position = {int(u): i for i, u in enumerate(controls)}
    idx = np.array([[position[int(u)] for u in units] for units in sets])  # P × k
    cols = np.arange(k)
    pp = gram[idx[:, :, None], cols[None, :, None], idx[:, None, :], cols[None, None, :]].sum(axis=(1, 2))
    py = with_y[idx, cols[None, :]].sum(axis=1)
    pa = with_actual[idx, cols[None, :]].sum(axis=1)
    safe = np.where(pp > 0, pp, 1.0)
    placebo_b = np.where(pp > 0, py / safe, 0.0)
    placebo_c = np.where(pp > 0, pa / safe, 0.0)
    bp = np.array([b, *placebo_b])
    cp = np.array([1.0, *placebo_c])

    def p_of(b0: np.ndarray) -> np.ndarray:
        b0 = np.asarray(b0, dtype=float)[:, None]
        stats = np.abs(bp[None, :] - b0 * cp[None, :])
        return np.asarray((stats >= stats[:, :1] - 1e-12).mean(axis=1))

    p_value = float(p_of(np.array([0.0]))[0])
    spread = float(np.std(bp[1:])) if len(bp) > 2 else abs(b)
    low, high = invert_test(p_of, b, spread, alpha)
    n = len(bp)
    note = None
    if 1.0 / n > alpha:
        note = (
            f"only {n} possible assignments: the smallest attainable p-value is {1.0 / n:.3f} > {alpha}, so no "
            "effect can be significant at this level and the interval is unbounded"
        )
    return RandomizationResult(b, p_value, low, high, n, exhaustive, 1.0 / n, note=note)
