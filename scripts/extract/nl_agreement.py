"""Inter-annotator agreement on the Dutch sentence set (``tests/fixtures/nl-sentences/sentences.jsonl``).

Every sentence whose number is divisible by 5 is annotated twice, independently: the first annotation is the one in
the jsonl (by the sentence's writer), the second one is in ``nl_sentences_second_a.py`` (writer A: s005-s100 and
writer B's s235-s360) or ``nl_sentences_second_b.py`` (writer B: writer A's s105-s230). Each second file holds
``SECOND: list[tuple[str, list[str], list[str]]]`` = (id, skills, absent) by English ESCO preferred label; this
script reads whichever of the two exists, resolves the labels to URIs and compares on URIs.

Per sentence set (s001-s100, s101-s230, s231-s360) and overall it reports:

* ``sentences`` / ``mentions``: double-annotated sentences, and skill mentions of the first and second annotation;
* ``F1``: pairwise F1 (= Dice) of the two skill sets, micro-averaged: 2·|first ∩ second| / (|first| + |second|);
* ``exact``: share of sentences whose two skill sets are identical;
* ``kappa``: Cohen's kappa over the yes/no decisions (sentence, candidate skill), where the candidates are the union
  of all skills either annotator gave anywhere in that set (so every sentence is judged on the same candidates);
* ``absent F1`` and ``trap agr.``: Dice of the two ``absent`` sets, and the share of sentences on which both agree
  whether the sentence has something that must not be extracted (a trap) or not.

Run: ``python scripts/extract/nl_agreement.py`` (a table) or ``... --json`` (the same figures as JSON).
"""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SENTENCES = HERE.parents[1] / "tests" / "fixtures" / "nl-sentences" / "sentences.jsonl"
SECOND_MODULES = ("nl_sentences_second_a", "nl_sentences_second_b")
SETS: tuple[tuple[str, int, int], ...] = (
    ("s001-s100 (2026-11)", 1, 100),
    ("s101-s230 (2026-12, A)", 101, 230),
    ("s231-s360 (2026-12, B)", 231, 360),
)

Pair = tuple[frozenset[str], frozenset[str]]  # (skills, absent) as URIs


@dataclass(frozen=True)
class Agreement:
    """Agreement figures for one sentence set (or all of them)."""

    name: str
    sentences: int
    mentions_first: int
    mentions_second: int
    f1: float | None
    exact: float | None
    kappa: float | None
    absent_f1: float | None
    trap_agreement: float | None


def load_second(modules: tuple[str, ...] = SECOND_MODULES) -> dict[str, tuple[list[str], list[str]]]:
    """id -> (skills, absent) labels from every second-annotation module that exists."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for module in modules:
        if not (HERE / f"{module}.py").exists():
            continue
        for sid, skills, absent in importlib.import_module(module).SECOND:
            if sid in out:
                raise ValueError(f"{sid} is second-annotated twice")
            out[sid] = (list(skills), list(absent))
    return out


def dice(first: list[frozenset[str]], second: list[frozenset[str]]) -> float | None:
    both = sum(len(a & b) for a, b in zip(first, second, strict=True))
    total = sum(len(a) + len(b) for a, b in zip(first, second, strict=True))
    return 2 * both / total if total else None


def cohen_kappa(first: list[frozenset[str]], second: list[frozenset[str]]) -> float | None:
    """Kappa over (sentence, candidate) yes/no decisions; candidates = every skill either annotator used."""
    candidates = frozenset().union(*first, *second)
    n = len(first) * len(candidates)
    if not n:
        return None
    yes_yes = sum(len(a & b) for a, b in zip(first, second, strict=True))
    yes_first = sum(len(a) for a in first)
    yes_second = sum(len(b) for b in second)
    no_no = n - yes_first - yes_second + yes_yes
    observed = (yes_yes + no_no) / n
    p_first, p_second = yes_first / n, yes_second / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    return (observed - expected) / (1 - expected) if expected < 1 else None


def agreement(name: str, pairs: list[tuple[Pair, Pair]]) -> Agreement:
    first = [p[0][0] for p in pairs]
    second = [p[1][0] for p in pairs]
    first_absent = [p[0][1] for p in pairs]
    second_absent = [p[1][1] for p in pairs]
    n = len(pairs)
    return Agreement(
        name=name,
        sentences=n,
        mentions_first=sum(len(a) for a in first),
        mentions_second=sum(len(b) for b in second),
        f1=dice(first, second),
        exact=sum(a == b for a, b in zip(first, second, strict=True)) / n if n else None,
        kappa=cohen_kappa(first, second),
        absent_f1=dice(first_absent, second_absent),
        trap_agreement=sum(bool(a) == bool(b) for a, b in zip(first_absent, second_absent, strict=True)) / n
        if n
        else None,
    )


def compute(
    rows: list[dict[str, object]],
    second: dict[str, tuple[list[str], list[str]]],
    uri_of_label: dict[str, str],
) -> list[Agreement]:
    """Agreement per sentence set that has double-annotated sentences, then overall.

    Second annotations of sentences that are not in ``rows`` (the other writer's part before the merge) are left out.
    """
    unknown = sorted({label for s, a in second.values() for label in s + a if label not in uri_of_label})
    if unknown:
        raise ValueError(f"labels that are not exactly one ESCO skill: {unknown}")
    by_id = {str(r["id"]): r for r in rows}

    def uris(items: object) -> frozenset[str]:
        assert isinstance(items, list)
        return frozenset(str(item["uri"]) for item in items)

    pairs: list[tuple[int, tuple[Pair, Pair]]] = []
    for sid in sorted(set(second) & set(by_id), key=lambda s: int(s[1:])):
        row = by_id[sid]
        skills, absent = second[sid]
        mine = (uris(row["skills"]), uris(row["absent"]))
        theirs = (frozenset(uri_of_label[x] for x in skills), frozenset(uri_of_label[x] for x in absent))
        pairs.append((int(sid[1:]), (mine, theirs)))
    out = [
        agreement(name, [p for number, p in pairs if low <= number <= high])
        for name, low, high in SETS
        if any(low <= number <= high for number, _ in pairs)
    ]
    out.append(agreement("all", [p for _, p in pairs]))
    return out


def format_table(results: list[Agreement]) -> str:
    def fmt(x: float | None) -> str:
        return "   -" if x is None else f"{x:.2f}"

    lines = [
        f"{'sentence set':<24} {'sentences':>9} {'mentions 1st/2nd':>16} {'F1':>5} {'exact':>5} {'kappa':>5} "
        f"{'absent F1':>9} {'trap agr.':>9}"
    ]
    for r in results:
        lines.append(
            f"{r.name:<24} {r.sentences:>9} {f'{r.mentions_first}/{r.mentions_second}':>16} {fmt(r.f1):>5} "
            f"{fmt(r.exact):>5} {fmt(r.kappa):>5} {fmt(r.absent_f1):>9} {fmt(r.trap_agreement):>9}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from esco_labels import skills_by_english_label

    by_label = skills_by_english_label()
    uri_of_label = {label: uris[0] for label, uris in by_label.items() if len(uris) == 1}
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    second = load_second()
    if not second:
        print("no second annotations found (scripts/extract/nl_sentences_second_[ab].py)", file=sys.stderr)
        return 1
    results = compute(rows, second, uri_of_label)
    pending = sorted(set(second) - {str(r["id"]) for r in rows}, key=lambda s: int(s[1:]))
    if pending:
        print(
            f"{len(pending)} second annotations wait for sentences ({pending[0]}..{pending[-1]}): not in the jsonl yet",
            file=sys.stderr,
        )
    if "--json" in args:
        print(json.dumps([asdict(r) for r in results], indent=2))
    else:
        print(format_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
