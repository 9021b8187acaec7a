"""The KPI dashboard: every target the plan names, with its source, a data-quality badge and two trajectories.

:data:`PLAN_TARGETS` lists the targets of the Actieplan Groene en Digitale Banen and the pledges around it for which
a number exists (ICT workers, heat pumps, RES TWh, technical vacancies, women in ICT, hybrid teachers), each with
its source and how it is read against the indicator panel. :func:`dashboard` evaluates them:

- **progress** (:func:`krapte.monitor.kpi.kpi_progress`): the trajectory *needed* from baseline to target;
- **trajectory seen**: a log-linear trend through the observations since the baseline, projected to the target
  year, with an 80 % interval when there are at least three points (t distribution, residual scatter);
- **quality badges**: ``definition-break`` (points measured under different definitions), ``proxy`` (the series
  measures something close to, not equal to, the target), ``few-points`` (fewer than three observations),
  ``baseline-estimated`` and ``no-data``; every badge has a sentence saying why;
- a **verdict** sentence that repeats the warnings, so that no "off track" is read without them.

Measures that share a target (three measures name the ICT target) are merged into one row that lists them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from krapte.monitor.indicators import Series, period_position
from krapte.monitor.kpi import KpiProgress, kpi_progress
from krapte.monitor.measures import KpiTarget, Measure

BADGES = ("definition-break", "proxy", "few-points", "baseline-estimated", "no-data")
MIN_POINTS = 3
INTERVAL = 0.80


@dataclass(frozen=True)
class PlanTarget:
    """A target with its source and what the panel's series can and cannot say about it."""

    id: str
    kpi: KpiTarget
    source: str
    reading: str = ""  # how the target is read against the series
    definition_break: str = ""  # non-empty: the observations come from different definitions
    proxy: str = ""  # non-empty: the series is a proxy for what the target counts
    baseline_estimated: str = ""


PLAN_TARGETS: tuple[PlanTarget, ...] = (
    PlanTarget(
        "ict-workforce-2030",
        KpiTarget("ict-workforce", 1_000_000, 2030, 707_000, 2022, "NL", "Meer dan 1 miljoen ICT-geschoolden in 2030"),
        "Kabinet Feb 2023 (security.nl/posting/784278); Kamerbrief 29544-1283 (1 Jul 2025); anchors A01, A02",
        definition_break=(
            "707.000 (2022, minister Adriaansens) and 670.000 (2024, as cited Jun 2024) are counted under different "
            "definitions (anchor A03); the apparent fall may be a definition change, not a decline"
        ),
    ),
    PlanTarget(
        "heat-pumps-2030",
        KpiTarget(
            "heat-pumps-in-use", 2_809_952, 2030, 1_809_952, 2022, "NL", "1 miljoen (hybride) warmtepompen erbij"
        ),
        "NPLW: 1 mln hybrid heat pumps by 2030 (NRC 2022-06-01, programma Versnelling verduurzaming gebouwde omgeving; "
        "shared energy/nl_programmes_2030 T104)",
        reading="read as heat pumps in use at end 2022 (CBS 85523NED) plus 1 mln by 2030",
        proxy=(
            "the target counts hybrid heat pumps in homes; the series counts all heat pumps in use, all types "
            "(incl. air-air) and sectors, so progress is overstated"
        ),
    ),
    PlanTarget(
        "res-35twh-2030",
        KpiTarget("res-scope-production", 35.0, 2030, None, None, "NL", "35 TWh hernieuwbare elektriciteit op land"),
        "Klimaatakkoord; PBL Monitor RES (anchor A30); series CBS 85004NED wind on land + solar > 15 kWp",
    ),
    PlanTarget(
        "technical-vacancies-aanvalsplan",
        KpiTarget(
            "vacancies-technical", 28_900, 2025, 78_900, 2023, "NL", "25.000 structurele vacatures per jaar vullen"
        ),
        "Aanvalsplan Techniek (industry pledge: fill 25k structural vacancies a year; aanvalsplantechniek.nl); "
        "series Techniekpact / UWV (anchors A04, A06)",
        reading="read as the stock of open technical vacancies falling by 25.000 a year from 2023Q4",
        proxy="an industry pledge about filled vacancies; the series is the stock of open vacancies",
    ),
    PlanTarget(
        "women-ict-deltaplan",
        KpiTarget(
            "women-ict-occupations", 80_000, 2022, 64_000, 2018, "NL", "+25 % vrouwen in ICT-beroepen t.o.v. 2018"
        ),
        "Deltaplan ICT (CA-ICT, caict.nl/deltaplan-ict): women in ICT occupations +25 % relative to 2018; no "
        "government target exists (anchors §1.2); series Techniekpact monitor M/V",
        reading="target year not stated by CA-ICT; 2022 (the latest observation) is used to judge the level",
        baseline_estimated=(
            "no 2018 figure is published in the panel: 64.000 is interpolated between 39.000 (2013) and 95.000 (2022)"
        ),
    ),
    PlanTarget(
        "hybrid-teachers-2033",
        KpiTarget("hybrid-teachers", 1000, 2033, 0, 2023, "NL", "1.000 hybride docenten (Aanvalsplan, 10 jaar)"),
        "Aanvalsplan Techniek, industry pledge (tweakers.net/nieuws/206340; vmbo-bwi.nl)",
        reading="extra hybrid teachers from the 2023 pledge on",
    ),
)


@dataclass(frozen=True)
class Trajectory:
    """The trend seen in the observations (change per year, in the indicator's unit), projected to the target year."""

    annual_change: float | None
    projected: float | None
    low: float | None
    high: float | None
    points: int


@dataclass(frozen=True)
class DashboardRow:
    target: PlanTarget
    progress: KpiProgress
    seen: Trajectory
    badges: tuple[str, ...]
    badge_reasons: tuple[str, ...]
    verdict: str
    measures: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.target.id,
            "indicator": self.target.kpi.indicator,
            "label": self.target.kpi.label,
            "source": self.target.source,
            "reading": self.target.reading,
            "measures": list(self.measures),
            "progress": self.progress.to_dict(),
            "seen": {
                "annual_change": self.seen.annual_change,
                "projected_at_target_year": self.seen.projected,
                "interval_low": self.seen.low,
                "interval_high": self.seen.high,
                "interval": INTERVAL if self.seen.low is not None else None,
                "points": self.seen.points,
            },
            "badges": list(self.badges),
            "badge_reasons": list(self.badge_reasons),
            "verdict": self.verdict,
        }


def seen_trajectory(series: Series | None, since: float | None, target_year: int) -> Trajectory:
    """Linear trend of the observations from ``since`` on, projected to ``target_year`` (with an interval from
    three points on). Linear, not compound: a compound trend through a saturating series (RES TWh) projects
    absurd values."""
    pts = [(period_position(p), v) for p, v in (series.points if series else ())]
    if since is not None:
        pts = [(x, v) for x, v in pts if x >= since]
    if len(pts) < 2:
        return Trajectory(None, None, None, None, len(pts))
    x = np.array([p[0] for p in pts])
    y = np.array([p[1] for p in pts])
    slope, intercept = np.polyfit(x, y, 1)
    projected = float(intercept + slope * target_year)
    low = high = None
    if len(pts) >= MIN_POINTS:
        resid = y - (intercept + slope * x)
        dof = len(pts) - 2
        s = float(np.sqrt(np.sum(resid**2) / dof)) if dof > 0 else 0.0
        sxx = float(np.sum((x - x.mean()) ** 2))
        se = s * math.sqrt(1 + 1 / len(pts) + (target_year - x.mean()) ** 2 / sxx)
        t = float(stats.t.ppf(0.5 + INTERVAL / 2, dof))
        low, high = projected - t * se, projected + t * se
    return Trajectory(float(slope), projected, low, high, len(pts))


def _badges(target: PlanTarget, progress: KpiProgress, seen: Trajectory) -> tuple[list[str], list[str]]:
    badges: list[str] = []
    reasons: list[str] = []
    if target.definition_break:
        badges.append("definition-break")
        reasons.append(target.definition_break)
    if target.proxy:
        badges.append("proxy")
        reasons.append(target.proxy)
    if progress.latest_value is None:
        badges.append("no-data")
        reasons.append("no observation after the baseline: progress cannot be judged")
    elif seen.points < MIN_POINTS:
        badges.append("few-points")
        reasons.append(f"only {seen.points} observation(s): no trend interval can be estimated")
    if target.baseline_estimated:
        badges.append("baseline-estimated")
        reasons.append(target.baseline_estimated)
    return badges, reasons


QUALIFIER_NL = {
    "definition-break": "definitiebreuk",
    "proxy": "benaderende reeks",
    "baseline-estimated": "geschatte basiswaarde",
    "few-points": "weinig waarnemingen",
}
STATUS_NL = {
    "achieved": "doel gehaald",
    "on-track": "op koers",
    "off-track": "niet op koers",
    "no-data": "geen gegevens",
}


def _verdict(progress: KpiProgress, badges: Sequence[str], reasons: Sequence[str]) -> str:
    status = STATUS_NL.get(progress.status, progress.status)
    if progress.status == "no-data":
        return f"{status}: {reasons[badges.index('no-data')]}" if "no-data" in badges else status
    caveats = [r for b, r in zip(badges, reasons, strict=True) if b != "no-data"]
    qualifiers = [QUALIFIER_NL[b] for b in badges if b in QUALIFIER_NL]
    if qualifiers:
        status = f"{status} (onzeker: {', '.join(qualifiers)})"
    return "; ".join([status, *caveats])


def evaluate_target(target: PlanTarget, series: Series | None, measures: Iterable[str] = ()) -> DashboardRow:
    progress = kpi_progress(target.kpi, series)
    seen = seen_trajectory(series, progress.baseline_year, target.kpi.target_year)
    badges, reasons = _badges(target, progress, seen)
    return DashboardRow(
        target, progress, seen, tuple(badges), tuple(reasons), _verdict(progress, badges, reasons), tuple(measures)
    )


def measure_links(measures: Sequence[Measure]) -> dict[str, list[str]]:
    """Target id -> ids of the measures whose KPI is that target (same indicator, region, value and year)."""
    out: dict[str, list[str]] = {}
    for target in PLAN_TARGETS:
        key = (target.kpi.indicator, target.kpi.region, target.kpi.target_year)
        for m in measures:
            if any((k.indicator, k.region, k.target_year) == key for k in m.kpis):
                out.setdefault(target.id, []).append(m.id)
    return out


def dashboard(series: Mapping[str, Series], measures: Sequence[Measure] = ()) -> list[DashboardRow]:
    """Every plan target evaluated against ``series`` (indicator id -> the NL series), once each."""
    links = measure_links(measures)
    return [evaluate_target(t, series.get(t.kpi.indicator), links.get(t.id, ())) for t in PLAN_TARGETS]
