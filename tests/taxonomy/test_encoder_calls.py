"""A text's vector does not depend on the other texts of the encoder call, their order or the thread count."""

import numpy as np
import pytest

from krapte.taxonomy import embedding

PHRASES = [
    "leiding geven aan een team van twaalf magazijnmedewerkers in twee ploegen",
    "heden",
    "storingen aan transportbanden en rolluiken melden en kleine reparaties zelf uitvoeren",
    "rapporten maken in Excel",
    "zekeren van de lading",
    "Amersfoort",
    "samenwerken met de technische dienst bij onderhoud aan de koel- en vriescellen",
    "   ",
]


def test_the_vectors_do_not_depend_on_how_the_texts_are_grouped_or_threaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KRAPTE_NO_EMBEDDINGS")
    embedding.available.cache_clear()
    if not embedding.available():
        pytest.skip("embedding package not installed")
    together = embedding.encode(PHRASES, kind="query")
    alone = np.vstack([embedding.encode([p], kind="query") for p in PHRASES])
    monkeypatch.setenv("KRAPTE_EMBEDDING_THREADS", "1")
    reversed_one_thread = embedding.encode(PHRASES[::-1], kind="query")[::-1]
    assert together.shape == (len(PHRASES), embedding.DIM)
    assert np.array_equal(together, alone)  # bit for bit, not merely close
    assert np.array_equal(together, reversed_one_thread)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
