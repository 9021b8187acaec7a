"""OpenID Connect: pending sign-ins (state → nonce, PKCE code verifier, return path)."""

from sqlalchemy.engine import Connection

from krapte.store import oidc


def upgrade(conn: Connection) -> None:
    oidc.metadata.create_all(conn, tables=oidc.TABLES)
