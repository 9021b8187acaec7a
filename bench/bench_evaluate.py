"""Evaluation engine: speed of each design on realistic panels, and a Monte Carlo of TWFE vs Callaway–Sant'Anna.

Speed (35 regions × 40 quarters, the size of a COROP/province panel over ten years):

- DiD: the full engine (Callaway–Sant'Anna, event study, TWFE, TWFE event study, wild cluster bootstrap with
  999 draws) against a baseline computed in the same run: plain TWFE OLS with region and quarter dummies and
  cluster-robust errors in statsmodels.
- SCM: one synthetic control with 34 donors plus 34 in-space placebos, against the same synthetic control with
  the usual SLSQP solver for the inner weights problem (one fit, no placebos).
- ITS: segmented regression with HAC errors and seasonality, against plain OLS.

Monte Carlo (simulated staggered adoption, ``krapte.monitor.evaluate.simulate``): bias, RMSE and 95% coverage
of TWFE (CR1 errors) and of Callaway–Sant'Anna, when effects grow with time since adoption (TWFE's failure case)
and when they are constant, plus the rejection rate of the pre-trend test when parallel trends hold.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best = float("inf")
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def _speed(quick: bool) -> None:
    import statsmodels.formula.api as smf
    from scipy.optimize import LinearConstraint, minimize

    from krapte.monitor.evaluate import evaluate
    from krapte.monitor.evaluate.simulate import staggered_panel

    repeat = 1 if quick else 3
    sim = staggered_panel(n_units=35, n_periods=40, seed=1)
    frame = sim.frame
    print(f"speed on 35 regions x 40 quarters (best of {repeat}):")

    t_did, res = _timed(
        lambda: evaluate(frame, design="did", unit="region", time="period", outcome="y", treated=sim.starts), repeat
    )
    first = frame["region"].map({u: s for u, s in sim.starts.items()})
    order = {p: i for i, p in enumerate(sorted(frame["period"].unique()))}
    base = frame.assign(
        d=[
            1.0 if isinstance(f, str) and order[p] >= order[f] else 0.0
            for f, p in zip(first, frame["period"], strict=True)
        ]
    )

    def ols_twfe() -> float:
        fit = smf.ols("y ~ d + C(region) + C(period)", data=base).fit(
            cov_type="cluster", cov_kwds={"groups": pd.factorize(base["region"])[0]}
        )
        return float(fit.params["d"])

    t_ols, b_ols = _timed(ols_twfe, repeat)
    print(f"  did  engine (CS + bands + SA + TWFE + ES + wild boot 999):  {t_did * 1000:8.0f} ms")
    print(f"       baseline statsmodels OLS TWFE with dummies, clustered:   {t_ols * 1000:8.0f} ms")
    print(f"       TWFE estimate engine {res.diagnostics['twfe']['estimate']:.4f} vs statsmodels {b_ols:.4f}")

    one = {"R00": sim.starts.get("R00", "2018Q1")}
    t_scm, scm = _timed(
        lambda: evaluate(
            frame,
            design="scm",
            unit="region",
            time="period",
            outcome="y",
            treated=list(one),
            treatment_start=one["R00"],
        ),
        repeat,
    )
    y = frame.pivot(index="region", columns="period", values="y")
    start = order[one["R00"]]
    y1 = y.loc["R00"].to_numpy()[:start]
    y0 = y.drop(index="R00").to_numpy()[:, :start].T

    def slsqp() -> np.ndarray:
        k = y0.shape[1]
        p = y0.T @ y0
        q = y0.T @ y1
        res = minimize(
            lambda w: 0.5 * w @ p @ w - q @ w,
            np.full(k, 1 / k),
            bounds=[(0, 1)] * k,
            constraints=[LinearConstraint(np.ones(k), 1, 1)],
            method="SLSQP",
            options={"maxiter": 1000},
        )
        return np.asarray(res.x)

    t_slsqp, w_slsqp = _timed(slsqp, repeat)
    engine_w = np.array([scm.weights[u] for u in y.drop(index="R00").index])
    loss = lambda w: float(np.mean((y1 - y0 @ w) ** 2))  # noqa: E731
    print(f"  scm  engine (fit + 34 placebos, NNLS inner solver):          {t_scm * 1000:8.0f} ms")
    print(f"       baseline one fit with SLSQP (no placebos):              {t_slsqp * 1000:8.0f} ms")
    print(f"       pre-MSPE engine {loss(engine_w):.5f} vs SLSQP {loss(w_slsqp):.5f}")

    nat = frame[frame["region"] == "R00"]
    t_its, _ = _timed(
        lambda: evaluate(
            nat, design="its", unit="region", time="period", outcome="y", treated=["R00"], treatment_start="2018Q1"
        ),
        repeat,
    )
    tt = np.arange(40.0)
    x = np.column_stack([np.ones(40), tt, tt >= 12, (tt - 12) * (tt >= 12)])

    def plain() -> np.ndarray:
        return np.asarray(np.linalg.lstsq(x, y.loc["R00"].to_numpy(), rcond=None)[0])

    t_plain, _ = _timed(plain, repeat)
    print(f"  its  engine (HAC, seasonal dummies, Ljung-Box):              {t_its * 1000:8.0f} ms")
    print(f"       baseline plain least squares:                           {t_plain * 1000:8.2f} ms")


def _monte_carlo(quick: bool) -> None:
    from krapte.monitor.evaluate import evaluate
    from krapte.monitor.evaluate.simulate import staggered_panel

    reps = 40 if quick else 200
    print(f"\nMonte Carlo, {reps} simulated panels of 35 regions x 40 quarters, 3 cohorts of 6, AR(1) noise:")
    print(f"  {'scenario':<34}{'estimator':<22}{'bias':>8}{'rmse':>8}{'cover95':>9}")
    for name, growth in (("effect grows 0.15/quarter", 0.15), ("constant effect", 0.0)):
        rows: dict[str, list[tuple[float, bool]]] = {"TWFE (CR1)": [], "Callaway-Sant'Anna": []}
        pre_reject = []
        for rep in range(reps):
            sim = staggered_panel(seed=1000 + rep, growth=growth)
            r = evaluate(
                sim.frame, design="did", unit="region", time="period", outcome="y", treated=sim.starts, bootstrap=0
            )
            tw = r.diagnostics["twfe"]
            rows["TWFE (CR1)"].append((tw["estimate"] - sim.true_att, tw["ci_low"] <= sim.true_att <= tw["ci_high"]))
            rows["Callaway-Sant'Anna"].append(
                (r.estimate - sim.true_att, r.ci_low <= sim.true_att <= r.ci_high)  # type: ignore[operator]
            )
            pre_reject.append(r.diagnostics["pretrend"]["p_value"] < 0.05)
        for est, vals in rows.items():
            err = np.array([v[0] for v in vals])
            cover = np.mean([v[1] for v in vals])
            print(f"  {name:<34}{est:<22}{err.mean():8.3f}{np.sqrt(np.mean(err**2)):8.3f}{cover:9.2f}")
        print(f"  {name:<34}pre-trend test rejects at 5%: {np.mean(pre_reject):.2f} (parallel trends hold)")


def run(quick: bool) -> None:
    _speed(quick)
    _monte_carlo(quick)
