"""Planning a real project file: forecast profiles per start, capacity files, the CLI and the REST API."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from krapte.cli import main
from krapte.errors import InputError
from krapte.labour.planning_pipeline import plan_pipeline, read_capacity_file
from krapte.labour.projects import read_projects
from krapte.labour.quarters import parse_quarter
from tests.conftest import FIXTURES

PIPELINE = FIXTURES / "planning" / "pipeline.csv"
CAPACITY = FIXTURES / "planning" / "capacity.csv"


def test_colliding_drenthe_projects_are_spread_and_the_heat_pumps_stay_fixed() -> None:
    projects = read_projects(PIPELINE)
    plan = plan_pipeline(projects, capacity_file=CAPACITY, time_limit=20)
    body = plan.to_dict()

    assert body["status"] == "optimal"
    assert body["first"] == "2027Q1" and body["last"] == "2029Q1"
    assert body["unmet_fte_quarters"]["after"] < body["unmet_fte_quarters"]["before"]
    assert body["peak_shortage_fte"]["after"] <= body["peak_shortage_fte"]["before"]
    starts = {p["id"]: p for p in body["projects"]}
    assert "wp-emmen" not in starts  # a fixed window is background demand, never moved
    assert starts["zon-borger"]["start_before"] == "2027Q1"  # its start_quarter is the "before" schedule
    for p in projects:
        if p.id in starts:  # every new start lies inside the window [earliest_start, latest_end - duration + 1]
            after = parse_quarter(starts[p.id]["start_after"])
            assert p.earliest_start is not None and p.latest_end is not None
            assert p.earliest_start <= after <= p.latest_end - p.duration + 1
    moved = {m["project"] for m in body["moves"]}
    assert moved and moved <= set(starts)
    planned = {p.id: p for p in plan.planned_projects()}
    assert planned["wp-emmen"].start == parse_quarter("2027Q1")
    # all unmet demand of this Drenthe pipeline is in arbeidsmarktregio Drenthe (AM03)
    assert {(c["region"], c["region_name"]) for c in body["cells"]} == {("AM03", "Drenthe")}  # names next to codes


def test_capacity_file_rows_land_in_their_cells(tmp_path: Path) -> None:
    groups = ("0531", "0761", "0781")
    cap = read_capacity_file(CAPACITY, ("AM02", "AM03"), groups, parse_quarter("2027Q1"), 4)
    assert cap[1, 1].tolist() == [25.0] * 4  # Drenthe electricians, every quarter
    assert cap[1, 2].tolist() == [30.0] * 4  # BRC 0781 by code
    assert cap[1, 0].tolist() == [2.0, 0.0, 0.0, 0.0]  # construction managers only in 2027Q1
    assert not cap[0].any()


def test_a_bad_capacity_file_lists_every_problem_with_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "cap.csv"
    bad.write_text(
        "region,occupation,quarter,fte\nAtlantis,Electricians,,5\nDrenthe,Electricians,2027Q9,5\nDrenthe,0761,,-1\n"
    )
    with pytest.raises(InputError) as info:
        read_capacity_file(bad, ("AM03",), ("0761",), parse_quarter("2027Q1"), 4)
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 3
    assert "cap.csv:2 column 'region': unknown arbeidsmarktregio (value 'Atlantis')" in problems[0]
    assert ":3 column 'quarter'" in problems[1]
    assert ":4 column 'fte'" in problems[2]


def test_cli_plan_prints_json_with_moves_and_gap() -> None:
    result = CliRunner().invoke(
        main, ["plan", "--projects", str(PIPELINE), "--factors", "rutovitz2025", "--time-limit", "20", "--json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert set(body) >= {"moves", "mip_gap", "solve_seconds", "unmet_fte_quarters", "peak_shortage_fte", "cells"}
    assert 0.0 <= body["mip_gap"] <= 1.0
    text = CliRunner().invoke(main, ["plan", "--projects", str(PIPELINE), "--time-limit", "20"]).output
    assert "region_name" in text and "AM03" in text and "Drenthe" in text  # the table shows the name next to the code


def test_cli_plan_text_and_a_project_file_without_windows(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["plan", "--projects", str(PIPELINE), "--capacity", str(CAPACITY), "--time-limit", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "project(s) moved" in result.output and "optimality gap" in result.output
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(
        "id,name,technology,size,unit,gemeente,start_quarter,end_quarter\na,A,utility_solar,10,MW,Emmen,2027Q1,2027Q2\n"
    )
    result = runner.invoke(main, ["plan", "--projects", str(fixed)])
    assert result.exit_code == 2
    assert "no project has a planning window" in result.output


def test_demand_before_planning_equals_the_forecast_of_that_schedule() -> None:
    from krapte.labour.forecast import forecast

    projects = read_projects(PIPELINE)
    plan = plan_pipeline(projects, time_limit=10)
    fc = forecast(
        [p.with_start(p.start if p.start is not None else p.scheduled_start) for p in projects],
        first=plan.first,
        last=plan.first + plan.capacity.shape[2] - 1,
    )
    _, by_group = fc.by_brc()
    assert np.isclose(plan.result.demand_before.sum(), by_group.sum())
