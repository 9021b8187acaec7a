"""Importers for UWV tension, WW and graduates per region, on files in the publishers' layouts
(tests/fixtures/labour-import, counts made up)."""

from __future__ import annotations

import pytest

from krapte.errors import InputError
from krapte.labour.importers import compare_with_published, read_graduates, read_uwv_tension, read_ww, uwv_tension_cells
from krapte.labour.supply import default_supply
from krapte.labour.tension import tension_table
from tests.conftest import FIXTURES

DIR = FIXTURES / "labour-import"


def test_uwv_tension_keeps_the_latest_quarter_and_resolves_names_codes_and_labels() -> None:
    rows = read_uwv_tension(DIR / "uwv_spanningsindicator_beroep_regio.csv")
    assert {r.period for r in rows} == {"2024 K2"}
    by_key = {(r.region, r.brc_group): r for r in rows}
    assert set(by_key) == {("AM01", "0761"), ("AM01", "0211"), ("AM22", "0761"), ("AM22", "0734"), ("AM26", "0333")}
    assert by_key[("AM01", "0761")].indicator == pytest.approx(6.0)
    assert by_key[("AM22", "0761")].vacancies == 1250  # "1.250": Dutch thousands separator
    assert by_key[("AM26", "0333")].uwv_class == "ruim"  # Kassamedewerkers, by label


def test_uwv_tension_cells_replace_vacancies_and_job_seekers_with_their_source() -> None:
    imported = uwv_tension_cells(read_uwv_tension(DIR / "uwv_spanningsindicator_beroep_regio.csv"))
    supply = imported.apply()
    cell = supply.cell("AM01", "0761")
    assert cell["vacancies"] == 390 and cell["job_seekers"] == 65
    assert cell["basis_job_seekers"] == "imported: UWV spanningsindicator"
    table = tension_table(None, supply)
    assert table.cell("AM01", "0761", "2026Q1")["uwv_class"] == "zeer krap"
    assert table.cell("AM01", "0211", "2026Q1")["uwv_class"] == "ruim"  # librarians: not short once measured
    basis = table.cell("AM01", "0761", "2026Q1")["basis"]
    assert "job seekers imported (UWV spanningsindicator)" in basis and "inflow estimated" in basis


def test_an_indicator_alone_gives_job_seekers_from_the_default_vacancies() -> None:
    rows = read_uwv_tension(DIR / "uwv_spanningsindicator_alleen_typering.csv")
    assert [r.uwv_class for r in rows] == ["zeer krap", "gemiddeld"]
    imported = uwv_tension_cells(rows)
    assert "vacancies / published spanningsindicator" in imported.source
    base = default_supply().cell("AM24", "0761")
    cells = {(r, g, m): v for r, g, m, v in imported.cells}
    assert cells[("AM24", "0761", "job_seekers")] == pytest.approx(base["vacancies"] / 5.5, rel=1e-3)


def test_bad_uwv_rows_are_all_reported() -> None:
    with pytest.raises(InputError) as err:
        read_uwv_tension(DIR / "uwv_spanningsindicator_fout.csv")
    assert "3 problem(s)" in str(err.value)


def test_the_default_baseline_against_published_classes() -> None:
    rows = read_uwv_tension(DIR / "uwv_spanningsindicator_beroep_regio.csv")
    result = compare_with_published(tension_table(None, default_supply()), rows)
    assert result["cells"] == 5
    # the flat default calls everything krap: it agrees only where UWV says krap (Rijnmond, plumbers)
    assert result["agree"] == 1
    assert {"published": "ruim", "model": "krap", "cells": 2} in result["pairs"]


def test_ww_regional_totals_are_split_over_groups_and_say_so() -> None:
    imported = read_ww(DIR / "ww_regio.csv")
    totals: dict[str, float] = {}
    for region, _, measure, value in imported.cells:
        assert measure == "job_seekers"
        totals[region] = totals.get(region, 0.0) + value
    assert totals == pytest.approx({"AM01": 4800, "AM26": 3900})  # latest quarter only
    assert "estimated split" in imported.source
    assert imported.apply().cell("AM26", "0761")["basis_job_seekers"].startswith("imported: ww_regio.csv")


def test_ww_per_group_is_not_split() -> None:
    imported = read_ww(DIR / "ww_beroep_regio.csv")
    assert sorted(imported.cells) == [("AM24", "0734", "job_seekers", 20.0), ("AM24", "0761", "job_seekers", 35.0)]
    assert imported.source == "ww_beroep_regio.csv"


def test_duo_graduates_sum_the_latest_year_per_arbeidsmarktregio() -> None:
    imported = read_graduates(DIR / "gediplomeerden-mbo-demo.csv")
    totals: dict[str, float] = {}
    for region, _, measure, value in imported.cells:
        assert measure == "inflow_per_year"
        totals[region] = totals.get(region, 0.0) + value
    # Groningen (AM01): 44 + 2 (masked <5) + 16 + 5; Tilburg (AM26): 35 + 3
    assert totals == pytest.approx({"AM01": 67, "AM26": 38})


def test_graduates_per_group() -> None:
    imported = read_graduates(DIR / "gediplomeerden_beroep_regio.csv")
    assert sorted(imported.cells) == [
        ("AM05", "0713", "inflow_per_year", 95.0),
        ("AM05", "0761", "inflow_per_year", 210.0),
    ]
