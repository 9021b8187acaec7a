"""The linear Dutch → English query map, fitted on a taxonomy's own label pairs."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from krapte.extract.query_map import fit_query_map, map_queries


@dataclass
class _Skill:
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class _Taxonomy:
    skills: dict[str, _Skill]


@dataclass
class _Index:
    uris: list[str]
    texts: list[str]
    vectors: np.ndarray


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_the_map_moves_dutch_vectors_onto_their_english_labels() -> None:
    # 200 skills whose English vector is a fixed rotation of the Dutch one: the map must learn the rotation
    rng = np.random.default_rng(7)
    dim, n = 16, 200
    rotation, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    dutch = _unit(rng.normal(size=(n, dim)))
    english = dutch @ rotation
    uris = [f"s{i}" for i in range(n)]
    taxonomy = _Taxonomy({u: _Skill({"nl": f"nl {u}", "en": f"en {u}"}) for u in uris})
    index = _Index(uris * 2, [f"nl {u}" for u in uris] + [f"en {u}" for u in uris], np.vstack([dutch, english]))

    w = fit_query_map(index, taxonomy, lam=0.01)
    query = _unit(rng.normal(size=(5, dim))).astype(np.float32)
    mapped = map_queries(query, w)

    assert np.allclose(np.linalg.norm(mapped, axis=1), 1.0, atol=1e-5)
    assert np.allclose(mapped, query @ rotation, atol=1e-2)  # a new Dutch vector lands on its "translation"
    assert not np.allclose(query, query @ rotation, atol=1e-2)  # which differs from where it started


def test_a_large_lambda_keeps_queries_where_they_are() -> None:
    rng = np.random.default_rng(3)
    dutch, english = _unit(rng.normal(size=(50, 8))), _unit(rng.normal(size=(50, 8)))
    uris = [f"s{i}" for i in range(50)]
    taxonomy = _Taxonomy({u: _Skill({"nl": f"nl {u}", "en": f"en {u}"}) for u in uris})
    index = _Index(uris * 2, [f"nl {u}" for u in uris] + [f"en {u}" for u in uris], np.vstack([dutch, english]))
    query = _unit(rng.normal(size=(3, 8))).astype(np.float32)
    assert np.allclose(map_queries(query, fit_query_map(index, taxonomy, lam=1e6)), query, atol=1e-3)
