"""Interrupted time series for national measures: segmented regression with HAC errors and seasonality.

    y_t = b0 + b1·t + b2·post_t + b3·(t − t0)·post_t [+ b4·ended_t + b5·(t − t1)·ended_t] + season dummies + e_t

``post_t`` switches on at the first treated period t0 (level change b2, slope change b3); an optional end date
t1 adds a second break. Standard errors are Newey–West (HAC) with the usual lag rule ⌊4 (T/100)^(2/9)⌋ (at least
one lag, or the seasonal period when data are quarterly or monthly), so autocorrelated errors do not inflate
significance. With a comparison series (a unit untouched by the measure) the model is fitted to the difference
treated − comparison (comparative ITS), which removes shocks common to both.

The headline estimate is the average effect over the post periods, b2 + b3·mean(t − t0), with its HAC
interval; level and slope change are diagnostics.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.diagnostic import acorr_ljungbox
from statsmodels.stats.stattools import durbin_watson

from krapte.errors import EstimationError, ValidationError
from krapte.monitor.evaluate.panel import PER_YEAR, Panel
from krapte.monitor.evaluate.result import EvaluationResult

MIN_PRE = 3


def hac_lags(n: int, per_year: int) -> int:
    """Newey–West lag length: ⌊4 (n/100)^(2/9)⌋, at least 1 and at least the seasonal period."""
    return max(1, int(np.floor(4 * (n / 100) ** (2 / 9))), per_year if per_year > 1 else 1)


def estimate_its(
    panel: Panel,
    treated: str,
    start: int,
    *,
    comparison: str | None = None,
    end: int | None = None,
    alpha: float = 0.05,
) -> EvaluationResult:
    """Segmented regression of the treated series (or treated − comparison) around the start (and end) period."""
    ti = panel.unit_index(treated)
    y = panel.y[ti].astype(float)
    if comparison is not None:
        if comparison == treated:
            raise ValidationError(
                f"the comparison series {comparison!r} is the treated unit itself",
                hint="choose a unit the measure did not reach as comparison",
            )
        y = y - panel.y[panel.unit_index(comparison)]
    n = y.size
    if start < MIN_PRE:
        raise ValidationError(
            f"interrupted time series needs at least {MIN_PRE} periods before the start; the panel has {max(start, 0)}",
            hint=f"the panel starts in {panel.periods[0].label()}; supply earlier periods or a later start",
        )
    if start >= n:
        raise ValidationError(
            "the treatment start lies after the last period of the series",
            hint=f"the series ends in {panel.periods[-1].label()}",
        )
    t = np.arange(n, dtype=float)
    post = (t >= start).astype(float)
    cols: dict[str, np.ndarray] = {
        "const": np.ones(n),
        "trend": t,
        "level_change": post,
        "slope_change": (t - start) * post,
    }
    if end is not None:
        if not start < end < n:
            raise ValidationError(
                "the treatment end must lie after the start and inside the series",
                hint=f"the series runs from {panel.periods[0].label()} to {panel.periods[-1].label()}",
            )
        ended = (t >= end).astype(float)
        cols["end_level_change"] = ended
        cols["end_slope_change"] = (t - end) * ended
    per_year = PER_YEAR[panel.freq]
    seasons = np.array([p.season for p in panel.periods])
    seasonal = per_year > 1 and n >= 2 * per_year + len(cols)
    if seasonal:
        for s in range(2, per_year + 1):
            cols[f"season_{s}"] = (seasons == s).astype(float)
    x = np.column_stack(list(cols.values()))
    if n - x.shape[1] < 2:
        raise EstimationError(
            f"too few periods ({n}) for a segmented regression with {x.shape[1]} parameters",
            hint="supply a longer series",
        )
    lags = hac_lags(n, per_year)
    fit = sm.OLS(y, x).fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True})
    names = list(cols)
    coef = dict(zip(names, np.asarray(fit.params), strict=True))
    cov = np.asarray(fit.cov_params())
    se = dict(zip(names, np.sqrt(np.diag(cov)), strict=True))

    in_force = (t >= start) & (t < end) if end is not None else t >= start
    k = t[in_force] - start
    contrast = np.zeros(len(names))
    contrast[names.index("level_change")] = 1.0
    contrast[names.index("slope_change")] = float(k.mean())
    estimate = float(contrast @ np.asarray(fit.params))
    est_se = float(np.sqrt(contrast @ cov @ contrast))
    z = float(stats.norm.ppf(1 - alpha / 2))

    fitted = np.asarray(fit.fittedvalues)
    counterfactual = fitted.copy()
    for name in names:
        if name in ("level_change", "slope_change", "end_level_change", "end_slope_change"):
            counterfactual -= coef[name] * cols[name]
    resid = np.asarray(fit.resid)
    lb_lags = min(max(per_year, 4), max(n // 4, 1))
    ljung = acorr_ljungbox(resid, lags=[lb_lags])
    diagnostics: dict[str, Any] = {
        "model": "segmented regression, Newey-West HAC errors" + (", seasonal dummies" if seasonal else ""),
        "comparison": comparison,
        "series": "treated - comparison" if comparison else "treated",
        "se": est_se,
        "p_value": float(2 * stats.norm.sf(abs(estimate / est_se))) if est_se > 0 else None,
        "level_change": {"estimate": coef["level_change"], "se": se["level_change"]},
        "slope_change": {"estimate": coef["slope_change"], "se": se["slope_change"]},
        "pre_trend_slope": {"estimate": coef["trend"], "se": se["trend"]},
        "n_pre_periods": start,
        "n_post_periods": int(in_force.sum()),
        "seasonality": seasonal,
        "hac_maxlags": lags,
        "durbin_watson": float(durbin_watson(resid)),
        "ljung_box_p": float(ljung["lb_pvalue"].iloc[0]),
        "r_squared": float(fit.rsquared),
        "path": [
            {"period": p, "observed": float(o), "fitted": float(f), "counterfactual": float(c)}
            for p, o, f, c in zip(panel.labels(), y, fitted, counterfactual, strict=True)
        ],
        "start": panel.periods[start].label(),
    }
    if end is not None:
        diagnostics["end"] = panel.periods[end].label()
        diagnostics["end_level_change"] = {"estimate": coef["end_level_change"], "se": se["end_level_change"]}
        diagnostics["end_slope_change"] = {"estimate": coef["end_slope_change"], "se": se["end_slope_change"]}
    return EvaluationResult(
        design="its",
        estimate=estimate,
        ci_low=estimate - z * est_se,
        ci_high=estimate + z * est_se,
        diagnostics=diagnostics,
    )
