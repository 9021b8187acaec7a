"""The extractor's built matchers cached on disk: the same answers as a fresh build, and a bad file is rebuilt."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

import pytest

from krapte.extract import cache
from krapte.extract.skills import SkillExtractor
from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.model import Taxonomy
from tests.conftest import FIXTURES

PASSAGES = [
    (FIXTURES / "documents" / "cv_nl.txt").read_text(encoding="utf-8"),
    (FIXTURES / "documents" / "vacancy_nl.txt").read_text(encoding="utf-8"),
    "Je monteert zonnepanelen en sluit warmtepompen aan. Je leest technische tekeningen.",
]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    """The installers of the embedded ESCO and every skill they need: big enough to be real, quick to build."""
    full = default_taxonomy()
    words = ("monteur", "installateur", "elektric")
    occupations = {u: o for u, o in full.occupations.items() if any(w in o.label("nl").lower() for w in words)}
    uris = {s for o in occupations.values() for s in (*o.essential_skills, *o.optional_skills)}
    skills = {u: s for u, s in full.skills.items() if u in uris}
    return Taxonomy(
        version=full.version, occupations=occupations, skills=skills, isco_groups={}, skill_groups={}, source="t"
    )


@pytest.fixture(scope="module")
def built(taxonomy: Taxonomy) -> cache.Artefacts:
    return cache.build_artefacts(taxonomy)


def _profiles(extractor: SkillExtractor) -> list[dict[str, Any]]:
    return [extractor.extract(text, "nl").to_dict() for text in PASSAGES]


def _no_build(_: Any) -> cache.Artefacts:
    raise AssertionError("the artefacts should have come from the cache")


def test_cached_matchers_give_the_same_skills_as_a_fresh_build(taxonomy: Taxonomy, tmp_path: Path) -> None:
    fresh = _profiles(SkillExtractor(taxonomy, use_embeddings=False))
    writer = SkillExtractor(taxonomy, use_embeddings=False, cache_dir=tmp_path)
    assert cache.cache_path(taxonomy, tmp_path).is_file()
    cache.load_artefacts(taxonomy, tmp_path, build=_no_build)  # the next process reads, not builds
    reader = SkillExtractor(taxonomy, use_embeddings=False, cache_dir=tmp_path)
    assert fresh[0]["skills"], "the CV should give skills, else the comparison says nothing"
    assert _profiles(writer) == fresh
    assert _profiles(reader) == fresh


def test_the_key_names_the_taxonomy_and_a_fingerprint_of_code_and_data(taxonomy: Taxonomy) -> None:
    key = cache.cache_key(taxonomy)
    assert key.startswith(taxonomy.key + "-") and len(key) == len(taxonomy.key) + 17
    assert cache.cache_key(default_taxonomy()) != key


def _counting_build(built: cache.Artefacts) -> tuple[list[int], Any]:
    calls: list[int] = []

    def build(tax: Any) -> cache.Artefacts:
        calls.append(1)
        return built

    return calls, build


@pytest.mark.parametrize("prefetched", [False, True])
@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "other key", "not ours"])
def test_a_stale_or_corrupt_cache_is_rebuilt(
    taxonomy: Taxonomy, built: cache.Artefacts, tmp_path: Path, damage: str, prefetched: bool
) -> None:
    cache.load_artefacts(taxonomy, tmp_path, build=lambda _: built)
    path = cache.cache_path(taxonomy, tmp_path)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped byte":
        at = len(data) - 1000
        path.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :])
    elif damage == "other key":
        path.write_bytes(data.replace(cache.cache_key(taxonomy).encode(), b"esco-0.0-x-1-1-0123456789abcdef", 1))
    else:
        path.write_bytes(b"just some file\n")
    if prefetched:  # read and checked in the background first: the same verdict
        cache.prefetch(tmp_path)
    calls, build = _counting_build(built)
    artefacts = cache.load_artefacts(taxonomy, tmp_path, build=build)
    assert calls == [1]
    assert len(artefacts.gazetteer) > 1000
    cache.load_artefacts(taxonomy, tmp_path, build=_no_build)  # and written again, valid


class _Planted:
    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (Path(self.target),))

    def __init__(self, target: Path) -> None:
        self.target = str(target)


def test_a_file_with_a_valid_checksum_still_only_unpickles_artefact_classes(
    taxonomy: Taxonomy, built: cache.Artefacts, tmp_path: Path
) -> None:
    """Even a well-framed file in the cache cannot make the loader call anything (here: create a file)."""
    planted = tmp_path / "planted"
    payload = pickle.dumps(_Planted(planted))
    key = cache.cache_key(taxonomy)
    path = cache.cache_path(taxonomy, tmp_path)
    path.write_bytes(cache.FORMAT + key.encode() + b"\n" + hashlib.sha256(payload).digest() + payload)
    calls, build = _counting_build(built)
    cache.load_artefacts(taxonomy, tmp_path, build=build)
    assert calls == [1] and not planted.exists()


def test_a_read_only_cache_directory_only_costs_the_build(
    taxonomy: Taxonomy, built: cache.Artefacts, tmp_path: Path
) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    calls, build = _counting_build(built)
    artefacts = cache.load_artefacts(taxonomy, blocked / "cache", build=build)
    assert calls == [1] and len(artefacts.gazetteer) > 1000


def test_a_prefetched_cache_file_gives_the_same_artefacts_and_is_taken_once(
    taxonomy: Taxonomy, built: cache.Artefacts, tmp_path: Path
) -> None:
    cache.load_artefacts(taxonomy, tmp_path, build=lambda _: built)
    path = cache.cache_path(taxonomy, tmp_path)
    cache.prefetch(tmp_path)
    assert path in cache._prefetches
    read = cache.load_artefacts(taxonomy, tmp_path, build=_no_build)
    assert path not in cache._prefetches  # taken by the load; a later load reads the file itself
    assert len(read.gazetteer) == len(built.gazetteer) and read.idf == built.idf
    cache.load_artefacts(taxonomy, tmp_path, build=_no_build)
    # two candidate files (other taxonomies of this code): nothing is prefetched
    (tmp_path / path.name.replace("extractor-", "extractor-other-")).write_bytes(b"x")
    cache.prefetch(tmp_path)
    assert not cache._prefetches
