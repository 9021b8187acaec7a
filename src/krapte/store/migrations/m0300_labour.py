"""Labour tables: project pipelines, their projects, imported supply cells."""

from sqlalchemy.engine import Connection

from krapte.store import labour


def upgrade(conn: Connection) -> None:
    labour.metadata.create_all(conn, tables=labour.TABLES)
