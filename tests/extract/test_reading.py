"""Language-aware reading of Dutch CVs and vacancies: the examples of issue 11, each a test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from krapte.extract.context import DocumentContext
from krapte.extract.reading import ActionVerbs, english_terms_used_in_dutch, label_order, requirement_zones, wish_object
from krapte.extract.requirements import extract_requirements
from krapte.extract.skills import SkillExtractor, default_extractor
from krapte.extract.verb_object import VerbObjectMatcher
from krapte.taxonomy import default_taxonomy
from krapte.text import FUNCTION_WORDS, label_key
from krapte.text.dutch_variants import infinitive_of

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


def test_a_wish_covers_its_own_clause_not_what_the_person_already_did(extractor: SkillExtractor) -> None:
    """ "…, en ik wil teamleider worden" wishes only from "en ik": the forklift before it is experience. A wish that
    follows its list of objects ("Lassen, solderen en boren wil ik leren") covers the whole sentence."""
    profile = extractor.extract("Ik heb jaren met de heftruck gereden, en ik wil doorgroeien naar teamleider.", "nl")
    assert "operate forklift" in {s.label_en for s in profile.skills}
    assert profile.targets and profile.targets[0].reasons == ("wish: teamleider",)
    ctx = DocumentContext("Ik heb jaren met de heftruck gereden, en ik wil doorgroeien naar teamleider.")
    [sentence] = ctx.sentences
    assert ctx.text[sentence.wish_start :] == "en ik wil doorgroeien naar teamleider."
    assert not ctx.is_wished(ctx.text.index("heftruck")) and ctx.is_wished(ctx.text.index("teamleider"))
    listed = DocumentContext("Lassen, solderen en boren wil ik graag leren.")
    assert listed.sentences[0].wish_start == 0
    assert labels_en(extractor, "Lassen, solderen en boren wil ik graag leren.") == set()


def test_only_a_wish_to_be_someone_names_a_target_occupation(extractor: SkillExtractor) -> None:
    """ "Ik wil X worden" or "ik wil werken als X" names an occupation; a wish to do or learn something ("me
    specialiseren in wondzorg", "met mijn handen werken") names none, so it suggests no odd occupation (it used to
    give *verkoopspecialist* and *teamleider in een mijn*)."""
    assert wish_object("Ik zou graag elektricien worden.") == "elektricien"
    assert wish_object("Ik wil werken als planner.") == "planner"
    assert wish_object("Ik wil aan de slag als elektricien.") == "elektricien"
    assert wish_object("Het liefst als monteur warmtepompen of als") == "monteur warmtepompen"
    ambitions = DocumentContext("Wat ik zoek\nHet liefst als monteur warmtepompen.")
    assert ambitions.sentences[1].section == "ambitions" and ambitions.sentences[1].wish
    assert wish_object("Ik wil me specialiseren in wondzorg.") is None
    assert wish_object("Ik wil graag met mijn handen werken.") is None
    assert extractor.extract("Ik wil graag met mijn handen werken.", "nl").targets == []
    # a change of work the reader explains to others is a task, not the reader's wish
    ctx = DocumentContext("Je geeft voorlichting aan bewoners over de overstap naar het warmtenet.")
    assert not ctx.sentences[0].wish


def test_a_task_for_the_employers_clients_is_no_company_blurb() -> None:
    """ "Onze klanten" is a company blurb when the employer speaks of itself, a task when it tells the reader what
    they do; "Reageer" (apply) is boilerplate, "je reageert op storingen" is a task."""

    def boilerplate(text: str) -> bool:
        return DocumentContext(text).sentences[0].boilerplate

    assert boilerplate("Wij bieden onze klanten duurzame energieoplossingen.")
    assert not boilerplate("Je adviseert onze klanten over warmtepompen.")
    assert boilerplate("Reageer direct via de knop hieronder.")
    assert not boilerplate("Je reageert snel op storingen in de installatie.")


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


def test_certificates_and_course_names_are_requirements_not_skills(extractor: SkillExtractor) -> None:
    text = "Je hebt VCA basis en een mbo 4 diploma Elektrotechniek."
    assert labels_en(extractor, text) == set()  # not health and safety, not electrical engineering
    assert [text[s:e] for s, e in requirement_zones(text)] == ["VCA basis", "mbo 4 diploma Elektrotechniek"]
    field = "Hbo Elektrotechniek of vergelijkbaar werk- en denkniveau."
    assert [field[s:e] for s, e in requirement_zones(field)] == ["Hbo Elektrotechniek"]


def test_a_field_of_knowledge_that_only_modifies_a_compound_is_not_a_skill(extractor: SkillExtractor) -> None:
    assert "energy" not in labels_en(extractor, "Als energieadviseur maak je energielabels.")
    assert "electricity" not in labels_en(extractor, "Je analyseert meetgegevens van het elektriciteitsnet.")
    # the head of a compound still counts: an installation of heat pumps is about installing heat pumps
    assert "install heat pump" in labels_en(extractor, "Ervaring met warmtepompinstallaties.")


def test_an_object_governed_by_another_action_is_not_that_skill(extractor: SkillExtractor) -> None:
    assert labels_en(extractor, "Je adviseert klanten over warmtepompen en zonnepanelen.") == set()
    found = labels_en(extractor, "Je repareert storingen aan elektrische installaties.")
    assert "install electrical and electronic equipment" not in found
    # a list shares the verb before it; coordinated verbs share the object
    found = labels_en(extractor, "Je installeert warmtepompen, cv-ketels en vloerverwarming en onderhoudt filters.")
    assert {"install heat pump", "install heating boiler"} <= found
    assert "install heating boiler" in labels_en(extractor, "Installeren en onderhouden van cv-ketels.")
    # the hit's own verb governs it ("solderen van koperleidingen" after "aanleggen van vloerverwarming")
    assert "operate soldering equipment" in labels_en(
        extractor, "Aanleggen van vloerverwarming, solderen van koperleidingen."
    )
    verbs = ActionVerbs()
    assert verbs.skill_class("install heat pump") == "install" and verbs.skill_class("heat pumps") is None
    assert verbs.classes("je sluit de omvormers aan", 0, 25) == {"install"}
    assert verbs.classes("je sluit de deur", 0, 16) == set()  # "sluiten" alone is not "aansluiten"


def test_a_spans_own_preferred_label_wins(extractor: SkillExtractor) -> None:
    found = labels_en(extractor, "Vaardigheden: SQL, Python.")
    assert "SQL" in found
    assert "database management systems" not in found  # "SQL" is only one of its alternative labels


def test_verb_object_prefers_the_most_specific_object() -> None:
    matcher = VerbObjectMatcher([("urn:any", "freesmachines bedienen"), ("urn:cnc", "CNC-freesmachines bedienen")])
    assert {h.uri for h in matcher.find("Je bedient CNC-freesmachines.")} == {"urn:cnc"}
    assert {h.uri for h in matcher.find("Je bedient freesmachines.")} == {"urn:any"}


def test_verb_object_coordinated_modifiers_synonyms_and_nominalisations() -> None:
    matcher = VerbObjectMatcher([("urn:eq", "elektrische en elektronische apparatuur installeren")])
    assert [h.uri for h in matcher.find("Je installeert elektronische apparatuur.")] == ["urn:eq"]
    # verbs of one action stand for each other: plaatsen, monteren, aansluiten all install
    matcher = VerbObjectMatcher([("urn:hp", "warmtepompen installeren")])
    for text in ("Je plaatst warmtepompen.", "Je monteert de warmtepompen.", "Je sluit warmtepompen aan."):
        assert [h.uri for h in matcher.find(text)] == ["urn:hp"], text
    assert (
        VerbObjectMatcher([("urn:hp", "warmtepompen installeren")], synonyms=False).find("Je plaatst warmtepompen.")
        == []
    )
    assert matcher.find("Je adviseert over warmtepompen.") == []
    # a nominalisation takes its object with "van"/"aan": "onderhoud aan", "het onderhouden van"
    matcher = VerbObjectMatcher([("urn:m", "cv-ketels onderhouden")])
    for text in ("Je voert onderhoud uit aan cv-ketels.", "Onderhoud van cv-ketels.", "Het onderhouden van cv-ketels."):
        assert {h.uri for h in matcher.find(text)} == {"urn:m"}, text
    assert matcher.find("Onderhoud, cv-ketels en radiatoren.") == []


def test_the_issues_dutch_word_order_examples(extractor: SkillExtractor) -> None:
    assert "mount photovoltaic panels" in labels_en(extractor, "Je monteert zonnepanelen op platte daken.")
    assert "install photovoltaic systems" in labels_en(extractor, "De omvormers sluit je aan op de meterkast.")
    assert "repair plumbing systems" in labels_en(extractor, "Je repareert lekkages aan waterleidingen.")
    assert "read engineering drawings" in labels_en(extractor, "Je leest bouwtekeningen.")
    found = labels_en(extractor, "Plannen van routes, aansturen van orderpickers.")
    assert "prepare transportation routes" in found
    assert not any("railway" in label or "ship" in label for label in found)


def test_verb_object_bare_stem_and_compound_heads() -> None:
    matcher = VerbObjectMatcher([("urn:med", "medicatie toedienen"), ("urn:bill", "rekeningen opstellen")])
    # the bare stem: inverted second person and first person ("dien je ... toe", "ik installeer")
    assert [h.uri for h in matcher.find("In de thuiszorg dien je medicatie toe.")] == ["urn:med"]
    # a compound ends in the head ("elektriciteitsrekeningen"), but "berekeningen" is another word
    assert [h.uri for h in matcher.find("Je stelt elektriciteitsrekeningen op.")] == ["urn:bill"]
    assert matcher.find("Je stelt berekeningen op.") == []


def test_dutch_infinitive_from_a_finite_form_and_label_order() -> None:
    pairs = {"metselt": "metselen", "tilt": "tillen", "laadt": "laden", "repareert": "repareren", "sluit": "sluiten"}
    assert {w: infinitive_of(w) for w in pairs} == pairs
    assert infinitive_of("schrijft") == "schrijven" and infinitive_of("leest") == "lezen"
    assert infinitive_of("meet", {"meet": "meten"}) == "meten"  # a known verb form wins over the rules
    assert label_order(label_key("Je metselt muren volgens tekening").split(), {}) == "muren metselen"
    assert label_order(label_key("Sluit je de omvormer aan op de meterkast").split(), {}) == "omvormer aansluiten"
    assert label_order(label_key("Ervaring met Scrum").split(), {}) is None  # no finite verb after a subject


def test_verb_object_stops_at_a_prepositional_phrase_and_language_levels_are_no_skills(
    extractor: SkillExtractor,
) -> None:
    matcher = VerbObjectMatcher([("urn:b", "gebouwen ontwerpen")])
    assert matcher.find("Je ontwerpt installaties voor utiliteitsgebouwen.") == []
    assert [h.uri for h in matcher.find("Je ontwerpt utiliteitsgebouwen.")] == ["urn:b"]
    assert "English" not in labels_en(extractor, "Je beheerst het Engels op minimaal B2-niveau.")


def test_knowledge_has_no_verb_and_a_phrase_before_the_verb_is_no_object(extractor: SkillExtractor) -> None:
    found = labels_en(extractor, "Je werkt veilig op hoogte.")
    assert "health and safety in the workplace" not in found  # knowledge is named, not done
    matcher = VerbObjectMatcher([("urn:pv", "zonnepanelen plaatsen")])
    assert matcher.find("Als dakdekker met zonnepanelen-ervaring plaats je montagesystemen.") == []
    assert [h.uri for h in matcher.find("De zonnepanelen plaats je op het dak.")] == ["urn:pv"]  # a fronted object
