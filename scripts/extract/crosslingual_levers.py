"""Measure levers of the cross-lingual stage's recall on the development texts (no writing; ``docs/benchmarks.md``,
*Dutch recall: phrase side and re-ranking*).

Input: a candidate file of ``build_crosslingual.py --top-k 40 --cache FILE`` (the 40 nearest skills of every
phrase of every development text, with their features; 2026-12 fold B is never in it). For each lever the script
prints the top-k reach (skills the lexical stages miss that are among the candidates of rank < k) or the
out-of-fold engine P / R / F1 of the acceptance model (5 folds grouped by text, threshold chosen on the pooled
out-of-fold predictions, as ``build_crosslingual.py`` does), at k = 5, 10, 20, 40 candidates per phrase:

* ``base``: the shipped features;
* ``+hierarchy``: the skill shares an ESCO skill group (two levels up) with a skill found lexically, and how many
  other phrases' best skills share one with it;
* ``+pool``: the number of the text's phrases that have the skill among their k candidates;
* ``+sentence``: the cosine of the skill with the whole sentence, its gap to the sentence's best skill and its rank;
* ``--alignment``: retrieval with the phrase mapped by a linear map fitted on ESCO's Dutch → English preferred
  label pairs (ridge towards the identity), alone or averaged with the phrase's own scores (top-k reach only).

Usage: ``python scripts/extract/crosslingual_levers.py FILE [--alignment]``.
"""

from __future__ import annotations

import argparse
import math
import pickle
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "scripts" / "extract"))

from build_crosslingual import Item, cross_validate, development_texts, reach_by_rank  # noqa: E402

from krapte.extract.crosslingual import FEATURES  # noqa: E402

RANK = FEATURES.index("rank")
KS = (5, 10, 20, 40)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def _groups(taxonomy: Any, uri: str, depth: int = 2) -> frozenset[str]:
    out: set[str] = set()
    frontier = [uri]
    for _ in range(depth):
        parents = []
        for concept_uri in frontier:
            concept = taxonomy.skills.get(concept_uri) or taxonomy.skill_groups.get(concept_uri)
            for parent in concept.broader if concept is not None else ():
                if parent not in out:
                    out.add(parent)
                    parents.append(parent)
        frontier = parents
    return frozenset(out)


def with_features(items: list[Item], k: int, extra: set[str], sentence_scores: Any = None) -> list[Item]:
    """The candidates of rank < ``k`` with the ``extra`` features appended."""
    from krapte.taxonomy import default_taxonomy

    taxonomy = default_taxonomy() if "hierarchy" in extra else None
    groups: dict[str, frozenset[str]] = {}

    def of(uri: str) -> frozenset[str]:
        if uri not in groups:
            groups[uri] = _groups(taxonomy, uri)
        return groups[uri]

    out = []
    for n, item in enumerate(items):
        candidates = [c for c in item["candidates"] if c[1][RANK] < k]
        phrases_of: dict[str, set[tuple[int, int]]] = {}
        for uri, _, span in candidates:
            phrases_of.setdefault(uri, set()).add(span)
        found_groups: frozenset[str] = frozenset()
        best_groups: dict[str, int] = {}
        if taxonomy is not None:
            found_groups = frozenset().union(*(of(u) for u in item["base"]))
            for uri, f, _ in candidates:
                if f[RANK] == 0:
                    for g in of(uri):
                        best_groups[g] = best_groups.get(g, 0) + 1
        rows = []
        for uri, f, span in candidates:
            added: list[float] = []
            if "hierarchy" in extra:
                mine = of(uri)
                own = len(mine) if f[RANK] == 0 else 0  # its own phrase's best skill is not another phrase's
                added += [float(bool(mine & found_groups)), math.log1p(sum(best_groups.get(g, 0) for g in mine) - own)]
            if "pool" in extra:
                added.append(math.log1p(len(phrases_of[uri])))
            if "sentence" in extra:
                added += list(sentence_scores(n, span, uri))
            rows.append((uri, tuple(f) + tuple(added), span))
        out.append({**item, "candidates": rows})
    return out


def sentence_features(items: list[Item]) -> Any:
    """(cosine, gap to the sentence's best skill, log rank) of a skill against the sentence holding a phrase."""
    from krapte.extract.skill_vectors import encode, load_skill_vectors
    from krapte.taxonomy import default_taxonomy

    vectors = load_skill_vectors(default_taxonomy())
    column = {uri: i for i, uri in enumerate(vectors.skill_uris)}
    texts = {group: text for group, text, _ in development_texts()}
    sentences = [
        (n, m.start(), m.end(), m.group().strip())
        for n, item in enumerate(items)
        for m in _SENTENCE.finditer(texts[item["group"]])
        if m.group().strip()
    ]
    scores = vectors.scores(encode([s[3] for s in sentences], kind="query"))
    best = scores.max(axis=1)
    by_item: dict[int, list[int]] = {}
    for j, s in enumerate(sentences):
        by_item.setdefault(s[0], []).append(j)

    def features(n: int, span: tuple[int, int], uri: str) -> tuple[float, float, float]:
        rows = by_item[n]
        j = next((j for j in rows if sentences[j][1] <= span[0] < sentences[j][2]), rows[0])
        cos = float(scores[j, column[uri]])
        return cos, float(best[j]) - cos, math.log1p(int((scores[j] > cos).sum()))

    return features


def alignment_reach(items: list[Item], lambdas: tuple[float, ...] = (0.1, 1.0, 10.0)) -> None:
    """Top-k reach of the phrases as written, mapped by a linear Dutch → English map, and both averaged (preferred
    labels only, as the map is fitted on them)."""
    from krapte.extract.query_map import label_pairs
    from krapte.extract.skill_vectors import encode, load_skill_vectors
    from krapte.taxonomy import default_taxonomy

    taxonomy = default_taxonomy()
    vectors = load_skill_vectors(taxonomy)
    index = vectors.index
    x, y = (a.astype(np.float32) for a in label_pairs(index, taxonomy))
    texts = {group: text for group, text, _ in development_texts()}
    phrases, owner = [], []
    for n, item in enumerate(items):
        for span in sorted({span for _, _, span in item["candidates"]}):
            phrases.append(texts[item["group"]][span[0] : span[1]])
            owner.append(n)
    queries = encode(phrases, kind="query")

    def reach(scores: Any) -> list[int]:
        out = []
        for k in KS:
            tops: list[set[str]] = [set() for _ in items]
            for row, n in zip(scores, owner, strict=True):
                base = items[n]["base"]
                order = np.argsort(-row)[: k + len(base)]
                tops[n].update([u for u in (vectors.skill_uris[j] for j in order) if u not in base][:k])
            out.append(sum(len((item["gold"] - item["base"]) & top) for item, top in zip(items, tops, strict=True)))
        return out

    written = vectors.scores(queries)
    print(f"alignment over {len(x)} label pairs, {len(phrases)} phrases; reach at k = {KS}")
    print(f"  written            {reach(written)}")
    eye = np.eye(x.shape[1], dtype=np.float32)
    for lam in lambdas:
        w = np.linalg.solve(x.T @ x + lam * eye, x.T @ y + lam * eye).astype(np.float32)
        mapped = queries @ w
        mapped /= np.linalg.norm(mapped, axis=1, keepdims=True)
        scores = vectors.scores(mapped)
        print(f"  λ {lam:<5} mapped {reach(scores)}  mean with written {reach((written + scores) / 2)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("candidates", type=Path, help="a build_crosslingual.py --top-k 40 --cache file")
    parser.add_argument("--alignment", action="store_true", help="also the linear Dutch → English map")
    args = parser.parse_args()
    items: list[Item] = pickle.loads(args.candidates.read_bytes())
    print("top-k reach:", reach_by_rank(items))
    sentence = sentence_features(items)
    for name, extra in (
        ("base", set()),
        ("+hierarchy", {"hierarchy"}),
        ("+pool", {"pool"}),
        ("+sentence", {"sentence"}),
        ("+all three", {"hierarchy", "pool", "sentence"}),
    ):
        for k in KS:
            _, figures = cross_validate(with_features(items, k, extra, sentence), verbose=False)
            p, r, f1 = figures["cv_precision"], figures["cv_recall"], figures["cv_f1"]
            print(f"{name:<12} k {k:>2}  out-of-fold P / R / F1 {p:.3f} / {r:.3f} / {f1:.3f}")
    if args.alignment:
        alignment_reach(items)


if __name__ == "__main__":
    main()
