"""Language-aware reading of Dutch CVs and vacancies: the examples of issue 11, each a test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from krapte.extract.context import DocumentContext
from krapte.extract.reading import english_terms_used_in_dutch, wish_object
from krapte.extract.requirements import extract_requirements
from krapte.extract.skills import SkillExtractor, default_extractor
from krapte.extract.verb_object import VerbObjectMatcher
from krapte.taxonomy import default_taxonomy
from krapte.text import FUNCTION_WORDS, label_key

pytestmark = pytest.mark.xdist_group("extract-skills")

SENTENCES = Path(__file__).resolve().parents[1] / "fixtures" / "nl-sentences" / "sentences.jsonl"


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return default_extractor(use_embeddings=False)


def labels_en(extractor: SkillExtractor, text: str) -> set[str]:
    return {s.label_en for s in extractor.extract(text, "nl").skills}


def test_the_relative_pronoun_die_is_not_the_skill_dies(extractor: SkillExtractor) -> None:
    assert "dies" not in labels_en(extractor, "Wij zoeken een monteur die zelfstandig storingen oplost.")
    assert "die" in FUNCTION_WORDS


def test_an_employers_name_is_not_a_skill(extractor: SkillExtractor) -> None:
    found = labels_en(extractor, "Magazijnmedewerker bij Bol Logistics, 2019 – 2023.")
    assert "logistics" not in found
    ctx = DocumentContext("Werkervaring bij Zorggroep De Linde, afdeling psychogeriatrie.")
    assert [ctx.text[s:e] for s, e in ctx.organisations] == ["Zorggroep De Linde"]


def test_a_wish_is_a_target_occupation_not_a_skill(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Ik wil overstappen naar monteur warmtepompen.", "nl")
    assert "install heat pump" not in {s.label_en for s in profile.skills}
    assert profile.targets, "the wish names an occupation"
    assert profile.targets[0].reasons == ("wish: monteur warmtepompen",)
    assert "targets" in profile.to_dict()
    assert wish_object("Mijn ambitie is om data-analist te worden.") == "data-analist"
    assert wish_object("Lassen kan ik niet, maar ik wil het graag leren.") is None


def test_a_negation_after_the_skill_counts(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Ervaring met reanimatie is geen vereiste.", "nl")
    assert "resuscitation" not in {s.label_en for s in profile.skills}
    assert "resuscitation" in {s.label_en for s in profile.negated}


def test_english_labels_in_dutch_text_only_when_they_are_names_used_in_dutch(extractor: SkillExtractor) -> None:
    terms = english_terms_used_in_dutch(extractor.taxonomy)
    assert {"javascript", "sap r3", "mysql", "postgresql"} <= terms
    assert "dies" not in terms and "logistics" not in terms and "writing serbian" not in terms
    found = labels_en(extractor, "Je programmeert in Python en werkt met SAP en MySQL.")
    assert {"Python (computer programming)", "SAP R3", "MySQL"} <= found


def test_verb_object_in_dutch_word_order(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Je leest de technische tekeningen en repareert bedrading in oude woningen.", "nl")
    by_label = {s.label_en: s for s in profile.skills}
    assert "read engineering drawings" in by_label
    assert by_label["read engineering drawings"].evidence[0].text == "leest de technische tekeningen"
    assert by_label["read engineering drawings"].evidence[0].method == "verb_object"
    assert "repair wiring" in by_label
    assert "lay tiles" in labels_en(extractor, "Je legt tegels in badkamers.")


def test_separable_verb_with_its_particle_at_the_end() -> None:
    matcher = VerbObjectMatcher([("urn:x", "omvormers aansluiten"), ("urn:y", "routes plannen")])
    text = "Je sluit de omvormers aan. Ik heb routes gepland."
    assert [(text[h.start : h.end], h.uri) for h in matcher.find(text)] == [
        ("sluit de omvormers", "urn:x"),
        ("routes gepland", "urn:y"),
    ]
    assert matcher.find("Je sluit de omvormers.") == []  # without "aan" it is another verb


def test_logistics_cv_finds_team_leading_planning_sap_and_repairs(extractor: SkillExtractor) -> None:
    found = labels_en(extractor, "Teamleider. Ervaring met routes plannen, SAP en kleine reparaties.")
    assert {"lead a team", "prepare transportation routes", "SAP R3", "perform minor repairs to equipment"} <= found


def test_cv_language_ratings_are_not_native_levels() -> None:
    levels = extract_requirements("Talen: Nederlands moedertaal, Engels: redelijk, Duits: basis").language_levels
    assert [(lv.language, lv.level, lv.rating) for lv in levels] == [
        ("nl", "native", "native"),
        ("en", None, "fair"),
        ("de", None, "basic"),
    ]


def test_cv_sections_languages_and_ambitions() -> None:
    ctx = DocumentContext("Vaardigheden\nLassen, solderen\nAmbities\nMonteur warmtepompen worden\nTalen\nEngels")
    kinds = {ctx.text[s.start : s.end].strip(): (s.section, s.wish, s.boilerplate) for s in ctx.sentences}
    assert kinds["Lassen, solderen"] == ("skills", False, False)
    assert kinds["Monteur warmtepompen worden"][:2] == ("ambitions", True)
    assert kinds["Engels"][2] is True  # the languages section names no skills


def test_dutch_sentence_set_is_valid() -> None:
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    tax = default_taxonomy()
    assert len(rows) >= 100 and {r["fold"] for r in rows} == {"A", "B"}
    for row in rows:
        for item in row["skills"] + row["absent"]:
            assert tax.skills[item["uri"]].labels["en"] == item["label_en"], row["id"]
    assert label_key("Python (computer-programmering)") == "python computer programmering"
