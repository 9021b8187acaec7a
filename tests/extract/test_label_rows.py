"""The extra label rows of the cross-lingual stage (derived Dutch labels, English alternatives): max-pooling per
skill, merging with the preferred-label scores, and the shipped file."""

from __future__ import annotations

import io
import zipfile
from importlib import resources

import numpy as np

from krapte.extract.crosslingual import combine_scores
from krapte.extract.label_rows import FILE_NAME, SOURCES, LabelRows, load_label_rows, save_label_rows
from krapte.taxonomy import default_taxonomy, embedding


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _rows(seed: int = 3) -> LabelRows:
    rng = np.random.default_rng(seed)
    skill = np.array([0, 0, 0, 1, 2, 2], dtype=np.int32)
    return LabelRows(
        skills=("s:a", "s:b", "s:c"),
        skill=skill,
        source=np.array([0, 1, 1, 0, 1, 0], dtype=np.int8),
        texts=tuple(f"t{i}" for i in range(6)),
        vectors=_unit(rng.normal(size=(6, 8))),
    )


def test_best_rows_is_the_maximum_over_each_skills_rows() -> None:
    rows = _rows()
    queries = _unit(np.random.default_rng(7).normal(size=(4, 8)))
    best, skills = rows.best_rows(queries)
    assert skills.tolist() == [0, 1, 2]
    sims = queries @ rows.vectors.T
    for q in range(4):
        for k in range(3):
            assert best[q, k] == sims[q, rows.skill == k].max()
    # a part of one source keeps only the skills it has rows for
    alt = dict(rows.by_source)[1]
    best_alt, skills_alt = alt.best_rows(queries)
    assert skills_alt.tolist() == [0, 2]
    assert np.allclose(best_alt[:, 1], sims[:, [4]].max(axis=1))


def test_combined_scores_take_the_better_label_and_say_which() -> None:
    """A skill's score is the best of its preferred and extra labels; ``via`` names the source of the best extra row
    only where an extra row won, and skills the index lacks are ignored."""
    rows = _rows()
    queries = _unit(np.random.default_rng(11).normal(size=(3, 8)))
    index_uris = ("s:c", "s:x", "s:a")  # s:b is not in the index; s:x has no extra rows
    columns = rows.columns(index_uris)
    assert columns.tolist() == [2, -1, 0]
    preferred = np.array([[0.9, 0.1, -1.0], [-1.0, 0.2, 0.95], [0.0, 0.0, 0.0]], dtype=np.float32)
    scores, via = combine_scores(preferred, rows, columns, queries)
    sims = queries @ rows.vectors.T
    for q in range(3):
        assert scores[q, 1] == preferred[q, 1] and via[q, 1] == -1
        for col, k in ((0, 2), (2, 0)):
            mine = np.flatnonzero(rows.skill == k)
            top = mine[np.argmax(sims[q, mine])]
            assert scores[q, col] == max(preferred[q, col], sims[q, top])
            assert via[q, col] == (rows.source[top] if sims[q, top] > preferred[q, col] else -1)
    assert preferred[0, 0] == np.float32(0.9)  # the input is not changed


def test_the_shipped_rows_fit_the_default_taxonomy() -> None:
    """The committed file loads for the embedded ESCO default and the shipped model, covers derived Dutch labels and
    English alternatives of real skills, and its rows are unit vectors; another model id gets nothing."""
    tax = default_taxonomy()
    rows = load_label_rows(embedding.model_id(), tax.key)
    assert rows is not None
    assert set(np.unique(rows.source).tolist()) == set(range(len(SOURCES)))
    assert all(uri in tax.skills for uri in rows.skills)
    assert len(rows.texts) == len(rows.skill) == rows.vectors.shape[0]
    assert np.allclose(np.linalg.norm(rows.vectors, axis=1), 1.0, atol=1e-4)
    assert np.all(np.diff(rows.skill) >= 0)  # rows of a skill are contiguous
    # machine-derived Dutch labels stand in only for skills without an official Dutch label
    derived = np.flatnonzero(rows.source == SOURCES.index("derived-nl"))
    assert all(not tax.skills[rows.skills[rows.skill[i]]].labels.get("nl") for i in derived)
    assert load_label_rows("another-model", tax.key) is None


def test_saved_rows_read_back_equal_with_the_codes_stored_uncompressed() -> None:
    rng = np.random.default_rng(11)
    arrays = {
        "skills": np.array(["s:a", "s:b"]),
        "codes": rng.integers(-127, 128, size=(5, 8), dtype=np.int8),
        "scale": rng.random(5).astype(np.float32),
    }
    buffer = io.BytesIO()
    save_label_rows(buffer, arrays)
    with np.load(io.BytesIO(buffer.getvalue()), allow_pickle=False) as stored:
        assert sorted(stored.files) == sorted(arrays)
        for name, array in arrays.items():
            assert np.array_equal(stored[name], array)
    methods = {i.filename: i.compress_type for i in zipfile.ZipFile(io.BytesIO(buffer.getvalue())).infolist()}
    assert methods == {
        "skills.npy": zipfile.ZIP_DEFLATED,
        "codes.npy": zipfile.ZIP_STORED,
        "scale.npy": zipfile.ZIP_DEFLATED,
    }


def test_the_shipped_file_stores_its_codes_uncompressed() -> None:
    shipped = resources.files("krapte.data") / "extract-crosslingual" / FILE_NAME
    info = zipfile.ZipFile(io.BytesIO(shipped.read_bytes())).getinfo("codes.npy")
    assert info.compress_type == zipfile.ZIP_STORED
