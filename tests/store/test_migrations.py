"""The schema history (Alembic): fresh databases, repeat and concurrent runs, and no drift from the tables."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from krapte.store import Store, open_store
from krapte.store.database import create_engine
from krapte.store.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    main,
    migration_lock,
    script_directory,
    target_metadata,
)


def history() -> list[str]:
    return [r.revision for r in reversed(list(script_directory().walk_revisions()))]


def schema_differences(store: Store, metadata: sa.MetaData) -> list[object]:
    with store.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), metadata))


def test_the_history_is_one_line_starting_with_the_release_schema() -> None:
    assert len(script_directory().get_heads()) == 1
    assert history()[:4] == ["0001_core", "0100_taxonomy", "0300_labour", "0400_monitor"]


def test_a_fresh_database_runs_every_revision_once(store_url: str) -> None:
    store = open_store(url=store_url, migrate=False)
    try:
        assert current_revision(store.engine) is None
        assert store.migrate() == history()
        assert current_revision(store.engine) == head_revision()
        assert store.migrate() == []
    finally:
        store.dispose()


def test_the_history_creates_exactly_the_table_definitions(store: Store) -> None:
    """Autogenerate finds nothing to do: the revisions and ``tables.metadata`` describe the same schema."""
    assert schema_differences(store, target_metadata()) == []


def test_the_drift_check_notices_a_table_definition_the_history_lacks(store: Store) -> None:
    drifted = sa.MetaData()
    for table in target_metadata().tables.values():
        table.to_metadata(drifted)
    sa.Table("labour_projects", drifted, sa.Column("owner", sa.String(40)), extend_existing=True)
    [difference] = schema_differences(store, drifted)
    assert isinstance(difference, tuple) and difference[0] == "add_column"


def test_concurrent_migrators_take_turns(store_url: str) -> None:
    errors: list[BaseException] = []
    applied: list[list[str]] = []

    def run() -> None:
        try:
            st = open_store(url=store_url, migrate=False)
            applied.append(st.migrate())
            st.dispose()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(applied, key=len) == [[], [], history()]  # one migrator did the work, the others found it done


def test_every_revision_downgrades_and_upgrades_again(store: Store) -> None:
    with migration_lock(store.engine) as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
    assert store.migrate() == history()
    assert schema_differences(store, target_metadata()) == []


def test_a_release_database_halfway_through_its_migrations_is_stamped_where_it_stopped(store_url: str) -> None:
    """The old runner recorded each migration; a database that only had the first two continues from there."""
    engine = create_engine(store_url)
    cfg = alembic_config()
    with migration_lock(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0100_taxonomy")
        conn.execute(sa.text("DROP TABLE alembic_version"))
        conn.execute(sa.text("CREATE TABLE schema_migrations (id VARCHAR(100) PRIMARY KEY, applied_at TIMESTAMP)"))
        for name in ("m0001_core", "m0100_taxonomy"):
            conn.execute(sa.text("INSERT INTO schema_migrations VALUES (:n, :t)"), {"n": name, "t": datetime.now(UTC)})
    store = Store(engine)
    try:
        assert store.migrate() == history()[2:]
        assert schema_differences(store, target_metadata()) == []
    finally:
        store.dispose()


def test_the_developer_command_line_finds_nothing_to_generate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``python -m krapte.store.migrate check`` fails when a table definition changed without a revision."""
    monkeypatch.setenv("KRAPTE_DATABASE_URL", f"sqlite:///{tmp_path / 'dev.sqlite'}")
    main(["upgrade", "head"])
    main(["check"])
