"""The skill engine on small Dutch and English examples: what a recruiter would expect it to find, and not find.

All tests share one lexical-only extractor over the embedded ESCO default (built once per worker); the
cross-lingual stage has its own test at the end because it needs the embedding model and the label index.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from krapte.errors import InputError, ValidationError
from krapte.extract.gazetteer import normalise
from krapte.extract.skills import SkillExtractor, SkillProfile, default_extractor, rank_skills

pytestmark = pytest.mark.xdist_group("extract-skills")

INSTALL_HEAT_PUMP = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"
SOLDERING = "http://data.europa.eu/esco/skill/f30a7ea4-77dd-452c-8a2d-b06c12606a7f"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return default_extractor(use_embeddings=False)  # one per process, shared with the other extract tests


def uris(profile: SkillProfile) -> set[str]:
    return {s.uri for s in profile.skills}


def test_verb_object_order_reaches_the_same_skill(extractor: SkillExtractor) -> None:
    for text in (
        "Je gaat warmtepompen installeren bij particulieren.",
        "Je bent verantwoordelijk voor het installeren van warmtepompen.",
        "De installatie van warmtepompen is je vak.",
    ):
        assert INSTALL_HEAT_PUMP in uris(extractor.extract(text, "nl")), text


def test_dutch_compound_contains_the_skill(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Ervaring met warmtepompinstallaties is een pré.", "nl")
    match = next(s for s in profile.skills if s.uri == INSTALL_HEAT_PUMP)
    assert match.evidence[0].text == "warmtepompinstallaties"
    assert match.is_green


def test_separable_verb_split_around_the_object(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Je voert energieaudits uit bij bedrijven.", "nl")
    assert any(s.label_nl == "energieaudit uitvoeren" for s in profile.skills)


def test_short_label_does_not_match_inside_a_longer_word(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Je bouwt webapplicaties met JavaScript.", "nl")
    assert not any(s.label_en == "Java (computer programming)" for s in profile.skills)
    assert any(s.label_en == "JavaScript" for s in profile.skills)


def test_negated_requirement_is_not_a_skill(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Geen ervaring met solderen vereist; je krijgt een opleiding.", "nl")
    assert SOLDERING not in uris(profile)
    assert [s.uri for s in profile.negated] == [SOLDERING]
    assert profile.negated[0].evidence[0].negated


def test_positive_mention_of_the_same_skill_counts(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Solderen van koperen leidingen gaat je goed af.", "nl")
    assert SOLDERING in uris(profile)


def test_boilerplate_yields_no_skills(extractor: SkillExtractor) -> None:
    text = (
        "Wat ga je doen?\nJe programmeert in Python.\n"
        "Wat bieden wij?\nEen goed salaris, 25 vakantiedagen en cursussen Python en SQL.\n"
        "Wij vinden diversiteit belangrijk en nodigen iedereen uit om te solliciteren."
    )
    profile = extractor.extract(text, "nl")
    python = next(s for s in profile.skills if s.uri == PYTHON)
    assert [e.text for e in python.evidence] == ["Python"]  # only the one in "Wat ga je doen?"
    assert python.evidence[0].start == text.index("Python")
    assert not any(s.label_en == "SQL" for s in profile.skills)


def test_generic_skill_needs_a_requirement_cue(extractor: SkillExtractor) -> None:
    plain = extractor.extract("Good communication makes the team.", "en")
    asked = extractor.extract("You have experience with communication towards customers.", "en")
    assert not any(s.label_en == "communication" for s in plain.skills)
    generic = next(s for s in asked.skills if s.label_en == "communication")
    assert generic.generic


def test_evidence_offsets_point_at_the_surface_text(extractor: SkillExtractor) -> None:
    text = "Profiel: MONTEUR. Je installeert Zonnepanelen én warmtepompen; ervaring met PLC-programmeren en Python."
    profile = extractor.extract(text, "nl")
    assert profile.skills
    for skill in profile.skills:
        for ev in skill.evidence:
            assert text[ev.start : ev.end] == ev.text
            assert normalise(ev.text).strip() == normalise(text)[ev.start : ev.end].strip()


def test_profile_to_dict_is_json_ready(extractor: SkillExtractor) -> None:
    profile = extractor.extract("Je installeert warmtepompen en programmeert in Python.", "auto")
    body = json.loads(json.dumps(profile.to_dict()))
    assert body["lang"] == "nl"
    first = body["skills"][0]
    assert set(first) >= {"uri", "label_nl", "label_en", "confidence", "evidence", "is_green", "is_digital"}
    assert 0 < first["confidence"] <= 1
    assert body["occupations"], "a skill profile suggests occupations"
    assert set(body["occupations"][0]) == {"uri", "label", "score", "reasons"}


def test_occupations_follow_the_skill_profile(extractor: SkillExtractor) -> None:
    profile = extractor.extract(
        "Je installeert warmtepompen, cv-ketels en vloerverwarming en onderhoudt ventilatiesystemen.", "nl"
    )
    top_labels = " ".join(o.label for o in profile.occupations[:5]).lower()
    assert "verwarming" in top_labels or "installateur" in top_labels or "monteur" in top_labels, top_labels


def test_unsupported_language_is_refused(extractor: SkillExtractor) -> None:
    with pytest.raises(ValidationError, match="'fr'"):
        extractor.extract("Bonjour", "fr")  # type: ignore[arg-type]


def test_rank_skills_contract(extractor: SkillExtractor) -> None:
    [ranked] = rank_skills(["warmtepompen installeren"], top=3, lang="nl", extractor=extractor)
    assert ranked[0].uri == INSTALL_HEAT_PUMP
    assert set(ranked[0].to_dict()) == {"uri", "label", "score"}
    with pytest.raises(ValidationError, match="top=0"):
        rank_skills(["x"], top=0, extractor=extractor)


def test_cli_skills_rank_reads_and_writes_json_lines(tmp_path, extractor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from krapte.cli import main
    from krapte.extract import skills as skills_module

    monkeypatch.setattr(skills_module, "default_extractor", lambda use_embeddings=True: extractor)
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "warmtepompen installeren"}\n{"id": 2, "text": "Python"}\n', "utf-8")
    result = CliRunner().invoke(main, ["skills", "rank", "--top", "2", "--lexical-only", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["a", 2]
    assert lines[0]["results"][0]["uri"] == INSTALL_HEAT_PUMP

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\n{"id": 2}\n', "utf-8")
    result = CliRunner().invoke(main, ["skills", "rank", str(bad)])
    assert result.exit_code == 2
    assert "bad.jsonl:2" in result.output and "text" in result.output


def test_read_jsonl_names_line_and_column(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from krapte.cli.skills import read_jsonl

    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": 1, "text": "a"}\n{"id": 2, "text": \n', "utf-8")
    with pytest.raises(InputError) as info:
        read_jsonl(path)
    assert info.value.problem.line == 2


def test_only_skill_phrases_reach_the_embedding_stage(extractor: SkillExtractor) -> None:
    """Function words are trimmed off a clause; a bare verb or a requirement frame names no skill."""

    def phrase(clause: str) -> str | None:
        span = extractor._skill_phrase(clause, 0, len(clause))
        return clause[span[0] : span[1]] if span else None

    assert phrase("Je voert onderhoud uit") == "voert onderhoud"
    assert phrase("ervaring met het opstellen van beveiligingsbeleid") == "opstellen van beveiligingsbeleid"
    assert phrase("klimaatbeheersing") == "klimaatbeheersing"  # one noun can name a skill
    assert phrase("installeer graag") is None  # one verb cannot: it fits every "… installeren"
    assert phrase("Je spreekt") is None
    assert phrase("is een pré") is None


def test_dutch_phrase_reaches_an_english_only_skill(engine: SkillExtractor) -> None:
    """Cross-lingual: 'windturbines onderhouden' has no Dutch ESCO label; the embedding links it."""
    [ranked] = engine.rank_many(["windturbines onderhouden en repareren"], top=5, lang="nl")
    labels = [engine.taxonomy.skills[r.uri].label("en") for r in ranked]
    assert "maintain wind turbines" in labels, labels
    assert not engine.taxonomy.skills[ranked[labels.index("maintain wind turbines")].uri].has_label("nl")


def test_vague_clauses_do_not_become_skills(engine: SkillExtractor) -> None:
    """Clauses that resemble many skills a little ("bereid dit te halen", "je spreekt") link to none of them."""
    text = (
        "Wat vragen wij?\n- In bezit van een F-gassen certificaat of bereid dit te halen\n"
        "- Je spreekt en schrijft goed Nederlands\n- Je installeert graag en voert onderhoud uit"
    )
    profile = engine.extract(text, "nl")
    embedded = [s.label_en for s in profile.skills if any(e.method == "embedding" for e in s.evidence)]
    assert embedded == []
