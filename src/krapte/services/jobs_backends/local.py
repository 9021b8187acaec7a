"""The embedded backend: a pool of worker processes inside the server (no extra service).

``concurrent.futures.ProcessPoolExecutor`` with the *spawn* start method (a clean interpreter per worker, no
forked locks or connections), ``KRAPTE_JOB_WORKERS`` processes (default 1), started on the first job. Workers
run at a lower CPU priority (``KRAPTE_JOB_NICE``, default 10) and with one BLAS thread, so the server's request
threads keep answering while a solver runs. Each task carries the settings of the server that queued it; the
worker opens that store itself.

If a worker process dies (killed, out of memory), the pool breaks: the job it ran is marked failed, jobs that
had not started yet are queued again on a fresh pool. A running job is cancelled cooperatively (its next
progress report); on server shutdown the worker processes are ended and :func:`krapte.services.jobs.recover`
marks their jobs as interrupted at the next start.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime

from krapte.settings import Settings

__all__ = ["LocalPool"]

log = logging.getLogger(__name__)


def _init_worker(nice: int) -> None:
    """Runs first in each worker process: lower priority, one BLAS thread, mark the worker kind."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if nice > 0:
        with contextlib.suppress(OSError):  # not permitted on this system: run at normal priority
            os.nice(nice)
    from krapte.services.jobs_backends.worker import set_worker_kind

    set_worker_kind("local")


class LocalPool:
    name = "local"
    can_stop = False

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.nice = int(os.environ.get("KRAPTE_JOB_NICE") or "10")
        self._executor: ProcessPoolExecutor | None = None
        self._futures: dict[str, tuple[Future[str], str, Settings]] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._requeued: set[str] = set()  # jobs queued again once after losing their worker before starting

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self.nice,),
            )
        return self._executor

    def enqueue(self, job_id: str, module: str, settings: Settings) -> None:
        from krapte.services.jobs_backends.worker import execute

        with self._lock:
            if self._closed:
                raise RuntimeError("the local job pool is shut down")
            future = self._pool().submit(execute, job_id, module, settings)
            self._futures[job_id] = (future, module, settings)
        future.add_done_callback(functools.partial(self._done, job_id))

    def _done(self, job_id: str, future: Future[str]) -> None:
        with self._lock:
            entry = self._futures.pop(job_id, None)
        if future.cancelled() or entry is None:
            return
        exc = future.exception()
        if exc is None:
            return
        _, module, settings = entry
        if isinstance(exc, BrokenProcessPool):
            with self._lock:
                if self._executor is not None and not self._closed:
                    self._executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = None
        if not self._closed:
            self._lost(job_id, module, settings, exc)

    def _lost(self, job_id: str, module: str, settings: Settings, exc: BaseException) -> None:
        """A task ended without the worker finishing its job: re-queue it if it never started, else fail it."""
        from krapte.services.jobs_backends.worker import worker_store
        from krapte.store import jobs as repo

        store = worker_store(settings)
        row = repo.get(store, job_id)
        if row is None:
            return
        if row.status == "queued" and job_id not in self._requeued:
            self._requeued.add(job_id)
            log.warning("job %s lost its worker before it started; queued again", job_id)
            self.enqueue(job_id, module, settings)
            return
        log.error("job %s: its worker process stopped (%s: %s)", job_id, type(exc).__name__, exc)
        error = {
            "error": {
                "code": "worker_lost",
                "message": "the worker process running this job stopped unexpectedly",
                "hint": "start the job again; if it happens again, the job may need more memory",
            }
        }
        with store.transaction() as conn:
            repo.finish(
                conn,
                job_id,
                status="failed",
                now=datetime.now(UTC),
                message=error["error"]["message"],
                error=error,
                expected=("queued", "running"),
            )

    def is_waiting(self, job_id: str) -> bool:
        with self._lock:
            entry = self._futures.get(job_id)
        return entry is not None and not entry[0].done()

    def discard(self, job_id: str) -> None:
        with self._lock:
            entry = self._futures.get(job_id)
        if entry is not None:
            entry[0].cancel()  # only succeeds while it waits in the pool's queue

    def stop(self, job_id: str) -> None:
        """Not supported: a running local job stops at its next progress report."""

    def shutdown(self) -> None:
        """End the worker processes now; unfinished jobs are recovered at the next start."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
