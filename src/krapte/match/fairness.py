"""Fairness metrics for matching and pathways, from a separate audit file of group labels.

Group labels (gender, age band, origin, ...) are never stored on profiles and never enter matching; an auditor
supplies them as a separate file for a set of profile ids (:func:`read_group_labels`), and the metrics join
them to outcomes here:

- **selection rate** per group: the share of the group's profiles that were selected (shortlisted for a vacancy,
  given a viable pathway, ...), and its **ratio** to the highest group rate. The *four-fifths rule* (US EEOC
  Uniform Guidelines, 29 CFR 1607.4(D)) flags a group whose ratio is below 0.8;
- **equal opportunity** (Hardt, Price and Srebro 2016): among the *qualified* profiles (a ground truth the caller
  supplies, e.g. "covers every essential skill"), the selection rate per group (true-positive rate) and its gap
  to the best group.

Groups smaller than :data:`MIN_GROUP` are reported but marked, because their rates are too noisy to judge.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from krapte.errors import InputError

__all__ = [
    "FOUR_FIFTHS",
    "MIN_GROUP",
    "FairnessReport",
    "GroupRate",
    "fairness_report",
    "read_group_labels",
    "selected_in_shortlists",
]

FOUR_FIFTHS = 0.8
MIN_GROUP = 30


@dataclass(frozen=True)
class GroupRate:
    group: str
    n: int
    selected: int
    rate: float
    ratio: float  # rate / highest group rate
    n_qualified: int | None = None
    tpr: float | None = None  # selection rate among the qualified
    tpr_gap: float | None = None  # best group's TPR minus this group's

    @property
    def adverse_impact(self) -> bool:
        return self.ratio < FOUR_FIFTHS

    @property
    def small(self) -> bool:
        return self.n < MIN_GROUP

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "n": self.n,
            "selected": self.selected,
            "rate": round(self.rate, 4),
            "ratio": round(self.ratio, 4),
            "four_fifths_ok": not self.adverse_impact,
            "small_group": self.small,
            "n_qualified": self.n_qualified,
            "tpr": None if self.tpr is None else round(self.tpr, 4),
            "tpr_gap": None if self.tpr_gap is None else round(self.tpr_gap, 4),
        }


@dataclass(frozen=True)
class FairnessReport:
    attribute: str
    outcome: str
    groups: tuple[GroupRate, ...]
    unlabelled: int  # outcomes for profiles without a label in the audit file

    @property
    def min_ratio(self) -> float:
        return min((g.ratio for g in self.groups), default=1.0)

    @property
    def max_tpr_gap(self) -> float | None:
        gaps = [g.tpr_gap for g in self.groups if g.tpr_gap is not None]
        return max(gaps) if gaps else None

    @property
    def passes_four_fifths(self) -> bool:
        return all(not g.adverse_impact for g in self.groups)

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute,
            "outcome": self.outcome,
            "groups": [g.to_dict() for g in self.groups],
            "min_ratio": round(self.min_ratio, 4),
            "passes_four_fifths": self.passes_four_fifths,
            "max_tpr_gap": None if self.max_tpr_gap is None else round(self.max_tpr_gap, 4),
            "unlabelled": self.unlabelled,
        }


def fairness_report(
    selected: Mapping[str, bool],
    groups: Mapping[str, str],
    *,
    qualified: Mapping[str, bool] | None = None,
    attribute: str = "group",
    outcome: str = "selected",
) -> FairnessReport:
    """Selection rates, four-fifths ratios and equal-opportunity gaps per group.

    ``selected``: profile id → whether the outcome happened; ``groups``: profile id → group label (from the
    audit file); ``qualified``: profile id → ground truth for equal opportunity (optional).
    """
    by_group: dict[str, list[str]] = {}
    unlabelled = 0
    for pid in selected:
        g = groups.get(pid)
        if g is None or g == "":
            unlabelled += 1
            continue
        by_group.setdefault(g, []).append(pid)
    rates = {g: sum(selected[p] for p in ids) / len(ids) for g, ids in by_group.items()}
    best = max(rates.values(), default=0.0)
    tprs: dict[str, tuple[int, float | None]] = {}
    if qualified is not None:
        for g, ids in by_group.items():
            q = [p for p in ids if qualified.get(p)]
            tprs[g] = (len(q), sum(selected[p] for p in q) / len(q) if q else None)
    best_tpr = max((t for _, t in tprs.values() if t is not None), default=None)
    out = []
    for g in sorted(by_group):
        ids = by_group[g]
        n_q, tpr = tprs.get(g, (None, None))
        out.append(
            GroupRate(
                group=g,
                n=len(ids),
                selected=sum(selected[p] for p in ids),
                rate=rates[g],
                ratio=rates[g] / best if best > 0 else 1.0,
                n_qualified=n_q,
                tpr=tpr,
                tpr_gap=None if tpr is None or best_tpr is None else best_tpr - tpr,
            )
        )
    return FairnessReport(attribute, outcome, tuple(out), unlabelled)


def selected_in_shortlists(shortlists: Iterable[Iterable[str]], profiles: Iterable[str]) -> dict[str, bool]:
    """profile id → whether it appears in at least one shortlist (e.g. the top-k candidates of each vacancy)."""
    chosen = {p for s in shortlists for p in s}
    return {p: p in chosen for p in profiles}


def read_group_labels(data: str | bytes, *, name: str = "audit file") -> dict[str, dict[str, str]]:
    """An audit CSV: a ``profile_id`` (or ``id``) column and one column per attribute → attribute → id → group."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    fields = reader.fieldnames or []
    key = next((f for f in fields if f in ("profile_id", "id", "profile")), None)
    if key is None:
        raise InputError(
            "the audit file needs a profile_id column", file=name, hint="columns: profile_id,<attribute>..."
        )
    attributes = [f for f in fields if f != key]
    if not attributes:
        raise InputError("the audit file has no group columns", file=name)
    out: dict[str, dict[str, str]] = {a: {} for a in attributes}
    for i, row in enumerate(reader, 2):
        pid = (row.get(key) or "").strip()
        if not pid:
            raise InputError("empty profile_id", file=name, line=i)
        for a in attributes:
            if row.get(a):
                out[a][pid] = row[a].strip()
    return out
