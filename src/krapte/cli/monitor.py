"""Monitor commands: ``krapte measures …``, ``krapte indicators …`` and ``krapte kpi …``.

Each command parses its options, calls one service (:mod:`krapte.services.monitor`) and renders the result as
text or, with ``--json``, as JSON. Changes are recorded under the operating-system user (``cli:<user>``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from krapte.cli.common import context, echo_json, json_option
from krapte.errors import InputError, ValidationError

comment_option = click.option("--comment", default="", help="Why, for the history.")
version_option = click.option(
    "--version",
    "expected_version",
    type=int,
    default=None,
    help="The version you edited (from `measures show`); the edit is refused if someone saved after it.",
)


def register(main: click.Group) -> None:
    main.add_command(measures)
    main.add_command(indicators)
    main.add_command(kpi)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("file not found", file=str(path)) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=str(path), line=exc.lineno, column=str(exc.colno)) from None


def _parse_sets(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``field=value`` pairs; the value is read as JSON when it parses (lists, numbers), else as text."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValidationError(f"--set {pair!r} is not field=value", hint='e.g. --set end=2025 --set pillars=["P1"]')
        key, raw = pair.split("=", 1)
        try:
            changes[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            changes[key.strip()] = raw
    return changes


def _write_or_echo(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"written to {output}", err=True)


def _where(pairs: tuple[str, ...]) -> dict[str, list[str]]:
    where: dict[str, list[str]] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValidationError(f"--where {pair!r} is not COLUMN=VALUE", hint="e.g. --where BronEnTechniek=E006637")
        key, value = pair.split("=", 1)
        where.setdefault(key.strip(), []).extend(v.strip() for v in value.split(","))
    return where


# ====================================================================== measures
@click.group()
def measures() -> None:
    """The measures registry of the action plan: list, show, create, edit, retire, history, export, report."""


@measures.command("list")
@click.option("--pillar", type=click.Choice(["P1", "P2", "P3", "P4"]), default=None, help="Only this pillar.")
@click.option("--all", "include_retired", is_flag=True, help="Include retired measures.")
@json_option
def measures_list(pillar: str | None, include_retired: bool, as_json: bool) -> None:
    """List measures (id, pillars, title, budget)."""
    from krapte.monitor.report import eur
    from krapte.services.monitor import list_measures

    found = list_measures(context(), include_retired=include_retired, pillar=pillar)
    if as_json:
        echo_json([m.to_dict() for m in found])
        return
    click.echo(f"{'id':32} {'pillars':11} {'budget':>14}  title")
    for m in found:
        budget = eur(m.budget_total()) if m.budget else "–"
        retired = " [retired]" if m.status == "retired" else ""
        click.echo(f"{m.id:32} {','.join(m.pillars):11} {budget:>14}  {m.title_nl}{retired}")
    click.echo(f"{len(found)} measure(s)", err=True)


@measures.command("show")
@click.argument("measure_id")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@json_option
def measures_show(measure_id: str, lang: str, as_json: bool) -> None:
    """Show one measure as readable text (--json: the record with its version)."""
    from krapte.monitor.measure_form import measure_text
    from krapte.services.monitor import get_measure

    measure, version = get_measure(context(), measure_id)
    if as_json:
        echo_json({**measure.to_dict(), "version": version})
        return
    click.echo(measure_text(measure, lang))
    click.echo(f"  {'versie' if lang == 'nl' else 'version'}: {version}")


@measures.command("create")
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False), help="A measure as JSON.")
@click.option("--id", "measure_id", default=None, help="Id (when not using --file).")
@click.option("--title", default=None, help="Dutch title.")
@click.option("--pillar", "pillars", multiple=True, help="Pillar P1–P4 (repeatable).")
@click.option("--instrument", default="programme", show_default=True, help="Instrument type.")
@click.option("--ministry", default=None, help="Lead ministry.")
@click.option("--set", "sets", multiple=True, help="Any other field as field=value (value may be JSON).")
@comment_option
@json_option
def measures_create(
    file: Path | None,
    measure_id: str | None,
    title: str | None,
    pillars: tuple[str, ...],
    instrument: str,
    ministry: str | None,
    sets: tuple[str, ...],
    comment: str,
    as_json: bool,
) -> None:
    """Add a measure, from a JSON file or from options."""
    from krapte.monitor.measures import Measure
    from krapte.services.monitor import create_measure

    if file is not None:
        data = _read_json(file)
        where = str(file)
    else:
        data = {
            "id": measure_id,
            "title_nl": title,
            "pillars": list(pillars),
            "instrument_type": instrument,
            "lead_ministry": ministry,
            "verification_status": "unverified",
        }
        where = None
    data.update(_parse_sets(sets))
    measure = Measure.from_dict(data, where=where)
    measure, version = create_measure(context(), measure.to_dict(), comment=comment)
    if as_json:
        echo_json({"id": measure.id, "version": version})
    else:
        click.echo(f"created {measure.id} (version {version})")


@measures.command("edit")
@click.argument("measure_id")
@click.option("--set", "sets", multiple=True, help="field=value (value may be JSON, e.g. a list).")
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False), help="Changed fields as JSON.")
@version_option
@comment_option
@json_option
def measures_edit(
    measure_id: str,
    sets: tuple[str, ...],
    file: Path | None,
    expected_version: int | None,
    comment: str,
    as_json: bool,
) -> None:
    """Change fields of a measure; the history records who changed what."""
    from krapte.services.monitor import update_measure

    changes = _read_json(file) if file else {}
    changes.update(_parse_sets(sets))
    if not changes:
        raise ValidationError("nothing to change", hint="pass --set field=value or --file changes.json")
    _, version = update_measure(context(), measure_id, changes, expected_version=expected_version, comment=comment)
    if as_json:
        echo_json({"id": measure_id, "version": version})
    else:
        click.echo(f"saved {measure_id} (version {version})")


@measures.command("retire")
@click.argument("measure_id")
@version_option
@comment_option
@json_option
def measures_retire(measure_id: str, expected_version: int | None, comment: str, as_json: bool) -> None:
    """Retire a measure (kept, with its history)."""
    from krapte.services.monitor import retire_measure

    _, version = retire_measure(context(), measure_id, expected_version=expected_version, comment=comment)
    if as_json:
        echo_json({"id": measure_id, "version": version, "status": "retired"})
    else:
        click.echo(f"retired {measure_id} (version {version})")


@measures.command("history")
@click.argument("measure_id")
@json_option
def measures_history(measure_id: str, as_json: bool) -> None:
    """Who changed what, when."""
    from krapte.services.monitor import measure_history

    rows = measure_history(context(), measure_id)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"v{row['version']} {row['at'][:19]} {row['actor']} {row['action']}: {row['comment']}")
        for change in row["changes"]:
            old = json.dumps(change["old"], ensure_ascii=False)
            new = json.dumps(change["new"], ensure_ascii=False)
            click.echo(f"    {change['field']}: {old[:60]} -> {new[:60]}")


@measures.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), default=None)
@click.option("--all", "include_retired", is_flag=True, help="Include retired measures.")
def measures_export(fmt: str, output: Path | None, include_retired: bool) -> None:
    """Export the registry as CSV or JSON."""
    from krapte.services.monitor import export_measures

    _write_or_echo(export_measures(context(), fmt, include_retired=include_retired), output)  # type: ignore[arg-type]


@measures.command("report")
@click.argument("measure_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html", show_default=True)
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), default=None)
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--no-evaluate", is_flag=True, help="Skip effect estimation (faster).")
def measures_report(measure_id: str | None, fmt: str, output: Path | None, lang: str, no_evaluate: bool) -> None:
    """Report on one measure, or without MEASURE_ID the plan-wide overview per pillar."""
    from krapte.monitor.report import render_measure_report, render_overview
    from krapte.services.monitor import list_measures, measure_report

    ctx = context()
    if measure_id is None:
        items = list_measures(ctx)
        text = (
            json.dumps([m.to_dict() for m in items], ensure_ascii=False)
            if fmt == "json"
            else render_overview(items, fmt=fmt, lang=lang)
        )
    else:
        report = measure_report(ctx, measure_id, evaluate=not no_evaluate)
        if fmt == "json":
            text = json.dumps(report.to_dict(), ensure_ascii=False, default=str)
        else:
            text = render_measure_report(report, fmt=fmt, lang=lang)
    _write_or_echo(text, output)


@measures.command("algoritmeregister")
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True)
def measures_algoritmeregister(fmt: str) -> None:
    """krapte's matching and extraction in the fields of the Algoritmeregister standard (draft to complete)."""
    from krapte.monitor.algoritmeregister import algoritmeregister_markdown, algoritmeregister_record

    if fmt == "json":
        echo_json(algoritmeregister_record())
    else:
        click.echo(algoritmeregister_markdown())


# ====================================================================== indicators
@click.group()
def indicators() -> None:
    """The indicator panel: import CBS/DUO/UWV figures, list and show series."""


@indicators.command("import")
@click.argument("kind", type=click.Choice(["cbs-odata", "cbs-csv", "duo", "uwv"]))
@click.argument("path", type=click.Path(path_type=Path, exists=True))
@click.option("--topic", "topics", multiple=True, help="CBS: only these topics/measures (repeatable).")
@click.option("--where", "wheres", multiple=True, help="Keep rows with COLUMN=VALUE[,VALUE] (repeatable).")
@click.option("--table", default=None, help="cbs-csv: the table id (e.g. 85004NED).")
@click.option("--unit", "units", multiple=True, help="cbs-csv: TOPIC=UNIT (repeatable).")
@click.option("--indicator", "indicator_id", default=None, help="duo/uwv: id of the indicator to fill.")
@click.option("--name", default=None, help="duo/uwv: Dutch name of the indicator.")
@click.option("--indicator-unit", default="aantal", show_default=True, help="duo/uwv: unit.")
@click.option("--value-column", default=None, help="uwv: the column holding the value.")
@click.option("--sex", type=click.Choice(["man", "vrouw"]), default=None, help="duo: one sex only.")
@click.option("--vintage", default="", help="Version/date of the source data.")
@json_option
def indicators_import(
    kind: str,
    path: Path,
    topics: tuple[str, ...],
    wheres: tuple[str, ...],
    table: str | None,
    units: tuple[str, ...],
    indicator_id: str | None,
    name: str | None,
    indicator_unit: str,
    value_column: str | None,
    sex: str | None,
    vintage: str,
    as_json: bool,
) -> None:
    """Import a source into the panel (atomic: all or nothing)."""
    from krapte.monitor.importers.cbs import read_cbs_csv, read_cbs_odata
    from krapte.monitor.importers.duo import read_duo_csv
    from krapte.monitor.importers.uwv import read_uwv_csv
    from krapte.monitor.indicators import Indicator
    from krapte.services.monitor import import_panel

    where = _where(wheres)
    if kind == "cbs-odata":
        parsed = read_cbs_odata(path, topics=topics or None, where=where)
    elif kind == "cbs-csv":
        if not table:
            raise ValidationError("cbs-csv needs --table (the CBS table id)", hint="e.g. --table 85004NED")
        unit_map = dict(u.split("=", 1) for u in units if "=" in u)
        parsed = read_cbs_csv(path, table=table, units=unit_map, topics=topics or None, where=where, vintage=vintage)
    else:
        if not indicator_id or not name:
            raise ValidationError(f"{kind} needs --indicator ID and --name NAME", hint="name the indicator you fill")
        source = "DUO open onderwijsdata" if kind == "duo" else "UWV"
        indicator = Indicator(
            id=indicator_id, name_nl=name, unit=indicator_unit, source=f"{source}: {path.name}", licence="open data"
        )
        if kind == "duo":
            parsed = read_duo_csv(path, indicator=indicator, where=where, sex=sex, vintage=vintage)
        else:
            if not value_column:
                raise ValidationError("uwv needs --value-column", hint="the column holding the figure")
            parsed = read_uwv_csv(path, indicator=indicator, value_column=value_column, where=where, vintage=vintage)
    report = import_panel(context(), parsed)
    if as_json:
        echo_json({"counts": report.counts, "indicators": [i.id for i in parsed.indicators]})
    else:
        click.echo(", ".join(f"{k}: {v}" for k, v in sorted(report.counts.items())))
        for ind in parsed.indicators:
            click.echo(f"  {ind.id}  {ind.name_nl} [{ind.unit}]")


@indicators.command("list")
@json_option
def indicators_list(as_json: bool) -> None:
    """Indicators with unit, number of observations and source."""
    from krapte.services.monitor import list_indicators

    found = list_indicators(context())
    if as_json:
        echo_json([{**ind.to_dict(), "observations": n} for ind, n in found])
        return
    for ind, n in found:
        click.echo(f"{ind.id:40} {n:6}  {ind.name_nl} [{ind.unit}]")


@indicators.command("show")
@click.argument("indicator_id")
@click.option("--region", "regions", multiple=True, help="Only these regions (default: all).")
@click.option("--chart", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write a .png or .svg.")
@json_option
def indicators_show(indicator_id: str, regions: tuple[str, ...], chart: Path | None, as_json: bool) -> None:
    """One indicator: definition and values per region and period."""
    from krapte.monitor.charts import indicator_chart
    from krapte.monitor.indicators import to_series
    from krapte.services.monitor import get_indicator

    ind, obs = get_indicator(context(), indicator_id, regions=list(regions) or None)
    if chart is not None:
        fmt = chart.suffix.lstrip(".").lower()
        series = to_series(obs)[:8]
        chart.write_bytes(indicator_chart(series, title=ind.name_nl, unit=ind.unit, source=ind.source, fmt=fmt))
    if as_json:
        echo_json({"indicator": ind.to_dict(), "observations": [o.to_dict() for o in obs]})
        return
    click.echo(f"{ind.id}: {ind.name_nl} [{ind.unit}]\n  source: {ind.source}\n  {ind.definition}")
    for s in to_series(obs):
        values = ", ".join(f"{p} {v:g}" for p, v in s.points[-8:])
        click.echo(f"  {s.region:8} {values}")


# ====================================================================== KPI
@click.group()
def kpi() -> None:
    """Progress toward the targets of the action plan."""


@kpi.command("list")
@json_option
def kpi_list(as_json: bool) -> None:
    """Every target of the plan once: needed and seen growth, quality badges and a verdict with its caveats."""
    from krapte.monitor.kpi import growth_reason, growth_text
    from krapte.services.monitor import kpi_dashboard

    entries = kpi_dashboard(context())
    if as_json:
        echo_json([{**e.row.to_dict(), "status": e.row.progress.status} for e in entries])
        return
    for e in entries:
        d, p = e.row.to_dict(), e.row.progress
        click.echo(f"{d['id']}  [{p.status}]  {d['label']}")
        click.echo(f"  indicator: {d['indicator']}; measures: {', '.join(d['measures']) or '–'}")
        click.echo(f"  needed: {growth_text(p.required_annual_growth, 'en', reason=growth_reason(p, 'en'))}")
        click.echo(f"  actual: {growth_text(p.actual_annual_growth, 'en', reason=growth_reason(p, 'en'))}")
        seen = d["seen"]
        if seen["projected_at_target_year"] is not None:
            interval = (
                f" (80 % interval {seen['interval_low']:,.0f} – {seen['interval_high']:,.0f})"
                if seen["interval_low"] is not None
                else ""
            )
            click.echo(
                f"  trend seen: {seen['projected_at_target_year']:,.0f} in {p.target_year}{interval}, "
                f"{seen['points']} point(s)"
            )
        if d["badges"]:
            click.echo(f"  badges: {', '.join(d['badges'])}")
        click.echo(f"  verdict: {d['verdict']}")


@kpi.command("show")
@click.argument("measure_id")
@click.argument("indicator_id")
@click.option("--chart", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write a .png or .svg.")
@json_option
def kpi_show(measure_id: str, indicator_id: str, chart: Path | None, as_json: bool) -> None:
    """Progress of one measure's target for one indicator, optionally as a chart."""
    from krapte.monitor.charts import kpi_chart
    from krapte.services.monitor import kpi_progress_of

    progress, series, ind = kpi_progress_of(context(), measure_id, indicator_id)
    if chart is not None:
        fmt = chart.suffix.lstrip(".").lower()
        chart.write_bytes(kpi_chart(progress, series, unit=ind.unit, source=ind.source, fmt=fmt))
    if as_json:
        echo_json(progress.to_dict())
    else:
        for key, value in progress.to_dict().items():
            click.echo(f"{key}: {value}")
