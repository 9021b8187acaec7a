"""The embedded default taxonomy: ESCO v1.2.0 in Dutch and English."""

import pytest

from krapte.errors import NotFoundError
from krapte.provenance import dataset
from krapte.taxonomy import Occupation, default_taxonomy
from krapte.taxonomy.serialize import taxonomy_from_dict, taxonomy_to_dict

HEAT_PUMP_TECH = "http://data.europa.eu/esco/occupation/8234eee9-1647-460d-8d62-7fe02cb884b0"


def test_default_has_all_occupations_and_skills() -> None:
    tax = default_taxonomy()
    assert tax.version == "1.2.0"
    assert len(tax.occupations) == 3039
    assert len(tax.skills) == 13939
    assert len(tax.isco_groups) == 619
    assert sum(1 for s in tax.skills.values() if s.has_label("nl")) > 5000
    assert all(o.has_label("nl") and o.has_label("en") for o in tax.occupations.values())
    assert sum(1 for s in tax.skills.values() if s.has_label("en")) >= 13930  # 2 labels not recoverable


def test_occupation_lookup_by_uri_and_uuid() -> None:
    tax = default_taxonomy()
    occ = tax.occupation(HEAT_PUMP_TECH)
    assert isinstance(occ, Occupation)
    assert tax.occupation(HEAT_PUMP_TECH.rsplit("/", 1)[-1]) is occ
    assert occ.label("nl") == "technicus koel-, lucht- en verwarmingstechniek"
    assert occ.label("en") == "refrigeration air condition and heat pump technician"
    assert "warmtepomp monteur" in occ.alt_labels("nl")
    assert occ.isco_code == "3115"
    assert len(occ.essential_skills) > 10
    skill = tax.skill(occ.essential_skills[0])
    assert skill.skill_type in ("skill/competence", "knowledge")
    assert [g.code for g in tax.isco_path(occ)] == ["3", "31", "311", "3115"]


def test_label_falls_back_to_english_when_dutch_is_missing() -> None:
    tax = default_taxonomy()
    english_only = next(s for s in tax.skills.values() if not s.has_label("nl"))
    assert english_only.label("nl") == english_only.labels["en"]


def test_collections_flag_green_and_digital_skills() -> None:
    tax = default_taxonomy()
    assert sum(s.is_green for s in tax.skills.values()) == 591
    assert sum("digital" in s.collections for s in tax.skills.values()) == 1284
    assert sum(s.is_transversal for s in tax.skills.values()) >= 95


def test_unknown_concepts_raise_not_found_with_a_hint() -> None:
    tax = default_taxonomy()
    with pytest.raises(NotFoundError, match="no ESCO occupation 'nope'") as exc:
        tax.occupation("nope")
    assert "krapte taxonomy search" in str(exc.value)
    with pytest.raises(NotFoundError):
        tax.skill(HEAT_PUMP_TECH)  # an occupation is not a skill


def test_round_trip_through_the_json_form() -> None:
    tax = default_taxonomy()
    again = taxonomy_from_dict(taxonomy_to_dict(tax))
    assert again.occupation(HEAT_PUMP_TECH) == tax.occupation(HEAT_PUMP_TECH)
    assert len(again.skill_relations) == len(tax.skill_relations) == 5818


def test_provenance_reports_mapped_relations() -> None:
    d = dataset("esco-v1.2.0")
    assert "relations_mapped=129004" in d.derivation
    assert d.sha256["taxonomy.json.gz"]
