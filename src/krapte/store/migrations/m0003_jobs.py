"""Background jobs: one row per job with its status, progress, result or error."""

from sqlalchemy.engine import Connection

from krapte.store import jobs


def upgrade(conn: Connection) -> None:
    jobs.metadata.create_all(conn, tables=jobs.TABLES)
