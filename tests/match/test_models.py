"""Profiles cannot hold protected characteristics; entities round-trip."""

import dataclasses
from datetime import date

import pytest

from krapte.errors import ValidationError
from krapte.match import PROTECTED_ATTRIBUTES, HardRequirements, Profile


def test_profile_schema_has_no_protected_field() -> None:
    names = {f.name for f in dataclasses.fields(Profile)}
    assert not names & PROTECTED_ATTRIBUTES
    for f in dataclasses.fields(Profile):
        assert not any(word in f.name for word in ("gender", "age", "nation", "origin", "health", "disab"))


@pytest.mark.parametrize("key", ["gender", "age", "nationality", "origin", "health", "disability", "geboortedatum"])
def test_profile_refuses_protected_input(key: str) -> None:
    with pytest.raises(ValidationError, match="cannot hold"):
        Profile.from_dict({"id": "p1", key: "x"})


def test_profile_cannot_be_given_an_attribute_afterwards() -> None:
    p = Profile(id="p1")
    with pytest.raises((AttributeError, TypeError, dataclasses.FrozenInstanceError)):
        p.gender = "v"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        Profile(id="p1", age=40)  # type: ignore[call-arg]
    assert not hasattr(p, "__dict__")


def test_profile_round_trip() -> None:
    data = {
        "id": "p1",
        "skills": [{"uri": "http://data.europa.eu/esco/skill/a", "weight": 0.8, "source": "cv-extracted"}],
        "occupations": [{"uri": "http://data.europa.eu/esco/occupation/x", "current": True, "years": 12}],
        "education": {"nlqf": 3, "sector": "mbo", "diplomas": [{"crebo": "25263", "name": "Lasser"}]},
        "certificates": ["vca"],
        "driving_licences": "B|C",
        "home": {"gemeente": "GM0599"},
        "travel_km": 30,
        "hours_per_week": 32,
        "earliest_start": "2027-01-01",
        "employment_status": "ww",
        "sector": "",
    }
    p = Profile.from_dict(data)
    assert p.driving_licences == ("B", "C") and p.earliest_start == date(2027, 1, 1)
    assert Profile.from_dict(p.to_dict()) == p


def test_unknown_fields_and_statuses_are_refused() -> None:
    with pytest.raises(ValidationError, match="unknown profile field"):
        Profile.from_dict({"id": "p1", "favourite_colour": "blauw"})
    with pytest.raises(ValidationError, match="employment status"):
        Profile(id="p1", employment_status="rich")


def test_hard_requirements_from_extraction_keep_only_required_mentions() -> None:
    reqs = HardRequirements.from_extraction(
        {
            "certificates": [{"id": "vca", "required": True}, {"id": "nen3140", "required": False}],
            "driving_licences": [{"category": "C", "required": True}],
            "education": {"nlqf": 3},
            "language_levels": [{"language": "nl"}],
        }
    )
    assert reqs.certificates == ("vca",) and reqs.driving_licences == ("C",) and reqs.min_nlqf == 3
