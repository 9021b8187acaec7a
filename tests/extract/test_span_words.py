"""The span tagger's word table (:mod:`krapte.extract.span_words`): n-grams, the subword model, int8 storage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from krapte.extract.span_words import (
    WordTable,
    char_ngrams,
    default_word_table,
    fit_subword,
    ngram_buckets,
    predict_subword,
    quantise,
)


def test_char_ngrams_mark_the_word_boundaries() -> None:
    assert char_ngrams("sql") == ["<sq", "sql", "ql>", "<sql", "sql>", "<sql>"]
    assert ngram_buckets("sql", 16) == ngram_buckets("sql", 16)  # CRC-32: the same in every process
    assert all(0 <= b < 16 for b in ngram_buckets("kubernetes", 16))


def test_int8_codes_keep_every_value_within_half_a_step() -> None:
    x = np.array([[0.5, -2.0], [-0.25, 1.0], [0.0, 0.0]])
    codes, scale = quantise(x)
    assert codes.dtype == np.int8
    assert np.abs(codes * scale - x).max() <= scale.max() / 2 + 1e-12


def _vocabulary() -> tuple[list[str], np.ndarray]:
    # made-up 2-d vectors: words ending in "-ing" point one way, words ending in "-ology" another
    stems = ["weld", "plumb", "paint", "cook", "clean", "teach", "nurs", "account", "garden", "driv"]
    words = [s + "ing" for s in stems] + [s + "ology" for s in ["bi", "ge", "radi", "cardi", "ec", "techn"]]
    targets = np.array([[1.0, 0.0] if w.endswith("ing") else [0.0, 1.0] for w in words])
    return words, targets


def test_the_subword_model_gives_unseen_words_the_vector_of_their_look_alikes() -> None:
    words, targets = _vocabulary()
    weights = fit_subword(words, targets, buckets=2**12, ridge=0.1)
    unseen = predict_subword(["roofing", "hydrology"], weights)
    assert unseen[0, 0] > unseen[0, 1]  # "roofing" looks like the -ing words
    assert unseen[1, 1] > unseen[1, 0]  # "hydrology" like the -ology words


def test_a_table_answers_known_words_from_the_table_and_others_from_their_ngrams(tmp_path: Path) -> None:
    words, targets = _vocabulary()
    codes, scale = quantise(targets)
    sub_codes, sub_scale = quantise(fit_subword(words, targets, buckets=2**12, ridge=0.1))
    WordTable(words, codes, scale, sub_codes, sub_scale).save(tmp_path / "t.npz")
    table = WordTable.load(tmp_path / "t.npz")
    assert table.dims == 2
    assert np.allclose(table.vector("Welding"), [1.0, 0.0])  # looked up lower-cased
    vectors = table.vectors(["roofing", "hydrology"])
    assert vectors.shape == (2, 2)
    assert np.allclose(vectors, predict_subword(["roofing", "hydrology"], sub_codes * sub_scale))
    assert table.vectors([]).shape == (0, 2)


def test_the_shipped_default_tagger_reads_the_word_table_and_never_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    from krapte.extract.spans import default_span_tagger
    from krapte.taxonomy import embedding

    def no_encoder(*args: object, **kwargs: object) -> None:
        raise AssertionError("the default span tagger must not call the encoder")

    monkeypatch.setattr(embedding, "encode", no_encoder)
    tagger, table = default_span_tagger(), default_word_table()
    assert tagger is not None and tagger.vectors is not None and table is not None
    assert tagger.vectors.uses_table and tagger.vectors.input_dims == table.dims
    assert "kubernetes" in table.words and "terraformish" not in table.words  # the latter via its n-grams
    tokens = ["You", "have", "hands-on", "experience", "with", "Kubernetes", "and", "Terraformish", "pipelines", "."]
    found = {" ".join(tokens[s.start : s.end]) for s in tagger.spans(tokens)}
    assert any("Kubernetes" in phrase for phrase in found)
