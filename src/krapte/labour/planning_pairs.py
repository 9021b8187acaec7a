"""Pairs of region blocks to solve as one model, so that the straddling projects between them start once.

In the decomposition (:mod:`krapte.labour.planning_decompose`) a project that straddles two blocks has a free copy
in each, and the sum of the blocks' bounds is a bound of that relaxation only. Solving two linked blocks as one
model ties the copies of the projects they share: its proven bound is a bound on the pair's unmet demand for every
schedule (projects that straddle to a third block keep a free copy there), so replacing the pair's two bounds by
the larger of their sum and the joint bound keeps the total a valid bound and can only raise it.

Which pairs: only blocks the first pass proved (a joint model of two quickly proven blocks is usually proven too,
while a hard block joined to another is harder still), matched greedily by how much their copies' disagreement is
estimated to cost (:func:`disagreement_cost`), each block in at most one pair.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from krapte.labour.planning import TOLERANCE, FloatArray, IntArray, _Candidates
from krapte.labour.planning_workers import Task, map_blocks

__all__ = [
    "Group",
    "JointPairs",
    "JointSolve",
    "disagreement_cost",
    "group_weights",
    "joint_members",
    "joint_problem",
    "match_pairs",
    "merged",
]


@dataclass(frozen=True)
class Group:
    """Blocks solved as one model (a single block at first): a proven lower bound on the unmet demand in their
    cells for every schedule, and whether a model of them was proven optimal (only proven groups are joined again).
    """

    blocks: tuple[int, ...]
    bound: float
    proven: bool


def merged(
    groups: Sequence[Group], matched: Sequence[tuple[int, int]], solved: Mapping[int, tuple[float, bool]]
) -> list[Group]:
    """The partition after a round of joint models: pair ``n`` of ``matched`` (groups ``a``, ``b``), when ``solved``
    holds its joint bound and whether it was proven, becomes one group whose bound is the larger of the joint bound
    and ``a``'s plus ``b``'s (both are valid bounds on the same cells); every other group stays as it was. The
    groups stay disjoint, so the sum of their bounds remains a bound."""
    gone = {g for n in solved for g in matched[n]}
    out = [group for g, group in enumerate(groups) if g not in gone]
    for n in sorted(solved):
        a, b = (groups[g] for g in matched[n])
        bound, proven = solved[n]
        out.append(Group(a.blocks + b.blocks, max(bound, a.bound + b.bound), proven))
    return out


def disagreement_cost(
    load: FloatArray,
    flat_cap: FloatArray,
    parts: Sequence[tuple[list[IntArray], list[FloatArray]]],
    picked: Sequence[int],
) -> float:
    """What making the copies of one project agree costs at least locally: the cheapest of moving every copy to
    another copy's start, each in its own block's cells with the rest of the first-pass schedule held.

    ``load`` is the relaxed first-pass load (each block's copies at their own starts; blocks' cells are disjoint),
    ``parts[j]`` copy ``j``'s cells and loads per candidate start, ``picked[j]`` its start. Zero when they agree.
    An estimate to rank pairs by, not a bound.
    """
    options = sorted(set(picked))
    if len(options) < 2:
        return 0.0
    costs = []
    for k in options:
        total = 0.0
        for (cells, values), now in zip(parts, picked, strict=True):
            if now == k:
                continue
            total += _added(load, flat_cap, cells[now], values[now], cells[k], values[k])
        costs.append(total)
    return float(min(costs))


def _added(
    load: FloatArray, flat_cap: FloatArray, old_cells: IntArray, old: FloatArray, new_cells: IntArray, new: FloatArray
) -> float:
    """Unmet demand added by moving a load from ``old_cells`` to ``new_cells`` (exact, cells may overlap)."""
    touched = np.union1d(old_cells, new_cells)
    after = load[touched].copy()
    np.subtract.at(after, np.searchsorted(touched, old_cells), old)
    np.add.at(after, np.searchsorted(touched, new_cells), new)
    cap = flat_cap[touched]
    return float(np.maximum(after - cap, 0.0).sum() - np.maximum(load[touched] - cap, 0.0).sum())


def match_pairs(weights: Mapping[tuple[int, int], float], eligible: set[int]) -> list[tuple[int, int]]:
    """Greedy matching: the heaviest pair of ``eligible`` blocks first, each block in at most one pair; pairs of
    weight ≤ 0 are left out. Ties go to the smaller block numbers, so the result is deterministic."""
    used: set[int] = set()
    out: list[tuple[int, int]] = []
    for (a, b), w in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        if w <= TOLERANCE or a not in eligible or b not in eligible or a in used or b in used:
            continue
        used.update((a, b))
        out.append((a, b))
    return out


def joint_members(
    block_projects: Sequence[Sequence[int]],
    parts: Mapping[tuple[int, int], tuple[list[IntArray], list[FloatArray]]],
    pair: tuple[int, ...],
) -> tuple[list[int], list[tuple[list[IntArray], list[FloatArray]]]]:
    """The projects of some blocks and, per project, its cells and loads per start over those blocks' cells."""
    members = sorted({i for b in pair for i in block_projects[b]})
    joined = []
    for i in members:
        own = [parts[i, b] for b in pair if (i, b) in parts]
        joined.append(
            (
                [np.concatenate([p[0][k] for p in own]) for k in range(len(own[0][0]))],
                [np.concatenate([p[1][k] for p in own]) for k in range(len(own[0][1]))],
            )
        )
    return members, joined


def joint_problem(
    cand: _Candidates,
    block_projects: Sequence[Sequence[int]],
    parts: Mapping[tuple[int, int], tuple[list[IntArray], list[FloatArray]]],
    copy_choice: Mapping[tuple[int, int], int],
    blocks: tuple[int, ...],
) -> tuple[list[int], _Candidates, IntArray]:
    """The joint model's projects, their candidates over ``blocks``' cells (each project once, so its copies there
    start together) and a warm start: each project at the start of its copy in the first of ``blocks`` holding one.
    """
    members, joined = joint_members(block_projects, parts, blocks)
    sub = _Candidates(
        [cand.starts[i] for i in members],
        [c for c, _ in joined],
        [v for _, v in joined],
        np.zeros(len(members), dtype=np.int64),
    )
    warm = np.array([next(copy_choice[i, b] for b in blocks if (i, b) in copy_choice) for i in members])
    return members, sub, warm


def group_weights(
    groups: Sequence[tuple[int, ...]],
    copies: Mapping[int, Sequence[int]],
    copy_choice: Mapping[tuple[int, int], int],
    parts: Mapping[tuple[int, int], tuple[list[IntArray], list[FloatArray]]],
    block_projects: Sequence[Sequence[int]],
    max_projects: int,
    fixed_load: FloatArray,
    flat_cap: FloatArray,
) -> dict[tuple[int, int], float]:
    """Weights of the pairs of ``groups`` (of blocks) linked by a straddling project whose copies lie in exactly
    those two groups: the summed :func:`disagreement_cost` of such projects, for pairs of at most ``max_projects``
    projects together. ``copies`` maps each straddling project to its blocks, ``copy_choice`` (project, block) to
    the copy's start, ``parts`` (project, block) to the copy's cells and loads per start."""
    relaxed = fixed_load.copy()
    for (i, b), k in copy_choice.items():
        np.add.at(relaxed, parts[i, b][0][k], parts[i, b][1][k])
    group_of = {b: g for g, blocks in enumerate(groups) for b in blocks}
    weights: dict[tuple[int, int], float] = {}
    for i, blocks in copies.items():
        key = sorted({group_of[b] for b in blocks})
        if len(key) != 2 or len({j for g in key for b in groups[g] for j in block_projects[b]}) > max_projects:
            continue
        loss = disagreement_cost(relaxed, flat_cap, [parts[i, b] for b in blocks], [copy_choice[i, b] for b in blocks])
        weights[key[0], key[1]] = weights.get((key[0], key[1]), 0.0) + loss
    return weights


#: A joint model's solve: (blocks, seconds) → (start per member project, proven bound, whether it was proven).
JointSolve = Callable[[tuple[int, ...], float], tuple[dict[int, int], float, bool]]


class JointPairs:
    """The groups of blocks and their joint models: pairs for the idle workers of the first pass (call it as
    ``map_blocks(..., idle=...)``), then rounds of pairs after it (:meth:`rounds`).

    While the hard blocks of the first pass still run, a worker that finds no unstarted block takes the heaviest pair
    of linked groups that are proven and not in a running pair. Such a pair's bound holds whatever the running blocks
    do (their projects keep free copies), and a group is in at most one running pair, so the groups stay disjoint and
    their bounds still add up to a bound. A pair starts only while the time left covers its blocks' own first-pass
    times (a joint model takes at least about their sum) and gets the time left divided by the pairs on offer.
    ``copy_choice`` (project, block) → copy's start is filled from the finished blocks and updated by the pairs.
    """

    def __init__(
        self,
        copies: Mapping[int, Sequence[int]],
        block_projects: Sequence[Sequence[int]],
        parts: Mapping[tuple[int, int], tuple[list[IntArray], list[FloatArray]]],
        fixed_load: FloatArray,
        flat_cap: FloatArray,
        max_projects: int,
        until: float,
        solve: JointSolve,
        proven: Mapping[int, bool],
        seconds: Mapping[int, float],
        copy_choice: dict[tuple[int, int], int],
        workers: int,
    ) -> None:
        self.groups: list[Group] = []
        self.pairs = 0  # joint models solved
        self.in_pass = 0  # of which by idle workers of the first pass
        self._copies, self._block_projects, self._parts = copies, block_projects, parts
        self._fixed_load, self._flat_cap, self._max_projects = fixed_load, flat_cap, max_projects
        self._until, self._solve, self._proven, self._seconds = until, solve, proven, seconds
        self._copy_choice, self._workers = copy_choice, workers
        self._busy: set[tuple[int, ...]] = set()
        self._seen: set[int] = set()

    def sync(self, results: Mapping[int, tuple[Mapping[int, int], float]]) -> None:
        """Take in the blocks finished since the last call: each becomes a group, its copies' starts are recorded."""
        for b in sorted(set(results) - self._seen):
            picked, bound = results[b]
            self._seen.add(b)
            self._copy_choice.update({(i, b): k for i, k in picked.items()})
            self.groups.append(Group((b,), bound, self._proven.get(b, False)))

    def _weights(self, copies: Mapping[int, Sequence[int]]) -> dict[tuple[int, int], float]:
        """:func:`group_weights` of the current groups over the straddling projects in ``copies``."""
        return group_weights(
            [group.blocks for group in self.groups],
            copies,
            self._copy_choice,
            self._parts,
            self._block_projects,
            self._max_projects,
            self._fixed_load,
            self._flat_cap,
        )

    def _seconds_of(self, g: int) -> float:
        return sum(self._seconds[b] for b in self.groups[g].blocks)

    def __call__(self, results: Mapping[int, tuple[Mapping[int, int], float]]) -> Task | None:
        self.sync(results)
        left = self._until - time.perf_counter()
        ready = {i: bs for i, bs in self._copies.items() if self._seen.issuperset(bs)}
        weights = self._weights(ready)
        eligible = {g for g, group in enumerate(self.groups) if group.proven and group.blocks not in self._busy}
        fits = {(a, b): w for (a, b), w in weights.items() if self._seconds_of(a) + self._seconds_of(b) < left}
        matched = match_pairs(fits, eligible)
        if not matched:
            return None
        first, second = self.groups[matched[0][0]], self.groups[matched[0][1]]
        self._busy.update((first.blocks, second.blocks))
        budget = min(left * self._workers / len(matched), left)

        def task() -> Callable[[], None]:
            picked, bound, done = self._solve(first.blocks + second.blocks, budget)

            def commit() -> None:
                self._busy.difference_update((first.blocks, second.blocks))
                blocks = first.blocks + second.blocks
                self._copy_choice.update(
                    {(i, c): k for i, k in picked.items() for c in blocks if (i, c) in self._copy_choice}
                )
                self.groups = [group for group in self.groups if group not in (first, second)]
                self.groups.append(Group(blocks, max(bound, first.bound + second.bound), done))
                self.pairs += 1
                self.in_pass += 1

            return commit

        return task

    def rounds(self, until: float, after_round: Callable[[], None]) -> None:
        """After the first pass (every block in a group): rounds of joint models of matched pairs of proven groups
        until ``until``, all pairs of a round on the workers side by side; a proven joint model may be paired again
        in the next round. ``after_round`` is called after each round (the caller offers a schedule from the new
        copy choices)."""
        while time.perf_counter() < until:
            weights = self._weights(self._copies)
            matched = match_pairs(weights, {g for g, group in enumerate(self.groups) if group.proven})
            if not matched:
                return
            joint = [self.groups[a].blocks + self.groups[b].blocks for a, b in matched]

            def one(n: int, seconds: float, joint: list[tuple[int, ...]] = joint) -> tuple[dict[int, int], float, bool]:
                return self._solve(joint[n], seconds)

            solved = map_blocks(range(len(joint)), until, self._workers, one, optional=True)
            for n, (picked, _, _) in solved.items():
                self._copy_choice.update(
                    {(i, c): k for i, k in picked.items() for c in joint[n] if (i, c) in self._copy_choice}
                )
            self.groups = merged(self.groups, matched, {n: (bound, done) for n, (_, bound, done) in solved.items()})
            self.pairs += len(solved)
            after_round()
            if len(solved) < len(joint):  # the time ran out
                return
