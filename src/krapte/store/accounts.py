"""Accounts: users, server-side sessions, API tokens, sign-in attempts and advisor–client links.

Only persistence lives here. Secrets are never stored in the clear: sessions and tokens are kept as SHA-256
digests of the random value the client holds, passwords as the hash the services computed (argon2id).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from krapte.errors import ConflictError, NotFoundError
from krapte.store.database import Store
from krapte.store.personal import register_personal_data
from krapte.store.tables import metadata

__all__ = [
    "ApiTokenRow",
    "SessionRow",
    "UserRow",
    "add_client",
    "client_ids",
    "count_failed_attempts",
    "create_session",
    "create_token",
    "create_user",
    "delete_session",
    "delete_sessions_of",
    "find_session",
    "find_token",
    "get_user",
    "get_user_by_name",
    "get_user_by_subject",
    "is_client_of",
    "list_client_users",
    "list_tokens",
    "list_users",
    "record_attempt",
    "remove_client",
    "revoke_token",
    "touch_session",
    "touch_token",
    "update_user",
    "usernames",
]

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("username", sa.String(200), nullable=False, unique=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(30), nullable=False),
    sa.Column("password_hash", sa.String(300), nullable=True),  # NULL: signs in through OpenID Connect only
    sa.Column("oidc_issuer", sa.String(500), nullable=True),
    sa.Column("oidc_subject", sa.String(300), nullable=True),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("oidc_issuer", "oidc_subject", name="uq_users_oidc"),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("via", sa.String(20), nullable=False, default="session"),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("scopes", sa.Text, nullable=False),  # JSON list
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(200), nullable=False),
    sa.Column("client", sa.String(100), nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("success", sa.Boolean, nullable=False),
    sa.Index("ix_login_attempts_username_at", "username", "at"),
    sa.Index("ix_login_attempts_client_at", "client", "at"),
)

advisor_clients = sa.Table(
    "advisor_clients",
    metadata,
    sa.Column("advisor_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("client_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("since", sa.DateTime(timezone=True), nullable=False),
)

TABLES = [users, sessions, api_tokens, login_attempts, advisor_clients]

# parents before children: erasing an account removes its sessions, tokens and client links with it
register_personal_data(
    users, owner_column="id", kind="account", description="the account: name, role, password hash, OIDC subject"
)
register_personal_data(
    sessions,
    owner_column="user_id",
    kind="session",
    time_column="last_seen_at",
    description="server-side sign-in sessions",
)
register_personal_data(
    api_tokens, owner_column="user_id", kind="api_token", time_column="created_at", description="hashed API tokens"
)
register_personal_data(
    advisor_clients, owner_column="client_id", kind="advisor_link", description="which advisor a job seeker has"
)


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str
    display_name: str
    role: str
    password_hash: str | None
    oidc_issuer: str | None
    oidc_subject: str | None
    disabled: bool
    created_at: datetime
    password_changed_at: datetime | None


@dataclass(frozen=True)
class SessionRow:
    id_hash: str
    user_id: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    via: str


@dataclass(frozen=True)
class ApiTokenRow:
    id: str
    user_id: str
    name: str
    scopes: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything krapte stores is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _user(row: Any) -> UserRow:
    return UserRow(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        password_hash=row.password_hash,
        oidc_issuer=row.oidc_issuer,
        oidc_subject=row.oidc_subject,
        disabled=bool(row.disabled),
        created_at=_aware(row.created_at),  # type: ignore[arg-type]
        password_changed_at=_aware(row.password_changed_at),
    )


def create_user(conn: Connection, user: UserRow) -> None:
    exists = conn.execute(sa.select(users.c.id).where(users.c.username == user.username)).first()
    if exists:
        raise ConflictError(f"an account named {user.username!r} already exists", hint="choose another name")
    conn.execute(users.insert().values(**user.__dict__))


def update_user(conn: Connection, user_id: str, **values: Any) -> None:
    done = conn.execute(users.update().where(users.c.id == user_id).values(**values))
    if done.rowcount == 0:
        raise NotFoundError(f"no account {user_id!r}")


def get_user(store: Store, user_id: str) -> UserRow | None:
    with store.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
    return _user(row) if row else None


def get_user_by_name(store: Store, username: str) -> UserRow | None:
    with store.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    return _user(row) if row else None


def get_user_by_subject(store: Store, issuer: str, subject: str) -> UserRow | None:
    query = sa.select(users).where(users.c.oidc_issuer == issuer, users.c.oidc_subject == subject)
    with store.connect() as conn:
        row = conn.execute(query).first()
    return _user(row) if row else None


def usernames(store: Store, ids: set[str]) -> dict[str, str]:
    """Account name per id, for the ids that are accounts."""
    if not ids:
        return {}
    with store.connect() as conn:
        rows = conn.execute(sa.select(users.c.id, users.c.username).where(users.c.id.in_(sorted(ids))))
        return {r.id: r.username for r in rows}


def list_users(store: Store, *, role: str | None = None) -> list[UserRow]:
    query = sa.select(users).order_by(users.c.username)
    if role is not None:
        query = query.where(users.c.role == role)
    with store.connect() as conn:
        return [_user(r) for r in conn.execute(query)]


# --- sessions ---------------------------------------------------------------------------------------------------


def create_session(conn: Connection, row: SessionRow) -> None:
    conn.execute(sessions.insert().values(**row.__dict__))


def find_session(store: Store, id_hash: str) -> tuple[SessionRow, UserRow] | None:
    query = (
        sa.select(sessions, users).join(users, users.c.id == sessions.c.user_id).where(sessions.c.id_hash == id_hash)
    )
    with store.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    m = row._mapping
    session = SessionRow(
        id_hash=m[sessions.c.id_hash],
        user_id=m[sessions.c.user_id],
        created_at=_aware(m[sessions.c.created_at]),  # type: ignore[arg-type]
        last_seen_at=_aware(m[sessions.c.last_seen_at]),  # type: ignore[arg-type]
        expires_at=_aware(m[sessions.c.expires_at]),  # type: ignore[arg-type]
        via=m[sessions.c.via],
    )
    return session, _user(_View(m, users))


class _View:
    """Attribute access to one table's columns of a joined row."""

    def __init__(self, mapping: Any, table: sa.Table) -> None:
        self._m = mapping
        self._t = table

    def __getattr__(self, name: str) -> Any:
        return self._m[self._t.c[name]]


def touch_session(store: Store, id_hash: str, *, last_seen_at: datetime, expires_at: datetime) -> None:
    with store.transaction() as conn:
        conn.execute(
            sessions.update()
            .where(sessions.c.id_hash == id_hash)
            .values(last_seen_at=last_seen_at, expires_at=expires_at)
        )


def delete_session(store: Store, id_hash: str) -> None:
    with store.transaction() as conn:
        conn.execute(sessions.delete().where(sessions.c.id_hash == id_hash))


def delete_sessions_of(conn: Connection, user_id: str, *, except_hash: str | None = None) -> int:
    query = sessions.delete().where(sessions.c.user_id == user_id)
    if except_hash is not None:
        query = query.where(sessions.c.id_hash != except_hash)
    return conn.execute(query).rowcount


# --- API tokens -------------------------------------------------------------------------------------------------


def _token(row: Any) -> ApiTokenRow:
    return ApiTokenRow(
        id=row.id,
        user_id=row.user_id,
        name=row.name,
        scopes=tuple(json.loads(row.scopes)),
        created_at=_aware(row.created_at),  # type: ignore[arg-type]
        expires_at=_aware(row.expires_at),
        last_used_at=_aware(row.last_used_at),
        revoked_at=_aware(row.revoked_at),
    )


def create_token(conn: Connection, row: ApiTokenRow, token_hash: str) -> None:
    values = {**row.__dict__, "scopes": json.dumps(list(row.scopes)), "token_hash": token_hash}
    conn.execute(api_tokens.insert().values(**values))


def find_token(store: Store, token_hash: str) -> tuple[ApiTokenRow, UserRow] | None:
    joined = api_tokens.join(users, users.c.id == api_tokens.c.user_id)
    query = sa.select(api_tokens, users).select_from(joined).where(api_tokens.c.token_hash == token_hash)
    with store.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    m = row._mapping
    token = _token(_View(m, api_tokens))
    return token, _user(_View(m, users))


def touch_token(store: Store, token_id: str, *, now: datetime) -> None:
    with store.transaction() as conn:
        conn.execute(api_tokens.update().where(api_tokens.c.id == token_id).values(last_used_at=now))


def list_tokens(store: Store, user_id: str) -> list[ApiTokenRow]:
    query = sa.select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.created_at)
    with store.connect() as conn:
        return [_token(r) for r in conn.execute(query)]


def revoke_token(conn: Connection, token_id: str, user_id: str, *, now: datetime) -> bool:
    done = conn.execute(
        api_tokens.update()
        .where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return done.rowcount > 0


# --- sign-in attempts ---------------------------------------------------------------------------------------------


def record_attempt(store: Store, *, username: str, client: str | None, at: datetime, success: bool) -> None:
    with store.transaction() as conn:
        conn.execute(login_attempts.insert().values(username=username, client=client, at=at, success=success))
        if success:  # a good sign-in clears the failures of that name
            conn.execute(
                login_attempts.delete().where(
                    login_attempts.c.username == username, login_attempts.c.success.is_(False)
                )
            )


def count_failed_attempts(
    store: Store, *, since: datetime, username: str | None = None, client: str | None = None
) -> int:
    query = (
        sa.select(sa.func.count())
        .select_from(login_attempts)
        .where(login_attempts.c.at >= since, login_attempts.c.success.is_(False))
    )
    if username is not None:
        query = query.where(login_attempts.c.username == username)
    if client is not None:
        query = query.where(login_attempts.c.client == client)
    with store.connect() as conn:
        return int(conn.execute(query).scalar_one())


# --- advisors and their clients -------------------------------------------------------------------------------------


def add_client(conn: Connection, advisor_id: str, client_id: str, *, since: datetime) -> None:
    exists = conn.execute(
        sa.select(advisor_clients.c.advisor_id).where(
            advisor_clients.c.advisor_id == advisor_id, advisor_clients.c.client_id == client_id
        )
    ).first()
    if not exists:
        conn.execute(advisor_clients.insert().values(advisor_id=advisor_id, client_id=client_id, since=since))


def remove_client(conn: Connection, advisor_id: str, client_id: str) -> bool:
    done = conn.execute(
        advisor_clients.delete().where(
            advisor_clients.c.advisor_id == advisor_id, advisor_clients.c.client_id == client_id
        )
    )
    return done.rowcount > 0


def is_client_of(store: Store, advisor_id: str, client_id: str) -> bool:
    query = sa.select(advisor_clients.c.client_id).where(
        advisor_clients.c.advisor_id == advisor_id, advisor_clients.c.client_id == client_id
    )
    with store.connect() as conn:
        return conn.execute(query).first() is not None


def client_ids(store: Store, advisor_id: str) -> list[str]:
    query = sa.select(advisor_clients.c.client_id).where(advisor_clients.c.advisor_id == advisor_id)
    with store.connect() as conn:
        return list(conn.execute(query).scalars())


def list_client_users(store: Store, advisor_id: str) -> list[UserRow]:
    """An advisor's clients' accounts, in one query, by account name."""
    query = (
        sa.select(users)
        .join(advisor_clients, advisor_clients.c.client_id == users.c.id)
        .where(advisor_clients.c.advisor_id == advisor_id)
        .order_by(users.c.username)
    )
    with store.connect() as conn:
        return [_user(row) for row in conn.execute(query)]
