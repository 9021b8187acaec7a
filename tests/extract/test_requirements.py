"""Requirements outside ESCO, read as examples: what a Dutch or English sentence asks for."""

from __future__ import annotations

import pytest

from krapte.extract.requirements import extract_requirements


def certificates(text: str) -> list[tuple[str, str | None, bool]]:
    return [(c.id, c.variant, c.required) for c in extract_requirements(text).certificates]


def licences(text: str) -> list[str]:
    return [d.category for d in extract_requirements(text).driving_licences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In bezit van VCA basis", [("vca", "Basis", True)]),
        ("Je hebt je VOL-VCA op zak.", [("vca", "VOL", True)]),
        ("B-VCA is verplicht", [("vca", "Basis", True)]),
        ("Certificaten: VCA VOL, NEN 3140 (VP)", [("vca", "VOL", True), ("nen-3140", "VP", True)]),
        ("Kennis van NEN 1010 en NEN 3140 VOP", [("nen-1010", None, True), ("nen-3140", "VOP", True)]),
        ("Aangewezen als installatieverantwoordelijke volgens NEN 3140", [("nen-3140", "IV", True)]),
        ("BEI-BLS VP voor werken aan het laagspanningsnet", [("bei-bls", "VP", True)]),
        ("F-gassen categorie 1 (voorheen STEK)", [("f-gassen", "categorie 1", True)]),
        ("Een EPA-W certificaat is een pré", [("epa", "EPA-W", False)]),
        ("Bij voorkeur een KvINL-erkenning", [("kvinl", None, False)]),
        ("Geen VCA? Die halen we samen met jou.", [("vca", None, False)]),
        ("ITIL Foundation and PRINCE2 are a plus", [("itil", None, False), ("prince2", None, False)]),
        ("Heftruckcertificaat en BHV", [("heftruck", None, True), ("bhv", None, True)]),
    ],
)
def test_certificates(text: str, expected: list[tuple[str, str | None, bool]]) -> None:
    assert certificates(text) == expected


def test_certificate_evidence_points_into_the_text() -> None:
    text = "Wat vragen wij? VCA VOL en rijbewijs B."
    (vca,) = extract_requirements(text).certificates
    assert text[vca.evidence.start : vca.evidence.end] == vca.evidence.surface == "VCA VOL"
    assert vca.source if hasattr(vca, "source") else True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rijbewijs B is vereist", ["B"]),
        ("rijbewijs B/BE", ["B", "BE"]),
        ("In bezit van rijbewijs C en CE", ["C", "CE"]),
        ("Rijbewijs C1(E)", ["C1", "C1E"]),
        ("Je hebt een BE-rijbewijs", ["BE"]),
        ("Een rijbewijs en eigen vervoer", ["unspecified"]),
        ("Driving licence B required", ["B"]),
        ("Geen rijbewijs nodig: je werkt op één locatie.", []),
    ],
)
def test_driving_licences(text: str, expected: list[str]) -> None:
    assert licences(text) == expected


@pytest.mark.parametrize(
    ("text", "level", "mbo_level", "nlqf"),
    [
        ("Een afgeronde mbo-opleiding niveau 3 of 4 in de elektrotechniek", "mbo", 3, 3),
        ("MBO 4 werktuigbouwkunde", "mbo", 4, 4),
        ("minimaal mbo-2", "mbo", 2, 2),
        ("Je hebt een hbo-diploma, bijvoorbeeld Elektrotechniek", "hbo", None, 6),
        ("Afgeronde WO-master in de bouwkunde", "wo", None, 7),
        ("Associate degree Engineering", "ad", None, 5),
        ("A bachelor's degree in computer science", "bachelor", None, 6),
        ("Opleiding op mbo 4- of hbo-niveau", "mbo", 4, 4),
    ],
)
def test_education_level_and_nlqf(text: str, level: str, mbo_level: int | None, nlqf: int) -> None:
    education = extract_requirements(text).education
    assert education is not None
    assert (education.level, education.mbo_level, education.nlqf) == (level, mbo_level, nlqf)


def test_a_cv_lists_several_diplomas_and_max_nlqf_is_the_highest() -> None:
    education = extract_requirements("2019: MBO niveau 2 Verkoper\n2023: MBO niveau 4 Eerste monteur").education
    assert education is not None and (education.nlqf, education.max_nlqf) == (2, 4)
    assert [m.mbo_level for m in education.mentions] == [2, 4]


def test_lower_case_wo_is_not_read_as_university() -> None:
    assert extract_requirements("Wij zoeken een monteur wo en do beschikbaar").education is None


@pytest.mark.parametrize(
    ("text", "low", "high", "part_time", "full_time"),
    [
        ("Monteur warmtepompen (32-40 uur)", 32, 40, True, True),
        ("32 tot 40 uur per week", 32, 40, True, True),
        ("Fulltime, 38 uur per week", 38, 38, False, True),
        ("24 à 32 uur per week", 24, 32, True, False),
        ("Minimaal 24 uur per week", 24, None, True, False),
        ("Parttime mogelijk", None, None, True, False),
        ("Fulltime baan", None, None, False, True),
        ("0,8 - 1,0 fte", 32, 40, True, True),
        ("36-40 hours a week", 36, 40, False, True),
    ],
)
def test_hours_per_week(text: str, low: float | None, high: float | None, part_time: bool, full_time: bool) -> None:
    hours = extract_requirements(text).hours
    assert hours is not None
    assert (hours.min, hours.max, hours.part_time, hours.full_time) == (low, high, part_time, full_time)


@pytest.mark.parametrize(
    "text", ["Storingen verhelp je binnen 24 uur", "Je werkt 8 uur per dag", "Wij reageren binnen 48 uur."]
)
def test_hours_that_are_not_a_working_week_are_ignored(text: str) -> None:
    assert extract_requirements(text).hours is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Je spreekt en schrijft goed Nederlands (minimaal B1)", [("nl", "B1", False)]),
        ("Nederlands op niveau B2 en Engels C1", [("nl", "B2", False), ("en", "C1", False)]),
        ("Taalniveau Nederlands 2F", [("nl", "B1", False)]),
        ("NT2 niveau B1 is voldoende", [("nl", "B1", True)]),
        ("Nederlands moedertaal, Engels B2", [("nl", "native", False), ("en", "B2", False)]),
        ("Goede beheersing van de Nederlandse taal", [("nl", None, False)]),
        ("Fluent in English; Dutch is a plus", [("en", None, False), ("nl", None, False)]),
        ("Een Nederlands bedrijf met vestigingen in Duitsland", []),
    ],
)
def test_language_levels(text: str, expected: list[tuple[str, str | None, bool]]) -> None:
    found = [(entry.language, entry.level, entry.nt2) for entry in extract_requirements(text).language_levels]
    assert found == expected


def test_a_full_vacancy_to_dict() -> None:
    text = (
        "Monteur zonnepanelen (32-40 uur)\n"
        "- MBO niveau 3 elektrotechniek\n- VCA basis\n- Rijbewijs B\n- Je spreekt Nederlands (B1)\n"
    )
    body = extract_requirements(text).to_dict()
    assert body["certificates"][0]["id"] == "vca"
    assert body["driving_licences"][0]["category"] == "B"
    assert body["education"]["level"] == "mbo" and body["education"]["nlqf"] == 3
    assert body["hours"]["min"] == 32 and body["hours"]["part_time"] is True
    assert body["language_levels"] == [
        {
            "language": "nl",
            "level": "B1",
            "nt2": False,
            "evidence": body["language_levels"][0]["evidence"],
            "rating": None,
        }
    ]
    for evidence in [body["certificates"][0]["evidence"], body["education"]["evidence"]]:
        assert text[evidence["start"] : evidence["end"]] == evidence["surface"]


def test_text_without_requirements_is_empty() -> None:
    assert extract_requirements("Wij zijn een gezellig team in Utrecht.").empty
