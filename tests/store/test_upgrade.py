"""Upgrading a database made by release 0.1.0 keeps its data, on SQLite and on PostgreSQL.

The fixture (``tests/fixtures/store/release_0_1_0``, built by ``scripts/make_store_upgrade_fixture.py``) is a
dump of a database as the release left it: the old runner's ``schema_migrations`` table and rows in every area.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from krapte.store import Store, open_store, verify_audit_chain
from krapte.store.migrate import LEGACY_REVISIONS, current_revision, head_revision, script_directory, target_metadata

RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "store" / "release_0_1_0"

# rows per table in the fixture, as the release wrote them
RELEASE_ROWS = {
    "audit_log": 7,
    "taxonomy_versions": 1,
    "labour_pipelines": 1,
    "labour_projects": 2,
    "labour_supply_cells": 3,
    "monitor_measures": 2,
    "monitor_measure_history": 2,
    "monitor_indicators": 1,
}


def load_release_dump(url: str) -> None:
    """Restore the release's dump into the empty database at ``url``."""
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        with sqlite3.connect(engine.url.database or "") as con:
            con.executescript((RELEASE / "sqlite.sql").read_text(encoding="utf-8"))
    else:
        raw = engine.raw_connection()
        try:
            raw.cursor().execute((RELEASE / "postgresql.sql").read_text(encoding="utf-8"))
            raw.commit()
        finally:
            raw.close()
    engine.dispose()


def count_rows(store: Store) -> dict[str, int]:
    with store.connect() as conn:
        return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in RELEASE_ROWS}


@pytest.fixture
def release_store(store_url: str) -> Iterator[Store]:
    load_release_dump(store_url)
    store = open_store(url=store_url, migrate=False)
    yield store
    store.dispose()


def test_the_dump_is_a_release_database(release_store: Store) -> None:
    tables = set(sa.inspect(release_store.engine).get_table_names())
    assert "schema_migrations" in tables and "alembic_version" not in tables
    assert count_rows(release_store) == RELEASE_ROWS


def test_migrate_recognises_the_release_and_keeps_every_row(release_store: Store) -> None:
    applied = release_store.migrate()

    newer = [r.revision for r in script_directory().walk_revisions() if r.revision not in LEGACY_REVISIONS.values()]
    assert sorted(applied) == sorted(newer)  # the release's revisions are stamped, only later ones run
    assert current_revision(release_store.engine) == head_revision()
    assert "schema_migrations" not in sa.inspect(release_store.engine).get_table_names()
    assert count_rows(release_store) == RELEASE_ROWS
    assert release_store.migrate() == []


def test_the_upgraded_schema_is_the_current_one(release_store: Store) -> None:
    release_store.migrate()
    with release_store.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), target_metadata()) == []


def test_repositories_read_the_release_data_after_the_upgrade(release_store: Store) -> None:
    from krapte.store.labour import load_pipeline, load_supply_cells
    from krapte.store.monitor import get_measure, get_observations, measure_history_of
    from krapte.store.taxonomy import active_version, load_taxonomy

    release_store.migrate()

    version = active_version(release_store)
    assert version is not None and version["version"] == "1.2.0"
    taxonomy = load_taxonomy(release_store, version["id"])
    assert len(taxonomy.occupations) == version["occupations"] > 0

    wind = {p.id: p for p in load_pipeline(release_store, "demo-res")}["demo-wind-1"]
    assert wind.size == 30.0 and wind.profile == (0.2, 0.8)
    assert len(load_supply_cells(release_store, "cbs-2023")) == 3

    measure, measure_version = get_measure(release_store, "P1-STO")
    assert measure.title_nl.startswith("Sterk Techniekonderwijs") and measure_version == 1
    assert measure_history_of(release_store, "P1-STO")[0]["actor"] == "beheerder@example.org"
    assert get_observations(release_store, "ict-workforce")

    trail = release_store.audit_trail("measure", "P1-STO")
    assert [e["action"] for e in trail] == ["measure.create"]


def test_new_writes_follow_the_release_rows(release_store: Store) -> None:
    """Sequences survive the dump: a new audit entry gets the next id, not a duplicate one."""
    release_store.migrate()
    with release_store.transaction() as conn:
        release_store.audit(conn, actor="ana", action="edit", object_type="measure", object_id="P1-STO")
    ids = [e["id"] for e in release_store.audit_trail("measure", "P1-STO")]
    assert ids == sorted(ids) and ids[-1] == RELEASE_ROWS["audit_log"] + 1


def test_the_release_audit_entries_are_chained_by_the_upgrade(release_store: Store) -> None:
    release_store.migrate()
    result = verify_audit_chain(release_store)
    assert result.ok and result.entries == RELEASE_ROWS["audit_log"]
    with release_store.transaction() as conn:
        release_store.audit(conn, actor="ana", action="edit", object_type="measure", object_id="P1-STO")
    assert verify_audit_chain(release_store).entries == RELEASE_ROWS["audit_log"] + 1
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), release_store.transaction() as conn:
        conn.execute(sa.text("DELETE FROM audit_log"))
