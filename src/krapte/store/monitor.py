"""Persistence of the monitor: the measures registry with full change history, and the indicator panel.

Measures are stored as validated JSON documents with a version number. Every write records a row in
``monitor_measure_history`` (who, when, what: the field-level diff) and in the shared audit log. Edits carry the
version they were based on; when someone else saved in between, :class:`ConflictError` is raised instead of
silently overwriting (optimistic locking, the version doubles as an ETag).

Indicator definitions and observations are upserted in one transaction per import, so an import is atomic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from krapte.errors import ConflictError, ImportReport, NotFoundError, ValidationError
from krapte.monitor.importers import ParsedPanel
from krapte.monitor.indicators import Indicator, Observation, period_kind, period_position, region_kind
from krapte.monitor.measures import Measure, diff_measures, merge_changes
from krapte.store.database import AuditActor, Store
from krapte.store.personal import register_personal_data
from krapte.store.tables import metadata

measures = sa.Table(
    "monitor_measures",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("title_nl", sa.String(300), nullable=False),
    sa.Column("pillars", sa.String(20), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
)

measure_history = sa.Table(
    "monitor_measure_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("measure_id", sa.String(40), sa.ForeignKey("monitor_measures.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("changes", sa.Text, nullable=False),
    sa.Column("comment", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("measure_id", "version", name="uq_monitor_history_version"),
)

indicators = sa.Table(
    "monitor_indicators",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("name_nl", sa.String(500), nullable=False),
    sa.Column("name_en", sa.String(500), nullable=False),
    sa.Column("unit", sa.String(100), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("definition", sa.Text, nullable=False),
    sa.Column("licence", sa.String(200), nullable=False),
    sa.Column("frequency", sa.String(20), nullable=False),
)

observations = sa.Table(
    "monitor_observations",
    metadata,
    sa.Column("indicator_id", sa.String(200), sa.ForeignKey("monitor_indicators.id"), primary_key=True),
    sa.Column("region", sa.String(20), primary_key=True),
    sa.Column("period", sa.String(10), primary_key=True),
    sa.Column("region_kind", sa.String(30), nullable=False),
    sa.Column("period_kind", sa.String(10), nullable=False),
    sa.Column("position", sa.Float, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("vintage", sa.String(40), nullable=False),
    sa.Column("source", sa.String(300), nullable=False),
    sa.Index("ix_monitor_obs_region", "region"),
)

TABLES = [measures, measure_history, indicators, observations]

# who edited the public measures registry is a staff member's identity; erasing them keeps every edit (the
# registry's history is public record) under a pseudonym
register_personal_data(
    measures,
    owner_column="updated_by",
    kind="editor_attribution",
    time_column="updated_at",
    on_erase="pseudonymise",
    description="the account that last edited a measure",
)
register_personal_data(
    measure_history,
    owner_column="actor",
    kind="editor_attribution",
    time_column="at",
    on_erase="pseudonymise",
    description="the account that made each change to a measure",
)


# ---------------------------------------------------------------------- measures
def _row_to_measure(row: Any) -> Measure:
    return Measure.from_dict(json.loads(row.document), where=f"stored measure {row.id}")


def list_measures(store: Store, *, include_retired: bool = False, pillar: str | None = None) -> list[Measure]:
    """All measures ordered by id; retired ones only on request."""
    query = sa.select(measures).order_by(measures.c.id)
    if not include_retired:
        query = query.where(measures.c.status == "active")
    with store.connect() as conn:
        found = [_row_to_measure(r) for r in conn.execute(query)]
    return [m for m in found if pillar is None or pillar in m.pillars]


def get_measure(store: Store, measure_id: str) -> tuple[Measure, int]:
    """The measure and its current version (the ETag for a later edit)."""
    with store.connect() as conn:
        row = conn.execute(sa.select(measures).where(measures.c.id == measure_id)).first()
    if row is None:
        raise NotFoundError(f"no measure {measure_id!r}", hint="list the ids with `krapte measures list`")
    return _row_to_measure(row), int(row.version)


def _write_history(
    store: Store,
    conn: Connection,
    measure_id: str,
    version: int,
    actor: str | AuditActor,
    action: str,
    changes: Any,
    comment: str,
) -> None:
    now = datetime.now(UTC)
    conn.execute(
        measure_history.insert().values(
            measure_id=measure_id,
            version=version,
            at=now,
            actor=str(actor),
            action=action,
            changes=json.dumps(changes, ensure_ascii=False, default=str),
            comment=comment,
        )
    )
    store.audit(
        conn,
        actor=actor,
        action=f"measure.{action}",
        object_type="measure",
        object_id=measure_id,
        detail={"version": version, "fields": [c["field"] for c in changes]},
    )


def create_measure(store: Store, measure: Measure, *, actor: str | AuditActor, comment: str = "") -> int:
    """Add a new measure (version 1); a measure with the same id is a conflict."""
    now = datetime.now(UTC)
    with store.transaction() as conn:
        if conn.execute(sa.select(measures.c.id).where(measures.c.id == measure.id)).first():
            raise ConflictError(
                f"measure {measure.id!r} already exists", hint="edit it, or choose another id", measure=measure.id
            )
        conn.execute(
            measures.insert().values(
                id=measure.id,
                title_nl=measure.title_nl,
                pillars=",".join(measure.pillars),
                status=measure.status,
                version=1,
                document=json.dumps(measure.to_dict(), ensure_ascii=False),
                created_at=now,
                updated_at=now,
                updated_by=str(actor),
            )
        )
        _write_history(store, conn, measure.id, 1, actor, "create", diff_measures(None, measure), comment)
    return 1


def update_measure(
    store: Store,
    measure_id: str,
    changes: dict[str, Any],
    *,
    actor: str | AuditActor,
    expected_version: int | None,
    comment: str = "",
    action: str = "edit",
) -> tuple[Measure, int]:
    """Apply field changes to a measure saved at ``expected_version``; return the new measure and version.

    ``expected_version=None`` skips the concurrency check (scripts that own the registry); interactive
    interfaces always pass the version they showed to the user.
    """
    with store.transaction() as conn:
        row = conn.execute(sa.select(measures).where(measures.c.id == measure_id)).first()
        if row is None:
            raise NotFoundError(f"no measure {measure_id!r}", hint="list the ids with `krapte measures list`")
        current_version = int(row.version)
        if expected_version is not None and expected_version != current_version:
            raise ConflictError(
                f"measure {measure_id!r} was changed by {row.updated_by} after version {expected_version} "
                f"(now version {current_version})",
                hint="reload the measure, re-apply your change and save again",
                measure=measure_id,
                current_version=current_version,
            )
        old = _row_to_measure(row)
        new = merge_changes(old, changes, where=f"measure {measure_id}")
        diff = diff_measures(old, new)
        if not diff:
            return old, current_version
        version = current_version + 1
        result = conn.execute(
            measures.update()
            .where(measures.c.id == measure_id, measures.c.version == current_version)
            .values(
                title_nl=new.title_nl,
                pillars=",".join(new.pillars),
                status=new.status,
                version=version,
                document=json.dumps(new.to_dict(), ensure_ascii=False),
                updated_at=datetime.now(UTC),
                updated_by=str(actor),
            )
        )
        if result.rowcount != 1:  # another writer won the race between our read and write
            raise ConflictError(
                f"measure {measure_id!r} was changed while saving", hint="reload and save again", measure=measure_id
            )
        _write_history(store, conn, measure_id, version, actor, action, diff, comment)
    return new, version


def retire_measure(
    store: Store, measure_id: str, *, actor: str | AuditActor, expected_version: int | None, comment: str = ""
) -> tuple[Measure, int]:
    """Mark a measure retired (kept with its history; listed only on request)."""
    measure, _ = get_measure(store, measure_id)
    if measure.status == "retired":
        raise ValidationError(f"measure {measure_id!r} is already retired")
    return update_measure(
        store,
        measure_id,
        {"status": "retired"},
        actor=actor,
        expected_version=expected_version,
        comment=comment,
        action="retire",
    )


def measure_history_of(store: Store, measure_id: str) -> list[dict[str, Any]]:
    """Every change to a measure, oldest first: version, at, actor, action, comment and field changes."""
    get_measure(store, measure_id)
    query = (
        sa.select(measure_history).where(measure_history.c.measure_id == measure_id).order_by(measure_history.c.version)
    )
    with store.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "version": r.version,
            "at": r.at.isoformat() if r.at else None,
            "actor": r.actor,
            "action": r.action,
            "comment": r.comment,
            "changes": json.loads(r.changes),
        }
        for r in rows
    ]


def upsert_measures(store: Store, items: Sequence[Measure], *, actor: str | AuditActor) -> dict[str, int]:
    """Load measures idempotently (the seed): create missing ones; leave existing ones as users edited them."""
    created = 0
    with store.connect() as conn:
        existing: set[str] = set(conn.execute(sa.select(measures.c.id)).scalars())
    for measure in items:
        if measure.id not in existing:
            create_measure(store, measure, actor=actor, comment="seed")
            created += 1
    return {"created": created, "kept": len(items) - created}


# ---------------------------------------------------------------------- indicators
def save_panel(
    store: Store,
    new_indicators: Iterable[Indicator],
    new_observations: Iterable[Observation],
    *,
    actor: str | AuditActor,
) -> ImportReport:
    """Upsert indicator definitions and observations in one transaction (all or nothing)."""
    report = ImportReport()
    inds = list(new_indicators)
    obs = list(new_observations)
    known_ids = {i.id for i in inds}
    with store.transaction() as conn:
        stored: set[str] = set(conn.execute(sa.select(indicators.c.id)).scalars())
        missing = sorted({o.indicator for o in obs} - known_ids - stored)
        if missing:
            raise ValidationError(
                f"observations refer to unknown indicator(s) {', '.join(missing[:5])}",
                hint="define the indicator (id, name, unit, source) before importing its values",
            )
        for ind in inds:
            values = ind.to_dict()
            if ind.id in stored:
                conn.execute(indicators.update().where(indicators.c.id == ind.id).values(**values))
                report.add("indicators updated")
            else:
                conn.execute(indicators.insert().values(**values))
                report.add("indicators created")
        by_indicator: dict[str, list[Observation]] = {}
        for o in obs:
            by_indicator.setdefault(o.indicator, []).append(o)
        for ind_id, group in by_indicator.items():
            keys = sorted({(o.region, o.period) for o in group})
            if len(keys) != len(group):
                raise ValidationError(
                    f"indicator {ind_id!r} has two values for the same region and period in one import",
                    hint="keep one value per region and period",
                )
            existing = {
                (r.region, r.period)
                for r in conn.execute(
                    sa.select(observations.c.region, observations.c.period).where(observations.c.indicator_id == ind_id)
                )
            }
            replaced = [k for k in keys if k in existing]
            for chunk in range(0, len(replaced), 400):
                conn.execute(
                    observations.delete().where(
                        observations.c.indicator_id == ind_id,
                        sa.tuple_(observations.c.region, observations.c.period).in_(replaced[chunk : chunk + 400]),
                    )
                )
            report.add("observations replaced", len(replaced))
            report.add("observations added", len(keys) - len(replaced))
            rows = [
                {
                    "indicator_id": o.indicator,
                    "region": o.region,
                    "period": o.period,
                    "region_kind": region_kind(o.region),
                    "period_kind": period_kind(o.period),
                    "position": period_position(o.period),
                    "value": o.value,
                    "vintage": o.vintage,
                    "source": o.source,
                }
                for o in group
            ]
            for chunk in range(0, len(rows), 2000):
                conn.execute(observations.insert(), rows[chunk : chunk + 2000])
        store.audit(
            conn,
            actor=actor,
            action="indicators.import",
            object_type="indicator",
            object_id=",".join(sorted(by_indicator))[:300] or "-",
            detail=dict(report.counts),
        )
    return report


def list_indicators(store: Store) -> list[tuple[Indicator, int]]:
    """Every indicator with its number of observations."""
    counts = (
        sa.select(observations.c.indicator_id, sa.func.count().label("n"))
        .group_by(observations.c.indicator_id)
        .subquery()
    )
    query = (
        sa.select(indicators, sa.func.coalesce(counts.c.n, 0).label("n"))
        .outerjoin(counts, counts.c.indicator_id == indicators.c.id)
        .order_by(indicators.c.id)
    )
    with store.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [(Indicator(**{k: row[k] for k in Indicator.__dataclass_fields__}), int(row["n"])) for row in rows]


def get_indicator(store: Store, indicator_id: str) -> Indicator:
    with store.connect() as conn:
        row = conn.execute(sa.select(indicators).where(indicators.c.id == indicator_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"no indicator {indicator_id!r}", hint="list them with `krapte indicators list`")
    return Indicator(**{k: row[k] for k in Indicator.__dataclass_fields__})


def get_observations(
    store: Store,
    indicator_id: str | None = None,
    *,
    regions: Sequence[str] | None = None,
    region_kind_: str | None = None,
    period_kind_: str | None = None,
) -> list[Observation]:
    """Observations ordered by indicator, region and period position."""
    query = sa.select(observations)
    if indicator_id is not None:
        query = query.where(observations.c.indicator_id == indicator_id)
    if regions:
        query = query.where(observations.c.region.in_(list(regions)))
    if region_kind_:
        query = query.where(observations.c.region_kind == region_kind_)
    if period_kind_:
        query = query.where(observations.c.period_kind == period_kind_)
    query = query.order_by(observations.c.indicator_id, observations.c.region, observations.c.position)
    with store.connect() as conn:
        rows = conn.execute(query).all()
    return [Observation(r.indicator_id, r.region, r.period, r.value, r.vintage, r.source) for r in rows]


# ---------------------------------------------------------------------- composed reads for the interfaces
def import_panel(store: Store, parsed: ParsedPanel, *, actor: str | AuditActor) -> ImportReport:
    """Write what an importer read, atomically; the report merges the reader's and the writer's counts."""
    report = save_panel(store, parsed.indicators, parsed.observations, actor=actor)
    for kind, n in parsed.report.counts.items():
        if kind != "observations":
            report.add(kind, n)
    report.problems.extend(parsed.report.problems)
    return report
