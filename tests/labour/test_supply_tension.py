"""Supply defaults and user files; tension classes, flags and the plain tension() function."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from krapte.errors import InputError, NotFoundError
from krapte.labour.forecast import forecast
from krapte.labour.projects import Project
from krapte.labour.quarters import parse_quarter
from krapte.labour.supply import apply_supply_file, default_supply
from krapte.labour.tension import flag, ita_class, resolve_occupation, tension, tension_table, uwv_class


def test_default_supply_splits_the_real_national_employment_over_35_regions() -> None:
    s = default_supply()
    assert s.measure("employed").shape == (35, 114)
    electricians = s.groups.index("0761")
    assert s.measure("employed")[:, electricians].sum() == pytest.approx(89_000)
    assert any("ASSUMPTION" in a for a in s.assumptions)


def test_a_supply_file_replaces_cells_and_bad_rows_are_reported(tmp_path: Path) -> None:
    good = tmp_path / "s.csv"
    good.write_text("region,brc_group,employed,job_seekers\nZeeland,761,3000,120\n")
    s = apply_supply_file(good)
    assert s.cell("AM24", "0761")["employed"] == 3000 and s.cell("AM24", "0761")["job_seekers"] == 120
    bad = tmp_path / "bad.csv"
    bad.write_text("region,brc_group,employed\nAtlantis,0761,1\nAM24,9999,1\nAM24,0761,-3\n")
    with pytest.raises(InputError) as err:
        apply_supply_file(bad)
    assert [(p.line, p.column) for p in err.value.problems] == [(2, "region"), (3, "brc_group"), (4, "employed")]


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (0.1, "zeer ruim"),
        (0.25, "ruim"),
        (0.67, "gemiddeld"),
        (1.49, "gemiddeld"),
        (1.5, "krap"),
        (4.0, "krap"),
        (4.01, "zeer krap"),
    ],
)
def test_uwv_classes(value: float, name: str) -> None:
    assert uwv_class(value) == name


@pytest.mark.parametrize(
    ("value", "name"), [(0.85, "zeer goed"), (0.9, "goed"), (1.05, "redelijk"), (1.1, "matig"), (1.2, "slecht")]
)
def test_ita_classes(value: float, name: str) -> None:
    assert ita_class(value) == name


def test_flags() -> None:
    assert flag(1.0, 1.0) == "none"
    assert flag(1.5, 1.0) == "shortage"
    assert flag(1.0, 0.8) == "shortage"
    assert flag(4.5, 1.0) == "severe"


def test_extra_demand_raises_tension_by_hand_computed_amounts(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "region,brc_group,employed,replacement_per_year,inflow_per_year,job_seekers,vacancies\nAM03,0761,1000,50,50,100,100\n"
    )
    supply = apply_supply_file(path)
    q1 = parse_quarter("2027Q1")
    demand = forecast([Project("s", "Zon", "utility_solar", 100.0, "MW", "GM0114", start=q1, end=q1 + 3)])
    cell = tension_table(demand, supply).cell("AM03", "0761", "2027Q1")
    extra = 161 * 15.9 / 100.2  # electricians in the 161 FTE
    assert cell["extra_demand_fte"] == pytest.approx(extra, abs=1e-3)
    assert cell["spanningsindicator"] == pytest.approx((100 + extra) / 100, abs=1e-4)
    assert cell["ita"] == pytest.approx(50 / (50 + extra), abs=1e-4)
    assert cell["baseline_uwv_class"] == "gemiddeld" and cell["uwv_class"] == "gemiddeld"
    assert cell["ita_class"] == "zeer goed" and cell["flag"] == "shortage" and cell["new_shortage"]


def test_occupations_resolve_from_brc_isco_and_factor_set_names() -> None:
    assert resolve_occupation("0761") == "0761"
    assert resolve_occupation("7411") == "0761"
    assert resolve_occupation("Plumbers") == "0734"
    with pytest.raises(NotFoundError):
        resolve_occupation("astronaut")


def test_tension_is_a_plain_function_over_the_default_scenario() -> None:
    cell = tension("Zeeland", "Electricians", "2027Q2")
    assert cell["region"] == "AM24" and cell["brc_group"] == "0761" and cell["quarter"] == "2027Q2"
    assert cell["extra_demand_fte"] > 0
    assert cell["uwv_class"] in {"krap", "zeer krap"} and cell["flag"] in {"shortage", "severe"}
    far = tension("AM24", "7411", "2040Q1")  # beyond the horizon: the nearest forecast quarter
    assert far["quarter"] == "2033Q4"  # the national scenario's horizon ends in 2033Q4
    assert np.isfinite(far["spanningsindicator"])


def test_the_default_scenario_closes_the_gap_to_35_twh() -> None:
    from krapte.labour.res_scenario import region_paths, scenario_forecast

    paths = region_paths()
    assert len(paths) == 30
    # new production = new MW x 2024 full-load hours; must add up to 35 TWh - 29.799 TWh (CBS 85004NED 2024)
    flh_wind, flh_solar = 18021 / 6955, 11778 / 15871
    new_gwh = sum(
        p.extra_wind_mw * flh_wind + (p.extra_field_solar_mw + p.extra_roof_solar_mw) * flh_solar for p in paths
    )
    assert new_gwh == pytest.approx(35000 - 18021 - 11778)
    result = scenario_forecast(include_existing_om=True)
    assert result.quarters()[0] == "2025Q1" and result.quarters()[-1] == "2031Q4"
    assert result.om[:, :, -1].sum() > 0.09 * 15871  # at least the O&M of the large solar installed end 2024


def test_flagged_keeps_only_cells_the_projects_make_worse() -> None:
    from krapte.labour.tension import default_tension_table

    table = default_tension_table()
    flagged = table.rows(flagged=True)
    assert flagged and len(flagged) < table.uwv.size / 5
    assert all(r["extra_demand_fte"] > 0 and r["demand_effect"] in ("new shortage", "tighter") for r in flagged)
    labels = {r["label"] for r in flagged}
    assert "Kassamedewerkers" not in labels and "Bibliothecarissen en conservatoren" not in labels
    baseline = tension_table(None, default_supply())
    assert baseline.rows(flagged=True) == []  # no extra demand: nothing is flagged
    assert all(r["baseline_flag"] == "shortage" for r in baseline.rows(quarter="2026Q1")[:5])


@pytest.mark.parametrize(
    ("uwv", "ita", "start"),
    [
        ("krap", "goed", "agree"),
        ("zeer krap", "zeer goed", "agree"),
        ("krap", "slecht", "differ in time: tight now"),
        ("ruim", "goed", "differ in time: slack now"),
        ("gemiddeld", "redelijk", "no strong signal"),
    ],
)
def test_uwv_and_roa_classes_are_reconciled(uwv: str, ita: str, start: str) -> None:
    from krapte.labour.tension import interpret

    assert interpret(uwv, ita).startswith(start)


def test_rows_carry_region_names() -> None:
    assert default_supply().cell("AM27", "0761")["region_name"] == "Noordoost-Brabant"
    assert tension("Den Bosch", "0761", "2027Q2")["region_name"] == "Noordoost-Brabant"
