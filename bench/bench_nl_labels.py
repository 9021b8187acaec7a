"""Derived Dutch skill labels (:mod:`krapte.taxonomy.labels`), evaluated on skills whose Dutch label is held out.

5-fold cross-validation over the 5,352 skills that have an official Dutch label: the translator is fitted on the
other four folds (plus the occupation and skill-group label pairs) and translates the English labels of the held-out
fold. Figures per fold and their mean:

* coverage: share of held-out skills that get a derived Dutch label;
* exact: share whose derived preferred label equals the official Dutch one (folded);
* token F1: stemmed-token overlap of derived and official labels, over the covered skills;
* **Dutch phrase → ESCO skill MRR** (the issue's measure): the official Dutch label of each held-out skill is the
  query; the index is the full skill space (13,939 skills) in which the held-out skills have their English labels
  and their derived Dutch labels, then also search keys (no official Dutch ones), then the query is also searched in
  its English rendering (:meth:`LabelTranslator.to_english`, as :func:`krapte.taxonomy.search.search` does).
  Lexical search (:class:`krapte.taxonomy.lexical.LexicalIndex`, the app's); baseline: the same index without derived
  labels. Coverage, exact and token F1 use the whole fold; the MRR its first 500 skills (``--quick``: one fold,
  300). The method's settings were chosen on fold 1; the "2-5" line is
  the mean over the folds not used for that choice.

``python -m bench nl_labels [--quick]``
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass, replace

import numpy as np

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.labels import LabelTranslator, fit_translator
from krapte.taxonomy.lexical import Entry, LexicalIndex
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.search import SEMANTIC_BELOW, merge_hits, semantic_score
from krapte.text import label_key, stem

FOLDS = 5
QUERIES_PER_FOLD = 500  # of ~1,070 per fold (the fold order is shuffled): keeps the full run near 3 CPU minutes


def _pairs(tax: Taxonomy) -> tuple[list[str], list[tuple[str, str, bool]]]:
    uris = sorted(u for u, s in tax.skills.items() if s.labels.get("nl") and s.labels.get("en"))
    others = [
        (c.labels["en"], c.labels["nl"], True)
        for c in (*tax.occupations.values(), *tax.skill_groups.values())
        if c.labels.get("nl") and c.labels.get("en")
    ]
    return uris, others


def _token_f1(a: str, b: str) -> float:
    ta = {stem(t, "nl") for t in label_key(a).split()}
    tb = {stem(t, "nl") for t in label_key(b).split()}
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def derive(translator: LabelTranslator, labels_en: list[str], *, partial: bool = False) -> list[str]:
    """Every Dutch form derived from a skill's English labels (preferred first)."""
    out: list[str] = []
    for label in labels_en:
        found = translator.translate(label, partial=partial)
        if found is not None:
            out += [found[0]] if partial else translator.variants(found[0], verb_final=translator.is_verb_phrase(label))
    return list(dict.fromkeys(out))


def _index(tax: Taxonomy, held: set[str], derived: dict[str, list[str]]) -> LexicalIndex:
    entries: list[Entry] = []
    for uri, skill in tax.skills.items():
        for lang, label in skill.labels.items():
            if lang == "nl" and uri in held:
                continue
            entries.append(Entry(uri, "skill", lang, label, True))
        entries.extend(Entry(uri, "skill", "en", label, False) for label in skill.alt_labels("en"))
        entries.extend(Entry(uri, "skill", "nl", label, False) for label in derived.get(uri, ()))
    return LexicalIndex(entries)


@dataclass(frozen=True)
class _Semantic:
    """The skill label embeddings without the held-out skills' Dutch labels, and the queries' vectors."""

    uris: tuple[str, ...]
    vectors: np.ndarray
    queries: np.ndarray  # one row per query, in query order
    always: bool = False  # merge the semantic hits for every query (else only when the lexical match is weak)

    def top(self, n: int, k: int = 10) -> list[tuple[str, float]]:
        sims = self.vectors @ self.queries[n]
        rows = np.argpartition(-sims, min(len(sims) - 1, 20 * k))[: 20 * k]
        out: dict[str, float] = {}
        for r in rows[np.argsort(-sims[rows])]:
            out.setdefault(self.uris[int(r)], float(sims[int(r)]))
            if len(out) >= k:
                break
        return list(out.items())


def _semantic(tax: Taxonomy, held: set[str], queries: list[tuple[str, str]]) -> _Semantic | None:
    """The app's skill label index (:func:`krapte.taxonomy.index.get_index`) minus the held-out skills' Dutch labels
    (the queries themselves), and the queries embedded as search embeds them; None without the model or index."""
    from krapte.taxonomy import embedding
    from krapte.taxonomy import index as label_index

    idx = label_index.get_index(tax, "skill") if embedding.available() else None
    if idx is None:
        return None
    hidden = {(u, tax.skills[u].labels["nl"]) for u in held}
    keep = np.asarray([(u, t) not in hidden for u, t in zip(idx.uris, idx.texts, strict=True)])
    vectors = embedding.encode([q for _, q in queries], kind="query")
    return _Semantic(tuple(u for u, k in zip(idx.uris, keep, strict=True) if k), idx.vectors[keep], vectors)


def _embedding_mrr(semantic: _Semantic, queries: list[tuple[str, str]]) -> float:
    """MRR of the embedding alone (the reference for what the semantic hits can add)."""
    ranks = [
        next((i for i, (u, _) in enumerate(semantic.top(n), 1) if u == uri), None) for n, (uri, _) in enumerate(queries)
    ]
    return sum(1 / r for r in ranks if r) / max(len(queries), 1)


def _mrr(
    index: LexicalIndex,
    queries: list[tuple[str, str]],
    translator: LabelTranslator | None = None,
    semantic: _Semantic | None = None,
) -> float:
    """MRR of the held-out skills over the full skill space: lexical search as :func:`krapte.taxonomy.search.search`
    runs it (with ``translator``: the query also in its English rendering), and with ``semantic`` the embedding hits
    merged as ``search`` merges them (0.9 × rescaled cosine, per concept the better score; only when the best
    lexical score is below ``SEMANTIC_BELOW`` unless ``semantic.always``)."""
    total = 0.0
    for n, (uri, query) in enumerate(queries):
        hits = index.search(query, kind="skill", lang="nl", top=10)
        if translator is not None:
            hits = merge_hits(hits, index.search(translator.to_english(query), kind="skill", lang="en", top=10))
        ranked = [h.uri for h in hits]
        if semantic is not None and (semantic.always or not hits or hits[0].score < SEMANTIC_BELOW):
            scores = {h.uri: min(1.0, h.score) for h in hits}
            for u, cos in semantic.top(n):
                s = 0.9 * semantic_score(cos)
                if s > 0 and s > scores.get(u, -1.0):
                    scores[u] = s
            ranked = sorted(scores, key=lambda u: -scores[u])[:10]
        rank = next((i for i, u in enumerate(ranked, 1) if u == uri), None)
        total += 1 / rank if rank else 0.0
    return total / max(len(queries), 1)


def run(quick: bool) -> None:
    tax = default_taxonomy()
    uris, others = _pairs(tax)
    random.Random(0).shuffle(uris)
    folds = [uris[i::FOLDS] for i in range(FOLDS)]
    print(f"derived Dutch labels: {len(uris)} skills with an official Dutch label, {FOLDS}-fold cross-validation")
    print(
        f"  {'fold':<5} {'coverage':>8} {'exact':>6} {'tokF1':>6}   MRR en-only  MRR +labels  +search keys"
        "  +English query  +embed.  always"
    )
    rows = []
    for k, fold in enumerate(folds[:1] if quick else folds):
        start = time.process_time()
        held = set(fold)
        train = [
            (tax.skills[u].labels["en"], tax.skills[u].labels["nl"], tax.skills[u].skill_type == "knowledge")
            for u in uris
            if u not in held
        ]
        translator = fit_translator(train + others)
        derived = {u: derive(translator, [tax.skills[u].labels["en"], *tax.skills[u].alt_labels("en")]) for u in fold}
        derived = {u: d for u, d in derived.items() if d}
        key_translator = fit_translator(train + others, min_count=1)
        keys = {u: derived.get(u) or derive(key_translator, [tax.skills[u].labels["en"]], partial=True) for u in fold}
        preferred = {u: translator.translate(tax.skills[u].labels["en"]) for u in fold}
        covered = [u for u in fold if preferred[u] is not None]
        exact = sum(1 for u in covered if preferred[u][0] == label_key(tax.skills[u].labels["nl"]))  # type: ignore[index]
        tok = statistics.mean(_token_f1(preferred[u][0], tax.skills[u].labels["nl"]) for u in covered)  # type: ignore[index]
        queries = [(u, tax.skills[u].labels["nl"]) for u in fold][: 300 if quick else QUERIES_PER_FOLD]
        base = _mrr(_index(tax, held, {}), queries)
        ours = _mrr(_index(tax, held, derived), queries)
        keys_index = _index(tax, held, keys)
        with_keys = _mrr(keys_index, queries)
        with_english = _mrr(keys_index, queries, key_translator)
        sem = _semantic(tax, held, queries)
        hybrid = _mrr(keys_index, queries, key_translator, sem) if sem else float("nan")
        always = _mrr(keys_index, queries, key_translator, replace(sem, always=True)) if sem else float("nan")
        emb_only = _embedding_mrr(sem, queries) if sem else float("nan")
        rows.append(
            (len(derived) / len(fold), exact / len(fold), tok, base, ours, with_keys, with_english, hybrid, always)
        )
        print(
            f"  {k + 1:<5} {rows[-1][0]:>8.3f} {rows[-1][1]:>6.3f} {tok:>6.3f}   {base:>11.3f}  {ours:>11.3f}"
            f"  {with_keys:>11.3f}  {with_english:>12.3f}  {hybrid:>8.3f}  {always:>8.3f}"
            f"   ({len(queries)}; embedding only {emb_only:.3f}; {time.process_time() - start:.0f} CPU s)"
        )
    for name, part in (("mean", rows), ("2-5", rows[1:])):
        if not part:
            continue
        m = [statistics.mean(r[i] for r in part) for i in range(9)]
        print(
            f"  {name:<5} {m[0]:>8.3f} {m[1]:>6.3f} {m[2]:>6.3f}   {m[3]:>11.3f}  {m[4]:>11.3f}  {m[5]:>11.3f}"
            f"  {m[6]:>12.3f}  {m[7]:>8.3f}  {m[8]:>8.3f}"
        )
