import threading

import pytest
import sqlalchemy as sa

from krapte.errors import ConfigError
from krapte.store import Store, open_store
from krapte.store.migrate import applied, available


def test_migrations_apply_once(store: Store) -> None:
    assert applied(store.engine) == {name for name, _ in available()}
    assert store.migrate() == []


def test_concurrent_migrators_do_not_collide(store_url: str) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            open_store(url=store_url).dispose()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


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
