"""Synthetic control for one treated unit (Abadie and Gardeazabal 2003; Abadie, Diamond and Hainmueller 2010).

Donor weights W (non-negative, summing to one) make a weighted average of donor units resemble the treated unit
in its predictors before the measure. Predictors are standardised (divided by their standard deviation over all
units) and weighted by a diagonal V; V is chosen by the nested optimisation of Abadie–Gardeazabal: the outer
Nelder–Mead search over V minimises the pre-period outcome MSPE of the W that is optimal for that V. Without
predictor options the pre-period outcomes are the predictors, and V is the identity (W then minimises the
pre-period MSPE directly).

The inner problem min_W (X1 − X0 W)' V (X1 − X0 W) over the simplex is solved exactly by non-negative least
squares with the adding-up constraint as a heavily weighted extra row, then renormalised.

Inference is in-space placebo: every donor in turn is treated as if it were treated, with the remaining donors
as its donor pool (same V for user predictors, to keep it fast), and the treated unit's post/pre RMSPE ratio is
ranked among all ratios: p = rank / (number of units).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.optimize import minimize, nnls

from krapte.errors import EstimationError, ValidationError
from krapte.monitor.evaluate.panel import Panel, Period, parse_period, require_columns
from krapte.monitor.evaluate.result import EvaluationResult


@dataclass(frozen=True)
class Predictor:
    """A predictor: ``op`` (mean) of ``column`` over ``periods`` (default: all pre-treatment periods)."""

    column: str
    periods: Sequence[Any] | None = None
    op: Literal["mean"] = "mean"

    @property
    def name(self) -> str:
        if not self.periods:
            return self.column
        labels = [p.label() if isinstance(p, Period) else str(p) for p in self.periods]
        span = labels[0] if len(labels) == 1 else f"{labels[0]}-{labels[-1]}"
        return f"{self.column} ({span})"


@dataclass
class SynthFit:
    """Weights and the fit quality of one synthetic control."""

    weights: np.ndarray
    v: np.ndarray
    synthetic: np.ndarray  # synthetic outcome path over all periods
    gaps: np.ndarray  # treated minus synthetic, all periods
    pre_rmspe: float
    post_rmspe: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.post_rmspe / self.pre_rmspe if self.pre_rmspe > 0 else float("inf")


def simplex_weights(x0: np.ndarray, x1: np.ndarray, v: np.ndarray | None = None) -> np.ndarray:
    """argmin_w (x1 − x0 w)' diag(v) (x1 − x0 w) subject to w ≥ 0, Σ w = 1 (x0: predictors × donors)."""
    sqrt_v = np.sqrt(v) if v is not None else np.ones(x0.shape[0])
    a = x0 * sqrt_v[:, None]
    b = x1 * sqrt_v
    scale = max(float(np.abs(a).max()), 1e-12)
    big = 1e3 * scale
    a_aug = np.vstack([a, np.full((1, x0.shape[1]), big)])
    b_aug = np.append(b, big)
    w, _ = nnls(a_aug, b_aug, maxiter=50 * x0.shape[1])
    total = w.sum()
    if total <= 0:
        return np.full(x0.shape[1], 1.0 / x0.shape[1])
    return np.asarray(w / total)


def nested_weights(
    x0: np.ndarray, x1: np.ndarray, z0: np.ndarray, z1: np.ndarray, *, maxiter: int = 1000
) -> tuple[np.ndarray, np.ndarray]:
    """Abadie–Gardeazabal nested optimisation: V minimising the pre-period outcome MSPE of W(V). Returns (W, V)."""

    def v_of(x: np.ndarray) -> np.ndarray:
        a = np.abs(x)
        return np.asarray(a / a.sum()) if a.sum() > 0 else np.full(x.size, 1.0 / x.size)

    def loss(x: np.ndarray) -> float:
        w = simplex_weights(x0, x1, v_of(x))
        r = z1 - z0 @ w
        return float(r @ r / r.size)

    k = x0.shape[0]
    res = minimize(loss, np.full(k, 1.0 / k), method="Nelder-Mead", options={"maxiter": maxiter})
    v = v_of(res.x)
    return simplex_weights(x0, x1, v), v


def _path_fit(y1: np.ndarray, y0: np.ndarray, w: np.ndarray, v: np.ndarray, start: int) -> SynthFit:
    synthetic = y0 @ w
    gaps = y1 - synthetic
    pre = gaps[:start]
    post = gaps[start:]
    return SynthFit(
        weights=w,
        v=v,
        synthetic=synthetic,
        gaps=gaps,
        pre_rmspe=float(np.sqrt(np.mean(pre**2))),
        post_rmspe=float(np.sqrt(np.mean(post**2))) if post.size else float("nan"),
    )


def parse_predictor(text: str) -> Predictor:
    """``COL``, ``COL:FROM..TO`` (a range of periods) or ``COL:P1,P2,...`` (a list), as used by the CLI."""
    column, sep, spec = text.rpartition(":") if ":" in text else (text, "", "")
    if not sep or not spec.strip():
        return Predictor(text.strip())
    if ".." in spec:
        lo, _, hi = spec.partition("..")
        a, b = parse_period(lo.strip(), what="predictor period"), parse_period(hi.strip(), what="predictor period")
        if a.freq != b.freq or b.ordinal < a.ordinal:
            raise ValidationError(f"predictor period range {spec!r} is empty", hint="write FROM..TO with FROM <= TO")
        return Predictor(column.strip(), [Period(a.freq, o) for o in range(a.ordinal, b.ordinal + 1)])
    return Predictor(column.strip(), [parse_period(p.strip(), what="predictor period") for p in spec.split(",")])


def placebo_interval(
    estimate: float, pre_rmspe: float, standardised: Sequence[float], alpha: float
) -> tuple[float | None, float | None]:
    """Effects c not rejected by the placebo test on |mean post gap − c| / pre-RMSPE, or (None, None).

    c is rejected when fewer than m placebos are at least as extreme, with m the smallest count for which
    p = (1 + m) / (J + 1) exceeds alpha; with too few donors nothing can be rejected and there is no interval.
    """
    n_all = len(standardised) + 1
    m = int(np.floor(alpha * n_all - 1)) + 1
    if m < 1 or m > len(standardised):
        return None, None
    q = sorted(standardised, reverse=True)[m - 1]
    if not np.isfinite(q):
        return None, None
    return estimate - q * pre_rmspe, estimate + q * pre_rmspe


def predictor_matrix(
    frame: pd.DataFrame,
    *,
    unit: str,
    time: str,
    units: Sequence[str],
    predictors: Sequence[Predictor],
    before: Period | None = None,
) -> np.ndarray:
    """Predictors × units matrix: the mean of each predictor column over its periods, per unit.

    A predictor without periods is averaged over all periods before ``before`` (the treatment start).
    """
    require_columns(frame, [p.column for p in predictors])
    keyed = frame.assign(_unit=frame[unit].astype(str), _ord=[parse_period(v).ordinal for v in frame[time]])
    rows = []
    for p in predictors:
        values = pd.to_numeric(keyed[p.column], errors="coerce")
        sel = keyed.assign(_v=values)
        if p.periods:
            wanted = {parse_period(x).ordinal for x in p.periods}
            sel = sel[sel["_ord"].isin(wanted)]
        elif before is not None:
            sel = sel[sel["_ord"] < before.ordinal]
        means = sel.groupby("_unit")["_v"].mean()
        row = means.reindex(list(units)).to_numpy(dtype=float)
        if np.isnan(row).any():
            missing = [u for u, r in zip(units, row, strict=True) if np.isnan(r)]
            raise ValidationError(
                f"predictor {p.name!r} has no values for unit(s) {', '.join(missing[:5])}",
                hint="choose periods in which every unit has a value, or drop the predictor",
                column=p.column,
            )
        rows.append(row)
    return np.vstack(rows)


def fit_synth(
    panel: Panel,
    treated: int,
    donors: Sequence[int],
    start: int,
    x: np.ndarray | None = None,
    v: np.ndarray | None = None,
    fit_from: int = 0,
) -> SynthFit:
    """One synthetic control; ``x`` (predictors × all units) optional, ``v`` fixed or optimised (None).

    The V search minimises the outcome MSPE over periods ``fit_from`` .. ``start`` − 1.
    """
    y1 = panel.y[treated]
    y0 = panel.y[list(donors)].T  # periods × donors
    if x is None:
        w = simplex_weights(y0[:start], y1[:start])
        return _path_fit(y1, y0, w, np.ones(start) / start, start)
    cols = [treated, *donors]
    sub = x[:, cols]
    sd = sub.std(axis=1, ddof=1)
    sd[sd == 0] = 1.0
    xs = sub / sd[:, None]
    if v is None:
        w, v = nested_weights(xs[:, 1:], xs[:, 0], y0[fit_from:start], y1[fit_from:start])
    else:
        w = simplex_weights(xs[:, 1:], xs[:, 0], v)
    return _path_fit(y1, y0, w, v, start)


def estimate_scm(
    panel: Panel,
    treated: str,
    start: int,
    *,
    x: np.ndarray | None = None,
    predictor_names: Sequence[str] = (),
    donors: Sequence[str] | None = None,
    alpha: float = 0.05,
    placebo: bool = True,
    fit_from: int = 0,
) -> EvaluationResult:
    """Synthetic control estimate, balance table, pre-period fit and in-space placebo p-value."""
    ti = panel.unit_index(treated)
    donor_names = [u for u in (panel.units if donors is None else donors) if u != treated]
    for d in donor_names:
        panel.unit_index(d)
    donor_idx = [panel.units.index(d) for d in donor_names]
    if len(donor_idx) < 2:
        raise EstimationError("synthetic control needs at least two donor units", hint="add untreated regions")
    if start < 1 or start >= len(panel.periods):
        raise EstimationError(
            "the treatment start must lie after the first and not after the last period of the panel",
            hint=f"the panel runs from {panel.periods[0].label()} to {panel.periods[-1].label()}",
        )
    fit = fit_synth(panel, ti, donor_idx, start, x, fit_from=fit_from)
    labels = panel.labels()
    post_gaps = fit.gaps[start:]
    estimate = float(post_gaps.mean())

    diagnostics: dict[str, Any] = {
        "treated": treated,
        "n_donors": len(donor_idx),
        "n_pre_periods": start,
        "n_post_periods": len(panel.periods) - start,
        "pre_rmspe": fit.pre_rmspe,
        "post_rmspe": fit.post_rmspe,
        "rmspe_ratio": fit.ratio,
        "pre_mean_treated": float(panel.y[ti, :start].mean()),
        # Fit relative to the treated unit's pre-period level (or its spread over time, for outcomes near zero).
        "relative_pre_rmspe": fit.pre_rmspe
        / max(abs(float(panel.y[ti, :start].mean())), float(panel.y[ti, :start].std()), 1e-12),
        "path": [
            {"period": p, "treated": float(a), "synthetic": float(s), "gap": float(g)}
            for p, a, s, g in zip(labels, panel.y[ti], fit.synthetic, fit.gaps, strict=True)
        ],
        "predictors": "pre-period outcomes" if x is None else list(predictor_names),
    }
    pre_y = panel.y[:, :start]
    inside = bool(
        np.all(pre_y[ti] <= pre_y[donor_idx].max(axis=0) + 1e-12)
        and np.all(pre_y[ti] >= pre_y[donor_idx].min(axis=0) - 1e-12)
    )
    diagnostics["inside_donor_range"] = inside
    if x is not None:
        sub = x[:, [ti, *donor_idx]]
        diagnostics["v_weights"] = dict(zip(predictor_names, fit.v.tolist(), strict=True))
        diagnostics["balance"] = [
            {"predictor": n, "treated": float(t), "synthetic": float(s), "donor_mean": float(m)}
            for n, t, s, m in zip(
                predictor_names, sub[:, 0], sub[:, 1:] @ fit.weights, sub[:, 1:].mean(axis=1), strict=True
            )
        ]
    else:
        diagnostics["balance"] = [
            {
                "predictor": f"outcome {labels[k]}",
                "treated": float(panel.y[ti, k]),
                "synthetic": float(fit.synthetic[k]),
                "donor_mean": float(panel.y[donor_idx, k].mean()),
            }
            for k in range(start)
        ]

    ci_low: float | None = None
    ci_high: float | None = None
    if placebo:
        ratios = {treated: fit.ratio}
        standardised: list[float] = []  # |mean post gap| / pre-RMSPE of each placebo
        placebo_gaps: dict[str, list[float]] = {}
        for fake in donor_idx:
            pool = [k for k in donor_idx if k != fake]
            pf = fit_synth(panel, fake, pool, start, x, fit.v if x is not None else None)
            ratios[panel.units[fake]] = pf.ratio
            mean_gap = abs(float(pf.gaps[start:].mean()))
            standardised.append(mean_gap / pf.pre_rmspe if pf.pre_rmspe > 0 else float("inf"))
            placebo_gaps[panel.units[fake]] = pf.gaps.tolist()
        rank = 1 + sum(1 for u, r in ratios.items() if u != treated and r >= fit.ratio)
        n_all = len(ratios)
        own = abs(estimate) / fit.pre_rmspe if fit.pre_rmspe > 0 else float("inf")
        diagnostics["placebo"] = {
            "p_value": rank / n_all,
            "rank": rank,
            "n_units": n_all,
            "min_attainable_p": 1 / n_all,
            "p_value_mean_gap": (1 + sum(1 for v in standardised if v >= own)) / n_all,
            "rmspe_ratios": ratios,
            "gaps": placebo_gaps,
        }
        ci_low, ci_high = placebo_interval(estimate, fit.pre_rmspe, standardised, alpha)
        diagnostics["ci_method"] = (
            "inverted placebo test on |mean post gap| / pre-RMSPE (constant effect); null when the donors are too "
            "few to reject at this alpha"
        )
    weights = {panel.units[d]: float(w) for d, w in zip(donor_idx, fit.weights, strict=True)}
    return EvaluationResult(
        design="scm", estimate=estimate, ci_low=ci_low, ci_high=ci_high, diagnostics=diagnostics, weights=weights
    )
