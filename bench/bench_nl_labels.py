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

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.labels import LabelTranslator, fit_translator
from krapte.taxonomy.lexical import Entry, LexicalIndex
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.search import merge_hits
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


def _mrr(index: LexicalIndex, queries: list[tuple[str, str]], translator: LabelTranslator | None = None) -> float:
    total = 0.0
    for uri, query in queries:
        hits = index.search(query, kind="skill", lang="nl", top=10)
        if translator is not None:
            hits = merge_hits(hits, index.search(translator.to_english(query), kind="skill", lang="en", top=10))
        rank = next((i for i, h in enumerate(hits, 1) if h.uri == uri), None)
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
        "  +English query"
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
        rows.append((len(derived) / len(fold), exact / len(fold), tok, base, ours, with_keys, with_english))
        print(
            f"  {k + 1:<5} {rows[-1][0]:>8.3f} {rows[-1][1]:>6.3f} {tok:>6.3f}   {base:>11.3f}  {ours:>11.3f}"
            f"  {with_keys:>11.3f}  {with_english:>12.3f}   ({len(queries)}; {time.process_time() - start:.0f} CPU s)"
        )
    for name, part in (("mean", rows), ("2-5", rows[1:])):
        if not part:
            continue
        m = [statistics.mean(r[i] for r in part) for i in range(7)]
        print(
            f"  {name:<5} {m[0]:>8.3f} {m[1]:>6.3f} {m[2]:>6.3f}   {m[3]:>11.3f}  {m[4]:>11.3f}  {m[5]:>11.3f}"
            f"  {m[6]:>12.3f}"
        )
