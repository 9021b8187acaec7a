"""Planning by decomposition: blocks of regions, the proven bound, agreement with exhaustive search and the MILP."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from krapte.labour.planning import PlannableProject, _candidates, plan_starts, shortage_for
from krapte.labour.planning_decompose import Decomposition, active_cells, blocks_of, peak_floor, solve_decomposed

QUARTERS = 8


def regional(rng: np.random.Generator, n_regions: int, regions: dict[int, float], duration: int) -> np.ndarray:
    """A profile of ``duration`` quarters over two occupations, split over ``regions`` by weight."""
    crew = rng.integers(2, 7, size=(2, 1)).astype(float)
    profile = np.zeros((n_regions, 2, duration))
    for region, weight in regions.items():
        profile[region] = weight * np.repeat(crew, duration, axis=1)
    return profile


def small_case(seed: int, n_regions: int = 3, n_projects: int = 7) -> tuple[list[PlannableProject], np.ndarray]:
    """Projects in one region each, two of them straddling two regions; tight capacity."""
    rng = np.random.default_rng(seed)
    capacity = rng.integers(4, 10, size=(n_regions, 2, QUARTERS)).astype(float)
    projects = []
    for i in range(n_projects):
        duration = int(rng.integers(1, 4))
        home = i % n_regions
        regions = {home: 1.0} if i >= 2 else {home: 0.5, (home + 1) % n_regions: 0.5}
        earliest = int(rng.integers(0, 3))
        latest = min(earliest + int(rng.integers(1, 3)), QUARTERS - duration)
        projects.append(PlannableProject(f"p{i}", regional(rng, n_regions, regions, duration), earliest, latest))
    return projects, capacity


def exhaustive_unmet(projects: list[PlannableProject], capacity: np.ndarray) -> float:
    windows = [range(p.earliest_start, p.latest_start + 1) for p in projects]
    return min(
        float(shortage_for(projects, capacity, {p.id: s for p, s in zip(projects, combo, strict=True)}).sum())
        for combo in itertools.product(*windows)
    )


def flat_problem(projects: list[PlannableProject], capacity: np.ndarray):  # type: ignore[no-untyped-def]
    cand = _candidates(projects, capacity.shape)
    return cand, capacity.reshape(-1), np.zeros(capacity.size)


def test_a_straddling_project_joins_its_regions_into_one_block() -> None:
    # region 0 and 1 share project "both"; region 2 is on its own
    capacity = np.full((3, 1, 4), 5.0)

    def at(region: int, fte: float = 4.0, weight: float = 1.0) -> np.ndarray:
        profile = np.zeros((3, 1, 2))
        profile[region] = fte * weight
        return profile

    both = at(0, weight=0.5) + at(1, weight=0.5)
    projects = [
        PlannableProject("r0", at(0), 0, 2),
        PlannableProject("r1", at(1), 0, 2),
        PlannableProject("r2a", at(2), 0, 2),
        PlannableProject("r2b", at(2), 0, 2),
        PlannableProject("both", both * 2, 0, 2),
    ]
    cand, cap, bg = flat_problem(projects, capacity)
    active = active_cells(cand, cap, bg)

    regions, members = blocks_of(cand, active, cells_per_region=4, max_block_projects=60)
    assert sorted(map(sorted, regions)) == [[0, 1], [2]]
    assert sorted(map(sorted, members)) == [[0, 1, 4], [2, 3]]

    # a block over the limit is split into single regions; the straddling project gets a copy in each
    regions, members = blocks_of(cand, active, cells_per_region=4, max_block_projects=2)
    assert sorted(map(sorted, regions)) == [[0], [1], [2]]
    assert sorted(map(sorted, members)) == [[0, 4], [1, 4], [2, 3]]


def test_cells_no_schedule_can_overflow_are_not_modelled_and_do_not_link_regions() -> None:
    capacity = np.full((2, 1, 4), 100.0)
    capacity[0] = 5.0
    profile = np.zeros((2, 1, 2))
    profile[0] = 4.0
    profile[1] = 4.0  # region 1 has room for everything: the project does not link it
    projects = [PlannableProject("a", profile, 0, 2), PlannableProject("b", profile, 0, 2)]
    cand, cap, bg = flat_problem(projects, capacity)
    active = active_cells(cand, cap, bg)
    assert set((active // 4).tolist()) == {0}
    regions, _ = blocks_of(cand, active, cells_per_region=4, max_block_projects=60)
    assert regions == [[0]]


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_the_decomposition_finds_the_exhaustive_optimum_and_proves_it(seed: int) -> None:
    projects, capacity = small_case(seed)

    result = plan_starts(projects, capacity, time_limit=20, method="decompose")
    milp = plan_starts(projects, capacity, time_limit=20, method="milp")

    best = exhaustive_unmet(projects, capacity)
    assert result.method == "decompose" and milp.method == "milp"
    assert result.unmet_after == pytest.approx(best, abs=1e-4)
    assert milp.unmet_after == pytest.approx(best, abs=1e-4)
    assert result.unmet_bound is not None and result.unmet_bound <= best + 1e-6
    assert result.mip_gap == pytest.approx(0.0, abs=1e-3)
    assert result.unmet_bound == pytest.approx(best, rel=1e-3)  # a proven optimum: the bound meets the schedule


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_split_blocks_give_a_valid_bound_and_a_feasible_schedule(seed: int) -> None:
    # forcing every region into its own block makes the straddling projects' copies free: a relaxation
    projects, capacity = small_case(seed)
    cand, cap, bg = flat_problem(projects, capacity)

    result = solve_decomposed(
        cand, cap, bg, cand.before.copy(), 2 * QUARTERS, time.perf_counter() + 10, max_block_projects=1
    )

    best = exhaustive_unmet(projects, capacity)
    assert result.straddling == 2 and result.blocks == 3
    assert result.bound <= best + 1e-6
    starts = {p.id: int(cand.starts[i][result.chosen[i]]) for i, p in enumerate(projects)}
    assert float(shortage_for(projects, capacity, starts).sum()) == pytest.approx(result.unmet, abs=1e-6)
    assert result.unmet >= best - 1e-6
    assert 0.0 <= result.gap <= 1.0


def test_the_peak_floor_is_the_largest_excess_one_project_has_wherever_it_starts() -> None:
    capacity = np.full((1, 1, 4), 5.0)
    projects = [
        PlannableProject("big", np.array([[[9.0]]]), 0, 3),  # 4 above capacity wherever it starts
        PlannableProject("small", np.array([[[3.0]]]), 0, 3),
    ]
    cand, cap, bg = flat_problem(projects, capacity)
    assert peak_floor(cand, cap, bg) == pytest.approx(4.0)
    result = plan_starts(projects, capacity, time_limit=10, method="decompose")
    assert result.peak_after == pytest.approx(4.0)
    assert result.peak_gap == pytest.approx(0.0)
    assert result.status == "optimal"


def bench_like(n_projects: int, seed: int = 0) -> tuple[list[PlannableProject], np.ndarray]:
    """A smaller cousin of the bench instance: 12 regions, 4 occupations, 24 quarters."""
    rng = np.random.default_rng(seed)
    n_regions, n_occ, n_q = 12, 4, 24
    projects = []
    for i in range(n_projects):
        duration = int(rng.integers(2, 6))
        slack = int(rng.integers(0, 8))
        earliest = int(rng.integers(0, n_q - duration - slack + 1))
        profile = np.zeros((n_regions, n_occ, duration))
        home = int(rng.integers(n_regions))
        profile[home] = rng.lognormal(np.log(5.0), 0.6) * rng.dirichlet(np.ones(n_occ))[:, None]
        if rng.random() < 0.2:
            profile[(home + 1) % n_regions] = profile[home] * 0.5
        projects.append(PlannableProject(f"P{i}", profile, earliest, earliest + slack))
    load = shortage_for(projects, np.zeros((n_regions, n_occ, n_q)), {p.id: p.earliest_start for p in projects})
    capacity = np.repeat((load.sum(axis=2) / n_q * 1.1)[:, :, None], n_q, axis=2)
    return projects, capacity


def test_the_time_limit_holds_and_the_result_is_no_worse_than_greedy() -> None:
    projects, capacity = bench_like(150)

    result = plan_starts(projects, capacity, time_limit=3, method="decompose")

    assert result.solve_seconds < 3 + 2.0  # model building after the deadline is bounded by one block
    assert result.status in ("optimal", "time_limit")
    assert result.unmet_bound is not None and result.unmet_bound <= result.unmet_after + 1e-6
    assert result.model_size["blocks"] >= 2
    plain = plan_starts(projects, capacity, time_limit=3, method="milp")
    from krapte.labour.planning import greedy_starts

    greedy = float(shortage_for(projects, capacity, greedy_starts(projects, capacity)).sum())
    assert result.unmet_after <= greedy + 1e-6
    assert plain.unmet_after <= greedy + 1e-6


def test_auto_keeps_the_monolithic_model_for_small_problems_and_weighted_objectives() -> None:
    projects, capacity = small_case(31)
    assert plan_starts(projects, capacity, time_limit=10).method == "milp"
    weighted = plan_starts(projects, capacity, time_limit=10, method="decompose", objective="weighted")
    assert weighted.method == "milp"


def test_the_bound_counts_shortage_no_choice_can_change() -> None:
    # background 8 FTE in region 1 against capacity 5: 3 FTE-quarters unmet whatever the schedule
    capacity = np.full((2, 1, 4), 5.0)
    background = np.zeros_like(capacity)
    background[1, 0, 0] = 8.0
    profile = np.zeros((2, 1, 1))
    profile[0] = 4.0
    projects = [PlannableProject("a", profile, 0, 2), PlannableProject("b", profile, 0, 2)]

    result = plan_starts(projects, capacity, background=background, time_limit=10, method="decompose")

    assert result.unmet_after == pytest.approx(3.0)
    assert result.unmet_bound == pytest.approx(3.0)
    assert result.mip_gap == pytest.approx(0.0)


def test_two_workers_solve_every_block_and_reach_the_same_optimum() -> None:
    projects, capacity = small_case(41, n_regions=4, n_projects=8)
    cand, cap, bg = flat_problem(projects, capacity)
    one = solve_decomposed(cand, cap, bg, cand.before.copy(), 2 * QUARTERS, time.perf_counter() + 10, workers=1)
    two = solve_decomposed(cand, cap, bg, cand.before.copy(), 2 * QUARTERS, time.perf_counter() + 10, workers=2)
    assert one.blocks == two.blocks >= 2
    assert one.unmet == pytest.approx(exhaustive_unmet(projects, capacity), abs=1e-6)
    assert two.unmet == pytest.approx(one.unmet, abs=1e-6)
    assert two.bound == pytest.approx(one.bound, abs=1e-4)


@pytest.mark.parametrize("seed", [61, 62, 63])
def test_no_proven_bound_exceeds_the_optimum_and_the_methods_agree_on_small_instances(seed: int) -> None:
    # the monolithic MILP solved to optimality is the reference; regions are split into single blocks (so the
    # straddling projects' copies are relaxed) and the lifted excess cuts are in every block model
    projects, capacity = bench_like(30, seed)
    milp = plan_starts(projects, capacity, time_limit=60, method="milp", mip_rel_gap=1e-6)
    assert milp.status == "optimal"
    optimum = milp.unmet_after

    decomposed = plan_starts(projects, capacity, time_limit=60, method="decompose", mip_rel_gap=1e-6)
    blocks = plan_starts(projects, capacity, time_limit=60, method="blocks", mip_rel_gap=1e-6)
    cand, cap, bg = flat_problem(projects, capacity)
    split = solve_decomposed(
        cand, cap, bg, cand.before.copy(), 4 * 24, time.perf_counter() + 20, max_block_projects=1, max_iterations=3
    )

    assert decomposed.unmet_bound is not None and decomposed.unmet_bound <= optimum + 1e-6
    assert decomposed.unmet_after == pytest.approx(optimum, rel=1e-5)
    assert blocks.unmet_after == pytest.approx(optimum, rel=5e-3)  # blocks stop at a 0.5 % gap per block
    active = active_cells(cand, cap, bg)
    modelled_optimum = float(
        np.maximum(milp.demand_after.reshape(-1)[active] - cap[active], 0.0).sum()
    )  # the split bound covers the modelled cells only
    assert split.blocks > decomposed.model_size["blocks"]
    assert split.bound <= modelled_optimum + 1e-6
    assert split.unmet >= modelled_optimum - 1e-6


def test_the_bound_adds_the_blocks_proven_bounds_not_their_schedules(monkeypatch: pytest.MonkeyPatch) -> None:
    # with a loose relative gap HiGHS stops each block early, so a block's schedule lies above its proven bound;
    # on this instance the blocks' schedules (copies free) add up to more than the optimum, so a "bound" made of
    # them would exceed it, while the sum of the proven bounds may not
    import krapte.labour.planning_decompose as decompose

    projects, capacity = bench_like(30, 63)
    milp = plan_starts(projects, capacity, time_limit=60, method="milp", mip_rel_gap=1e-6)
    assert milp.status == "optimal"
    cand, cap, bg = flat_problem(projects, capacity)
    active = active_cells(cand, cap, bg)
    optimum = float(np.maximum(milp.demand_after.reshape(-1)[active] - cap[active], 0.0).sum())
    solved: list[tuple[float, float]] = []
    solve = decompose.solve_step_model

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        picked, value, bound = solve(*args, **kwargs)
        solved.append((value, bound))
        return picked, value, bound

    monkeypatch.setattr(decompose, "solve_step_model", recording)
    split = solve_decomposed(
        cand,
        cap,
        bg,
        cand.before.copy(),
        4 * 24,
        time.perf_counter() + 30,
        max_block_projects=1,
        mip_rel_gap=0.5,
        max_iterations=0,
        merge_pairs=False,
    )

    first_pass = solved[: split.blocks]
    assert sum(value for value, _ in first_pass) > optimum + 1e-3  # the instance tells bounds from schedules
    assert split.bound <= optimum + 1e-6 <= split.unmet + 2e-6
    assert split.bound == pytest.approx(sum(bound for _, bound in first_pass), abs=1e-6)
    starts = {p.id: int(cand.starts[i][split.chosen[i]]) for i, p in enumerate(projects)}
    modelled = np.maximum(shortage_for(projects, capacity, starts).reshape(-1)[active], 0.0).sum()
    assert float(modelled) == pytest.approx(split.unmet, abs=1e-6)  # the schedule is real: its unmet is recomputed


def _every_region_its_own_block() -> tuple[float, Callable[..., Decomposition]]:
    """A 30-project instance's proven optimum over the cells a choice can change, and ``split(**options)``: the
    decomposition with every region its own block (the straddling projects' copies free in the first pass)."""
    projects, capacity = bench_like(30, 66)
    milp = plan_starts(projects, capacity, time_limit=60, method="milp", mip_rel_gap=1e-6)
    assert milp.status == "optimal"
    cand, cap, bg = flat_problem(projects, capacity)
    active = active_cells(cand, cap, bg)
    optimum = float(np.maximum(milp.demand_after.reshape(-1)[active] - cap[active], 0.0).sum())

    def split(**options: Any) -> Decomposition:
        return solve_decomposed(
            cand, cap, bg, cand.before.copy(), 4 * 24, time.perf_counter() + 60,
            max_block_projects=1, mip_rel_gap=1e-6, **options,
        )  # fmt: skip

    return optimum, split


def test_lagrangian_steps_raise_the_bound_of_split_blocks_and_never_past_the_optimum() -> None:
    # every region its own block: the straddling projects' copies are free in the first pass; multipliers on
    # "copy k starts in s − copy 0 starts in s" then make them agree more, and every step's sum of block bounds is
    # still a bound (the first pass proves every block here, so every straddling project is tied)
    optimum, split = _every_region_its_own_block()

    relaxed, tied = split(max_iterations=0, merge_pairs=False), split(max_iterations=10, merge_pairs=False)

    assert relaxed.iterations == 0 and tied.iterations > 0 and tied.tied == tied.straddling > 0
    assert relaxed.bound < tied.bound - 1e-3  # the multipliers tighten the relaxation
    assert tied.bound <= optimum + 1e-6 <= tied.unmet + 2e-6


def test_joint_pairs_of_blocks_raise_the_bound_and_never_past_the_optimum() -> None:
    # the instance of the Lagrangian test: every region its own block; solving linked pairs of proven blocks as
    # one model makes the straddling projects they share start once, which no relaxation of the copies can bound
    # past the optimum
    optimum, split = _every_region_its_own_block()

    relaxed, paired = split(max_iterations=0, merge_pairs=False), split(max_iterations=0, merge_pairs=True)

    assert relaxed.pairs == 0 and paired.pairs > 0
    assert paired.bound == pytest.approx(relaxed.bound + paired.pair_gain, abs=1e-6)
    assert relaxed.bound < paired.bound - 1e-3
    assert paired.bound <= optimum + 1e-6 <= paired.unmet + 2e-6
    assert paired.unmet <= relaxed.unmet + 1e-6  # the pairs' schedules are only offered, never forced


def test_idle_workers_of_the_first_pass_solve_joint_pairs_and_the_bound_stays_valid() -> None:
    # one worker: once no block is left, the rest of the first pass's share goes to joint pairs of proven blocks,
    # which the later round then extends; with or without them the bound never passes the optimum
    optimum, split = _every_region_its_own_block()

    later = split(max_iterations=0, pass_pairs=False, workers=1)
    early = split(max_iterations=0, workers=1)

    assert later.pass_pairs == 0 < later.pairs
    assert early.pass_pairs > 0 and early.pairs >= early.pass_pairs
    for result in (later, early):
        assert result.bound <= optimum + 1e-6 <= result.unmet + 2e-6
