"""Store benchmarks: the cost of the hash-chained audit log, verification speed, migrations, and real erasure.

Figures are printed next to baselines computed in the same run, on SQLite (a file) and, when
``KRAPTE_TEST_POSTGRES_URL`` names a server, on PostgreSQL (a scratch database per run, dropped afterwards):

- **migrate**: an empty database to head, and the release 0.1.0 fixture dump upgraded to head;
- **audit append**: ``Store.audit`` (lock, head read, hash, insert), one entry per transaction, next to a plain
  insert of the same row into a table of the same shape, in its own transaction (the log without the chain);
- **verify**: ``verify_audit_chain`` over a log of many entries, entries per second;
- **erase**: ``delete_person`` of one person's CV (2,000 CVs of 2.4 KB stored) in a database that also holds
  the embedded default data (as after ``krapte setup``), with the compaction (SQLite ``VACUUM``; PostgreSQL
  ``VACUUM FULL`` of the CV table) and without it.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from krapte.settings import Settings
from krapte.store import Store, open_store, verify_audit_chain
from krapte.store.audit import GENESIS, entry_hash
from krapte.store.personal import PersonalDataRegistry, delete_person, register_personal_data
from krapte.store.tables import audit_log

RELEASE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "store" / "release_0_1_0"


@contextmanager
def _scratch(label: str, tmp: Path) -> Iterator[str]:
    """The URL of an empty database of the given dialect."""
    if label == "sqlite":
        yield f"sqlite:///{tmp / f'bench-{uuid.uuid4().hex[:8]}.sqlite'}"
        return
    admin = sa.create_engine(os.environ["KRAPTE_TEST_POSTGRES_URL"], isolation_level="AUTOCOMMIT")
    name = f"krapte_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _load_release(url: str) -> None:
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


def _migrations(label: str, tmp: Path) -> None:
    with _scratch(label, tmp) as url:
        store = open_store(url=url, migrate=False)
        print(f"migrate an empty database to head: {_seconds(store.migrate):.2f} s")
        store.dispose()
    with _scratch(label, tmp) as url:
        _load_release(url)
        store = open_store(url=url, migrate=False)
        print(f"upgrade the release 0.1.0 fixture to head: {_seconds(store.migrate):.2f} s")
        store.dispose()


def _append(store: Store, n: int) -> None:
    plain_table = sa.Table(
        "bench_plain_log",
        sa.MetaData(),
        *(sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable) for c in audit_log.c),
        sa.Index("ix_bench_plain_object", "object_type", "object_id"),
    )
    plain_table.create(store.engine)
    plain_insert = plain_table.insert()

    def chained(conn: sa.Connection, i: int) -> None:
        store.audit(conn, actor="user:1", role="editor", action="measure.edit", object_type="m", object_id=f"{i}")

    def plain(conn: sa.Connection, i: int) -> None:
        row = {
            "at": datetime.now(UTC),
            "actor": "user:1",
            "role": "editor",
            "action": "measure.edit",
            "object_type": "m",
            "object_id": f"{i}",
            "detail": "{}",
            "prev_hash": GENESIS,
            "entry_hash": GENESIS,
        }
        conn.execute(plain_insert, row)

    def one_per_transaction(write: Callable[[sa.Connection, int], None], k: int) -> float:
        start = time.perf_counter()
        for i in range(k):
            with store.transaction() as conn:
                write(conn, i)
        return time.perf_counter() - start

    def all_in_one_transaction(write: Callable[[sa.Connection, int], None], k: int) -> float:
        start = time.perf_counter()
        with store.transaction() as conn:
            for i in range(k):
                write(conn, i)
        return time.perf_counter() - start

    # interleaved rounds, so that load from other processes hits both sides alike
    rounds, per_round = 10, n // 10
    commit = {"chained": 0.0, "plain": 0.0}
    batch = {"chained": 0.0, "plain": 0.0}
    for _ in range(rounds):
        for name, write in (("plain", plain), ("chained", chained)):
            commit[name] += one_per_transaction(write, per_round)
            batch[name] += all_in_one_transaction(write, per_round * 4)
    print(
        f"audit append, one entry per committed transaction ({n}): chained {n / commit['chained']:,.0f}/s, "
        f"plain insert {n / commit['plain']:,.0f}/s"
    )
    m = n * 4
    print(
        f"audit append inside one transaction ({m}): chained {1e3 * batch['chained'] / m:.2f} ms per entry, "
        f"plain insert {1e3 * batch['plain'] / m:.2f} ms per entry"
    )


def _verify(store: Store, n: int) -> None:
    """Write a valid chain of ``n`` entries in bulk (computed here, as ``append_entry`` would), then verify it."""
    with store.connect() as conn:
        prev = conn.execute(sa.select(audit_log.c.entry_hash).order_by(audit_log.c.id.desc()).limit(1)).scalar()
    prev = prev or GENESIS
    rows = []
    for i in range(n):
        row = {
            "at": datetime.now(UTC),
            "actor": "user:1",
            "action": "measure.edit",
            "object_type": "m",
            "object_id": f"{i}",
            "detail": "{}",
            "prev_hash": prev,
        }
        row["entry_hash"] = prev = entry_hash(row)
        rows.append(row)
    with store.transaction() as conn:
        conn.execute(audit_log.insert(), rows)
    start = time.perf_counter()
    result = verify_audit_chain(store)
    seconds = time.perf_counter() - start
    assert result.ok, result.problems[:3]
    print(f"verify_audit_chain over {result.entries:,} entries: {seconds:.2f} s ({result.entries / seconds:,.0f}/s)")


def _size(store: Store) -> int:
    if store.dialect == "sqlite":
        return Path(store.engine.url.database or "").stat().st_size
    with store.connect() as conn:
        return int(conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one())


def _erase(store: Store) -> None:
    from krapte.defaults import load_defaults

    seconds = _seconds(lambda: load_defaults(store, Settings.from_env()))
    print(f"(embedded default data loaded in {seconds:.1f} s)")
    cvs = sa.Table(
        "bench_cv",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    cvs.create(store.engine)
    registry = PersonalDataRegistry()
    register_personal_data(cvs, owner_column="owner", kind="cv", time_column="at", registry=registry)
    text = "Elektromonteur met ervaring in zonnepanelen en laadpalen. " * 40
    with store.transaction() as conn:
        conn.execute(cvs.insert(), [{"owner": f"p-{i}", "text": text, "at": datetime.now(UTC)} for i in range(2000)])
    size = _size(store)
    for compact in (False, True):
        start = time.perf_counter()
        delete_person(store, f"p-{int(compact)}", registry=registry, compact=compact)
        seconds = time.perf_counter() - start
        print(f"delete_person in a {size / 1e6:.0f} MB database, compact={compact}: {seconds:.2f} s")


def run(quick: bool) -> None:
    labels = ["sqlite"] + (["postgresql"] if os.environ.get("KRAPTE_TEST_POSTGRES_URL") else [])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for label in labels:
            print(f"\n[{label}]")
            _migrations(label, tmp)
            with _scratch(label, tmp) as url:
                store = open_store(url=url)
                _append(store, 200 if quick else 500)
                _verify(store, 5_000 if quick else 20_000)
                if not quick:
                    _erase(store)
                store.dispose()
