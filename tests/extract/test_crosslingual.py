"""The cross-lingual candidate stage on Dutch sentences: which phrases it links, and which it never looks at.

The phrase tests need no model. The linking tests need the embeddings extra and the skill label index (both are in
place after ``make test``'s ``krapte taxonomy build-index``); they are skipped otherwise.
"""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from krapte.extract.context import DocumentContext
from krapte.extract.crosslingual import (
    FEATURES,
    AcceptanceModel,
    Phrase,
    candidate_features,
    candidate_phrases,
    load_acceptance_model,
)
from krapte.extract.skills import SkillExtractor

pytestmark = pytest.mark.xdist_group("extract-skills")

PERFORM_ENERGY_SIMULATIONS = "perform energy simulations"


def phrases(text: str) -> list[str]:
    return [text[p.start : p.end] for p in candidate_phrases(text, DocumentContext(text), [], frozenset())]


def test_a_clause_and_its_parts_are_phrases() -> None:
    """Each clause is a phrase, and so is each part of it split at "en": a coordinated object keeps a chance of its
    own skill ("bliksembeveiliging"), and the whole clause keeps the verb both parts share."""
    got = phrases("Je legt aardingsinstallaties en bliksembeveiliging aan, en je meet de installatie door.")
    assert "legt aardingsinstallaties en bliksembeveiliging" in got
    assert "bliksembeveiliging" in got
    assert "meet de installatie" in got


def test_negations_wishes_names_and_requirements_give_no_phrases() -> None:
    """What the text does not claim is never embedded: a negated clause (the cue may open it), a wish, an
    employer's name, a certificate or a licence."""
    assert phrases("Geen ervaring met Java.") == []
    assert phrases("Ik wil graag energiesimulaties leren doen.") == []
    got = phrases("Ik heb bij Warmtebedrijf Oost B.V. afleversets geplaatst.")
    assert got and not any("Warmtebedrijf" in p for p in got)
    assert phrases("Rijbewijs B en VCA-basis zijn vereist.") == []


class _Index:
    """A label index of one label per skill, enough for :func:`candidate_features`."""

    def __init__(self, n: int) -> None:
        self.uris = [f"s{i}" for i in range(n)]
        self.texts = [f"skill {i}" for i in range(n)]
        self._starts = np.arange(n)
        self.vectors = np.eye(n, 8, dtype=np.float32)


class _NoWords:
    def of(self, uri: str) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
        return (), ()


def _nearest(prior_weight: float, prior: np.ndarray) -> list[str]:
    """The candidates of one phrase whose two nearest skills are almost tied (cosine 0.80 and 0.79)."""
    text = "Je onderhoudt machines."
    index = _Index(60)
    scores = np.linspace(0.5, 0.1, 60, dtype=np.float32)[None, :]
    scores[0, 0], scores[0, 1] = 0.80, 0.79
    got = candidate_features(
        text,
        [Phrase(3, len(text) - 1, True, False, False)],
        scores,
        np.zeros((1, 8), dtype=np.float32),
        index,
        index.uris,
        _NoWords(),  # type: ignore[arg-type]
        lambda uri: (False, False, False, "cross-sector"),
        set(),
        top_k=2,
        prior=prior,
        prior_weight=prior_weight,
    )
    return [c.uri for c in got]


def test_the_occupations_prior_orders_near_ties_by_how_common_a_skill_is() -> None:
    """Of two skills about as near to a phrase, the one more ESCO occupations need comes first when the prior has
    weight (log(1 + count) as the prior), and a clear lead is not overturned."""
    prior = np.zeros(60, dtype=np.float32)
    prior[1] = np.log1p(40.0)  # s1 is needed by 40 occupations, s0 by none
    assert _nearest(0.0, prior) == ["s0", "s1"]
    assert _nearest(0.005, prior) == ["s1", "s0"]
    prior[1] = np.log1p(2.0)  # 0.79 + 0.005 × log 3 stays below 0.80
    assert _nearest(0.005, prior) == ["s0", "s1"]


def test_the_acceptance_model_round_trips_and_rises_with_evidence() -> None:
    model = AcceptanceModel(("cos", "margin"), (0.0, 0.0), (1.0, 1.0), (2.0, 1.0), -1.0, 0.3, {"fitted_on": "x"})
    again = AcceptanceModel.from_json(model.to_json())
    assert again == model
    p = again.probabilities(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]))
    assert p[0] < p[1] < p[2]
    assert again.probabilities(np.zeros((0, 2))).shape == (0,)


def test_the_committed_model_was_fitted_without_the_held_out_fold() -> None:
    model = load_acceptance_model()
    assert model is not None, "krapte/data/extract-crosslingual/acceptance.json is missing or stale"
    assert model.features == FEATURES and len(model.coef) == len(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert "never 2026-12 fold B" in model.provenance["fitted_on"]
    # the cross-validated figures it was chosen by are recorded next to the lexical baseline of the same folds
    assert model.provenance["cv_recall"] > model.provenance["lexical_recall"]
    json.dumps(model.provenance)


def test_a_paraphrase_reaches_a_skill_with_no_dutch_label(engine: SkillExtractor) -> None:
    """'Je doet energiesimulaties' matches no label; the stage links it to *perform energy simulations*, a skill
    with only an English label, with the phrase as evidence."""
    profile = engine.extract("Je doet energiesimulaties en schrijft een adviesrapport.", "nl")
    [match] = [s for s in profile.skills if s.label_en == PERFORM_ENERGY_SIMULATIONS]
    assert [(e.text, e.method) for e in match.evidence] == [("energiesimulaties", "embedding")]
    assert 0.5 <= match.confidence <= 0.8


def test_the_stage_does_not_read_what_is_denied_or_wished(engine: SkillExtractor) -> None:
    for text in ("Ik heb geen ervaring met energiesimulaties.", "Ik wil graag energiesimulaties leren doen."):
        profile = engine.extract(text, "nl")
        assert not any(e.method == "embedding" for s in profile.skills for e in s.evidence), text


def test_candidates_are_the_nearest_skills_not_found_already(engine: SkillExtractor) -> None:
    """The stage only adds: a skill the lexical stage found ("schrijft een adviesrapport") is no candidate."""
    candidates, found = engine.cross_lingual_candidates("Je doet energiesimulaties en schrijft een adviesrapport.")
    assert found and not {c.uri for c in candidates} & found
    assert all(len(c.features) == len(FEATURES) for c in candidates)


def test_the_compared_options_run_through_the_stage_and_fit_once(
    engine: SkillExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The options ``build_crosslingual.py`` compares (a Dutch → English query map, phrases in label form, the
    occupations prior) run through the engine's own stage; what they derive from the skill index, such as the
    query map, is made once per extractor and index, not once per text."""
    from krapte.extract import embedding_stage

    fitted: list[float] = []

    def counting_fit(*args: object) -> object:
        fitted.append(float(args[-1]))  # type: ignore[arg-type]
        return fit_query_map(*args)  # type: ignore[arg-type]

    fit_query_map = embedding_stage.fit_query_map
    monkeypatch.setattr(embedding_stage, "fit_query_map", counting_fit)
    variant = copy.copy(engine)  # its own options, the shared engine's caches
    variant.query_map, variant.label_forms, variant.occupation_prior = 0.3, "max", 0.0025
    text = "Je doet energiesimulaties en schrijft een adviesrapport."
    first, _ = variant.cross_lingual_candidates(text)
    second, _ = variant.cross_lingual_candidates(text)
    assert fitted == [0.3]
    assert first and [c.uri for c in first] == [c.uri for c in second]
    # the shared engine keeps its defaults
    assert engine.query_map is None and engine.label_forms is None and engine.occupation_prior == 0.0
