"""Blocks solved on threads against one deadline: every result comes back, and an error in a worker thread reaches
the caller instead of being lost with its thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping

import pytest

from krapte.labour.planning_workers import Task, map_blocks


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


def test_an_idle_worker_takes_other_work_while_a_block_still_runs() -> None:
    # block 1 is "hard": it runs until the idle worker's task, made from block 0's result, signals it
    signal = threading.Event()
    given: list[int] = []
    committed: list[int] = []

    def solve(block: int, seconds: float) -> bool:
        return signal.wait(5.0) if block == 1 else True

    def idle(results: Mapping[int, bool]) -> Task | None:
        if 0 not in results or given:
            return None
        given.append(0)

        def task() -> Callable[[], None]:
            signal.set()
            return lambda: committed.append(len(given))

        return task

    out = map_blocks([0, 1], time.perf_counter() + 10, 2, solve, idle=idle)

    assert out == {0: True, 1: True}  # block 1 saw the signal: the task ran beside it
    assert committed == [1]  # and its commit ran once


def test_with_one_worker_idle_work_runs_after_the_blocks_until_there_is_none() -> None:
    tasks: list[int] = []

    def idle(results: Mapping[int, int]) -> Task | None:
        if len(tasks) == 2:
            return None
        tasks.append(len(results))

        def task() -> None:
            return None  # nothing to commit

        return task

    assert map_blocks([0, 1, 3], time.perf_counter() + 10, 1, _solve, idle=idle) == {0: 0, 1: 1, 3: 3}
    assert tasks == [3, 3]  # asked once no block was left, and again after each task
