"""Quality of skill extraction on the development sets, next to baselines computed in the same run.

* SkillSpan dev (English job ads, skill + knowledge spans): strict and loose span-F1 of the span tagger, of a plain
  ESCO-label gazetteer (our lexical stage, longest match) and of the peer ``skill-extractor`` 0.2.0 keyword
  gazetteer (its bundled ``skills.json``), plus the peer's and our lexical throughput on the same sentences.
  ``KRAPTE_BENCH_FORMER_TAGGER=<model file>`` adds a former tagger model as a row of the same run.
* ESCO skill linking (TECH / HOUSE validation, TECHWOLF): RP@5, RP@10 and MRR of the zero-shot baseline (whole
  sentence vs. skill label, same encoder), of the former hand formula (``ranking.FORMULA``) and of the learned
  ranker (``ranking.LinearRanker``), the latter only out-of-fold: fitted on the two other sets (leave-one-set-out)
  and in 5 folds over the pooled sentences. Label space: the 13,896 ESCO v1.1.0 labels; our v1.2.0 skills are
  mapped to it by English preferred label.
* The cross-lingual stage's link rule (cosine and margin over the runner-up) on the tagger's phrases of the linking
  sets: top-1 precision and number linked, next to the former cosine-only rule.
* The Dutch passages written for krapte (``tests/fixtures/nl-passages``): micro precision/recall of the skill URIs,
  lexical stage only, with the former cosine-and-margin embedding rule, and with the cross-lingual candidate stage
  (all three in one run); forbidden (negated / boilerplate) skills produced; requirements found.
* The Dutch sentences written for issue 11 (``tests/fixtures/nl-sentences``), per fold: A was looked at while
  developing, B was not (report B). Same figures, plus wishes turned into target occupations.

Throughputs are per CPU second of this process (``time.process_time``).
Figures are printed, never asserted. ``python -m bench extract_quality [--quick]``.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from krapte.extract.metrics import PRF, reciprocal_rank, rp_at_k, set_prf, span_prf
from krapte.extract.ranking import (
    FORMULA,
    CandidateTable,
    LinearRanker,
    candidate_tables,
    default_ranker,
    phrases,
    rank_many,
)
from krapte.extract.skills import SkillExtractor
from krapte.extract.span_vectors import encoder_word_vectors
from krapte.extract.spans import SpanTagger, default_span_tagger, tags_to_spans
from krapte.taxonomy import embedding

ROOT = Path(__file__).resolve().parents[1]
# the shared development data (next to the repository; KRAPTE_SHARED_DATA overrides, e.g. in a git worktree)
SHARED = Path(os.environ.get("KRAPTE_SHARED_DATA", ROOT.parent / "shared" / "data")) / "dev"
PASSAGES = ROOT / "tests" / "fixtures" / "nl-passages" / "passages.jsonl"
SENTENCES = ROOT / "tests" / "fixtures" / "nl-sentences" / "sentences.jsonl"
Span = tuple[int, int]


def _skillspan(quick: bool) -> list[dict]:
    rows = [json.loads(line) for line in (SHARED / "skillspan" / "json__dev.json").read_text("utf-8").splitlines()]
    return rows[:600] if quick else rows


def _gold_spans(row: dict) -> list[Span]:
    spans = []
    for layer, kind in (("tags_skill", "S"), ("tags_knowledge", "K")):
        tags = [t if t == "O" else f"{t}-{kind}" for t in row[layer]]
        spans += [(s.start, s.end) for s in tags_to_spans(tags)]
    return spans


def _char_to_token_spans(tokens: Sequence[str], char_spans: list[tuple[int, int]]) -> list[Span]:
    """Map character spans over ``" ".join(tokens)`` to token spans (tokens touched by the span)."""
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    out = []
    for cs, ce in char_spans:
        covered = [i for i, s in enumerate(starts) if s < ce and cs < s + len(tokens[i])]
        if covered:
            out.append((covered[0], covered[-1] + 1))
    return out


def _prf_line(name: str, strict: PRF, loose: PRF, extra: str = "") -> None:
    print(f"  {name:<44} strict {strict}   loose F1 {loose.f1:.3f}{extra}")


def bench_skillspan(extractor: SkillExtractor, quick: bool) -> None:
    rows = _skillspan(quick)
    gold = [_gold_spans(r) for r in rows]
    texts = [" ".join(r["tokens"]) for r in rows]
    n_bytes = sum(len(t.encode()) for t in texts)
    print(f"SkillSpan dev: {len(rows)} sentences, {sum(map(len, gold))} gold spans (skill ∪ knowledge)")

    taggers = [
        ("krapte span tagger (default: perceptron + word table)", default_span_tagger()),
        ("span tagger without word vectors (the former default)", default_span_tagger("span-tagger")),
        ("span tagger + encoder word vectors", default_span_tagger("span-tagger-vectors")),
    ]
    # a former model file to compare with in the same run, e.g. from git:
    # git show 33f2f33:src/krapte/data/extract-span-tagger/span-tagger.json.gz > /tmp/former.json.gz
    former = os.environ.get("KRAPTE_BENCH_FORMER_TAGGER")
    if former:
        taggers.append((f"former tagger ({Path(former).name})", SpanTagger.load(Path(former))))
    for name, tagger in taggers:
        if tagger is None:
            continue
        # a layer over encoder vectors needs them (its time includes embedding every new word once); the default's
        # layer reads the shipped word table itself
        encoder = tagger.vectors is not None and not tagger.vectors.uses_table
        if encoder and not embedding.available():
            continue
        start = time.process_time()
        pred = [
            [
                (s.start, s.end)
                for s in tagger.spans(r["tokens"], word_vectors=encoder_word_vectors(r["tokens"]) if encoder else None)
            ]
            for r in rows
        ]
        secs = time.process_time() - start
        _prf_line(
            name, span_prf(pred, gold), span_prf(pred, gold, loose=True), f"   {len(rows) / secs:,.0f} sentences/s"
        )

    start = time.process_time()
    lexical = [[(h.start, h.end) for h in extractor.lexical_hits(t)] for t in texts]
    secs = time.process_time() - start
    pred = [_char_to_token_spans(r["tokens"], spans) for r, spans in zip(rows, lexical, strict=True)]
    _prf_line(
        "krapte lexical stage (ESCO labels, longest)",
        span_prf(pred, gold),
        span_prf(pred, gold, loose=True),
        f"   {n_bytes / secs / 1e6:.2f} MB/s",
    )

    try:
        from importlib import resources

        from skill_extractor.matcher import KeywordMatcher
    except ImportError:
        print("  peer skill-extractor not installed (pip install '.[bench]')")
        return
    keywords = json.loads((resources.files("skill_extractor") / "data" / "skills.json").read_text(encoding="utf-8"))
    matcher = KeywordMatcher(keywords)
    start = time.process_time()
    peer = [[(s, e) for _, s, e in matcher.extract(t)] for t in texts]
    secs = time.process_time() - start
    pred = [_char_to_token_spans(r["tokens"], spans) for r, spans in zip(rows, peer, strict=True)]
    _prf_line(
        "peer skill-extractor 0.2.0 KeywordMatcher",
        span_prf(pred, gold),
        span_prf(pred, gold, loose=True),
        f"   {n_bytes / secs / 1e6:.2f} MB/s",
    )


def linking_sets() -> dict[str, dict[str, set[str]]]:
    """TECH validation, HOUSE validation and TECHWOLF: sentence → its gold ESCO v1.1.0 preferred labels."""
    folder = SHARED / "esco-skill-linking"
    out = {}
    for name, file in (
        ("TECH val", "tech_validation_annotations.csv"),
        ("HOUSE val", "house_validation_annotations.csv"),
        ("TECHWOLF", "techwolf_test_annotations.csv"),
    ):
        gold: dict[str, set[str]] = defaultdict(set)
        with open(folder / file, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["label"] not in ("LABEL NOT PRESENT", "UNDERSPECIFIED"):
                    gold[row["sentence"]].add(row["label"])
        out[name] = dict(gold)
    return out


def linking_label_space(extractor: SkillExtractor) -> tuple[dict[str, str], set[str]]:
    """Our skills' English preferred labels, and the skills whose label is in the sets' v1.1.0 label space."""
    space = set((SHARED / "esco-skill-linking" / "skills_en_label.txt").read_text(encoding="utf-8").splitlines())
    label_of = {uri: s.labels.get("en", "") for uri, s in extractor.taxonomy.skills.items()}
    return label_of, {uri for uri, label in label_of.items() if label in space}


def linking_examples(
    extractor: SkillExtractor, sentences: Sequence[str], gold: dict[str, set[str]], allowed: set[str]
) -> tuple[list[CandidateTable], list[np.ndarray]]:
    """The candidate tables of ``sentences`` and their labels (1 = the candidate's label is a gold label)."""
    label_of, _ = linking_label_space(extractor)
    uris = extractor._skill_vectors().skill_uris
    tables = candidate_tables(extractor, sentences, ["en"] * len(sentences), restrict=allowed)
    labels = [
        np.array([label_of[uris[int(j)]] in gold[s] for j in t.columns], dtype=np.float64)
        for s, t in zip(sentences, tables, strict=True)
    ]
    return tables, labels


def _ranking_figures(ranked: Sequence[Sequence[str]], golds: Sequence[set[str]]) -> tuple[float, float, float]:
    rp5 = [rp_at_k(r, g, 5) for r, g in zip(ranked, golds, strict=True)]
    rp10 = [rp_at_k(r, g, 10) for r, g in zip(ranked, golds, strict=True)]
    mrr = [reciprocal_rank(r, g) for r, g in zip(ranked, golds, strict=True)]
    return float(np.mean(rp5)), float(np.mean(rp10)), float(np.mean(mrr))


def bench_linking(extractor: SkillExtractor, quick: bool) -> None:
    """RP@5 / RP@10 / MRR of sentence → skill ranking: zero-shot, the former hand formula, and the learned ranker
    reported only on sentences it was not fitted on (leave-one-set-out, and 5-fold over the pooled sentences)."""
    if not extractor.use_embeddings:
        print("ESCO skill linking: skipped (no embedding model)")
        return
    from krapte.extract.skill_vectors import encode

    tax = extractor.taxonomy
    label_of, allowed = linking_label_space(extractor)
    print(f"ESCO skill linking: {len(allowed)} of {len(tax.skills)} v1.2.0 skills map to the v1.1.0 label space")
    vectors = extractor._skill_vectors()
    uris = vectors.skill_uris
    mask = vectors.mask(allowed)
    sets = linking_sets()
    data = {}
    for name, gold in sets.items():
        sentences = list(gold)[: 80 if quick else None]
        tables, labels = linking_examples(extractor, sentences, gold, allowed)
        data[name] = (sentences, [gold[s] for s in sentences], tables, labels)

    def ranked_by(model: LinearRanker, tables: Sequence[CandidateTable]) -> list[list[str]]:
        out = []
        for t in tables:
            order = np.argsort(-model.score(t.features), kind="stable")[:10]
            out.append([label_of[uris[int(t.columns[j])]] for j in order])
        return out

    # 5 folds over the pooled sentences (fixed seed), each scored by a ranker fitted on the other four
    pooled = [(name, i) for name, (sentences, *_rest) in data.items() for i in range(len(sentences))]
    order = np.random.default_rng(0).permutation(len(pooled))
    fold_of = {pooled[k]: f for f, part in enumerate(np.array_split(order, 5)) for k in part}
    fold_models = [
        LinearRanker.fit(
            [data[n][2][i].features for n, i in pooled if fold_of[(n, i)] != f],
            [data[n][3][i] for n, i in pooled if fold_of[(n, i)] != f],
        )
        for f in range(5)
    ]
    print(
        f"  {'set':<10} {'n':>4}  {'zero-shot':<21} {'former formula':<21} "
        "learned: leave-one-set-out    learned: 5-fold pooled   (RP@5 / RP@10 / MRR)"
    )
    for name, (sentences, golds, tables, _labels) in data.items():
        base = vectors.scores(encode(sentences, kind="query"))
        zero = [[label_of[u] for u, _ in vectors.top_of_row(np.where(mask, row, -1.0), 10)] for row in base]
        others = [n for n in data if n != name]
        loso = LinearRanker.fit(
            [t.features for n in others for t in data[n][2]], [y for n in others for y in data[n][3]]
        )
        kfold = [ranked_by(fold_models[fold_of[(name, i)]], [t])[0] for i, t in enumerate(tables)]
        cells = [
            _ranking_figures(zero, golds),
            _ranking_figures(ranked_by(FORMULA, tables), golds),
            _ranking_figures(ranked_by(loso, tables), golds),
            _ranking_figures(kfold, golds),
        ]
        print(f"  {name:<10} {len(sentences):>4}  " + "   ".join(" / ".join(f"{v:.3f}" for v in c) for c in cells))
    print("  former formula: ½·sentence + ½·best + 0.1·lexical, constants chosen on TECH + HOUSE (not cross-validated)")
    # the shipped ranker (fitted on the English sets above) on Dutch sentences it never saw, gold = skill URIs
    rows = [r for r in map(json.loads, SENTENCES.read_text("utf-8").splitlines()) if r["skills"]]
    rows = rows[: 80 if quick else None]
    texts = [r["text"] for r in rows]
    shipped = default_ranker()
    for name, model in (("former formula", FORMULA), ("shipped learned ranker", shipped)):
        if model is None:
            continue
        ranked = rank_many(extractor, texts, top=10, lang="nl", ranker=model)
        for fold in ("A", "B"):
            part = [i for i, r in enumerate(rows) if r["fold"] == fold]
            figures = _ranking_figures(
                [[s.uri for s in ranked[i]] for i in part], [{s["uri"] for s in rows[i]["skills"]} for i in part]
            )
            print(
                f"  Dutch sentences fold {fold} ({len(part)}), {name:<22} RP@5 / RP@10 / MRR "
                + " / ".join(f"{v:.3f}" for v in figures)
            )


def bench_link_rule(extractor: SkillExtractor, quick: bool) -> None:
    """Top-1 precision of the cross-lingual stage's link rule on the span tagger's phrases of the linking sets.

    A phrase's best skill counts as right when its label is among the sentence's gold labels. The former rule
    (cosine ≥ 0.91 alone) is the baseline, computed on the same phrases.
    """
    if not extractor.use_embeddings:
        return
    from krapte.extract.embedding_stage import EMBED_MARGIN, EMBED_THRESHOLD
    from krapte.extract.skill_vectors import encode

    label_of = {uri: s.labels.get("en", "") for uri, s in extractor.taxonomy.skills.items()}
    vectors = extractor._skill_vectors()
    print(
        f"Cross-lingual link rule on tagger phrases (top-1 right / linked): cos ≥ {EMBED_THRESHOLD} and margin ≥ "
        f"{EMBED_MARGIN} vs. the former cos ≥ 0.91 alone"
    )
    for name, gold in linking_sets().items():
        sentences = list(gold)[: 80 if quick else None]
        found, owner = [], []
        for sentence in sentences:
            for phrase in phrases(extractor, sentence, "en"):
                found.append(phrase)
                owner.append(sentence)
        ours = [0, 0]
        former = [0, 0]
        for phrase_top, sentence in zip(vectors.top(encode(found, kind="query"), 2), owner, strict=True):
            (uri, cos), (_, runner_up) = phrase_top
            right = label_of[uri] in gold[sentence]
            if cos >= EMBED_THRESHOLD and cos - runner_up >= EMBED_MARGIN:
                ours[0] += right
                ours[1] += 1
            if cos >= 0.91:
                former[0] += right
                former[1] += 1
        print(
            f"  {name:<10} {len(found):>4} phrases   krapte {ours[0] / max(ours[1], 1):.3f} ({ours[1]} linked)"
            f"   former {former[0] / max(former[1], 1):.3f} ({former[1]} linked)"
        )


def _engines(extractor: SkillExtractor, lexical_only: SkillExtractor) -> list[tuple[str, SkillExtractor]]:
    """The engines compared on Dutch text, in one run: lexical only, the former cosine-and-margin rule, and the
    cross-lingual candidate stage with its acceptance model (``krapte.extract.crosslingual``)."""
    if not extractor.use_embeddings:
        return [("lexical stage only", lexical_only)]
    rule = copy.copy(extractor)
    rule.acceptance = None
    engines = [("lexical stage only", lexical_only), ("+ cosine/margin rule (before)", rule)]
    if extractor.acceptance is not None:
        engines.append(("+ cross-lingual candidates", extractor))
    return engines


def bench_dutch(extractor: SkillExtractor, lexical_only: SkillExtractor) -> None:
    rows = [json.loads(line) for line in PASSAGES.read_text("utf-8").splitlines()]
    gold = [{s["uri"] for s in r["skills"]} for r in rows]
    absent = [{s["uri"] for s in r["absent"]} for r in rows]
    print(f"Dutch passages (written for krapte): {len(rows)} passages, {sum(map(len, gold))} gold skills")
    for name, engine in _engines(extractor, lexical_only):
        start = time.process_time()
        pred = [set(engine.extract(r["text"], "nl").uris()) for r in rows]
        secs = time.process_time() - start
        forbidden = sum(len(p & a) for p, a in zip(pred, absent, strict=True))
        print(
            f"  {name:<32} {set_prf(pred, gold)}   forbidden skills produced: {forbidden}/{sum(map(len, absent))}"
            f"   {secs / len(rows) * 1000:.0f} ms CPU/passage"
        )
    linked = right = 0
    for r, want in zip(rows, gold, strict=True):
        for skill in extractor.extract(r["text"], "nl").skills:
            if any(e.method == "embedding" for e in skill.evidence):
                linked += 1
                right += skill.uri in want
    print(f"  skills with cross-lingual evidence: {linked}, of which expected: {right}")
    try:
        from krapte.extract.requirements import extract_requirements
    except ImportError:
        return
    found = expected = hit = 0
    for r in rows:
        want = _requirement_items(r["requirements"])
        got = _requirement_items(extract_requirements(r["text"]).to_dict())
        expected += len(want)
        found += len(got)
        hit += len(want & got)
    print(f"  requirements (extract_requirements)  {PRF(hit, found, expected)}")


def bench_dutch_sentences(extractor: SkillExtractor, lexical_only: SkillExtractor) -> None:
    rows = [json.loads(line) for line in SENTENCES.read_text("utf-8").splitlines()]
    print(f"Dutch sentences (written for issue 11): {len(rows)} sentences, {sum(len(r['skills']) for r in rows)} gold")
    # Per batch: 2026-11 (s001-s100) is the set docs/extract.md was measured on; 2026-12 (s101-s360) was written
    # later. The cross-lingual acceptance model was fitted on 2026-11 (both folds), 2026-12 fold A and the passages
    # (in-sample there); 2026-12 fold B is the held-out set (scripts/extract/build_crosslingual.py never reads it).
    for batch in sorted({r.get("batch", "2026-11") for r in rows}):
        for fold in ("A (dev)", "B (held out)"):
            part = [r for r in rows if r.get("batch", "2026-11") == batch and r["fold"] == fold[0]]
            gold = [{s["uri"] for s in r["skills"]} for r in part]
            absent = [{s["uri"] for s in r["absent"]} for r in part]
            for name, engine in _engines(extractor, lexical_only):
                profiles = [engine.extract(r["text"], "nl") for r in part]
                pred = [set(p.uris()) for p in profiles]
                forbidden = sum(len(p & a) for p, a in zip(pred, absent, strict=True))
                targets = sum(1 for p in profiles if p.targets)
                print(
                    f"  {batch} fold {fold:<13} {name:<30} {set_prf(pred, gold)}   forbidden: {forbidden}/"
                    f"{sum(map(len, absent))}   texts with targets: {targets}"
                )


def _requirement_items(req: dict) -> set[str]:
    """Flatten requirements into comparable items (certificate ids, licence categories, levels, hours)."""
    items: set[str] = set()
    for c in req.get("certificates") or []:
        items.add("cert:" + (c if isinstance(c, str) else c["id"]))
    for d in req.get("driving_licences") or []:
        items.add("licence:" + (d if isinstance(d, str) else d["category"]))
    edu = req.get("education")
    if edu:
        items.add(f"edu:{edu.get('level')}")
        if edu.get("mbo_level"):
            items.add(f"mbo:{edu['mbo_level']}")
    hours = req.get("hours")
    if hours:
        for key in ("min", "max"):
            if hours.get(key) is not None:
                items.add(f"hours-{key}:{float(hours[key]):g}")
        if hours.get("part_time"):
            items.add("part-time")
    for lang in req.get("language_levels") or []:
        items.add(f"lang:{lang['language']}:{lang.get('level')}")
    return items


def run(quick: bool) -> None:
    from krapte.taxonomy import default_taxonomy

    if not SHARED.exists():
        print(f"{SHARED} not found: quality benchmarks need the shared development sets")
        return
    tax = default_taxonomy()
    start = time.process_time()
    extractor = SkillExtractor(tax)
    print(f"extractor built in {time.process_time() - start:.1f} s")
    lexical_only = copy.copy(extractor)  # same automaton, no cross-lingual stage
    lexical_only.use_embeddings = False
    bench_skillspan(extractor, quick)
    bench_linking(extractor, quick)
    bench_link_rule(extractor, quick)
    bench_dutch(extractor, lexical_only)
    bench_dutch_sentences(extractor, lexical_only)
