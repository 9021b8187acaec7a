"""Pathways benchmark: all pairs of the 3,039 ESCO occupations (goal: ≤ 60 s), memory, thresholds and sanity.

Measures (wall clock and CPU time):

- the all-pairs transition similarity without semantic credit, and with semantic credit from skill vectors. The
  real vectors are the taxonomy's skill label index (multilingual-e5-small) when it is in the cache; otherwise the
  run uses seeded random unit vectors of the same size, which times the computation honestly but says nothing
  about quality (the output says which);
- peak traced memory of the all-pairs computation;
- the similarity distribution (for the viability thresholds in docs/pathways.md) and how many targets per origin
  are viable;
- pathway sanity: how often the top-5 targets share the origin's ISCO-08 major group, for any target and for
  green/digital/technical targets, next to the rate a random choice of targets would give.
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

from krapte.match.pathways import HIGHLY_VIABLE, VIABLE, target_mask, top_targets
from krapte.match.similarity import SemanticNeighbours, occupation_similarity
from krapte.match.space import skill_space
from krapte.taxonomy import default_taxonomy


def _vectors(space, dim: int = 384) -> tuple[tuple[str, ...], np.ndarray, str]:  # type: ignore[no-untyped-def]
    try:
        from krapte.settings import Settings
        from krapte.taxonomy.index import cache_path

        settings = Settings.from_env()
        path = cache_path(space.taxonomy, "skill", settings)
        if path.exists():
            from krapte.taxonomy.index import get_index

            index = get_index(space.taxonomy, "skill", settings)
            if index is not None:
                return index.uris, index.vectors, "skill label index (multilingual-e5-small)"
    except Exception as exc:  # pragma: no cover - informational fallback
        print(f"(skill index not usable: {exc})")
    # clustered random vectors: skills in the same of 1,400 clusters have cosine ~0.94, so every skill gets about
    # ten semantic neighbours, as real embeddings give; the timing is representative, the links are meaningless
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(1400, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    noise = rng.normal(size=(len(space.skill_uris), dim))
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    v = (centres[rng.integers(0, 1400, size=len(space.skill_uris))] * 4.0 + noise).astype(np.float32)
    return space.skill_uris, v, "clustered RANDOM vectors (timing only; no skill index in the cache)"


def _timed(fn):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, wall, cpu, peak


def _sanity(sim, mask, k: int = 5) -> float:  # type: ignore[no-untyped-def]
    tax = sim.space.taxonomy
    majors = np.array([tax.occupations[u].isco_code[:1] for u in sim.space.occupation_uris])
    top = top_targets(sim, mask, k=k)
    return float((majors[top] == majors[:, None]).mean())


def run(quick: bool) -> None:
    tax = default_taxonomy()
    t0 = time.perf_counter()
    space = skill_space(tax)
    print(
        f"skill space: {len(space.occupation_uris)} occupations x {len(space.skill_uris)} skills, "
        f"{space.essential.nnz + space.optional.nnz} relations, built in {time.perf_counter() - t0:.1f} s"
    )
    sim, wall, cpu, peak = _timed(lambda: occupation_similarity(tax))
    n = len(space.occupation_uris)
    print(
        f"all pairs ({n * n:,}) without semantic credit: wall {wall:.1f} s, cpu {cpu:.1f} s, "
        f"peak memory {peak / 1e6:.0f} MB (three float32 {n}x{n} matrices = {3 * 4 * n * n / 1e6:.0f} MB)"
    )
    if not quick:
        uris, vectors, what = _vectors(space)
        nb, wall_nb, cpu_nb, _ = _timed(lambda: SemanticNeighbours.from_vectors(space, uris, vectors, k=10))
        print(f"semantic neighbours from {what}: {nb.matrix.nnz:,} links, wall {wall_nb:.1f} s, cpu {cpu_nb:.1f} s")
        _, wall_s, cpu_s, peak_s = _timed(lambda: occupation_similarity(tax, nb))
        print(
            f"all pairs with semantic credit: wall {wall_s:.1f} s, cpu {cpu_s:.1f} s, peak memory "
            f"{peak_s / 1e6:.0f} MB; total with neighbours {wall_nb + wall_s:.1f} s (goal <= 60 s)"
        )
    s = sim.similarity.astype(np.float64)
    np.fill_diagonal(s, np.nan)
    pct = np.nanpercentile(s, [50, 90, 95, 99, 99.5, 99.9])
    print(
        "similarity percentiles over ordered pairs (p50 p90 p95 p99 p99.5 p99.9): " + " ".join(f"{p:.3f}" for p in pct)
    )
    viable = np.nansum(s >= VIABLE, axis=1)
    highly = np.nansum(s >= HIGHLY_VIABLE, axis=1)
    mask = target_mask(tax, space)
    viable_gdt = np.nansum((s >= VIABLE) & mask[None, :], axis=1)
    print(
        f"viable (>= {VIABLE}) targets per origin: median {np.median(viable):.0f}, share of origins with none "
        f"{np.mean(viable == 0):.1%}; highly viable (>= {HIGHLY_VIABLE}) median {np.median(highly):.0f}; "
        f"viable green/digital/technical targets: median {np.median(viable_gdt):.0f}, "
        f"none {np.mean(viable_gdt == 0):.1%}"
    )
    majors = np.array([tax.occupations[u].isco_code[:1] for u in space.occupation_uris])
    share = {m: float(np.mean(majors == m)) for m in set(majors)}
    random_any = float(np.mean([share[m] for m in majors]))
    random_gdt = float(np.mean([np.mean(majors[mask] == m) for m in majors]))
    print(
        f"sanity: top-5 targets sharing the origin's ISCO major group: any target {_sanity(sim, None):.1%} "
        f"(random {random_any:.1%}); green/digital/technical targets {_sanity(sim, mask):.1%} (random {random_gdt:.1%})"
    )
