"""The result of an evaluation: the effect, its interval, diagnostics, donor weights and a credibility grade."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

Design = Literal["its", "did", "scm"]
Grade = Literal["A", "B", "C", "D"]

DESCRIPTIVE = "descriptive, no causal claim"


@dataclass
class EvaluationResult:
    """One estimated effect of a measure.

    ``estimate`` is the headline effect on the outcome's own scale: the average post-period effect of the
    measure (ITS: level plus slope change averaged over the post periods; DiD: the Callaway–Sant'Anna overall
    ATT; SCM: the mean post-period gap between the treated unit and its synthetic control).
    """

    design: Design
    estimate: float
    ci_low: float | None
    ci_high: float | None
    diagnostics: dict[str, Any]
    weights: dict[str, float] = field(default_factory=dict)
    grade: Grade = "D"
    grade_reasons: list[str] = field(default_factory=list)

    @property
    def causal(self) -> bool:
        """False when the design is too weak for a causal reading (grade D)."""
        return self.grade != "D"

    @property
    def label(self) -> str:
        return f"causal estimate, credibility {self.grade}" if self.causal else DESCRIPTIVE

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: design, estimate, ci_low, ci_high, diagnostics, weights (+ grade, reasons)."""
        return {
            "design": self.design,
            "estimate": _clean(self.estimate),
            "ci_low": _clean(self.ci_low),
            "ci_high": _clean(self.ci_high),
            "diagnostics": _clean(self.diagnostics),
            "weights": _clean(self.weights),
            "grade": self.grade,
            "grade_reasons": list(self.grade_reasons),
            "causal": self.causal,
            "label": self.label,
        }

    def plot(self, format: Literal["png", "svg"] = "png", lang: Literal["nl", "en"] = "nl") -> bytes:
        """The design's picture: event study (DiD), path and gaps (SCM) or fitted series (ITS); Dutch labels
        by default."""
        from krapte.monitor.evaluate.plots import plot_result

        return plot_result(self, format=format, lang=lang)


def _clean(value: Any) -> Any:
    """JSON-safe copy: numpy scalars to Python, NaN/inf to None, tuples to lists."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_clean(v) for v in value.tolist()]
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        return f if math.isfinite(f) else None
    return value
