"""Large read-only structures are made with the garbage collector paused, and the same objects come out; the
embedded taxonomy is cached in its loaded form, and a stale or damaged cache is parsed and written again."""

from __future__ import annotations

import collections
import gc
import gzip
import hashlib
import pickle
from pathlib import Path
from typing import Any

import numpy as np

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.default import default_taxonomy_bytes
from krapte.taxonomy.loading import TAXONOMY_FORMAT, cached_taxonomy, mapped_npz, paused_gc, taxonomy_cache_path
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.serialize import read_json_gz, taxonomy_from_dict


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: the inner block does not switch it on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_was_made_inside_is_frozen_not_lost_and_the_collector_comes_back_after_an_error() -> None:
    before = gc.get_freeze_count()
    try:
        with paused_gc():
            made = [[i] for i in range(1000)]
            raise RuntimeError("a failed load")
    except RuntimeError:
        pass
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + 1000
    assert made[999] == [999]


def _parse_counting(calls: list[bytes]) -> Any:
    def parse(source: bytes) -> Taxonomy:
        calls.append(source)
        return taxonomy_from_dict(read_json_gz(source))

    return parse


def _same(a: Taxonomy, b: Taxonomy) -> bool:
    fields = ("version", "source", "languages", "occupations", "skills", "isco_groups", "skill_groups")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and a.skill_relations == b.skill_relations


def test_the_cached_taxonomy_is_the_parsed_one_and_is_read_not_parsed_next_time(tmp_path: Path) -> None:
    source = default_taxonomy_bytes()
    calls: list[bytes] = []
    first = cached_taxonomy("esco-test", source, _parse_counting(calls), tmp_path)
    assert len(calls) == 1 and taxonomy_cache_path("esco-test", source, tmp_path).is_file()
    again = cached_taxonomy("esco-test", source, _parse_counting(calls), tmp_path)
    assert len(calls) == 1, "the second load should come from the cache"
    assert again is not first and _same(again, first) and again.key == first.key
    assert _same(again, default_taxonomy())


def test_a_stale_truncated_or_altered_cache_is_parsed_and_written_again(tmp_path: Path) -> None:
    source = default_taxonomy_bytes()
    calls: list[bytes] = []
    cached_taxonomy("esco-test", source, _parse_counting(calls), tmp_path)
    path = taxonomy_cache_path("esco-test", source, tmp_path)
    # other source data (another ESCO release): another name, and the old file is removed when the new is written
    other = gzip.compress(gzip.decompress(source) + b" ")
    assert taxonomy_cache_path("esco-test", other, tmp_path) != path
    cached_taxonomy("esco-test", other, _parse_counting(calls), tmp_path)
    assert len(calls) == 2 and not path.exists()
    stale = taxonomy_cache_path("esco-test", other, tmp_path)
    good = stale.read_bytes()
    for broken in (good[: len(good) // 2], good[:-1] + bytes([good[-1] ^ 1]), b"not a taxonomy"):
        stale.write_bytes(broken)
        taxonomy = cached_taxonomy("esco-test", other, _parse_counting(calls), tmp_path)
        assert _same(taxonomy, default_taxonomy())
        assert stale.read_bytes() == good  # written again
    assert len(calls) == 5


def test_a_cache_file_with_a_valid_checksum_still_only_unpickles_taxonomy_classes(tmp_path: Path) -> None:
    source = default_taxonomy_bytes()
    path = taxonomy_cache_path("esco-test", source, tmp_path)
    header = TAXONOMY_FORMAT + path.name.encode() + b"\n"
    payload = pickle.dumps(collections.OrderedDict(a=1))
    path.write_bytes(header + hashlib.sha256(payload).digest() + payload)
    calls: list[bytes] = []
    assert _same(cached_taxonomy("esco-test", source, _parse_counting(calls), tmp_path), default_taxonomy())
    assert len(calls) == 1


def test_without_a_cache_directory_the_taxonomy_is_parsed(tmp_path: Path) -> None:
    calls: list[bytes] = []
    cached_taxonomy("esco-test", default_taxonomy_bytes(), _parse_counting(calls), None)
    assert len(calls) == 1 and not list(tmp_path.iterdir())


def test_a_label_index_is_read_mapped_and_a_truncated_one_not_at_all(tmp_path: Path) -> None:
    from krapte.taxonomy import index as label_index

    vectors = np.random.default_rng(7).standard_normal((5, 384)).astype(np.float32)
    saved = label_index.LabelIndex(
        kind="skill", uris=tuple(f"u{i}" for i in range(5)), texts=("a", "bé", "c", "d", "e"), vectors=vectors
    )
    path = tmp_path / "index.npz"
    label_index._save(saved, path)
    loaded = label_index._load(path, "skill")
    assert loaded is not None
    assert loaded.uris == saved.uris and loaded.texts == saved.texts
    assert np.array_equal(loaded.vectors, vectors) and not loaded.vectors.flags.writeable
    assert all(a.flags.aligned for a in mapped_npz(path).values())  # else numpy's products take slow loops
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])
    assert label_index._load(path, "skill") is None
    path.write_bytes(b"not an index")
    assert label_index._load(path, "skill") is None
