"""Fit the cross-lingual stage's acceptance model (``krapte/data/extract-crosslingual/acceptance.json``).

The model (:class:`krapte.extract.crosslingual.AcceptanceModel`) is a logistic regression over the features of each
(phrase, skill) candidate the stage retrieves from a Dutch text; a candidate is a positive when its skill is among
the text's annotated skills. It is fitted on **development data only**:

* the Dutch sentences of the 2026-11 batch (``tests/fixtures/nl-sentences``, s001-s100, both folds);
* fold A (even ids) of the 2026-12 batch (s101-s360);
* the 50 Dutch passages (``tests/fixtures/nl-passages``).

Fold B (odd ids) of the 2026-12 batch is skipped (never used): it is the held-out set the benchmark reports.

The acceptance threshold is chosen by cross-validation grouped by text (5 folds; a text's candidates are all in one
fold): out-of-fold probabilities for every candidate, then the threshold that maximises the micro F1 of the whole
engine (the lexical and verb–object skills plus the accepted candidates) over the pooled out-of-fold predictions.
The regularisation strength is fixed (L2, C = 1 on standardised features), not tuned. No network, deterministic.

Usage: ``python scripts/extract/build_crosslingual.py [--cache FILE]`` (``--cache`` keeps the encoded candidates
between runs, for inspection). Needs the embeddings extra and the skill label index. The comparison options
(``--no-label-rows``, ``--sources``, ``--rows-as-features``, ``--drop``, ``--label-forms``, ``--top-k``,
``--query-map``, ``--prior``) print the
cross-validated figures of a variant and write nothing; ``scripts/extract/crosslingual_levers.py`` measures more
variants on a ``--cache`` file.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import math
import pickle
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "scripts" / "extract"))

from build_label_rows import write_stage_provenance  # noqa: E402

from krapte.extract.crosslingual import DATA_DIR, FEATURES, MODEL_FILE, AcceptanceModel  # noqa: E402
from krapte.extract.label_rows import SOURCES  # noqa: E402
from provenance import PACKAGE_DATA  # noqa: E402

SENTENCES = ROOT / "tests" / "fixtures" / "nl-sentences" / "sentences.jsonl"
PASSAGES = ROOT / "tests" / "fixtures" / "nl-passages" / "passages.jsonl"
FOLDS = 5
C = 1.0
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.01), 2)

Item = dict  # {"group", "gold", "base", "candidates": [(uri, features)]}


def development_texts() -> list[tuple[str, str, set[str]]]:
    """(group id, text, gold skill URIs) of the development data; never 2026-12 fold B."""
    out = []
    for line in SENTENCES.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row.get("batch", "2026-11") == "2026-12" and row["fold"] != "A":
            continue  # the held-out fold
        out.append((row["id"], row["text"], {s["uri"] for s in row["skills"]}))
    for i, line in enumerate(PASSAGES.read_text("utf-8").splitlines()):
        row = json.loads(line)
        out.append((f"p{i:03d}", row["text"], {s["uri"] for s in row["skills"]}))
    return out


def collect(
    cache: Path | None,
    label_rows: bool = True,
    sources: tuple[int, ...] | None = None,
    retrieval: bool = True,
    label_forms: str | None = None,
    top_k: int | None = None,
    query_map: float | None = None,
    prior: float | None = None,
) -> list[Item]:
    if cache is not None and cache.exists():
        items: list[Item] = pickle.loads(cache.read_bytes())
        return items
    from krapte.extract.skills import SkillExtractor
    from krapte.taxonomy import default_taxonomy

    engine = SkillExtractor(default_taxonomy())
    if not engine.use_embeddings:
        raise SystemExit("the embeddings extra is needed to fit the cross-lingual stage")
    engine.use_label_rows = label_rows
    engine.label_row_sources = sources
    engine.label_rows_retrieval = retrieval
    engine.label_forms = label_forms
    engine.query_map = query_map
    if prior is not None:
        engine.occupation_prior = prior
    if top_k is not None:
        engine.crosslingual_top_k = top_k
    lexical = copy.copy(engine)
    lexical.use_embeddings = False
    items = []
    occupations = engine._occupations_of
    for group, text, gold in development_texts():
        candidates, _ = engine.cross_lingual_candidates(text)
        if prior is not None:  # the prior as one more feature: log(1 + occupations that need the skill)
            candidates = [
                dataclasses.replace(c, features=(*c.features, math.log1p(len(occupations.get(c.uri, ())))))
                for c in candidates
            ]
        base = set(lexical.extract(text, "nl").uris())
        items.append(
            {
                "group": group,
                "gold": gold,
                "base": base,
                "candidates": [(c.uri, c.features, (c.phrase.start, c.phrase.end)) for c in candidates],
            }
        )
    if cache is not None:
        cache.write_bytes(pickle.dumps(items))
    return items


def fit_logistic(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], c: float = C, iterations: int = 50
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64], float]:
    """L2-regularised logistic regression by Newton's method on standardised features: (mean, scale, coef, b)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], 1.0 / c)
    penalty[-1] = 0.0  # the intercept is not penalised
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return mean, scale, w[:-1], float(w[-1])


def _matrix(items: list[Item]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], list[tuple[int, str]]]:
    rows, labels, owners = [], [], []
    for i, item in enumerate(items):
        for uri, feats, _ in item["candidates"]:
            rows.append(feats)
            labels.append(float(uri in item["gold"]))
            owners.append((i, uri))
    width = len(rows[0]) if rows else len(FEATURES)
    return np.asarray(rows, dtype=np.float64).reshape(-1, width), np.asarray(labels), owners


def engine_prf(items: list[Item], probabilities: npt.NDArray[np.float64], owners: list[tuple[int, str]], t: float):
    """Micro (tp, predicted, gold) of the lexical skills plus the candidates accepted at threshold ``t``."""
    accepted: list[set[str]] = [set() for _ in items]
    for (i, uri), p in zip(owners, probabilities, strict=True):
        if p >= t:
            accepted[i].add(uri)
    tp = n_pred = n_gold = 0
    for item, extra in zip(items, accepted, strict=True):
        pred = item["base"] | extra
        tp += len(pred & item["gold"])
        n_pred += len(pred)
        n_gold += len(item["gold"])
    return tp, n_pred, n_gold


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(items: list[Item], verbose: bool = True) -> tuple[float, dict[str, float]]:
    """Out-of-fold probabilities (folds grouped by text), and the threshold with the best pooled engine F1."""
    x, y, owners = _matrix(items)
    fold_of_item = np.arange(len(items)) % FOLDS  # texts in file order, dealt round-robin
    fold = np.array([fold_of_item[i] for i, _ in owners])
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        mean, scale, coef, b = fit_logistic(x[train], y[train])
        oof[test] = 1.0 / (1.0 + np.exp(-(((x[test] - mean) / scale) @ coef + b)))
    scored = [(t, _f1(*engine_prf(items, oof, owners, t))) for t in THRESHOLDS]
    best_t, (p, r, f1) = max(scored, key=lambda s: (s[1][2], -s[0]))
    base = _f1(*engine_prf(items, oof, owners, 2.0))
    for name, members in _sets(items).items() if verbose else ():  # per development set, at the chosen threshold
        chosen = [j for j, (i, _) in enumerate(owners) if i in members]
        part = [items[i] for i in sorted(members)]
        renumber = {i: n for n, i in enumerate(sorted(members))}
        sub = [(renumber[owners[j][0]], owners[j][1]) for j in chosen]
        before = _f1(*engine_prf(part, oof[chosen], sub, 2.0))
        after = _f1(*engine_prf(part, oof[chosen], sub, best_t))
        print(
            f"  out-of-fold {name:<16} P / R / F1 {before[0]:.3f} / {before[1]:.3f} / {before[2]:.3f} → "
            f"{after[0]:.3f} / {after[1]:.3f} / {after[2]:.3f}"
        )
    return float(best_t), {
        "cv_precision": round(p, 3),
        "cv_recall": round(r, 3),
        "cv_f1": round(f1, 3),
        "lexical_precision": round(base[0], 3),
        "lexical_recall": round(base[1], 3),
        "lexical_f1": round(base[2], 3),
    }


def _sets(items: list[Item]) -> dict[str, set[int]]:
    """The development sets by text id: passages (p…), 2026-11 sentences (s001-s100), 2026-12 fold A."""
    out: dict[str, set[int]] = {"passages": set(), "2026-11": set(), "2026-12 fold A": set()}
    for i, item in enumerate(items):
        group = item["group"]
        name = "passages" if group.startswith("p") else "2026-11" if int(group[1:]) <= 100 else "2026-12 fold A"
        out[name].add(i)
    return out


def reach(items: list[Item]) -> dict[str, int]:
    """How many gold skills the lexical stages miss, and how many of them are among the retrieved candidates."""
    missed = found = 0
    for item in items:
        gap = item["gold"] - item["base"]
        missed += len(gap)
        found += len(gap & {uri for uri, _, _ in item["candidates"]})
    return {"missed_by_lexical": missed, "missed_among_candidates": found}


def reach_by_rank(items: list[Item], ranks: tuple[int, ...] = (1, 3, 5, 10, 20, 30, 40)) -> dict[int, int]:
    """How many of the skills the lexical stages miss are among each text's candidates of rank below k, per k."""
    rank = FEATURES.index("rank")
    out = {}
    for k in ranks:
        out[k] = sum(
            len((item["gold"] - item["base"]) & {uri for uri, f, _ in item["candidates"] if f[rank] < k})
            for item in items
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="keep the encoded candidates in this file between runs")
    parser.add_argument(
        "--no-label-rows", action="store_true", help="preferred labels only (for comparison; writes nothing)"
    )
    parser.add_argument("--sources", help="only these label-row sources, e.g. alt-en (comparison; writes nothing)")
    parser.add_argument(
        "--rows-as-features", action="store_true", help="retrieve by preferred labels only (comparison; no writing)"
    )
    parser.add_argument("--drop", default="", help="comma-separated features to leave out (ablation; writes nothing)")
    parser.add_argument(
        "--label-forms", choices=("max", "mean"), help="also embed each phrase in label form (comparison; no writing)"
    )
    parser.add_argument(
        "--top-k", type=int, help="retrieve this many candidates per phrase; the model is fitted on the first --fit-k"
    )
    parser.add_argument("--query-map", type=float, help="λ of the Dutch → English query map (comparison; no writing)")
    parser.add_argument(
        "--prior", type=float, help="weight of the occupations prior in retrieval, also a feature (comparison)"
    )
    parser.add_argument("--fit-k", type=int, default=5, help="with --top-k: candidates of this rank or better are used")
    args = parser.parse_args()
    sources = tuple(SOURCES.index(name) for name in args.sources.split(",")) if args.sources else None
    items = collect(
        args.cache,
        label_rows=not args.no_label_rows,
        sources=sources,
        retrieval=not args.rows_as_features,
        label_forms=args.label_forms,
        top_k=args.top_k,
        query_map=args.query_map,
        prior=args.prior,
    )
    if args.top_k is not None:
        print("top-k reach (missed skills among the candidates):", json.dumps(reach_by_rank(items)))
        rank = FEATURES.index("rank")
        items = [{**item, "candidates": [c for c in item["candidates"] if c[1][rank] < args.fit_k]} for item in items]
    drop = [FEATURES.index(name) for name in args.drop.split(",") if name]
    if drop:  # a constant column gets no weight: the same as leaving the feature out
        items = [
            {
                **item,
                "candidates": [
                    (u, tuple(0.0 if j in drop else v for j, v in enumerate(f)), s) for u, f, s in item["candidates"]
                ],
            }
            for item in items
        ]
    x, y, _ = _matrix(items)
    threshold, figures = cross_validate(items)
    figures = {**figures, **reach(items)}
    comparison = args.label_forms or args.top_k is not None or args.query_map is not None
    comparison = comparison or args.prior is not None
    if args.no_label_rows or drop or sources is not None or args.rows_as_features or comparison:
        summary = {
            "label_rows": args.sources or not args.no_label_rows,
            "drop": args.drop,
            "label_forms": args.label_forms,
            "query_map": args.query_map,
            "prior": args.prior,
            "fit_k": args.fit_k if args.top_k is not None else None,
            "threshold": threshold,
        }
        print(json.dumps({**summary, "candidates": len(y), "positives": int(y.sum()), **figures}, indent=1))
        return
    mean, scale, coef, b = fit_logistic(x, y)
    provenance = {
        "fitted_on": "nl-sentences 2026-11 (s001-s100), 2026-12 fold A (even ids), nl-passages (50); never 2026-12 "
        "fold B",
        "texts": len(items),
        "candidates": len(y),
        "positives": int(y.sum()),
        "threshold": f"max pooled out-of-fold engine F1, {FOLDS} folds grouped by text",
        **figures,
    }
    model = AcceptanceModel(
        FEATURES, tuple(mean.tolist()), tuple(scale.tolist()), tuple(coef.tolist()), b, threshold, provenance
    )
    folder = PACKAGE_DATA / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MODEL_FILE).write_text(model.to_json(), encoding="utf-8")
    write_stage_provenance()
    print(json.dumps(provenance, indent=1))
    for name, w in sorted(zip(FEATURES, coef, strict=True), key=lambda kv: -abs(kv[1])):
        print(f"  {name:<28} {w:+.3f}")


if __name__ == "__main__":
    main()
