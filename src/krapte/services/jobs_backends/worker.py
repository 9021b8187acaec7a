"""The worker side of background jobs: run one queued job in this process (a pool worker or an RQ work horse).

:func:`execute` claims the job (``queued`` → ``running``, exactly once), rebuilds its owner's context from the
stored principal (``via="job"``), runs the registered job function with a :class:`~krapte.services.jobs.Progress`
that writes to the job row, and stores the result, the JSON error shape, or the cancellation. A heartbeat thread
touches the row every :data:`~krapte.services.jobs.HEARTBEAT_SECONDS` so that recovery can tell live workers from
lost ones. Unexpected exceptions are logged here with the job id; the job's error says only "internal error".
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
import threading
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

from krapte.errors import KrapteError, NotFoundError
from krapte.services.audit import record
from krapte.services.context import Context
from krapte.services.jobs import (
    HEARTBEAT_SECONDS,
    Cancelled,
    JobStatus,
    Progress,
    check_json,
    principal_of,
    registered,
)
from krapte.settings import Settings
from krapte.store import Store
from krapte.store import jobs as repo

__all__ = ["execute", "set_worker_kind", "worker_identity", "worker_store"]

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


_WORKER_KIND = {"name": "local"}  # set to "rq" by ``krapte worker`` before it forks work horses
_STORES: OrderedDict[str, Store] = OrderedDict()
_STORES_LOCK = threading.Lock()


def set_worker_kind(name: str) -> None:
    _WORKER_KIND["name"] = name


def worker_identity() -> str:
    return f"{_WORKER_KIND['name']}:{socket.gethostname()}:{os.getpid()}"


def worker_store(settings: Settings) -> Store:
    """The store of ``settings``, opened once per worker process (a few are kept, least recently used first out)."""
    from krapte.store import open_store

    url = settings.database_url
    with _STORES_LOCK:
        store = _STORES.get(url)
        if store is None:
            store = open_store(url=url, migrate=False)
            _STORES[url] = store
            while len(_STORES) > 4:
                _STORES.popitem(last=False)[1].dispose()
        _STORES.move_to_end(url)
        return store


def _heartbeat(store: Store, job_id: str, stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_SECONDS):
        try:
            repo.heartbeat(store, job_id, now=_now())
        except Exception:  # the next beat tries again; recovery judges by the last one
            log.warning("heartbeat of job %s failed", job_id, exc_info=True)


def _internal_error(job_id: str) -> dict[str, Any]:
    return {
        "error": {
            "code": "internal_error",
            "message": "the job failed because of an internal error",
            "hint": f"an administrator finds the details in the worker's log under job {job_id}",
        }
    }


def execute(job_id: str, module: str | None = None, settings: Settings | None = None) -> str:
    """Run one queued job in this (worker) process; return its final status (``skipped`` if not queued)."""
    settings = settings or Settings.from_env()
    store = worker_store(settings)
    if module:
        importlib.import_module(module)
    if not repo.claim(store, job_id, worker=worker_identity(), now=_now()):
        return "skipped"
    row = repo.get(store, job_id)
    assert row is not None
    ctx = Context(store, principal_of(row.principal), settings, request_id=row.request_id or job_id)
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(store, job_id, stop), daemon=True, name=f"heartbeat-{job_id}")
    beat.start()
    status: JobStatus = "failed"
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    message = "failed"
    try:
        spec = registered(row.kind)
        if spec is None:
            raise NotFoundError(f"this worker knows no job kind {row.kind!r}", hint="update the worker")
        progress = Progress(
            lambda f, m: repo.report_progress(store, job_id, fraction=f, message=m, now=_now()),
            poll=lambda: repo.should_stop(store, job_id),
        )
        result = spec.fn(ctx, row.payload, progress)
        check_json(result, "result")
        status, message = "succeeded", "done"
    except Cancelled:
        status, message, result = "cancelled", "cancelled", None
    except KrapteError as exc:
        status, message, error, result = "failed", exc.message, exc.to_dict(), None
    except Exception:
        log.exception("job %s (%s) failed", job_id, row.kind)
        status, error, result = "failed", _internal_error(job_id), None
        message = error["error"]["message"]
    finally:
        stop.set()
    with store.transaction() as conn:
        done = repo.finish(
            conn,
            job_id,
            status=status,
            now=_now(),
            message=message,
            result=result,
            error=error,
            unless_cancel_requested=status == "succeeded",
        )
        if not done and status == "succeeded":  # cancelled while finishing: the result is not kept
            status = "cancelled"
            done = repo.finish(conn, job_id, status=status, now=_now(), message="cancelled")
        if done:
            record(ctx, conn, f"job.{status}", "job", job_id, {"kind": row.kind})
    beat.join(timeout=1)
    return status
