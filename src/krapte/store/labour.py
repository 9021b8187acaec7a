"""Persistence of the labour domain: imported project pipelines and imported supply cells.

A pipeline (a named list of projects, e.g. one RES region's plan) is written in one transaction: either every
project of the file is stored or none. Re-importing a pipeline requires ``replace=True``, which swaps the old
projects for the new ones in the same transaction. Every import is recorded in the audit log.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from krapte.errors import ImportReport, NotFoundError, ValidationError
from krapte.labour.projects import Project
from krapte.labour.quarters import format_quarter, parse_quarter
from krapte.store.database import AuditActor, Store
from krapte.store.personal import register_personal_data
from krapte.store.tables import metadata

pipelines = sa.Table(
    "labour_pipelines",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("source_file", sa.String(500), nullable=False),
    sa.Column("n_projects", sa.Integer, nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("imported_by", sa.String(200), nullable=False),
)

projects = sa.Table(
    "labour_projects",
    metadata,
    sa.Column("pipeline", sa.String(100), sa.ForeignKey("labour_pipelines.name", ondelete="CASCADE"), primary_key=True),
    sa.Column("project_id", sa.String(200), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("technology", sa.String(60), nullable=False),
    sa.Column("size", sa.Float, nullable=False),
    sa.Column("unit", sa.String(20), nullable=False),
    sa.Column("location", sa.String(20), nullable=False),
    sa.Column("start_quarter", sa.String(6)),
    sa.Column("end_quarter", sa.String(6)),
    sa.Column("earliest_start", sa.String(6)),
    sa.Column("latest_end", sa.String(6)),
    sa.Column("duration_quarters", sa.Integer),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("profile", sa.Text),
)

supply_cells = sa.Table(
    "labour_supply_cells",
    metadata,
    sa.Column("source", sa.String(200), primary_key=True),
    sa.Column("region", sa.String(10), primary_key=True),
    sa.Column("brc_group", sa.String(4), primary_key=True),
    sa.Column("measure", sa.String(40), primary_key=True),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)

TABLES = [pipelines, projects, supply_cells]

# who imported a pipeline is a staff member's identity; erasing them keeps the pipeline under a pseudonym
register_personal_data(
    pipelines,
    owner_column="imported_by",
    kind="editor_attribution",
    time_column="imported_at",
    on_erase="pseudonymise",
    description="the account that imported a project pipeline",
)


def _q(value: int | None) -> str | None:
    return format_quarter(value) if value is not None else None


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError(f"pipeline name {name!r} must be 1-100 characters", hint="e.g. --pipeline res-zeeland")
    return name


def save_pipeline(
    store: Store,
    name: str,
    items: Sequence[Project],
    *,
    source_file: str,
    replace: bool = False,
    actor: str | AuditActor = "cli",
) -> ImportReport:
    """Store a validated project list as pipeline ``name`` atomically."""
    name = _check_name(name)
    report = ImportReport()
    with store.transaction() as conn:
        exists = conn.execute(sa.select(pipelines.c.name).where(pipelines.c.name == name)).first()
        if exists and not replace:
            raise ValidationError(
                f"pipeline {name!r} already exists",
                hint="pass --replace to swap its projects, or choose another --pipeline name",
            )
        if exists:
            removed = conn.execute(projects.delete().where(projects.c.pipeline == name)).rowcount
            conn.execute(pipelines.delete().where(pipelines.c.name == name))
            report.add("projects_replaced", removed)
        conn.execute(
            pipelines.insert().values(
                name=name,
                source_file=source_file,
                n_projects=len(items),
                imported_at=datetime.now(UTC),
                imported_by=str(actor),
            )
        )
        if items:
            conn.execute(
                projects.insert(),
                [
                    {
                        "pipeline": name,
                        "project_id": p.id,
                        "position": i,
                        "name": p.name,
                        "technology": p.technology,
                        "size": p.size,
                        "unit": p.unit,
                        "location": p.location,
                        "start_quarter": _q(p.start),
                        "end_quarter": _q(p.end),
                        "earliest_start": _q(p.earliest_start),
                        "latest_end": _q(p.latest_end),
                        "duration_quarters": p.duration_quarters,
                        "status": p.status,
                        "profile": json.dumps(list(p.profile)) if p.profile else None,
                    }
                    for i, p in enumerate(items)
                ],
            )
        report.add("projects", len(items))
        store.audit(
            conn,
            actor=actor,
            action="replace" if exists else "import",
            object_type="labour_pipeline",
            object_id=name,
            detail={"source_file": source_file, "projects": len(items)},
        )
    return report


def list_pipelines(store: Store) -> list[dict[str, Any]]:
    with store.connect() as conn:
        rows = conn.execute(sa.select(pipelines).order_by(pipelines.c.name)).mappings().all()
    return [{**r, "imported_at": r["imported_at"].isoformat()} for r in rows]


def load_pipeline(store: Store, name: str) -> list[Project]:
    """The projects of a pipeline, in file order."""
    with store.connect() as conn:
        if not conn.execute(sa.select(pipelines.c.name).where(pipelines.c.name == name)).first():
            known = [r["name"] for r in list_pipelines(store)]
            raise NotFoundError(
                f"no project pipeline named {name!r}",
                hint=f"imported pipelines: {', '.join(known) or 'none; run krapte projects import FILE'}",
            )
        rows = conn.execute(
            sa.select(projects).where(projects.c.pipeline == name).order_by(projects.c.position)
        ).mappings()
        out = []
        for r in rows:

            def q(v: str | None) -> int | None:
                return parse_quarter(v) if v else None

            out.append(
                Project(
                    id=r["project_id"],
                    name=r["name"],
                    technology=r["technology"],
                    size=float(r["size"]),
                    unit=r["unit"],
                    location=r["location"],
                    start=q(r["start_quarter"]),
                    end=q(r["end_quarter"]),
                    earliest_start=q(r["earliest_start"]),
                    latest_end=q(r["latest_end"]),
                    duration_quarters=r["duration_quarters"],
                    status=r["status"],
                    profile=tuple(json.loads(r["profile"])) if r["profile"] else None,
                )
            )
    return out


def delete_pipeline(store: Store, name: str, *, actor: str | AuditActor = "cli") -> None:
    with store.transaction() as conn:
        conn.execute(projects.delete().where(projects.c.pipeline == name))
        if not conn.execute(pipelines.delete().where(pipelines.c.name == name)).rowcount:
            raise NotFoundError(f"no project pipeline named {name!r}")
        store.audit(conn, actor=actor, action="delete", object_type="labour_pipeline", object_id=name)


def save_supply_cells(
    store: Store, source: str, cells: Iterable[tuple[str, str, str, float]], *, actor: str | AuditActor = "cli"
) -> ImportReport:
    """Replace the cells of supply source ``source`` atomically."""
    rows = [
        {"source": source, "region": r, "brc_group": g, "measure": m, "value": v, "imported_at": datetime.now(UTC)}
        for r, g, m, v in cells
    ]
    report = ImportReport()
    with store.transaction() as conn:
        conn.execute(supply_cells.delete().where(supply_cells.c.source == source))
        if rows:
            conn.execute(supply_cells.insert(), rows)
        report.add("cells", len(rows))
        store.audit(
            conn, actor=actor, action="import", object_type="labour_supply", object_id=source, detail=report.counts
        )
    return report


def supply_sources(store: Store) -> list[str]:
    """The imported supply sources, oldest import first (later sources replace the cells of earlier ones)."""
    query = (
        sa.select(supply_cells.c.source, sa.func.min(supply_cells.c.imported_at).label("at"))
        .group_by(supply_cells.c.source)
        .order_by("at", supply_cells.c.source)
    )
    with store.connect() as conn:
        return [str(r.source) for r in conn.execute(query)]


def load_supply_cells(store: Store, source: str | None = None) -> list[tuple[str, str, str, float]]:
    """Imported supply cells (all sources, in import order of sources, or one source)."""
    query = sa.select(supply_cells).order_by(supply_cells.c.imported_at, supply_cells.c.source)
    if source:
        query = query.where(supply_cells.c.source == source)
    with store.connect() as conn:
        return [(r["region"], r["brc_group"], r["measure"], float(r["value"])) for r in conn.execute(query).mappings()]
