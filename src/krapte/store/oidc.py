"""Pending OpenID Connect sign-ins: what the callback needs to finish a sign-in that the start route began.

One row per started sign-in, keyed by the SHA-256 digest of its ``state`` (the browser carries the value itself).
A row is taken, and deleted, by the first callback that names it (single use); rows older than the time-out are
purged. Only persistence lives here: :mod:`krapte.services.oidc` decides what is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from krapte.store.database import Store
from krapte.store.tables import metadata

__all__ = ["PendingLogin", "add_pending", "count_pending", "purge_pending", "take_pending"]

oidc_pending = sa.Table(
    "oidc_pending",
    metadata,
    sa.Column("state_hash", sa.String(64), primary_key=True),
    sa.Column("nonce", sa.String(100), nullable=False),
    sa.Column("code_verifier", sa.String(128), nullable=False),
    sa.Column("return_to", sa.String(500), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

TABLES = [oidc_pending]


@dataclass(frozen=True)
class PendingLogin:
    state_hash: str
    nonce: str
    code_verifier: str
    return_to: str
    created_at: datetime


def add_pending(conn: Connection, row: PendingLogin) -> None:
    conn.execute(oidc_pending.insert().values(**row.__dict__))


def take_pending(conn: Connection, state_hash: str) -> PendingLogin | None:
    """Remove and return the pending sign-in of ``state_hash``; None when unknown or already taken."""
    row = conn.execute(sa.select(oidc_pending).where(oidc_pending.c.state_hash == state_hash)).first()
    if row is None:
        return None
    # the DELETE decides who wins when two callbacks race for the same state: only one removes the row
    if conn.execute(oidc_pending.delete().where(oidc_pending.c.state_hash == state_hash)).rowcount != 1:
        return None
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    return PendingLogin(row.state_hash, row.nonce, row.code_verifier, row.return_to, created)


def purge_pending(conn: Connection, *, before: datetime) -> int:
    """Delete pending sign-ins started before ``before``; returns how many."""
    return int(conn.execute(oidc_pending.delete().where(oidc_pending.c.created_at < before)).rowcount)


def count_pending(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(oidc_pending)).scalar_one())
