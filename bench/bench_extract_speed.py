"""Speed of the extraction engine on Dutch vacancy text, next to the peer gazetteer on the same text.

Text: the 50 Dutch passages written for krapte (``tests/fixtures/nl-passages``), each passage one document,
repeated until the corpus is about 5 MB (``--quick``: 1 MB). Figures (one process, one core):

* lexical stage (normalisation + Aho–Corasick + boundary checks + longest-match selection): MB/s;
* peer ``skill-extractor`` 0.2.0 ``KeywordMatcher`` (FlashText port, its bundled gazetteer) on the same documents;
* the full ``extract()`` (context, negation, boilerplate, aggregation, occupations) without and with the
  cross-lingual embedding stage: documents/s.

Times are CPU seconds of this process (``time.process_time``), i.e. throughput per core, so that other work on a
shared machine does not distort them. Printed, never asserted. ``python -m bench extract_speed [--quick]``.
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

from krapte.extract.skills import SkillExtractor

PASSAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "nl-passages" / "passages.jsonl"


def _documents(target_bytes: int) -> list[str]:
    base = [json.loads(line)["text"] for line in PASSAGES.read_text("utf-8").splitlines()]
    docs: list[str] = []
    size = 0
    while size < target_bytes:
        for text in base:
            docs.append(text)
            size += len(text.encode())
    return docs


def run(quick: bool) -> None:
    from krapte.taxonomy import default_taxonomy

    docs = _documents(1_000_000 if quick else 5_000_000)
    n_bytes = sum(len(d.encode()) for d in docs)
    start = time.process_time()
    extractor = SkillExtractor(default_taxonomy())
    print(f"extractor built in {time.process_time() - start:.1f} s; {len(extractor.gazetteer):,} label variants")
    print(f"corpus: {len(docs):,} Dutch documents, {n_bytes / 1e6:.1f} MB")

    start = time.process_time()
    hits = sum(len(extractor.lexical_hits(d)) for d in docs)
    secs = time.process_time() - start
    print(f"  krapte lexical stage            {n_bytes / secs / 1e6:6.2f} MB/s   ({hits:,} hits)")

    try:
        from importlib import resources

        from skill_extractor.matcher import KeywordMatcher

        keywords = json.loads((resources.files("skill_extractor") / "data" / "skills.json").read_text("utf-8"))
        matcher = KeywordMatcher(keywords)
        start = time.process_time()
        hits = sum(len(matcher.extract(d)) for d in docs)
        secs = time.process_time() - start
        print(f"  peer skill-extractor matcher    {n_bytes / secs / 1e6:6.2f} MB/s   ({hits:,} hits)")
    except ImportError:
        print("  peer skill-extractor not installed (pip install '.[bench]')")

    lexical_only = copy.copy(extractor)
    lexical_only.use_embeddings = False
    sample = docs[: 500 if quick else 2000]
    start = time.process_time()
    for d in sample:
        lexical_only.extract(d, "nl")
    secs = time.process_time() - start
    print(f"  extract(), lexical + context    {len(sample) / secs:8.0f} documents/s")
    if extractor.use_embeddings:
        sample = docs[:100]
        extractor.extract(sample[0], "nl")  # load the skill vectors outside the timing
        start = time.process_time()
        for d in sample:
            extractor.extract(d, "nl")
        secs = time.process_time() - start
        print(f"  extract(), + cross-lingual      {len(sample) / secs:8.1f} documents/s")
