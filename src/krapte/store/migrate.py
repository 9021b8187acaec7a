"""The schema history, run by Alembic from inside the package.

Revisions live in ``krapte/store/migrations/versions`` (one linear history; each repository's tables are created
by explicit ``op.create_table`` calls, never from the live table definitions). :func:`migrate` applies what is
pending in one transaction that holds a database-wide lock (PostgreSQL advisory lock, SQLite ``BEGIN
IMMEDIATE``), so concurrent migrators take turns and a failed upgrade leaves the schema as it was.

Databases made by release 0.1.0 carry the old runner's ``schema_migrations`` table instead of ``alembic_version``;
:func:`migrate` recognises them, stamps the matching revision, drops the old table and upgrades from there,
keeping every row.

Writing a new revision (developers)::

    KRAPTE_DATABASE_URL=sqlite:////tmp/dev.sqlite python -m krapte.store.migrate upgrade head
    KRAPTE_DATABASE_URL=sqlite:////tmp/dev.sqlite python -m krapte.store.migrate revision \\
        --autogenerate --rev-id 0600_accounts -m "accounts: users and sessions"

then review the generated ``versions/r0600_accounts.py``: explicit ``op`` calls, a docstring saying what and why,
and PostgreSQL/SQLite differences handled. ``tests/store/test_migrations.py`` fails while the history and the
table definitions differ.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import CommandLine, Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from krapte.errors import ConfigError

__all__ = [
    "LEGACY_REVISIONS",
    "alembic_config",
    "current_revision",
    "head_revision",
    "main",
    "migrate",
    "migration_lock",
    "script_directory",
    "target_metadata",
]

SCRIPT_LOCATION = Path(__file__).with_name("migrations")
MIGRATION_LOCK_KEY = 7405321

# The old runner's migration ids (release 0.1.0) and the revision that creates the same tables, in order.
LEGACY_REVISIONS: dict[str, str] = {
    "m0001_core": "0001_core",
    "m0100_taxonomy": "0100_taxonomy",
    "m0300_labour": "0300_labour",
    "m0400_monitor": "0400_monitor",
}


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration without an ini file, pointing at the packaged history."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    cfg.set_main_option("version_path_separator", "os")
    cfg.set_main_option("file_template", "r%%(rev)s")  # --rev-id 0600_accounts writes versions/r0600_accounts.py
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "the schema history is empty"
    return head


def target_metadata() -> sa.MetaData:
    """The live table definitions of every repository (for autogenerate comparisons only)."""
    import krapte.store.accounts
    import krapte.store.labour
    import krapte.store.match
    import krapte.store.monitor
    import krapte.store.oidc
    import krapte.store.taxonomy  # noqa: F401  (each repository adds its tables to the shared metadata)
    from krapte.store import tables

    return tables.metadata


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def migration_lock(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the database-wide migration lock, so concurrent migrators take turns."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"))  # released at commit
            yield conn


def _adopt_legacy(conn: Connection, script: ScriptDirectory) -> str | None:
    """Stamp a release-0.1.0 database with the revision its ``schema_migrations`` rows correspond to."""
    names = set(sa.inspect(conn).get_table_names())
    if "schema_migrations" not in names or "alembic_version" in names:
        return None
    applied: set[str] = set(conn.execute(sa.text("SELECT id FROM schema_migrations")).scalars())
    unknown = sorted(applied - LEGACY_REVISIONS.keys())
    if unknown:
        raise ConfigError(
            f"the database was migrated by an unknown krapte version (migrations {', '.join(unknown)})",
            hint="open it with the krapte release that created it, or restore a backup",
        )
    stamp: str | None = None
    for old, new in LEGACY_REVISIONS.items():  # the old runner applied them in this order, so they form a prefix
        if old not in applied:
            break
        stamp = new
    if stamp is not None:
        MigrationContext.configure(conn).stamp(script, stamp)
    conn.execute(sa.text("DROP TABLE schema_migrations"))
    return stamp


def migrate(engine: Engine) -> list[str]:
    """Apply pending revisions; return the ids applied now (oldest first). Safe to call concurrently."""
    script = script_directory()
    target = script.get_current_head()
    with migration_lock(engine) as conn:
        _adopt_legacy(conn, script)
        before = MigrationContext.configure(conn).get_current_revision()
        if before == target:
            return []
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    applied = [rev.revision for rev in script.iterate_revisions(target, before)]
    return list(reversed(applied))


def main(argv: Sequence[str] | None = None) -> None:
    """The ``alembic`` command line on the packaged history, for the database named by the settings."""
    from krapte.settings import Settings

    cli = CommandLine(prog="python -m krapte.store.migrate")
    options = cli.parser.parse_args(argv)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    cli.run_cmd(alembic_config(Settings.from_env().database_url), options)


if __name__ == "__main__":
    main(sys.argv[1:])
