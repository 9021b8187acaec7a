"""Background jobs: long work (planning, scenario comparison, evaluations, bulk extraction) outside the request.

A service registers a job function under a *kind* with :func:`job`. A job function takes the context of the
principal who started it, a JSON payload and a :class:`Progress`, and returns a JSON result::

    @job("labour.plan", title="Plan project starts")
    def plan_job(ctx: Context, payload: dict[str, Any], progress: Progress) -> dict[str, Any]: ...

:func:`submit` authorises, audits, stores the job (status ``queued``) and hands its id to a backend; the caller
gets a :class:`JobView` at once (the API answers 202 with the job's URL). The job row in the store is the source
of truth: a worker claims it (``queued`` → ``running``, exactly once), reports progress, and ends it as
``succeeded`` (with its result), ``failed`` (with the JSON error shape) or ``cancelled``.

Backends (:mod:`krapte.services.jobs_backends`): without ``KRAPTE_REDIS_URL`` a local process pool inside the
server (``KRAPTE_JOB_WORKERS`` processes, default 1); with it, an RQ queue on Redis served by ``krapte worker``
processes. Workers open their own store from their settings and rebuild the context from the stored principal
(``via="job"``), so a job can do exactly what its owner could.

Cancelling: a queued job is cancelled at once. A running one is asked to stop: the next ``progress(...)`` call
raises :class:`Cancelled` (cooperative), and :meth:`Progress.should_stop` answers ``True`` within
:data:`CANCEL_POLL_SECONDS`, which a job hands to long engine calls (the planning solver's interrupt callbacks);
on RQ the worker's work horse is also stopped (RQ's stop-job command).
After a restart :func:`recover` re-queues queued jobs and marks running jobs whose worker is gone as failed
("interrupted by a restart"), so no job is lost silently.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from krapte.errors import KrapteError, NotFoundError, PermissionDeniedError, ValidationError
from krapte.services.audit import record
from krapte.services.context import PERMISSIONS, Context, Principal, Role
from krapte.settings import Settings
from krapte.store import jobs as repo

if TYPE_CHECKING:
    from krapte.store import Store

__all__ = [
    "CANCEL_POLL_SECONDS",
    "FINAL_STATUSES",
    "HEARTBEAT_SECONDS",
    "STALE_SECONDS",
    "Cancelled",
    "JobFn",
    "JobSpec",
    "JobStatus",
    "JobView",
    "Progress",
    "QueueUnavailableError",
    "cancel",
    "check_json",
    "get",
    "job",
    "kinds",
    "list_jobs",
    "principal_of",
    "purge",
    "reap",
    "recover",
    "registered",
    "run_inline",
    "server_context",
    "submit",
]

log = logging.getLogger(__name__)

JobStatus = Literal["queued", "running", "succeeded", "failed", "cancelled"]
FINAL_STATUSES: tuple[JobStatus, ...] = ("succeeded", "failed", "cancelled")
HEARTBEAT_SECONDS = 5.0  # a running job's worker touches its row this often
STALE_SECONDS = 120.0  # a running job whose row was not touched for this long has lost its worker
MAX_LIST = 200
CANCEL_POLL_SECONDS = 0.5  # Progress.should_stop reads the job's cancel flag at most this often
ADMIN_PERMISSION = "users.manage"  # admins see, cancel and recover everyone's jobs


class Cancelled(BaseException):
    """Raised by :class:`Progress` when the job was cancelled.

    A ``BaseException`` (like ``asyncio.CancelledError``), so that ``except Exception`` in a job function does
    not swallow it.
    """


class QueueUnavailableError(KrapteError):
    """The job queue (Redis) cannot be reached, so the job could not be started."""

    code = "queue_unavailable"
    http_status = 503


class Progress:
    """``progress(fraction, message)``: record how far a job is (0..1); raises :class:`Cancelled` on cancel.

    Calls are cheap: within ``min_interval`` seconds only a changed message or completion is written.
    :meth:`should_stop` is the cancel check for engines that cannot call ``progress`` (a solver's callback): it
    asks ``poll`` (the worker reads the job's cancel flag) at most every ``poll_interval`` seconds.
    """

    def __init__(
        self,
        report: Callable[[float, str | None], bool] | None = None,
        *,
        min_interval: float = 0.25,
        poll: Callable[[], bool] | None = None,
        poll_interval: float = CANCEL_POLL_SECONDS,
    ) -> None:
        self._report = report
        self._min_interval = min_interval
        self._last_at = float("-inf")
        self._last_message: str | None = None
        self._poll = poll
        self._poll_interval = poll_interval
        self._polled_at = float("-inf")
        self._poll_lock = threading.Lock()
        self._stopped = False

    def should_stop(self) -> bool:
        """Whether the job was cancelled; cheap, thread-safe and never raises (a failed read counts as no)."""
        if self._stopped or self._poll is None:
            return self._stopped
        now = time.monotonic()
        if now - self._polled_at < self._poll_interval or not self._poll_lock.acquire(blocking=False):
            return False
        try:
            self._polled_at = now
            self._stopped = bool(self._poll())
        except Exception:  # the next poll tries again; the solver must not see an exception from its callback
            log.warning("could not read the cancel flag", exc_info=True)
        finally:
            self._poll_lock.release()
        return self._stopped

    def __call__(self, fraction: float, message: str | None = None) -> None:
        value = min(1.0, max(0.0, float(fraction)))
        now = time.monotonic()
        changed = message is not None and message != self._last_message
        if not changed and value < 1.0 and now - self._last_at < self._min_interval:
            return
        self._last_at = now
        if message is not None:
            self._last_message = message
        if self._report is not None and self._report(value, message):
            self._stopped = True
            raise Cancelled()


JobFn = Callable[[Context, dict[str, Any], Progress], dict[str, Any]]


@dataclass(frozen=True)
class JobSpec:
    kind: str
    title: str
    permission: str
    fn: JobFn
    module: str  # imported by a worker to find the function


_REGISTRY: dict[str, JobSpec] = {}


def job(kind: str, *, title: str, permission: str = "jobs.run") -> Callable[[JobFn], JobFn]:
    """Register a job function under ``kind``; starting it needs ``jobs.run`` and ``permission``."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")

    def decorate(fn: JobFn) -> JobFn:
        known = _REGISTRY.get(kind)
        if known is not None and (known.fn.__module__, known.fn.__qualname__) != (fn.__module__, fn.__qualname__):
            raise ValueError(f"job kind {kind!r} is already registered by {known.module}")
        _REGISTRY[kind] = JobSpec(kind, title, permission, fn, fn.__module__)
        return fn

    return decorate


def registered(kind: str) -> JobSpec | None:
    """The registered job of ``kind``, if this process has imported the module that registers it."""
    return _REGISTRY.get(kind)


def kinds() -> list[JobSpec]:
    return sorted(_REGISTRY.values(), key=lambda s: s.kind)


@dataclass(frozen=True)
class JobView:
    """A job as its owner sees it."""

    id: str
    kind: str
    title: str
    status: JobStatus
    progress: float
    message: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: dict[str, Any] | None
    error: dict[str, Any] | None  # the JSON error shape, {"error": {"code", "message", "hint"?, "details"?}}
    owner_id: str


def _view(row: repo.JobRow) -> JobView:
    return JobView(
        id=row.id,
        kind=row.kind,
        title=row.title,
        status=row.status,  # type: ignore[arg-type]
        progress=round(row.progress, 4),
        message=row.message,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        result=row.result,
        error=row.error,
        owner_id=row.owner_id,
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _spec(kind: str) -> JobSpec:
    spec = _REGISTRY.get(kind)
    if spec is None:
        raise ValidationError(f"there is no job kind {kind[:100]!r}", hint=f"known: {', '.join(sorted(_REGISTRY))}")
    return spec


def _authorise(ctx: Context, spec: JobSpec) -> None:
    ctx.require("jobs.run")
    if spec.permission != "jobs.run":
        ctx.require(spec.permission)


def check_json(value: Any, what: str) -> None:
    """Refuse what JSON cannot carry (objects, NaN): payloads and results are stored as JSON."""
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"the job's {what} is not plain JSON ({exc})") from None


def _principal_dict(p: Principal) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role.value if p.role else None,
        "scopes": sorted(p.scopes) if p.scopes is not None else None,
    }


def principal_of(data: dict[str, Any]) -> Principal:
    scopes = data.get("scopes")
    return Principal(
        id=str(data["id"]),
        name=str(data["name"]),
        role=Role(data["role"]) if data.get("role") else None,
        via="job",
        scopes=frozenset(scopes) if scopes is not None else None,
    )


def server_context(ctx_store: Store, settings: Settings) -> Context:
    """The context the server (or a worker) uses for its own housekeeping: recovery after a restart."""
    return Context(ctx_store, Principal(id="system:jobs", name="krapte jobs", role=Role.ADMIN, via="cli"), settings)


# --- starting and watching jobs ----------------------------------------------------------------------------------


def submit(ctx: Context, kind: str, payload: dict[str, Any]) -> JobView:
    """Authorise, audit and store a job, then queue it; the view comes back at once with status ``queued``."""
    from krapte.services.jobs_backends import backend_for

    spec = _spec(kind)
    _authorise(ctx, spec)
    check_json(payload, "input")
    backend = backend_for(ctx.settings)
    now = _now()
    row = repo.JobRow(
        id=str(uuid.uuid4()),
        kind=kind,
        title=spec.title,
        owner_id=ctx.principal.id,
        principal=_principal_dict(ctx.principal),
        payload=payload,
        backend=backend.name,
        status="queued",
        progress=0.0,
        message="waiting for a worker",
        result=None,
        error=None,
        cancel_requested=False,
        worker=None,
        request_id=ctx.request_id,
        created_at=now,
        started_at=None,
        finished_at=None,
        heartbeat_at=None,
    )
    with ctx.store.transaction() as conn:
        repo.insert(conn, row)
        record(ctx, conn, "job.submit", "job", row.id, {"kind": kind, "backend": backend.name})
    try:
        backend.enqueue(row.id, spec.module, ctx.settings)
    except Exception:
        log.exception("could not queue job %s", row.id)
        error = QueueUnavailableError(
            "the job queue is not reachable; the job was not started",
            hint="check that Redis runs at KRAPTE_REDIS_URL and that `krapte worker` is started",
        )
        with ctx.store.transaction() as conn:
            repo.finish(
                conn,
                row.id,
                status="failed",
                now=_now(),
                message=error.message,
                error=error.to_dict(),
                expected=("queued",),
            )
        raise error from None
    return _view(row)


def _sees_all(ctx: Context) -> bool:
    return ctx.principal.can(ADMIN_PERMISSION)


def _visible(ctx: Context, job_id: str) -> repo.JobRow:
    """The job if the principal owns it or is an admin; otherwise 404, whether or not it exists."""
    ctx.require("jobs.run")
    row = repo.get(ctx.store, job_id) if 0 < len(job_id) <= 36 else None
    if row is None or not (row.owner_id == ctx.principal.id or _sees_all(ctx)):
        raise NotFoundError(f"you have no job {job_id[:40]!r}", hint="GET /api/v1/jobs lists your jobs")
    return row


def get(ctx: Context, job_id: str) -> JobView:
    """One job with its progress and, when done, its result or error. Owner or admin; others get 404."""
    return _view(_visible(ctx, job_id))


def list_jobs(ctx: Context, *, limit: int = 50, everyone: bool = False) -> list[JobView]:
    """One's own jobs, newest first (admins may ask for ``everyone``'s)."""
    ctx.require("jobs.run")
    if everyone and not _sees_all(ctx):
        raise PermissionDeniedError("only administrators see everyone's jobs")
    if not 1 <= limit <= MAX_LIST:
        raise ValidationError(f"limit {limit} is out of range", hint=f"give 1 to {MAX_LIST}")
    rows = repo.list_jobs(ctx.store, owner_id=None if everyone else ctx.principal.id, limit=limit)
    return [_view(r) for r in rows]


def cancel(ctx: Context, job_id: str) -> JobView:
    """Cancel a job: a queued one at once; a running one at its next progress report (RQ: its process stops)."""
    from krapte.services.jobs_backends import backend_of

    row = _visible(ctx, job_id)
    if row.status in FINAL_STATUSES:
        return _view(row)
    who = "its owner" if row.owner_id == ctx.principal.id else f"an administrator ({ctx.principal.name})"
    with ctx.store.transaction() as conn:
        status = repo.request_cancel(conn, row.id, now=_now(), message=f"cancel requested by {who}")
        record(ctx, conn, "job.cancel", "job", row.id, {"kind": row.kind, "was": row.status})
    backend = backend_of(row.backend, ctx.settings)
    if status == "cancelled" and backend is not None:
        backend.discard(row.id)
    elif status == "running" and backend is not None and backend.can_stop:
        with ctx.store.transaction() as conn:
            repo.finish(conn, row.id, status="cancelled", now=_now(), message=f"cancelled by {who}")
        backend.stop(row.id)
    return get(ctx, job_id)


def run_inline(
    ctx: Context,
    kind: str,
    payload: dict[str, Any],
    *,
    on_progress: Callable[[float, str | None], None] | None = None,
) -> dict[str, Any]:
    """Run a job in this process and return its result (the command line); errors are raised as they come."""
    spec = _spec(kind)
    _authorise(ctx, spec)
    check_json(payload, "input")

    def report(fraction: float, message: str | None) -> bool:
        if on_progress is not None:
            on_progress(fraction, message)
        return False

    with ctx.store.transaction() as conn:
        record(ctx, conn, "job.run_inline", "job", kind, {"kind": kind})
    result = spec.fn(ctx, payload, Progress(report))
    check_json(result, "result")
    return result


# --- after a restart ---------------------------------------------------------------------------------------------


def _worker_gone(row: repo.JobRow, now: datetime) -> bool:
    """Whether a running job's worker is gone: its process on this host has ended, or it stopped beating."""
    parts = (row.worker or "").split(":")
    if len(parts) == 3 and parts[1] == socket.gethostname() and parts[2].isdigit():
        try:
            os.kill(int(parts[2]), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
    last = row.heartbeat_at or row.started_at or row.created_at
    return now - last > timedelta(seconds=STALE_SECONDS)


def _interrupted() -> dict[str, Any]:
    return {
        "error": {
            "code": "interrupted",
            "message": "the job was interrupted by a restart of the server or of its worker",
            "hint": "start it again",
        }
    }


def reap(ctx: Context) -> int:
    """Mark running jobs whose worker is gone as failed ("interrupted by a restart"); return how many."""
    ctx.require(ADMIN_PERMISSION)
    now = _now()
    failed = 0
    for row in repo.list_by_status(ctx.store, ("running",)):
        if not _worker_gone(row, now):
            continue
        with ctx.store.transaction() as conn:
            if repo.finish(
                conn, row.id, status="failed", now=now, message="interrupted by a restart", error=_interrupted()
            ):
                record(ctx, conn, "job.interrupted", "job", row.id, {"kind": row.kind, "worker": row.worker})
                failed += 1
    return failed


def recover(ctx: Context) -> dict[str, int]:
    """At server start: re-queue queued jobs, fail running jobs whose worker is gone. Nothing is lost silently."""
    from krapte.services.jobs_backends import backend_for

    ctx.require(ADMIN_PERMISSION)
    backend = backend_for(ctx.settings)
    requeued = 0
    unknown = 0
    for row in repo.list_by_status(ctx.store, ("queued",)):
        spec = _REGISTRY.get(row.kind)
        if spec is None:
            error = NotFoundError(f"there is no job kind {row.kind!r} any more", hint="start the work again")
            with ctx.store.transaction() as conn:
                if repo.finish(
                    conn,
                    row.id,
                    status="failed",
                    now=_now(),
                    message=error.message,
                    error=error.to_dict(),
                    expected=("queued",),
                ):
                    record(ctx, conn, "job.interrupted", "job", row.id, {"kind": row.kind})
                    unknown += 1
            continue
        if backend.is_waiting(row.id):
            continue
        backend.enqueue(row.id, spec.module, ctx.settings)
        requeued += 1
    failed = reap(ctx)
    still = len(repo.list_by_status(ctx.store, ("running",)))
    if requeued or failed or unknown:
        with ctx.store.transaction() as conn:
            record(ctx, conn, "job.recover", "job", "*", {"requeued": requeued, "failed": failed + unknown})
    return {"requeued": requeued, "failed": failed + unknown, "running": still}


def purge(ctx: Context, *, days: int) -> int:
    """Delete finished jobs, with their uploaded inputs and results, that ended more than ``days`` days ago."""
    ctx.require(ADMIN_PERMISSION)
    if not 1 <= days <= 3650:
        raise ValidationError(f"days={days} is out of range", hint="give 1 to 3650")
    with ctx.store.transaction() as conn:
        count = repo.delete_finished_before(conn, _now() - timedelta(days=days))
        record(ctx, conn, "job.purge", "job", "*", {"days": days, "deleted": count})
    return count


# --- a job every installation has: checking that workers run ---------------------------------------------------------


@job("jobs.probe", title="Check that job workers run")
def probe(ctx: Context, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Wait ``seconds`` (0–60) in ``steps`` progress steps and say which worker ran it (``krapte jobs probe``)."""
    seconds = payload.get("seconds", 0)
    steps = payload.get("steps", 1)
    if not isinstance(seconds, int | float) or not 0 <= seconds <= 60:
        raise ValidationError(f"seconds={seconds!r} must be a number from 0 to 60")
    if not isinstance(steps, int) or not 1 <= steps <= 1000:
        raise ValidationError(f"steps={steps!r} must be a whole number from 1 to 1000")
    from krapte.services.jobs_backends.worker import worker_identity

    started = time.perf_counter()
    for i in range(steps):
        progress(i / steps, f"step {i + 1} of {steps}")
        time.sleep(seconds / steps)
    progress(1.0, "done")
    return {"worker": worker_identity(), "seconds": round(time.perf_counter() - started, 3), "steps": steps}
