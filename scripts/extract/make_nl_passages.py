"""Write ``tests/fixtures/nl-passages/passages.jsonl`` from ``nl_passages_source.py`` (labels → ESCO URIs).

Run: ``python scripts/extract/make_nl_passages.py``. Fails on any label that is not exactly one ESCO v1.2.0 skill.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from esco_labels import LabelResolver  # noqa: E402
from nl_passages_source import P  # noqa: E402

OUT = HERE.parents[1] / "tests" / "fixtures" / "nl-passages" / "passages.jsonl"


def main() -> int:
    resolver = LabelResolver()
    resolve, problems = resolver.resolve, resolver.problems

    rows = []
    for p in P:
        rows.append(
            {
                "id": p["id"],
                "kind": p["kind"],
                "domain": p["domain"],
                "text": p["text"],
                "skills": resolve(p["skills"], p["id"]),
                "absent": resolve(p.get("absent", []), p["id"]),
                "requirements": p.get("requirements", {}),
            }
        )
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
