"""Keep CPython's cyclic garbage collector off the long-lived objects of a server process.

Once a worker has loaded its caches (the taxonomy, the label index, the vacancy and course catalogues) it holds
several hundred thousand long-lived objects. A full (generation 2) collection traverses every one of them, and the
allocations of ordinary requests trigger one every few requests: in the in-process bench
(``bench/bench_match_poort.py``) that was 8 of the 20 ms of CPU of a pathways request. After a full collection that
took long (so many objects survived it: a cache was loaded), :func:`install`'s callback calls ``gc.freeze()``,
which moves the survivors into the permanent generation that later collections skip. Collections stay on, and
every object is still freed by reference counting as before; only objects that were alive at a freeze and later
become garbage *inside a reference cycle* are never reclaimed. Freezes happen only after slow collections (at
most :data:`MAX_FREEZES` per process), so that stays bounded: once the caches are loaded, full collections are
fast and freeze nothing.
"""

from __future__ import annotations

import gc
import time
from typing import Any

__all__ = ["MAX_FREEZES", "SLOW_SECONDS", "freezes", "install", "uninstall"]

SLOW_SECONDS = 0.01
"""A full collection that used this much CPU (10 ms: about 100,000 surviving objects) freezes its survivors."""
MAX_FREEZES = 20
"""At most this many freezes per process (the caches load a handful of times)."""

_started: list[float] = [0.0]
_count: list[int] = [0]


def _after_collection(phase: str, info: dict[str, Any]) -> None:
    if info.get("generation") != 2:
        return
    if phase == "start":
        _started[0] = time.thread_time()
    elif time.thread_time() - _started[0] >= SLOW_SECONDS and _count[0] < MAX_FREEZES:
        gc.freeze()
        _count[0] += 1


def install() -> None:
    """Freeze the survivors of slow full collections from now on, in this process (idempotent)."""
    if _after_collection not in gc.callbacks:
        gc.callbacks.append(_after_collection)


def uninstall() -> None:
    if _after_collection in gc.callbacks:
        gc.callbacks.remove(_after_collection)


def freezes() -> int:
    """How many times this process froze its long-lived objects."""
    return _count[0]
