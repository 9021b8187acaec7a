"""The learned fusion of job-title ranking (krapte.taxonomy.fusion, krapte.taxonomy.titles)."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from krapte.settings import Settings
from krapte.taxonomy import default_taxonomy, embedding
from krapte.taxonomy.fusion import (
    ASSOCIATION_FEATURES,
    HYBRID_FEATURES,
    LEXICAL_FEATURES,
    NEIGHBOUR_CANDIDATES,
    NEIGHBOUR_FEATURES,
    FusionModel,
    IscoAssociations,
    Neighbourhood,
    _best_rows,
    candidate_features,
    concept_priors,
    fit_listwise,
    folds,
    grouped_folds,
    isco_groups,
    listwise_loss,
    margin,
    neighbour_candidates,
    neighbourhood,
    shipped_model,
    title_tokens,
    top_indices,
    with_associations,
    with_neighbours,
)
from krapte.taxonomy.search import rank_occupations, rewrite_query
from krapte.taxonomy.titles import Example, TitleScores, fit_model, title_features
from tests.taxonomy.test_ngram import HEAT_PUMP, PLUMBER, SOLAR, tiny


def _lists(seed: int, n: int = 60) -> list[tuple[np.ndarray, np.ndarray]]:
    """Synthetic lists: feature 0 is higher for the one annotated candidate, feature 1 is noise."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        x = rng.normal(size=(8, 2))
        gold = np.zeros(8, dtype=bool)
        gold[rng.integers(8)] = True
        x[gold, 0] += 3.0
        out.append((x, gold))
    return out


def test_the_listwise_gradient_matches_finite_differences() -> None:
    lists = _lists(1, 10)
    w = np.array([0.3, -0.2])
    _, grad = listwise_loss(w, lists, 1e-2)
    eps = 1e-6
    numeric = [
        (listwise_loss(w + eps * e, lists, 1e-2)[0] - listwise_loss(w - eps * e, lists, 1e-2)[0]) / (2 * eps)
        for e in np.eye(2)
    ]
    assert grad == pytest.approx(numeric, rel=1e-4, abs=1e-6)


def test_fitting_learns_the_informative_feature_and_ranks_unseen_lists() -> None:
    w = fit_listwise(_lists(2), l2=1e-3)
    assert w[0] > 1.0 and abs(w[1]) < 0.5 * w[0]
    held_out = _lists(3)
    top_is_gold = [gold[int(np.argmax(x @ w))] for x, gold in held_out]
    assert np.mean(top_is_gold) > 0.9
    assert listwise_loss(w, held_out, 0.0)[0] < listwise_loss(np.zeros(2), held_out, 0.0)[0]


def test_lists_without_an_annotated_candidate_are_ignored() -> None:
    lists = _lists(4, 5)
    empty = (np.ones((3, 2)), np.zeros(3, dtype=bool))
    w = np.array([0.5, 0.5])
    assert listwise_loss(w, [*lists, empty], 0.0)[0] == pytest.approx(listwise_loss(w, lists, 0.0)[0])


def test_folds_partition_the_items() -> None:
    parts = folds(23, 5)
    assert sorted(np.concatenate(parts).tolist()) == list(range(23))
    assert max(len(p) for p in parts) - min(len(p) for p in parts) <= 1


def test_margin_and_top_indices() -> None:
    assert margin(np.array([0.1, 0.9, 0.4])) == pytest.approx(0.5)
    assert margin(np.array([1.0])) == float("inf")
    assert sorted(top_indices(np.array([0.1, 0.9, 0.4, 0.8]), 2).tolist()) == [1, 3]
    assert top_indices(np.array([0.1]), 5).tolist() == [0]


def test_best_rows_match_a_plain_loop() -> None:
    rng = np.random.default_rng(5)
    starts = np.array([0, 3, 4, 9], dtype=np.int64)
    priors = concept_priors(starts, 12, [0, 0, 2, 1])
    row_scores = rng.random(12).astype(np.float32)
    row_scores[5] = row_scores[7] = 2.0  # a tie inside concept 2: the first row wins
    lexical = np.maximum.reduceat(row_scores, starts)
    cands = np.array([0, 2, 3])
    expected = [int(starts[c] + np.argmax(row_scores[starts[c] : priors.ends[c]])) for c in cands]
    assert _best_rows(row_scores, lexical, priors, cands).tolist() == expected == [expected[0], 5, expected[2]]


def test_candidate_features_are_the_documented_columns() -> None:
    starts = np.array([0, 2, 5], dtype=np.int64)
    priors = concept_priors(starts, 6, [3, 0, 0])
    row_scores = np.array([0.2, 0.9, 0.1, 0.4, 0.3, 0.0], dtype=np.float32)
    lexical = np.maximum.reduceat(row_scores, starts)
    mean = (np.add.reduceat(row_scores, starts) / priors.counts).astype(np.float32)
    preferred = np.array([True, False, True, False, False, True])
    dutch = np.array([True, True, False, True, True, True])
    cands, x = candidate_features(row_scores, lexical, mean, preferred, dutch, priors)
    assert cands.tolist() == [0, 1, 2] and x.shape == (3, len(LEXICAL_FEATURES))
    col = {name: x[:, i] for i, name in enumerate(LEXICAL_FEATURES)}
    assert col["lexical"] == pytest.approx([0.9, 0.4, 0.0])
    assert col["preferred"].tolist() == [0.0, 0.0, 1.0]  # concept 0's best label (0.9) is an alternative one
    assert col["log_narrower"] == pytest.approx(np.log1p([3, 0, 0]))
    assert col["lead"] == pytest.approx([0.5, 0.0, 0.0])
    assert not x[:, [LEXICAL_FEATURES.index(f) for f in ASSOCIATION_FEATURES]].any()  # filled per model


def test_neighbour_features_score_candidates_by_closeness_to_the_lexical_winners() -> None:
    """Three candidates: the lexical winner (a cook), a second cook-like occupation without a shared word, and a
    welder. The cook-like one is close to the winner's labels, the welder is not."""
    x = np.zeros((3, len(LEXICAL_FEATURES)))
    x[:, 0] = [0.9, 0.1, 0.3]  # lexical: the winner, the cook-like one, the welder
    cook, cook_like, welder = np.eye(3)[0], np.array([0.8, 0.6, 0.0]), np.eye(3)[2]
    centroids = np.stack([cook, cook_like, welder]).astype(np.float32)
    with_neighbours(x, centroids, neighbourhood(x[:, 0].astype(np.float32), centroids))
    col = {name: x[:, LEXICAL_FEATURES.index(name)] for name in NEIGHBOUR_FEATURES}
    assert col["neighbour_top1"] == pytest.approx([1.0, 0.8, 0.0])
    weighted = 0.9 * cook + 0.1 * cook_like + 0.3 * welder  # the three candidates weighted by their lexical score
    assert col["neighbour_top3"] == pytest.approx(centroids @ (weighted / np.linalg.norm(weighted)), rel=1e-5)
    assert col["neighbour_top3"][1] > col["neighbour_top3"][2]


def test_neighbour_candidates_are_the_occupations_closest_to_each_titles_winners() -> None:
    """One product for a batch of titles: each title gets the occupations nearest its own weighted centroid."""
    rng = np.random.default_rng(5)
    centroids = rng.normal(size=(60, 8)).astype(np.float32)
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    nears = [neighbourhood(rng.random(60).astype(np.float32), centroids) for _ in range(3)]
    found = neighbour_candidates(nears, centroids)
    assert len(found) == 3
    for near, cands in zip(nears, found, strict=True):
        expected = np.argsort(-(centroids @ near.weighted))[:NEIGHBOUR_CANDIDATES]
        assert sorted(cands.tolist()) == sorted(expected.tolist())
    assert neighbour_candidates([], centroids) == []


def test_without_label_vectors_the_plain_lexical_model_ranks() -> None:
    """fit_model fits a plain lexical model with the neighbour columns left out, used when they are not filled."""
    rng = np.random.default_rng(3)
    neighbour = [LEXICAL_FEATURES.index(f) for f in NEIGHBOUR_FEATURES]
    examples = []
    for x, gold in _lists(8):
        wide = np.zeros((len(gold), len(LEXICAL_FEATURES)))
        wide[:, 0] = rng.random(len(gold))  # a weak lexical score
        wide[:, neighbour] = x[:, :1]  # the informative feature is a neighbour one
        examples.append(Example((), frozenset(), (wide, gold), ("",) * len(gold), None, ()))
    model = fit_model(examples, l2=1e-3, encode_share=0.2)
    assert model.lexical_plain is not None
    assert model.lexical[neighbour].sum() > 1.0 and not model.lexical_plain[neighbour].any()
    near = Neighbourhood(np.ones(2, dtype=np.float32), np.ones(2, dtype=np.float32))
    filled = TitleScores(*(np.zeros(1),) * 3, np.zeros(1, dtype=np.intp), np.zeros((1, 1)), near=near)
    plain = TitleScores(*(np.zeros(1),) * 3, np.zeros(1, dtype=np.intp), np.zeros((1, 1)))
    assert filled.lexical_weights(model) is model.lexical and plain.lexical_weights(model) is model.lexical_plain
    again = FusionModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.lexical_plain == pytest.approx(model.lexical_plain, abs=1e-6)


def test_folds_grouped_keep_each_group_in_one_fold() -> None:
    groups = ["a", "b", "a", "c", "d", "b", "e", "a", "f", "g"]
    parts = grouped_folds(groups, 3)
    assert sorted(np.concatenate(parts).tolist()) == list(range(len(groups)))
    for g in set(groups):
        assert sum(any(groups[i] == g for i in p) for p in parts) == 1


def test_isco_associations_count_title_words_per_group_and_leave_a_title_out() -> None:
    titles = [title_tokens("Docent Duits (2e graads)"), title_tokens("Docent Engels (2e graads)"), ("kok",)]
    groups = [isco_groups("2330"), isco_groups("2330"), isco_groups("5120")]
    assert titles[0] == ("docent", "duits", "2e", "graads") and groups[0] == frozenset({"2", "23", "233"})
    assoc = IscoAssociations.fit(titles, groups, alpha=1.0)
    words = title_tokens("Docent Turks (2e graads)")
    cols = assoc.columns(words, ["2330", "2310", "5120"])  # mean over its 4 words; "turks" was never seen
    assert cols[0] == pytest.approx([3 * (2 / 3) / 4] * 3)  # each known word: 2 of 2 titles, shrunk by alpha 1
    assert cols[1] == pytest.approx([0.5, 0.5, 0.0])  # same sub-major group 23, another minor group
    assert not cols[2].any()
    own = assoc.columns(titles[0], ["2330"], leave_out=groups[0])  # without its own count: 1 of 1 other title
    assert own[0] == pytest.approx([3 * (1 / 2) / 4] * 3)
    assert not assoc.columns(("kok",), ["5120"], leave_out=groups[2]).any()  # its only title left out
    again = IscoAssociations.from_json(json.loads(json.dumps(assoc.to_json())))
    assert again == assoc
    x = np.ones((3, len(LEXICAL_FEATURES)))
    filled = with_associations(x, ["2330", "2310", "5120"], words, assoc)
    assert filled[:, -len(ASSOCIATION_FEATURES) :] == pytest.approx(cols) and x.all()
    assert not with_associations(x, ["2330"] * 3, words, None)[:, -len(ASSOCIATION_FEATURES) :].any()


def test_the_model_file_round_trips_and_refuses_other_features() -> None:
    model = FusionModel(np.arange(len(LEXICAL_FEATURES)) / 10, np.arange(len(HYBRID_FEATURES)) / 10, 0.25, {"x": 1})
    again = FusionModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.lexical == pytest.approx(model.lexical) and again.encode_below == 0.25 and again.meta == {"x": 1}
    assert again.associations is None
    assoc = IscoAssociations.fit([("kok",)], [isco_groups("5120")])
    with_assoc = FusionModel(model.lexical, model.hybrid, 0.25, {}, assoc)
    assert FusionModel.from_json(json.loads(json.dumps(with_assoc.to_json()))).associations == assoc
    changed = model.to_json() | {"lexical_features": ["lexical"]}
    with pytest.raises(ValueError, match="other features"):
        FusionModel.from_json(changed)


def test_the_shipped_weights_load_and_match_their_provenance() -> None:
    model = shipped_model()
    assert model is not None
    assert model.lexical.shape == (len(LEXICAL_FEATURES),) and model.hybrid.shape == (len(HYBRID_FEATURES),)
    assert model.lexical[LEXICAL_FEATURES.index("lexical")] > 0  # a better label match ranks higher
    assert 0.0 < model.meta["encode_share"] < 1.0
    assert model.associations is not None and model.associations.totals["docent"] > 10
    folder = resources.files("krapte.data") / "title-fusion"
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    body = (folder / "weights.json").read_bytes()
    assert provenance["sha256"]["weights.json"] == hashlib.sha256(body).hexdigest()


def test_learned_lexical_ranking_on_the_embedded_taxonomy() -> None:
    ranked = rank_occupations(default_taxonomy(), ["Magazijnmedewerker", "warmte pomp monteur", ""], top=5)
    assert ranked[0][0].label == "magazijnmedewerker"
    # the joined words match the label "warmtepomp monteur"; without the embedding, the ISCO association of
    # "monteur" (machinery mechanics in the annotated titles) may put such an occupation before it
    assert "warmtepomp monteur" in [h.matched for h in ranked[1][:2]]
    assert ranked[2] == []
    for hits in ranked[:2]:
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
        assert len({h.uri for h in hits}) == len(hits) == 5


def test_the_hand_set_ranking_is_still_available() -> None:
    tax = default_taxonomy()
    hand = rank_occupations(tax, ["Magazijnmedewerker"], top=3, learned=False)[0]
    assert hand[0].label == "magazijnmedewerker"


def _with_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KRAPTE_NO_EMBEDDINGS")
    embedding.available.cache_clear()
    if not embedding.available():
        pytest.skip("embedding package not installed")


def test_the_gate_embeds_only_titles_whose_lexical_ranking_is_open(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _with_embeddings(monkeypatch)
    settings = Settings.from_env({"KRAPTE_DATA_DIR": str(tmp_path), "KRAPTE_CACHE_DIR": str(tmp_path / "cache")})
    tax = tiny()
    titles = [rewrite_query(t) for t in ["installateur van warmtepompen", "fotovoltaïsche systemen", "loodgieter"]]
    model = shipped_model()
    assert model is not None
    never = FusionModel(model.lexical, model.hybrid, float("-inf"))
    always = FusionModel(model.lexical, model.hybrid, float("inf"))
    assert all(s.semantic is None for s in title_features(tax, titles, settings=settings, model=never))
    embedded = title_features(tax, titles, settings=settings, model=always)
    assert all(s.hybrid_features is not None and s.hybrid_features.shape[1] == len(HYBRID_FEATURES) for s in embedded)
    ranked = rank_occupations(tax, titles, settings=settings, model=always)
    assert [hits[0].uri for hits in ranked] == [HEAT_PUMP, SOLAR, PLUMBER]
    assert ranked[1][0].via != "lexical"  # hardly a shared n-gram: the embedding finds it


def test_fit_model_sets_the_gate_at_the_encode_share() -> None:
    lexical = [(np.tile(x[:, :1], (1, len(LEXICAL_FEATURES))), g) for x, g in _lists(6)]
    examples = [Example((), frozenset(), lex, ("",) * len(lex[1]), None, ()) for lex in lexical]
    model = fit_model(examples, l2=1e-3, encode_share=0.3)
    margins = [margin(x @ model.lexical) for x, _ in lexical]
    assert np.mean(np.asarray(margins) < model.encode_below) == pytest.approx(0.3, abs=0.05)
    assert not model.hybrid.any()  # no hybrid lists: a zero model


def test_fit_model_learns_the_isco_association_without_its_own_answer() -> None:
    """Candidates differ only in their ISCO group; the annotated one's group goes with a title word. Fitted with each
    title's own count left out, the association weight is positive and ranks new titles; without leaving it out
    every training title would see its own answer."""
    rng = np.random.default_rng(7)
    examples = []
    for n in range(80):
        word = ("docent", "kok")[n % 2]
        codes = ("2330", "5120", "7411", "9112")
        gold = np.asarray([code == ("2330" if word == "docent" else "5120") for code in codes])
        x = np.zeros((4, len(LEXICAL_FEATURES)))
        x[:, 0] = rng.random(4)  # lexical noise
        examples.append(Example((word, f"x{n}"), isco_groups(codes[int(np.argmax(gold))]), (x, gold), codes, None, ()))
    model = fit_model(examples, l2=1e-3, encode_share=0.2)
    assert model.associations is not None
    assoc_weights = model.lexical[[LEXICAL_FEATURES.index(f) for f in ASSOCIATION_FEATURES]]
    assert assoc_weights.sum() > 1.0
    (x, gold), _ = examples[0].lists(model.associations, leave_out=False)
    assert gold[int(np.argmax(x @ model.lexical))]


def test_title_vectors_are_embedded_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from krapte.taxonomy import titles as titles_module

    calls: list[list[str]] = []

    def fake_encode(texts: list[str], *, kind: str) -> np.ndarray:
        calls.append(list(texts))
        return np.asarray([[float(len(t))] + [0.0] * (embedding.DIM - 1) for t in texts], dtype=np.float32)

    monkeypatch.setattr(titles_module.embedding, "encode", fake_encode)
    titles_module.clear_vector_cache()
    first = titles_module._title_vectors(["kok", "monteur", "kok"])
    again = titles_module._title_vectors(["monteur", "bakker"])
    assert calls == [["kok", "monteur"], ["bakker"]]
    assert first[:, 0].tolist() == [3.0, 7.0, 3.0] and again[:, 0].tolist() == [7.0, 6.0]
    titles_module.clear_vector_cache()
