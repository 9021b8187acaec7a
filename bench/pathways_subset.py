"""Semantic credit on a subset, for when the shared skill label index is not built yet (one-off estimate).

``python -m bench.pathways_subset [vectors.npz]`` embeds (or reads) the English preferred labels of the skills of
every green/digital/technical occupation at ISCO skill level <= 3 plus the inspected origins (about 6,300 skills,
with multilingual-e5-small, the model of the skill index; ~10 min on the loaded 2-core machine), then reports

- the credit-curve anchors: cosine of random skill pairs, of ESCO-related pairs, and of a skill's preferred vs an
  alternative English label (300 sampled skills), and the midpoint/steepness that put the credit at 0.05 at the
  random p99 and 0.95 at the label-pair median;
- the similarity distribution over the ordered pairs of the subset occupations, exact and with semantic credit,
  and the thresholds the p99 / p99.5 / p95 rule gives on it;
- the top-5 pathways of the inspected origins with those thresholds.

The subset differs from the real index (English labels only, not pooled nl+en; neighbours among the subset
only), so these are estimates; ``python -m bench match_pathways`` does the real run once the index is cached.
Vectors are written to /tmp, never to the krapte cache.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from bench.bench_match_pathways import ORIGINS, PERCENTILES
from krapte.match.pathways import pathways_from_occupation, target_mask
from krapte.match.resolve import resolve_occupation
from krapte.match.similarity import E5_MIDPOINT, E5_STEEPNESS, SemanticNeighbours, occupation_similarity
from krapte.match.space import skill_space
from krapte.match.viability import THRESHOLDS, derive_thresholds
from krapte.taxonomy import default_taxonomy, embedding
from krapte.taxonomy.index import LABEL_PREFIX

EXTRA = ("automonteur", "timmerman", "schilder bouw", "monteur elektrische installaties")


def _encode(texts: list[str]) -> np.ndarray:
    out = [embedding.encode(texts[s : s + 512], kind=LABEL_PREFIX["skill"]) for s in range(0, len(texts), 512)]
    v = np.vstack(out)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def main(path: str = "/tmp/match_helper/skill_subset.npz") -> None:
    tax = default_taxonomy()
    space = skill_space(tax)
    mask = target_mask(tax, space)
    rows = set(np.nonzero(mask & (space.levels <= 3))[0].tolist())
    rows |= {space.occupation_index[resolve_occupation(tax, n).uri] for n in (*ORIGINS, *EXTRA)}
    occ = sorted(rows)
    if Path(path).exists():
        data = np.load(path)
        uris, vectors = [str(u) for u in data["uris"]], data["vectors"]
    else:
        cols = sorted(set(np.nonzero((space.essential + space.optional)[occ].sum(axis=0))[1].tolist()))
        uris = [space.skill_uris[j] for j in cols]
        vectors = _encode([tax.skills[u].label("en") or tax.skills[u].label("nl") for u in uris])
        np.savez(path, uris=np.array(uris), vectors=vectors)
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    print(f"subset: {len(occ)} occupations, {len(uris)} skills (English preferred labels)")

    # credit-curve anchors
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, len(uris), size=(2, 200_000))
    keep = a != b
    rand = np.einsum("ij,ij->i", vectors[a[keep]], vectors[b[keep]])
    at = {u: i for i, u in enumerate(uris)}
    rel = np.array(
        [(at[r.original], at[r.related]) for r in tax.skill_relations if r.original in at and r.related in at]
    )
    related = np.einsum("ij,ij->i", vectors[rel[:, 0]], vectors[rel[:, 1]])
    with_alt = [u for u in uris if tax.skills[u].alt_labels("en")]
    sample = [with_alt[int(i)] for i in rng.choice(len(with_alt), size=min(300, len(with_alt)), replace=False)]
    alt = _encode([tax.skills[u].alt_labels("en")[0] for u in sample])
    same = np.einsum("ij,ij->i", vectors[[at[u] for u in sample]], alt)
    u99, s50 = float(np.percentile(rand, 99)), float(np.median(same))
    print(
        f"cosine: random pairs p50 {np.median(rand):.3f} p99 {u99:.3f}; ESCO-related pairs ({len(related):,}) p50 "
        f"{np.median(related):.3f}; preferred vs alternative label ({len(same)}) p50 {s50:.3f}"
    )
    print(
        f"credit 0.05 at random p99 and 0.95 at the label-pair median: midpoint {(u99 + s50) / 2:.3f}, steepness "
        f"{2 * np.log(19) / (s50 - u99):.0f} (in use {E5_MIDPOINT}, {E5_STEEPNESS:g})"
    )

    t0 = time.process_time()
    nb = SemanticNeighbours.from_vectors(space, uris, vectors, k=10)
    sem = occupation_similarity(tax, nb).similarity[np.ix_(occ, occ)]
    exact = occupation_similarity(tax).similarity[np.ix_(occ, occ)]
    print(f"neighbours and all pairs: {time.process_time() - t0:.1f} s CPU, {nb.matrix.nnz:,} links")
    off = ~np.eye(len(occ), dtype=bool)
    for label, s in (("exact", exact), ("semantic", sem)):
        pct = np.percentile(s[off], PERCENTILES)
        th = derive_thresholds(s, label)
        print(
            f"[{label}, {off.sum():,} subset pairs] "
            + ", ".join(f"p{k:g} {v:.3f}" for k, v in zip(PERCENTILES, pct, strict=True))
            + f" -> viable {th.viable:.2f}, highly viable {th.highly_viable:.2f}, reachable {th.reachable:.2f}"
        )
    # the subset pairs are not all pairs: scale the all-pairs exact thresholds by the subset's semantic/exact ratio
    ex, se = derive_thresholds(exact, "exact"), derive_thresholds(sem, "semantic")
    scaled = type(THRESHOLDS)(
        round(THRESHOLDS.viable * se.viable / ex.viable, 2),
        round(THRESHOLDS.highly_viable * se.highly_viable / ex.highly_viable, 2),
        round(THRESHOLDS.reachable * se.reachable / ex.reachable, 2),
        "estimate: all-pairs exact thresholds x subset semantic/exact ratio",
    )
    print(f"estimated all-pairs semantic thresholds: {scaled}")
    from krapte.match import viability

    viability._derived[(tax.key, id(nb))] = (nb, scaled)  # use the estimate for the origins below
    for name in (*ORIGINS, *EXTRA):
        o = resolve_occupation(tax, name)
        paths = pathways_from_occupation(tax, o.uri, top=5, neighbours=nb)
        print(f"## {name} ({o.isco_code})")
        for p in paths:
            gaps = "; ".join(g.label for g in p.gap_skills[:3])
            print(
                f"| {p.label} | {tax.occupations[p.uri].isco_code} | {p.similarity:.2f} | {p.viability} | "
                f"{len(p.gap_skills)} ({p.effort_hours:.0f}) | {', '.join(p.flags)} | {gaps} |"
            )


if __name__ == "__main__":
    main(*sys.argv[1:])
