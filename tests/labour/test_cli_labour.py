"""The labour commands through click, as a user or a script calls them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from krapte.cli import main
from krapte.settings import Settings
from tests.conftest import FIXTURES

CONTRACT = str(FIXTURES / "labour" / "projects_contract.csv")


def test_forecast_json_contract(settings: Settings) -> None:
    result = CliRunner().invoke(main, ["forecast", "--projects", CONTRACT, "--factors", "rutovitz2025", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert set(rows[0]) >= {"region", "occupation", "quarter", "phase", "fte"}
    solar = [r for r in rows if r["region"] == "AM03" and r["phase"] == "construction" and r["quarter"] == "2027Q1"]
    assert round(sum(r["fte"] for r in solar), 3) == 161.0
    assert {r["phase"] for r in rows} == {"construction", "om", "manufacturing"}


def test_forecast_variants_and_other_sets(settings: Settings) -> None:
    runner = CliRunner()
    out = {}
    for variant in ("low", "central", "high"):
        r = runner.invoke(main, ["forecast", "--projects", CONTRACT, "--variant", variant, "--summary", "--json"])
        assert r.exit_code == 0, r.output
        out[variant] = json.loads(r.output)["construction_job_years"]
    assert out["low"] <= out["central"] <= out["high"]
    r = runner.invoke(main, ["forecast", "--projects", CONTRACT, "--factors", "rutovitz2015-oecd", "--json"])
    assert r.exit_code == 0, r.output


def test_import_then_forecast_and_tension_from_the_pipeline(settings: Settings) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["projects", "import", CONTRACT, "--pipeline", "plan", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == {"pipeline": "plan", "counts": {"projects": 4}}
    r = runner.invoke(main, ["projects", "list", "--pipeline", "plan", "--json"])
    assert [p["id"] for p in json.loads(r.output)] == ["sol-emmen", "wind-rdh", "wp-bosch", "net-zeeland"]
    r = runner.invoke(
        main,
        [
            "tension",
            "--pipeline",
            "plan",
            "--region",
            "Drenthe",
            "--occupation",
            "Electricians",
            "--quarter",
            "2027Q1",
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    (cell,) = json.loads(r.output)
    assert cell["region"] == "AM03" and cell["extra_demand_fte"] > 25


def test_a_bad_file_exits_2_with_the_row_and_column(settings: Settings) -> None:
    r = CliRunner().invoke(main, ["projects", "import", str(FIXTURES / "labour" / "projects_bad.csv")])
    assert r.exit_code == 2
    assert "projects_bad.csv:3 column 'technology'" in r.output
    r = CliRunner().invoke(main, ["projects", "list", "--json"])
    assert json.loads(r.output) == []


def test_regions_and_factors_commands(settings: Settings) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["regions", "show", "Den Bosch", "--json"])
    assert json.loads(r.output)["code"] == "GM0796"
    r = runner.invoke(main, ["regions", "list", "--json"])
    assert len(json.loads(r.output)) == 35
    r = runner.invoke(main, ["factors", "show", "nl-anchors", "--json"])
    assert any(row["technology"] == "heat_pump" for row in json.loads(r.output))


def test_supply_import_from_a_cbs_response(settings: Settings) -> None:
    cbs = FIXTURES / "cbs"
    runner = CliRunner()
    r = runner.invoke(
        main,
        [
            "supply",
            "import",
            str(cbs / "86112NED_Observations.json"),
            "--dimension",
            str(cbs / "86112NED_BeroepCodes.json"),
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["supply", "show", "--region", "AM24", "--occupation", "0761", "--json"])
    (row,) = json.loads(r.output)["rows"]
    assert row["employed"] == 4100
