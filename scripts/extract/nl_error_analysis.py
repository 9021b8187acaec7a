"""Where the full engine's Dutch misses come from: an error analysis of the development texts only.

For every gold skill of a development text (2026-11 sentences, 2026-12 fold A, the 50 passages; never 2026-12
fold B) that the full engine (``SkillExtractor(default_taxonomy()).extract(text, "nl")``) misses, the class of the
miss:

* (a) no phrase: the cross-lingual stage embeds no phrase in the text's sentences (reading / segmentation);
* (b) a phrase exists, the gold skill is in no phrase's 40 nearest skills;
* (c) in some phrase's top 40, not in any phrase's top 5;
* (d) in some phrase's top 5, rejected by the acceptance model.

Within (a) and (b) the script also asks whether the *whole sentence*, embedded as one query, has the gold skill in
its top 40 (the phrase cut lost it) and, through ESCO's hierarchy, whether a proposed skill (the engine's output or
a phrase's top 5) is the gold skill's broader skill, a narrower one, a sibling under the same broader skill or
skill group, or in the same skill group higher up; the same question with another text's proposals gives the
chance level. Scores are those of the shipped stage (preferred labels and extra label rows, max-pooled).

Usage: ``python scripts/extract/nl_error_analysis.py [--cache FILE] [--show N]``. Needs the embeddings extra and
the skill label index. Prints the table of ``docs/benchmarks.md`` (*Where the Dutch misses come from*).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "extract"))

from build_crosslingual import development_texts  # noqa: E402

DEEP = 40  # the widest pool measured before (docs/benchmarks.md, phrase side and re-ranking)
SHALLOW = 5  # the shipped candidates per phrase


def _ranks(scores: Any, column: int) -> Any:
    """The rank (0 = nearest) of ``column`` in every row of ``scores``."""
    return (scores > scores[:, [column]]).sum(axis=1)


def collect(cache: Path | None) -> list[dict[str, Any]]:
    if cache is not None and cache.exists():
        out: list[dict[str, Any]] = pickle.loads(cache.read_bytes())
        return out
    from krapte.extract.crosslingual import candidate_phrases, combine_scores
    from krapte.extract.skill_vectors import encode
    from krapte.extract.skills import SkillExtractor
    from krapte.taxonomy import default_taxonomy

    engine = SkillExtractor(default_taxonomy())
    vectors = engine._skill_vectors()
    extra = engine._label_rows(vectors)
    column = {uri: i for i, uri in enumerate(vectors.skill_uris)}

    def score(texts: list[str]) -> Any:
        queries = encode(texts, kind="query")
        scores = vectors.scores(queries)
        if extra is not None:
            scores, _ = combine_scores(scores, extra[0], extra[1], queries)
        return scores

    items = []
    for group, text, gold in development_texts():
        predicted = set(engine.extract(text, "nl").uris())
        ctx, found, _, covered, _ = engine._collect(text, "nl")
        phrases = candidate_phrases(text, ctx, covered, engine._verb_forms)
        sentences = [(s.start, s.end) for s in ctx.sentences if not s.boilerplate and not s.wish]
        p_scores = score([text[p.start : p.end] for p in phrases]) if phrases else None
        s_scores = score([text[a:b] for a, b in sentences]) if sentences else None
        gold_rank: dict[str, tuple[int | None, int | None]] = {}
        for uri in gold:
            if uri not in column:
                gold_rank[uri] = (None, None)
                continue
            j = column[uri]
            pr = int(_ranks(p_scores, j).min()) if p_scores is not None else None
            sr = int(_ranks(s_scores, j).min()) if s_scores is not None else None
            gold_rank[uri] = (pr, sr)
        top5: set[str] = set()
        if p_scores is not None:
            for row in p_scores:
                top5.update(vectors.skill_uris[int(k)] for k in np.argsort(-row)[:SHALLOW])
        words = len(text.split())
        phrase_words = sum(len(text[p.start : p.end].split()) for p in phrases if not p.part)
        items.append(
            {
                "group": group,
                "text": text,
                "gold": gold,
                "predicted": predicted,
                "lexical": set(found),
                "phrases": [text[p.start : p.end] for p in phrases],
                "gold_rank": gold_rank,
                "top5": top5,
                "coverage": phrase_words / max(words, 1),
            }
        )
        print(f"{group}: {len(phrases)} phrases", file=sys.stderr)
    if cache is not None:
        cache.write_bytes(pickle.dumps(items))
    return items


def relation(taxonomy: Any, gold: str, proposed: set[str]) -> str | None:
    """How the nearest proposed skill stands to ``gold`` in ESCO's skill hierarchy, or None."""
    skills = taxonomy.skills
    if gold not in skills:
        return None
    parents = set(skills[gold].broader)
    if parents & proposed:
        return "broader proposed"
    if any(gold in skills[u].broader for u in proposed if u in skills):
        return "narrower proposed"
    shared = {p for u in proposed if u in skills for p in parents & set(skills[u].broader)}
    if shared:
        return "sibling proposed (same broader skill)" if shared & set(skills) else "sibling proposed (same group)"

    def groups(uri: str) -> set[str]:
        seen, todo = set(), list(skills[uri].broader)
        while todo:
            parent = todo.pop()
            if parent in seen:
                continue
            seen.add(parent)
            if parent in skills:
                todo.extend(skills[parent].broader)
        return {p for p in seen if p not in skills}

    mine = groups(gold)
    if any(mine & groups(u) for u in proposed if u in skills):
        return "same skill group"
    return None


def _why_no_phrase(text: str) -> str:
    """Which sentence rule of :class:`krapte.extract.context.DocumentContext` left a text without phrases."""
    from krapte.extract.context import DocumentContext

    sentences = DocumentContext(text).sentences
    if all(s.boilerplate for s in sentences):
        return "boilerplate"
    if all(s.wish or s.boilerplate for s in sentences):
        return "wish"
    return "neither (a requirement span, a negation or a bare verb)"


def classify(item: dict[str, Any], uri: str) -> str:
    phrase_rank, _ = item["gold_rank"][uri]
    if not item["phrases"]:
        return "a"
    if phrase_rank is None or phrase_rank >= DEEP:
        return "b"
    if phrase_rank >= SHALLOW:
        return "c"
    return "d"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--show", type=int, default=0, help="print N misses of each class")
    args = parser.parse_args()
    items = collect(args.cache)
    from krapte.taxonomy import default_taxonomy

    taxonomy = default_taxonomy()
    sets = {"2026-11": lambda g: g.startswith("s") and int(g[1:]) <= 100, "2026-12 A": lambda g: g.startswith("s")}
    counts: Counter[tuple[str, str]] = Counter()
    detail: Counter[tuple[str, str]] = Counter()
    examples: dict[str, list[str]] = {}
    n_gold = n_missed = 0
    for position, item in enumerate(items):
        other = items[(position + len(items) // 2) % len(items)]  # chance: another text's proposals
        name = "passages" if item["group"].startswith("p") else next(k for k, f in sets.items() if f(item["group"]))
        n_gold += len(item["gold"])
        counts[(name, "gold")] += len(item["gold"])
        for uri in sorted(item["gold"] - item["predicted"]):
            n_missed += 1
            cls = classify(item, uri)
            counts[(name, cls)] += 1
            counts[("all", cls)] += 1
            if cls == "a":
                detail[(cls, f"sentences marked {_why_no_phrase(item['text'])}")] += 1
            if cls in "ab":
                _, sentence_rank = item["gold_rank"][uri]
                if sentence_rank is not None and sentence_rank < SHALLOW:
                    detail[(cls, "sentence top 5")] += 1
                elif sentence_rank is not None and sentence_rank < DEEP:
                    detail[(cls, "sentence top 40")] += 1
                rel = relation(taxonomy, uri, item["predicted"] | item["top5"])
                detail[(cls, rel or "unrelated")] += 1
                chance = relation(taxonomy, uri, other["predicted"] | other["top5"])
                detail[(cls, f"chance (another text's proposals): {chance or 'unrelated'}")] += 1
            skill = taxonomy.skills.get(uri)
            label = skill.labels.get("en", uri) if skill else uri
            examples.setdefault(cls, []).append(
                f"  {item['group']} rank {item['gold_rank'][uri][0]} / sentence {item['gold_rank'][uri][1]}"
                f" [{label}] {item['text'][:110]!r} phrases={item['phrases'][:4]}"
            )
    print(f"development texts {len(items)}, gold skills {n_gold}, missed by the full engine {n_missed}")
    needed: Counter[str] = Counter()  # skill → occupations that need it (essential or optional)
    for occupation in taxonomy.occupations.values():
        needed.update(set(occupation.essential_skills) | set(occupation.optional_skills))
    more = fewer = 0
    for item in items:
        for uri in item["gold"] - item["predicted"]:
            if classify(item, uri) != "b" or uri not in taxonomy.skills:
                continue
            parents = set(taxonomy.skills[uri].broader)
            for other_uri in item["predicted"] | item["top5"]:
                if other_uri in taxonomy.skills and parents & set(taxonomy.skills[other_uri].broader):
                    more += needed[uri] > needed[other_uri]
                    fewer += needed[uri] < needed[other_uri]
    gold_needed = [needed[u] for item in items for u in item["gold"]]
    print(
        f"occupations needing a skill: median {np.median(gold_needed):.0f} for a gold skill, "
        f"{np.median([needed[u] for u in taxonomy.skills]):.0f} for any skill; (b) gold against a proposed sibling: "
        f"needed by more {more}, by fewer {fewer}"
    )
    names = ["2026-11", "2026-12 A", "passages", "all"]
    print("class | " + " | ".join(names))
    counts[("all", "gold")] = n_gold
    for cls in ("a", "b", "c", "d", "gold"):
        print(f"{cls} | " + " | ".join(str(counts[(n, cls)]) for n in names))
    for (cls, what), n in sorted(detail.items()):
        print(f"  ({cls}) {what}: {n}")
    coverage = np.array([item["coverage"] for item in items])
    print(f"share of a text's words inside a whole-clause phrase: mean {coverage.mean():.2f}")
    for cls in "abcd":
        for line in examples.get(cls, [])[: args.show]:
            print(f"({cls})" + line)


if __name__ == "__main__":
    main()
