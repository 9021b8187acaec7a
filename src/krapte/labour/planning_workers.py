"""Blocks of a decomposed plan solved a few at a time on threads, sharing a deadline.

HiGHS releases the GIL while it solves, so two block solves on two threads use two cores. Used by
:mod:`krapte.labour.planning_decompose` for its first pass (whose idle workers start joint pairs), its coupled
re-solves and its joint pairs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

__all__ = ["Task", "map_blocks"]

_T = TypeVar("_T")

#: Work for an idle worker: runs outside the lock and returns what to commit under it (``None``: nothing).
Task = Callable[[], Callable[[], None] | None]


def map_blocks(
    blocks: Sequence[int],
    until: float,
    workers: int,
    solve: Callable[[int, float], _T],
    *,
    optional: bool = False,
    idle: Callable[[Mapping[int, _T]], Task | None] | None = None,
) -> dict[int, _T]:
    """Run ``solve(block, seconds)`` for every block, ``workers`` at a time, sharing the time left until ``until``.

    Each block gets the time left times ``workers`` divided by the blocks not yet started, so a block that finishes
    early leaves its time to the later ones. A block started after ``until`` still gets 0.05 s (and the building of
    its model), unless the blocks are ``optional``: then the blocks not started by ``until`` are left out of the
    result, so that a late phase ends at ``until`` instead of some building time per block after it.

    ``idle`` gives a worker that finds no unstarted block other work while blocks are still running: it is called
    (under the lock, with the results so far) before ``until`` and returns a task or ``None``. A task runs outside
    the lock and returns a *commit* that is run under the lock, so ``idle`` sees every finished task's outcome
    whole. A worker without a task waits until some block or task finishes (which may make new work) or ``until``.
    """
    pending = list(blocks)
    cond = threading.Condition()
    results: dict[int, _T] = {}
    workers = max(1, min(workers, len(pending)))
    running = 0

    errors: list[BaseException] = []

    def next_job() -> tuple[int, float] | Task | None:
        """The next block with its share, an idle task, or None when this worker is done (called under the lock)."""
        while True:
            now = time.perf_counter()
            if errors or (optional and now >= until):
                return None
            if pending:
                share = (until - now) * workers / len(pending)
                return pending.pop(0), max(min(share, until - now), 0.05)
            task = idle(results) if idle is not None and now < until else None
            if task is not None or running == 0 or idle is None or now >= until:
                return task
            cond.wait(until - now)

    def worker() -> None:
        nonlocal running
        while True:
            with cond:
                job = next_job()
                if job is None:
                    return
                running += 1
            commit: Callable[[], None] | None = None
            try:
                if isinstance(job, tuple):
                    b, seconds = job
                    out = solve(b, seconds)
                else:
                    commit = job()
            except BaseException as exc:  # re-raised in the caller's thread below
                with cond:
                    errors.append(exc)
                    running -= 1
                    cond.notify_all()
                return
            with cond:
                if isinstance(job, tuple):
                    results[job[0]] = out
                elif commit is not None:
                    commit()
                running -= 1
                cond.notify_all()

    if workers == 1:
        worker()
    else:
        threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if errors:
        raise errors[0]
    return results
