"""Core tables: the audit log of decisions and edits."""

from sqlalchemy.engine import Connection

from krapte.store import tables


def upgrade(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.audit_log])
