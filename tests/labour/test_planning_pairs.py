"""Choosing the pairs of region blocks that the decomposition solves as one model."""

from __future__ import annotations

import time

import numpy as np

from krapte.labour.planning import _Candidates
from krapte.labour.planning_pairs import (
    Group,
    JointPairs,
    disagreement_cost,
    group_weights,
    joint_members,
    joint_problem,
    match_pairs,
    merged,
)


def test_the_heaviest_pairs_of_eligible_blocks_are_matched_each_block_once() -> None:
    weights = {(0, 1): 5.0, (1, 2): 9.0, (2, 3): 4.0, (3, 4): 0.0, (0, 5): 3.0}

    assert match_pairs(weights, {0, 1, 2, 3, 4, 5}) == [(1, 2), (0, 5)]  # (2, 3) loses block 2 to (1, 2)
    assert match_pairs(weights, {0, 1, 3, 4, 5}) == [(0, 1)]  # block 2 unproven: (0, 5) then lacks block 0
    assert match_pairs({(0, 1): 2.0, (2, 3): 2.0}, {0, 1, 2, 3}) == [(0, 1), (2, 3)]  # ties: smaller numbers first


def test_copies_that_agree_cost_nothing_and_disagreeing_ones_the_cheaper_move() -> None:
    # one project, two copies over cells 0-1 (block A) and 2-3 (block B); start k puts its load in cell k of each
    cap = np.array([1.0, 5.0, 5.0, 1.0])
    parts = [
        ([np.array([0]), np.array([1])], [np.array([2.0]), np.array([2.0])]),
        ([np.array([2]), np.array([3])], [np.array([2.0]), np.array([2.0])]),
    ]
    load_apart = np.array([0.0, 2.0, 2.0, 0.0])  # A's copy at start 1, B's at start 0: both fit
    assert disagreement_cost(load_apart, cap, parts, [1, 1]) == 0.0
    # agreeing on start 0 moves A's copy into cell 0 (1 over); on start 1 moves B's into cell 3 (1 over)
    assert disagreement_cost(load_apart, cap, parts, [1, 0]) == 1.0


def test_a_joint_model_sees_each_project_over_both_blocks_cells() -> None:
    parts = {
        (0, 0): ([np.array([0]), np.array([1])], [np.array([1.0]), np.array([1.0])]),
        (0, 1): ([np.array([5]), np.array([6])], [np.array([2.0]), np.array([2.0])]),
        (1, 1): ([np.array([6])], [np.array([3.0])]),
    }
    members, joined = joint_members([[0], [0, 1]], parts, (0, 1))

    assert members == [0, 1]
    assert [c.tolist() for c in joined[0][0]] == [[0, 5], [1, 6]]
    assert [v.tolist() for v in joined[0][1]] == [[1.0, 2.0], [1.0, 2.0]]
    assert [c.tolist() for c in joined[1][0]] == [[6]]


def test_groups_are_weighed_by_the_projects_that_link_exactly_two_of_them() -> None:
    # blocks 0, 1, 2; projects 7 (blocks 0, 1) and 8 (blocks 1, 2) straddle and their copies disagree; every copy
    # fits where it is (room 2) and overflows by 1 FTE at the other start (room 1)
    def copy(first: int, second: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
        return [np.array([first]), np.array([second])], [np.array([2.0]), np.array([2.0])]

    parts = {(7, 0): copy(0, 3), (7, 1): copy(1, 4), (8, 1): copy(2, 5), (8, 2): copy(6, 9)}
    choice = {(7, 0): 0, (7, 1): 1, (8, 1): 1, (8, 2): 0}
    cap = np.ones(10)
    cap[[0, 4, 5, 6]] = 2.0
    copies = {7: [0, 1], 8: [1, 2]}
    projects = [[7], [7, 8], [8]]
    load = np.zeros(10)

    singles = group_weights([(0,), (1,), (2,)], copies, choice, parts, projects, 60, load, cap)
    assert singles == {(0, 1): 1.0, (1, 2): 1.0}
    # once blocks 0 and 1 are one group, project 7 lies inside it and only 8 links the group to block 2
    assert group_weights([(0, 1), (2,)], copies, choice, parts, projects, 60, load, cap) == {(0, 1): 1.0}
    assert group_weights([(0, 1), (2,)], copies, choice, parts, projects, 1, load, cap) == {}  # too many projects


def test_a_round_joins_the_solved_pairs_and_keeps_the_larger_bound() -> None:
    groups = [Group((0,), 10.0, True), Group((1,), 5.0, True), Group((2,), 7.0, True), Group((3,), 4.0, False)]
    # pair 0 (groups 0 and 1) proved a joint bound above their sum; pair 1 (groups 2 and 3) is not in ``solved``
    # (the time ran out), and a joint bound below the members' sum would not lower theirs
    after = merged(groups, [(0, 1), (2, 3)], {0: (18.0, True)})

    assert after == [Group((2,), 7.0, True), Group((3,), 4.0, False), Group((0, 1), 18.0, True)]
    assert merged(groups, [(0, 1)], {0: (12.0, False)})[-1] == Group((0, 1), 15.0, False)
    assert sorted(b for group in after for b in group.blocks) == [0, 1, 2, 3]  # still a partition


def test_a_joint_problem_starts_each_project_where_its_first_copy_started() -> None:
    parts = {
        (0, 0): ([np.array([0]), np.array([1])], [np.array([1.0]), np.array([1.0])]),
        (0, 1): ([np.array([5]), np.array([6])], [np.array([2.0]), np.array([2.0])]),
        (1, 1): ([np.array([5]), np.array([6])], [np.array([3.0]), np.array([3.0])]),
    }
    cand = _Candidates([np.array([0, 1]), np.array([2, 3])], [], [], np.zeros(2, dtype=np.int64))
    members, sub, warm = joint_problem(cand, [[0], [0, 1]], parts, {(0, 0): 1, (0, 1): 0, (1, 1): 0}, (0, 1))

    assert members == [0, 1]
    assert [s.tolist() for s in sub.starts] == [[0, 1], [2, 3]]
    assert [c.tolist() for c in sub.cells[0]] == [[0, 5], [1, 6]]
    assert warm.tolist() == [1, 0]  # project 0 from its copy in block 0, project 1 from block 1


def test_idle_workers_get_the_heaviest_pair_of_proven_blocks_and_its_commit_joins_them() -> None:
    # blocks 0 and 1 are linked by project 7, whose copies disagree (one overflows by 1 FTE at the other's start);
    # block 2 is still running (not in the results), so project 8, which links it to block 1, is not weighed yet
    parts = {
        (7, 0): ([np.array([0]), np.array([3])], [np.array([2.0]), np.array([2.0])]),
        (7, 1): ([np.array([1]), np.array([4])], [np.array([2.0]), np.array([2.0])]),
        (8, 1): ([np.array([2]), np.array([5])], [np.array([2.0]), np.array([2.0])]),
        (8, 2): ([np.array([6]), np.array([9])], [np.array([2.0]), np.array([2.0])]),
    }
    cap = np.ones(10)
    cap[[0, 4, 5, 6]] = 2.0
    solved: list[tuple[int, ...]] = []

    def solve(blocks: tuple[int, ...], seconds: float) -> tuple[dict[int, int], float, bool]:
        solved.append(blocks)
        return {7: 0, 8: 1}, 9.0, True

    choice: dict[tuple[int, int], int] = {}
    proven = {0: True, 1: True}
    idle = JointPairs(
        {7: [0, 1], 8: [1, 2]}, [[7], [7, 8], [8]], parts, np.zeros(10), cap, 60,
        time.perf_counter() + 10, solve, proven, {0: 0.1, 1: 0.1}, choice, 2,
    )  # fmt: skip

    task = idle({0: ({7: 0}, 3.0), 1: ({7: 1, 8: 1}, 4.0)})
    assert task is not None
    assert idle({0: ({7: 0}, 3.0), 1: ({7: 1, 8: 1}, 4.0)}) is None  # both blocks are busy in that pair
    commit = task()
    assert solved == [(0, 1)] and commit is not None
    commit()

    assert idle.groups == [Group((0, 1), 9.0, True)] and idle.pairs == 1
    assert choice == {(7, 0): 0, (7, 1): 0, (8, 1): 1}  # the copies of 7 now agree; block 2 has no copy yet
