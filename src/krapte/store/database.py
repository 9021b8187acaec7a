"""Engine creation and the ``Store`` handle shared by all repositories."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from krapte.errors import ConfigError
from krapte.settings import Settings
from krapte.store import tables

#: a pooled PostgreSQL connection idle for longer than this is pinged before it is handed out (seconds)
PING_AFTER_IDLE = 10.0


def create_engine(url: str, *, ping_after_idle: float = PING_AFTER_IDLE) -> Engine:
    """Create an engine for a SQLite or PostgreSQL URL, with the pragmas krapte relies on.

    A PostgreSQL connection that waited in the pool for more than ``ping_after_idle`` seconds is pinged when it is
    checked out, and replaced when the ping fails (a restarted server, a dropped idle connection): see
    :func:`_ping_idle_connections`.
    """
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise ConfigError(
            f"database URL {url!r} is not valid",
            hint="use e.g. sqlite:///path/krapte.sqlite or postgresql://user@host/db",
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # let SQLAlchemy, not pysqlite, open transactions so that DDL is transactional too
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in free pages
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Connection) -> None:
            # ``execution_options(sqlite_begin="BEGIN IMMEDIATE")`` takes the write lock up front (migrations)
            conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

        return engine
    if backend == "postgresql":
        engine = sa.create_engine(parsed)
        _ping_idle_connections(engine, ping_after_idle)
        return engine
    raise ConfigError(
        f"database backend {backend!r} in {url!r} is not supported",
        hint="krapte supports sqlite and postgresql",
    )


def _ping_idle_connections(engine: Engine, after: float) -> None:
    """Ping a pooled connection at checkout only when it has been idle for more than ``after`` seconds.

    ``pool_pre_ping=True`` pings on every checkout: one round trip to the server per checkout, 3 to 10 per web
    request. A connection returned to the pool a moment ago was alive then; the connections that die unnoticed are
    the ones left idle (a server restart, a firewall or ``idle_session_timeout`` dropping them). A failed ping raises
    ``DisconnectionError``, on which the pool discards the connection and checks out (or opens) another. A
    connection that dies while in use is detected by SQLAlchemy as a disconnect: that statement fails and the pool
    drops every connection opened before it.
    """
    key = "krapte_checked_in"  # the record's ``info`` is cleared whenever its DBAPI connection is replaced

    @sa.event.listens_for(engine, "connect")
    @sa.event.listens_for(engine, "checkin")
    def _fresh(_dbapi_conn: Any, record: Any) -> None:
        record.info[key] = time.monotonic()

    @sa.event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(key)
        if since is not None and time.monotonic() - since <= after:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as e:
            raise sa.exc.DisconnectionError(f"pooled connection failed its ping: {e}") from e


@dataclass(frozen=True)
class AuditActor:
    """Who acts, as the services hand it to repositories: the principal's id plus where the request came from.

    Repositories write ``str(actor)`` (the id) into their own ``*_by`` columns and the whole value into the audit log.
    """

    id: str
    role: str | None = None
    request_id: str | None = None
    client: str | None = None

    def __str__(self) -> str:
        return self.id


class Store:
    """A migrated database. Repositories take a ``Store`` and use ``transaction()`` for atomic writes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work: everything inside commits together or not at all.

        On SQLite it takes the write lock at the start (``BEGIN IMMEDIATE``): nearly every unit of work reads before
        it writes (the audit chain reads the last entry's hash), and a deferred transaction that must upgrade its read
        lock while another writer has committed fails at once with "database is locked" instead of waiting for
        ``busy_timeout``. Readers are not blocked (WAL).
        """
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def migrate(self) -> list[str]:
        from krapte.store.migrate import migrate

        return migrate(self.engine)

    def audit(
        self,
        conn: Connection,
        *,
        actor: str | AuditActor,
        action: str,
        object_type: str,
        object_id: str,
        detail: dict[str, Any] | None = None,
        role: str | None = None,
        request_id: str | None = None,
        client: str | None = None,
        model_version: str | None = None,
        taxonomy_version: str | None = None,
        input_hash: str | None = None,
    ) -> str:
        """Record who did what to which object; callers pass the connection of their own transaction.

        Appends to the hash-chained audit log (:mod:`krapte.store.audit`) and returns the new entry's hash.
        ``actor`` is an :class:`AuditActor` (from the services: id, role, request id, client) or a plain id.
        Extractions and recommendations also pass ``model_version``, ``taxonomy_version`` and ``input_hash``
        (:func:`krapte.store.audit.hash_input` of the input; never the input itself).
        """
        from krapte.store.audit import append_entry

        if isinstance(actor, AuditActor):
            role, request_id, client = role or actor.role, request_id or actor.request_id, client or actor.client
        return append_entry(
            conn,
            actor=str(actor),
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
            role=role,
            request_id=request_id,
            client=client,
            model_version=model_version,
            taxonomy_version=taxonomy_version,
            input_hash=input_hash,
        )

    def audit_trail(self, object_type: str, object_id: str | None = None) -> list[dict[str, Any]]:
        query = sa.select(tables.audit_log).where(tables.audit_log.c.object_type == object_type)
        if object_id is not None:
            query = query.where(tables.audit_log.c.object_id == object_id)
        with self.connect() as conn:
            rows = conn.execute(query.order_by(tables.audit_log.c.id)).mappings().all()
        return [{**row, "detail": json.loads(row["detail"])} for row in rows]

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(settings: Settings | None = None, *, url: str | None = None, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store named by ``url`` or by the settings."""
    if url is None:
        url = (settings or Settings.from_env()).database_url
    store = Store(create_engine(url))
    if migrate:
        store.migrate()
    return store
