"""Every supply figure says what it rests on; the regional basis and the national tension picture."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from krapte.labour.calibration import calibrated_job_seeker_rate, calibration_report, national_picture
from krapte.labour.supply import apply_supply_file, default_supply
from krapte.labour.supply_basis import region_basis, region_shares


def test_the_regional_basis_is_residential_installations_and_sums_to_one() -> None:
    shares = region_shares()
    assert len(shares) == 35 and sum(shares.values()) == pytest.approx(1.0, abs=1e-5)
    basis = region_basis()["AM18"]  # Groot Amsterdam: flats, few residential installations
    assert basis["share"] == pytest.approx(basis["residential_installations_2024"] / 2_916_555, abs=1e-6)
    assert basis["residential_installations_2024"] < basis["all_installations_2024"]


def test_the_default_split_uses_the_basis_and_says_so() -> None:
    s = default_supply()
    r = s.regions.index("AM18")
    assert s.measure("employed")[r].sum() / s.measure("employed").sum() == pytest.approx(
        region_shares()["AM18"], abs=1e-6
    )
    cell = s.cell("AM18", "0761")
    assert cell["basis_employed"].startswith("estimated: national employed per BRC group 2023 (CBS 85276NED)")
    assert "residential solar installations" in cell["basis_employed"]
    assert cell["basis_job_seekers"].startswith("estimated:") and "flat" in cell["basis_job_seekers"]
    assert any("region_share: ESTIMATED" in a for a in s.assumptions)
    assert not any("all solar installations" in a for a in s.assumptions)


def test_imported_cells_carry_their_source_as_basis(tmp_path: Path) -> None:
    path = tmp_path / "mijn_aanbod.csv"
    path.write_text("region,brc_group,employed\nAM24,0761,4100\n")
    s = apply_supply_file(path)
    assert s.cell("AM24", "0761")["basis_employed"] == f"imported: {path}"
    assert s.cell("AM24", "0761")["basis_vacancies"].startswith("estimated:")
    assert s.cell("AM01", "0761")["basis_employed"].startswith("estimated:")


def test_national_picture_next_to_the_published_2022q1_one() -> None:
    picture = national_picture(default_supply())
    assert picture["n_groups"] == 114 and picture["n_regions"] == 35
    assert picture["groups_short"] == 114  # flat rates: every group krap (published: 88 of 92)
    assert picture["regions_very_tight"] == 0  # published: 19 of 35 zeer krap
    rows = {r["published"]: r for r in calibration_report(default_supply())}
    assert rows["88 of 92"]["model"] == "114 of 114" and "A11" in rows["88 of 92"]["source"]
    assert rows["19 of 35"]["model"] == "0 of 35" and rows["19 of 35"]["published_period"] == "2022Q1"


def test_calibrated_job_seeker_rate_puts_the_national_indicator_on_target() -> None:
    s = default_supply()
    rate = calibrated_job_seeker_rate(s, 4.0)
    assert s.measure("vacancies").sum() / (rate * s.measure("employed").sum()) == pytest.approx(4.0)
    assert 0.01 < rate < 0.015
    assert np.isclose(calibrated_job_seeker_rate(s, 3.198811969323473), 0.015, atol=1e-6)
