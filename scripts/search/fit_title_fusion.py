"""Fit the learned fusion of job-title ranking (:mod:`krapte.taxonomy.fusion`) and write its weights file.

Data: the 521 dev titles of ``$KRAPTE_SHARED_DATA/dev/occupation-titles-nl`` (MELO nld_q_nl_c_nl, dev split; the
test split is not in the shared folder and is never used). Every title is embedded once; the lexical and the hybrid
model are fitted by a listwise softmax loss (L2 weight ``--l2``) over candidate features that include the title
words' association with the candidates' ISCO groups (counted on the training titles, each title's own count left out
of its features; shrinkage ``--alpha``), first in 5 folds to report out-of-fold MRR (random folds, and folds grouped
by annotated occupation), then on all titles for the shipped weights and association counts. The encoder gate
``encode_below`` is the ``--encode-share`` quantile of the out-of-fold lexical-model margins (random folds): the
share of titles that get the encoder is a speed budget (encoder ≈ 13 ms CPU a title on one core, the rest ≈ 1 ms,
goal 200 titles/s), not a quality setting.

Writes ``src/krapte/data/title-fusion/weights.json`` and ``provenance.json`` (which also covers the centroids of
``build_title_centroids.py``). Run (≈ 1 CPU minute)::

    OMP_NUM_THREADS=1 KRAPTE_EMBEDDING_THREADS=1 python scripts/search/fit_title_fusion.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "krapte" / "data" / "title-fusion"


def reciprocal_rank(scores: np.ndarray, gold: np.ndarray) -> float:
    """1 / rank of the best annotated candidate (ties counted against it); 0 if none is a candidate or it ranks
    below 10 (as the bench, which ranks the top 10)."""
    if not gold.any():
        return 0.0
    best = scores[gold].max()
    rank = 1 + int((scores > best).sum()) + int(((scores == best) & ~gold).sum())
    return 1.0 / rank if rank <= 10 else 0.0


def write_provenance() -> None:
    """``provenance.json`` of the folder, with the checksum of every file in it (the weights and the centroids of
    ``scripts/search/build_title_centroids.py``)."""
    files = sorted(p.name for p in OUT.iterdir() if p.is_file() and p.name != "provenance.json")
    provenance = {
        "id": "title-fusion",
        "title": "Learned fusion weights of job-title → occupation ranking, and the occupation label centroids",
        "files": files,
        "source": "fitted by krapte on the dev split of MELO nld_q_nl_c_nl (MIT, © 2024 Avature; ESCO © EU); "
        "centroids from the shipped ESCO occupation label vectors (krapte/data/esco-label-vectors)",
        "version": "2",
        "licence": "EUPL-1.2 (krapte)",
        "attribution": "",
        "derivation": "scripts/search/fit_title_fusion.py: listwise softmax over candidate features (incl. the "
        "closeness of each candidate's label centroid to the lexical winners'), with title-word / ISCO-group "
        "association counts of the same titles; 5-fold out-of-fold figures (plain and grouped by occupation) in "
        "weights.json. scripts/search/build_title_centroids.py: per occupation the normalised mean of its label "
        "vectors, int8 with one scale per row (centroids.npz)",
        "sha256": {name: hashlib.sha256((OUT / name).read_bytes()).hexdigest() for name in files},
    }
    (OUT / "provenance.json").write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--encode-share", type=float, default=0.15)
    parser.add_argument("--alpha", type=float, default=1.0, help="shrinkage of the ISCO association counts")
    parser.add_argument("--check", action="store_true", help="fit and report, do not write")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from bench.bench_taxonomy import _load

    from krapte.taxonomy import default_taxonomy
    from krapte.taxonomy.fusion import FusionModel, folds, grouped_folds, margin
    from krapte.taxonomy.titles import fit_model, training_lists

    queries, relevant = _load()
    ids = sorted(queries)
    titles = [queries[i] for i in ids]
    gold = [relevant.get(i, set()) for i in ids]
    examples = training_lists(default_taxonomy(), titles, gold)
    n = len(titles)
    grouped = grouped_folds([tuple(sorted(g)) if g else ("", i) for i, g in enumerate(gold)])
    figures: dict[str, dict[str, float]] = {}
    encode_below = 0.0
    for name, parts in (("random folds", folds(n)), ("folds grouped by occupation", grouped)):
        rr_lex, rr_hyb, margins = np.zeros(n), np.zeros(n), np.zeros(n)
        for test in parts:
            train = np.setdiff1d(np.arange(n), test)
            fold_model = fit_model(
                [examples[i] for i in train], l2=args.l2, encode_share=args.encode_share, alpha=args.alpha
            )
            for i in test:
                (x, g), hybrid = examples[i].lists(fold_model.associations, leave_out=False)
                z = x @ fold_model.lexical
                rr_lex[i] = reciprocal_rank(z, g)
                margins[i] = margin(z)
                rr_hyb[i] = reciprocal_rank(hybrid[0] @ fold_model.hybrid, hybrid[1]) if hybrid else 0.0
        below = float(np.quantile(margins, args.encode_share))
        gated = np.where(margins < below, rr_hyb, rr_lex)
        if not figures:  # the gate: from the out-of-fold margins of the plain folds
            encode_below = below
        print(f"out-of-fold MRR, {name} (5 folds, {n} dev titles): lexical model {rr_lex.mean():.4f}, hybrid")
        share = (margins < below).mean()
        print(f"model on every title {rr_hyb.mean():.4f}, gated ({share:.0%} embedded) {gated.mean():.4f}")
        figures[name] = {
            "lexical": round(float(rr_lex.mean()), 4),
            "hybrid_every_title": round(float(rr_hyb.mean()), 4),
            "gated": round(float(gated.mean()), 4),
        }
    full = fit_model(examples, l2=args.l2, encode_share=args.encode_share, alpha=args.alpha)
    model = FusionModel(
        lexical=full.lexical,
        hybrid=full.hybrid,
        encode_below=encode_below,
        associations=full.associations,
        meta={
            "fitted_on": f"{n} dev titles of MELO nld_q_nl_c_nl (shared data dev/occupation-titles-nl)",
            "loss": f"listwise softmax, L2 {args.l2}; ISCO associations counted on the same titles, each "
            "title's own left out of its features",
            "encode_share": args.encode_share,
            "out_of_fold_mrr": figures["random folds"],
            "out_of_fold_mrr_grouped_by_occupation": figures["folds grouped by occupation"],
        },
    )
    print("lexical weights:", np.round(model.lexical, 3).tolist())
    print("hybrid weights:", np.round(model.hybrid, 3).tolist())
    if args.check:
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    body = json.dumps(model.to_json(), indent=1) + "\n"
    (OUT / "weights.json").write_text(body, encoding="utf-8")
    write_provenance()
    print(f"wrote {OUT / 'weights.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
