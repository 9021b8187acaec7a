"""Design choice rules and the credibility grade."""

from __future__ import annotations

import pytest

from krapte.errors import EstimationError
from krapte.monitor.evaluate.design import choose_design, grade_result
from krapte.monitor.evaluate.result import EvaluationResult


@pytest.mark.parametrize(
    ("n_units", "starts", "comparison", "design"),
    [
        (1, {"NL": 10}, None, "its"),
        (2, {"NL": 10}, "BE", "its"),
        (2, {"NL": 10}, None, "its"),
        (35, {"GR": 10}, None, "scm"),
        (35, {"GR": 10}, "FR", "its"),
        (35, {"GR": 10, "FR": 10, "DR": 10}, None, "did"),
        (35, {"GR": 10, "FR": 14, "DR": 20}, None, "did"),
        (3, {"GR": 10, "FR": 14, "DR": 20}, None, "did"),
    ],
)
def test_design_follows_the_shape_of_the_data(
    n_units: int, starts: dict[str, int], comparison: str | None, design: str
) -> None:
    chosen, reason = choose_design(n_units, starts, comparison=comparison)
    assert chosen == design
    assert reason


def test_everyone_treated_at_once_has_no_counterfactual() -> None:
    with pytest.raises(EstimationError, match="every unit is treated at the same time"):
        choose_design(3, {"A": 5, "B": 5, "C": 5})


def scm_result(rel_rmspe: float, p: float, n_units: int = 35, n_pre: int = 20) -> EvaluationResult:
    diagnostics = {
        "relative_pre_rmspe": rel_rmspe,
        "inside_donor_range": True,
        "n_pre_periods": n_pre,
        "placebo": {
            "p_value": p,
            "rank": max(1, round(p * n_units)),
            "n_units": n_units,
            "min_attainable_p": 1 / n_units,
        },
    }
    return EvaluationResult("scm", -1.0, None, None, diagnostics)


def test_scm_grades() -> None:
    assert grade_result(scm_result(0.01, 1 / 35)).grade == "A"
    assert grade_result(scm_result(0.07, 1 / 35)).grade == "B"
    assert grade_result(scm_result(0.01, 0.5)).grade == "B"
    poor = grade_result(scm_result(0.2, 1 / 35))
    assert poor.grade == "D" and poor.label == "descriptive, no causal claim"
    assert "poor pre-period fit" in poor.grade_reasons[0]
    few = grade_result(scm_result(0.01, 1 / 6, n_units=6))
    assert few.grade == "B" and any("cannot reach" in r for r in few.grade_reasons)
