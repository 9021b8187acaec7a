"""Occupation label centroids of the title fusion (krapte.taxonomy.centroids), computed and shipped."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import numpy as np
import pytest

from krapte.taxonomy import centroids, default_taxonomy, embedding
from krapte.taxonomy import index as label_index
from krapte.taxonomy.index import LabelIndex
from krapte.taxonomy.search import occupation_ngram_index
from tests.taxonomy.test_ngram import HEAT_PUMP, PLUMBER, SOLAR, tiny


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_a_centroid_is_the_normalised_mean_of_the_occupations_label_vectors() -> None:
    sem = LabelIndex(
        kind="occupation",
        uris=(HEAT_PUMP, HEAT_PUMP, SOLAR),
        texts=("warmtepompmonteur", "installateur warmtepompen", "zonnepaneelmonteur"),
        vectors=np.stack([_unit(1, 0, 0), _unit(0, 1, 0), _unit(0, 0, 1)]),
    )
    found = centroids.compute([SOLAR, PLUMBER, HEAT_PUMP], sem)  # the rows follow the given concepts
    assert found[0] == pytest.approx([0, 0, 1])
    assert not found[1].any()  # an occupation without label vectors
    assert found[2] == pytest.approx(_unit(1, 1, 0))


def test_stored_centroids_are_used_only_for_their_index_and_concepts() -> None:
    tax = tiny()
    concepts = (HEAT_PUMP, SOLAR)
    exact = np.stack([_unit(1, 2, 3), np.zeros(3, dtype=np.float32)])
    body = centroids.to_bytes(tax, concepts, exact)
    stored = centroids.from_bytes(body, tax, concepts, 3)
    assert stored is not None
    assert stored[0] == pytest.approx(exact[0], abs=1e-2) and not stored[1].any()
    assert centroids.from_bytes(body, tax, (SOLAR, HEAT_PUMP), 3) is None  # other order
    assert centroids.from_bytes(body, default_taxonomy(), concepts, 3) is None  # another taxonomy's index
    assert centroids.from_bytes(body, tax, concepts, 4) is None
    assert centroids.from_bytes(b"not a file", tax, concepts, 3) is None


def test_the_shipped_centroids_fit_the_default_taxonomy_and_match_their_provenance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KRAPTE_NO_EMBEDDINGS")  # the label vectors ship with the package: no encoder runs
    embedding.available.cache_clear()
    tax = default_taxonomy()
    sem = label_index.get_index(tax, "occupation")
    if sem is None:
        pytest.skip("embedding package not installed")
    concepts = occupation_ngram_index(tax).rows.uris
    shipped = centroids.shipped(tax, concepts, sem.vectors.shape[1])
    assert shipped is not None
    exact = centroids.compute(concepts, sem)
    present = np.linalg.norm(exact, axis=1) > 0
    assert (shipped[present] * exact[present]).sum(axis=1).min() > 0.999
    folder = resources.files("krapte.data") / centroids.DATASET
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    body = (folder / centroids.FILE).read_bytes()
    assert provenance["sha256"][centroids.FILE] == hashlib.sha256(body).hexdigest()
