"""Progress toward KPI targets: growth needed per year, growth achieved, and whether a target is on track.

A target says "reach ``target`` in ``target_year``" from a baseline (given, or the first observation). The
trajectory between them is compound growth at the *required annual rate*; a target is **on track** when the
latest observation is at or beyond the trajectory for its period (beyond = above for a rising target, below
for a falling one), **achieved** when it already reaches the target, **off track** otherwise and **no data**
when there is no observation after the baseline. When baseline or target is not positive, the trajectory is
linear instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from krapte.monitor.indicators import Series, period_position
from krapte.monitor.measures import KpiTarget

STATUSES = ("achieved", "on-track", "off-track", "no-data")


@dataclass(frozen=True)
class KpiProgress:
    """Where an indicator stands relative to its target."""

    indicator: str
    region: str
    label: str
    target: float
    target_year: int
    baseline: float | None
    baseline_year: float | None
    latest_period: str | None
    latest_value: float | None
    required_annual_growth: float | None
    actual_annual_growth: float | None
    expected_at_latest: float | None
    required_growth_from_latest: float | None
    gap_closed: float | None
    status: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def trajectory(self, position: float) -> float | None:
        """The value the trajectory asks for at a decimal year."""
        if self.baseline is None or self.baseline_year is None:
            return None
        return _path(self.baseline, self.baseline_year, self.target, float(self.target_year), position)


def _rate(start: float, end: float, years: float) -> float | None:
    if years <= 0:
        return None
    if start > 0 and end > 0:
        return float((end / start) ** (1 / years) - 1)
    return None


def _path(start: float, start_year: float, end: float, end_year: float, at: float) -> float:
    span = end_year - start_year
    share = (at - start_year) / span if span else 1.0
    if start > 0 and end > 0:
        return float(start * (end / start) ** share)
    return start + (end - start) * share


def kpi_progress(kpi: KpiTarget, series: Series | None) -> KpiProgress:
    """Compare the observations of ``series`` (the KPI's indicator and region) with the target."""
    points = [(p, period_position(p), v) for p, v in (series.points if series else ())]
    baseline, baseline_year = kpi.baseline, float(kpi.baseline_year) if kpi.baseline_year is not None else None
    if baseline is None and points:
        _, baseline_year, baseline = points[0]
    elif baseline is not None and baseline_year is None and points:
        baseline_year = points[0][1]
    after = [pt for pt in points if baseline_year is not None and pt[1] > baseline_year]
    latest = after[-1] if after else None
    rising = baseline is None or kpi.target >= baseline
    required = actual = expected = from_latest = gap = None
    if baseline is not None and baseline_year is not None:
        required = _rate(baseline, kpi.target, kpi.target_year - baseline_year)
    status = "no-data"
    if latest is not None and baseline is not None and baseline_year is not None:
        _, position, value = latest
        actual = _rate(baseline, value, position - baseline_year)
        expected = _path(baseline, baseline_year, kpi.target, float(kpi.target_year), position)
        from_latest = _rate(value, kpi.target, kpi.target_year - position)
        if kpi.target != baseline:
            gap = (value - baseline) / (kpi.target - baseline)
        reached = value >= kpi.target if rising else value <= kpi.target
        ahead = value >= expected if rising else value <= expected
        status = "achieved" if reached else "on-track" if ahead else "off-track"
    return KpiProgress(
        indicator=kpi.indicator,
        region=kpi.region,
        label=kpi.label,
        target=kpi.target,
        target_year=kpi.target_year,
        baseline=baseline,
        baseline_year=baseline_year,
        latest_period=latest[0] if latest else None,
        latest_value=latest[2] if latest else None,
        required_annual_growth=required,
        actual_annual_growth=actual,
        expected_at_latest=expected,
        required_growth_from_latest=from_latest,
        gap_closed=gap,
        status=status,
    )


def growth_text(rate: float | None, lang: str = "nl", *, reason: str = "") -> str:
    """An annual growth rate for a page: ``+3,1 % per jaar``; without a rate, words instead of ``– %``."""
    if rate is None:
        if lang == "nl":
            return f"niet te berekenen ({reason})" if reason else "niet te berekenen"
        return f"cannot be computed ({reason})" if reason else "cannot be computed"
    number = f"{100 * rate:+.1f}"
    if lang == "nl":
        return f"{number.replace('.', ',')} % per jaar"
    return f"{number} % a year"


def growth_reason(progress: KpiProgress, lang: str = "nl") -> str:
    """Why a growth rate is missing: no baseline, no observation after it, or values that are not positive."""
    if progress.baseline is None:
        return "geen basiswaarde" if lang == "nl" else "no baseline"
    if progress.latest_value is None:
        return "geen waarneming na de basiswaarde" if lang == "nl" else "no observation after the baseline"
    return "basis- of doelwaarde niet positief" if lang == "nl" else "baseline or target not positive"
