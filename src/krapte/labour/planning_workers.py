"""Blocks of a decomposed plan solved a few at a time on threads, sharing a deadline.

HiGHS releases the GIL while it solves, so two block solves on two threads use two cores. Used by
:mod:`krapte.labour.planning_decompose` for its first pass, its coupled re-solves and its joint pairs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["map_blocks"]

_T = TypeVar("_T")


def map_blocks(
    blocks: Sequence[int],
    until: float,
    workers: int,
    solve: Callable[[int, float], _T],
    *,
    optional: bool = False,
) -> dict[int, _T]:
    """Run ``solve(block, seconds)`` for every block, ``workers`` at a time, sharing the time left until ``until``.

    Each block gets the time left times ``workers`` divided by the blocks not yet started, so a block that finishes
    early leaves its time to the later ones. A block started after ``until`` still gets 0.05 s (and the building of
    its model), unless the blocks are ``optional``: then the blocks not started by ``until`` are left out of the
    result, so that a late phase ends at ``until`` instead of some building time per block after it.
    """
    pending = list(blocks)
    lock = threading.Lock()
    results: dict[int, _T] = {}
    workers = max(1, min(workers, len(pending)))

    errors: list[BaseException] = []

    def worker() -> None:
        while True:
            with lock:
                if not pending or errors or (optional and time.perf_counter() >= until):
                    return
                b = pending.pop(0)
                share = (until - time.perf_counter()) * workers / (len(pending) + 1)
            try:
                out = solve(b, max(min(share, until - time.perf_counter()), 0.05))
            except BaseException as exc:  # re-raised in the caller's thread below
                with lock:
                    errors.append(exc)
                return
            with lock:
                results[b] = out

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
