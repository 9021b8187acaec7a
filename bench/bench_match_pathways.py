"""Pathways benchmark: all pairs of the 3,039 ESCO occupations (goal: ≤ 60 s), memory, thresholds and sanity.

Measures (wall clock and CPU time):

- the all-pairs transition similarity without semantic credit, and with semantic credit from skill vectors. The
  real vectors are the taxonomy's skill label index (multilingual-e5-small) when it is in the cache; otherwise the
  run uses seeded random unit vectors of the same size, which times the computation honestly but says nothing
  about quality (the output says which);
- peak traced memory of the all-pairs computation;
- the similarity distribution, exact and with semantic credit, and the viability thresholds derived from it (p99
  viable, p99.5 highly viable, p95 reachable with training; docs/pathways.md) next to the ones in use, and how
  many origins get a green/digital/technical target in each tier;
- the anchors of the semantic credit curve on the full skill index (random pairs, ESCO-related pairs, a skill's
  labels across languages) and the midpoint/steepness they give;
- the top-5 pathways of a dozen common origins, exact and with semantic credit;
- pathway sanity: how often the top-5 targets share the origin's ISCO-08 major group, for any target and for
  green/digital/technical targets, next to the rate a random choice of targets would give.
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

from krapte.match.pathways import (
    MAX_LEVEL_DOWN,
    MAX_LEVEL_UP,
    THRESHOLDS,
    Thresholds,
    pathways_from_occupation,
    target_mask,
    thresholds_for,
    top_targets,
)
from krapte.match.resolve import resolve_occupation
from krapte.match.similarity import E5_MIDPOINT, E5_STEEPNESS, SemanticNeighbours, occupation_similarity
from krapte.match.space import skill_space
from krapte.match.viability import ENTRY_LEVEL
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


PERCENTILES = (50, 90, 95, 99, 99.5, 99.8, 99.9)

#: low-skilled and common origins whose green/digital/technical options are inspected (docs/pathways.md)
ORIGINS = (
    "kassamedewerker",
    "productiemedewerker",
    "callcentermedewerker",
    "orderpicker",
    "magazijnmedewerker",
    "postbode",
    "vrachtwagenchauffeur",
    "heftruckchauffeur",
    "schoonmaker gebouwen",
    "administratief medewerker",
    "lasser",
    "loodgieter",
)


def _derive(s: np.ndarray) -> tuple[dict[float, float], Thresholds]:
    pct = dict(zip(PERCENTILES, np.nanpercentile(s, PERCENTILES), strict=True))
    return pct, Thresholds(round(pct[99], 2), round(pct[99.5], 2), round(pct[95], 2), "derived in this run")


def _tiers(sim, mask, th: Thresholds) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Per origin: the best tier among green/digital/technical targets (0 highly viable ... 3 none)."""
    levels = sim.space.levels
    diff = levels[None, :] - levels[:, None]
    unknown = (levels[None, :] == 0) | (levels[:, None] == 0)
    gate = ((diff <= MAX_LEVEL_UP) & (diff >= -MAX_LEVEL_DOWN)) | unknown
    entry = np.broadcast_to(levels[None, :] <= ENTRY_LEVEL, diff.shape)
    s = sim.similarity.copy()
    np.fill_diagonal(s, -1.0)
    s[:, ~mask] = -1.0
    best = np.full(len(levels), 3)
    for tier, ok in (
        (2, (s >= th.reachable) & gate & entry),
        (1, (s >= th.viable) & gate),
        (0, (s >= th.highly_viable) & gate),
    ):
        best = np.where(ok.any(axis=1), tier, best)
    return best


def _report(label: str, sim, mask, in_use: Thresholds) -> Thresholds:  # type: ignore[no-untyped-def]
    tax = sim.space.taxonomy
    s = sim.similarity.astype(np.float64)
    np.fill_diagonal(s, np.nan)
    pct, derived = _derive(s)
    shown = ", ".join(f"p{k:g} {v:.3f}" for k, v in pct.items())
    print(f"[{label}] similarity percentiles over ordered pairs: {shown}")
    print(
        f"[{label}] thresholds derived (p99 / p99.5 / p95): viable {derived.viable:.2f}, highly viable "
        f"{derived.highly_viable:.2f}, reachable with training {derived.reachable:.2f}; in use: {in_use.viable:.2f} / "
        f"{in_use.highly_viable:.2f} / {in_use.reachable:.2f}"
    )
    viable = np.nansum(s >= in_use.viable, axis=1)
    highly = np.nansum(s >= in_use.highly_viable, axis=1)
    viable_gdt = np.nansum((s >= in_use.viable) & mask[None, :], axis=1)
    best = _tiers(sim, mask, in_use)
    print(
        f"[{label}] viable targets per origin (no level gate): median {np.median(viable):.0f}, none "
        f"{np.mean(viable == 0):.1%}; highly viable median {np.median(highly):.0f}; green/digital/technical: "
        f"median {np.median(viable_gdt):.0f}, none {np.mean(viable_gdt == 0):.1%}"
    )
    print(
        f"[{label}] origins by best green/digital/technical tier (level gate applied): highly viable "
        f"{np.mean(best == 0):.1%}, viable {np.mean(best == 1):.1%}, only 'met scholing' {np.mean(best == 2):.1%}, "
        f"nothing {np.mean(best == 3):.1%}"
    )
    majors = np.array([tax.occupations[u].isco_code[:1] for u in sim.space.occupation_uris])
    share = {m: float(np.mean(majors == m)) for m in set(majors)}
    random_any = float(np.mean([share[m] for m in majors]))
    random_gdt = float(np.mean([np.mean(majors[mask] == m) for m in majors]))
    print(
        f"[{label}] sanity: top-5 targets sharing the origin's ISCO major group: any target "
        f"{_sanity(sim, None):.1%} (random {random_any:.1%}); green/digital/technical {_sanity(sim, mask):.1%} "
        f"(random {random_gdt:.1%})"
    )
    return derived


def _calibrate(space, uris, vectors) -> None:  # type: ignore[no-untyped-def]
    """The credit curve's anchors on the full index: random skill pairs, ESCO-related pairs, label translations."""
    tax = space.taxonomy
    rng = np.random.default_rng(0)
    rows: dict[str, list[int]] = {}
    for r, u in enumerate(uris):
        rows.setdefault(u, []).append(r)
    skills = [u for u in space.skill_uris if u in rows]
    pooled = np.stack([vectors[rows[u]].mean(axis=0) for u in skills])
    pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
    at = {u: i for i, u in enumerate(skills)}
    a, b = rng.integers(0, len(skills), size=(2, 200_000))
    keep = a != b
    rand = np.einsum("ij,ij->i", pooled[a[keep]], pooled[b[keep]])
    rel = [(at[r.original], at[r.related]) for r in tax.skill_relations if r.original in at and r.related in at]
    ra, rb = np.array(rel).T if rel else (np.zeros(0, int), np.zeros(0, int))
    related = np.einsum("ij,ij->i", pooled[ra], pooled[rb])
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    same = [float(unit[r[0]] @ unit[r[1]]) for r in rows.values() if len(r) >= 2]
    u99, s50 = float(np.percentile(rand, 99)), float(np.median(same))
    midpoint = (u99 + s50) / 2
    steepness = 2 * np.log(19) / (s50 - u99)
    print(
        f"credit calibration on {len(skills):,} skills: random pairs ({keep.sum():,}) cos p50 "
        f"{np.median(rand):.3f} p99 {u99:.3f}; ESCO skill-skill relations ({len(related):,}) p50 "
        f"{np.median(related):.3f}; a skill's labels across languages ({len(same):,}) p50 {s50:.3f}"
    )
    print(
        f"credit curve with 0.05 at random p99 and 0.95 at the label-pair median: midpoint {midpoint:.3f}, steepness "
        f"{steepness:.0f} (in use: {E5_MIDPOINT}, {E5_STEEPNESS:g})"
    )


def _origins(tax, nb) -> None:  # type: ignore[no-untyped-def]
    for name in ORIGINS:
        occ = resolve_occupation(tax, name)
        paths = pathways_from_occupation(tax, occ.uri, top=5, neighbours=nb)
        shown = "; ".join(f"{p.label} {p.similarity:.2f} {p.viability} {p.effort_hours:.0f} h" for p in paths)
        print(f"  {name}: {shown or '(none)'}")


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
    mask = target_mask(tax, space)
    _report("exact", sim, mask, THRESHOLDS)
    if quick:
        return
    uris, vectors, what = _vectors(space)
    nb, wall_nb, cpu_nb, _ = _timed(lambda: SemanticNeighbours.from_vectors(space, uris, vectors, k=10))
    print(f"semantic neighbours from {what}: {nb.matrix.nnz:,} links, wall {wall_nb:.1f} s, cpu {cpu_nb:.1f} s")
    sem, wall_s, cpu_s, peak_s = _timed(lambda: occupation_similarity(tax, nb))
    print(
        f"all pairs with semantic credit: wall {wall_s:.1f} s, cpu {cpu_s:.1f} s, peak memory "
        f"{peak_s / 1e6:.0f} MB; total with neighbours {wall_nb + wall_s:.1f} s (goal <= 60 s)"
    )
    if "RANDOM" in what:
        print("(random vectors: the semantic distribution below says nothing about quality)")
    else:
        _calibrate(space, uris, vectors)
    _report("semantic", sem, mask, thresholds_for(tax, nb))
    print("top-5 green/digital/technical pathways (exact overlap):")
    _origins(tax, None)
    print("top-5 green/digital/technical pathways (semantic credit):")
    _origins(tax, nb)
