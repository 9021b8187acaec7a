"""Wild cluster bootstrap for one TWFE coefficient (Cameron, Gelbach and Miller 2008; Webb 2014).

With 35 regions, or fewer, cluster-robust t-tests over-reject. The restricted wild cluster bootstrap (WCR)
imposes the null ``b = 0``, flips the restricted residuals cluster by cluster with Rademacher weights (or Webb's
six-point weights when there are fewer than 12 clusters, since Rademacher then has too few distinct draws) and
compares the observed t-statistic with the bootstrap ones. The interval is the studentised (bootstrap-t)
interval from the unrestricted bootstrap (WCU).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.linalg import pinvh

from krapte.monitor.evaluate.twfe import TwfeFit, cluster_sums

WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


@dataclass(frozen=True)
class WildResult:
    p_value: float
    ci_low: float
    ci_high: float
    weights: Literal["rademacher", "webb"]
    draws: int


def _draw_weights(rng: np.random.Generator, draws: int, n_clusters: int, kind: str) -> np.ndarray:
    if kind == "webb":
        return np.asarray(rng.choice(WEBB, size=(draws, n_clusters)))
    return np.asarray(rng.choice(np.array([-1.0, 1.0]), size=(draws, n_clusters)))


def _t_stats(fit: TwfeFit, j: int, ystar: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coefficient j and its CR1 standard error for each bootstrap outcome column of ``ystar`` (n × B)."""
    x = fit.x
    xtx_inv = pinvh(x.T @ x)
    coefs = xtx_inv @ (x.T @ ystar)  # k × B
    resid = ystar - x @ coefs  # n × B
    # Cluster scores for coefficient j only: row j of (X'X)⁻¹ X' applied within clusters.
    a = x @ xtx_inv[j]  # n: row j of (X'X)⁻¹ X'
    contrib = cluster_sums(a[:, None] * resid, fit.clusters)
    se = np.sqrt(fit.scale * np.sum(contrib**2, axis=0))
    return coefs[j], se


def wild_cluster_bootstrap(
    fit: TwfeFit, j: int = 0, *, draws: int = 999, alpha: float = 0.05, seed: int = 0
) -> WildResult:
    """WCR p-value of ``coef[j] = 0`` and WCU bootstrap-t interval, clustered by unit."""
    rng = np.random.default_rng(seed)
    kind: Literal["rademacher", "webb"] = "webb" if fit.n_clusters < 12 else "rademacher"
    weights = _draw_weights(rng, draws, fit.n_clusters, kind)
    b, se = float(fit.coef[j]), float(fit.se[j])
    t_obs = b / se if se > 0 else np.inf

    # Restricted: drop regressor j, keep the others.
    others = [k for k in range(fit.x.shape[1]) if k != j]
    if others:
        xr = fit.x[:, others]
        br = pinvh(xr.T @ xr) @ (xr.T @ fit.y)
        fitted_r = xr @ br
    else:
        fitted_r = np.zeros_like(fit.y)
    resid_r = fit.y - fitted_r
    fitted_u = fit.y - fit.resid
    t_r_parts, t_u_parts = [], []
    # Draws in chunks so that memory stays bounded (rows × chunk floats) on large panels.
    chunk = max(1, int(2_000_000 // max(fit.y.size, 1)))
    for lo in range(0, draws, chunk):
        v = weights[lo : lo + chunk][:, fit.clusters].T  # n × chunk
        bs, ses = _t_stats(fit, j, fitted_r[:, None] + resid_r[:, None] * v)
        t_r_parts.append(bs / np.where(ses > 0, ses, np.nan))
        bu, seu = _t_stats(fit, j, fitted_u[:, None] + fit.resid[:, None] * v)
        t_u_parts.append((bu - b) / np.where(seu > 0, seu, np.nan))
    t_r = np.concatenate(t_r_parts)
    t_u = np.concatenate(t_u_parts)
    p_value = float(np.mean(np.abs(t_r) >= abs(t_obs)))
    lo_q, hi_q = np.nanquantile(t_u, [alpha / 2, 1 - alpha / 2])
    return WildResult(p_value, b - hi_q * se, b - lo_q * se, kind, draws)
