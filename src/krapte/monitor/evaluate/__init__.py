"""The evaluation engine: does a measure work?

:func:`evaluate` takes a long panel (unit × period × outcome), picks an honest design (or uses the one asked
for), estimates the effect with an interval, runs the design's diagnostics and grades the credibility:

- :mod:`.its`: interrupted time series (segmented regression, HAC errors, seasonality, comparison series)
- :mod:`.did`: difference-in-differences: Callaway–Sant'Anna (:mod:`.staggered`) next to TWFE (:mod:`.twfe`)
  with the wild cluster bootstrap (:mod:`.wild`), event study and pre-trend test
- :mod:`.scm`: synthetic control with nested V optimisation, balance table and in-space placebos
- :mod:`.design`: the design choice rules and the credibility grade
- :mod:`.panel`: checking the input panel and its periods; :mod:`.result`: the result; :mod:`.plots`: pictures

See docs/evaluation.md for the rules, the contract and the published results the tests reproduce.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from krapte.errors import ValidationError
from krapte.monitor.evaluate.design import choose_design, grade_result
from krapte.monitor.evaluate.panel import Panel, Period, build_panel, parse_period
from krapte.monitor.evaluate.result import DESCRIPTIVE, EvaluationResult
from krapte.monitor.evaluate.scm import Predictor, predictor_matrix
from krapte.monitor.evaluate.staggered import Control

__all__ = ["DESCRIPTIVE", "EvaluationResult", "Predictor", "evaluate"]

DesignChoice = Literal["auto", "its", "did", "scm"]


def evaluate(
    panel: pd.DataFrame,
    *,
    design: DesignChoice = "auto",
    unit: str,
    time: str,
    outcome: str,
    treated: Sequence[str] | Mapping[str, Any],
    treatment_start: Any = None,
    comparison: str | None = None,
    treatment_end: Any = None,
    control: Control = "never",
    predictors: Sequence[Predictor] | None = None,
    fit_periods: Sequence[Any] | None = None,
    donors: Sequence[str] | None = None,
    alpha: float = 0.05,
    bootstrap: int = 999,
    seed: int = 0,
) -> EvaluationResult:
    """Estimate the effect of a measure on ``outcome`` and grade how much to trust it.

    ``treated`` is either a list of units that all start at ``treatment_start`` or a mapping unit → first
    treated period (staggered roll-out). ``comparison`` names an untreated unit whose series serves as
    comparison for an interrupted time series. ``predictors`` (synthetic control) default to the pre-period
    outcomes; ``fit_periods`` restricts the pre-periods on which the predictor weights V are chosen.
    ``donors`` restricts the synthetic-control donor pool (default: every untreated unit).
    """
    if design not in ("auto", "its", "did", "scm"):
        raise ValidationError(f"unknown design {design!r}", hint="use one of auto, its, did, scm", value=str(design))
    if not 0 < alpha < 1:
        raise ValidationError(f"alpha {alpha!r} must lie between 0 and 1", hint="e.g. 0.05 for 95% intervals")
    starts_raw = _treatment_starts(treated, treatment_start)
    data = _restrict(panel, unit=unit, time=time, design=design, starts=starts_raw, comparison=comparison)
    p = build_panel(data, unit=unit, time=time, outcome=outcome)
    starts = {u: p.index_of(parse_period(s, what=f"treatment start of {u!r}")) for u, s in starts_raw.items()}
    for u in starts:
        p.unit_index(u)
    if comparison is not None:
        p.unit_index(comparison)
    chosen, reason = (
        choose_design(len(p.units), starts, comparison=comparison)
        if design == "auto"
        else (design, "chosen by the user")
    )
    if chosen == "its":
        result = _its(p, starts, comparison=comparison, end=treatment_end, alpha=alpha)
    elif chosen == "scm":
        result = _scm(
            data,
            p,
            starts,
            unit=unit,
            time=time,
            predictors=predictors,
            fit_periods=fit_periods,
            donors=donors,
            alpha=alpha,
        )
    else:
        result = _did(p, starts, control=control, alpha=alpha, bootstrap=bootstrap, seed=seed)
    result.diagnostics["design_reason"] = reason
    return grade_result(result)


def _treatment_starts(treated: Sequence[str] | Mapping[str, Any], start: Any) -> dict[str, Any]:
    if isinstance(treated, str):
        treated = [treated]
    if isinstance(treated, Mapping):
        starts = {str(u): s for u, s in treated.items()}
    else:
        if start is None:
            raise ValidationError(
                "no treatment start given",
                hint="pass treatment_start (e.g. 2021 or '2021Q1'), or treated as a mapping unit -> start period",
            )
        starts = {str(u): start for u in treated}
    if not starts:
        raise ValidationError("no treated unit given", hint="name at least one treated unit (--treated UNIT)")
    return starts


def _restrict(
    panel: pd.DataFrame, *, unit: str, time: str, design: str, starts: Mapping[str, Any], comparison: str | None
) -> pd.DataFrame:
    """ITS uses only the treated and comparison series, so gaps in other units do not matter."""
    if not isinstance(panel, pd.DataFrame):
        raise ValidationError("the panel must be a pandas DataFrame in long format", hint="one row per unit and period")
    if design == "its" and unit in panel.columns:
        keep = set(starts) | ({comparison} if comparison else set())
        return panel[panel[unit].astype(str).isin(keep)]
    return panel


def _its(p: Panel, starts: Mapping[str, int], *, comparison: str | None, end: Any, alpha: float) -> EvaluationResult:
    from krapte.monitor.evaluate.its import estimate_its

    if len(starts) != 1:
        raise ValidationError(
            f"interrupted time series evaluates one treated series, got {len(starts)}",
            hint="name one treated unit (a national series), or use design 'did' for several regions",
        )
    ((treated, start),) = starts.items()
    if comparison is None and len(p.units) == 2:
        comparison = next(u for u in p.units if u != treated)
    end_idx = p.index_of(parse_period(end, what="treatment end")) if end is not None else None
    return estimate_its(p, treated, start, comparison=comparison, end=end_idx, alpha=alpha)


def _scm(
    data: pd.DataFrame,
    p: Panel,
    starts: Mapping[str, int],
    *,
    unit: str,
    time: str,
    predictors: Sequence[Predictor] | None,
    fit_periods: Sequence[Any] | None,
    donors: Sequence[str] | None,
    alpha: float,
) -> EvaluationResult:
    from krapte.monitor.evaluate.scm import estimate_scm

    if len(starts) != 1:
        raise ValidationError(
            f"synthetic control evaluates one treated unit, got {len(starts)}",
            hint="use design 'did' for measures rolled out over several regions",
        )
    ((treated, start),) = starts.items()
    x = (
        predictor_matrix(
            data,
            unit=unit,
            time=time,
            units=p.units,
            predictors=predictors,
            before=Period(p.freq, p.periods[0].ordinal + start),
        )
        if predictors
        else None
    )
    fit_from = min(p.index_of(parse_period(f)) for f in fit_periods) if fit_periods else 0
    return estimate_scm(
        p,
        treated,
        start,
        x=x,
        predictor_names=[q.name for q in predictors] if predictors else (),
        donors=donors,
        alpha=alpha,
        fit_from=max(fit_from, 0),
    )


def _did(
    p: Panel, starts: Mapping[str, int], *, control: Control, alpha: float, bootstrap: int, seed: int
) -> EvaluationResult:
    from krapte.monitor.evaluate.did import estimate_did

    if control not in ("never", "notyet"):
        raise ValidationError(f"unknown control group {control!r}", hint="use 'never' or 'notyet'")
    first = np.full(len(p.units), np.inf)
    for u, s in starts.items():
        first[p.unit_index(u)] = s
    return estimate_did(p, first, control=control, alpha=alpha, bootstrap=bootstrap, seed=seed)
