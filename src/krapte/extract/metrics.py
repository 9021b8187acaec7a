"""Quality measures for skill extraction: span-F1 (strict and loose), RP@k and MRR, precision/recall of sets.

Used by ``bench/bench_extract_quality.py`` and by the build script to report dev figures; kept here so the
definitions are one piece of documented code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}"


def span_prf(pred: Iterable[Sequence[Span]], gold: Iterable[Sequence[Span]], *, loose: bool = False) -> PRF:
    """Span-level precision/recall/F1 over sentences.

    Strict: a predicted span counts only if start and end equal a gold span. Loose: a predicted span counts if it
    overlaps a gold span not yet matched (one-to-one, so one long prediction cannot claim several gold spans).
    """
    tp = n_pred = n_gold = 0
    for p_spans, g_spans in zip(pred, gold, strict=True):
        n_pred += len(set(p_spans))
        n_gold += len(set(g_spans))
        if not loose:
            tp += len(set(p_spans) & set(g_spans))
            continue
        used: set[Span] = set()
        for ps, pe in sorted(set(p_spans)):
            for g in sorted(set(g_spans)):
                if g not in used and ps < g[1] and g[0] < pe:
                    used.add(g)
                    tp += 1
                    break
    return PRF(tp, n_pred, n_gold)


def rp_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """R-precision at k: relevant items in the top k over min(k, number relevant) (Decorte et al. 2022)."""
    if not relevant:
        return 0.0
    hits = sum(1 for item in ranked[:k] if item in relevant)
    return hits / min(k, len(relevant))


def reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    """1 / rank of the first relevant item (0 when none is ranked)."""
    for i, item in enumerate(ranked, start=1):
        if item in relevant:
            return 1.0 / i
    return 0.0


def set_prf(pred: Iterable[set[str]], gold: Iterable[set[str]]) -> PRF:
    """Micro precision/recall over per-document sets (e.g. ESCO URIs per passage)."""
    tp = n_pred = n_gold = 0
    for p, g in zip(pred, gold, strict=True):
        tp += len(p & g)
        n_pred += len(p)
        n_gold += len(g)
    return PRF(tp, n_pred, n_gold)
