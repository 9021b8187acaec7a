"""Charts an analyst wants from the labour module, as PNG or SVG bytes (matplotlib, Agg backend, no display).

* :func:`demand_supply_chart`: demand of the projects vs capacity for one region × occupation group over time;
* :func:`tension_heatmap`: shortage (FTE above capacity, or a tension measure) across the 35 arbeidsmarktregio's
  per quarter for one occupation group;
* :func:`planning_chart`: unmet demand per quarter before and after planning;
* :func:`programme_chart`: demand per quarter of the programmes (RES, NPE, NPLW) side by side, stacked.

Every function takes plain arrays and labels and returns bytes; the web router serves them, the CLI could write
them to files. Titles and axis labels come from the caller (Dutch by default in the web app). The figures are
deterministic: SVG hash salt and metadata dates are fixed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from krapte.charting import ImageFormat, figure_bytes, number_axis
from krapte.errors import ValidationError


def _render(fig: Figure, fmt: ImageFormat) -> bytes:
    try:
        return figure_bytes(fig, fmt, dpi=100)
    finally:
        plt.close(fig)


def _quarter_ticks(ax: plt.Axes, quarters: Sequence[str]) -> None:
    step = max(1, len(quarters) // 12)
    ticks = list(range(0, len(quarters), step))
    ax.set_xticks(ticks)
    ax.set_xticklabels([quarters[i] for i in ticks], rotation=45, ha="right")


def demand_supply_figure(
    quarters: Sequence[str],
    demand: np.ndarray,
    capacity: np.ndarray,
    *,
    title: str,
    demand_label: str = "demand (FTE)",
    capacity_label: str = "capacity (FTE)",
    xlabel: str = "quarter",
    ylabel: str = "FTE",
    lang: str = "nl",
) -> Figure:
    """Demand (bars) against capacity (line) over ``quarters`` for one region × occupation group."""
    demand = np.asarray(demand, dtype=float)
    capacity = np.asarray(capacity, dtype=float)
    if demand.shape != (len(quarters),) or capacity.shape != (len(quarters),):
        raise ValidationError("demand and capacity need one value per quarter")
    fig, ax = plt.subplots(figsize=(8, 3.6))
    x = np.arange(len(quarters))
    over = np.maximum(demand - capacity, 0.0)
    ax.bar(x, demand - over, color="#4c78a8", label=demand_label)
    ax.bar(x, over, bottom=demand - over, color="#e45756", label=f"{demand_label} > {capacity_label}")
    ax.step(x, capacity, where="mid", color="#222222", linewidth=1.5, label=capacity_label)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _quarter_ticks(ax, quarters)
    _legend_below(ax)
    ax.grid(axis="y", alpha=0.3)
    number_axis(ax.yaxis, lang)
    return fig


def demand_supply_chart(
    quarters: Sequence[str],
    demand: np.ndarray,
    capacity: np.ndarray,
    *,
    title: str,
    demand_label: str = "demand (FTE)",
    capacity_label: str = "capacity (FTE)",
    xlabel: str = "quarter",
    ylabel: str = "FTE",
    fmt: ImageFormat = "png",
    lang: str = "nl",
) -> bytes:
    """:func:`demand_supply_figure` as PNG or SVG bytes."""
    fig = demand_supply_figure(
        quarters, demand, capacity, title=title, demand_label=demand_label, capacity_label=capacity_label,
        xlabel=xlabel, ylabel=ylabel, lang=lang,
    )  # fmt: skip
    return _render(fig, fmt)


def _legend_below(ax: plt.Axes) -> None:
    """The legend under the plot area, so that it never covers bars or lines."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=3, fontsize=8, frameon=False)


def tension_heatmap(
    regions: Sequence[str],
    quarters: Sequence[str],
    values: np.ndarray,
    *,
    title: str,
    colorbar_label: str = "FTE above capacity",
    xlabel: str = "quarter",
    ylabel: str = "arbeidsmarktregio",
    fmt: ImageFormat = "png",
    lang: str = "nl",
) -> bytes:
    """A region × quarter heat map (rows = regions, e.g. all 35 arbeidsmarktregio's); the colour bar in the page's
    number format."""
    values = np.asarray(values, dtype=float)
    if values.shape != (len(regions), len(quarters)):
        raise ValidationError(f"heat map values have shape {values.shape}; expected ({len(regions)}, {len(quarters)})")
    fig, ax = plt.subplots(figsize=(max(6.0, 0.28 * len(quarters) + 3), max(4.0, 0.22 * len(regions) + 1.5)))
    shown = np.where(np.isfinite(values), values, np.nan)
    vmax = float(np.nanmax(shown)) if np.isfinite(shown).any() else 1.0
    image = ax.imshow(shown, aspect="auto", cmap="YlOrRd", vmin=0.0, vmax=max(vmax, 1e-9), interpolation="nearest")
    ax.set_yticks(range(len(regions)))
    ax.set_yticklabels(regions, fontsize=7)
    _quarter_ticks(ax, quarters)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    bar = fig.colorbar(image, ax=ax, label=colorbar_label)
    number_axis(bar.ax.yaxis, lang)
    return _render(fig, fmt)


def planning_chart(
    quarters: Sequence[str],
    before: np.ndarray,
    after: np.ndarray,
    *,
    title: str,
    before_label: str = "before planning",
    after_label: str = "after planning",
    xlabel: str = "quarter",
    ylabel: str = "unmet demand (FTE)",
    fmt: ImageFormat = "png",
    lang: str = "nl",
) -> bytes:
    """Unmet demand per quarter before and after planning (two lines)."""
    before = np.asarray(before, dtype=float)
    after = np.asarray(after, dtype=float)
    if before.shape != (len(quarters),) or after.shape != (len(quarters),):
        raise ValidationError("before and after need one value per quarter")
    fig, ax = plt.subplots(figsize=(8, 3.6))
    x = np.arange(len(quarters))
    ax.fill_between(x, before, step="mid", alpha=0.25, color="#e45756")
    ax.step(x, before, where="mid", color="#e45756", label=before_label)
    ax.step(x, after, where="mid", color="#4c78a8", linewidth=2, label=after_label)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _quarter_ticks(ax, quarters)
    _legend_below(ax)
    ax.grid(axis="y", alpha=0.3)
    number_axis(ax.yaxis, lang)
    return _render(fig, fmt)


PROGRAMME_COLOURS = ("#54a24b", "#4c78a8", "#f58518", "#b279a2", "#9d755d")


def programme_chart(
    quarters: Sequence[str],
    series: Mapping[str, np.ndarray],
    *,
    title: str,
    xlabel: str = "quarter",
    ylabel: str = "FTE",
    fmt: ImageFormat = "png",
    lang: str = "nl",
) -> bytes:
    """Stacked bars of demand per quarter, one colour per programme (the order of ``series`` is kept); the y axis in
    the page's number format (``40.000`` on Dutch pages), the legend under the plot so that it covers no bar."""
    if not series:
        raise ValidationError("no programme to chart")
    for name, values in series.items():
        if np.asarray(values).shape != (len(quarters),):
            raise ValidationError(f"programme {name!r} needs one value per quarter")
    fig, ax = plt.subplots(figsize=(8, 3.6))
    x = np.arange(len(quarters))
    bottom = np.zeros(len(quarters))
    for i, (name, values) in enumerate(series.items()):
        v = np.asarray(values, dtype=float)
        ax.bar(x, v, bottom=bottom, color=PROGRAMME_COLOURS[i % len(PROGRAMME_COLOURS)], label=name)
        bottom += v
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _quarter_ticks(ax, quarters)
    _legend_below(ax)
    ax.grid(axis="y", alpha=0.3)
    number_axis(ax.yaxis, lang)
    return _render(fig, fmt)
