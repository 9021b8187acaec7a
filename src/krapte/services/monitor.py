"""Monitor use cases: the measures registry, the indicator panel, KPI progress and measure reports.

Reading is public (the registry and the panel are public information). Writing needs ``registry.write``
(registry editors and admins); the history records the signed-in principal, never a name the caller typed.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from krapte.errors import ImportReport, NotFoundError, UnsupportedInputError, ValidationError
from krapte.monitor.importers import ParsedPanel
from krapte.monitor.indicators import Indicator, Observation, Series, to_series
from krapte.monitor.kpi import KpiProgress, kpi_progress
from krapte.monitor.measures import Measure
from krapte.monitor.report import MeasureReport, build_measure_report
from krapte.monitor.targets import DashboardRow
from krapte.services.context import Context
from krapte.store import monitor as repo

__all__ = [
    "IndicatorKind",
    "IndicatorUpload",
    "KpiDashboardEntry",
    "create_measure",
    "export_measures",
    "get_indicator",
    "get_measure",
    "import_indicator_upload",
    "import_panel",
    "indicator_chart",
    "kpi_chart",
    "kpi_dashboard",
    "kpi_dashboard_chart",
    "kpi_overview",
    "kpi_progress_of",
    "list_indicators",
    "list_measures",
    "measure_history",
    "measure_report",
    "overview",
    "retire_measure",
    "update_measure",
]

IndicatorKind = Literal["cbs-odata", "cbs-csv", "duo", "uwv"]


# ---------------------------------------------------------------------------------------------------- measures
def list_measures(ctx: Context, *, include_retired: bool = False, pillar: str | None = None) -> list[Measure]:
    return repo.list_measures(ctx.store, include_retired=include_retired, pillar=pillar)


def get_measure(ctx: Context, measure_id: str) -> tuple[Measure, int]:
    return repo.get_measure(ctx.store, measure_id)


def create_measure(ctx: Context, record: dict[str, Any], *, comment: str = "") -> tuple[Measure, int]:
    ctx.require("registry.write")
    measure = Measure.from_dict(record)
    version = repo.create_measure(ctx.store, measure, actor=ctx.actor, comment=comment[:2000])
    return measure, version


def update_measure(
    ctx: Context, measure_id: str, changes: dict[str, Any], *, expected_version: int | None, comment: str = ""
) -> tuple[Measure, int]:
    ctx.require("registry.write")
    if expected_version is None:
        raise ValidationError(
            "an edit must say which version it changes", hint='send If-Match: "<version>" or ?version=<version>'
        )
    changes = {k: v for k, v in changes.items() if k != "version"}
    return repo.update_measure(
        ctx.store, measure_id, changes, actor=ctx.actor, expected_version=expected_version, comment=comment[:2000]
    )


def retire_measure(
    ctx: Context, measure_id: str, *, expected_version: int | None, comment: str = ""
) -> tuple[Measure, int]:
    """Retire (never delete): the measure and its history stay."""
    ctx.require("registry.write")
    if expected_version is None:
        raise ValidationError("retiring must say which version it retires", hint='send If-Match: "<version>"')
    return repo.retire_measure(
        ctx.store, measure_id, actor=ctx.actor, expected_version=expected_version, comment=comment[:2000]
    )


def measure_history(ctx: Context, measure_id: str) -> list[dict[str, Any]]:
    """Every change, oldest first; the actor is shown by account name (ids of deleted accounts stay as they are)."""
    from krapte.store.accounts import usernames

    rows = repo.measure_history_of(ctx.store, measure_id)
    names = usernames(ctx.store, {r["actor"] for r in rows})
    return [{**r, "actor": names.get(r["actor"], r["actor"])} for r in rows]


def export_measures(ctx: Context, fmt: Literal["csv", "json"], *, include_retired: bool = False) -> str:
    from krapte.monitor.export import export_measures as _export

    return _export(repo.list_measures(ctx.store, include_retired=include_retired), fmt)


def overview(ctx: Context, fmt: Literal["html", "md"], lang: Literal["nl", "en"]) -> str:
    from krapte.monitor.report import render_overview

    return render_overview(repo.list_measures(ctx.store), fmt=fmt, lang=lang)


def measure_report(ctx: Context, measure_id: str, *, evaluate: bool = True) -> MeasureReport:
    """Everything the per-measure report shows; the evaluation engine runs here, not in the store."""
    measure, version = repo.get_measure(ctx.store, measure_id)
    wanted = {i.indicator for i in measure.indicators} | {k.indicator for k in measure.kpis}
    obs = [o for ind in sorted(wanted) for o in repo.get_observations(ctx.store, ind)]
    known = {ind.id: ind for ind, _ in repo.list_indicators(ctx.store)}
    return build_measure_report(
        measure,
        indicators=known,
        observations=obs,
        history=measure_history(ctx, measure_id),
        version=version,
        evaluate=evaluate,
    )


# ---------------------------------------------------------------------------------------------------- indicators
def list_indicators(ctx: Context) -> list[tuple[Indicator, int]]:
    return repo.list_indicators(ctx.store)


def get_indicator(
    ctx: Context, indicator_id: str, *, regions: list[str] | None = None
) -> tuple[Indicator, list[Observation]]:
    indicator = repo.get_indicator(ctx.store, indicator_id)
    return indicator, repo.get_observations(ctx.store, indicator_id, regions=regions)


def indicator_chart(ctx: Context, indicator_id: str, fmt: str, *, regions: list[str] | None = None) -> bytes:
    from krapte.monitor.charts import indicator_chart as _chart

    indicator, obs = get_indicator(ctx, indicator_id, regions=regions or ["NL"])
    return _chart(to_series(obs)[:8], title=indicator.name_nl, unit=indicator.unit, source=indicator.source, fmt=fmt)


def import_panel(ctx: Context, parsed: ParsedPanel) -> ImportReport:
    """Store a parsed panel (atomic: all or nothing). The CLI parses the user's files with the core readers."""
    ctx.require("registry.write")
    return repo.import_panel(ctx.store, parsed, actor=ctx.actor)


@dataclass(frozen=True)
class IndicatorUpload:
    """What the API and the web pass for an uploaded source: the bytes and the reader's options."""

    kind: IndicatorKind
    filename: str
    content: bytes
    table: str | None = None
    topics: tuple[str, ...] = ()
    where: dict[str, list[str]] | None = None
    indicator: str | None = None
    name: str | None = None
    unit: str = "aantal"
    value_column: str | None = None
    vintage: str = ""


def import_indicator_upload(ctx: Context, upload: IndicatorUpload) -> tuple[ImportReport, list[str]]:
    """Parse an uploaded source with the core readers (in a private temporary folder) and store it atomically."""
    ctx.require("registry.write")
    parsed = _parse_upload(upload)
    report = repo.import_panel(ctx.store, parsed, actor=ctx.actor)
    return report, [i.id for i in parsed.indicators]


def _parse_upload(upload: IndicatorUpload) -> ParsedPanel:
    from krapte.monitor.importers.cbs import read_cbs_csv, read_cbs_odata
    from krapte.monitor.importers.duo import read_duo_csv
    from krapte.monitor.importers.uwv import read_uwv_csv

    name_only = Path(upload.filename or "upload").name or "upload"  # a label only: never a path we open
    topics = list(upload.topics) or None
    where = upload.where or {}
    with tempfile.TemporaryDirectory(prefix="krapte-import-") as tmp:
        path = Path(tmp) / "upload.bin"
        path.write_bytes(upload.content)
        if upload.kind == "cbs-odata":
            if not zipfile.is_zipfile(path):
                raise UnsupportedInputError(
                    "cbs-odata expects a .zip of the recorded responses", file=name_only, hint="zip the folder"
                )
            folder = Path(tmp) / "odata"
            folder.mkdir()
            _unpack_json_members(path, folder, name_only)
            return read_cbs_odata(folder, topics=topics, where=where)
        if upload.kind == "cbs-csv":
            if not upload.table:
                raise ValidationError("cbs-csv needs ?table=", hint="e.g. ?table=85004NED")
            return read_cbs_csv(path, table=upload.table, topics=topics, where=where, vintage=upload.vintage)
        if not upload.indicator or not upload.name:
            raise ValidationError(f"{upload.kind} needs ?indicator= and ?name=")
        source = "DUO open onderwijsdata" if upload.kind == "duo" else "UWV"
        ind = Indicator(
            id=upload.indicator,
            name_nl=upload.name,
            unit=upload.unit,
            source=f"{source}: {name_only}",
            licence="open data",
        )
        if upload.kind == "duo":
            return read_duo_csv(path, indicator=ind, where=where, vintage=upload.vintage)
        if not upload.value_column:
            raise ValidationError("uwv needs ?value_column=")
        return read_uwv_csv(path, indicator=ind, value_column=upload.value_column, where=where, vintage=upload.vintage)


def _unpack_json_members(archive_path: Path, folder: Path, label: str) -> None:
    """The ``.json`` members of a zip, flattened into ``folder`` (never outside it), within the zip limits."""
    from krapte.security.safe_zip import open_zip

    with open_zip(archive_path, name=label) as archive:  # sizes, member count and ratio checked first
        for member in archive.infolist():
            target = Path(member.filename).name
            if target.endswith(".json"):
                (folder / target).write_bytes(archive.read(member))


# ---------------------------------------------------------------------------------------------------- KPIs
def kpi_overview(ctx: Context) -> list[tuple[Measure, KpiProgress]]:
    """Progress toward every KPI target of the active measures."""
    result = []
    for measure in repo.list_measures(ctx.store):
        for kpi in measure.kpis:
            obs = repo.get_observations(ctx.store, kpi.indicator, regions=[kpi.region])
            result.append((measure, kpi_progress(kpi, next(iter(to_series(obs)), None))))
    return result


def kpi_progress_of(ctx: Context, measure_id: str, indicator_id: str) -> tuple[KpiProgress, Any, Indicator]:
    """One measure's target for one indicator: the progress, the series and the indicator."""
    measure, _ = repo.get_measure(ctx.store, measure_id)
    target = next((k for k in measure.kpis if k.indicator == indicator_id), None)
    if target is None:
        raise NotFoundError(
            f"measure {measure_id!r} has no target for {indicator_id!r}",
            hint=f"its targets: {', '.join(k.indicator for k in measure.kpis) or 'none'}",
        )
    obs = repo.get_observations(ctx.store, indicator_id, regions=[target.region])
    series = next(iter(to_series(obs)), None)
    return kpi_progress(target, series), series, repo.get_indicator(ctx.store, indicator_id)


def kpi_chart(ctx: Context, measure_id: str, indicator_id: str, fmt: str) -> bytes:
    from krapte.monitor.charts import kpi_chart as _chart

    progress, series, ind = kpi_progress_of(ctx, measure_id, indicator_id)
    return _chart(progress, series, unit=ind.unit, source=ind.source, fmt=fmt)


@dataclass(frozen=True)
class KpiDashboardEntry:
    """One plan target on the dashboard: the evaluated row, the series behind it and its indicator (if known)."""

    row: DashboardRow
    series: Series | None
    indicator: Indicator | None


def kpi_dashboard(ctx: Context) -> list[KpiDashboardEntry]:
    """Every target of the plan once (measures that share a target are listed on its row), with badges, the
    trajectory needed and the trend seen (:func:`krapte.monitor.targets.dashboard`)."""
    from krapte.monitor.targets import PLAN_TARGETS, dashboard

    known = {ind.id: ind for ind, _ in repo.list_indicators(ctx.store)}
    series: dict[str, Series] = {}
    for target in PLAN_TARGETS:
        kpi = target.kpi
        if kpi.indicator in known and kpi.indicator not in series:
            found = to_series(repo.get_observations(ctx.store, kpi.indicator, regions=[kpi.region]))
            if found:
                series[kpi.indicator] = found[0]
    rows = dashboard(series, repo.list_measures(ctx.store))
    return [KpiDashboardEntry(r, series.get(r.target.kpi.indicator), known.get(r.target.kpi.indicator)) for r in rows]


def kpi_dashboard_chart(entry: KpiDashboardEntry, fmt: str, lang: str = "nl") -> bytes:
    """The chart of one dashboard row: the trajectory needed, the observations and the trend seen."""
    from krapte.monitor.charts import kpi_chart as _chart

    ind = entry.indicator
    return _chart(
        entry.row.progress,
        entry.series,
        unit=ind.unit if ind else "",
        source=ind.source if ind else entry.row.target.source,
        seen=entry.row.seen,
        lang=lang,
        fmt=fmt,
    )
