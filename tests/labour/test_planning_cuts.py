"""Valid inequalities of one planning cell: every cut lies below the unmet demand at every schedule, the lifted
excess cut dominates the single-project one, and the block model with these cuts keeps the exhaustive optimum."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from krapte.labour.planning_cuts import lifted_coefficients, lifted_excess_cut, reference_cut, value


def unmet(loads: list[np.ndarray], schedule: tuple[int, ...], room: float) -> float:
    return max(sum(float(a[k]) for a, k in zip(loads, schedule, strict=True)) - room, 0.0)


def at(schedule: tuple[int, ...], loads: list[np.ndarray]) -> list[np.ndarray]:
    """Start indicators of an integer schedule."""
    return [np.eye(len(a))[k] for a, k in zip(loads, schedule, strict=True)]


@pytest.mark.parametrize("seed", range(30))
def test_a_reference_cut_never_exceeds_the_unmet_demand_of_any_schedule(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_projects = int(rng.integers(2, 5))
    loads = [rng.choice([0.0, 1.0, 2.5, 4.0, 6.0], size=int(rng.integers(1, 5))) for _ in range(n_projects)]
    room = float(rng.uniform(0.0, 12.0))
    reference = np.array([float(rng.choice(a)) if rng.random() < 0.7 else rng.uniform(0, 6) for a in loads])

    for cut in (reference_cut(loads, reference, room), lifted_excess_cut(loads, room)):
        for schedule in itertools.product(*[range(len(a)) for a in loads]):
            assert value(cut, at(schedule, loads)) <= unmet(loads, schedule, room) + 1e-9


def test_the_lifted_cut_charges_a_start_from_the_load_others_always_bring() -> None:
    # room 10; project 0 brings 6 in this quarter whatever its start (compulsory part), project 1 brings 0 or 6
    loads = [np.array([6.0, 6.0]), np.array([0.0, 6.0])]
    constant, (c0, c1) = lifted_excess_cut(loads, 10.0)
    assert constant == 0.0 and c0.tolist() == [0.0, 0.0]
    assert c1.tolist() == [0.0, 2.0]  # 6 + 6 − 10: exact
    # the single-project excess cut sees no project overflow the cell on its own and gives nothing
    assert all(max(float(a.max()) - 10.0, 0.0) == 0.0 for a in loads)


@pytest.mark.parametrize("seed", range(20))
def test_the_lifted_cut_dominates_the_single_project_excess_cut(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    loads = [rng.choice([0.0, 3.0, 7.0, 12.0], size=3) for _ in range(3)]
    room = float(rng.uniform(0.0, 10.0))
    cut = lifted_excess_cut(loads, room)
    for schedule in itertools.product(range(3), repeat=3):
        single = sum(max(float(a[k]) - room, 0.0) for a, k in zip(loads, schedule, strict=True))
        assert value(cut, at(schedule, loads)) >= single - 1e-9


def test_a_fractional_schedule_the_cell_row_accepts_is_cut_off() -> None:
    # room 10, two projects of 8 FTE that may each be in the quarter or not; half of each is 8 in total: the row
    # u ≥ load − room accepts u = 0, yet any whole schedule with both here leaves 6 unmet and one alone none
    loads = [np.array([0.0, 8.0]), np.array([0.0, 8.0])]
    half = [np.array([0.5, 0.5]), np.array([0.5, 0.5])]
    # with project 0 as reference, project 1 adds 6 when here; project 0 away saves at most 6 (16 → 8 FTE)
    cut = reference_cut(loads, np.array([8.0, 0.0]), 10.0)
    assert cut[0] == 0.0 and cut[1][0].tolist() == [-6.0, 0.0] and cut[1][1].tolist() == [0.0, 6.0]
    assert value(cut, half) == pytest.approx(0.0)  # not violated at the symmetric point ...
    leaning = [np.array([0.2, 0.8]), np.array([0.5, 0.5])]  # ... but where project 0 is mostly here it is
    assert value(cut, leaning) == pytest.approx(1.8)
    assert max(0.8 * 8 + 0.5 * 8 - 10.0, 0.0) == pytest.approx(0.4)  # what the cell row asks


def test_the_block_model_computes_the_same_lifted_cuts_for_many_cells_at_once() -> None:
    rng = np.random.default_rng(7)
    n_cells, n_starts = 6, 4
    projects = [rng.choice([0.0, 2.0, 5.0, 9.0], size=(n_starts, n_cells)) for _ in range(3)]
    room = rng.uniform(3.0, 15.0, size=n_cells)
    lowest = sum(a.min(axis=0) for a in projects)
    for cell in range(n_cells):
        constant, coefficients = lifted_excess_cut([a[:, cell] for a in projects], float(room[cell]))
        assert constant == pytest.approx(max(float(lowest[cell] - room[cell]), 0.0))
        for a, c in zip(projects, coefficients, strict=True):
            assert lifted_coefficients(lowest, room, a)[:, cell] == pytest.approx(c)
