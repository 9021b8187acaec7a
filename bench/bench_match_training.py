"""Training-plan benchmark: time and optimality gap for 10, 100 and 1,000 candidate courses.

Instances (seeded): the gap is the essential skills of a green/digital/technical ESCO occupation that a person
from another occupation lacks (a real pathway gap, 15–40 skills); candidate courses each teach 2–8 skills drawn
from the gap and from related occupations (a catalogue is broader than one gap), with costs of EUR 150–4,000
and durations of 1–52 weeks. Each size is solved for the three objectives by the exact integer programme
(HiGHS) and by the greedy heuristic; the gap of the heuristic is measured against the exact optimum, and the LP
bound it reports is shown next to it. Funding is left out here (it only changes the per-course net cost).
"""

from __future__ import annotations

import time
from datetime import date

import numpy as np

from krapte.match import Course, SkillSet
from krapte.match.pathways import pathways_from_occupation
from krapte.match.space import skill_space
from krapte.match.training import plan_training
from krapte.taxonomy import default_taxonomy

TODAY = date(2026, 12, 7)


def instance(n_courses: int, seed: int) -> tuple[list[str], list[Course]]:
    rng = np.random.default_rng(seed)
    tax = default_taxonomy()
    space = skill_space(tax)
    while True:
        origin = space.occupation_uris[int(rng.integers(len(space.occupation_uris)))]
        paths = pathways_from_occupation(tax, origin, top=3)
        gaps = [p for p in paths if 15 <= len(p.gap_skills) <= 40]
        if gaps:
            break
    gap = [g.uri for g in gaps[0].gap_skills]
    pool = list(gap) + [space.skill_uris[int(j)] for j in rng.integers(0, len(space.skill_uris), size=3 * len(gap))]
    courses = []
    for i in range(n_courses):
        k = int(rng.integers(2, 9))
        from_gap = rng.choice(gap, size=min(len(gap), max(1, k // 2)), replace=False)
        other = rng.choice(pool, size=k - len(from_gap), replace=False)
        courses.append(
            Course(
                id=f"c{i:04d}",
                name=f"cursus {i}",
                skills=SkillSet.of([*from_gap, *other], source="course"),
                cost_eur=float(rng.choice([150, 350, 600, 950, 1500, 2500, 4000])),
                duration_weeks=float(rng.choice([1, 2, 4, 8, 12, 26, 52])),
            )
        )
    return gap, courses


def run(quick: bool) -> None:
    sizes = [10, 100] if quick else [10, 100, 1000]
    reps = 3 if quick else 5
    print(
        f"{'courses':>8}{'objective':>10}{'exact s':>10}{'greedy s':>10}{'greedy gap':>12}{'LP bound gap':>14}"
        f"{'chosen':>8}"
    )
    violations = 0
    for n in sizes:
        for objective in ("courses", "cost", "time"):
            t_exact, t_greedy, gaps, bound_gaps, chosen = [], [], [], [], []
            for rep in range(reps):
                gap, courses = instance(n, seed=1000 * n + rep)
                t0 = time.process_time()
                exact = plan_training(gap, courses, objective=objective, today=TODAY, method="exact", time_limit=60)
                t_exact.append(time.process_time() - t0)
                t0 = time.process_time()
                greedy = plan_training(gap, courses, objective=objective, today=TODAY, method="heuristic")
                t_greedy.append(time.process_time() - t0)
                # the same definition as TrainingPlan.gap: (heuristic - optimum) / heuristic, so the reported LP
                # bound gap is an upper bound of it instance by instance
                gaps.append((greedy.objective_value - exact.objective_value) / greedy.objective_value)
                bound_gaps.append(greedy.gap)
                violations += greedy.gap < gaps[-1] - 1e-9
                chosen.append(len(exact.courses))
            print(
                f"{n:>8}{objective:>10}{np.mean(t_exact):>10.3f}{np.mean(t_greedy):>10.3f}"
                f"{np.mean(gaps):>11.1%} {np.mean(bound_gaps):>13.1%}{np.mean(chosen):>8.1f}"
            )
    print(
        f"(CPU seconds, mean over {reps} seeded instances; greedy gap = (greedy - optimum) / greedy; LP bound gap = "
        "what the heuristic reports without knowing the optimum, (greedy - LP bound) / greedy)"
    )
    print(f"instances where the reported bound gap is below the true gap (must be 0): {violations}")
