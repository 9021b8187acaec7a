"""Personal data: where it lives, how long it stays, and how a person's data is exported and erased.

Each repository declares the tables that hold personal data with :func:`register_personal_data`: the table, the
column naming the person it belongs to (the *subject*: an account id, a client id), the kind of record (the unit
of retention, e.g. ``cv``, ``session``) and the column that dates it. With that one registry:

- :func:`purge_expired` removes records older than the retention period of their kind (a mapping kind → days,
  see :func:`parse_retention` for the settings form);
- :func:`export_person` returns everything stored about a subject as JSON-ready data (right of access);
- :func:`delete_person` erases it (right to erasure), for real: rows are deleted in one transaction, and the
  freed space is rewritten (SQLite ``secure_delete`` + ``VACUUM`` + WAL checkpoint; PostgreSQL a rewrite of the
  affected tables, see :func:`_rewrite_postgres_table`) so the bytes do not linger in the database files.

Records whose row must stay (an edit in a public registry) declare ``on_erase="pseudonymise"``: erasure replaces
the owner column with a random pseudonym instead of deleting the row. The audit log is not in the registry: it
holds ids and hashes only, and stays (see ``docs/security.md``, "Retention and deletion").
"""

from __future__ import annotations

import base64
import logging
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

import sqlalchemy as sa

from krapte.errors import ConfigError, ValidationError
from krapte.settings import parse_retention
from krapte.store.database import Store

__all__ = [
    "REGISTRY",
    "WAIT_FOR_SNAPSHOTS_SECONDS",
    "PersonalDataRegistry",
    "PersonalDataTable",
    "delete_person",
    "export_person",
    "parse_retention",
    "purge_expired",
    "register_personal_data",
    "wait_for_older_snapshots",
]

log = logging.getLogger(__name__)

Erasure = Literal["delete", "pseudonymise"]


@dataclass(frozen=True)
class PersonalDataTable:
    """One table holding personal data. ``time_column`` dates a record for retention (None: kept until the
    person is erased); ``on_erase`` says whether erasure deletes the row or pseudonymises its owner column."""

    table: sa.Table
    owner_column: str
    kind: str
    time_column: str | None = None
    on_erase: Erasure = "delete"
    description: str = ""

    def __post_init__(self) -> None:
        for name in (self.owner_column, self.time_column):
            if name is not None and name not in self.table.c:
                raise ConfigError(f"table {self.table.name!r} has no column {name!r}")
        if self.on_erase not in ("delete", "pseudonymise"):
            raise ConfigError(f"on_erase must be 'delete' or 'pseudonymise', not {self.on_erase!r}")

    @property
    def owner(self) -> sa.Column[Any]:
        return self.table.c[self.owner_column]

    def owned_by(self, subject_id: str) -> sa.ColumnElement[bool]:
        """The rows of ``subject_id``, in the owner column's type (an integer account id is compared as one; an id
        that is not an integer owns no rows of an integer-keyed table)."""
        try:
            kind = self.owner.type.python_type
        except NotImplementedError:
            kind = str
        if kind is int:
            if not subject_id.isdigit():
                return sa.false()
            return self.owner == int(subject_id)
        return self.owner == subject_id


class PersonalDataRegistry:
    """The personal-data tables of every repository, in registration order (parents before children)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], PersonalDataTable] = {}

    def register(self, entry: PersonalDataTable) -> PersonalDataTable:
        self._entries[(entry.table.name, entry.owner_column)] = entry
        return entry

    def entries(self) -> list[PersonalDataTable]:
        return list(self._entries.values())

    def kinds(self) -> set[str]:
        return {e.kind for e in self._entries.values()}


REGISTRY = PersonalDataRegistry()


def register_personal_data(
    table: sa.Table,
    *,
    owner_column: str,
    kind: str,
    time_column: str | None = None,
    on_erase: Erasure = "delete",
    description: str = "",
    registry: PersonalDataRegistry | None = None,
) -> PersonalDataTable:
    """Declare a personal-data table (called by repository modules at import)."""
    entry = PersonalDataTable(table, owner_column, kind, time_column, on_erase, description)
    return (registry or REGISTRY).register(entry)


def _registry(registry: PersonalDataRegistry | None) -> PersonalDataRegistry:
    if registry is None:
        from krapte.store.migrate import target_metadata

        target_metadata()  # imports every repository module, so that each has registered its tables
        return REGISTRY
    return registry


def _pseudonym() -> str:
    return f"erased-{secrets.token_hex(6)}"


def _erase(conn: sa.Connection, entry: PersonalDataTable, where: sa.ColumnElement[bool]) -> int:
    if entry.on_erase == "delete":
        return int(conn.execute(entry.table.delete().where(where)).rowcount)
    return int(conn.execute(entry.table.update().where(where).values({entry.owner_column: _pseudonym()})).rowcount)


def _compact(store: Store, tables: Iterable[str]) -> None:
    """Rewrite freed space so erased rows do not survive as bytes in the database files."""
    names = sorted(set(tables))
    if not names:
        return
    if store.dialect == "sqlite":
        raw = store.engine.raw_connection()  # outside SQLAlchemy's transaction: VACUUM refuses to run in one
        try:
            driver = raw.driver_connection
            assert driver is not None
            driver.execute("PRAGMA secure_delete=ON")
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    else:
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if not wait_for_older_snapshots(conn):
                log.warning(
                    "erasure: a transaction of this database older than the deletion was still open after %.0f s; "
                    "it will see %s empty once they are rewritten",
                    WAIT_FOR_SNAPSHOTS_SECONDS,
                    ", ".join(names),
                )
            for name in names:
                _rewrite_postgres_table(conn, name)


# A column whose type can be "changed" to itself: not generated, not in a constraint, and not collatable (so the
# rewrite keeps its collation). A volatile USING expression makes PostgreSQL rewrite the table instead of
# recognising the no-op.
_REWRITABLE_COLUMN = sa.text(
    """
    SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
    WHERE a.attrelid = CAST(:table AS regclass) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      AND a.attcollation = 0
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE (c.conrelid = a.attrelid AND a.attnum = ANY (c.conkey))
                                                      OR (c.confrelid = a.attrelid AND a.attnum = ANY (c.confkey)))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.refobjid = a.attrelid AND d.refobjsubid = a.attnum
                                                  AND d.classid = 'pg_rewrite'::regclass)
    ORDER BY a.attnum LIMIT 1
    """
)


def _rewrite_postgres_table(conn: sa.Connection, table: str) -> None:
    """Copy the table's live rows into new files and drop the old ones, dead rows and all.

    ``VACUUM FULL`` keeps every row that a transaction anywhere on the server might still see: its own snapshot
    counts the running transactions of every database, so a long transaction in another database (a ``pg_dump``,
    a parallel test run) would keep the erased row in the rewritten table. A table rewrite by ``ALTER TABLE``
    copies only the rows the latest snapshot sees (PostgreSQL documents it as not MVCC-safe: a transaction of this
    database whose snapshot is older than the rewrite sees the table empty; :func:`wait_for_older_snapshots` runs
    first so there is none). ``VACUUM FULL`` remains the fallback for a table without a suitable column.
    """
    quote = conn.dialect.identifier_preparer.quote
    found = conn.execute(_REWRITABLE_COLUMN, {"table": quote(table)}).first()
    if found is None:
        conn.execute(sa.text(f"VACUUM (FULL) {quote(table)}"))
        return
    column, type_name = quote(found[0]), found[1]
    conn.execute(
        sa.text(
            f"ALTER TABLE {quote(table)} ALTER COLUMN {column} TYPE {type_name} "
            f"USING CASE WHEN random() >= 0 THEN {column} END"
        )
    )


WAIT_FOR_SNAPSHOTS_SECONDS = 30.0
"""How long an erasure on PostgreSQL waits for older transactions of its database before rewriting the tables."""

# Other sessions of this database whose transaction or snapshot began before transaction id ``mark``: they could
# still read the erased row, and would see the rewritten table empty. Sessions of other databases cannot read these
# tables, and the rewrite does not wait for them.
_OLDER_IN_THIS_DATABASE = sa.text(
    """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND ((backend_xid IS NOT NULL AND age(backend_xid) >= age(CAST(CAST(:mark AS text) AS xid)))
        OR (backend_xmin IS NOT NULL AND age(backend_xmin) >= age(CAST(CAST(:mark AS text) AS xid))))
    """
)


def wait_for_older_snapshots(conn: sa.Connection, timeout: float = WAIT_FOR_SNAPSHOTS_SECONDS) -> bool:
    """Wait until no transaction of this database that began before now is still open; False if ``timeout`` ran out.

    A transaction that started before the deletion may still read the deleted row, and the rewrite that erases it
    for good is not MVCC-safe (such a transaction would then see the table empty). Take a fresh transaction id (the
    deletion has committed before it) and wait until no session of this database has a transaction id or a
    snapshot horizon at or before it; on timeout the erasure goes ahead (the erasure wins over an old reader).
    ``conn`` must be in autocommit mode. The sessions are read from ``pg_stat_activity``, which shows the
    transaction ids of other roles' sessions only to superusers and members of ``pg_read_all_stats``: grant that
    role to krapte's database user if other roles use its database.
    """
    mark = int(conn.execute(sa.text("SELECT txid_current()")).scalar_one()) % 2**32  # the 32-bit xid of the epoch
    deadline = time.monotonic() + timeout
    while int(conn.execute(_OLDER_IN_THIS_DATABASE, {"mark": mark}).scalar_one()) > 0:
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def purge_expired(
    store: Store,
    policy: Mapping[str, int | None],
    now: datetime | None = None,
    *,
    registry: PersonalDataRegistry | None = None,
    actor: str = "system:retention",
    compact: bool = True,
) -> dict[str, int]:
    """Remove (or pseudonymise) records older than their kind's retention period; return counts per table.

    Kinds without a period (missing from ``policy`` or ``None``) are kept. A kind in ``policy`` that no table
    declares is an error, so that a typo in the settings cannot silently keep data forever.
    """
    reg = _registry(registry)
    unknown = sorted(set(policy) - reg.kinds())
    if unknown:
        raise ConfigError(
            f"retention policy names unknown kind(s) {', '.join(unknown)}",
            hint=f"known kinds: {', '.join(sorted(reg.kinds())) or 'none'}",
        )
    now = now or datetime.now(UTC)
    counts: dict[str, int] = {}
    with store.transaction() as conn:
        for entry in reg.entries():
            days = policy.get(entry.kind)
            if days is None or entry.time_column is None:
                continue
            cutoff = now - timedelta(days=days)
            n = _erase(conn, entry, entry.table.c[entry.time_column] < cutoff)
            if n:
                counts[entry.table.name] = counts.get(entry.table.name, 0) + n
        store.audit(
            conn,
            actor=actor,
            action="retention.purge",
            object_type="retention",
            object_id=now.date().isoformat(),
            detail={"policy": dict(policy), "removed": counts},
        )
    if compact:
        _compact(store, counts)
    return counts


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return float(value)
    return value


def export_person(store: Store, subject_id: str, *, registry: PersonalDataRegistry | None = None) -> dict[str, Any]:
    """Everything stored about ``subject_id``: every registered table's rows, plus the audit entries of the
    subject's own actions. JSON-ready (times in ISO 8601, binary as base64)."""
    from krapte.store.tables import audit_log

    if not subject_id:
        raise ValidationError("a subject id is required")
    reg = _registry(registry)
    records: dict[str, list[dict[str, Any]]] = {}
    with store.connect() as conn:
        for entry in reg.entries():
            rows = conn.execute(sa.select(entry.table).where(entry.owned_by(subject_id)))
            found = [{k: _jsonable(v) for k, v in row.items()} for row in rows.mappings()]
            if found:
                records.setdefault(entry.table.name, []).extend(found)
        audit = conn.execute(sa.select(audit_log).where(audit_log.c.actor == subject_id).order_by(audit_log.c.id))
        actions = [{k: _jsonable(v) for k, v in row.items()} for row in audit.mappings()]
    return {
        "subject": subject_id,
        "exported_at": datetime.now(UTC).isoformat(),
        "records": records,
        "kinds": sorted({e.kind for e in reg.entries() if e.table.name in records}),
        "audit": actions,
    }


def delete_person(
    store: Store,
    subject_id: str,
    *,
    registry: PersonalDataRegistry | None = None,
    actor: str = "system",
    compact: bool = True,
) -> dict[str, int]:
    """Erase a subject's personal data in one transaction; return the rows affected per table.

    Children are handled before parents (reverse registration order). The erasure itself is audited under
    the subject's id only, which is what lets it be proven later without keeping any of the data.
    """
    if not subject_id:
        raise ValidationError("a subject id is required")
    reg = _registry(registry)
    counts: dict[str, int] = {}
    with store.transaction() as conn:
        for entry in reversed(reg.entries()):
            n = _erase(conn, entry, entry.owned_by(subject_id))
            if n:
                counts[entry.table.name] = counts.get(entry.table.name, 0) + n
        store.audit(
            conn,
            actor=actor,
            action="person.delete",
            object_type="person",
            object_id=subject_id,
            detail={"rows": counts},
        )
    if compact:
        _compact(store, counts)
    return counts
