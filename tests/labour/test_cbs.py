"""CBS importers on recorded OData v3/v4 responses and a StatLine CSV export (tests/fixtures/cbs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from krapte.errors import InputError
from krapte.labour.cbs import parse_cbs_table, read_supply_source
from krapte.labour.supply import default_supply
from tests.conftest import FIXTURES

CBS = FIXTURES / "cbs"


def _by_group(cells: list[tuple[str, str, str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for _, group, _, value in cells:
        out[group] = out.get(group, 0.0) + value
    return out


def test_odata_v3_typed_dataset_with_its_beroep_dimension() -> None:
    cells = parse_cbs_table(CBS / "85276NED_TypedDataSet.json", dimension=CBS / "85276NED_Beroep.json")
    totals = _by_group(cells)
    # latest period, totals of Geslacht only, thousands scaled to persons, class row "07" skipped
    assert totals["0761"] == pytest.approx(89_000)
    assert totals["0712"] == pytest.approx(165_000)
    assert set(totals) == {"0712", "0713", "0733", "0734", "0761", "0781"}
    # a national table is split over the 35 regions with the default regional shares
    regions = {r for r, g, _, _ in cells if g == "0761"}
    assert len(regions) == 35
    assert all(m == "employed" for _, _, m, _ in cells)


def test_odata_v3_without_the_dimension_cannot_decode_keys() -> None:
    with pytest.raises(InputError, match="--dimension"):
        parse_cbs_table(CBS / "85276NED_TypedDataSet.json")


def test_odata_v4_observations_by_arbeidsmarktregio() -> None:
    cells = parse_cbs_table(CBS / "86112NED_Observations.json", dimension=CBS / "86112NED_BeroepCodes.json")
    assert sorted(cells) == [
        ("AM22", "0761", "employed", pytest.approx(9_800)),
        ("AM24", "0734", "employed", pytest.approx(2_000)),
        ("AM24", "0761", "employed", pytest.approx(4_100)),
    ]


def test_statline_csv_export_with_labelled_occupations() -> None:
    cells = parse_cbs_table(CBS / "85276NED_statline.csv", measure="employed")
    assert _by_group(cells) == pytest.approx({"0761": 89_000, "0734": 38_000, "0733": 40_000})


def test_imported_cells_change_the_supply_table() -> None:
    cells = read_supply_source(CBS / "86112NED_Observations.json", dimension=CBS / "86112NED_BeroepCodes.json")
    supply = default_supply().with_values(cells, "86112NED")
    assert supply.cell("AM24", "0761")["employed"] == pytest.approx(4_100)


def test_files_that_are_not_cbs_tables_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    with pytest.raises(InputError, match="not a CBS OData response"):
        parse_cbs_table(path)
    with pytest.raises(InputError, match="unknown supply measure"):
        parse_cbs_table(CBS / "85276NED_statline.csv", measure="salary")


def test_gemeente_rows_add_up_to_their_arbeidsmarktregio(tmp_path: Path) -> None:
    path = tmp_path / "gm.csv"
    path.write_text(
        "Beroep;RegioS;Perioden;Werkzame_1\n"
        "0761 Elektriciens en elektronicamonteurs;GM0687;2024JJ00;1200\n"  # Middelburg, AM24 Zeeland
        "0761 Elektriciens en elektronicamonteurs;GM0718;2024JJ00;800\n"  # Vlissingen, AM24 Zeeland
        "0761 Elektriciens en elektronicamonteurs;GM9999;2024JJ00;5\n"
    )
    assert parse_cbs_table(path) == [("AM24", "0761", "employed", 2000.0)]
