import pytest
import sqlalchemy as sa

from krapte.errors import ConfigError
from krapte.store import Store, open_store


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
