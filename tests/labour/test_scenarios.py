"""Scenarios: file formats, each kind of change checked by hand, and the CLI/API comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from krapte.cli import main
from krapte.errors import InputError, ValidationError
from krapte.labour.projects import read_projects
from krapte.labour.scenarios import Scenario, compare_scenarios, read_scenarios
from tests.conftest import FIXTURES

PIPELINE = FIXTURES / "planning" / "pipeline.csv"
SCENARIOS = FIXTURES / "planning" / "scenarios.toml"


@pytest.fixture(scope="module")
def rows() -> dict[str, dict]:  # type: ignore[type-arg]
    comparison = compare_scenarios(read_projects(PIPELINE), read_scenarios(SCENARIOS))
    return {r["scenario"]: r for r in comparison.rows()}


def test_the_toml_file_gives_five_named_scenarios() -> None:
    scenarios = read_scenarios(SCENARIOS)
    assert [s.name for s in scenarios] == ["basis", "wind-later", "warmtepomp-32u", "opleiding-drenthe", "hoog"]
    assert scenarios[1].shift == {"wind-drenthe": 4}
    assert scenarios[3].inflow[0].fte_per_year == 40.0
    assert scenarios[0].variant == "central"  # from [defaults]


def test_heat_pumps_at_32_hours_add_exactly_the_extra_hours(rows) -> None:  # type: ignore[no-untyped-def]
    # 800 heat pumps × (32 − 14) hours / 1,600 hours per FTE-year = 9 job-years more
    delta = rows["warmtepomp-32u"]["delta_construction_job_years"]
    assert delta == pytest.approx(800 * (32 - 14) / 1600)


def test_a_delay_keeps_the_work_but_moves_the_peak(rows) -> None:  # type: ignore[no-untyped-def]
    assert rows["wind-later"]["construction_job_years"] == rows["basis"]["construction_job_years"]
    assert rows["wind-later"]["peak_fte"] < rows["basis"]["peak_fte"]


def test_training_inflow_lowers_unmet_demand_but_not_demand(rows) -> None:  # type: ignore[no-untyped-def]
    assert rows["opleiding-drenthe"]["construction_job_years"] == rows["basis"]["construction_job_years"]
    assert rows["opleiding-drenthe"]["delta_unmet_fte_quarters"] < 0


def test_the_high_variant_needs_more_workers(rows) -> None:  # type: ignore[no-untyped-def]
    assert rows["hoog"]["variant"] == "high"
    assert rows["hoog"]["construction_job_years"] > rows["basis"]["construction_job_years"]


def test_json_scenarios_and_errors_name_the_scenario_and_key(tmp_path: Path) -> None:
    good = tmp_path / "s.json"
    good.write_text(json.dumps({"scenarios": [{"name": "a"}, {"name": "b", "productivity": {"heat_pump": 0.5}}]}))
    assert [s.name for s in read_scenarios(good)] == ["a", "b"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[scenarios]]\nname = "x"\nspeed = 3\n')
    with pytest.raises(InputError, match=r"bad.toml.*scenario 'x': unknown key\(s\) \['speed'\]"):
        read_scenarios(bad)
    bad.write_text('[[scenarios]]\nname = "x"\nvariant = "extreme"\n')
    with pytest.raises(InputError, match="scenario 'x': variant 'extreme' is not known"):
        read_scenarios(bad)
    bad.write_text("[[scenarios]\n")
    with pytest.raises(InputError, match="not valid TOML"):
        read_scenarios(bad)


def test_shifting_an_unknown_project_is_an_error() -> None:
    with pytest.raises(ValidationError, match="'nope', which is not in the pipeline"):
        compare_scenarios(read_projects(PIPELINE), [Scenario("x", shift={"nope": 1})])


def test_cli_compare_json_and_example() -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["scenarios", "compare", "--projects", str(PIPELINE), "--scenarios", str(SCENARIOS), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["scenario"] == "basis"
    example = runner.invoke(main, ["scenarios", "example"])
    assert "[[scenarios]]" in example.output
