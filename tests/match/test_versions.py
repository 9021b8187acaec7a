"""Audit support: stable input hashes and data versions."""

from datetime import date

from krapte.match import Profile, SkillSet, data_versions, input_hash
from krapte.taxonomy import Taxonomy


def test_input_hash_is_stable_and_sensitive() -> None:
    p = Profile(id="p", skills=SkillSet.of(["http://data.europa.eu/esco/skill/a"]))
    a = input_hash({"profile": p, "today": date(2026, 12, 7), "top": 20})
    assert a == input_hash({"top": 20, "today": date(2026, 12, 7), "profile": p.to_dict()})
    assert a != input_hash({"profile": p, "today": date(2026, 12, 8), "top": 20})


def test_data_versions_name_method_taxonomy_and_datasets(tiny: Taxonomy) -> None:
    v = data_versions(tiny)
    assert v["method"].startswith("match-") and v["taxonomy"] == tiny.key
    assert v["funding-schemes-2026"].startswith("2026-12-06+")
