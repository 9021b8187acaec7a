"""The forecast formula checked on hand-computed cases, and the vectorised engine against the per-project loop."""

from __future__ import annotations

import numpy as np
import pytest

from krapte.labour.factors import factor_set
from krapte.labour.forecast import forecast, forecast_naive, project_demand_profile
from krapte.labour.projects import Project
from krapte.labour.quarters import parse_quarter

Q1 = parse_quarter("2027Q1")


def solar(size: float = 100.0, location: str = "GM0114", **kw: object) -> Project:
    args: dict[str, object] = {"start": Q1, "end": Q1 + 3, **kw}
    return Project("s", "Zon", "utility_solar", size, "MW", location, **args)  # type: ignore[arg-type]


def test_100_mw_utility_solar_gives_161_fte_in_each_of_four_quarters() -> None:
    result = forecast([solar()], factor_set("rutovitz2025"), "central")
    am = result.regions.index("AM03")  # Emmen lies in arbeidsmarktregio Drenthe
    per_quarter = result.construction[am].sum(axis=0)
    assert per_quarter[:4] == pytest.approx([161.0] * 4)
    assert per_quarter[4:] == pytest.approx([0.0] * (len(per_quarter) - 4))
    assert result.construction.sum() - result.construction[am].sum() == pytest.approx(0.0)


def test_the_161_fte_are_split_by_the_rutovitz2025_utility_pv_shares() -> None:
    result = forecast([solar()])
    am = result.regions.index("AM03")
    electricians = result.occupations.index("Electricians")
    labourers = result.occupations.index("Construction labourers")
    # Table 5: electricians 15.9 %, construction labourers 22.6 %, column total 100.2 %
    assert result.construction[am, electricians, 0] == pytest.approx(161 * 15.9 / 100.2, rel=1e-5)
    assert result.construction[am, labourers, 0] == pytest.approx(161 * 22.6 / 100.2, rel=1e-5)


def test_om_starts_at_commissioning_and_manufacturing_is_national() -> None:
    result = forecast([solar()])
    om_per_quarter = result.om.sum(axis=(0, 1))
    assert om_per_quarter[:4] == pytest.approx([0.0] * 4)
    assert om_per_quarter[4:] == pytest.approx([0.09 * 100] * (len(om_per_quarter) - 4))  # 9 FTE
    assert result.manufacturing[:4] == pytest.approx([3.08 * 100] * 4)  # 308 job-years over one year
    rows = [r for r in result.rows() if r["phase"] == "manufacturing"]
    assert {r["region"] for r in rows} == {"NL"} and len(rows) == 4


def test_a_res_region_is_spread_with_the_overlap_weights() -> None:
    result = forecast([solar(location="ES16")])
    total = result.construction.sum(axis=(1, 2)) / 4
    assert total.sum() == pytest.approx(161.0)
    assert total[result.regions.index("AM12")] == pytest.approx(161 * 6 / 27)


def test_a_profile_replaces_the_uniform_spread() -> None:
    result = forecast([solar(profile=(0.1, 0.2, 0.3, 0.4))])
    per_quarter = result.construction.sum(axis=(0, 1))[:4]
    assert per_quarter == pytest.approx([4 * 161 * w for w in (0.1, 0.2, 0.3, 0.4)])


def test_variants_order_low_central_high() -> None:
    p = [Project("w", "Wind", "onshore_wind", 50.0, "MW", "GM0114", start=Q1, end=Q1 + 7)]
    totals = [forecast(p, variant=v).construction.sum() for v in ("low", "central", "high")]  # type: ignore[arg-type]
    assert totals[0] <= totals[1] <= totals[2] and totals[0] < totals[2]
    assert totals[1] / 4 == pytest.approx(2.65 * 50)


def test_rutovitz2015_applies_the_decline_for_the_start_year() -> None:
    result = forecast([solar()], factor_set("rutovitz2015-oecd"))
    expected = 13.0 * 0.59 ** (12 / 15) * 100  # 2027 is 12 of the 15 years to 2030
    assert result.construction.sum() / 4 == pytest.approx(expected)


def test_the_demand_profile_for_planning_matches_the_forecast_at_any_start() -> None:
    p = solar(location="ES23")
    profile = project_demand_profile(p, start=Q1 + 2)
    assert profile.construction.shape == (len(profile.regions), len(profile.occupations), 4)
    assert profile.region_weights.sum() == pytest.approx(1.0)
    moved = Project(**{**p.__dict__, "start": Q1 + 2, "end": Q1 + 5})
    dense = profile.at(Q1, 12, forecast([moved]).regions)
    assert dense == pytest.approx(forecast([moved], first=Q1, last=Q1 + 11).total)


def test_vectorised_forecast_equals_the_per_project_loop() -> None:
    rng = np.random.default_rng(7)
    techs = ["utility_solar", "rooftop_solar", "onshore_wind", "heat_pump", "transmission_line", "substation"]
    units = {"heat_pump": "units", "transmission_line": "km", "substation": "EUR_mln"}
    locations = ["GM0114", "ES16", "AM22", "GM0363", "ES03"]
    projects = []
    for i in range(60):
        start = Q1 + int(rng.integers(0, 12))
        tech = techs[i % len(techs)]
        projects.append(
            Project(
                f"p{i}",
                "p",
                tech,
                float(rng.uniform(1, 200)),
                units.get(tech, "MW"),
                locations[i % 5],
                start=start,
                end=start + int(rng.integers(0, 6)),
            )
        )
    fast = forecast(projects, factor_set("rutovitz2015-oecd"), "high")
    slow = forecast_naive(projects, factor_set("rutovitz2015-oecd"), "high", first=fast.first, last=fast.last)
    assert fast.total == pytest.approx(slow)
    # a calendar that cuts windows at both ends, and projects with profiles
    projects[0] = Project(**{**projects[0].__dict__, "end": projects[0].start + 3, "profile": (0.4, 0.3, 0.2, 0.1)})
    cut = forecast(projects, first=Q1 + 3, last=Q1 + 8)
    assert cut.total == pytest.approx(forecast_naive(projects, first=Q1 + 3, last=Q1 + 8))
    assert cut.manufacturing.sum() > 0


def test_rows_carry_isco_and_brc_codes() -> None:
    row = next(r for r in forecast([solar()]).rows() if r["occupation"] == "Electricians")
    assert row["isco"] == "7411" and row["brc_group"] == "0761" and row["region"] == "AM03"
    assert set(row) >= {"region", "occupation", "quarter", "phase", "fte"}
