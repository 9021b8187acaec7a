"""Accounts: users, sessions, API tokens, sign-in attempts, advisor–client links."""

from sqlalchemy.engine import Connection

from krapte.store import accounts


def upgrade(conn: Connection) -> None:
    accounts.metadata.create_all(conn, tables=accounts.TABLES)
