"""The Redis backend: jobs go through an RQ queue to separate ``krapte worker`` processes.

Only the job id (and the module that registers its kind) travels through Redis; the payload, progress and
result live in the store, which every worker opens from its own settings (``KRAPTE_DATABASE_URL``). RQ forks a
work horse per job, so a running job can be stopped from outside with RQ's stop-job command. Results are not
kept in Redis (``result_ttl=0``).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import socket
from typing import Any

from krapte.settings import Settings

__all__ = ["JOB_MODULES", "JOB_TIMEOUT_SECONDS", "RqBackend", "run_worker"]

log = logging.getLogger(__name__)

#: The longest a job may run on an RQ worker before RQ stops it (solver limits are far below).
JOB_TIMEOUT_SECONDS = 2 * 3600
#: Modules that register job kinds; a worker imports them before its first job (its horses fork from it).
JOB_MODULES = (
    "krapte.services.jobs",
    "krapte.services.jobs_backends.worker",
    "krapte.services.planning",
    "krapte.services.programme_plan",
)
_EXECUTE = "krapte.services.jobs_backends.worker.execute"


def _redis(url: str, *, worker: bool = False) -> Any:
    """A client; the server's calls time out after 30 s, a worker's wait for the next job may take longer."""
    from redis import Redis

    if worker:
        return Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)
    return Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30, health_check_interval=30)


class RqBackend:
    name = "rq"
    can_stop = True

    def __init__(self, redis_url: str, queue: str) -> None:
        from rq import Queue

        self.redis = _redis(redis_url)
        self.queue = Queue(queue, connection=self.redis)

    def enqueue(self, job_id: str, module: str, settings: Settings) -> None:
        self.queue.enqueue(
            _EXECUTE,
            job_id,
            module,
            job_id=job_id,
            job_timeout=JOB_TIMEOUT_SECONDS,
            result_ttl=0,
            failure_ttl=7 * 24 * 3600,
            description=f"krapte job {job_id}",
        )

    def _job(self, job_id: str) -> Any:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        try:
            return Job.fetch(job_id, connection=self.redis)
        except NoSuchJobError:
            return None

    def is_waiting(self, job_id: str) -> bool:
        from rq.job import JobStatus

        found = self._job(job_id)
        if found is None:
            return False
        return found.get_status() in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED)

    def discard(self, job_id: str) -> None:
        found = self._job(job_id)
        if found is not None:
            try:
                found.cancel()
            except Exception:  # already taken by a worker: it will skip the cancelled job
                log.info("RQ job %s could not be cancelled in the queue", job_id, exc_info=True)

    def stop(self, job_id: str) -> None:
        from rq.command import send_stop_job_command
        from rq.exceptions import InvalidJobOperation, NoSuchJobError

        with contextlib.suppress(InvalidJobOperation, NoSuchJobError):  # not executing (any more): nothing to stop
            send_stop_job_command(self.redis, job_id)

    def shutdown(self) -> None:
        self.redis.close()


def run_worker(settings: Settings, queue: str, *, burst: bool = False, name: str | None = None) -> bool:
    """Serve the queue until stopped (or, with ``burst``, until it is empty). Returns whether any job ran."""
    from rq import Queue, Worker

    from krapte.errors import ConfigError
    from krapte.services.jobs_backends.worker import set_worker_kind

    if not settings.redis_url:
        raise ConfigError(
            "krapte worker needs KRAPTE_REDIS_URL",
            hint="set it to e.g. redis://127.0.0.1:6379/0; without it the server runs jobs in its own worker pool",
        )
    for module in JOB_MODULES:
        importlib.import_module(module)  # imported once here, so that every forked work horse starts warm
    set_worker_kind("rq")
    connection = _redis(settings.redis_url, worker=True)
    worker = Worker(
        [Queue(queue, connection=connection)],
        connection=connection,
        name=name or f"krapte-{socket.gethostname()}-{os.getpid()}",
    )
    return bool(worker.work(burst=burst, with_scheduler=False, logging_level="WARNING"))
