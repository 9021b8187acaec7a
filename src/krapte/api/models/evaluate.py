"""Body of ``POST /api/v1/evaluate`` (``format=json``): the evaluation contract of a measure on a panel."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from krapte.api.models.base import Answer

__all__ = ["MAX_LIST", "MAX_PANEL_ROWS", "EvaluateRequest", "Evaluation", "PredictorIn", "form_schema"]

MAX_PANEL_ROWS = 200_000  # rows of a JSON panel (the body cap bounds its bytes as well)
MAX_LIST = 10_000  # treated units, donors, fit periods
Period = str | int  # a period as the panel writes it: 2021Q1, 2021-03 or a year


class PredictorIn(BaseModel):
    """An SCM predictor: a column, averaged over ``periods`` (all pre-treatment periods when absent)."""

    model_config = ConfigDict(extra="forbid")

    column: str = Field(min_length=1, max_length=200)
    periods: list[Period] | None = Field(default=None, max_length=MAX_LIST)


class EvaluateRequest(BaseModel):
    """``POST /api/v1/evaluate`` as JSON: the panel (rows, or CSV text) and the options of the evaluation.

    ``unit``, ``time``, ``outcome`` and ``treated`` are required; options left out take the engine's defaults.
    """

    model_config = ConfigDict(extra="forbid")

    panel: list[dict[str, str | int | float | bool | None]] | None = Field(
        default=None, max_length=MAX_PANEL_ROWS, description="one object per unit and period"
    )
    panel_csv: str | None = Field(default=None, description="the panel as CSV text (instead of panel)")
    design: Literal["auto", "its", "did", "scm"] | None = Field(default=None, description="default: auto")
    unit: str = Field(min_length=1, max_length=200, description="the column naming the unit (region, ...)")
    time: str = Field(min_length=1, max_length=200, description="the column naming the period")
    outcome: str = Field(min_length=1, max_length=200, description="the column of the outcome")
    treated: list[str] | dict[str, Period] = Field(
        description="treated units, or unit → start period (staggered starts)", max_length=MAX_LIST
    )
    treatment_start: Period | None = None
    comparison: str | None = Field(default=None, max_length=200)
    treatment_end: Period | None = None
    control: Literal["never", "notyet"] | None = None
    predictors: list[PredictorIn | str] | None = Field(default=None, max_length=200)
    fit_periods: list[Period] | None = Field(default=None, max_length=MAX_LIST)
    donors: list[str] | None = Field(default=None, max_length=MAX_LIST)
    alpha: float | None = Field(default=None, gt=0, lt=1, description="default 0.05")
    bootstrap: int | None = Field(default=None, ge=0, description="draws; capped by the server's limits")
    seed: int | None = None

    def options(self) -> dict[str, Any]:
        """The evaluation options that were given (the panel excluded)."""
        return self.model_dump(mode="json", exclude_none=True, exclude={"panel", "panel_csv"})


def form_schema() -> dict[str, Any]:
    """The multipart form of ``POST /api/v1/evaluate``: a ``panel`` CSV file and the options as fields."""
    props = dict(EvaluateRequest.model_json_schema(ref_template="#/components/schemas/{model}")["properties"])
    for key in ("panel", "panel_csv", "predictors"):
        props.pop(key)
    props["treated"] = {"type": "array", "items": {"type": "string"}, "description": "repeat; UNIT=PERIOD staggered"}
    props["predictors"] = {"type": "array", "items": {"type": "string"}, "description": "COLUMN[:FROM..TO]"}
    return {
        "title": "EvaluateForm",
        "type": "object",
        "required": ["panel", "unit", "time", "outcome", "treated"],
        "properties": {"panel": {"type": "string", "format": "binary", "description": "the panel, CSV"}, **props},
    }


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
