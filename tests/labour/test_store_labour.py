"""Pipelines and supply cells in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from krapte.errors import NotFoundError, ValidationError
from krapte.labour.projects import read_projects
from krapte.store import Store
from krapte.store.labour import (
    delete_pipeline,
    list_pipelines,
    load_pipeline,
    load_supply_cells,
    save_pipeline,
    save_supply_cells,
)
from tests.conftest import FIXTURES

CONTRACT = FIXTURES / "labour" / "projects_contract.csv"


def test_a_pipeline_round_trips_unchanged(store: Store) -> None:
    projects = read_projects(CONTRACT) + read_projects(FIXTURES / "labour" / "projects.json")
    report = save_pipeline(store, "res", projects, source_file="projects_contract.csv")
    assert report.counts == {"projects": 6}
    assert load_pipeline(store, "res") == projects
    (row,) = list_pipelines(store)
    assert row["name"] == "res" and row["n_projects"] == 6
    assert store.audit_trail("labour_pipeline", "res")[0]["action"] == "import"


def test_reimport_needs_replace_and_then_swaps_the_projects(store: Store) -> None:
    projects = read_projects(CONTRACT)
    save_pipeline(store, "res", projects, source_file="a.csv")
    with pytest.raises(ValidationError, match="already exists"):
        save_pipeline(store, "res", projects[:1], source_file="b.csv")
    report = save_pipeline(store, "res", projects[:1], source_file="b.csv", replace=True)
    assert report.counts == {"projects_replaced": 4, "projects": 1}
    assert [p.id for p in load_pipeline(store, "res")] == ["sol-emmen"]


def test_a_failing_import_leaves_nothing_behind(store: Store) -> None:
    projects = read_projects(CONTRACT)
    with pytest.raises(Exception):  # noqa: B017 - the database refuses the duplicate key
        save_pipeline(store, "dup", [*projects, projects[0]], source_file="dup.csv")
    assert list_pipelines(store) == []
    with pytest.raises(NotFoundError, match="no project pipeline"):
        load_pipeline(store, "dup")


def test_delete_pipeline(store: Store) -> None:
    save_pipeline(store, "x", read_projects(CONTRACT), source_file="x.csv")
    delete_pipeline(store, "x")
    assert list_pipelines(store) == []
    with pytest.raises(NotFoundError):
        delete_pipeline(store, "x")


def test_supply_cells_are_replaced_per_source(store: Store) -> None:
    save_supply_cells(store, "86112NED", [("AM24", "0761", "employed", 4100.0), ("AM22", "0761", "employed", 9800.0)])
    save_supply_cells(store, "86112NED", [("AM24", "0761", "employed", 4200.0)])
    assert load_supply_cells(store) == [("AM24", "0761", "employed", 4200.0)]
