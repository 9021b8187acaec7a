"""Personal data: a registry of where it lives, retention per kind, export, and erasure that is real."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from krapte.errors import ConfigError
from krapte.store import Store, verify_audit_chain
from krapte.store.personal import (
    PersonalDataRegistry,
    delete_person,
    export_person,
    parse_retention,
    purge_expired,
    register_personal_data,
    wait_for_older_snapshots,
)

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
MARKER = "Zwanenburgerdijk-7731-marker"  # a string that occurs nowhere else in the database

# Tables as the matching and account work will add them (test-only here: the store has none of them yet).
demo = sa.MetaData()
cv_documents = sa.Table(
    "demo_cv_documents",
    demo,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner", sa.String(100), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
)
sessions = sa.Table(
    "demo_sessions",
    demo,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


@pytest.fixture
def registry(store: Store) -> Iterator[PersonalDataRegistry]:
    """Two personal-data tables registered, with a CV of person ``p-1`` (with the marker) and of ``p-2``."""
    demo.create_all(store.engine)
    reg = PersonalDataRegistry()
    register_personal_data(cv_documents, owner_column="owner", kind="cv", time_column="uploaded_at", registry=reg)
    register_personal_data(sessions, owner_column="account_id", kind="session", time_column="created_at", registry=reg)
    with store.transaction() as conn:
        conn.execute(
            cv_documents.insert(),
            [
                {"owner": "p-1", "text": f"Elektromonteur, woont aan de {MARKER}", "uploaded_at": NOW},
                {"owner": "p-2", "text": "Data-analist met Python-ervaring", "uploaded_at": NOW - timedelta(days=400)},
            ],
        )
        conn.execute(
            sessions.insert(),
            [
                {"token_hash": "a" * 64, "account_id": 1, "created_at": NOW - timedelta(days=40)},
                {"token_hash": "b" * 64, "account_id": 1, "created_at": NOW - timedelta(days=1)},
                {"token_hash": "c" * 64, "account_id": 2, "created_at": NOW - timedelta(days=40)},
            ],
        )
    yield reg


def database_bytes(store: Store) -> bytes:
    path = Path(store.engine.url.database or "")
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def postgres_pages(store: Store, table: str) -> bytes:
    """The raw heap pages of a table, dead tuples included (what a copy of the data directory would show)."""
    with store.transaction() as conn:
        conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
        blocks = conn.execute(sa.text("SELECT pg_relation_size(:t) / current_setting('block_size')::int"), {"t": table})
        return b"".join(
            bytes(conn.execute(sa.text("SELECT get_raw_page(:t, :n)"), {"t": table, "n": n}).scalar_one())
            for n in range(blocks.scalar_one())
        )


def stored_bytes(store: Store) -> bytes:
    if store.dialect == "sqlite":
        return database_bytes(store)
    return postgres_pages(store, "demo_cv_documents")


def test_export_returns_every_record_of_the_person_and_nothing_of_others(
    store: Store, registry: PersonalDataRegistry
) -> None:
    exported = export_person(store, "p-1", registry=registry)
    [cv] = exported["records"]["demo_cv_documents"]
    assert MARKER in cv["text"] and cv["uploaded_at"].startswith("2026-12-07")
    assert exported["kinds"] == ["cv"] and "Data-analist" not in str(exported)
    assert len(export_person(store, "1", registry=registry)["records"]["demo_sessions"]) == 2  # integer ids too


def test_delete_person_removes_their_rows_and_keeps_everyone_elses(
    store: Store, registry: PersonalDataRegistry
) -> None:
    assert delete_person(store, "1", registry=registry) == {"demo_sessions": 2}
    assert delete_person(store, "p-1", registry=registry) == {"demo_cv_documents": 1}
    assert export_person(store, "p-1", registry=registry)["records"] == {}
    assert export_person(store, "p-2", registry=registry)["records"]["demo_cv_documents"]
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar_one() == 1


def test_deleted_text_is_gone_from_the_database_files(store: Store, registry: PersonalDataRegistry) -> None:
    """Not only invisible to queries: the bytes are overwritten (SQLite) or the table rewritten (PostgreSQL)."""
    assert MARKER.encode() in stored_bytes(store)  # the check can see the text while it is stored
    delete_person(store, "p-1", registry=registry)
    assert MARKER.encode() not in stored_bytes(store)


def test_a_plain_delete_would_leave_the_text_in_postgresql_pages(store: Store, registry: PersonalDataRegistry) -> None:
    """Why delete_person rewrites the table: a DELETE alone only marks the row dead."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite overwrites deleted rows itself (secure_delete)")
    with store.transaction() as conn:
        conn.execute(cv_documents.delete().where(cv_documents.c.owner == "p-1"))
    assert MARKER.encode() in postgres_pages(store, "demo_cv_documents")


def test_an_erasure_is_audited_under_the_id_only(store: Store, registry: PersonalDataRegistry) -> None:
    delete_person(store, "p-1", registry=registry, actor="user:admin")
    [entry] = store.audit_trail("person", "p-1")
    assert entry["action"] == "person.delete" and entry["actor"] == "user:admin"
    assert entry["detail"] == {"rows": {"demo_cv_documents": 1}}
    assert verify_audit_chain(store).ok
    with store.connect() as conn:
        assert not conn.execute(sa.text("SELECT id FROM audit_log WHERE detail LIKE :m"), {"m": f"%{MARKER}%"}).all()


def test_registry_edits_are_kept_under_a_pseudonym(store: Store) -> None:
    """The measures registry is public record: erasing its editor keeps each edit, not the editor's name."""
    import json

    import krapte
    from krapte.monitor.measures import load_measures
    from krapte.store.monitor import create_measure, get_measure, measure_history_of

    embedded = Path(krapte.__file__).parent / "data" / "measures-actieplan-2023" / "measures.json"
    [measure] = load_measures(json.loads(embedded.read_text(encoding="utf-8"))[:1])
    create_measure(store, measure, actor="ana@example.org")
    assert export_person(store, "ana@example.org")["kinds"] == ["editor_attribution"]

    counts = delete_person(store, "ana@example.org")

    assert counts == {"monitor_measure_history": 1, "monitor_measures": 1}
    assert get_measure(store, measure.id)[0] == measure
    [change] = measure_history_of(store, measure.id)
    assert change["actor"].startswith("erased-")
    assert export_person(store, "ana@example.org")["records"] == {}


def test_retention_removes_what_is_older_than_its_kind_allows(store: Store, registry: PersonalDataRegistry) -> None:
    removed = purge_expired(store, {"cv": 365, "session": 30}, NOW, registry=registry)
    assert removed == {"demo_cv_documents": 1, "demo_sessions": 2}
    assert export_person(store, "p-2", registry=registry)["records"] == {}  # the 400-day-old CV
    assert export_person(store, "p-1", registry=registry)["records"]  # today's CV stays
    assert len(export_person(store, "1", registry=registry)["records"]["demo_sessions"]) == 1
    [entry] = store.audit_trail("retention")
    assert entry["detail"]["removed"] == removed


def test_kinds_without_a_period_are_kept(store: Store, registry: PersonalDataRegistry) -> None:
    assert purge_expired(store, {"cv": None}, NOW, registry=registry) == {}
    assert purge_expired(store, {}, NOW + timedelta(days=10_000), registry=registry) == {}


def test_a_retention_policy_with_an_unknown_kind_is_refused(store: Store, registry: PersonalDataRegistry) -> None:
    with pytest.raises(ConfigError, match=r"unknown kind.*cvs"):
        purge_expired(store, {"cvs": 365}, NOW, registry=registry)


def test_retention_settings_read_as_kind_equals_days() -> None:
    assert parse_retention("cv=365, session=30,editor_attribution=keep") == {
        "cv": 365,
        "session": 30,
        "editor_attribution": None,
    }
    with pytest.raises(ConfigError, match="KIND=DAYS"):
        parse_retention("cv")
    with pytest.raises(ConfigError, match="number of days"):
        parse_retention("cv=a year")


def _other_session(url: str) -> tuple[sa.Engine, sa.Connection]:
    engine = sa.create_engine(url)
    return engine, engine.connect()


def test_an_erasure_waits_for_an_older_snapshot_of_its_database_and_not_for_other_databases(
    store: Store, registry: PersonalDataRegistry
) -> None:
    """The wait before the rewrite is bounded and looks only at who could still read the erased row: a snapshot of
    this database taken before the deletion. A long transaction in another database (parallel tests, a pg_dump of
    another application on the same server) does not hold it up."""
    if store.dialect != "postgresql":
        pytest.skip("the wait exists on PostgreSQL only")
    url = store.engine.url.render_as_string(hide_password=False)
    elsewhere, other_db = _other_session(str(sa.engine.make_url(url).set(database="postgres")))
    here, reader = _other_session(url)
    try:
        other_db.execute(sa.text("SELECT txid_current()"))  # a write transaction in another database stays open
        reader.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        assert reader.execute(sa.select(cv_documents.c.text)).all()  # this snapshot still sees the CV
        with store.transaction() as conn:
            conn.execute(cv_documents.delete().where(cv_documents.c.owner == "p-1"))
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            assert wait_for_older_snapshots(conn, timeout=0.5) is False  # the old snapshot here is waited for
            reader.rollback()
            assert wait_for_older_snapshots(conn, timeout=30) is True  # and the other database's transaction is not
    finally:
        for engine, conn in ((elsewhere, other_db), (here, reader)):
            conn.close()
            engine.dispose()


def test_an_open_transaction_in_another_database_does_not_keep_the_erased_bytes(
    store: Store, registry: PersonalDataRegistry
) -> None:
    """VACUUM FULL would keep the row here (its snapshot counts every database's running transactions, which is
    what made this test flaky under parallel load); the rewrite keeps only what the latest snapshot sees."""
    if store.dialect != "postgresql":
        pytest.skip("the rewrite exists on PostgreSQL only")
    url = store.engine.url.render_as_string(hide_password=False)
    elsewhere, other_db = _other_session(str(sa.engine.make_url(url).set(database="postgres")))
    try:
        other_db.execute(sa.text("SELECT txid_current()"))
        delete_person(store, "p-1", registry=registry)
        assert MARKER.encode() not in postgres_pages(store, "demo_cv_documents")
        assert export_person(store, "p-2", registry=registry)["records"]["demo_cv_documents"]  # the others' rows stay
    finally:
        other_db.close()
        elsewhere.dispose()
