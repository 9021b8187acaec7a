"""Reports: one measure (status, budget, indicators with charts, KPI progress, effect estimates) and the plan.

:func:`build_measure_report` gathers what a report shows from plain inputs (the measure, indicator definitions,
observations and history, which the caller reads from the store). For each linked indicator it asks the
evaluation engine for an effect estimate **only where a design applies** (see :func:`plan_evaluation`);
otherwise the report says "descriptive, no causal claim" and why. :func:`render_measure_report` and
:func:`render_overview` write self-contained HTML (inline SVG charts, print styles) or Markdown.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, select_autoescape

from krapte.errors import KrapteError
from krapte.monitor.charts import indicator_chart, kpi_chart
from krapte.monitor.indicators import (
    Indicator,
    Observation,
    Series,
    panel_frame,
    period_position,
    region_kind,
    to_series,
)
from krapte.monitor.kpi import KpiProgress, kpi_progress
from krapte.monitor.measures import (
    BUDGET_STATUSES,
    PILLARS,
    VERIFICATION_LABELS,
    LinkedIndicator,
    Measure,
)

MIN_PRE_PERIODS_ITS = 8
MIN_POST_PERIODS = 2
MIN_CONTROL_REGIONS = 3

TEXT: dict[str, dict[str, str]] = {
    "report": {"nl": "Rapport maatregel", "en": "Measure report"},
    "overview": {"nl": "Overzicht maatregelen per pijler", "en": "Measures per pillar"},
    "status": {"nl": "Status", "en": "Status"},
    "active": {"nl": "actief", "en": "active"},
    "retired": {"nl": "beëindigd", "en": "retired"},
    "pillars": {"nl": "Pijlers", "en": "Pillars"},
    "instrument": {"nl": "Instrument", "en": "Instrument"},
    "ministry": {"nl": "Verantwoordelijk ministerie", "en": "Lead ministry"},
    "delivery": {"nl": "Uitvoering", "en": "Delivery"},
    "period": {"nl": "Looptijd", "en": "Period"},
    "targets": {"nl": "Doelgroepen", "en": "Target groups"},
    "geography": {"nl": "Geografie", "en": "Geography"},
    "verification": {"nl": "Verificatie", "en": "Verification"},
    "budget": {"nl": "Budget", "en": "Budget"},
    "amount": {"nl": "Bedrag", "en": "Amount"},
    "year": {"nl": "Jaar", "en": "Year"},
    "note": {"nl": "Toelichting", "en": "Note"},
    "no_budget": {"nl": "Geen budget bekend.", "en": "No budget known."},
    "indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "no_indicators": {"nl": "Geen gekoppelde indicatoren.", "en": "No linked indicators."},
    "direction": {"nl": "verwachte richting", "en": "expected direction"},
    "increase": {"nl": "stijging", "en": "increase"},
    "decrease": {"nl": "daling", "en": "decrease"},
    "lag": {"nl": "vertraging (maanden)", "en": "lag (months)"},
    "latest": {"nl": "laatste waarde", "en": "latest value"},
    "kpis": {"nl": "Doelen (KPI's)", "en": "Targets (KPIs)"},
    "effect": {"nl": "Effectschatting", "en": "Effect estimate"},
    "descriptive": {"nl": "beschrijvend, geen causale claim", "en": "descriptive, no causal claim"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "history": {"nl": "Wijzigingsgeschiedenis", "en": "Change history"},
    "notes": {"nl": "Opmerkingen", "en": "Notes"},
    "national": {"nl": "landelijk", "en": "national"},
    "measures": {"nl": "maatregelen", "en": "measures"},
    "total_budget": {"nl": "Budget totaal", "en": "Total budget"},
    "required": {"nl": "benodigde groei per jaar", "en": "required growth per year"},
    "actual": {"nl": "gerealiseerde groei per jaar", "en": "actual growth per year"},
    "on-track": {"nl": "op koers", "en": "on track"},
    "off-track": {"nl": "niet op koers", "en": "off track"},
    "achieved": {"nl": "behaald", "en": "achieved"},
    "no-data": {"nl": "geen gegevens", "en": "no data"},
    "interval": {"nl": "interval", "en": "interval"},
    "grade": {"nl": "betrouwbaarheid", "en": "credibility grade"},
    "retrieved": {"nl": "geraadpleegd", "en": "retrieved"},
}


def tr(key: str, lang: str) -> str:
    texts = TEXT.get(key)
    return texts.get(lang, texts["nl"]) if texts else key


def eur(amount: float) -> str:
    """Euros the Dutch way: € 152,5 mln, € 2.700."""
    if amount >= 1_000_000:
        return f"€ {amount / 1_000_000:,.1f} mln".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"€ {amount:,.0f}".replace(",", ".")


def number(value: float | None, digits: int | None = None) -> str:
    """A number with Dutch separators; without ``digits``, one decimal below 100 and none above."""
    if value is None:
        return "–"
    if digits is None:
        digits = 1 if abs(value) < 100 and value != int(value) else 0
    text = f"{value:,.{digits}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def percent(value: float | None) -> str:
    return "–" if value is None else number(100 * value, 1) + " %"


@dataclass
class Evaluation:
    """An effect estimate from the engine, or the reason there is none ("descriptive, no causal claim")."""

    indicator: str
    design: str
    reason: str = ""
    result: dict[str, Any] | None = None
    plot_svg: str = ""
    reason_nl: str = ""

    def reason_in(self, lang: str) -> str:
        """The reason in Dutch (the default) or English."""
        return self.reason_nl if lang == "nl" and self.reason_nl else self.reason

    @property
    def causal(self) -> bool:
        return bool(self.result and self.result.get("causal"))


@dataclass
class IndicatorView:
    link: LinkedIndicator
    indicator: Indicator | None
    series: list[Series]
    chart_svg: str
    evaluation: Evaluation


@dataclass
class KpiView:
    progress: KpiProgress
    unit: str
    chart_svg: str


@dataclass
class MeasureReport:
    measure: Measure
    version: int | None
    indicators: list[IndicatorView] = field(default_factory=list)
    kpis: list[KpiView] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure.to_dict(),
            "version": self.version,
            "budget_by_status": self.measure.budget_by_status(),
            "indicators": [
                {
                    "indicator": v.link.indicator,
                    "direction": v.link.direction,
                    "lag_months": v.link.lag_months,
                    "series": [{"region": s.region, "points": [list(p) for p in s.points]} for s in v.series],
                    "evaluation": {
                        "design": v.evaluation.design,
                        "reason": v.evaluation.reason,
                        "result": v.evaluation.result,
                    },
                }
                for v in self.indicators
            ],
            "kpis": [k.progress.to_dict() for k in self.kpis],
            "history": self.history,
        }


def _svg(data: bytes) -> str:
    text = data.decode("utf-8")
    return text[text.find("<svg") :]


def _period_like(start: str, example: str) -> str:
    """A measure date (2024, 2024-03, 2024-03-15) in the period form of a series (2024, 2024Q1, 2024M03)."""
    year = start[:4]
    month = int(start[5:7]) if len(start) >= 7 else 1
    if "Q" in example:
        return f"{year}Q{(month - 1) // 3 + 1}"
    if "M" in example:
        return f"{year}M{month:02d}"
    return year


def plan_evaluation(
    measure: Measure, link: LinkedIndicator, observations: Sequence[Observation], *, bootstrap: int = 199
) -> Evaluation:
    """Run the evaluation engine where a design applies; otherwise say why the result stays descriptive.

    - **regional roll-out** (``measure.rollout``) and the indicator observed in the treated regions and in at
      least three untreated regions of the same kind → ``design="auto"`` with the staggered start per region
      (the engine picks difference-in-differences or synthetic control and grades it);
    - **national measure with a start date** and at least 8 periods before and 2 after → interrupted time
      series on the national series;
    - otherwise: descriptive, no causal claim.
    """
    try:
        from krapte.monitor.evaluate import evaluate
    except ImportError:  # the engine is part of the package; guard anyway so reports never break
        return Evaluation(
            link.indicator,
            "descriptive",
            "the evaluation engine is not available",
            reason_nl="evaluatie niet beschikbaar",
        )
    obs = [o for o in observations if o.indicator == link.indicator]
    if not obs:
        return Evaluation(
            link.indicator,
            "descriptive",
            "no observations of this indicator",
            reason_nl="geen waarnemingen van deze indicator",
        )
    try:
        if measure.rollout:
            kind = region_kind(measure.rollout[0].region)
            regional = [o for o in obs if region_kind(o.region) == kind]
            regions = {o.region for o in regional}
            treated = {r.region: r.start for r in measure.rollout if r.region in regions}
            controls = regions - set(treated)
            if treated and len(controls) >= MIN_CONTROL_REGIONS:
                example = regional[0].period
                frame = panel_frame(regional)
                result = evaluate(
                    frame,
                    design="auto",
                    unit="region",
                    time="period",
                    outcome="value",
                    treated={r: _period_like(s, example) for r, s in treated.items()},
                    bootstrap=bootstrap,
                )
                return _from_result(link.indicator, result)
            return Evaluation(
                link.indicator,
                "descriptive",
                f"the indicator is observed in {len(treated)} treated and {len(controls)} untreated regions of kind "
                f"{kind}; a regional design needs at least 1 and {MIN_CONTROL_REGIONS}",
                reason_nl=f"de indicator is waargenomen in {len(treated)} behandelde en {len(controls)} onbehandelde "
                f"regio's van het type {kind}; een regionaal ontwerp vraagt er minstens 1 en {MIN_CONTROL_REGIONS}",
            )
        national = [o for o in obs if o.region == "NL"]
        if measure.geography.kind == "national" and measure.start and national:
            start = _period_like(measure.start, national[0].period)
            frame = panel_frame(national)
            pre = int((frame["position"] < period_position(start)).sum())
            post = len(frame) - pre
            if pre >= MIN_PRE_PERIODS_ITS and post >= MIN_POST_PERIODS:
                result = evaluate(
                    frame,
                    design="its",
                    unit="region",
                    time="period",
                    outcome="value",
                    treated=["NL"],
                    treatment_start=start,
                    bootstrap=bootstrap,
                )
                return _from_result(link.indicator, result)
            return Evaluation(
                link.indicator,
                "descriptive",
                f"the national series has {pre} periods before and {post} from the start ({start}); an interrupted "
                f"time series needs at least {MIN_PRE_PERIODS_ITS} and {MIN_POST_PERIODS}",
                reason_nl=f"de landelijke reeks heeft {pre} perioden vóór en {post} vanaf de start ({start}); een "
                f"onderbroken tijdreeks vraagt er minstens {MIN_PRE_PERIODS_ITS} en {MIN_POST_PERIODS}",
            )
        return Evaluation(
            link.indicator,
            "descriptive",
            "no regional roll-out dates and no national start date with a long enough series",
            reason_nl="geen regionale invoerdata en geen landelijke startdatum met een lange genoeg reeks",
        )
    except KrapteError as exc:
        return Evaluation(
            link.indicator, "descriptive", f"the engine declined: {exc}", reason_nl=f"de evaluatie weigerde: {exc}"
        )


def _from_result(indicator: str, result: Any) -> Evaluation:
    body = result.to_dict()
    try:
        plot = _svg(result.plot(format="svg"))
    except Exception:  # a plot failure must not hide the estimate
        plot = ""
    design = body["design"] if body.get("causal") else "descriptive"
    return Evaluation(indicator, design, "" if body.get("causal") else str(body.get("label", "")), body, plot)


def build_measure_report(
    measure: Measure,
    *,
    indicators: Mapping[str, Indicator],
    observations: Sequence[Observation],
    history: Sequence[dict[str, Any]] = (),
    version: int | None = None,
    evaluate: bool = True,
) -> MeasureReport:
    """Everything a measure report shows; charts are rendered as SVG text."""
    report = MeasureReport(measure=measure, version=version, history=list(history))
    all_series = to_series(observations)
    markers = [(measure.start, "start")] if measure.start else []
    for link in measure.indicators:
        indicator = indicators.get(link.indicator)
        series = [s for s in all_series if s.indicator == link.indicator]
        wanted = {"NL", *(r.region for r in measure.rollout), *measure.geography.regions}
        shown = [s for s in series if s.region in wanted] or series[:1]
        chart_markers = [(_period_like(d, shown[0].periods[0]), label) for d, label in markers] if shown else []
        chart = indicator_chart(
            shown,
            title=indicator.name_nl if indicator else link.indicator,
            unit=indicator.unit if indicator else "",
            source=indicator.source if indicator else "",
            markers=chart_markers,
            fmt="svg",
        )
        evaluation = (
            plan_evaluation(measure, link, observations)
            if evaluate
            else Evaluation(
                link.indicator, "descriptive", "evaluation not requested", reason_nl="geen evaluatie gevraagd"
            )
        )
        report.indicators.append(IndicatorView(link, indicator, shown, _svg(chart), evaluation))
    for kpi in measure.kpis:
        series_kpi = next((s for s in all_series if s.indicator == kpi.indicator and s.region == kpi.region), None)
        progress = kpi_progress(kpi, series_kpi)
        indicator = indicators.get(kpi.indicator)
        unit = indicator.unit if indicator else ""
        chart = kpi_chart(progress, series_kpi, unit=unit, source=indicator.source if indicator else "", fmt="svg")
        report.kpis.append(KpiView(progress, unit, _svg(chart)))
    return report


# ---------------------------------------------------------------------- rendering
_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["eur"] = eur
_env.filters["number"] = number
_env.filters["percent"] = percent

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#222;line-height:1.4;
overflow-wrap:anywhere}
h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .4rem;
text-align:left;vertical-align:top}th{background:#f0f4f8}.muted{color:#666;font-size:.85rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#eef;font-size:.85rem}
.off-track{background:#fde2e2}.on-track,.achieved{background:#e2f5e2}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}.chart,table{page-break-inside:avoid}
a{color:#222;text-decoration:none}}
"""

_MEASURE_HTML = (
    """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ m.id }} – {{ m.title(lang) }}</title><style>"""
    + _STYLE
    + """</style></head><body>
<p class="muted">krapte · {{ t('report') }} · {{ m.id }}{% if r.version %} · versie {{ r.version }}{% endif %}</p>
<h1>{{ m.title(lang) }}</h1>
{% if m.summary %}<p>{{ m.summary }}</p>{% endif %}
<table>
<tr><th>{{ t('status') }}</th><td><span class="badge">{{ t(m.status) }}</span></td></tr>
<tr><th>{{ t('pillars') }}</th><td>{% for p in m.pillars %}{{ p }}: {{ pillars[p][lang] }}<br>{% endfor %}</td></tr>
<tr><th>{{ t('instrument') }}</th><td>{{ m.instrument_type }}</td></tr>
<tr><th>{{ t('ministry') }}</th><td>{{ m.lead_ministry }}</td></tr>
<tr><th>{{ t('delivery') }}</th><td>{{ m.delivery_organisation or '–' }}</td></tr>
<tr><th>{{ t('period') }}</th><td>{% if m.start or m.end %}{{ m.start or '?' }} – {{ m.end }}{% else %}–{% endif
 %}</td></tr>
<tr><th>{{ t('targets') }}</th><td>{{ m.target_groups|join(', ') or '–' }}</td></tr>
<tr><th>{{ t('geography') }}</th><td>{% if m.geography.kind == 'national' %}{{ t('national') }}{% else %}{{
 m.geography.kind }}: {{ m.geography.regions|join(', ') or '–' }}{% endif %}</td></tr>
<tr><th>{{ t('verification') }}</th><td>{{ verification[m.verification_status][lang] }}</td></tr>
</table>
<h2>{{ t('budget') }}</h2>
{% if m.budget %}<table><tr><th>{{ t('amount') }}</th><th>{{ t('status') }}</th><th>{{ t('year') }}</th>
<th>{{ t('note') }}</th></tr>
{% for b in m.budget %}<tr><td>{{ b.amount_eur|eur }}</td><td>{{ b.status }}</td><td>{{ b.year or '' }}</td>
<td>{{ b.note }}</td></tr>{% endfor %}
{% for s, v in m.budget_by_status().items() %}<tr><th>{{ s }}</th><td colspan="3">{{ v|eur }}</td></tr>{% endfor %}
</table>{% else %}<p>{{ t('no_budget') }}</p>{% endif %}
<h2>{{ t('indicators') }}</h2>
{% if not r.indicators %}<p>{{ t('no_indicators') }}</p>{% endif %}
{% for v in r.indicators %}<section class="indicator" data-indicator="{{ v.link.indicator }}">
<h3>{{ v.indicator.name(lang) if v.indicator else v.link.indicator }}</h3>
<p class="muted">{{ t('direction') }}: {{ t(v.link.direction) }} · {{ t('lag') }}: {{ v.link.lag_months }}{% if
 v.indicator %} · {{ v.indicator.unit }} · {{ v.indicator.source }}{% endif %}</p>
<div class="chart">{{ v.chart_svg|safe }}</div>
<p><strong>{{ t('effect') }}:</strong>
{% if v.evaluation.causal %}{{ v.evaluation.result.design }}: {{ v.evaluation.result.estimate|number(3) }}
 ({{ t('interval') }} {{ v.evaluation.result.ci_low|number(3) }} – {{ v.evaluation.result.ci_high|number(3) }});
 {{ t('grade') }} {{ v.evaluation.result.grade }}. {{ v.evaluation.result.label }}
 <br><span class="muted">{{ v.evaluation.result.grade_reasons|join('; ') }}</span>
 <div class="chart">{{ v.evaluation.plot_svg|safe }}</div>
{% else %}<span class="badge">{{ t('descriptive') }}</span>
 <span class="muted">{{ v.evaluation.reason_in(lang) }}</span>{% endif %}
</p></section>{% endfor %}
{% if r.kpis %}<h2>{{ t('kpis') }}</h2>{% for k in r.kpis %}<section class="kpi">
<p><strong>{{ k.progress.label or k.progress.indicator }}</strong>: <span class="badge {{ k.progress.status }}">{{
 t(k.progress.status) }}</span><br>
{{ t('required') }}: {{ k.progress.required_annual_growth|percent }} · {{ t('actual') }}: {{
 k.progress.actual_annual_growth|percent }} · {{ t('latest') }}: {{ k.progress.latest_value|number }} {{ k.unit }}
 ({{ k.progress.latest_period or '–' }})</p><div class="chart">{{ k.chart_svg|safe }}</div></section>
{% endfor %}{% endif %}
<h2>{{ t('sources') }}</h2><ol>{% for s in m.sources %}<li>{{ s.document }}{% if s.locator %}, {{ s.locator }}{% endif
 %}{% if s.url %}, <a href="{{ s.url }}">{{ s.url }}</a>{% endif %}{% if s.retrieved %} ({{ t('retrieved') }} {{
 s.retrieved }}){% endif %}{% if s.quote %}<br><q class="muted">{{ s.quote }}</q>{% endif %}</li>{% endfor %}</ol>
{% if m.notes %}<h2>{{ t('notes') }}</h2><p>{{ m.notes }}</p>{% endif %}
{% if r.history %}<h2>{{ t('history') }}</h2><table><tr><th>v</th><th>when</th><th>who</th><th>what</th></tr>
{% for h in r.history %}<tr><td>{{ h.version }}</td><td>{{ h.at[:19] if h.at else '' }}</td><td>{{ h.actor }}</td>
<td>{{ h.action }}: {{ h.changes|map(attribute='field')|join(', ') }}</td></tr>{% endfor %}</table>{% endif %}
</body></html>"""
)

_OVERVIEW_HTML = (
    """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ t('overview') }}</title><style>"""
    + _STYLE
    + """</style></head><body><p class="muted">krapte · Actieplan Groene en Digitale Banen</p>
<h1>{{ t('overview') }}</h1>
{% for p, items in groups %}<h2>{{ p }}: {{ pillars[p][lang] }} ({{ items|length }} {{ t('measures') }})</h2>
<table><tr><th>id</th><th>{{ t('report') }}</th><th>{{ t('ministry') }}</th><th>{{ t('total_budget') }}</th>
<th>{{ t('verification') }}</th></tr>
{% for m in items %}<tr><td>{{ m.id }}</td><td>{{ m.title(lang) }}{% if m.status == 'retired' %} ({{ t('retired') }}){%
 endif %}</td><td>{{ m.lead_ministry }}</td><td>{{ m.budget_total()|eur if m.budget else '–' }}</td>
<td>{{ verification[m.verification_status][lang] }}</td></tr>{% endfor %}</table>{% endfor %}
</body></html>"""
)


def _context(lang: str) -> dict[str, Any]:
    return {
        "lang": lang,
        "t": lambda key: tr(key, lang),
        "pillars": PILLARS,
        "verification": VERIFICATION_LABELS,
        "statuses": BUDGET_STATUSES,
    }


def render_measure_report(report: MeasureReport, *, fmt: str = "html", lang: str = "nl") -> str:
    """The report as a printable HTML page (inline SVG charts) or as Markdown."""
    if fmt == "html":
        return _env.from_string(_MEASURE_HTML).render(r=report, m=report.measure, **_context(lang))
    if fmt == "md":
        return _measure_markdown(report, lang)
    raise KrapteError(f"report format {fmt!r} is not supported", hint="use html or md")


def _measure_markdown(report: MeasureReport, lang: str) -> str:
    m = report.measure
    lines = [f"# {m.title(lang)} ({m.id})", ""]
    if m.summary:
        lines += [m.summary, ""]
    lines += [
        f"- **{tr('status', lang)}**: {tr(m.status, lang)}",
        f"- **{tr('pillars', lang)}**: " + "; ".join(f"{p} {PILLARS[p][lang]}" for p in m.pillars),
        f"- **{tr('instrument', lang)}**: {m.instrument_type}",
        f"- **{tr('ministry', lang)}**: {m.lead_ministry}",
        f"- **{tr('delivery', lang)}**: {m.delivery_organisation or '–'}",
        f"- **{tr('period', lang)}**: " + (f"{m.start or '?'} – {m.end}" if m.start or m.end else "–"),
        f"- **{tr('verification', lang)}**: {VERIFICATION_LABELS[m.verification_status][lang]}",
        "",
        f"## {tr('budget', lang)}",
        "",
    ]
    if m.budget:
        lines += [f"| {tr('amount', lang)} | {tr('status', lang)} | {tr('year', lang)} | {tr('note', lang)} |"]
        lines += ["|---|---|---|---|"]
        lines += [f"| {eur(b.amount_eur)} | {b.status} | {b.year or ''} | {b.note} |" for b in m.budget]
    else:
        lines.append(tr("no_budget", lang))
    lines += ["", f"## {tr('indicators', lang)}", ""]
    for v in report.indicators:
        name = v.indicator.name(lang) if v.indicator else v.link.indicator
        latest = [f"{s.region} {s.latest()[0]}: {number(s.latest()[1], 1)}" for s in v.series if s.latest()]  # type: ignore[index]
        lines.append(f"- **{name}** ({tr(v.link.direction, lang)}, lag {v.link.lag_months}); {'; '.join(latest)}")
        ev = v.evaluation
        if ev.causal and ev.result:
            res = ev.result
            lines.append(
                f"  - {tr('effect', lang)}: {res['design']} {number(res['estimate'], 3)} "
                f"[{number(res['ci_low'], 3)}, {number(res['ci_high'], 3)}], {tr('grade', lang)} {res['grade']}"
            )
        else:
            lines.append(f"  - {tr('effect', lang)}: {tr('descriptive', lang)} ({ev.reason_in(lang)})")
    if report.kpis:
        lines += ["", f"## {tr('kpis', lang)}", ""]
        for k in report.kpis:
            p = k.progress
            lines.append(
                f"- **{p.label or p.indicator}**: {tr(p.status, lang)}; {tr('required', lang)} "
                f"{percent(p.required_annual_growth)}, {tr('actual', lang)} {percent(p.actual_annual_growth)}, "
                f"{tr('latest', lang)} {number(p.latest_value)} ({p.latest_period or '–'})"
            )
    lines += ["", f"## {tr('sources', lang)}", ""]
    for s in m.sources:
        where = f", {s.locator}" if s.locator else ""
        url = f", <{s.url}>" if s.url else ""
        lines.append(f"1. {s.document}{where}{url} ({tr('retrieved', lang)} {s.retrieved})")
    if m.notes:
        lines += ["", f"## {tr('notes', lang)}", "", m.notes]
    return "\n".join(lines) + "\n"


def group_by_pillar(measures: Sequence[Measure]) -> list[tuple[str, list[Measure]]]:
    """Measures per pillar (a measure with two pillars appears under both), pillars in order P1–P4."""
    return [(p, [m for m in measures if p in m.pillars]) for p in PILLARS]


def render_overview(measures: Sequence[Measure], *, fmt: str = "html", lang: str = "nl") -> str:
    """The plan-wide overview per pillar."""
    groups = group_by_pillar(measures)
    if fmt == "html":
        return _env.from_string(_OVERVIEW_HTML).render(groups=groups, **_context(lang))
    if fmt == "md":
        lines = [f"# {tr('overview', lang)}", ""]
        for p, items in groups:
            lines += [f"## {p}: {PILLARS[p][lang]} ({len(items)})", ""]
            lines += [
                f"- {m.id}: {m.title(lang)} — {m.lead_ministry}; "
                f"{eur(m.budget_total()) if m.budget else '–'}; {VERIFICATION_LABELS[m.verification_status][lang]}"
                for m in items
            ]
            lines.append("")
        return "\n".join(lines)
    raise KrapteError(f"report format {fmt!r} is not supported", hint="use html or md")


def png_data_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
