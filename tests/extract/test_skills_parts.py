"""The engine's parts on their own: Dutch label variants, normalisation, context, span tagger, metrics, the set."""

from __future__ import annotations

import json

import pytest

from krapte.extract.context import DocumentContext
from krapte.extract.gazetteer import Gazetteer, normalise
from krapte.extract.metrics import reciprocal_rank, rp_at_k, set_prf, span_prf
from krapte.extract.spans import default_span_tagger, merge_layers, tags_to_spans, tokenize
from krapte.text.dutch_variants import dutch_label_variants, english_label_variants, noun_forms, verb_forms
from tests.conftest import FIXTURES


def test_noun_forms_cover_singular_and_plural() -> None:
    assert {"warmtepomp", "warmtepompen"} <= noun_forms("warmtepompen")
    assert {"paneel", "panelen"} <= noun_forms("panelen")
    assert "panelen" in noun_forms("paneel")


def test_verb_forms_give_finite_forms_and_nominalisations() -> None:
    finite, nouns = verb_forms("installeren")
    assert {"installeert", "geinstalleerd"} <= finite
    assert "installatie" in nouns
    finite, _ = verb_forms("uitvoeren")
    assert "uitgevoerd" in finite


def test_dutch_label_variants_reorder_verb_and_object() -> None:
    variants = dutch_label_variants("warmtepompen installeren")
    assert {
        "installeren van warmtepompen",
        "installatie van warmtepompen",
        "warmtepomp installeert",
        "warmtepompinstallatie",
        "warmtepompinstallaties",
    } <= variants
    assert "voert energieaudits uit" in dutch_label_variants("energieaudit uitvoeren")


def test_english_variants_are_light() -> None:
    assert english_label_variants("install solar panels") >= {"install solar panel", "installing solar panels"}


def test_normalise_keeps_offsets() -> None:
    text = "Ervaring met CV-ketels, zonnepanelen én Python (C++/C#)!"
    norm = normalise(text)
    assert len(norm) == len(text)
    assert norm.startswith("ervaring met cv ketels  zonnepanelen en python")
    assert "c++ c#" in norm


def test_gazetteer_word_boundaries_and_compounds() -> None:
    g = Gazetteer()
    g.add("urn:weld", "lassen", "nl", preferred=True)
    g.add("urn:pump", "warmtepomp", "nl", preferred=True)
    g.finalise()
    text = "Klassen lassen; onderwaterlassen en warmtepompmonteur."
    found = [(text[h.start : h.end], h.compound) for h in g.find(text)]
    assert ("lassen", False) in found
    assert ("onderwaterlassen", True) in found
    assert ("warmtepompmonteur", True) in found
    assert not any(t == "Klassen" for t, _ in found)  # "lassen" inside "klassen": the rest is too short


def test_context_sections_negation_and_boilerplate() -> None:
    text = (
        "Over ons\nWij zijn een familiebedrijf.\nFunctie-eisen:\nKennis van Python.\n"
        "Geen ervaring met lassen vereist.\nWat bieden wij?\nEen leaseauto."
    )
    ctx = DocumentContext(text)
    assert ctx.sentence_at(text.index("familiebedrijf")).boilerplate  # type: ignore[union-attr]
    python = ctx.sentence_at(text.index("Python"))
    assert python is not None and not python.boilerplate and python.section == "requirements"
    assert ctx.is_negated(text.index("lassen"))
    assert not ctx.is_negated(text.index("Python"))
    assert ctx.sentence_at(text.index("leaseauto")).boilerplate  # type: ignore[union-attr]


def test_span_tagger_finds_skills_in_an_english_sentence() -> None:
    tagger = default_span_tagger()
    assert tagger is not None, "the trained tagger ships in krapte/data/extract-span-tagger"
    tokens = [t for t, _, _ in tokenize("Experience with Python and Docker is required .")]
    spans = {" ".join(tokens[s.start : s.end]) for s in tagger.spans(tokens)}
    assert "Python" in spans or "Python and Docker" in spans


def test_bio_helpers() -> None:
    assert merge_layers(["B", "I", "O", "O"], ["O", "O", "B", "O"]) == ["B-S", "I-S", "B-K", "O"]
    spans = tags_to_spans(["B-S", "I-S", "B-K", "O", "I-S"])
    assert [(s.start, s.end, s.kind) for s in spans] == [(0, 2, "skill"), (2, 3, "knowledge"), (4, 5, "skill")]


def test_metrics_on_hand_examples() -> None:
    gold = [[(0, 2), (4, 5)]]
    assert span_prf([[(0, 2)]], gold).f1 == pytest.approx(2 / 3)
    assert span_prf([[(0, 1), (3, 6)]], gold).tp == 0
    assert span_prf([[(0, 1), (3, 6)]], gold, loose=True).tp == 2
    assert rp_at_k(["a", "x", "b"], {"a", "b"}, 5) == 1.0
    assert rp_at_k(["x", "y", "a"], {"a", "b", "c", "d", "e", "f"}, 5) == pytest.approx(1 / 5)
    assert reciprocal_rank(["x", "a"], {"a"}) == 0.5
    assert set_prf([{"a", "b"}], [{"a", "c"}]).precision == 0.5


def test_dutch_passages_are_a_valid_evaluation_set() -> None:
    from krapte.taxonomy import default_taxonomy

    rows = [json.loads(line) for line in (FIXTURES / "nl-passages" / "passages.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) >= 50
    assert {r["kind"] for r in rows} == {"vacancy", "cv"}
    tax = default_taxonomy()
    for r in rows:
        assert r["skills"], r["id"]
        for s in r["skills"] + r["absent"]:
            assert tax.skills[s["uri"]].label("en") == s["label_en"]
