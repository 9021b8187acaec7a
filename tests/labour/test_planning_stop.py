"""Stopping a plan on request: ``plan_starts(should_stop=...)`` interrupts HiGHS and raises ``PlanStopped``.

A cancelled job passes a callable that reads the job's cancel flag; the core only sees the callable. None of these
tests asserts on time: a plan with a 600 s limit that the test stops must simply end (the test would hang
otherwise).
"""

from __future__ import annotations

import numpy as np
import pytest

from krapte.labour.planning import PlannableProject, PlanStopped, plan_starts

REGIONS, OCCUPATIONS, QUARTERS = 8, 6, 30


def hard_instance(n_projects: int, seed: int = 0) -> tuple[list[PlannableProject], np.ndarray]:
    """Seeded projects whose capacity binds at the peaks: HiGHS needs far longer than a test to prove it."""
    rng = np.random.default_rng(seed)
    shares = rng.dirichlet(np.full(OCCUPATIONS, 0.7), size=4)
    projects = []
    total = np.zeros((REGIONS, OCCUPATIONS))
    for i in range(n_projects):
        duration = int(rng.integers(2, 7))
        slack = int(rng.integers(2, 10))
        earliest = int(rng.integers(0, QUARTERS - duration - slack + 1))
        profile = np.zeros((REGIONS, OCCUPATIONS, duration))
        region = int(rng.integers(REGIONS))
        profile[region] = float(rng.lognormal(np.log(20.0), 0.8)) * shares[int(rng.integers(4))][:, None]
        total += profile.sum(axis=2)
        projects.append(PlannableProject(f"P{i:03d}", profile, earliest, earliest + slack))
    capacity = np.repeat((total / QUARTERS * 1.1)[:, :, None], QUARTERS, axis=2)
    return projects, capacity


class StopAfter:
    """Answers ``False`` ``calls`` times, then ``True``; counts how often it was asked."""

    def __init__(self, calls: int) -> None:
        self.calls = calls
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked > self.calls


@pytest.mark.parametrize("method", ["milp", "blocks", "decompose"])
def test_a_600_s_plan_stops_when_asked(method: str) -> None:
    projects, capacity = hard_instance(160)
    stop = StopAfter(40)  # past the first solver run's start: the request arrives while HiGHS works
    with pytest.raises(PlanStopped):
        plan_starts(projects, capacity, time_limit=600.0, method=method, should_stop=stop)  # type: ignore[arg-type]
    assert stop.asked > stop.calls


def test_a_request_before_the_solver_starts_stops_at_once() -> None:
    projects, capacity = hard_instance(40)
    with pytest.raises(PlanStopped):
        plan_starts(projects, capacity, time_limit=600.0, method="milp", should_stop=lambda: True)


def test_a_hook_that_never_stops_changes_nothing() -> None:
    projects, capacity = hard_instance(12, seed=3)
    stop = StopAfter(10**9)
    plain = plan_starts(projects, capacity, time_limit=30.0, method="milp")
    hooked = plan_starts(projects, capacity, time_limit=30.0, method="milp", should_stop=stop)
    assert hooked.starts_after == plain.starts_after
    assert hooked.status == plain.status == "optimal"
    assert stop.asked > 0  # HiGHS did ask while it ran
