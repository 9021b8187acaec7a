"""The audit log: what an entry records, the hash chain, and what the database refuses."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from krapte.errors import ValidationError
from krapte.store import Store, verify_audit_chain
from krapte.store.audit import GENESIS, hash_input

CV = "Jan Jansen, Dorpsstraat 1, Zwolle. Elektromonteur met 10 jaar ervaring in zonnepanelen."


def record(store: Store, n: int, *, actor: str = "ana") -> list[str]:
    hashes = []
    for i in range(n):
        with store.transaction() as conn:
            hashes.append(
                store.audit(conn, actor=actor, action="measure.edit", object_type="measure", object_id=f"M{i}")
            )
    return hashes


def remove_guard(store: Store) -> None:
    """What someone with the database owner's rights can do: drop the triggers that refuse changes."""
    with store.transaction() as conn:
        if store.dialect == "postgresql":
            conn.execute(sa.text("DROP TRIGGER audit_log_append_only ON audit_log"))
        else:
            conn.execute(sa.text("DROP TRIGGER audit_log_no_update"))
            conn.execute(sa.text("DROP TRIGGER audit_log_no_delete"))


def raw(store: Store, sql: str, **params: object) -> None:
    with store.transaction() as conn:
        conn.execute(sa.text(sql), params)


def test_an_entry_records_who_in_which_role_did_what_from_where(store: Store) -> None:
    with store.transaction() as conn:
        store.audit(
            conn,
            actor="user:42",
            role="advisor",
            action="client.open",
            object_type="client",
            object_id="C-7",
            request_id="req-8f3a",
            client="192.0.2.10",
        )
    [entry] = store.audit_trail("client", "C-7")
    assert (entry["actor"], entry["role"], entry["action"]) == ("user:42", "advisor", "client.open")
    assert (entry["request_id"], entry["client"]) == ("req-8f3a", "192.0.2.10")
    assert entry["at"] is not None and entry["prev_hash"] == GENESIS and len(entry["entry_hash"]) == 64


def test_an_extraction_records_model_taxonomy_and_input_hash_but_never_the_text(store: Store) -> None:
    with store.transaction() as conn:
        store.audit(
            conn,
            actor="user:42",
            role="job_seeker",
            action="extract.cv",
            object_type="document",
            object_id="doc-1",
            model_version="span-tagger-2026.11",
            taxonomy_version="esco-1.2.0-3f2a9c0d1e",
            input_hash=hash_input(CV),
        )
    [entry] = store.audit_trail("document", "doc-1")
    assert entry["input_hash"] == hash_input(CV.encode("utf-8"))
    assert entry["model_version"] == "span-tagger-2026.11" and entry["taxonomy_version"].startswith("esco-1.2.0")
    with store.connect() as conn:
        stored = " ".join(str(v) for row in conn.execute(sa.text("SELECT * FROM audit_log")) for v in row)
    assert "Jansen" not in stored and "Dorpsstraat" not in stored


def test_a_model_decision_without_versions_or_with_the_text_itself_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="model_version, taxonomy_version"), store.transaction() as conn:
        store.audit(
            conn, actor="u", action="recommend.vacancies", object_type="profile", object_id="p", input_hash="0" * 64
        )
    with pytest.raises(ValidationError, match="SHA-256"), store.transaction() as conn:
        store.audit(
            conn,
            actor="u",
            action="extract.cv",
            object_type="document",
            object_id="d",
            model_version="m",
            taxonomy_version="t",
            input_hash=CV,
        )
    assert verify_audit_chain(store).entries == 0


def test_every_entry_is_chained_to_the_one_before(store: Store) -> None:
    hashes = record(store, 4)
    trail = store.audit_trail("measure")
    assert [e["prev_hash"] for e in trail] == [GENESIS, *hashes[:3]]
    result = verify_audit_chain(store)
    assert result.ok and result.entries == 4 and result.head == hashes[-1]


def test_a_rolled_back_entry_leaves_no_gap_in_the_chain(store: Store) -> None:
    record(store, 1)
    with pytest.raises(RuntimeError), store.transaction() as conn:
        store.audit(conn, actor="ana", action="x", object_type="measure", object_id="gone")
        raise RuntimeError("the use case failed")
    record(store, 1)
    assert verify_audit_chain(store).ok


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"])
def test_the_database_refuses_to_change_or_remove_entries(store: Store, statement: str) -> None:
    record(store, 2)
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        raw(store, statement)
    assert verify_audit_chain(store).ok and len(store.audit_trail("measure")) == 2


def test_postgresql_also_refuses_truncate(store: Store) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    record(store, 1)
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        raw(store, "TRUNCATE audit_log")


def test_verify_finds_a_changed_entry(store: Store) -> None:
    record(store, 4)
    remove_guard(store)
    second = store.audit_trail("measure")[1]["id"]
    raw(store, "UPDATE audit_log SET actor = 'mallory' WHERE id = :id", id=second)
    result = verify_audit_chain(store)
    assert not result.ok
    assert [(p.entry_id, p.kind) for p in result.problems] == [(second, "altered")]


def test_verify_finds_a_removed_entry(store: Store) -> None:
    record(store, 4)
    remove_guard(store)
    ids = [e["id"] for e in store.audit_trail("measure")]
    raw(store, "DELETE FROM audit_log WHERE id = :id", id=ids[1])
    assert [(p.entry_id, p.kind) for p in verify_audit_chain(store).problems] == [(ids[2], "broken_link")]


def test_verify_finds_reordered_entries(store: Store) -> None:
    """Swap two entries' contents, hashes included: each is intact on its own, but the links no longer hold."""
    record(store, 4)
    remove_guard(store)
    first, second = (e["id"] for e in store.audit_trail("measure")[1:3])
    columns = "at, actor, action, object_type, object_id, detail, prev_hash, entry_hash"
    with store.transaction() as conn:
        a = conn.execute(sa.text(f"SELECT {columns} FROM audit_log WHERE id = :id"), {"id": first}).mappings().one()
        b = conn.execute(sa.text(f"SELECT {columns} FROM audit_log WHERE id = :id"), {"id": second}).mappings().one()
        assignments = ", ".join(f"{c} = :{c}" for c in a)
        conn.execute(sa.text(f"UPDATE audit_log SET {assignments} WHERE id = :id"), {**b, "id": first})
        conn.execute(sa.text(f"UPDATE audit_log SET {assignments} WHERE id = :id"), {**a, "id": second})
    kinds = {p.kind for p in verify_audit_chain(store).problems}
    assert kinds == {"broken_link"}


def test_an_anchor_reveals_that_the_newest_entries_were_removed(store: Store) -> None:
    """Cutting off the end leaves a valid chain; the head recorded earlier shows it is shorter now."""
    record(store, 3)
    anchor = verify_audit_chain(store).head
    remove_guard(store)
    last = store.audit_trail("measure")[-1]["id"]
    raw(store, "DELETE FROM audit_log WHERE id = :id", id=last)
    assert verify_audit_chain(store).ok
    result = verify_audit_chain(store, anchor=anchor)
    assert [p.kind for p in result.problems] == ["missing_anchor"]
    assert result.to_dict()["ok"] is False


def test_concurrent_writers_keep_the_chain_one_line(store: Store) -> None:
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            record(store, 8, actor=name)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"writer-{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = verify_audit_chain(store)
    assert result.ok and result.entries == 32


def test_verification_stops_after_enough_findings(store: Store) -> None:
    record(store, 5)
    remove_guard(store)
    raw(store, "UPDATE audit_log SET actor = 'mallory'")
    result = verify_audit_chain(store, max_problems=2)
    assert [p.kind for p in result.problems] == ["altered", "altered"]
    assert result.stopped_early and result.entries == 2
