"""Values derived once from a long-lived object (a skill space, semantic neighbours, a profile) and kept.

The matching core computes the same constants on every request: coverage weights of a skill space, the transposed
credit matrix of the semantic neighbours, target masks, thresholds. :func:`derived` keeps such a value in a small
dict next to the object it comes from and gives it back while that very object is asked about again (an ``is``
check, so a new object with a reused ``id`` or an equal key never gets a stale value). A full dict is emptied.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["derived"]

V = TypeVar("V")


def derived(
    cache: dict[Any, tuple[object, Any]], key: Hashable, owner: object, compute: Callable[[], V], *, limit: int
) -> V:
    """``compute()``, kept in ``cache`` under ``key`` while ``owner`` is the same object; ``cache`` is emptied once
    it holds ``limit`` entries."""
    hit = cache.get(key)
    if hit is None or hit[0] is not owner:
        if len(cache) >= limit:
            cache.clear()
        hit = cache[key] = (owner, compute())
    value: V = hit[1]
    return value
