"""KPI and indicator charts: a sensible year range, readable axes and a legend that covers nothing."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg

from krapte.monitor.charts import kpi_chart, kpi_figure
from krapte.monitor.indicators import Series
from krapte.monitor.kpi import kpi_progress
from krapte.monitor.measures import KpiTarget
from krapte.monitor.targets import seen_trajectory


def test_a_target_without_data_spans_its_own_years_not_two_centuries() -> None:
    progress = kpi_progress(KpiTarget("hybrid-teachers", 1000, 2033, 0, 2023), None)
    fig = kpi_figure(progress, None, unit="personen")
    low, high = fig.axes[0].get_xlim()
    assert 2022 <= low <= 2023 and 2033 <= high <= 2034
    progress = kpi_progress(KpiTarget("hybrid-teachers", 1000, 2033), None)
    low, high = kpi_figure(progress, None, unit="personen").axes[0].get_xlim()
    assert low >= 2022 and high <= 2034


def test_large_numbers_have_no_scientific_offset() -> None:
    series = Series("ict-workforce", "NL", (("2022", 707_000.0), ("2024", 670_000.0)))
    progress = kpi_progress(KpiTarget("ict-workforce", 1_000_000, 2030, 707_000, 2022), series)
    fig = kpi_figure(progress, series, unit="personen", seen=seen_trajectory(series, 2022, 2030))
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    assert ax.yaxis.get_offset_text().get_text() == ""
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and not any("e" in label for label in labels)
    assert any("mln" in label or "." in label for label in labels)


def test_the_kpi_legend_sits_below_the_plot() -> None:
    series = Series("res", "NL", (("2020", 14.4), ("2022", 23.1), ("2024", 29.8)))
    progress = kpi_progress(KpiTarget("res", 35, 2030), series)
    fig = kpi_figure(progress, series, unit="TWh")
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    assert legend.get_window_extent(renderer).y1 <= ax.get_window_extent(renderer).y0
    assert kpi_chart(progress, series, unit="TWh", fmt="svg").startswith(b"<?xml")


def test_the_source_footer_sits_under_the_legend_and_speaks_the_page_language() -> None:
    series = Series("ict-workforce", "NL", (("2022", 707_000.0), ("2024", 670_000.0)))
    progress = kpi_progress(KpiTarget("ict-workforce", 1_000_000, 2030, 707_000, 2022), series)
    source = "CBS 85276NED and Eurostat isoc_sks_itspt; the two points use different definitions"
    for lang, word, label in (("nl", "Bron:", "gerealiseerd"), ("en", "Source:", "actual")):
        fig = kpi_figure(progress, series, unit="personen", source=source, lang=lang)
        renderer = FigureCanvasAgg(fig).get_renderer()
        legend = fig.axes[0].get_legend()
        footers = [t for t in fig.findobj() if hasattr(t, "get_text") and t.get_text().startswith(word)]
        assert len(footers) == 1 and legend is not None
        foot = footers[0].get_window_extent(renderer)
        assert foot.y1 <= legend.get_window_extent(renderer).y0  # below the legend, not across it
        assert legend.get_texts()[0].get_text() == label  # one language, not "gerealiseerd / actual"
