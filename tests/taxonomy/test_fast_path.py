"""The fast path of the hand-set job-title ranking (``learned=False``): no encoder for titles whose lexical ranking is
already decisive. The learned gate is tested in ``test_fusion.py``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from krapte.settings import Settings
from krapte.taxonomy import default_taxonomy, embedding
from krapte.taxonomy import index as label_index
from krapte.taxonomy import search as search_module
from krapte.taxonomy.search import lexical_lead, needs_embedding, rank_occupations
from tests.taxonomy.test_ngram import tiny


def test_a_clear_lead_or_a_near_exact_score_needs_no_encoder() -> None:
    assert lexical_lead(np.array([0.2, 0.7, 0.3], dtype=np.float32)) == pytest.approx((0.7, 0.4))
    assert not needs_embedding(np.array([0.2, 0.7, 0.3], dtype=np.float32))  # leads by 0.4
    assert not needs_embedding(np.array([0.95, 0.94], dtype=np.float32))  # (nearly) a label itself
    assert needs_embedding(np.array([0.5, 0.45, 0.1], dtype=np.float32))  # two occupations close together
    assert needs_embedding(np.array([0.6, 0.6], dtype=np.float32))  # a label shared by two occupations


@pytest.fixture
def with_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KRAPTE_NO_EMBEDDINGS")
    embedding.available.cache_clear()
    if not embedding.available():
        pytest.skip("embedding package not installed")


TITLES = [
    "installateur van warmtepompen",
    "fotovoltaïsche systemen",
    "loodgieter",
    "monteur zonnepanelen m/v",
    "warmtepomp",
    "PV installer",
]


def test_the_fast_path_keeps_the_top_answer_on_the_tiny_taxonomy(
    with_embeddings: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.from_env({"KRAPTE_DATA_DIR": str(tmp_path), "KRAPTE_CACHE_DIR": str(tmp_path / "cache")})
    tax = tiny()
    fast = rank_occupations(tax, TITLES, settings=settings, learned=False)
    assert [hits[0].uri for hits in fast] == [
        hits[0].uri for hits in rank_occupations(tax, TITLES, settings=settings, embed_all=True, learned=False)
    ]
    monkeypatch.setattr(search_module, "DECISIVE_MARGIN", 2.0)  # without the fast path
    assert [hits[0].uri for hits in fast] == [
        hits[0].uri for hits in rank_occupations(tax, TITLES, settings=settings, learned=False)
    ]


def test_the_fast_path_keeps_the_top_answer_on_esco(with_embeddings: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the embedded ESCO with the shared label index (skipped when the index has not been built)."""
    settings = Settings.from_env()
    tax = default_taxonomy()
    if not label_index.cache_path(tax, "occupation", settings).exists():
        pytest.skip("the occupation label index is not built: run `krapte taxonomy build-index` first")
    titles = [
        "heftruckchauffeur magazijn",
        "monteur warmtepompen regio Utrecht",
        "dakdekker bitumen",
        "monteur zonnepanelen dakwerk",
        "Timmerman nieuwbouw",
        "Verpleegkundige wijkzorg",
    ]
    index = search_module.occupation_ngram_index(tax, settings)
    prior = 1.0 + search_module.PREFERRED_PRIOR
    lexical = [index.concept_scores(search_module.rewrite_query(t), "nl") / prior for t in titles]
    fast_path = [not needs_embedding(s) and lexical_lead(s)[0] < search_module.SKIP_EMBEDDING_ABOVE for s in lexical]
    assert fast_path[:3] == [True, True, True] and not any(fast_path[3:])
    fast = rank_occupations(tax, titles, settings=settings, learned=False)
    monkeypatch.setattr(search_module, "DECISIVE_MARGIN", 2.0)  # without the fast path: the first three embedded
    without = rank_occupations(tax, titles, settings=settings, learned=False)
    assert [hits[0].uri for hits in fast] == [hits[0].uri for hits in without]
