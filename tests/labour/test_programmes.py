"""The national programmes scenario: its build, the new factor units, the programme filter and the summaries."""

from __future__ import annotations

import csv
import hashlib
import json
from importlib import resources
from pathlib import Path

import pytest

from krapte.errors import NotFoundError, ValidationError
from krapte.labour.charts import programme_chart
from krapte.labour.factors import factor_set, factor_set_names
from krapte.labour.forecast import forecast
from krapte.labour.programmes import (
    FACTOR_SET,
    PROGRAMMES,
    components,
    named_scenario_projects,
    national_forecast_summary,
    national_projects,
    national_scenario,
    programme_series,
    scenario_factor_set,
    scenario_names,
    scenario_table,
    share_vector_check,
    summary_by_programme,
)
from krapte.labour.projects import Project, read_projects
from krapte.labour.quarters import parse_quarter
from krapte.labour.regions import default_regions
from krapte.labour.res_scenario import scenario_projects
from krapte.labour.scenarios import Scenario, apply_productivity

Q = parse_quarter


def _component(programme: str, name: str):  # type: ignore[no-untyped-def]
    return next(c for c in components() if (c.programme, c.component) == (programme, name))


# --- the build ------------------------------------------------------------------------------------------------------
def test_the_embedded_files_match_their_provenance_checksums() -> None:
    folder = resources.files("krapte.data") / "programmes-nl-2030"
    prov = json.loads((folder / "provenance.json").read_text("utf-8"))
    for name, sha in prov["sha256"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == sha, name


def test_quantities_follow_their_sources_to_the_target_year() -> None:
    insulation = _component("NPLW", "insulation")
    assert insulation.quantity_total == 2_500_000  # T090
    assert insulation.quantity_2025_2030 == 2_500_000 - 3 * 65_000  # 2022-2024 at the 2021 pace (T094 note)
    offshore = _component("NPE", "offshore_wind")
    assert 4.7 + offshore.quantity_total / 1000 == pytest.approx(21.0, abs=0.1)  # T015 -> T011
    assert offshore.target_year == 2032 and offshore.unverified  # T011 is flagged unverified in the source
    grid = _component("NPE", "distribution_grid")
    assert grid.quantity_2025_2030 == pytest.approx((1938 + 1812) * 6)  # T049 + T050 held for six years
    assert "T049" in grid.sources and not grid.unverified


def test_every_tranche_sums_to_its_component_and_carries_its_flag() -> None:
    entries = national_scenario()
    for comp in components():
        if not comp.technology or comp.programme == "RES":
            continue
        group = [e for e in entries if (e.programme, e.component) == (comp.programme, comp.component)]
        # paths beyond 2030 are placed whole; NPLW targets count from 2022, so only their 2025-2030 part is placed
        expected = comp.quantity_total if comp.last_year > 2030 else comp.quantity_2025_2030
        assert sum(e.project.size for e in group) == pytest.approx(expected, rel=1e-6), comp.component
        assert all(e.unverified == comp.unverified for e in group), comp.component


def test_every_location_resolves_and_every_technology_has_occupations() -> None:
    regions = default_regions()
    for loc in {p.location for p in national_projects()}:
        assert abs(sum(regions.am_weights(loc).values()) - 1) < 1e-9
    assert share_vector_check() == []


def test_res_part_is_the_old_path_without_heat_pumps() -> None:
    res = [p for p in national_projects(["RES"])]
    old = [p for p in scenario_projects() if p.technology != "heat_pump"]
    assert [(p.id, p.size) for p in res] == [(p.id, p.size) for p in old]
    assert all(p.end is not None and p.latest_end == p.end + 4 for p in res)  # a year of slack for the planner


# --- factor units ---------------------------------------------------------------------------------------------------
def test_the_set_is_named_and_falls_back_for_res_technologies() -> None:
    assert FACTOR_SET in factor_set_names()
    fs = factor_set(FACTOR_SET)
    assert fs.factor("onshore_wind", "construction").set == "rutovitz2025"  # type: ignore[union-attr]
    assert fs.factor("offshore_wind_farm", "construction").basis.startswith("NL")  # type: ignore[union-attr]
    assert "not Dutch" in fs.factor("charging_point", "construction").basis  # type: ignore[union-attr]
    assert "per EUR mln" in fs.factor("hv_grid", "construction").basis  # type: ignore[union-attr]


def test_per_km_per_home_and_per_connection_factors_turn_physical_work_into_job_years() -> None:
    fs = factor_set(FACTOR_SET)

    def job_years(tech: str, size: float, unit: str) -> float:
        p = Project("x", "x", tech, size, unit, "GM0654", start=Q("2027Q1"), end=Q("2027Q4"))
        return float(forecast([p], fs).construction.sum()) / 4

    # Stedin plans: (825 + 924) EUR mln / (1300 + 700) km x 1.9 x 1.65 job-years per EUR mln
    assert job_years("distribution_cable", 10, "km") == pytest.approx(10 * 1749 / 2000 * 1.9 * 1.65, rel=1e-4)
    assert job_years("insulation_measure", 1000, "units") == pytest.approx(1000 * 2000 * 10.6e-6)
    assert job_years("heat_network_connection", 100, "units") == pytest.approx(100 * 0.02 * 3.135)


def test_heat_pump_hours_fall_over_time_in_the_new_set_only() -> None:
    fs = factor_set(FACTOR_SET)
    hours = {y: fs.value("heat_pump", "construction", "central", y) * 1600 for y in (2020, 2022, 2025, 2026, 2030)}
    assert hours == pytest.approx({2020: 32, 2022: 32, 2025: 14, 2026: 12, 2030: 12})
    assert fs.value("heat_pump", "construction", "central", 2024) * 1600 == pytest.approx(32 - 2 * 18 / 3)
    assert fs.value("heat_pump", "construction", "high", 2030) * 1600 == pytest.approx(14)
    old = factor_set("rutovitz2025")  # the existing sets keep their constant 14 h (nl-anchors)
    assert old.value("heat_pump", "construction", "central", 2022) * 1600 == pytest.approx(14)


def test_a_scenario_with_fixed_hours_replaces_the_schedule() -> None:
    fs = apply_productivity(factor_set(FACTOR_SET), Scenario("x", hours_per_unit={"heat_pump": 20}))
    assert fs.value("heat_pump", "construction", "central", 2022) * 1600 == pytest.approx(20)
    halved = apply_productivity(factor_set(FACTOR_SET), Scenario("y", productivity={"heat_pump": 0.5}))
    assert halved.value("heat_pump", "construction", "central", 2022) * 1600 == pytest.approx(16)


# --- the programme filter and named scenarios -----------------------------------------------------------------------
def test_the_programme_filter_selects_and_checks_names() -> None:
    nplw = national_scenario(["nplw"])
    assert nplw and {e.programme for e in nplw} == {"NPLW"}
    assert len(national_scenario(["RES", "NPE"])) + len(nplw) == len(national_scenario())
    with pytest.raises(ValidationError, match="unknown programme"):
        national_scenario(["NPX"])


def test_named_scenarios_keep_the_old_default_available() -> None:
    assert scenario_names()[0] == "nl-programmes-2030"
    assert [p.id for p in named_scenario_projects("res-35twh")] == [p.id for p in scenario_projects()]
    assert scenario_factor_set("res-35twh") == "rutovitz2025" and scenario_factor_set() == FACTOR_SET
    assert len(named_scenario_projects("nl-programmes-2030", ["NPE"])) == len(national_scenario(["NPE"]))
    with pytest.raises(NotFoundError):
        named_scenario_projects("nope")


# --- summaries ------------------------------------------------------------------------------------------------------
def test_summary_adds_up_by_programme_and_component() -> None:
    s = summary_by_programme()
    total = s["total"]["construction_job_years"]
    assert sum(r["construction_job_years"] for r in s["by_programme"]) == pytest.approx(total, abs=0.5)
    assert sum(r["construction_job_years"] for r in s["by_component"]) == pytest.approx(total, abs=1.0)
    assert [r["programme"] for r in s["by_programme"]] == list(PROGRAMMES)
    # the national scale the issue asks for: tens of thousands of construction FTE a year, not ~3,000
    assert 20_000 < s["total"]["construction_fte_per_year_window"] < 80_000
    assert 0 < s["unverified_share_window"] < 1
    flagged = {r["component"] for r in s["by_component"] if r["unverified"]}
    assert "offshore_wind" in flagged and "all_electric_homes" not in flagged


def test_summary_of_one_programme_equals_its_row_in_the_national_summary() -> None:
    national = {r["programme"]: r for r in summary_by_programme()["by_programme"]}
    npe = summary_by_programme(national_scenario(["NPE"]))
    assert npe["total"]["construction_job_years"] == pytest.approx(national["NPE"]["construction_job_years"])
    assert [r["programme"] for r in npe["by_programme"]] == ["NPE"]


def test_the_cli_summary_body_adds_programmes_to_the_forecast_summary() -> None:
    body = national_forecast_summary(programmes=["NPE", "RES"])
    assert body["factors"] == FACTOR_SET and body["programmes"] == ["NPE", "RES"]
    assert [r["programme"] for r in body["by_programme"]] == ["RES", "NPE"]
    assert {r["programme"] for r in body["by_component"]} == {"RES", "NPE"}
    assert body["construction_job_years"] == pytest.approx(
        sum(r["construction_job_years"] for r in body["by_programme"]), abs=0.5
    )


def test_programme_series_feed_a_side_by_side_chart() -> None:
    quarters, series = programme_series(phase="construction")
    assert list(series) == list(PROGRAMMES) and all(v.shape == (len(quarters),) for v in series.values())
    png = programme_chart(quarters, series, title="Bouw-FTE per programma")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValidationError):
        programme_series(phase="fuel")


def test_the_exported_scenario_reads_back_as_a_project_file(tmp_path: Path) -> None:
    rows = scenario_table(["NPE"])
    path = tmp_path / "npe.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    back = read_projects(path, factors=factor_set(FACTOR_SET))
    original = national_projects(["NPE"])
    assert [(p.id, p.technology, p.start, p.latest_end) for p in back] == [
        (p.id, p.technology, p.start, p.latest_end) for p in original
    ]
    assert sum(p.size for p in back) == pytest.approx(sum(p.size for p in original))


def test_the_housing_proxy_per_gemeente_sums_to_the_arbeidsmarktregio_weights() -> None:
    folder = resources.files("krapte.data") / "programmes-nl-2030"
    per_gm = list(csv.DictReader((folder / "gemeente_housing_proxy.csv").read_text("utf-8").splitlines()))
    assert len(per_gm) == 342
    total = sum(float(r["home_solar_2024"]) for r in per_gm)
    zeeland = sum(float(r["home_solar_2024"]) for r in per_gm if r["arbeidsmarktregio"] == "AM24") / total
    weights = {r["arbeidsmarktregio"]: r for r in csv.DictReader((folder / "am_weights.csv").read_text().splitlines())}
    assert float(weights["AM24"]["housing"]) == pytest.approx(zeeland, rel=1e-6)
    insulation = [e for e in national_scenario(["NPLW"]) if e.component == "insulation"]
    share = sum(e.project.size for e in insulation if e.project.location == "AM24") / sum(
        e.project.size for e in insulation
    )
    assert share == pytest.approx(zeeland, rel=1e-6)
