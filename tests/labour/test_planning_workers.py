"""Blocks solved on threads against one deadline: every result comes back, and an error in a worker thread reaches
the caller instead of being lost with its thread."""

from __future__ import annotations

import time

import pytest

from krapte.labour.planning_workers import map_blocks


def _solve(block: int, seconds: float) -> int:
    if block == 2:
        raise ValueError("block 2 failed")
    return block


def test_every_block_is_solved_once() -> None:
    assert map_blocks([0, 1, 3], time.perf_counter() + 1, 2, _solve) == {0: 0, 1: 1, 3: 3}


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="block 2 failed"):
        map_blocks([0, 1, 2, 3], time.perf_counter() + 1, 2, _solve)


def test_each_block_gets_a_share_of_the_time_left() -> None:
    given: dict[int, float] = {}

    def solve(block: int, seconds: float) -> None:
        given[block] = seconds

    map_blocks([0, 1, 2, 3], time.perf_counter() + 4, 1, solve)
    # one worker: the first block gets a quarter of the time left, the last one what is left then
    assert 0.9 < given[0] <= 1.0
    assert given[3] > given[0]


def test_optional_blocks_not_started_by_the_deadline_are_left_out() -> None:
    late = time.perf_counter() - 1

    assert map_blocks([0, 1, 3], late, 2, _solve, optional=True) == {}
    assert map_blocks([0, 1, 3], late, 2, _solve) == {0: 0, 1: 1, 3: 3}  # required blocks run anyway, 0.05 s each
