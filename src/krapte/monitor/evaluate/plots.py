"""Pictures of an evaluation (matplotlib, PNG or SVG bytes), labelled in Dutch (default) or English.

- DiD: the event study, Callaway–Sant'Anna effects with pointwise intervals and the simultaneous band, and the
  TWFE leads and lags next to them.
- SCM: the treated path against its synthetic control, and the gaps of the treated unit and of the placebos.
- ITS: the observed series, the fitted segmented regression and the counterfactual without the measure.

Figures are built with the object API (``Figure`` + Agg canvas), not pyplot, so rendering is safe in the web
server's worker threads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from matplotlib.figure import Figure

from krapte.charting import check_format, figure_bytes
from krapte.errors import ValidationError

if TYPE_CHECKING:
    from krapte.monitor.evaluate.result import EvaluationResult

TREATED = "#c0392b"
SYNTH = "#2c3e50"
GREY = "#b0b0b0"

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "band": "simultane band",
        "twfe": "TWFE leads/lags",
        "event_study": "Event study",
        "pretrend": "pre-trendtoets p = {p:.3f}",
        "since": "perioden sinds invoering",
        "effect": "effect",
        "path": "Synthetische controle: verloop",
        "synthetic": "synthetische controle",
        "gap": "Verschil behandeld − synthetisch",
        "placebos": "grijs: placebo's; p = {p:.2f}",
        "its": "Onderbroken tijdreeks",
        "observed": "waargenomen",
        "fitted": "gesegmenteerde regressie",
        "counterfactual": "zonder de maatregel",
        "descriptive": "beschrijvend, geen causale claim",
        "causal": "causale schatting, betrouwbaarheid {grade}",
    },
    "en": {
        "band": "simultaneous band",
        "twfe": "TWFE leads/lags",
        "event_study": "Event study",
        "pretrend": "pre-trend test p = {p:.3f}",
        "since": "periods since adoption",
        "effect": "effect",
        "path": "Synthetic control: path",
        "synthetic": "synthetic control",
        "gap": "Gap treated − synthetic",
        "placebos": "grey: placebos; p = {p:.2f}",
        "its": "Interrupted time series",
        "observed": "observed",
        "fitted": "segmented regression",
        "counterfactual": "without the measure",
        "descriptive": "descriptive, no causal claim",
        "causal": "causal estimate, credibility {grade}",
    },
}


def plot_result(
    result: EvaluationResult, *, format: Literal["png", "svg"] = "png", lang: Literal["nl", "en"] = "nl"
) -> bytes:
    """Render the picture of ``result`` in ``format`` with labels in ``lang``."""
    check_format(format)
    if lang not in TEXT:
        raise ValidationError(f"unknown language {lang!r}", hint="use nl or en", value=str(lang))
    t = TEXT[lang]
    d = result.diagnostics
    if result.design == "did":
        fig = event_study_figure(d, t)
    elif result.design == "scm":
        fig = scm_figure(d, t)
    else:
        fig = its_figure(d, t)
    label = t["causal"].format(grade=result.grade) if result.causal else t["descriptive"]
    fig.text(0.01, -0.04, label, fontsize=7, color="#555555")
    return figure_bytes(fig, format)


def _x_ticks(ax: Any, labels: list[str], max_ticks: int = 12) -> None:
    step = max(1, len(labels) // max_ticks)
    ax.set_xticks(range(0, len(labels), step))
    ax.set_xticklabels(labels[::step], rotation=45, ha="right", fontsize=8)


def event_study_figure(d: dict[str, Any], t: dict[str, str]) -> Figure:
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    rows = d["event_study"]
    e = [r["event_time"] for r in rows]
    ax.fill_between(
        e, [r["band_low"] for r in rows], [r["band_high"] for r in rows], color=TREATED, alpha=0.12, label=t["band"]
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
            label=t["twfe"],
        )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(-0.5, color=GREY, linestyle="--", linewidth=0.8)
    pt = d["pretrend"]
    title = t["event_study"]
    if pt.get("df") and pt.get("p_value") is not None and pt["p_value"] == pt["p_value"]:
        title += " (" + t["pretrend"].format(p=pt["p_value"]) + ")"
    ax.set_title(title)
    ax.set_xlabel(t["since"])
    ax.set_ylabel(t["effect"])
    ax.legend(fontsize=8)
    return fig


def scm_figure(d: dict[str, Any], t: dict[str, str]) -> Figure:
    fig = Figure(figsize=(7, 6))
    top, bottom = fig.subplots(2, 1, sharex=True)
    path = d["path"]
    labels = [r["period"] for r in path]
    x = list(range(len(labels)))
    start = d["n_pre_periods"]
    top.plot(x, [r["treated"] for r in path], color=TREATED, label=d["treated"])
    top.plot(x, [r["synthetic"] for r in path], color=SYNTH, linestyle="--", label=t["synthetic"])
    top.axvline(start - 0.5, color=GREY, linestyle=":")
    top.set_title(t["path"])
    top.legend(fontsize=8)
    placebo = d.get("placebo") or {}
    for gaps in placebo.get("gaps", {}).values():
        bottom.plot(x, gaps, color=GREY, linewidth=0.7, alpha=0.7)
    bottom.plot(x, [r["gap"] for r in path], color=TREATED, linewidth=1.8)
    bottom.axhline(0, color="black", linewidth=0.8)
    bottom.axvline(start - 0.5, color=GREY, linestyle=":")
    title = t["gap"]
    if placebo:
        title += " (" + t["placebos"].format(p=placebo["p_value"]) + ")"
    bottom.set_title(title)
    _x_ticks(bottom, labels)
    return fig


def its_figure(d: dict[str, Any], t: dict[str, str]) -> Figure:
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    path = d["path"]
    labels = [r["period"] for r in path]
    x = list(range(len(labels)))
    ax.plot(x, [r["observed"] for r in path], "o", color=SYNTH, markersize=3, label=t["observed"])
    ax.plot(x, [r["fitted"] for r in path], color=TREATED, label=t["fitted"])
    start = d["n_pre_periods"]
    ax.plot(
        x[start:],
        [r["counterfactual"] for r in path][start:],
        color=TREATED,
        linestyle="--",
        label=t["counterfactual"],
    )
    ax.axvline(start - 0.5, color=GREY, linestyle=":")
    ax.set_title(t["its"] + (f" ({d['series']})" if d.get("comparison") else ""))
    ax.legend(fontsize=8)
    _x_ticks(ax, labels)
    return fig
