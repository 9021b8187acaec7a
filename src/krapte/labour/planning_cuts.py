"""Valid inequalities for one cell of the planning model: the unmet demand ``u ≥ f(load)``, ``f(L) = max(L − room, 0)``.

In a cell, project ``p`` brings the load ``a[p][k]`` when it starts at its ``k``-th candidate, so the unmet demand is
``f(Σ_p a[p][k_p])`` with ``f`` convex. The model's own row ``u ≥ Σ a·x − room`` is only the linear part of ``f``;
its LP relaxation spreads projects fractionally over their windows, so that fractional loads fill the capacity
without exceeding it. The cuts here are linear functions of the start indicators ``x[p][k]`` that lie below
``f(load)`` at every schedule (the convex analogue of the Nemhauser–Wolsey inequalities for supermodular functions):

**Reference cut.** Pick a reference load ``ℓ_p`` per project (for instance the load of one of its starts) and let
``L = Σ ℓ_p`` and ``H = L + Σ_p max(M_p − ℓ_p, 0)`` with ``M_p`` the project's largest load. Then, for every
schedule,

    f(load) ≥ f(L) + Σ_p φ_p(a[p][k_p]),   φ_p(v) = f(L + v − ℓ_p) − f(L)        if v ≥ ℓ_p,
                                           φ_p(v) = −(f(H) − f(H − (ℓ_p − v)))   if v < ℓ_p.

*Proof.* Go from ``L`` to the schedule's load by first adding every increase ``v − ℓ_p ≥ 0``: a convex ``f`` grows by
at least the sum of the single increases taken from ``L`` (``f(x + a + b) − f(x + a) ≥ f(x + b) − f(x)`` for
``a, b ≥ 0``). Then remove the decreases one at a time: each starts at a level no higher than ``H``, and a convex
``f`` drops over a step of a given length by at most what it drops over that step ending at ``H``. ∎

With every ``ℓ_p`` at the project's smallest load the cut (the *lifted excess cut*) has no decreases; it dominates
the single-project excess cut ``u ≥ Σ_p max(a[p][k] − room, 0)·x[p][k]`` (the case ``L = 0``): a project's
increase is charged from the load the others bring whatever their start, not from zero. References at a fractional
LP solution's "mostly chosen" loads cut that solution off where projects share the capacity fractionally; that
separation was measured and not kept (``docs/planning.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

__all__ = ["Cut", "lifted_coefficients", "lifted_excess_cut", "reference_cut", "value"]

#: A cut is ``u ≥ constant + Σ_p coefficients[p][k_p]`` (one coefficient per candidate start of each project).
Cut = tuple[float, list[FloatArray]]


def _f(load: float | FloatArray, room: float) -> float | FloatArray:
    return np.maximum(np.asarray(load) - room, 0.0)


def reference_cut(loads: Sequence[FloatArray], reference: FloatArray, room: float) -> Cut:
    """The cut for references ``reference[p]`` (see the module docstring); valid for any reference values."""
    ref = np.asarray(reference, dtype=np.float64)
    base = float(ref.sum())
    top = base + float(sum(max(float(a.max()) - r, 0.0) for a, r in zip(loads, ref, strict=True)))
    f_base, f_top = float(_f(base, room)), float(_f(top, room))
    coefficients = []
    for a, r in zip(loads, ref, strict=True):
        up = _f(base + a - r, room) - f_base
        down = -(f_top - _f(top - (r - a), room))
        coefficients.append(np.where(a >= r, up, down).astype(np.float64))
    return f_base, coefficients


def lifted_excess_cut(loads: Sequence[FloatArray], room: float) -> Cut:
    """The reference cut with every project at its smallest load (no decreases)."""
    return reference_cut(loads, np.array([float(a.min()) for a in loads]), room)


def lifted_coefficients(lowest: FloatArray, room: FloatArray, loads: FloatArray) -> FloatArray:
    """One project's coefficients in the lifted excess cuts of many cells at once (the block model's form).

    ``loads`` is the project's load per candidate start (rows) and cell (columns); ``lowest`` the cells' lowest load
    (the sum of every project's smallest load there), ``room`` their capacity left. The cut's constant is
    ``max(lowest − room, 0)`` plus the first row summed over the projects; :func:`lifted_excess_cut` gives the same
    coefficients one cell at a time.
    """
    return np.maximum(lowest + loads - loads.min(axis=0) - room, 0.0) - np.maximum(lowest - room, 0.0)


def value(cut: Cut, x: Sequence[FloatArray]) -> float:
    """The cut's right-hand side at (fractional) start indicators ``x[p]``."""
    constant, coefficients = cut
    return constant + float(sum(float(c @ xp) for c, xp in zip(coefficients, x, strict=True)))
