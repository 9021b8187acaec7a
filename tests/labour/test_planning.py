"""The planning optimiser on small hand-computed cases, an exhaustive check and the infeasible inputs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from krapte.errors import SolverError, ValidationError
from krapte.labour.planning import PlannableProject, greedy_starts, plan_starts, shortage_for


def flat(fte: float, quarters: int) -> np.ndarray:
    """A one-region, one-occupation profile: ``fte`` in each of ``quarters`` quarters."""
    return np.full((1, 1, quarters), fte)


def test_three_crews_that_collide_are_spread_over_the_window() -> None:
    # capacity 10 FTE per quarter; three projects of 8 FTE for 2 quarters, all planned in quarter 0:
    # 24 FTE in quarters 0 and 1 -> 14 + 14 = 28 FTE-quarters unmet, peak 14.
    capacity = np.full((1, 1, 6), 10.0)
    projects = [PlannableProject(name, flat(8, 2), earliest_start=0, latest_start=4) for name in "abc"]

    result = plan_starts(projects, capacity, time_limit=10)

    assert result.unmet_before == pytest.approx(28.0)
    assert result.peak_before == pytest.approx(14.0)
    assert result.unmet_after == pytest.approx(0.0)
    assert result.status == "optimal"
    assert result.mip_gap == pytest.approx(0.0, abs=1e-6)
    starts = sorted(result.starts_after.values())
    assert starts[1] - starts[0] >= 2 and starts[2] - starts[1] >= 2
    # one project may keep its plan; the other two moved, and the report says by how much
    assert len(result.moves) == 2
    assert all(m.shift > 0 for m in result.moves)


def test_when_unmet_demand_cannot_fall_the_peak_is_lowered() -> None:
    # no capacity at all: every FTE is unmet whatever the schedule, but spreading halves the peak
    capacity = np.zeros((1, 1, 2))
    projects = [PlannableProject(name, flat(5, 1), earliest_start=0, latest_start=1) for name in "ab"]

    result = plan_starts(projects, capacity, time_limit=10)

    assert result.unmet_before == result.unmet_after == pytest.approx(10.0)
    assert result.peak_before == pytest.approx(10.0)
    assert result.peak_after == pytest.approx(5.0)
    assert len(result.moves) == 1


def test_a_project_that_does_not_need_to_move_keeps_its_planned_start() -> None:
    capacity = np.full((1, 1, 8), 10.0)
    projects = [
        PlannableProject("early", flat(8, 2), earliest_start=0, latest_start=6, planned_start=3),
        PlannableProject("late", flat(8, 2), earliest_start=0, latest_start=6, planned_start=4),
    ]
    result = plan_starts(projects, capacity, time_limit=10)
    assert result.unmet_after == pytest.approx(0.0)
    assert len(result.moves) == 1  # moving one of the two is enough


def test_demand_in_two_regions_is_planned_per_region() -> None:
    # region 0 is tight, region 1 has room: only the region-0 projects need spreading
    capacity = np.stack([np.full((1, 4), 6.0), np.full((1, 4), 100.0)])
    profile_r0 = np.zeros((2, 1, 1))
    profile_r0[0, 0, 0] = 5.0
    profile_r1 = np.zeros((2, 1, 1))
    profile_r1[1, 0, 0] = 5.0
    projects = [
        PlannableProject("r0-a", profile_r0, 0, 3),
        PlannableProject("r0-b", profile_r0, 0, 3),
        PlannableProject("r1-a", profile_r1, 0, 3),
        PlannableProject("r1-b", profile_r1, 0, 3),
    ]
    result = plan_starts(projects, capacity, time_limit=10)
    assert result.unmet_before == pytest.approx(4.0)
    assert result.unmet_after == pytest.approx(0.0)
    assert [m.project for m in result.moves] in (["r0-a"], ["r0-b"])
    assert result.shortage_after.shape == capacity.shape


def test_background_demand_uses_up_capacity() -> None:
    capacity = np.full((1, 1, 3), 10.0)
    background = np.array([[[10.0, 0.0, 10.0]]])  # fixed projects fill quarters 0 and 2
    projects = [PlannableProject("p", flat(4, 1), earliest_start=0, latest_start=2)]
    result = plan_starts(projects, capacity, background=background, time_limit=10)
    assert result.starts_after == {"p": 1}
    assert result.unmet_before == pytest.approx(4.0)
    assert result.unmet_after == pytest.approx(0.0)
    assert result.demand_after[0, 0].tolist() == [10.0, 4.0, 10.0]


def test_profiles_per_start_let_later_cheaper_starts_win() -> None:
    # a labour-intensity factor that declines with the year: starting later needs fewer FTE
    capacity = np.full((1, 1, 3), 2.0)
    profiles = np.array([flat(6, 1), flat(4, 1), flat(3, 1)])
    result = plan_starts([PlannableProject("p", profiles, 0, 2)], capacity, time_limit=10)
    assert result.starts_after == {"p": 2}
    assert result.unmet_after == pytest.approx(1.0)


def test_weighted_objective_also_solves() -> None:
    capacity = np.zeros((1, 1, 2))
    projects = [PlannableProject(name, flat(5, 1), 0, 1) for name in "ab"]
    result = plan_starts(projects, capacity, objective="weighted", peak_weight=0.5, time_limit=10)
    assert result.objective == "weighted"
    assert result.peak_after == pytest.approx(5.0)


def _lexicographic_optimum(projects: list[PlannableProject], capacity: np.ndarray) -> tuple[float, float]:
    best = (np.inf, np.inf)
    windows = [range(p.earliest_start, p.latest_start + 1) for p in projects]
    for combo in itertools.product(*windows):
        short = shortage_for(projects, capacity, {p.id: s for p, s in zip(projects, combo, strict=True)})
        best = min(best, (round(float(short.sum()), 6), round(float(short.max()), 6)))
    return best


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_the_solver_matches_exhaustive_search_on_small_random_cases(seed: int) -> None:
    rng = np.random.default_rng(seed)
    capacity = rng.integers(3, 12, size=(2, 2, 8)).astype(float)
    projects = []
    for i in range(5):
        duration = int(rng.integers(1, 4))
        profile = rng.integers(0, 6, size=(2, 2, duration)).astype(float)
        earliest = int(rng.integers(0, 3))
        latest = min(earliest + int(rng.integers(0, 4)), 7)
        projects.append(PlannableProject(f"p{i}", profile, earliest, latest))

    result = plan_starts(projects, capacity, time_limit=20)

    unmet, peak = _lexicographic_optimum(projects, capacity)
    assert result.status == "optimal"
    assert result.unmet_after == pytest.approx(unmet, abs=1e-4)
    assert result.peak_after == pytest.approx(peak, abs=1e-4)
    greedy = shortage_for(projects, capacity, greedy_starts(projects, capacity))
    assert result.unmet_after <= greedy.sum() + 1e-6


def test_a_window_shorter_than_the_duration_is_explained() -> None:
    with pytest.raises(SolverError, match=r"'short'.*no start that fits.*shorter than the duration"):
        plan_starts([PlannableProject("short", flat(1, 4), 3, 2)], np.ones((1, 1, 8)))


def test_a_window_outside_the_horizon_is_explained() -> None:
    with pytest.raises(SolverError, match=r"'late'.*outside the planning horizon 0–7"):
        plan_starts([PlannableProject("late", flat(1, 1), 5, 9)], np.ones((1, 1, 8)))


def test_non_finite_demand_is_reported_as_unbounded() -> None:
    with pytest.raises(SolverError, match=r"'wild'.*non-finite.*unbounded"):
        plan_starts([PlannableProject("wild", flat(np.inf, 1), 0, 1)], np.ones((1, 1, 2)))


def test_undefined_capacity_names_the_cell_and_quarter_label() -> None:
    capacity = np.ones((1, 1, 2))
    capacity[0, 0, 1] = np.nan
    with pytest.raises(SolverError, match=r"region #0, occupation #0 in 2027Q2 is nan"):
        plan_starts(
            [PlannableProject("p", flat(1, 1), 0, 1)],
            capacity,
            quarter_label=lambda q: f"2027Q{q + 1}",
        )


def test_bad_shapes_and_duplicates_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="occurs twice"):
        plan_starts([PlannableProject("p", flat(1, 1), 0, 1)] * 2, np.ones((1, 1, 2)))
    with pytest.raises(ValidationError, match="expected \\(1, 1, offsets\\)"):
        plan_starts([PlannableProject("p", np.ones((2, 1, 1)), 0, 1)], np.ones((1, 1, 2)))
    with pytest.raises(ValidationError, match="time limit"):
        plan_starts([PlannableProject("p", flat(1, 1), 0, 1)], np.ones((1, 1, 2)), time_limit=0)


def test_a_short_time_limit_still_returns_a_schedule_no_worse_than_greedy() -> None:
    rng = np.random.default_rng(7)
    capacity = rng.uniform(5, 15, size=(3, 3, 24))
    projects = [
        PlannableProject(f"p{i}", rng.uniform(0, 4, size=(3, 3, 4)) * (rng.random((3, 3, 1)) < 0.5), e, e + 12)
        for i, e in enumerate(rng.integers(0, 8, size=60))
    ]
    result = plan_starts(projects, capacity, time_limit=0.5)
    assert result.status in ("optimal", "time_limit")
    assert 0.0 <= result.mip_gap <= 1.0
    greedy = shortage_for(projects, capacity, greedy_starts(projects, capacity))
    assert result.unmet_after <= greedy.sum() + 1e-6
    assert result.unmet_after <= result.unmet_before


def test_the_regional_search_never_makes_the_schedule_worse() -> None:
    rng = np.random.default_rng(11)
    capacity = rng.uniform(3, 8, size=(4, 2, 16))
    projects = []
    for i in range(16):
        profile = np.zeros((4, 2, 3))
        profile[i % 4] = rng.uniform(1, 4, size=(2, 3))
        projects.append(PlannableProject(f"p{i}", profile, int(rng.integers(0, 4)), int(rng.integers(4, 12))))
    plain = plan_starts(projects, capacity, time_limit=5)
    regional = plan_starts(projects, capacity, time_limit=5, regional_share=0.3, regional_min_projects=0)
    greedy = shortage_for(projects, capacity, greedy_starts(projects, capacity))
    assert regional.unmet_after <= greedy.sum() + 1e-6
    assert regional.unmet_after == pytest.approx(plain.unmet_after, rel=0.05)
