"""Charts of indicators and KPI progress as PNG or SVG bytes (matplotlib, Agg backend, no pyplot state).

Charts are drawn from plain values so that the web app, the reports and the CLI share them; they carry their
source in a footnote ("Bron: …").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from krapte.charting import figure_bytes, number_axis
from krapte.monitor.indicators import Series, period_position
from krapte.monitor.kpi import KpiProgress

if TYPE_CHECKING:
    from krapte.monitor.targets import Trajectory

_COLOURS = ("#01689b", "#e17000", "#39870c", "#a90061", "#673327", "#8fcae7", "#ffb612", "#42145f")


_WORDS = {
    "source": {"nl": "Bron", "en": "Source"},
    "no_data": {"nl": "geen gegevens", "en": "no data"},
    "actual": {"nl": "gerealiseerd", "en": "actual"},
    "required": {"nl": "benodigd pad", "en": "required path"},
    "seen": {"nl": "trend gezien", "en": "trend seen"},
    "target": {"nl": "doel", "en": "target"},
}


def _word(key: str, lang: str) -> str:
    return _WORDS[key]["en" if lang == "en" else "nl"]


def _figure(title: str, unit: str, lang: str = "nl") -> tuple[Figure, Axes]:
    fig = Figure(figsize=(7.0, 3.4))
    ax = fig.add_subplot(1, 1, 1)
    number_axis(ax.yaxis, lang)
    ax.set_title(title, fontsize=10, loc="left")
    ax.set_ylabel(unit, fontsize=9)
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=8)
    return fig, ax


def _footer(fig: Figure, source: str, lang: str, below: Any = None) -> None:
    """The source line at the bottom left; under ``below`` (a legend under the plot) so that the two never overlap."""
    if not source:
        return
    text = f"{_word('source', lang)}: {source}"
    if below is None:
        fig.text(0.01, -0.02, text, fontsize=7, color="#555555")
        return
    # x in figure fraction, y at the bottom of the legend's box, then 4 points lower
    below.axes.annotate(
        text,
        xy=(0.01, 0.0),
        xycoords=("figure fraction", below),
        xytext=(0, -4),
        textcoords="offset points",
        fontsize=7,
        color="#555555",
        va="top",
        ha="left",
        annotation_clip=False,
    )


def indicator_chart(
    series: Sequence[Series],
    *,
    title: str,
    unit: str,
    source: str = "",
    markers: Sequence[tuple[str, str]] = (),
    fmt: str = "png",
    lang: str = "nl",
) -> bytes:
    """Lines of one indicator for one or more regions; ``markers`` are (period, label) vertical lines."""
    fig, ax = _figure(title, unit, lang)
    for n, s in enumerate(series[: len(_COLOURS)]):
        xs = [period_position(p) for p in s.periods]
        ax.plot(xs, s.values, marker="o", markersize=3, linewidth=1.5, color=_COLOURS[n], label=s.region)
    for period, label in markers:
        x = period_position(period)
        ax.axvline(x, color="#999999", linestyle="--", linewidth=1)
        ax.annotate(label, (x, 1.0), xycoords=("data", "axes fraction"), fontsize=7, rotation=90, va="top", ha="right")
    if len(series) > 1:
        ax.legend(fontsize=7, loc="best")
    if not series:
        ax.text(0.5, 0.5, _word("no_data", lang), ha="center", va="center", transform=ax.transAxes)
    _footer(fig, source, lang)
    return figure_bytes(fig, fmt)


def kpi_chart(
    progress: KpiProgress,
    series: Series | None,
    *,
    unit: str,
    source: str = "",
    fmt: str = "png",
    seen: Trajectory | None = None,
    lang: str = "nl",
) -> bytes:
    """:func:`kpi_figure` as PNG or SVG bytes."""
    return figure_bytes(kpi_figure(progress, series, unit=unit, source=source, seen=seen, lang=lang), fmt)


def kpi_figure(
    progress: KpiProgress,
    series: Series | None,
    *,
    unit: str,
    source: str = "",
    seen: Trajectory | None = None,
    lang: str = "nl",
) -> Figure:
    """Observed values, the trajectory needed from baseline to target, the trend seen (with its interval at the
    target year, when there is one) and the target itself. The x axis spans the data and the target year only."""
    fig, ax = _figure(progress.label or progress.indicator, unit, lang)
    xs = [period_position(p) for p in series.periods] if series and series.points else []
    if xs and series is not None:
        ax.plot(xs, series.values, marker="o", markersize=4, color=_COLOURS[0], label=_word("actual", lang))
    else:
        ax.text(0.5, 0.5, _word("no_data", lang), ha="center", va="center", transform=ax.transAxes, fontsize=9)
    if progress.baseline is not None and progress.baseline_year is not None:
        start, end = progress.baseline_year, float(progress.target_year)
        steps = [start + (end - start) * i / 40 for i in range(41)]
        path = [progress.trajectory(x) or 0.0 for x in steps]
        ax.plot(steps, path, linestyle="--", color=_COLOURS[1], label=_word("required", lang))
    if seen is not None and seen.projected is not None and xs and series is not None:
        last_x, last_y = xs[-1], series.values[-1]
        ax.plot(
            [last_x, progress.target_year],
            [last_y, seen.projected],
            linestyle=":",
            color=_COLOURS[3],
            label=_word("seen", lang),
        )
        if seen.low is not None and seen.high is not None:
            ax.errorbar(
                [progress.target_year],
                [seen.projected],
                yerr=[[seen.projected - seen.low], [seen.high - seen.projected]],
                color=_COLOURS[3],
                capsize=4,
                linestyle="none",
            )
    ax.plot(
        [progress.target_year],
        [progress.target],
        marker="*",
        markersize=12,
        color=_COLOURS[2],
        linestyle="none",
        label=_word("target", lang),
    )
    years = [*xs, float(progress.target_year)]
    if progress.baseline_year is not None:
        years.append(progress.baseline_year)
    first = min(years) if len(years) > 1 else progress.target_year - 10.0
    ax.set_xlim(first - 0.5, progress.target_year + 0.5)
    ax.xaxis.set_major_formatter(_year_formatter())
    legend = ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, frameon=False)
    _footer(fig, source, lang, below=legend)
    return fig


def _year_formatter() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: f"{v:.0f}" if float(v).is_integer() else "")
