"""Alembic environment for krapte.

Run programmatically by :func:`krapte.store.migrate.migrate`, which passes an open connection (already holding
the migration lock, inside its transaction) as ``config.attributes["connection"]``. Run by the ``alembic``
command line (``python -m krapte.store.migrate ...``), it connects to ``sqlalchemy.url`` itself.
"""

from __future__ import annotations

from alembic import context

from krapte.store.migrate import target_metadata

config = context.config


def _run(connection: object, metadata: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=metadata,  # type: ignore[arg-type]
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata())
    with context.begin_transaction():
        context.run_migrations()
elif (conn := config.attributes.get("connection")) is not None:
    _run(conn, config.attributes.get("target_metadata"))  # upgrades need no metadata; comparisons pass it
else:
    from krapte.store.database import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        _run(connection, target_metadata())
    engine.dispose()
