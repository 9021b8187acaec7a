"""Monitor tables: measures registry with change history, indicator definitions and observations."""

from sqlalchemy.engine import Connection

from krapte.store import monitor


def upgrade(conn: Connection) -> None:
    monitor.metadata.create_all(conn, tables=monitor.TABLES)
