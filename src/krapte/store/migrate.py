"""A small, explicit migration runner.

Migrations are modules ``krapte/store/migrations/m<NNNN>_<name>.py`` with ``def upgrade(conn) -> None``.
They run in order of their number, each in its own transaction, and are recorded in ``schema_migrations``.
Numbers are
grouped per domain so that work on one domain never renumbers another: 0001–0099 core, 0100–0199 taxonomy,
0200–0299 extract, 0300–0399 labour, 0400–0499 monitor, 0500–0599 match.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import ModuleType

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from krapte.store import migrations

_NAME = re.compile(r"^m(\d{4})_[a-z0-9_]+$")

schema_migrations = sa.Table(
    "schema_migrations",
    sa.MetaData(),
    sa.Column("id", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)


def available() -> list[tuple[str, ModuleType]]:
    found = []
    for info in pkgutil.iter_modules(migrations.__path__):
        if _NAME.match(info.name):
            found.append((info.name, importlib.import_module(f"{migrations.__name__}.{info.name}")))
    return sorted(found)


def applied(engine: Engine) -> set[str]:
    with _locked(engine) as conn:
        schema_migrations.create(conn, checkfirst=True)
        return set(conn.execute(sa.select(schema_migrations.c.id)).scalars())


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the database-wide migration lock, so concurrent migrators take turns."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7405321)"))  # released at commit
            yield conn


def migrate(engine: Engine) -> list[str]:
    """Apply pending migrations; return the ids applied now. Safe to call concurrently and repeatedly."""
    done = applied(engine)
    newly: list[str] = []
    for name, module in available():
        if name in done:
            continue
        with _locked(engine) as conn:
            if conn.execute(sa.select(schema_migrations.c.id).where(schema_migrations.c.id == name)).first():
                continue
            module.upgrade(conn)
            conn.execute(schema_migrations.insert().values(id=name, applied_at=datetime.now(UTC)))
        newly.append(name)
    return newly
