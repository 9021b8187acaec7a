"""Charts: right file type, non-empty, axis labels present (checked in the SVG text, not pixels)."""

from __future__ import annotations

import numpy as np
import pytest

from krapte.errors import ValidationError
from krapte.labour import charts

QUARTERS = ["2027Q1", "2027Q2", "2027Q3", "2027Q4"]


def test_demand_supply_chart_as_png_and_svg() -> None:
    args = (QUARTERS, np.array([5.0, 12.0, 8.0, 0.0]), np.full(4, 10.0))
    png = charts.demand_supply_chart(*args, title="AM03 Elektriciens", fmt="png")
    assert png.startswith(b"\x89PNG") and len(png) > 1000
    svg = charts.demand_supply_chart(*args, title="AM03 Elektriciens", xlabel="kwartaal", ylabel="fte", fmt="svg")
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    for label in ("AM03 Elektriciens", "kwartaal", "fte", "2027Q2"):
        assert label in text
    assert svg == charts.demand_supply_chart(
        *args, title="AM03 Elektriciens", xlabel="kwartaal", ylabel="fte", fmt="svg"
    )


def test_heatmap_over_35_regions() -> None:
    regions = [f"AM{i:02d}" for i in range(1, 36)]
    values = np.arange(35 * 4, dtype=float).reshape(35, 4)
    svg = charts.tension_heatmap(
        regions, QUARTERS, values, title="Tekort", colorbar_label="fte boven capaciteit", fmt="svg"
    )
    text = svg.decode("utf-8")
    assert "AM35" in text and "fte boven capaciteit" in text and "Tekort" in text


def test_planning_chart_and_bad_input() -> None:
    png = charts.planning_chart(QUARTERS, np.ones(4), np.zeros(4), title="voor en na")
    assert png.startswith(b"\x89PNG")
    with pytest.raises(ValidationError, match="one value per quarter"):
        charts.planning_chart(QUARTERS, np.ones(3), np.zeros(4), title="x")
    with pytest.raises(ValidationError, match="not supported"):
        charts.planning_chart(QUARTERS, np.ones(4), np.zeros(4), title="x", fmt="gif")  # type: ignore[arg-type]


def test_the_demand_supply_legend_does_not_cover_the_bars() -> None:
    import matplotlib.pyplot as plt

    from krapte.labour.charts import demand_supply_figure

    quarters = [f"2027Q{q}" for q in range(1, 5)] * 3
    fig = demand_supply_figure(
        quarters, np.full(12, 2_500_000.0), np.full(12, 1_000_000.0), title="Elektriciens, Groningen"
    )
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        ax = fig.axes[0]
        legend = ax.get_legend()
        assert legend is not None
        assert legend.get_window_extent(renderer).y1 <= ax.get_window_extent(renderer).y0
        assert ax.yaxis.get_offset_text().get_text() == ""
    finally:
        plt.close(fig)


def test_programme_chart_and_heatmap_numbers_follow_the_page_language() -> None:
    series = {"RES": np.full(4, 2_000.0), "NPE": np.full(4, 20_000.0), "NPLW": np.full(4, 15_000.0)}
    nl = charts.programme_chart(QUARTERS, series, title="Arbeidsvraag", fmt="svg", lang="nl").decode("utf-8")
    en = charts.programme_chart(QUARTERS, series, title="Labour demand", fmt="svg", lang="en").decode("utf-8")
    assert "30.000" in nl and "30,000" not in nl and "30,000" in en  # thousands dot on Dutch pages
    heat = charts.tension_heatmap(
        ["AM01", "AM02"], QUARTERS, np.array([[0.0, 1_500.0, 12_000.0, 3.0]] * 2), title="Tekort", fmt="svg"
    ).decode("utf-8")
    assert "10.000" in heat and "10,000" not in heat  # the colour bar too


def test_the_programme_legend_does_not_cover_the_bars(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    captured: list[Figure] = []
    render = charts._render
    monkeypatch.setattr(charts, "_render", lambda fig, fmt: captured.append(fig) or render(fig, fmt))
    charts.programme_chart(QUARTERS, {"RES": np.full(4, 5.0), "NPE": np.full(4, 50.0)}, title="t", fmt="svg")
    fig = captured[0]
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    assert legend.get_window_extent(renderer).y1 <= ax.get_window_extent(renderer).y0
