"""Planning by cell classes and independent blocks: the classes on hand-made cases, exactness against the full
model and exhaustive search, and the block structure of a grid with regions that never meet."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from krapte.labour.planning import PlannableProject, plan_starts, shortage_for
from krapte.labour.planning_blocks import classify_cells, project_blocks


def test_cells_are_never_always_or_sometimes_short() -> None:
    # one project of 5 FTE in cell 0 or cell 1 (two candidate starts); background 8 in cell 0, 2 in cell 1 and 20 in 2
    cells = [[np.array([0, 2]), np.array([1, 2])]]
    values = [[np.array([5.0, 1.0]), np.array([5.0, 1.0])]]
    cap = np.array([10.0, 10.0, 10.0])
    bg = np.array([8.0, 2.0, 20.0])
    classes = classify_cells(cells, values, cap, bg, 1e-6)
    assert classes.lower.tolist() == [8.0, 2.0, 21.0]  # a start may leave cell 0 or 1 untouched; cell 2 gets 1 always
    assert classes.upper.tolist() == [13.0, 7.0, 21.0]
    assert classes.sometimes.tolist() == [True, False, False]  # 8 or 13 against 10
    assert classes.never.tolist() == [False, True, False]  # at most 7
    assert classes.always.tolist() == [False, False, True]  # at least 21: a linear cost, couples nobody


def test_projects_meet_only_in_cells_that_are_sometimes_short() -> None:
    cells = [
        [np.array([0]), np.array([1])],  # a and b share cell 0 and 1 ...
        [np.array([0]), np.array([1])],
        [np.array([5]), np.array([6])],  # ... c and d only cell 5, which is always short
        [np.array([5]), np.array([7])],
        [np.array([9])],  # e has one start: fixed, in no block
    ]
    coupling = np.zeros(10, dtype=bool)
    coupling[[0, 1]] = True
    blocks = sorted(project_blocks(cells, coupling))
    assert blocks == [[0, 1], [2], [3], [4]]


def _two_islands(seed: int) -> tuple[list[PlannableProject], np.ndarray]:
    """Two regions that share nothing, each with projects crowding a small capacity, and one always-short group."""
    rng = np.random.default_rng(seed)
    capacity = rng.integers(4, 10, size=(2, 2, 8)).astype(float)
    capacity[:, 1, :] = 0.0  # occupation 1 has no capacity anywhere: always short
    projects = []
    for i in range(6):
        region = i % 2
        duration = int(rng.integers(1, 3))
        profile = np.zeros((1, 2, duration))
        profile[0, 0, :] = rng.integers(2, 7)
        profile[0, 1, :] = rng.integers(0, 3)
        earliest = int(rng.integers(0, 3))
        latest = min(earliest + int(rng.integers(1, 3)), 8 - duration)
        projects.append(PlannableProject(f"p{i}", profile, earliest, latest, region_index=(region,)))
    return projects, capacity


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocks_find_the_same_unmet_demand_as_the_full_model_and_exhaustive_search(seed: int) -> None:
    projects, capacity = _two_islands(seed)
    full = plan_starts(projects, capacity, time_limit=20, method="milp")
    blocks = plan_starts(projects, capacity, time_limit=20, method="blocks")
    best = min(
        float(shortage_for(projects, capacity, {p.id: s for p, s in zip(projects, combo, strict=True)}).sum())
        for combo in itertools.product(*[range(p.earliest_start, p.latest_start + 1) for p in projects])
    )
    assert blocks.status == "optimal" and blocks.mip_gap == pytest.approx(0.0, abs=1e-3)
    assert blocks.unmet_after == pytest.approx(best, abs=1e-4) == pytest.approx(full.unmet_after, abs=1e-4)
    size = blocks.model_size
    assert size["cells_always_short"] > 0 and size["blocks"] <= 2 + size["projects_alone"]
    # the always-short occupation's unmet demand is counted as linear costs, not modelled: a bound below the optimum
    assert 0 <= size["unmet_fixed_fte_quarters"] <= blocks.unmet_after + 0.5
    assert blocks.peak_after <= blocks.peak_before + 1e-9


def test_blocks_split_a_large_pipeline_into_independent_blocks() -> None:
    projects, capacity = _two_islands(1)
    assert "blocks" not in plan_starts(projects, capacity, time_limit=10).model_size  # a few projects: one model
    many = [PlannableProject(f"q{i}", np.full((1, 1, 1), 1.0), 0, 3, region_index=(i % 2,)) for i in range(300)]
    result = plan_starts(many, np.full((2, 1, 4), 30.0), time_limit=20, method="blocks")
    assert result.model_size["blocks"] == 2  # one block per region: they share no cell
    assert result.unmet_after == pytest.approx(float(max(0, 150 - 4 * 30)) * 2, abs=1e-4)
