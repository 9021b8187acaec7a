"""Callaway and Sant'Anna (2021) difference-in-differences for staggered adoption, without covariates.

Each treated cohort *g* (units first treated in period *g*) is compared with clean controls only: never-treated
units, or units not yet treated by then. The group-time effects are

    ATT(g, t) = mean over cohort g of (Y_t − Y_b) − mean over controls of (Y_t − Y_b),

with base period b = g − 1 for t ≥ g and the "varying" base b = t − 1 for pre-periods (as the R package ``did``
does by default). Without covariates the regression, IPW and doubly-robust estimators coincide with this.
Inference uses the influence function of each estimate, clustered by unit, and aggregations include the
estimation error of the cohort-size weights (the ``wif`` term of ``did::aggte``). A multiplier bootstrap gives
simultaneous bands for the event study. Reproduces the ``mpdta`` results of the ``did`` package exactly in the
point estimates (tests/monitor/test_evaluate_did.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats
from scipy.linalg import pinvh

from krapte.errors import EstimationError

Control = Literal["never", "notyet"]


@dataclass(frozen=True)
class Estimate:
    """A scalar estimate with its influence function (length n_units) and standard error."""

    value: float
    inf: np.ndarray

    @property
    def se(self) -> float:
        n = self.inf.shape[0]
        return float(np.sqrt(np.sum(self.inf**2)) / n)


@dataclass(frozen=True)
class GroupTime:
    """All ATT(g, t) of one fit: parallel arrays plus their influence functions (n_units × k)."""

    groups: np.ndarray  # first-treated period index of each ATT(g, t)
    times: np.ndarray  # period index t
    att: np.ndarray
    inf: np.ndarray  # shape (n_units, k)
    group_share: dict[int, float]  # P(G = g) over all units
    unit_group: np.ndarray  # G of every unit (np.inf for never treated)
    control: Control

    def se(self) -> np.ndarray:
        n = self.inf.shape[0]
        return np.asarray(np.sqrt(np.sum(self.inf**2, axis=0)) / n)


def group_time_effects(y: np.ndarray, first_treated: np.ndarray, *, control: Control = "never") -> GroupTime:
    """ATT(g, t) for every cohort g whose base period lies in the panel and every period t after the first.

    ``y`` is units × periods; ``first_treated`` holds each unit's first treated period index (``np.inf`` for
    never treated). Cohorts treated in the first period have no pre-period and are left out.
    """
    n_t = y.shape[1]
    finite = np.isfinite(first_treated)
    cohorts = sorted({int(g) for g in first_treated[finite] if 1 <= g < n_t})
    if not cohorts:
        raise EstimationError(
            "no treated cohort has both a pre-period and a treated period in the panel",
            hint="the treatment start must lie after the first and not after the last period of the panel",
        )
    if control == "never" and finite.all():
        raise EstimationError(
            "there are no never-treated units to compare with",
            hint="use control='notyet' (not-yet-treated units) or add untreated regions to the panel",
        )
    share = {g: float(np.mean(first_treated == g)) for g in cohorts}
    rows_g, rows_t, atts, infs = [], [], [], []
    for g in cohorts:
        in_g = first_treated == g
        for t in range(1, n_t):
            base = g - 1 if t >= g else t - 1
            if control == "never":
                ctrl = ~finite
            else:
                ctrl = (~finite) | (first_treated > max(t, base))
                ctrl &= ~in_g
            if not ctrl.any():
                continue
            dy = y[:, t] - y[:, base]
            m_g, m_c = dy[in_g].mean(), dy[ctrl].mean()
            p_g, p_c = in_g.mean(), ctrl.mean()
            inf = np.where(in_g, (dy - m_g) / p_g, 0.0) - np.where(ctrl, (dy - m_c) / p_c, 0.0)
            rows_g.append(g)
            rows_t.append(t)
            atts.append(m_g - m_c)
            infs.append(inf)
    return GroupTime(
        groups=np.array(rows_g),
        times=np.array(rows_t),
        att=np.array(atts),
        inf=np.column_stack(infs),
        group_share=share,
        unit_group=first_treated,
        control=control,
    )


def _weights_influence(gt: GroupTime, keep: np.ndarray) -> np.ndarray:
    """Influence of estimating the cohort-share weights P(G=g) of the kept ATT(g, t) (``did``'s ``wif``)."""
    pg = np.array([gt.group_share[int(g)] for g in gt.groups[keep]])
    member = np.column_stack([(gt.unit_group == g).astype(float) for g in gt.groups[keep]])
    centred = member - pg
    if1 = centred / pg.sum()
    if2 = np.outer(centred.sum(axis=1), pg / pg.sum() ** 2)
    return np.asarray(if1 - if2)


def _aggregate(gt: GroupTime, keep: np.ndarray) -> Estimate:
    """Cohort-share weighted mean of the kept ATT(g, t), with the weight-estimation term in its influence."""
    pg = np.array([gt.group_share[int(g)] for g in gt.groups[keep]])
    w = pg / pg.sum()
    value = float(gt.att[keep] @ w)
    inf = gt.inf[:, keep] @ w + _weights_influence(gt, keep) @ gt.att[keep]
    return Estimate(value, inf)


def simple_att(gt: GroupTime) -> Estimate:
    """``aggte(type="simple")``: all post-treatment ATT(g, t), weighted by cohort size."""
    return _aggregate(gt, gt.times >= gt.groups)


def group_att(gt: GroupTime) -> tuple[dict[int, Estimate], Estimate]:
    """``aggte(type="group")``: each cohort's mean post effect, and their cohort-size weighted mean."""
    per_group: dict[int, Estimate] = {}
    for g in sorted(gt.group_share):
        keep = (gt.groups == g) & (gt.times >= g)
        if keep.any():
            per_group[g] = Estimate(float(gt.att[keep].mean()), gt.inf[:, keep].mean(axis=1))
    cohorts = list(per_group)
    pg = np.array([gt.group_share[g] for g in cohorts])
    w = pg / pg.sum()
    values = np.array([per_group[g].value for g in cohorts])
    member = np.column_stack([(gt.unit_group == g).astype(float) for g in cohorts])
    centred = member - pg
    wif = centred / pg.sum() - np.outer(centred.sum(axis=1), pg / pg.sum() ** 2)
    inf = np.column_stack([per_group[g].inf for g in cohorts]) @ w + wif @ values
    return per_group, Estimate(float(values @ w), inf)


def event_study(gt: GroupTime) -> dict[int, Estimate]:
    """``aggte(type="dynamic")``: the effect e periods after adoption (e < 0: leads), cohort-size weighted."""
    rel = gt.times - gt.groups
    return {int(e): _aggregate(gt, rel == e) for e in sorted(set(rel.tolist()))}


def dynamic_att(events: dict[int, Estimate]) -> Estimate:
    """The overall dynamic effect: the mean of the event-time effects for e ≥ 0."""
    post = [est for e, est in events.items() if e >= 0]
    return Estimate(float(np.mean([p.value for p in post])), np.mean([p.inf for p in post], axis=0))


def wald_test(estimates: list[Estimate], *, n_clusters: int | None = None) -> tuple[float, float, int]:
    """Joint Wald test that all estimates are zero, with their influence-function covariance: (W, p, df).

    Without ``n_clusters`` the p-value is χ²(df), as in ``did``. With it, the Hotelling T² small-sample
    correction F = W/df · (G − df)/(G − 1) ~ F(df, G − df) is used: the covariance of df estimates is itself
    estimated from only G clusters, and the χ² test over-rejects badly when df is not small relative to G.
    """
    if not estimates:
        return float("nan"), float("nan"), 0
    inf = np.column_stack([e.inf for e in estimates])
    n = inf.shape[0]
    values = np.array([e.value for e in estimates])
    cov = inf.T @ inf / n**2
    stat = float(values @ pinvh(cov) @ values)
    df = len(estimates)
    if n_clusters is None:
        return stat, float(stats.chi2.sf(stat, df)), df
    if n_clusters - df < 1:
        return stat, float("nan"), df
    f_stat = stat / df * (n_clusters - df) / (n_clusters - 1)
    return stat, float(stats.f.sf(f_stat, df, n_clusters - df)), df


def pretest(gt: GroupTime) -> tuple[float, float, int]:
    """``did``'s pre-test of parallel trends: joint Wald test on all pre-treatment ATT(g, t)."""
    pre = gt.times < gt.groups
    return wald_test([Estimate(float(a), gt.inf[:, k]) for k, a in zip(np.flatnonzero(pre), gt.att[pre], strict=True)])


def multiplier_bootstrap_band(
    estimates: list[Estimate], *, alpha: float, draws: int, seed: int
) -> tuple[np.ndarray, float]:
    """Simultaneous confidence band half-widths via the multiplier bootstrap (unit clusters).

    Rademacher weights, or Webb's six-point weights below 12 units (as in the wild cluster bootstrap).
    Returns (standard errors, critical value) so that value ± crit × se covers all estimates jointly.
    """
    from krapte.monitor.evaluate.wild import WEBB

    inf = np.column_stack([e.inf for e in estimates])
    n = inf.shape[0]
    rng = np.random.default_rng(seed)
    v = rng.choice(WEBB if n < 12 else np.array([-1.0, 1.0]), size=(draws, n))
    boot = v @ inf / n  # draws × k
    q75, q25 = np.quantile(boot, [0.75, 0.25], axis=0)
    se = (q75 - q25) / (stats.norm.ppf(0.75) - stats.norm.ppf(0.25))
    se = np.where(se > 0, se, np.nan)
    tmax = np.nanmax(np.abs(boot) / se, axis=1)
    crit = float(np.quantile(tmax, 1 - alpha))
    return se, crit
