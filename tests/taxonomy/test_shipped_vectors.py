"""Label embeddings shipped as int8: they stand in for the embedded index when, and only when, they fit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from krapte.settings import Settings
from krapte.taxonomy import embedding
from krapte.taxonomy import index as label_index
from krapte.taxonomy.model import Occupation, Taxonomy
from krapte.taxonomy.search import rank_occupations
from tests.taxonomy.test_ngram import HEAT_PUMP, PLUMBER, SOLAR, tiny


def test_int8_codes_with_a_row_scale_keep_cosines_within_two_thousandths() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(200, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    codes, scale = label_index.quantise(vectors)
    assert codes.dtype == np.int8 and scale.shape == (200,)
    back = label_index.dequantise(codes, scale)
    assert np.allclose(np.linalg.norm(back, axis=1), 1.0, atol=1e-5)
    assert np.abs(back @ vectors.T - vectors @ vectors.T).max() < 2e-3


@pytest.fixture
def with_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KRAPTE_NO_EMBEDDINGS")
    embedding.available.cache_clear()
    if not embedding.available():
        pytest.skip("embedding package not installed")


def _settings(path: Path) -> Settings:
    return Settings.from_env({"KRAPTE_DATA_DIR": str(path), "KRAPTE_CACHE_DIR": str(path / "cache")})


def test_an_empty_cache_takes_the_shipped_vectors_instead_of_embedding(
    with_embeddings: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tax = tiny()
    titles = ["installateur van warmtepompen", "fotovoltaïsche systemen", "loodgieter"]
    built = label_index.build(tax, "occupation", _settings(tmp_path / "built"))
    shipped = label_index.from_shipped(tax, "occupation", label_index.shipped_bytes(tax, built))
    assert shipped is not None and shipped.uris == built.uris and shipped.texts == built.texts
    assert np.abs(shipped.vectors @ built.vectors.T - built.vectors @ built.vectors.T).max() < 2e-3
    from_built = rank_occupations(tax, titles, settings=_settings(tmp_path / "built"))

    monkeypatch.setattr(label_index, "shipped_file", lambda t, k: label_index.shipped_bytes(tax, built))
    monkeypatch.setattr(label_index, "build", lambda *a, **k: pytest.fail("embedded although vectors ship"))
    settings = _settings(tmp_path / "fresh")
    index = label_index.get_index(tax, "occupation", settings)
    assert index is not None and label_index.cache_path(tax, "occupation", settings).is_file()
    from_shipped = rank_occupations(tax, titles, settings=settings)
    assert [[h.uri for h in hits] for hits in from_shipped] == [[h.uri for h in hits] for hits in from_built]
    assert [hits[0].uri for hits in from_shipped] == [HEAT_PUMP, SOLAR, PLUMBER]


def test_shipped_vectors_of_other_rows_are_not_used(with_embeddings: None, tmp_path: Path) -> None:
    tax = tiny()
    data = label_index.shipped_bytes(tax, label_index.build(tax, "occupation", _settings(tmp_path)))
    occupations = dict(tax.occupations)
    occupations[PLUMBER] = Occupation(uri=PLUMBER, labels={"nl": "loodgieter", "en": "plumber and pipefitter"})
    other = Taxonomy(version="tiny", occupations=occupations, skills={}, isco_groups={}, skill_groups={})
    assert other.key == tax.key  # same key, other labels: the rows' digest tells them apart
    assert label_index.from_shipped(other, "occupation", data) is None
    assert label_index.from_shipped(tax, "occupation", b"not an npz") is None
    assert label_index.from_shipped(tax, "skill", data) is None


@pytest.mark.parametrize("kind", label_index.KINDS)
def test_the_shipped_vectors_fit_the_embedded_default(kind: label_index.IndexKind) -> None:
    """A shipped file that no longer fits (the taxonomy, the model or the rows changed) would silently cost a fresh
    clone the 5–15 minute embedding again: rebuild it with ``scripts/build_label_vectors.py``."""
    from krapte.taxonomy import default_taxonomy

    tax = default_taxonomy()
    data = label_index.shipped_file(tax, kind)
    if data is None:
        pytest.skip(f"no shipped {kind} vectors in this checkout")
    index = label_index.from_shipped(tax, kind, data)
    assert index is not None and len(index.uris) == len(label_index.label_rows(tax, kind))
