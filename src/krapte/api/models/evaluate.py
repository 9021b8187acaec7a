"""Body of ``POST /api/v1/evaluate`` (``format=json``): the evaluation contract of a measure on a panel."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from krapte.api.models.base import Answer

__all__ = ["Evaluation"]


class Evaluation(Answer):
    """The effect of a measure, how sure it is, and whether the design allows a causal reading."""

    design: Literal["its", "did", "scm"] = Field(
        description="interrupted time series, difference in differences or synthetic control"
    )
    estimate: float | None = Field(description="the average post-period effect on the outcome's own scale")
    ci_low: float | None = Field(description="lower bound of the confidence interval (null: not estimable)")
    ci_high: float | None
    diagnostics: dict[str, Any] = Field(description="the design's checks (pre-trends, fit, placebo tests, ...)")
    weights: dict[str, float | None] = Field(description="SCM: the donor weights; empty for other designs")
    grade: Literal["A", "B", "C", "D"] = Field(description="credibility of the design; D: descriptive only")
    grade_reasons: list[str]
    causal: bool = Field(description="false when the design is too weak for a causal reading (grade D)")
    label: str = Field(description="how to read the estimate", examples=["causal estimate, credibility B"])
