"""Reading project pipelines from CSV, JSON and Excel with row-level validation."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from krapte.errors import InputError, UnsupportedInputError
from krapte.labour.projects import parse_projects, read_projects
from krapte.labour.quarters import format_quarter, parse_quarter
from tests.conftest import FIXTURES

HERE = FIXTURES / "labour"


def test_quarters_round_trip() -> None:
    assert parse_quarter("2027Q1") == 2027 * 4
    assert parse_quarter("2027-q4") == 2027 * 4 + 3
    assert format_quarter(parse_quarter("2030Q2")) == "2030Q2"


def test_the_contract_csv_is_read_with_names_resolved_to_codes() -> None:
    projects = read_projects(HERE / "projects_contract.csv")
    assert [p.id for p in projects] == ["sol-emmen", "wind-rdh", "wp-bosch", "net-zeeland"]
    sol, wind, hp, grid = projects
    assert (sol.technology, sol.size, sol.unit, sol.location) == ("utility_solar", 100.0, "MW", "GM0114")
    assert sol.duration == 4 and format_quarter(sol.start or 0) == "2027Q1"
    assert wind.location == "ES23"
    assert hp.location == "GM0796" and hp.unit == "units"
    assert grid.unit == "EUR_mln" and grid.size == 25.0


def test_planning_windows_are_kept() -> None:
    a, b = read_projects(HERE / "projects_planning.csv")
    assert a.start is None and a.duration == 3 and a.scheduled_start == parse_quarter("2027Q1")
    assert a.latest_end == parse_quarter("2028Q4") and a.status == "permitted"
    assert b.duration == 4 and b.technology == "transmission_line"


def test_json_with_units_converted_and_a_profile() -> None:
    j1, j2 = read_projects(HERE / "projects.json")
    assert j1.size == pytest.approx(5.0) and j1.unit == "MW"
    assert j2.size == pytest.approx(100.0) and j2.location == "ES06"
    assert j2.profile == pytest.approx((1 / 6, 2 / 6, 2 / 6, 1 / 6))


def test_excel_files_are_read_from_the_first_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "name", "technology", "size", "unit", "gemeente", "start_quarter", "end_quarter"])
    ws.append(["x1", "Zon", "utility_solar", 12.5, "MW", "Zwolle", "2027Q1", "2027Q2"])
    ws.append([None] * 8)
    ws.append(["x2", "Fout", "utility_solar", "veel", "MW", "Zwolle", "2027Q1", "2027Q2"])
    path = tmp_path / "p.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as err:
        read_projects(path)
    assert [(p.line, p.column, p.value) for p in err.value.problems] == [(4, "size", "veel")]
    ws.delete_rows(4)
    wb.save(path)
    (x1,) = read_projects(path)
    assert x1.size == 12.5 and x1.location == "GM0193"


def test_every_bad_row_is_reported_with_row_column_and_value_and_nothing_is_returned() -> None:
    with pytest.raises(InputError) as err:
        read_projects(HERE / "projects_bad.csv")
    found = {(p.line, p.column) for p in err.value.problems}
    assert found == {(3, "technology"), (4, "size"), (5, "unit"), (6, "gemeente"), (7, "start_quarter"), (8, "id")}
    text = str(err.value)
    assert "projects_bad.csv:3 column 'technology'" in text and "fusion_reactor" in text
    assert "nothing was imported" in text


def test_a_header_without_id_and_unknown_file_types_are_refused() -> None:
    with pytest.raises(InputError, match="no 'id' column"):
        parse_projects(b"name,technology\nx,utility_solar\n", "p.csv")
    with pytest.raises(UnsupportedInputError):
        parse_projects(b"%PDF", "p.pdf")


def test_a_window_shorter_than_the_duration_is_refused() -> None:
    csv = (
        b"id,technology,size,gemeente,earliest_start,latest_end,duration_quarters\n"
        b"q,utility_solar,1,Emmen,2027Q1,2027Q2,4\n"
    )
    with pytest.raises(InputError, match="shorter than 4 quarters"):
        parse_projects(csv, "w.csv")


def test_semicolon_csv_and_decimal_commas_are_accepted() -> None:
    csv = (
        "id;technology;size;unit;gemeente;start_quarter;end_quarter\n"
        "q;onshore_wind;7,5;MW;Súdwest-Fryslân;2027Q1;2027Q1\n"
    )
    (p,) = parse_projects(csv.encode(), "nl.csv")
    assert p.size == 7.5 and p.location == "GM1900"
