"""Wild cluster bootstrap for one TWFE coefficient (Cameron, Gelbach and Miller 2008; Webb 2014).

With 35 regions, or fewer, cluster-robust t-tests over-reject. The restricted wild cluster bootstrap (WCR)
imposes the null ``b = b0``, flips the restricted residuals cluster by cluster with Rademacher weights (or Webb's
six-point weights when there are fewer than 12 clusters, since Rademacher then has too few distinct draws) and
compares the observed t-statistic with the bootstrap ones.

The p-value and the interval come from **one** procedure: the p-value tests ``b0 = 0`` and the interval is the
set of ``b0`` that the same test, with the same draws, does not reject at level ``alpha`` (test inversion, as in
MacKinnon 2015 and Roodman et al. 2019's ``boottest``). Zero lies inside the interval exactly when p >= alpha.
Under ``b = b0`` the bootstrap outcome is affine in ``b0``, so each draw's coefficient is affine and its squared
standard error quadratic in ``b0``: the test is evaluated for thousands of ``b0`` without refitting.

With few *treated* clusters the wild cluster bootstrap is unreliable whatever the total number of clusters
(MacKinnon and Webb 2017, 2018): with one treated cluster its p-values are far from uniform. The result says so
(``reliable``); :mod:`krapte.monitor.evaluate.randomization` supplies the randomization inference to use instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.linalg import pinvh

from krapte.monitor.evaluate.twfe import TwfeFit, cluster_sums

WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])
FEW_TREATED_CLUSTERS = 5  # below this many treated clusters the wild cluster bootstrap is not trusted
GRID_WIDTH_SE = 200.0  # the interval is searched within b ± this many standard errors
GRID_POINTS = 2001


@dataclass(frozen=True)
class WildResult:
    p_value: float
    ci_low: float | None  # None: the confidence set is unbounded on that side
    ci_high: float | None
    weights: Literal["rademacher", "webb"]
    draws: int
    method: str = "WCR test and its inversion (same draws)"
    reliable: bool = True
    warning: str | None = None


def _draw_weights(rng: np.random.Generator, draws: int, n_clusters: int, kind: str) -> np.ndarray:
    if kind == "webb":
        return np.asarray(rng.choice(WEBB, size=(draws, n_clusters)))
    return np.asarray(rng.choice(np.array([-1.0, 1.0]), size=(draws, n_clusters)))


def _components(fit: TwfeFit, a: np.ndarray, xtx_inv: np.ndarray, ystar: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coefficient j (``a`` = row j of (X'X)⁻¹X') and its cluster scores for each column of ``ystar`` (n × B)."""
    coefs = xtx_inv @ (fit.x.T @ ystar)
    resid = ystar - fit.x @ coefs
    return a @ ystar, cluster_sums(a[:, None] * resid, fit.clusters)


def invert_test(
    p_of: Callable[[np.ndarray], np.ndarray], center: float, scale: float, alpha: float
) -> tuple[float | None, float | None]:
    """The hull of ``{b0 : p(b0) >= alpha}`` searched on ``center ± GRID_WIDTH_SE·scale``, edges refined by
    bisection; a side is None (unbounded) when the test still accepts at the edge of the search range."""
    scale = scale if scale > 0 and np.isfinite(scale) else max(abs(center), 1.0)
    steps = np.linspace(0.0, GRID_WIDTH_SE * scale, GRID_POINTS)
    bounds: list[float | None] = []
    for sign in (-1.0, 1.0):
        grid = center + sign * steps
        accepted = p_of(grid) >= alpha
        if accepted[-1]:
            bounds.append(None)
            continue
        last = int(np.flatnonzero(accepted)[-1]) if accepted.any() else 0
        inside, outside = float(grid[last]), float(grid[last + 1])
        for _ in range(40):
            mid = 0.5 * (inside + outside)
            if p_of(np.array([mid]))[0] >= alpha:
                inside = mid
            else:
                outside = mid
        bounds.append(inside)
    return bounds[0], bounds[1]


def wild_cluster_bootstrap(
    fit: TwfeFit,
    j: int = 0,
    *,
    draws: int = 999,
    alpha: float = 0.05,
    seed: int = 0,
    n_treated_clusters: int | None = None,
) -> WildResult:
    """WCR p-value of ``coef[j] = 0`` and the WCR confidence set from the same draws, clustered by unit."""
    rng = np.random.default_rng(seed)
    kind: Literal["rademacher", "webb"] = "webb" if fit.n_clusters < 12 else "rademacher"
    weights = _draw_weights(rng, draws, fit.n_clusters, kind)
    b, se = float(fit.coef[j]), float(fit.se[j])

    xtx_inv = pinvh(fit.x.T @ fit.x)
    a = fit.x @ xtx_inv[j]
    others = [k for k in range(fit.x.shape[1]) if k != j]
    xj = fit.x[:, j]
    if others:
        xo = fit.x[:, others]
        proj = pinvh(xo.T @ xo) @ xo.T
        e_r0 = fit.y - xo @ (proj @ fit.y)  # restricted residuals at b0 = 0
        xt = xj - xo @ (proj @ xj)  # x_j net of the other regressors
    else:
        e_r0, xt = fit.y.copy(), xj.copy()
    # y*(b0) = A + b0·B with A = (y − e_r0) + e_r0∘v and B = xt∘(1 − v).
    beta_a, beta_b, s_aa, s_ab, s_bb = [], [], [], [], []
    chunk = max(1, int(2_000_000 // max(fit.y.size, 1)))
    for lo in range(0, draws, chunk):
        v = weights[lo : lo + chunk][:, fit.clusters].T  # n × chunk
        ba, ca = _components(fit, a, xtx_inv, (fit.y - e_r0)[:, None] + e_r0[:, None] * v)
        bb, cb = _components(fit, a, xtx_inv, xt[:, None] * (1.0 - v))
        beta_a.append(ba)
        beta_b.append(bb)
        s_aa.append(np.sum(ca * ca, axis=0))
        s_ab.append(np.sum(ca * cb, axis=0))
        s_bb.append(np.sum(cb * cb, axis=0))
    ba_all, bb_all = np.concatenate(beta_a), np.concatenate(beta_b)
    saa, sab, sbb = np.concatenate(s_aa), np.concatenate(s_ab), np.concatenate(s_bb)

    def p_of(b0: np.ndarray) -> np.ndarray:
        b0 = np.asarray(b0, dtype=float)[:, None]  # grid × 1 against draws
        var = fit.scale * (saa + 2 * b0 * sab + b0 * b0 * sbb)
        with np.errstate(divide="ignore", invalid="ignore"):
            t_star = (ba_all + b0 * bb_all - b0) / np.sqrt(np.maximum(var, 0.0))
        t_obs = (b - b0) / se if se > 0 else np.full_like(b0, np.inf)
        exceed = np.abs(np.nan_to_num(t_star, nan=0.0)) >= np.abs(t_obs) - 1e-12
        return np.asarray(exceed.mean(axis=1))

    p_value = float(p_of(np.array([0.0]))[0])
    low, high = invert_test(p_of, b, se, alpha)
    reliable, warning = True, None
    if n_treated_clusters is not None and n_treated_clusters < FEW_TREATED_CLUSTERS:
        reliable = False
        warning = (
            f"only {n_treated_clusters} treated cluster(s): the wild cluster bootstrap is unreliable with fewer than "
            f"{FEW_TREATED_CLUSTERS} treated clusters (MacKinnon and Webb 2017); use the randomization inference"
        )
    return WildResult(p_value, low, high, kind, draws, reliable=reliable, warning=warning)
