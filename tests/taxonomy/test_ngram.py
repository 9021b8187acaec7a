"""The sparse char n-gram / word TF-IDF ranker behind job-title normalisation (``krapte.taxonomy.ngram``)."""

from pathlib import Path

import numpy as np
import pytest

from krapte.settings import Settings
from krapte.taxonomy import default_taxonomy, embedding
from krapte.taxonomy import index as label_index
from krapte.taxonomy.loading import mapped_npz
from krapte.taxonomy.model import Occupation, Taxonomy
from krapte.taxonomy.ngram import (
    FORMAT,
    NgramIndex,
    build_ngram_index,
    cache_path,
    char_features,
    get_ngram_index,
    load_ngram_index,
    save_ngram_index,
)
from krapte.taxonomy.search import rank_occupations

BASE = "http://data.europa.eu/esco/occupation/"
HEAT_PUMP, SOLAR, PLUMBER = BASE + "heat-pump", BASE + "solar", BASE + "plumber"


def tiny() -> Taxonomy:
    """Three occupations with preferred, alternative and hidden labels in Dutch and English."""
    occupations = {
        HEAT_PUMP: Occupation(
            uri=HEAT_PUMP,
            labels={"nl": "warmtepompmonteur", "en": "heat pump installer"},
            alt={"nl": ("installateur warmtepompen",)},
            hidden={"nl": ("warmtepomp monter",)},
        ),
        SOLAR: Occupation(
            uri=SOLAR,
            labels={"nl": "monteur zonnepanelen", "en": "solar panel installer"},
            alt={"nl": ("zonnepaneelinstallateur",), "en": ("PV installer",)},
        ),
        PLUMBER: Occupation(uri=PLUMBER, labels={"nl": "loodgieter", "en": "plumber"}),
    }
    return Taxonomy(version="tiny", occupations=occupations, skills={}, isco_groups={}, skill_groups={})


def _best(index: object, text: str) -> str:
    scores = index.concept_scores(text, "nl")  # type: ignore[attr-defined]
    return str(index.rows.uris[int(np.argmax(scores))])  # type: ignore[attr-defined]


def test_char_ngrams_are_word_bounded_and_stable() -> None:
    # the same text always hashes to the same columns (CRC-32, not Python's salted hash)
    assert char_features("Warmtepomp") == char_features("warmtepomp")
    # " po" (a word start) exists only when "pomp" is a word of its own
    assert set(char_features("warmte pomp")) != set(char_features("warmtepomp"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("warmtepompen installateur", HEAT_PUMP),  # inflection and word order
        ("warmte pomp monteur", HEAT_PUMP),  # split compound
        ("installateur zonnepanelen", SOLAR),  # alternative label with a different compound split
        ("PV-installer", SOLAR),  # English label, punctuation
        ("Loodgieter", PLUMBER),
        ("loodgietr", PLUMBER),  # typo
    ],
)
def test_best_label_of_every_concept_decides(query: str, expected: str) -> None:
    assert _best(build_ngram_index(tiny(), "occupation"), query) == expected


def test_rows_of_a_concept_are_contiguous_and_the_best_row_is_the_matched_label() -> None:
    index = build_ngram_index(tiny(), "occupation")
    assert index.rows.uris == (HEAT_PUMP, SOLAR, PLUMBER)
    assert list(index.rows.row_concept) == sorted(index.rows.row_concept)
    scores = index.row_scores("zonnepaneel installateur", "nl")
    assert index.rows.texts[index.best_row(scores, 1)] == "zonnepaneelinstallateur"


def test_save_and_load_give_the_same_scores(tmp_path: Path) -> None:
    index = build_ngram_index(tiny(), "occupation")
    path = tmp_path / "ngram.npz"
    save_ngram_index(index, path)
    loaded = load_ngram_index(path)
    assert loaded is not None
    assert loaded.rows.texts == index.rows.texts
    assert np.allclose(loaded.row_scores("warmtepomp", "nl"), index.row_scores("warmtepomp", "nl"))


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path) -> None:
    tax = tiny()
    path = cache_path(tax, "occupation", tmp_path)
    path.write_bytes(b"not an npz file")
    assert load_ngram_index(path) is None
    index = get_ngram_index(tax, "occupation", tmp_path)
    assert _best(index, "loodgieter") == PLUMBER
    assert load_ngram_index(path) is not None  # rewritten atomically


def test_lexical_title_ranking_on_the_embedded_taxonomy() -> None:
    # the n-gram ranking itself (the learned fusion on top of it is tested in test_fusion.py)
    ranked = rank_occupations(default_taxonomy(), ["Magazijnmedewerker", "warmte pomp monteur"], top=5, learned=False)
    assert ranked[0][0].label == "magazijnmedewerker"
    assert ranked[0][0].via == "lexical"
    assert ranked[1][0].uri == BASE + "8234eee9-1647-460d-8d62-7fe02cb884b0"  # its label "warmtepomp monteur"
    assert ranked[1][0].matched == "warmtepomp monteur"
    assert all(0 < h.score <= 1.05 for hits in ranked for h in hits)


def test_hybrid_ranking_with_the_embedding_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Lexical + embedding on the tiny taxonomy (its label embeddings take a second to build)."""
    monkeypatch.delenv("KRAPTE_NO_EMBEDDINGS")
    embedding.available.cache_clear()
    if not embedding.available():
        pytest.skip("embedding package not installed")
    settings = Settings.from_env({"KRAPTE_DATA_DIR": str(tmp_path), "KRAPTE_CACHE_DIR": str(tmp_path / "cache")})
    tax = tiny()
    index = label_index.get_index(tax, "occupation", settings)
    assert index is not None and index.concept_uris == (HEAT_PUMP, SOLAR, PLUMBER)
    titles = ["installateur van warmtepompen", "fotovoltaïsche systemen", "loodgieter"]
    ranked = rank_occupations(tax, titles, settings=settings, embed_all=True)
    assert ranked[0][0].uri == HEAT_PUMP and ranked[0][0].via == "both"
    assert ranked[1][0].uri == SOLAR  # hardly a shared n-gram: the embedding finds it
    assert ranked[2][0].uri == PLUMBER
    fast = rank_occupations(tax, titles, settings=settings)  # no encoder where the lexical ranking is decisive
    assert [hits[0].uri for hits in fast] == [HEAT_PUMP, SOLAR, PLUMBER]
    assert fast[2][0].via == "lexical"  # exact label: not embedded


def test_the_loaded_arrays_are_the_saved_ones_mapped_read_only(tmp_path: Path) -> None:
    index = build_ngram_index(tiny(), "occupation")
    path = tmp_path / "ngram.npz"
    save_ngram_index(index, path)
    mapped = mapped_npz(path)
    with np.load(path, allow_pickle=False) as saved:
        assert sorted(mapped) == sorted(saved.files)
        for name in saved.files:
            assert mapped[name].dtype == saved[name].dtype
            assert np.array_equal(mapped[name], saved[name])
    loaded = load_ngram_index(path)
    assert loaded is not None
    assert not loaded.char_t.data.flags.writeable
    for text in ("warmtepomp", "zonnepaneel installateur", "loodgieter"):
        assert np.array_equal(loaded.row_scores(text, "nl"), index.row_scores(text, "nl"))


def test_a_truncated_or_compressed_index_file_is_not_read(tmp_path: Path) -> None:
    index = build_ngram_index(tiny(), "occupation")
    path = tmp_path / "ngram.npz"
    save_ngram_index(index, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert load_ngram_index(path) is None
    with np.load(_saved(index, tmp_path / "again.npz"), allow_pickle=False) as d:
        np.savez_compressed(tmp_path / "compressed.npz", **{k: d[k] for k in d.files})
    assert load_ngram_index(tmp_path / "compressed.npz") is None


def test_a_stale_index_file_is_rebuilt(tmp_path: Path) -> None:
    tax = tiny()
    path = cache_path(tax, "occupation", tmp_path)
    save_ngram_index(build_ngram_index(tax, "occupation"), path)
    with np.load(path, allow_pickle=False) as d:
        arrays = {k: d[k] for k in d.files}
    arrays["format"] = np.asarray([FORMAT - 1])
    np.savez(path.with_name("old.npz"), **arrays)
    path.with_name("old.npz").replace(path)
    assert load_ngram_index(path) is None
    index = get_ngram_index(tax, "occupation", tmp_path)
    assert _best(index, "loodgieter") == PLUMBER
    assert load_ngram_index(path) is not None


def _saved(index: NgramIndex, path: Path) -> Path:
    save_ngram_index(index, path)
    return path
