"""Where jobs run: a local process pool in the server (default) or an RQ queue on Redis (``KRAPTE_REDIS_URL``).

A backend only carries job ids to workers; the job rows in the store hold everything else. ``backend_for``
returns one backend per process and configuration; ``shutdown_all`` stops them (server shutdown).

=====================  ==============================================================  =====================
Variable               Meaning                                                         Default
=====================  ==============================================================  =====================
KRAPTE_REDIS_URL       run jobs through RQ on this Redis; start ``krapte worker``       unset: local pool
KRAPTE_JOB_WORKERS     processes of the local pool in the server                        ``1``
KRAPTE_JOB_QUEUE       name of the RQ queue                                             ``krapte``
KRAPTE_JOB_NICE        niceness added to local worker processes (the server stays quick) ``10``
=====================  ==============================================================  =====================
"""

from __future__ import annotations

import os
import threading
from typing import Protocol

from krapte.errors import ConfigError
from krapte.settings import Settings

__all__ = ["Backend", "backend_for", "backend_of", "job_workers", "queue_name", "shutdown_all"]


class Backend(Protocol):
    name: str
    can_stop: bool  # whether a running job can be stopped from outside (RQ: yes; local pool: cooperative only)

    def enqueue(self, job_id: str, module: str, settings: Settings) -> None: ...

    def is_waiting(self, job_id: str) -> bool:
        """Whether the job is still waiting in this backend's queue (recovery does not queue it twice)."""
        ...

    def discard(self, job_id: str) -> None:
        """Forget a cancelled queued job (best effort; a worker skips it anyway)."""
        ...

    def stop(self, job_id: str) -> None:
        """Stop a running job now (only when ``can_stop``)."""
        ...

    def shutdown(self) -> None: ...


_BACKENDS: dict[tuple[str, ...], Backend] = {}
_LOCK = threading.Lock()


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name) or str(default)
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name}={raw!r} must be a positive whole number", hint=f"e.g. {name}={default}")
    return int(raw)


def job_workers() -> int:
    return _positive("KRAPTE_JOB_WORKERS", 1)


def queue_name() -> str:
    return os.environ.get("KRAPTE_JOB_QUEUE") or "krapte"


def backend_for(settings: Settings) -> Backend:
    """The backend of these settings: RQ when ``redis_url`` is set, else the local pool (one per process)."""
    key: tuple[str, ...] = ("rq", settings.redis_url, queue_name()) if settings.redis_url else ("local",)
    with _LOCK:
        backend = _BACKENDS.get(key)
        if backend is None:
            if settings.redis_url:
                from krapte.services.jobs_backends.rq import RqBackend

                backend = RqBackend(settings.redis_url, queue_name())
            else:
                from krapte.services.jobs_backends.local import LocalPool

                backend = LocalPool(job_workers())
            _BACKENDS[key] = backend
        return backend


def backend_of(name: str, settings: Settings) -> Backend | None:
    """The backend a job was queued on, if these settings still reach it."""
    backend = backend_for(settings)
    return backend if backend.name == name else None


def shutdown_all() -> None:
    with _LOCK:
        backends = list(_BACKENDS.values())
        _BACKENDS.clear()
    for backend in backends:
        backend.shutdown()
