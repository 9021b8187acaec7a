"""Named factor sets: values, sources, ranges, decline, occupation shares and user overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from krapte.errors import InputError, NotFoundError, ValidationError
from krapte.labour.factors import (
    describe,
    factor_set,
    factor_set_names,
    load_factor_file,
    parse_factor_overrides,
    resolve_factors,
)


def test_the_required_sets_are_there() -> None:
    names = factor_set_names()
    for name in ("rutovitz2025", "rutovitz2015-oecd", "jedi-us", "i-jedi-colombia", "qbis-dk-2020", "nl-anchors"):
        assert name in names


def test_rutovitz2025_values_come_from_table3_with_their_unit_and_source() -> None:
    f = factor_set("rutovitz2025").factor("utility_solar", "construction")
    assert f is not None
    assert f.central == 1.61 and f.unit == "job-years per MW" and "Table 3" in f.source
    om = factor_set("rutovitz2025").factor("onshore_wind", "om")
    assert om is not None and om.central == 0.21 and om.unit == "jobs per MW"
    assert factor_set("rutovitz2025").factor("transmission_line", "construction").central == 3.7  # type: ignore[union-attr]


def test_low_and_high_span_the_sources_where_they_disagree() -> None:
    f = factor_set("rutovitz2025").factor("onshore_wind", "construction")
    assert f is not None
    assert f.low == 2.65 and f.high > 3.2  # Rutovitz 2015 OECD 3.2, I-JEDI (split) higher
    assert f.low <= f.central <= f.high


def test_rutovitz2015_declines_pv_by_41_percent_to_2030_and_not_beyond() -> None:
    fs = factor_set("rutovitz2015-oecd")
    assert fs.value("utility_solar", "construction", year=2015) == pytest.approx(13.0)
    assert fs.value("utility_solar", "construction", year=2030) == pytest.approx(13.0 * 0.59)
    assert fs.value("utility_solar", "construction", year=2040) == pytest.approx(13.0 * 0.59)
    assert fs.value("onshore_wind", "construction", year=2030) == pytest.approx(3.2 * 0.95)


def test_heat_pump_hours_become_job_years_per_unit() -> None:
    f = factor_set("nl-anchors").factor("heat_pump", "construction")
    assert f is not None
    assert (f.low, f.central, f.high) == pytest.approx((12 / 1600, 14 / 1600, 32 / 1600))


def test_sets_fall_back_to_rutovitz2025_then_nl_anchors_and_say_so() -> None:
    fs = factor_set("qbis-dk-2020")
    assert fs.factor("offshore_wind", "construction").set == "qbis-dk-2020"  # type: ignore[union-attr]
    assert fs.factor("utility_solar", "construction").set == "rutovitz2025"  # type: ignore[union-attr]
    assert fs.factor("heat_pump", "construction").set == "nl-anchors"  # type: ignore[union-attr]


def test_shares_sum_to_one_and_every_occupation_has_isco_and_brc_codes() -> None:
    fs = factor_set()
    for tech in fs.technologies:
        vec = fs.share_vector(tech, "construction")
        assert vec.sum() == pytest.approx(1.0), tech
    for occ in fs.occupations:
        assert occ.isco and all(len(c) == 4 for c in occ.isco)
        assert len(occ.brc_group) == 4
    assert fs.occupation("Electricians").isco[0] == "7411"
    assert fs.occupation("Electricians").brc_group == "0761"


def test_describe_lists_every_factor_with_its_source() -> None:
    rows = describe(factor_set("rutovitz2015-oecd"))
    assert all(r["source"] for r in rows)
    assert any(r["decline_2015_2030"] == 0.41 for r in rows)


def test_an_unknown_set_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="no factor set"):
        factor_set("nope")


def test_variant_must_be_low_central_or_high() -> None:
    with pytest.raises(ValidationError):
        factor_set().value("utility_solar", "construction", "median")  # type: ignore[arg-type]


def test_a_user_file_overrides_single_factors(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("technology,phase,low,central,high,source\nutility_solar,construction,1.0,2.0,3.0,own survey\n")
    fs = load_factor_file(path)
    f = fs.factor("utility_solar", "construction")
    assert f is not None and (f.low, f.central, f.high) == (1.0, 2.0, 3.0) and f.source == "own survey"
    assert fs.factor("onshore_wind", "construction").central == 2.65  # type: ignore[union-attr]


def test_factor_sets_are_chosen_by_name_never_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("technology,phase,central\nutility_solar,construction,2.0\n")
    with pytest.raises(ValidationError):
        resolve_factors(str(path))  # a request can never make krapte open a file
    text = path.read_text()
    assert parse_factor_overrides(text, label="mine.csv").factor("utility_solar", "construction").central == 2.0  # type: ignore[union-attr]


def test_a_bad_user_file_reports_every_row_and_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("technology,phase,central\nwarp_drive,construction,1\nutility_solar,build,1\nutility_solar,om,x\n")
    with pytest.raises(InputError) as err:
        load_factor_file(path)
    lines = [(p.line, p.column) for p in err.value.problems]
    assert lines == [(2, "technology"), (3, "phase"), (4, "central")]


def test_occupations_map_to_esco_occupations_through_their_isco_codes() -> None:
    from krapte.labour.esco import esco_occupations

    found = esco_occupations("Electricians")
    assert found and all(e["isco"] in ("7411", "7412") for e in found)
    assert all(e["uri"].startswith("http://data.europa.eu/esco/occupation/") for e in found)
