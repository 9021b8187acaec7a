"""Taxonomy tests run lexical-only by default: building label embeddings of all of ESCO takes minutes.

The embedding path is tested on a tiny taxonomy in ``test_embedding.py``.
"""

from collections.abc import Iterator

import pytest

from krapte.taxonomy import embedding


@pytest.fixture(autouse=True)
def _lexical_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KRAPTE_NO_EMBEDDINGS", "1")
    embedding.available.cache_clear()
    yield
    embedding.available.cache_clear()
