"""Difference-in-differences for measures rolled out over regions, possibly at different dates.

Reports the staggered-adoption robust Callaway–Sant'Anna estimate as the headline (it only compares treated
cohorts with clean controls), next to the classic two-way fixed effects estimate with cluster-robust and wild
cluster bootstrap inference. With staggered adoption and effects that change over time TWFE is biased (it uses
already-treated units as controls); showing both makes that visible. The event study (Callaway–Sant'Anna
dynamic aggregation, and the TWFE leads-and-lags regression) gives the pre-trend test: a joint Wald test on the
leads.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from krapte.monitor.evaluate import staggered
from krapte.monitor.evaluate.panel import Panel
from krapte.monitor.evaluate.randomization import randomization_inference
from krapte.monitor.evaluate.result import EvaluationResult
from krapte.monitor.evaluate.staggered import Control
from krapte.monitor.evaluate.twfe import MAX_DESIGN_CELLS, event_time_dummies, fit_twfe, sun_abraham
from krapte.monitor.evaluate.wild import FEW_TREATED_CLUSTERS, wild_cluster_bootstrap

MAX_LEADS = 4
MAX_PRETEST_CELLS = 60


def estimate_did(
    panel: Panel,
    first_treated: np.ndarray,
    *,
    control: Control = "never",
    alpha: float = 0.05,
    bootstrap: int = 999,
    seed: int = 0,
    max_leads: int = MAX_LEADS,
) -> EvaluationResult:
    """Staggered DiD (Callaway–Sant'Anna) with TWFE alongside; ``first_treated`` holds period indexes or inf.

    The pre-trend test covers the ``max_leads`` leads closest to adoption (e = −1, −2, …): far leads rest on
    few cohorts, and testing dozens of them with 35 clusters has no power and unreliable size.
    """
    notes: list[str] = []
    finite = np.isfinite(first_treated)
    if control == "never" and finite.all():
        control = "notyet"
        notes.append("no never-treated units: not-yet-treated units serve as controls")
    z = float(stats.norm.ppf(1 - alpha / 2))
    labels = panel.labels()
    n_t = len(panel.periods)

    gt = staggered.group_time_effects(panel.y, first_treated, control=control)
    simple = staggered.simple_att(gt)
    per_group, group_overall = staggered.group_att(gt)
    events = staggered.event_study(gt)
    dynamic = staggered.dynamic_att(events)
    tested = sorted((e for e in events if e < 0), reverse=True)[:max_leads]
    lead_wald = staggered.wald_test([events[e] for e in tested], n_clusters=len(panel.units))
    n_pre_cells = int(np.sum(gt.times < gt.groups))
    if n_pre_cells <= min(MAX_PRETEST_CELLS, len(panel.units) // 2):
        pre_wald = staggered.pretest(gt)
    else:
        pre_wald = (float("nan"), float("nan"), n_pre_cells)
        notes.append(
            f"the did-style pre-test on all {n_pre_cells} pre-period ATT(g, t) is skipped: too many for the number "
            "of units; the pre-trend test on the nearest leads is used"
        )
    ev_list = list(events.values())
    if bootstrap > 0:
        boot_se, crit = staggered.multiplier_bootstrap_band(ev_list, alpha=alpha, draws=bootstrap, seed=seed)
    else:
        boot_se, crit = np.array([e.se for e in ev_list]), z
    headline_boot: dict[str, Any] | None = None
    if bootstrap > 0:
        (s_se,), s_crit = staggered.multiplier_bootstrap_band([simple], alpha=alpha, draws=bootstrap, seed=seed + 1)
        headline_boot = {
            "se": float(s_se),
            "ci_low": simple.value - s_crit * float(s_se),
            "ci_high": simple.value + s_crit * float(s_se),
            "weights": "webb" if len(panel.units) < 12 else "rademacher",
            "draws": bootstrap,
        }
    event_rows = [
        {
            "event_time": e,
            "estimate": est.value,
            "se": est.se,
            "ci_low": est.value - z * est.se,
            "ci_high": est.value + z * est.se,
            "band_low": est.value - crit * bse,
            "band_high": est.value + crit * bse,
        }
        for (e, est), bse in zip(events.items(), boot_se, strict=True)
    ]

    # Static TWFE: D_it = 1 from the unit's first treated period on.
    treated_now = (np.arange(n_t)[None, :] >= np.where(finite, first_treated, np.inf)[:, None]).astype(float)
    twfe = fit_twfe(panel.y, [treated_now])
    g_df = max(twfe.n_clusters - 1, 1)
    t_crit = float(stats.t.ppf(1 - alpha / 2, g_df))
    b, se = float(twfe.coef[0]), float(twfe.se[0])
    twfe_diag: dict[str, Any] = {
        "estimate": b,
        "se": se,
        "ci_low": b - t_crit * se,
        "ci_high": b + t_crit * se,
        "p_value": float(2 * stats.t.sf(abs(b / se), g_df)) if se > 0 else None,
        "inference": f"cluster-robust by unit (CR1), t with {g_df} df",
    }
    n_treated_clusters = int(np.sum(treated_now.any(axis=1)))
    if bootstrap > 0:
        wild = wild_cluster_bootstrap(
            twfe, 0, draws=bootstrap, alpha=alpha, seed=seed, n_treated_clusters=n_treated_clusters
        )
        twfe_diag["wild_bootstrap"] = {
            "p_value": wild.p_value,
            "ci_low": wild.ci_low,
            "ci_high": wild.ci_high,
            "weights": wild.weights,
            "draws": wild.draws,
            "method": wild.method,
            "reliable": wild.reliable,
            "warning": wild.warning,
        }
    if n_treated_clusters < FEW_TREATED_CLUSTERS:
        warning = (
            f"only {n_treated_clusters} treated cluster(s): cluster-robust and wild-cluster-bootstrap inference are "
            f"unreliable with fewer than {FEW_TREATED_CLUSTERS} treated clusters (MacKinnon and Webb 2017; Conley and "
            "Taber 2011); read the randomization inference instead"
        )
        twfe_diag["inference_warning"] = warning
        notes.append(warning)
        ri = randomization_inference(panel.y, treated_now, alpha=alpha, seed=seed)
        if ri is not None:
            twfe_diag["randomization"] = {
                "p_value": ri.p_value,
                "ci_low": ri.ci_low,
                "ci_high": ri.ci_high,
                "n_assignments": ri.n_assignments,
                "exhaustive": ri.exhaustive,
                "min_p_value": ri.min_p_value,
                "method": ri.method,
                "note": ri.note,
            }
            if ri.note:
                notes.append(ri.note)

    twfe_es: list[dict[str, Any]] = []
    twfe_lead_test: dict[str, Any] | None = None
    if (~finite).any():
        ev_times, dummies = event_time_dummies(first_treated, n_t)
        if len(dummies) * panel.y.size > MAX_DESIGN_CELLS:
            notes.append("TWFE event study skipped: the panel is too large for the leads-and-lags regression")
        elif dummies:
            es_fit = fit_twfe(panel.y, dummies)
            twfe_es = [
                {"event_time": e, "estimate": float(c), "se": float(s)}
                for e, c, s in zip(ev_times, es_fit.coef, es_fit.se, strict=True)
            ]
            lead_idx = [k for k, e in enumerate(ev_times) if e < 0 and e >= -max_leads - 1]
            stat, p, df = es_fit.wald(lead_idx)
            twfe_lead_test = {"statistic": stat, "p_value": p, "df": df}
    else:
        notes.append("TWFE event study skipped: it needs never-treated units to pin down the period effects")

    sa = sun_abraham(panel.y, first_treated)
    if sa is None:
        notes.append("Sun-Abraham cross-check skipped (no never-treated units, or the panel is too large for it)")
    sa_diag = {"estimate": sa.estimate, "se": sa.se, "inference": "cluster-robust by unit (CR1)"} if sa else None
    cohorts = {labels[g]: int(np.sum(first_treated == g)) for g in sorted(gt.group_share)}
    always = int(np.sum(finite & (first_treated < 1)))
    if always:
        notes.append(f"{always} unit(s) treated from the first period on have no pre-period and are left out")
    late = int(np.sum(finite & (first_treated >= n_t)))
    if late:
        notes.append(f"{late} unit(s) start after the last period and count as not (yet) treated")
    pre_periods = int(min(gt.group_share)) if gt.group_share else 0
    diagnostics: dict[str, Any] = {
        "estimator": "Callaway-Sant'Anna (2021), simple aggregation, no covariates",
        "control_group": "never-treated" if control == "never" else "not-yet-treated",
        "se": simple.se,
        "bootstrap": headline_boot,
        "p_value": float(2 * stats.norm.sf(abs(simple.value / simple.se))) if simple.se > 0 else None,
        "n_units": len(panel.units),
        "n_clusters": len(panel.units),
        "n_treated": int(sum(cohorts.values())),
        "n_treated_clusters": n_treated_clusters,
        "n_never_treated": int(np.sum(~finite)),
        "n_periods": n_t,
        "n_pre_periods": pre_periods,
        "staggered": len(cohorts) > 1,
        "cohorts": cohorts,
        "group_att": {labels[g]: {"estimate": e.value, "se": e.se} for g, e in per_group.items()},
        "group_overall": {"estimate": group_overall.value, "se": group_overall.se},
        "dynamic_overall": {"estimate": dynamic.value, "se": dynamic.se},
        "group_time": [
            {"cohort": labels[int(g)], "period": labels[int(t)], "att": float(a), "se": float(s)}
            for g, t, a, s in zip(gt.groups, gt.times, gt.att, gt.se(), strict=True)
        ],
        "event_study": event_rows,
        "simultaneous_band_critical_value": crit,
        "pretrend": {
            "statistic": lead_wald[0],
            "p_value": lead_wald[1],
            "df": lead_wald[2],
            "leads": tested,
            "test": "Wald on the leads closest to adoption, Hotelling F small-sample correction",
        },
        "pretest_group_time": {"statistic": pre_wald[0], "p_value": pre_wald[1], "df": pre_wald[2]},
        "twfe": twfe_diag,
        "sun_abraham": sa_diag,
        "twfe_event_study": twfe_es,
        "twfe_pretrend": twfe_lead_test,
        "notes": notes,
    }
    return EvaluationResult(
        design="did",
        estimate=simple.value,
        ci_low=simple.value - z * simple.se,
        ci_high=simple.value + z * simple.se,
        diagnostics=diagnostics,
    )
