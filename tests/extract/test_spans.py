"""The span tagger's features, training and model file (:mod:`krapte.extract.spans`), on small made-up data."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from krapte.extract.spans import SpanTagger, tags_to_spans, token_features

SKILLS = ["Python", "Docker", "welding", "SQL", "Kubernetes", "accounting", "Java", "plumbing"]
FRAMES = [
    ("Experience with", "is required ."),
    ("Knowledge of", "is a plus ."),
    ("You know", "well ."),
]


def _corpus() -> list[tuple[list[str], list[str]]]:
    out = []
    for i, skill in enumerate(SKILLS[:6]):
        for before, after in FRAMES:
            tokens = [*before.split(), skill, *after.split()]
            tags = ["O"] * len(tokens)
            tags[len(before.split())] = "B-S" if i % 2 == 0 else "B-K"
            out.append((tokens, tags))
    return out


def test_features_see_the_window_pairs_and_shapes() -> None:
    feats = token_features(["Experience", "with", "Python", "3"])
    python = set(feats[2])
    assert {"w=python", "w-1=with", "w-2=experience", "w+1=3", "w+3=</s2>"} <= python
    assert {"w-2w-1=experience|with", "w-1w+1=with|3", "sh=Aa", "sh+1=9", "p4=pyth", "s4=thon", "title"} <= python
    assert "first" in feats[0] and "first" not in python
    assert feats[3][-1] in {"digit", "short"} or "digit" in feats[3]


def test_training_learns_the_frames_and_generalises_to_new_words() -> None:
    corpus = _corpus()
    model = SpanTagger.train([(token_features(t), tags) for t, tags in corpus], epochs=10)
    for skill in SKILLS[6:]:  # words never seen in training
        tokens = ["Experience", "with", skill, "is", "required", "."]
        spans = model.spans(tokens)
        assert [(s.start, s.end) for s in spans] == [(2, 3)], (skill, spans)
    # trained sentences are tagged as annotated, kind included
    tokens, tags = corpus[0]
    assert model.spans(tokens) == tags_to_spans(tags)


def test_the_model_file_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    corpus = [(token_features(t), tags) for t, tags in _corpus()]
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    SpanTagger.train(corpus, epochs=3).save(first)
    SpanTagger.train(corpus, epochs=3).save(second)
    assert first.read_bytes() == second.read_bytes()
    loaded = SpanTagger.load(first)
    tokens = ["Knowledge", "of", "SQL", "is", "a", "plus", "."]
    assert loaded.spans(tokens) == SpanTagger.train(corpus, epochs=3).spans(tokens)


def test_the_numpy_trainer_learns_the_same_frames() -> None:
    from krapte.extract.span_model import train_arrays

    corpus = _corpus()
    model = train_arrays([token_features(t) for t, _ in corpus], [tags for _, tags in corpus], epochs=10)
    assert isinstance(model, SpanTagger)
    for skill in SKILLS[6:]:
        assert [(s.start, s.end) for s in model.spans(["Knowledge", "of", skill, "is", "a", "plus", "."])] == [(2, 3)]


def test_a_negative_o_bias_finds_more_spans_and_is_saved(tmp_path: Path) -> None:
    corpus = [(token_features(t), tags) for t, tags in _corpus()]
    model = SpanTagger.train(corpus, epochs=3)
    tokens = ["Good", "communication", "and", "teamwork", "."]
    assert model.spans(tokens) == []
    model.o_bias = -100.0
    assert len(model.spans(tokens)) >= 1
    model.save(tmp_path / "m.json.gz")
    assert SpanTagger.load(tmp_path / "m.json.gz").o_bias == -100.0


def test_a_word_vector_layer_lets_the_tagger_use_dense_features(tmp_path: Path) -> None:
    import numpy as np

    from krapte.extract.span_model import train_arrays
    from krapte.extract.span_vectors import WordVectorLayer, fit_projection

    # made-up 4-d "word vectors": skills share a direction, other words another; the layer is trained jointly with
    # the sparse features, saved with the model, and used when decoding a sentence with its vectors
    rng = np.random.default_rng(0)
    skill_dir, other_dir = np.array([1.0, 0, 0, 0]), np.array([0, 1.0, 0, 0])

    def vec(word: str) -> np.ndarray:
        base = skill_dir if word in SKILLS else other_dir
        return base + 0.05 * rng.standard_normal(4)

    corpus = _corpus()
    words = sorted({w for t, _ in corpus for w in t} | set(SKILLS))
    mean, projection, scale = fit_projection(np.array([vec(w) for w in words]), 2, 4.0)
    layer = WordVectorLayer(mean, projection, scale, 1, np.zeros((6, 5)))
    dense = [layer.inputs(np.array([vec(w) for w in t])) for t, _ in corpus]
    fitted = train_arrays([token_features(t) for t, _ in corpus], [tags for _, tags in corpus], epochs=10, dense=dense)
    assert isinstance(fitted, tuple)
    model, layer.weights = fitted
    model.vectors = layer
    model.save(tmp_path / "v.json.gz")
    loaded = SpanTagger.load(tmp_path / "v.json.gz")
    assert loaded.vectors is not None and loaded.vectors.weights.shape == (6, 5)
    tokens = ["Experience", "with", "Java", "is", "required", "."]
    found = loaded.spans(tokens, word_vectors=np.array([vec(w) for w in tokens]))
    assert [(s.start, s.end) for s in found] == [(2, 3)]


def test_averaging_taggers_gives_the_mean_scores_of_the_ensemble() -> None:
    from krapte.extract.span_model import average_taggers

    corpus = [(token_features(t), tags) for t, tags in _corpus()]
    models = [SpanTagger.train(corpus, epochs=3, seed=seed) for seed in (1, 2, 3)]
    mean = average_taggers(models)
    feats = token_features(["Knowledge", "of", "Java", "is", "a", "plus", "."])
    expected = sum(np.array(m._emissions(feats, 0.0)) for m in models) / 3
    rounding = 0.05 * max(len(f) for f in feats)  # every averaged weight is kept to one decimal
    assert np.abs(np.array(mean._emissions(feats, 0.0)) - expected).max() <= rounding
    assert np.allclose(mean.transitions, sum(np.array(m.transitions) for m in models) / 3, atol=1e-3)
    assert [(s.start, s.end) for s in mean.spans(["Knowledge", "of", "Java", "is", "a", "plus", "."])] == [(2, 3)]
