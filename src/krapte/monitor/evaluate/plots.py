"""Pictures of an evaluation (matplotlib, Agg backend; PNG or SVG bytes).

- DiD: the event study, Callaway–Sant'Anna effects with pointwise intervals and the simultaneous band, and the
  TWFE leads and lags next to them.
- SCM: the treated path against its synthetic control, and the gaps of the treated unit and of the placebos.
- ITS: the observed series, the fitted segmented regression and the counterfactual without the measure.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Literal

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from krapte.errors import ValidationError

if TYPE_CHECKING:
    from krapte.monitor.evaluate.result import EvaluationResult

TREATED = "#c0392b"
SYNTH = "#2c3e50"
GREY = "#b0b0b0"


def plot_result(result: EvaluationResult, *, format: Literal["png", "svg"] = "png") -> bytes:
    """Render the picture of ``result`` in ``format``."""
    if format not in ("png", "svg"):
        raise ValidationError(f"unknown picture format {format!r}", hint="use png or svg", value=str(format))
    d = result.diagnostics
    if result.design == "did":
        fig = event_study_figure(d)
    elif result.design == "scm":
        fig = scm_figure(d)
    else:
        fig = its_figure(d)
    fig.text(0.01, -0.04, result.label, fontsize=7, color="#555555")
    buf = io.BytesIO()
    fig.savefig(buf, format=format, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _x_ticks(ax: Any, labels: list[str], max_ticks: int = 12) -> None:
    step = max(1, len(labels) // max_ticks)
    ax.set_xticks(range(0, len(labels), step))
    ax.set_xticklabels(labels[::step], rotation=45, ha="right", fontsize=8)


def event_study_figure(d: dict[str, Any]) -> Figure:
    fig, ax = plt.subplots(figsize=(7, 4))
    rows = d["event_study"]
    e = [r["event_time"] for r in rows]
    ax.fill_between(
        e,
        [r["band_low"] for r in rows],
        [r["band_high"] for r in rows],
        color=TREATED,
        alpha=0.12,
        label="simultaneous band",
    )
    ax.errorbar(
        e,
        [r["estimate"] for r in rows],
        yerr=[[r["estimate"] - r["ci_low"] for r in rows], [r["ci_high"] - r["estimate"] for r in rows]],
        fmt="o",
        color=TREATED,
        capsize=3,
        label="Callaway–Sant'Anna",
    )
    if d.get("twfe_event_study"):
        tw = d["twfe_event_study"]
        ax.plot(
            [r["event_time"] + 0.15 for r in tw],
            [r["estimate"] for r in tw],
            "s",
            color=SYNTH,
            alpha=0.6,
            markersize=4,
            label="TWFE leads/lags",
        )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(-0.5, color=GREY, linestyle="--", linewidth=0.8)
    pt = d["pretrend"]
    title = "Event study"
    if pt.get("df"):
        title += f" (pre-trend Wald p = {pt['p_value']:.3f})"
    ax.set_title(title)
    ax.set_xlabel("periods since adoption")
    ax.set_ylabel("effect")
    ax.legend(fontsize=8)
    return fig


def scm_figure(d: dict[str, Any]) -> Figure:
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    path = d["path"]
    labels = [r["period"] for r in path]
    x = list(range(len(labels)))
    start = d["n_pre_periods"]
    top.plot(x, [r["treated"] for r in path], color=TREATED, label=d["treated"])
    top.plot(x, [r["synthetic"] for r in path], color=SYNTH, linestyle="--", label="synthetic control")
    top.axvline(start - 0.5, color=GREY, linestyle=":")
    top.set_title("Synthetic control: path")
    top.legend(fontsize=8)
    placebo = d.get("placebo") or {}
    for gaps in placebo.get("gaps", {}).values():
        bottom.plot(x, gaps, color=GREY, linewidth=0.7, alpha=0.7)
    bottom.plot(x, [r["gap"] for r in path], color=TREATED, linewidth=1.8)
    bottom.axhline(0, color="black", linewidth=0.8)
    bottom.axvline(start - 0.5, color=GREY, linestyle=":")
    title = "Gap treated − synthetic"
    if placebo:
        title += f" (grey: placebos; p = {placebo['p_value']:.2f})"
    bottom.set_title(title)
    _x_ticks(bottom, labels)
    return fig


def its_figure(d: dict[str, Any]) -> Figure:
    fig, ax = plt.subplots(figsize=(7, 4))
    path = d["path"]
    labels = [r["period"] for r in path]
    x = list(range(len(labels)))
    ax.plot(x, [r["observed"] for r in path], "o", color=SYNTH, markersize=3, label="observed")
    ax.plot(x, [r["fitted"] for r in path], color=TREATED, label="segmented regression")
    start = d["n_pre_periods"]
    ax.plot(
        x[start:],
        [r["counterfactual"] for r in path][start:],
        color=TREATED,
        linestyle="--",
        label="without the measure",
    )
    ax.axvline(start - 0.5, color=GREY, linestyle=":")
    ax.set_title("Interrupted time series" + (f" ({d['series']})" if d.get("comparison") else ""))
    ax.legend(fontsize=8)
    _x_ticks(ax, labels)
    return fig
