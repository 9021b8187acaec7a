"""Design choice rules and the credibility grade every result carries.

Choice (``design="auto"``), from the shape of the data (docs/evaluation.md explains why):

1. A comparison series is named, or the panel holds only the treated unit → interrupted time series.
2. Exactly one treated unit and at least two untreated units → synthetic control.
3. Two or more treated units and at least one unit untreated, or adoption at different dates → staggered
   difference-in-differences (Callaway–Sant'Anna, with TWFE next to it).

Grade, per design, starting from the design's ceiling and dropping one step per concern (reasons listed):

- A: a strong design whose diagnostics all pass; B: one concern; C: several concerns, or a design whose causal
  reading rests on strong assumptions (ITS without comparison series starts here); D: descriptive, no causal
  claim (a failed pre-trend test, a bad pre-period fit, or too little data).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from krapte.errors import EstimationError
from krapte.monitor.evaluate.result import EvaluationResult, Grade
from krapte.monitor.evaluate.wild import FEW_TREATED_CLUSTERS

GRADES: tuple[Grade, ...] = ("A", "B", "C", "D")


def choose_design(
    n_units: int, starts: Mapping[str, int], *, comparison: str | None = None
) -> tuple[Literal["its", "did", "scm"], str]:
    """The design the rules pick for this data shape, with the reason in one sentence."""
    n_treated = len(starts)
    n_untreated = n_units - n_treated
    if comparison is not None:
        return "its", "a comparison series is given: comparative interrupted time series"
    if n_treated == 1 and n_untreated == 0:
        return "its", "only the treated series is available: interrupted time series"
    if n_treated == 1 and n_untreated >= 2:
        return "scm", f"one treated unit and {n_untreated} untreated donor units: synthetic control"
    if n_treated == 1:
        return "its", "one treated unit and a single other unit: comparative interrupted time series"
    if n_untreated >= 1 or len(set(starts.values())) > 1:
        staggered = len(set(starts.values())) > 1
        return "did", (
            f"{n_treated} treated units"
            + (" adopting at different dates" if staggered else "")
            + f" and {n_untreated} untreated: difference-in-differences"
            + (" robust to staggered adoption" if staggered else "")
        )
    raise EstimationError(
        "every unit is treated at the same time, so no unit shows what would have happened without the measure",
        hint="add untreated units (regions) or evaluate one aggregated series with design 'its'",
    )


def _step(grade: Grade, steps: int) -> Grade:
    return GRADES[min(GRADES.index(grade) + steps, len(GRADES) - 1)]


def grade_result(result: EvaluationResult) -> EvaluationResult:
    """Fill in ``grade`` and ``grade_reasons`` from the result's diagnostics; returns the same object."""
    grader = {"did": _grade_did, "scm": _grade_scm, "its": _grade_its}[result.design]
    grade, reasons = grader(result.diagnostics, result.estimate)
    result.grade = grade
    result.grade_reasons = reasons
    return result


def _grade_did(d: dict[str, Any], estimate: float) -> tuple[Grade, list[str]]:
    grade: Grade = "A"
    reasons: list[str] = []
    p = d["pretrend"]["p_value"]
    if d["pretrend"]["df"] == 0 or p != p:
        grade = _step(grade, 1)
        reasons.append("no pre-treatment periods to test parallel trends")
    elif p < 0.05:
        grade = "D"
        reasons.append(f"pre-trends differ (joint Wald test on the leads: p = {p:.3f}); parallel trends is doubtful")
    elif p < 0.10:
        grade = _step(grade, 1)
        reasons.append(f"weak evidence of differing pre-trends (p = {p:.3f})")
    else:
        reasons.append(f"pre-trend test passes (p = {p:.3f})")
    if d["n_pre_periods"] < 2:
        grade = _step(grade, 1)
        reasons.append(f"the earliest cohort has only {d['n_pre_periods']} pre-period(s)")
    if d["n_clusters"] < 10:
        grade = _step(grade, 2)
        reasons.append(f"only {d['n_clusters']} clusters: inference is unreliable")
    elif d["n_clusters"] < 40 and d.get("n_treated_clusters", d["n_treated"]) >= FEW_TREATED_CLUSTERS:
        reasons.append(f"{d['n_clusters']} clusters: see the wild cluster bootstrap for the TWFE estimate")
    few = d.get("n_treated_clusters", d["n_treated"])
    if few < FEW_TREATED_CLUSTERS:
        ri = d["twfe"].get("randomization")
        if ri is None:
            grade = _step(grade, 1)
            reasons.append(f"{few} treated cluster(s) and no randomization inference possible: no valid inference")
        elif ri["ci_low"] is None or ri["ci_high"] is None:
            grade = _step(grade, 1)
            reasons.append(
                f"{few} treated cluster(s): the bootstrap is unreliable and randomization inference over "
                f"{ri['n_assignments']} assignments cannot bound the effect (p = {ri['p_value']:.3f})"
            )
        else:
            reasons.append(
                f"{few} treated cluster(s): the bootstrap is unreliable; randomization inference over "
                f"{ri['n_assignments']} assignments gives p = {ri['p_value']:.3f}"
            )
    if d["n_treated"] < 3:
        grade = _step(grade, 1)
        reasons.append(f"only {d['n_treated']} treated unit(s): the effect rests on very few units")
    twfe = d["twfe"]["estimate"]
    if d["staggered"] and d["se"] and abs(twfe - estimate) > 2 * d["se"]:
        reasons.append(
            "TWFE differs from the staggered-robust estimate: heterogeneous effects bias TWFE; use the latter"
        )
    return grade, reasons


def _grade_scm(d: dict[str, Any], _estimate: float) -> tuple[Grade, list[str]]:
    grade: Grade = "A"
    reasons: list[str] = []
    rel = d["relative_pre_rmspe"]
    if rel > 0.10:
        grade = "D"
        reasons.append(f"poor pre-period fit (RMSPE is {rel:.0%} of the treated pre-period level)")
    elif rel > 0.05:
        grade = _step(grade, 1)
        reasons.append(f"mediocre pre-period fit (RMSPE {rel:.1%} of the pre-period level)")
    else:
        reasons.append(f"good pre-period fit (RMSPE {rel:.1%} of the pre-period level)")
    if not d["inside_donor_range"]:
        grade = _step(grade, 1)
        reasons.append("the treated unit lies outside the donors' range before the measure: interpolation fails")
    if d["n_pre_periods"] < 3:
        grade = "D"
        reasons.append(f"only {d['n_pre_periods']} pre-period(s)")
    elif d["n_pre_periods"] < 8:
        grade = _step(grade, 1)
        reasons.append(f"few pre-periods ({d['n_pre_periods']}) to judge the fit")
    placebo = d.get("placebo")
    if placebo:
        if placebo["min_attainable_p"] > 0.10:
            grade = _step(grade, 1)
            reasons.append(f"only {placebo['n_units'] - 1} donors: placebo inference cannot reach p ≤ 0.10")
        elif placebo["p_value"] > 0.10:
            grade = _step(grade, 1)
            reasons.append(
                f"placebo rank {placebo['rank']} of {placebo['n_units']} (p = {placebo['p_value']:.2f}): "
                "the gap is not unusual among donors"
            )
        else:
            reasons.append(f"placebo rank {placebo['rank']} of {placebo['n_units']} (p = {placebo['p_value']:.2f})")
    return grade, reasons


def _grade_its(d: dict[str, Any], _estimate: float) -> tuple[Grade, list[str]]:
    reasons: list[str] = []
    if d["comparison"]:
        grade: Grade = "B"
        reasons.append("comparative interrupted time series: shocks common to the comparison series are removed")
    else:
        grade = "C"
        reasons.append("no comparison series: any other change at the same time would be attributed to the measure")
    n_pre = d["n_pre_periods"]
    if n_pre < 6:
        grade = "D"
        reasons.append(f"only {n_pre} pre-periods: the pre-trend is not identified well enough")
    elif n_pre < 12:
        grade = _step(grade, 1)
        reasons.append(f"few pre-periods ({n_pre})")
    if d["n_post_periods"] < 3:
        grade = _step(grade, 1)
        reasons.append(f"only {d['n_post_periods']} post-period(s)")
    if d["ljung_box_p"] < 0.05:
        reasons.append("residuals are autocorrelated (Ljung-Box p < 0.05); HAC errors account for it")
    return grade, reasons
