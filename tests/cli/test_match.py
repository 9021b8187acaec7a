"""The matching commands: the ``krapte pathways --json`` contract, training plans, vacancies after an import,
stored profiles with overrides, and the fairness report on a synthetic audit CSV."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from krapte.cli import main
from krapte.settings import Settings
from krapte.taxonomy import default_taxonomy

LASSER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
LASSER_UUID = LASSER.rsplit("/", 1)[1]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_pathways_json_is_the_contract_for_uri_uuid_and_label(settings: Settings) -> None:
    by_label = json.loads(run("pathways", "--from", "lasser", "--top", "4", "--json"))
    assert len(by_label) == 4
    for p in by_label:
        assert list(p) == ["uri", "label", "similarity", "flags", "gap_skills"]
        assert isinstance(p["similarity"], float) and p["flags"]
        assert all(list(g) == ["uri", "label"] for g in p["gap_skills"])
    assert LASSER not in [p["uri"] for p in by_label]
    assert json.loads(run("pathways", "--from", LASSER, "--top", "4", "--json")) == by_label
    assert json.loads(run("pathways", "--from", LASSER_UUID, "--top", "4", "--json")) == by_label
    anything = json.loads(run("pathways", "--from", "lasser", "--top", "40", "--any-target", "--json"))
    assert any(not p["flags"] for p in anything)
    regional = json.loads(run("pathways", "--from", "lasser", "--region", "AM13", "--top", "4", "--json"))
    assert len(regional) == 4 and all(list(p) == list(by_label[0]) for p in regional)


def test_unknown_origin_is_one_error_line(settings: Settings) -> None:
    result = CliRunner().invoke(main, ["pathways", "--from", " ", "--json"])
    assert result.exit_code == 2 and json.loads(result.output)["error"]["code"] == "not_found"


def test_text_pathways_and_training_plan_explain_themselves(settings: Settings) -> None:
    text = run("pathways", "--from", "lasser", "--top", "5")  # the first ones may have no gap left
    assert "similarity" in text and "to learn:" in text
    paths = json.loads(run("pathways", "--from", "lasser", "--top", "5", "--json"))
    target = next(p["uri"] for p in paths if p["gap_skills"])  # a target with something left to learn
    plan = json.loads(run("training-plan", "--from", "lasser", "--to", target, "--status", "ww", "--json"))
    assert plan["courses"] and any("STAP" in d["name"] for d in plan["ended_schemes"])
    text = run("training-plan", "--from", "lasser", "--to", target, "--home", "Utrecht")
    assert "funding:" in text or "free advice" in text


def test_vacancies_profiles_overrides_and_fairness(settings: Settings, tmp_path: Path) -> None:
    essential = sorted(default_taxonomy().occupations[LASSER].essential_skills)
    vacancies = tmp_path / "v.jsonl"
    vacancies.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"id": "v1", "title": "Lasser", "gemeente": "Utrecht", "skills": essential},
                {"id": "v2", "title": "Kok", "gemeente": "Utrecht", "skills": []},
            ]
        ),
        encoding="utf-8",
    )
    assert json.loads(run("match", "import-vacancies", str(vacancies), "--json")) == {"new": 2, "replaced": 0}
    found = json.loads(run("match", "vacancies", "--from", "lasser", "--home", "Utrecht", "--json"))
    assert found[0]["vacancy"] == "v1" and found[0]["components"]
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"id": "p1", "occupations": [LASSER], "home": "GM0344"}), encoding="utf-8")
    assert run("match", "save-profile", str(profile)).strip() == "p1"
    run("match", "override", "--subject", "p1", "--item", "v1", "--action", "hide", "--reason", "al geweest")
    after = json.loads(run("match", "vacancies", "--profile", "p1", "--json"))
    assert "v1" not in [m["vacancy"] for m in after]
    assert json.loads(run("match", "candidates", "v1", "--json"))[0]["profile"] == "p1"
    jsonld = json.loads(run("match", "export-vacancies"))
    assert len(jsonld["@graph"]) == 2
    audit = tmp_path / "audit.csv"
    audit.write_text("profile_id,geslacht\np1,v\n", encoding="utf-8")
    report = json.loads(run("fairness-report", str(audit), "--attribute", "geslacht", "--json"))
    assert report["groups"][0]["group"] == "v" and report["profiles"] == 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": "p2", "leeftijd": 50}), encoding="utf-8")
    refused = CliRunner().invoke(main, ["match", "save-profile", str(bad)])
    assert refused.exit_code == 2 and "leeftijd" in refused.output
