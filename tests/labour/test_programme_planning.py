"""Planning across programmes, and the checks against published figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from krapte.labour.programme_checks import grid_check_2024, published_comparison, region_outlook, sensitivity
from krapte.labour.programme_planning import plan_programmes
from krapte.labour.programmes import national_scenario, summary_by_programme
from krapte.labour.quarters import format_quarter, parse_quarter


def _capacity(path: Path, region: str, group: str, blocked_year: int) -> Path:
    lines = ["region,occupation,quarter,fte"]
    for q in range(parse_quarter("2025Q1"), parse_quarter("2031Q4") + 1):
        label = format_quarter(q)
        lines.append(f"{region},{group},{label},{0 if label.startswith(str(blocked_year)) else 1e6}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_scarce_occupation_in_the_target_year_makes_that_target_slip(tmp_path: Path) -> None:
    entries = [e for e in national_scenario(["NPLW"]) if e.component == "insulation" and "AM24" in e.project.id]
    assert len(entries) == 6  # one tranche per year 2025-2030 in Zeeland
    cap = _capacity(tmp_path / "cap.csv", "AM24", "0733", 2030)  # insulation workers: none in 2030
    plan = plan_programmes(entries=entries, capacity_file=cap, time_limit=20)
    slips = {r["component"]: r for r in plan.slips()}
    row = slips["insulation"]
    assert row["tranches_moved"] == 1 and row["max_slip_quarters"] == 4
    assert row["quantity_late"] == pytest.approx(entries[-1].project.size, abs=0.1)
    assert row["unverified"] is True  # the insulation path rests on an assumed 2022-2024 pace
    by_prog = plan.by_programme()
    assert by_prog[0]["programme"] == "NPLW" and by_prog[0]["components_late"] == ["insulation"]


def test_without_scarcity_nothing_slips(tmp_path: Path) -> None:
    entries = [e for e in national_scenario(["NPLW"]) if e.component == "insulation" and "AM24" in e.project.id]
    cap = _capacity(tmp_path / "cap.csv", "AM24", "0733", 1999)
    plan = plan_programmes(entries=entries, capacity_file=cap, time_limit=20)
    assert all(r["quantity_late"] == 0 for r in plan.slips())
    body = plan.to_dict()
    assert body["by_programme"][0]["max_slip_quarters"] == 0 and "slips" in body


def test_planning_weighs_programmes_together() -> None:
    """Tranches of NPE and NPLW in one region compete for the same electricians (BRC 0761)."""
    entries = [
        e
        for e in national_scenario(["NPE", "NPLW"])
        if e.project.location == "AM24" and e.component in ("distribution_grid", "all_electric_homes")
    ]
    plan = plan_programmes(entries=entries, time_limit=20)
    assert {r["programme"] for r in plan.slips()} == {"NPE", "NPLW"}
    binding = plan.binding_groups()
    assert any(g["brc_group"] == "0761" for g in binding.get("NPE", []))


def test_published_comparison_names_every_comparable_study() -> None:
    rows = {r["study"]: r for r in published_comparison()}
    assert {"S03", "S04", "S05", "S12"} <= set(rows)
    grid = rows["S12"]
    summary = summary_by_programme()
    expected = sum(
        r["construction_fte_per_year_window"]
        for r in summary["by_component"]
        if r["component"] in ("distribution_grid", "hv_grid_onshore", "offshore_grid")
    )
    assert grid["scenario_value"] == pytest.approx(expected, abs=1)
    assert grid["published"].startswith("30000") and grid["difference"]


def test_sensitivity_brackets_the_central_value() -> None:
    rows = sensitivity(top=3)
    assert len(rows) == 3
    assert rows[0]["job_years_window"] >= rows[1]["job_years_window"] >= rows[2]["job_years_window"]
    for r in rows:
        assert r["low"] <= r["central"] <= r["high"] and r["low"] < r["high"], r["assumption"]


def test_grid_check_turns_realised_2024_km_into_job_years() -> None:
    rows = grid_check_2024()
    assert rows[0]["quantity"] == 1938 + 1812
    assert rows[0]["job_years"] == pytest.approx(rows[1]["job_years"], rel=1e-6)  # the scenario holds the 2024 pace


def test_region_outlook_splits_demand_by_programme() -> None:
    out = region_outlook("AM24", "0761", 2028)
    parts = sum(v["total_fte"] for v in out["demand_by_programme"].values())
    assert parts == pytest.approx(out["demand"]["total_fte"], abs=0.3)
    assert out["supply"]["employed"] > 0 and len(out["tension_by_quarter"]) == 4


def test_regional_figures_carry_the_unverified_share() -> None:
    zeeland = region_outlook("AM24", "0761", 2028)["unverified_share"]
    assert 0 < zeeland < 1  # offshore grid and electrolysers (unverified) next to TenneT onshore (verified)
    insulation = region_outlook("AM24", "0733", 2026)  # insulation workers: the insulation path is unverified
    assert insulation["unverified_share"] == pytest.approx(1.0)
