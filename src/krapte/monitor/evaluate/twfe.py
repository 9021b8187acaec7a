"""Two-way fixed effects regressions on a balanced panel, with cluster-robust (by unit) covariance.

``y_it = a_i + l_t + X_it b + e_it`` is estimated by the within transformation (exact for a balanced panel):
every column is demeaned over units and periods, then OLS. Covariance is CR1: clustered by unit with the
G/(G−1)·(N−1)/(N−K) small-sample factor, K counting the slopes and the period effects (unit effects are
nested in the clusters). Used for the static TWFE DiD (next to the staggered-robust estimator, as the baseline
it corrects) and for the TWFE event study.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.linalg import pinvh

MAX_DESIGN_CELLS = 20_000_000  # regressor matrix size (rows × columns) above which optional regressions are skipped


def demean_two_way(m: np.ndarray) -> np.ndarray:
    """Remove unit and period means from a units × periods matrix (balanced panel)."""
    return np.asarray(m - m.mean(axis=1, keepdims=True) - m.mean(axis=0, keepdims=True) + m.mean())


@dataclass(frozen=True)
class TwfeFit:
    """Slopes, their cluster-robust covariance, and what the wild bootstrap needs."""

    coef: np.ndarray
    cov: np.ndarray
    n_clusters: int
    x: np.ndarray  # demeaned regressors, (n_units * n_periods) × k, unit-major
    y: np.ndarray  # demeaned outcome
    resid: np.ndarray
    clusters: np.ndarray  # cluster (unit) index of every row
    scale: float  # small-sample factor of the CR1 covariance

    @property
    def se(self) -> np.ndarray:
        return np.asarray(np.sqrt(np.diag(self.cov)))

    def wald(self, idx: list[int]) -> tuple[float, float, int]:
        """Joint Wald test that the coefficients ``idx`` are zero: (statistic, p-value, df).

        The p-value uses the Hotelling T² correction F = W/df · (G − df)/(G − 1) ~ F(df, G − df), since the
        cluster-robust covariance is estimated from only G clusters.
        """
        if not idx:
            return float("nan"), float("nan"), 0
        b = self.coef[idx]
        v = self.cov[np.ix_(idx, idx)]
        stat = float(b @ pinvh(v) @ b)
        df = len(idx)
        g = self.n_clusters
        if g - df < 1:
            return stat, float("nan"), df
        return stat, float(stats.f.sf(stat / df * (g - df) / (g - 1), df, g - df)), df


def fit_twfe(y: np.ndarray, regressors: list[np.ndarray]) -> TwfeFit:
    """TWFE OLS of a units × periods outcome on units × periods regressors, clustered by unit."""
    n_u, n_t = y.shape
    yd = demean_two_way(y).ravel()
    x = np.column_stack([demean_two_way(r).ravel() for r in regressors])
    clusters = np.repeat(np.arange(n_u), n_t)
    xtx_inv = pinvh(x.T @ x)
    coef = xtx_inv @ (x.T @ yd)
    resid = yd - x @ coef
    n, k = x.shape[0], x.shape[1] + n_t
    scale = n_u / max(n_u - 1, 1) * (n - 1) / max(n - k, 1)
    cov = cluster_cov(x, resid, clusters, n_u, xtx_inv) * scale
    return TwfeFit(coef, cov, n_u, x, yd, resid, clusters, scale)


def cluster_cov(
    x: np.ndarray, resid: np.ndarray, clusters: np.ndarray, n_clusters: int, xtx_inv: np.ndarray
) -> np.ndarray:
    """The sandwich (X'X)⁻¹ (Σ_g s_g s_g') (X'X)⁻¹ with cluster scores s_g = Σ_i∈g x_i e_i (no scaling)."""
    scores = cluster_sums(x * resid[:, None], clusters)
    return np.asarray(xtx_inv @ (scores.T @ scores) @ xtx_inv)


def cluster_sums(values: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """Sum the rows of ``values`` within clusters; rows are grouped by cluster (unit-major panel order)."""
    starts = np.flatnonzero(np.r_[True, clusters[1:] != clusters[:-1]])
    return np.asarray(np.add.reduceat(values, starts, axis=0))


def event_time_dummies(
    first_treated: np.ndarray, n_t: int, *, reference: int = -1
) -> tuple[list[int], list[np.ndarray]]:
    """Relative-time indicators for treated units (all leads and lags observed, except the reference period)."""
    t = np.arange(n_t)[None, :]
    finite = np.isfinite(first_treated)
    rel = np.where(finite[:, None], t - np.where(finite, first_treated, 0)[:, None], np.nan)
    events = sorted({int(e) for e in np.unique(rel[np.isfinite(rel)]) if int(e) != reference})
    return events, [(rel == e).astype(float) for e in events]


@dataclass(frozen=True)
class SunAbraham:
    """Sun and Abraham (2021) interaction-weighted estimate: cohort × relative-time effects from one TWFE."""

    estimate: float
    se: float
    cells: list[tuple[int, int, float, float]]  # (cohort, event time, coefficient, se)


def sun_abraham(y: np.ndarray, first_treated: np.ndarray) -> SunAbraham | None:
    """Saturated TWFE with cohort × relative-time dummies (reference e = −1, never-treated units as controls).

        The post-treatment cells are averaged with cohort-size weights (the same target as the Callaway–Sant'Anna
        simple aggregation); with never-treated controls and no covariates the cells equal CS's ATT(g, t), which
        makes this an independent regression-based check of that estimator. Returns None without never-treated units,
    or when the saturated design matrix would exceed ``MAX_DESIGN_CELLS`` (large monthly panels).
    """
    n_t = y.shape[1]
    finite = np.isfinite(first_treated)
    if finite.all():
        return None
    cohorts = sorted({int(g) for g in first_treated[finite] if 1 <= g < n_t})
    t = np.arange(n_t)[None, :]
    keys: list[tuple[int, int]] = []
    regressors: list[np.ndarray] = []
    for g in cohorts:
        member = (first_treated == g)[:, None]
        for e in range(-g, n_t - g):
            if e == -1:
                continue
            keys.append((g, e))
            regressors.append((member & (t - g == e)).astype(float))
    # Units treated from the first period, or after the panel, are dropped from the comparison.
    keep = ~finite | np.isin(first_treated, cohorts)
    if len(regressors) * int(keep.sum()) * n_t > MAX_DESIGN_CELLS:
        return None
    fit = fit_twfe(y[keep], [r[keep] for r in regressors])
    post = [k for k, (_, e) in enumerate(keys) if e >= 0]
    size = {g: float(np.sum(first_treated == g)) for g in cohorts}
    w = np.zeros(len(keys))
    w[post] = [size[keys[k][0]] for k in post]
    w /= w.sum()
    cells = [(g, e, float(c), float(s)) for (g, e), c, s in zip(keys, fit.coef, fit.se, strict=True)]
    return SunAbraham(float(w @ fit.coef), float(np.sqrt(w @ fit.cov @ w)), cells)
