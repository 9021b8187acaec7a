"""Sentence → skill ranking (:mod:`krapte.extract.ranking`): the linear ranker, its fitting, the shipped model,
and the ranking of real sentences with the embedding model (skipped without it)."""

from __future__ import annotations

import numpy as np
import pytest

from krapte.extract import ranking
from krapte.extract.ranking import FEATURES, FORMULA, LinearRanker, candidate_tables, default_ranker, rank_skills
from krapte.extract.skills import SkillExtractor

pytestmark = pytest.mark.xdist_group("extract-skills")

PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def _synthetic(seed: int, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose label depends on "best" (up) and "generic" (down) only; the other features are noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, len(FEATURES)))
    logit = 3 * x[:, FEATURES.index("best")] - 2 * x[:, FEATURES.index("generic")]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    return x, y


def test_fit_recovers_the_direction_of_the_informative_features() -> None:
    x, y = _synthetic(1)
    model = LinearRanker.fit([x[:200], x[200:]], [y[:200], y[200:]])
    weights = dict(zip(FEATURES, model.weights, strict=True))
    assert weights["best"] > 1.0 and weights["generic"] < -0.7
    noise = [abs(w) for name, w in weights.items() if name not in ("best", "generic")]
    assert max(noise) < 0.6 * weights["best"]
    # on fresh rows from the same law, the fitted scores order positives above negatives (AUC well above chance)
    fresh, labels = _synthetic(2)
    scores = model.score(fresh)
    pos, neg = scores[labels == 1], scores[labels == 0]
    auc = (pos[:, None] > neg[None, :]).mean()
    assert auc > 0.85
    assert ((scores > 0) & (scores < 1)).all()  # a logistic ranker reports probabilities


def test_a_constant_feature_does_not_break_the_fit() -> None:
    x, y = _synthetic(3)
    x[:, FEATURES.index("has_phrases")] = 1.0
    model = LinearRanker.fit([x], [y])
    assert np.isfinite(model.weights).all() and model.weights[FEATURES.index("has_phrases")] == 0.0


def test_round_trip_and_feature_check() -> None:
    x, y = _synthetic(4)
    model = LinearRanker.fit([x], [y])
    again = LinearRanker.from_dict(model.to_dict())
    assert np.allclose(again.score(x), model.score(x))
    body = model.to_dict()
    body["features"] = body["features"][:-1]
    with pytest.raises(ValueError, match="other features"):
        LinearRanker.from_dict(body)


def test_formula_is_the_former_hand_score() -> None:
    row = np.zeros((1, len(FEATURES)))
    row[0, FEATURES.index("sentence")] = 0.8
    row[0, FEATURES.index("best")] = 0.9
    row[0, FEATURES.index("lexical")] = 0.85
    row[0, FEATURES.index("essential_for")] = 5.0  # ignored by the formula
    assert FORMULA.score(row)[0] == pytest.approx(0.5 * 0.8 + 0.5 * 0.9 + 0.1 * 0.85)


def test_the_fitted_ranker_ships() -> None:
    model = default_ranker()
    assert model is not None, "the fitted ranker ships in krapte/data/extract-skill-ranker"
    # a candidate closer to the sentence and to its best phrase (same gap to the best candidate shifted alike) must
    # score higher than an average one, whatever else the fit learned
    average = np.asarray(model.mean)[None, :]
    closer = average.copy()
    for name in ("sentence", "best", "sentence_gap", "best_gap"):
        closer[0, FEATURES.index(name)] += 0.05
    assert model.score(closer)[0] > model.score(average)[0]
    # ESCO's transversal skills are named in job ads more often than their cosine alone says
    transversal = average.copy()
    transversal[0, FEATURES.index("reuse_transversal")] = 1.0
    assert model.score(transversal)[0] > model.score(average)[0]


def test_candidate_tables_hold_the_lexical_hit_and_every_feature(engine: SkillExtractor) -> None:
    [table] = candidate_tables(engine, ["Experience with Python and Docker is required."], ["en"])
    assert table.features.shape == (len(table.columns), len(FEATURES))
    uris = [engine._skill_vectors().skill_uris[int(j)] for j in table.columns]
    assert PYTHON in uris
    row = table.features[uris.index(PYTHON)]
    assert row[FEATURES.index("lexical_hit")] == 1.0 and row[FEATURES.index("has_phrases")] == 1.0


def test_restrict_limits_the_candidates(engine: SkillExtractor) -> None:
    allowed = {PYTHON}
    [ranked] = rank_skills(["Experience with Python is required."], top=5, lang="en", extractor=engine)
    assert ranked[0].uri == PYTHON
    [only] = engine.rank_many(["We build web applications in Python and Django."], top=5, lang="en", restrict=allowed)
    assert [r.uri for r in only] == [PYTHON]


def test_the_extractor_delegates_to_the_ranking_module(engine: SkillExtractor) -> None:
    text = "You will install and maintain heat pumps and solar panels."
    ours = engine.rank(text, top=5, lang="en")
    direct = ranking.rank_many(engine, [text], top=5, lang="en")[0]
    assert [r.uri for r in ours] == [r.uri for r in direct]
    labels = [engine.taxonomy.skills[r.uri].label("en") for r in ours]
    assert any("heat pump" in label or "solar" in label for label in labels), labels
