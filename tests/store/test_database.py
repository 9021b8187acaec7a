import pytest
import sqlalchemy as sa

from krapte.errors import ConfigError
from krapte.store import Store, open_store
from krapte.store.database import create_engine


def test_failed_transaction_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as conn:
        store.audit(conn, actor="tester", action="create", object_type="thing", object_id="1")
        raise RuntimeError("boom")
    assert store.audit_trail("thing") == []


def test_audit_trail_records_who_what_when(store: Store) -> None:
    with store.transaction() as conn:
        store.audit(conn, actor="ana", action="edit", object_type="measure", object_id="M1", detail={"a": 1})
    [entry] = store.audit_trail("measure", "M1")
    assert entry["actor"] == "ana" and entry["action"] == "edit" and entry["detail"] == {"a": 1}
    assert entry["at"] is not None


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="mysql"):
        open_store(url="mysql://localhost/x")


def test_dialect_is_reported(store: Store) -> None:
    assert store.dialect in {"sqlite", "postgresql"}
    with store.connect() as conn:
        assert conn.execute(sa.text("SELECT 1")).scalar() == 1


@pytest.mark.postgres
def test_postgres_pings_only_connections_left_idle(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A connection used a moment ago is handed out without a round trip; one idle for longer is pinged first,
    and replaced when the server has dropped it meanwhile."""
    if not store_url.startswith("postgresql"):
        pytest.skip("the ping applies to PostgreSQL")
    busy, idle = create_engine(store_url), create_engine(store_url, ping_after_idle=0.0)
    pings: list[object] = []
    for engine in (busy, idle):
        real = engine.dialect.do_ping
        monkeypatch.setattr(engine.dialect, "do_ping", lambda c, real=real: pings.append(c) or real(c))
    try:
        for _ in range(3):
            with busy.connect() as conn:
                assert conn.execute(sa.text("SELECT 1")).scalar() == 1
        assert pings == []  # opened fresh, then back in the pool for less than 10 s each time

        with idle.connect() as conn:
            pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        with busy.connect() as conn:  # the server drops the idle pooled connection
            assert conn.execute(sa.text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar() is True
        with idle.connect() as conn:
            assert conn.execute(sa.text("SELECT pg_backend_pid()")).scalar() != pid
        assert len(pings) >= 1
    finally:
        busy.dispose()
        idle.dispose()
