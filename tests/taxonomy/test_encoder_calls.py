"""How texts reach the encoder: calls of a few dozen tokens, threads by idle cores, the same vectors either way."""

import os

import numpy as np
import pytest

from krapte.taxonomy import embedding
from krapte.taxonomy.embedding import TOKENS_PER_CALL

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


def test_texts_are_cut_into_calls_of_a_few_dozen_tokens_in_order() -> None:
    texts = ["a", "b", "c", "d", "e"]
    assert embedding._calls(texts, [20, 20, 20, 100, 5], 256) == [["a", "b"], ["c"], ["d"], ["e"]]
    assert embedding._calls(texts, [1, 1, 1, 1, 1], 2) == [["a", "b"], ["c", "d"], ["e"]]
    assert embedding._calls(["long"], [TOKENS_PER_CALL * 3], 256) == [["long"]]


def test_a_fixed_thread_count_wins_and_otherwise_at_least_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRAPTE_EMBEDDING_THREADS", "1")
    assert embedding._threads() == 1
    monkeypatch.delenv("KRAPTE_EMBEDDING_THREADS")
    assert 1 <= embedding._threads() <= len(os.sched_getaffinity(0))


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
