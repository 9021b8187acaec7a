"""Write ``tests/fixtures/nl-sentences/sentences.jsonl`` from the sentence source modules (labels → ESCO URIs).

Run: ``python scripts/extract/make_nl_sentences.py``. Fails on any label that is not exactly one ESCO v1.2.0 skill,
on a duplicate id and on an unknown source module layout.

Sources, in id order:

* ``nl_sentences_source.py``: s001-s100, batch ``2026-11`` (the first set);
* ``nl_sentences_more_a.py``: s101-s230, batch ``2026-12`` (writer A: green and technical);
* ``nl_sentences_more_b.py``: s231-s360, batch ``2026-12`` (writer B: digital, care and logistics), read only when
  present, so the script works before and after both writers' branches are merged.

Folds stay by parity of the sentence number: even = ``A`` (development), odd = ``B`` (held out).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from esco_labels import LabelResolver  # noqa: E402

OUT = HERE.parents[1] / "tests" / "fixtures" / "nl-sentences" / "sentences.jsonl"

Row = tuple[str, str, str, list[str], list[str]]

# (module, batch, required): the optional module is skipped when it does not exist yet.
SOURCES: tuple[tuple[str, str, bool], ...] = (
    ("nl_sentences_source", "2026-11", True),
    ("nl_sentences_more_a", "2026-12", True),
    ("nl_sentences_more_b", "2026-12", False),
)


def load_sources() -> list[tuple[str, Row]]:
    """(batch, row) for every sentence of every source module that exists, sorted by id."""
    out: list[tuple[str, Row]] = []
    for module, batch, required in SOURCES:
        if not required and not (HERE / f"{module}.py").exists():
            continue
        rows: list[Row] = importlib.import_module(module).S
        out.extend((batch, row) for row in rows)
    return sorted(out, key=lambda item: int(item[1][0][1:]))


def fold_of(sid: str) -> str:
    return "A" if int(sid[1:]) % 2 == 0 else "B"


def main() -> int:
    resolver = LabelResolver()
    resolve, problems = resolver.resolve, resolver.problems

    rows = []
    seen: set[str] = set()
    for batch, (sid, domain, text, skills, absent) in load_sources():
        if sid in seen:
            problems.append(f"{sid}: duplicate id")
        seen.add(sid)
        rows.append(
            {
                "id": sid,
                "fold": fold_of(sid),
                "batch": batch,
                "domain": domain,
                "text": text,
                "skills": resolve(skills, sid),
                "absent": resolve(absent, sid),
            }
        )
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    mentions = sum(len(r["skills"]) for r in rows)
    print(f"wrote {len(rows)} sentences ({mentions} skill mentions) to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
