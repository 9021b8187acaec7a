"""Background jobs: one row per job, the source of truth for its status, progress, result or error.

Only persistence lives here; :mod:`krapte.services.jobs` decides what the states mean. Every state change is a
conditional UPDATE (``... WHERE status = <expected>``), so that a job is claimed by one worker only and a late
write from a stopped worker cannot overwrite a cancellation or a recovery.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from krapte.store.database import Store
from krapte.store.personal import register_personal_data
from krapte.store.tables import metadata

__all__ = [
    "TABLES",
    "JobRow",
    "claim",
    "delete_finished_before",
    "finish",
    "get",
    "heartbeat",
    "insert",
    "list_by_status",
    "list_jobs",
    "report_progress",
    "request_cancel",
    "should_stop",
]

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("kind", sa.String(100), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("owner_id", sa.String(200), nullable=False),
    sa.Column("principal", sa.Text, nullable=False),  # JSON: id, name, role, scopes of whoever submitted it
    sa.Column("payload", sa.Text, nullable=False),  # JSON
    sa.Column("backend", sa.String(20), nullable=False),  # "local" or "rq"
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("progress", sa.Float, nullable=False, default=0.0),
    sa.Column("message", sa.Text, nullable=False, default=""),
    sa.Column("result", sa.Text, nullable=True),  # JSON
    sa.Column("error", sa.Text, nullable=True),  # JSON error shape
    sa.Column("cancel_requested", sa.Boolean, nullable=False, default=False),
    sa.Column("worker", sa.String(300), nullable=True),  # e.g. local:<host>:<pid> or rq:<worker name>
    sa.Column("request_id", sa.String(100), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_jobs_owner_created", "owner_id", "created_at"),
    sa.Index("ix_jobs_status", "status"),
)

TABLES = [jobs]

register_personal_data(
    jobs,
    owner_column="owner_id",
    kind="job",
    time_column="created_at",
    description="background jobs a person started: their inputs (payload) and results",
)


@dataclass(frozen=True)
class JobRow:
    id: str
    kind: str
    title: str
    owner_id: str
    principal: dict[str, Any]
    payload: dict[str, Any]
    backend: str
    status: str
    progress: float
    message: str
    result: dict[str, Any] | None
    error: dict[str, Any] | None
    cancel_requested: bool
    worker: str | None
    request_id: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    heartbeat_at: datetime | None


def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything krapte stores is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _dump(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _row(m: Any) -> JobRow:
    """A row; lists leave out the payload (it can hold uploaded files), so their ``payload`` is empty."""
    return JobRow(
        id=m.id,
        kind=m.kind,
        title=m.title,
        owner_id=m.owner_id,
        principal=json.loads(m.principal),
        payload=json.loads(m.payload) if "payload" in m._fields else {},
        backend=m.backend,
        status=m.status,
        progress=float(m.progress),
        message=m.message,
        result=json.loads(m.result) if m.result is not None else None,
        error=json.loads(m.error) if m.error is not None else None,
        cancel_requested=bool(m.cancel_requested),
        worker=m.worker,
        request_id=m.request_id,
        created_at=_aware(m.created_at),  # type: ignore[arg-type]
        started_at=_aware(m.started_at),
        finished_at=_aware(m.finished_at),
        heartbeat_at=_aware(m.heartbeat_at),
    )


_SUMMARY = [c for c in jobs.c if c.name != "payload"]


def insert(conn: Connection, row: JobRow) -> None:
    values = {**row.__dict__}
    values["principal"] = _dump(row.principal)
    values["payload"] = _dump(row.payload)
    values["result"] = _dump(row.result)
    values["error"] = _dump(row.error)
    conn.execute(jobs.insert().values(**values))


def get(store: Store, job_id: str) -> JobRow | None:
    with store.connect() as conn:
        found = conn.execute(sa.select(jobs).where(jobs.c.id == job_id)).first()
    return _row(found) if found else None


def list_jobs(store: Store, *, owner_id: str | None, limit: int) -> list[JobRow]:
    """The newest jobs first, of one owner (or of everyone with ``owner_id=None``)."""
    query = sa.select(*_SUMMARY).order_by(jobs.c.created_at.desc(), jobs.c.id).limit(limit)
    if owner_id is not None:
        query = query.where(jobs.c.owner_id == owner_id)
    with store.connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def list_by_status(store: Store, statuses: tuple[str, ...]) -> list[JobRow]:
    query = sa.select(*_SUMMARY).where(jobs.c.status.in_(statuses)).order_by(jobs.c.created_at)
    with store.connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def _stop_requested(conn: Connection, job_id: str) -> bool:
    """Whether the job should stop: a cancel was requested, or it is no longer running (or gone)."""
    state = conn.execute(sa.select(jobs.c.status, jobs.c.cancel_requested).where(jobs.c.id == job_id)).first()
    return state is None or state.status != "running" or bool(state.cancel_requested)


def claim(store: Store, job_id: str, *, worker: str, now: datetime) -> bool:
    """queued → running for exactly one worker; False when the job is no longer queued (cancelled, taken)."""
    with store.transaction() as conn:
        done = conn.execute(
            jobs.update()
            .where(jobs.c.id == job_id, jobs.c.status == "queued")
            .values(status="running", started_at=now, heartbeat_at=now, worker=worker, message="started")
        )
    return done.rowcount == 1


def report_progress(store: Store, job_id: str, *, fraction: float, message: str | None, now: datetime) -> bool:
    """Record progress of a running job; True when the job should stop (cancel requested or no longer running)."""
    values: dict[str, Any] = {"progress": fraction, "heartbeat_at": now}
    if message is not None:
        values["message"] = message
    with store.transaction() as conn:
        conn.execute(jobs.update().where(jobs.c.id == job_id, jobs.c.status == "running").values(**values))
        return _stop_requested(conn, job_id)


def should_stop(store: Store, job_id: str) -> bool:
    """Whether a running job should stop (see :func:`report_progress`); reads two columns, writes nothing."""
    with store.connect() as conn:
        return _stop_requested(conn, job_id)


def heartbeat(store: Store, job_id: str, *, now: datetime) -> bool:
    """Mark a running job as alive; True when it should stop (see :func:`report_progress`)."""
    with store.transaction() as conn:
        conn.execute(jobs.update().where(jobs.c.id == job_id, jobs.c.status == "running").values(heartbeat_at=now))
        return _stop_requested(conn, job_id)


def finish(
    conn: Connection,
    job_id: str,
    *,
    status: str,
    now: datetime,
    message: str,
    result: dict[str, Any] | None = None,
    error: dict[str, Any] | None = None,
    expected: tuple[str, ...] = ("running",),
    unless_cancel_requested: bool = False,
) -> bool:
    """Move a job into a final state, only from one of the ``expected`` states; False when it was not there.

    ``unless_cancel_requested`` also refuses when a cancel was asked for meanwhile (a result is then not kept).
    """
    values: dict[str, Any] = {
        "status": status,
        "finished_at": now,
        "message": message,
        "result": _dump(result),
        "error": _dump(error),
    }
    if status == "succeeded":
        values["progress"] = 1.0
    query = jobs.update().where(jobs.c.id == job_id, jobs.c.status.in_(expected))
    if unless_cancel_requested:
        query = query.where(jobs.c.cancel_requested.is_(False))
    return conn.execute(query.values(**values)).rowcount == 1


def request_cancel(conn: Connection, job_id: str, *, now: datetime, message: str) -> str | None:
    """Cancel a queued job at once, or flag a running one; the status afterwards (None: the job is not there)."""
    done = conn.execute(
        jobs.update()
        .where(jobs.c.id == job_id, jobs.c.status == "queued")
        .values(status="cancelled", cancel_requested=True, finished_at=now, message=message)
    )
    if done.rowcount == 1:
        return "cancelled"
    conn.execute(
        jobs.update()
        .where(jobs.c.id == job_id, jobs.c.status == "running")
        .values(cancel_requested=True, message=message)
    )
    status: str | None = conn.execute(sa.select(jobs.c.status).where(jobs.c.id == job_id)).scalar()
    return status


def delete_finished_before(conn: Connection, before: datetime) -> int:
    """Delete finished jobs (with their payloads and results) that ended before ``before``; return how many."""
    done = conn.execute(
        jobs.delete().where(jobs.c.status.in_(("succeeded", "failed", "cancelled")), jobs.c.finished_at < before)
    )
    return int(done.rowcount)
