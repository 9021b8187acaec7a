"""Write ``tests/fixtures/nl-sentences/sentences.jsonl`` from ``nl_sentences_source.py`` (labels → ESCO URIs).

Run: ``python scripts/extract/make_nl_sentences.py``. Fails on any label that is not exactly one ESCO v1.2.0 skill.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from nl_sentences_source import S  # noqa: E402

from krapte.taxonomy import default_taxonomy  # noqa: E402

OUT = HERE.parents[1] / "tests" / "fixtures" / "nl-sentences" / "sentences.jsonl"


def main() -> int:
    tax = default_taxonomy()
    by_label: dict[str, list[str]] = {}
    for uri, skill in tax.skills.items():
        if skill.labels.get("en"):
            by_label.setdefault(skill.labels["en"], []).append(uri)
    problems: list[str] = []

    def resolve(labels: list[str], sid: str) -> list[dict[str, str]]:
        out = []
        for label in labels:
            uris = by_label.get(label, [])
            if len(uris) != 1:
                problems.append(f"{sid}: {label!r} matches {len(uris)} skills")
                continue
            out.append({"uri": uris[0], "label_en": label})
        return out

    rows = []
    for sid, domain, text, skills, absent in S:
        fold = "A" if int(sid[1:]) % 2 == 0 else "B"
        rows.append(
            {
                "id": sid,
                "fold": fold,
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
    print(f"wrote {len(rows)} sentences to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
