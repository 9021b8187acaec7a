"""A small hand-made taxonomy for exact expectations; the embedded ESCO for realistic checks."""

import pytest

from krapte.taxonomy import Occupation, Skill, Taxonomy, default_taxonomy

B = "http://data.europa.eu/esco/skill/"
OCC = "http://data.europa.eu/esco/occupation/"


def skill(name: str, kind: str = "skill/competence", collections: frozenset[str] = frozenset()) -> Skill:
    return Skill(uri=B + name, labels={"nl": name.replace("-", " ")}, skill_type=kind, collections=collections)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def tiny() -> Taxonomy:
    """Six occupations over ten skills. 'teamwork' is everywhere (low specificity); 'lassen' only in two."""
    green, digital = frozenset({"green"}), frozenset({"digital"})
    names = [
        "teamwork",
        "lassen",
        "snijden",
        "leidingen-leggen",
        "elektra-aansluiten",
        "klantcontact",
        "kassa-bedienen",
    ]
    listed = [skill(n) for n in names] + [
        skill("warmtepomp-installeren", collections=green),
        skill("programmeren", collections=digital),
        skill("python", "knowledge", digital),
    ]
    skills = {s.uri: s for s in listed}

    def occ(name: str, isco: str, ess: list[str], opt: list[str] = ()) -> Occupation:  # type: ignore[assignment]
        return Occupation(
            uri=OCC + name,
            labels={"nl": name},
            isco_code=isco,
            essential_skills=tuple(B + s for s in ess),
            optional_skills=tuple(B + s for s in opt),
        )

    occs = [
        occ("lasser", "7212", ["teamwork", "lassen", "snijden"], ["leidingen-leggen"]),
        occ("loodgieter", "7126", ["teamwork", "leidingen-leggen", "lassen"], ["elektra-aansluiten"]),
        occ(
            "warmtepompmonteur",
            "7127",
            ["teamwork", "leidingen-leggen", "warmtepomp-installeren", "elektra-aansluiten"],
        ),
        occ("kassamedewerker", "5230", ["teamwork", "klantcontact", "kassa-bedienen"]),
        occ("programmeur", "2512", ["teamwork", "programmeren", "python"]),
        occ("callcentermedewerker", "4222", ["teamwork", "klantcontact"], ["programmeren"]),
    ]
    return Taxonomy(
        version="tiny",
        occupations={o.uri: o for o in occs},
        skills=skills,
        isco_groups={},
        skill_groups={},
        source="test",
    )


@pytest.fixture(scope="session")
def esco() -> Taxonomy:
    return default_taxonomy()
