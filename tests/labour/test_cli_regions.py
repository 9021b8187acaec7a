"""The commands wired to the regional work: names next to codes, supply from UWV/WW/graduates files, calibration,
the national scenario's summary."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from krapte.cli import main
from krapte.settings import Settings
from tests.conftest import FIXTURES

IMPORT = FIXTURES / "labour-import"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_regions_show_prints_names_next_to_codes(settings: Settings) -> None:
    out = run("regions", "show", "Den Bosch")
    assert out.startswith("GM0796  's-Hertogenbosch  (gemeente")
    assert "AM27 Noordoost-Brabant" in out and "ES27 Noordoost-Brabant" in out and "PV30 Noord-Brabant" in out
    body = json.loads(run("regions", "show", "ES23", "--json"))
    assert {"code": "AM22", "name": "Rijnmond"} in body["arbeidsmarktregios"]


def test_supply_import_uwv_replaces_cells_and_shows_their_source(settings: Settings) -> None:
    before = json.loads(run("supply", "show", "--region", "AM01", "--occupation", "0761", "--json"))["rows"][0]
    assert before["basis_job_seekers"].startswith("estimated")
    out = run("supply", "import", "--uwv", str(IMPORT / "uwv_spanningsindicator_beroep_regio.csv"), "--json")
    assert json.loads(out)["counts"]["cells"] == 10
    after = json.loads(run("supply", "show", "--region", "AM01", "--occupation", "0761", "--json"))["rows"][0]
    assert after["vacancies"] == 390 and after["job_seekers"] == 65
    assert after["basis_job_seekers"].startswith("imported") and "UWV spanningsindicator" in after["basis_job_seekers"]


def test_supply_import_ww_and_graduates(settings: Settings) -> None:
    out = run("supply", "import", "--ww", str(IMPORT / "ww_beroep_regio.csv"))
    assert out.startswith("imported ") and "ww_beroep_regio.csv" in out
    run("supply", "import", "--graduates", str(IMPORT / "gediplomeerden_beroep_regio.csv"))
    rows = json.loads(run("supply", "show", "--region", "Twente", "--occupation", "0761", "--json"))["rows"]
    assert rows[0]["inflow_per_year"] == 210 and "gediplomeerden_beroep_regio.csv" in rows[0]["basis_inflow_per_year"]


def test_supply_import_needs_exactly_one_file(settings: Settings) -> None:
    result = CliRunner().invoke(main, ["supply", "import"])
    assert result.exit_code != 0 and "give one file" in result.output
    both = ["supply", "import", "--ww", str(IMPORT / "ww_regio.csv"), "--graduates", str(IMPORT / "ww_regio.csv")]
    assert CliRunner().invoke(main, both).exit_code != 0


def test_supply_show_reports_the_calibration_against_published_uwv_figures(settings: Settings) -> None:
    out = run("supply", "show", "--region", "AM27", "--occupation", "0761")
    assert "# calibration: beroepsgroepen krap or zeer krap" in out and "published 88 of 92" in out
    assert "AM27 Noordoost-Brabant" in out  # the region with its name
    body = json.loads(run("supply", "show", "--region", "AM27", "--occupation", "0761", "--json"))
    assert [c["published"] for c in body["calibration"]] == ["88 of 92", "19 of 35"]


def test_tension_flagged_help_says_what_a_flag_means(settings: Settings) -> None:
    assert "new shortage or a tighter class" in " ".join(run("tension", "--help").split())


def test_national_summary_json_has_programmes_and_the_unverified_share(settings: Settings) -> None:
    body = json.loads(run("forecast", "--scenario", "nl-programmes-2030", "--summary", "--json"))
    assert [p["programme"] for p in body["by_programme"]] == ["RES", "NPE", "NPLW"]
    assert body["window"] == ["2025Q1", "2030Q4"] and 0 < body["unverified_share_window"] < 1
    assert {c["programme"] for c in body["by_component"]} == {"RES", "NPE", "NPLW"}
    npe = json.loads(run("forecast", "--scenario", "nl-programmes-2030", "--programme", "NPE", "--summary", "--json"))
    assert npe["programmes"] == ["NPE"] and [p["programme"] for p in npe["by_programme"]] == ["NPE"]
    assert npe["construction_job_years"] < body["construction_job_years"]
    text = run("forecast", "--scenario", "nl-programmes-2030", "--summary")
    assert "rest on quantities flagged unverified" in text


def test_forecast_without_projects_is_the_national_scenario_and_res_35twh_stays_by_name(settings: Settings) -> None:
    default = json.loads(run("forecast", "--summary", "--json"))
    assert default["scenario"] == "nl-programmes-2030" and default["factors"].startswith("nl-programmes-2030")
    programmes = {p["programme"]: p for p in default["by_programme"]}
    assert set(programmes) == {"RES", "NPE", "NPLW"}
    for key in ("construction_job_years", "peak_fte"):  # totals of construction job-years and peak FTE
        assert all(p[key] > 0 for p in programmes.values())
    components = {(c["programme"], c["component"]) for c in default["by_component"]}
    assert ("NPE", "offshore_wind") in components and ("NPLW", "insulation") in components
    total = sum(p["construction_job_years"] for p in programmes.values())
    assert total == pytest.approx(default["construction_job_years"], rel=1e-3)
    res = json.loads(run("forecast", "--scenario", "res-35twh", "--summary", "--json"))
    assert res["factors"] == "rutovitz2025" and "by_programme" not in res
    assert res["construction_job_years"] < default["construction_job_years"] / 5
