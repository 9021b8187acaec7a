"""Accounts: create users, sign in and out, sessions, password changes, API tokens, advisors' clients.

Passwords are hashed with argon2id (``argon2-cffi``). Session ids and API tokens are 256-bit random values given
to the client once; the store keeps only their SHA-256 digest. Sign-in is rate limited per account name and per
client address (:class:`~krapte.settings.AuthSettings`): after ``login_max_failures`` failures within the window
further attempts are refused with 429 until the window has passed, whether or not the password is right.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from krapte.errors import AuthenticationError, NotFoundError, PermissionDeniedError, RateLimitedError, ValidationError
from krapte.services.audit import record
from krapte.services.context import PERMISSIONS, ROLE_PERMISSIONS, Context, Principal, Role
from krapte.store import accounts as repo

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "Account",
    "IssuedToken",
    "SignedIn",
    "TokenInfo",
    "account_id",
    "add_client",
    "change_password",
    "create_token",
    "create_user",
    "has_admin",
    "list_clients",
    "list_tokens",
    "list_users",
    "principal_from_session",
    "principal_from_token",
    "remove_client",
    "revoke_token",
    "set_disabled",
    "sign_in",
    "sign_out",
]

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 hashes anything, but a megabyte password is an attack, not a password
_hasher = PasswordHasher()  # argon2id, the library's maintained defaults
# a hash of a random password, verified when an account does not exist so that timing reveals nothing
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    """An account as the services show it: never the password hash."""

    id: str
    username: str
    display_name: str
    role: Role
    disabled: bool
    created_at: datetime
    signs_in_with: str  # "password", "oidc" or "password+oidc"


@dataclass(frozen=True)
class SignedIn:
    """A new session: ``session_id`` goes into the cookie and is shown nowhere else."""

    session_id: str
    account: Account
    expires_at: datetime


@dataclass(frozen=True)
class TokenInfo:
    id: str
    name: str
    scopes: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked: bool


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: ``token`` is shown once and cannot be recovered."""

    token: str
    info: TokenInfo


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _account(row: repo.UserRow) -> Account:
    ways = [w for w, present in (("password", row.password_hash), ("oidc", row.oidc_subject)) if present]
    return Account(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        disabled=row.disabled,
        created_at=row.created_at,
        signs_in_with="+".join(ways) or "none",
    )


def _principal(row: repo.UserRow, via: str, scopes: frozenset[str] | None = None) -> Principal:
    return Principal(id=row.id, name=row.username, role=Role(row.role), via=via, scopes=scopes)  # type: ignore[arg-type]


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"a password needs at least {MIN_PASSWORD_LENGTH} characters", hint="use a passphrase of a few words"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(f"a password may have at most {MAX_PASSWORD_LENGTH} characters")


def _check_username(username: str) -> str:
    name = username.strip()
    if not 3 <= len(name) <= 200 or any(c.isspace() or not c.isprintable() for c in name):
        raise ValidationError(
            f"account name {username!r} is not valid",
            hint="use 3–200 characters without spaces, e.g. an e-mail address",
        )
    return name


def has_admin(ctx: Context) -> bool:
    """Whether an enabled admin account exists (``krapte serve`` and ``setup`` say how to create the first)."""
    return any(not u.disabled for u in repo.list_users(ctx.store, role=Role.ADMIN.value))


def create_user(
    ctx: Context,
    username: str,
    *,
    role: Role,
    password: str | None,
    display_name: str | None = None,
    oidc_issuer: str | None = None,
    oidc_subject: str | None = None,
) -> Account:
    """Create an account. Admins create any account; the command line creates the first admin."""
    ctx.require("users.manage")
    name = _check_username(username)
    if password is None and oidc_subject is None:
        raise ValidationError("an account needs a password or an OpenID Connect identity")
    if password is not None:
        _check_password(password)
    row = repo.UserRow(
        id=str(uuid.uuid4()),
        username=name,
        display_name=(display_name or name).strip()[:200],
        role=Role(role).value,
        password_hash=_hasher.hash(password) if password is not None else None,
        oidc_issuer=oidc_issuer,
        oidc_subject=oidc_subject,
        disabled=False,
        created_at=_now(),
        password_changed_at=_now() if password is not None else None,
    )
    with ctx.store.transaction() as conn:
        repo.create_user(conn, row)
        record(ctx, conn, "user.create", "user", row.id, {"username": name, "role": row.role})
    return _account(row)


def list_users(ctx: Context) -> list[Account]:
    ctx.require("users.manage")
    return [_account(u) for u in repo.list_users(ctx.store)]


def account_id(ctx: Context, name_or_id: str) -> str:
    """The id of an account given by its id or its account name (for the command line: ``privacy export NAME``)."""
    ctx.require("users.manage")
    row = repo.get_user(ctx.store, name_or_id) or repo.get_user_by_name(ctx.store, name_or_id.strip())
    if row is None:
        raise NotFoundError(f"no account {name_or_id!r}", hint="krapte users list shows the accounts")
    return row.id


def set_disabled(ctx: Context, user_id: str, disabled: bool) -> Account:
    """Disable (or enable) an account; disabling ends all its sessions at once."""
    ctx.require("users.manage")
    with ctx.store.transaction() as conn:
        repo.update_user(conn, user_id, disabled=disabled)
        if disabled:
            repo.delete_sessions_of(conn, user_id)
        record(ctx, conn, "user.disable" if disabled else "user.enable", "user", user_id)
    row = repo.get_user(ctx.store, user_id)
    assert row is not None
    return _account(row)


def _throttle(ctx: Context, username: str) -> None:
    auth = ctx.settings.auth
    since = _now() - timedelta(minutes=auth.login_window_minutes)
    by_name = repo.count_failed_attempts(ctx.store, since=since, username=username)
    by_client = repo.count_failed_attempts(ctx.store, since=since, client=ctx.client) if ctx.client else 0
    if by_name >= auth.login_max_failures or by_client >= auth.login_max_failures * 4:
        raise RateLimitedError(
            f"too many failed sign-ins; try again in {auth.login_window_minutes} minutes",
            hint="ask an administrator if you forgot your password",
            retry_after_seconds=auth.login_window_minutes * 60,
        )


def sign_in(ctx: Context, username: str, password: str, *, via: str = "session") -> SignedIn:
    """Check name and password and open a server-side session. Failures say nothing about which part was wrong."""
    name = username.strip()[:200]
    _throttle(ctx, name)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(f"a password may have at most {MAX_PASSWORD_LENGTH} characters")
    row = repo.get_user_by_name(ctx.store, name)
    ok = False
    try:
        ok = _hasher.verify(row.password_hash if row and row.password_hash else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    ok = ok and row is not None and row.password_hash is not None and not row.disabled
    repo.record_attempt(ctx.store, username=name, client=ctx.client, at=_now(), success=ok)
    if not ok or row is None:
        with ctx.store.transaction() as conn:
            record(ctx, conn, "auth.sign_in_failed", "user", name)
        raise AuthenticationError("the account name or password is not right", hint="check both and try again")
    if row.password_hash and _hasher.check_needs_rehash(row.password_hash):
        with ctx.store.transaction() as conn:
            repo.update_user(conn, row.id, password_hash=_hasher.hash(password))
    return open_session(ctx.with_principal(_principal(row, via)), row, via=via)


def open_session(ctx: Context, row: repo.UserRow, *, via: str) -> SignedIn:
    """A fresh session for an already authenticated account (password or OpenID Connect)."""
    session_id = secrets.token_urlsafe(32)
    now = _now()
    expires = min(
        now + timedelta(minutes=ctx.settings.auth.session_idle_minutes),
        now + timedelta(hours=ctx.settings.auth.session_max_hours),
    )
    with ctx.store.transaction() as conn:
        repo.create_session(
            conn,
            repo.SessionRow(
                id_hash=_digest(session_id),
                user_id=row.id,
                created_at=now,
                last_seen_at=now,
                expires_at=expires,
                via=via,
            ),
        )
        record(ctx.with_principal(_principal(row, via)), conn, "auth.sign_in", "user", row.id, {"via": via})
    return SignedIn(session_id=session_id, account=_account(row), expires_at=expires)


def principal_from_session(ctx: Context, session_id: str) -> Principal | None:
    """The principal of a live session (sliding idle expiry, capped by the absolute maximum); None otherwise."""
    if not session_id or len(session_id) > 100:
        return None
    found = repo.find_session(ctx.store, _digest(session_id))
    if found is None:
        return None
    session, user = found
    now = _now()
    if session.expires_at <= now or user.disabled:
        repo.delete_session(ctx.store, session.id_hash)
        return None
    if (now - session.last_seen_at).total_seconds() > 60:  # write at most once a minute per session
        expires = min(
            now + timedelta(minutes=ctx.settings.auth.session_idle_minutes),
            session.created_at + timedelta(hours=ctx.settings.auth.session_max_hours),
        )
        repo.touch_session(ctx.store, session.id_hash, last_seen_at=now, expires_at=expires)
    return _principal(user, session.via)


def sign_out(ctx: Context, session_id: str) -> None:
    if not session_id or len(session_id) > 100:
        return
    repo.delete_session(ctx.store, _digest(session_id))
    if not ctx.principal.is_anonymous:
        with ctx.store.transaction() as conn:
            record(ctx, conn, "auth.sign_out", "user", ctx.principal.id)


def change_password(ctx: Context, current: str, new: str, *, keep_session_id: str | None = None) -> None:
    """Change one's own password; every other session of the account ends."""
    ctx.require_signed_in()
    row = repo.get_user(ctx.store, ctx.principal.id)
    if row is None or row.password_hash is None:
        raise PermissionDeniedError("this account signs in without a password", hint="change it at your provider")
    try:
        _hasher.verify(row.password_hash, current[:MAX_PASSWORD_LENGTH])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise AuthenticationError("the current password is not right") from None
    _check_password(new)
    with ctx.store.transaction() as conn:
        repo.update_user(conn, row.id, password_hash=_hasher.hash(new), password_changed_at=_now())
        repo.delete_sessions_of(conn, row.id, except_hash=_digest(keep_session_id) if keep_session_id else None)
        record(ctx, conn, "user.change_password", "user", row.id)


# --- API tokens -----------------------------------------------------------------------------------------------------


def _token_info(row: repo.ApiTokenRow) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        name=row.name,
        scopes=row.scopes,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        revoked=row.revoked_at is not None,
    )


def create_token(ctx: Context, name: str, scopes: list[str] | None = None, *, days: int | None = 90) -> IssuedToken:
    """A token for scripts, limited to ``scopes`` (default: everything the owner's role allows)."""
    ctx.require_signed_in()
    if ctx.principal.via == "token":
        raise PermissionDeniedError("a token cannot create tokens", hint="sign in with your password")
    role = ctx.principal.role
    assert role is not None
    allowed = ROLE_PERMISSIONS[role]
    chosen = sorted(allowed if scopes is None else set(scopes))
    unknown = [s for s in chosen if s not in PERMISSIONS]
    if unknown:
        raise ValidationError(f"unknown scope(s): {', '.join(unknown)}", hint=f"choose from {', '.join(PERMISSIONS)}")
    beyond = [s for s in chosen if s not in allowed]
    if beyond:
        raise PermissionDeniedError(f"your role may not grant {', '.join(beyond)}")
    label = name.strip()[:200]
    if not label:
        raise ValidationError("a token needs a name", hint="e.g. 'nightly import'")
    if days is not None and not 1 <= days <= 366:
        raise ValidationError("a token lives between 1 and 366 days")
    token = "krt_" + secrets.token_urlsafe(32)
    now = _now()
    row = repo.ApiTokenRow(
        id=str(uuid.uuid4()),
        user_id=ctx.principal.id,
        name=label,
        scopes=tuple(chosen),
        created_at=now,
        expires_at=now + timedelta(days=days) if days else None,
        last_used_at=None,
        revoked_at=None,
    )
    with ctx.store.transaction() as conn:
        repo.create_token(conn, row, _digest(token))
        record(ctx, conn, "token.create", "api_token", row.id, {"name": label, "scopes": chosen})
    return IssuedToken(token=token, info=_token_info(row))


def list_tokens(ctx: Context) -> list[TokenInfo]:
    ctx.require_signed_in()
    return [_token_info(t) for t in repo.list_tokens(ctx.store, ctx.principal.id)]


def revoke_token(ctx: Context, token_id: str) -> None:
    """Revoke one of one's own tokens."""
    ctx.require_signed_in()
    with ctx.store.transaction() as conn:
        if not repo.revoke_token(conn, token_id, ctx.principal.id, now=_now()):
            raise NotFoundError(f"you have no active token {token_id!r}")
        record(ctx, conn, "token.revoke", "api_token", token_id)


def principal_from_token(ctx: Context, token: str) -> Principal | None:
    if not token.startswith("krt_") or len(token) > 100:
        return None
    now = _now()
    found = repo.find_token(ctx.store, _digest(token))
    if found is None:
        return None
    info, user = found
    if info.revoked_at is not None or (info.expires_at and info.expires_at <= now) or user.disabled:
        return None
    if info.last_used_at is None or (now - info.last_used_at).total_seconds() > 60:  # a write at most once a minute
        repo.touch_token(ctx.store, info.id, now=now)
    return _principal(user, "token", frozenset(info.scopes))


# --- advisors and clients -------------------------------------------------------------------------------------------


def add_client(ctx: Context, advisor_id: str, client_id: str) -> None:
    """Link a job seeker to an advisor (admins do this; the advisor then sees that client's data)."""
    ctx.require("users.manage")
    advisor, client = repo.get_user(ctx.store, advisor_id), repo.get_user(ctx.store, client_id)
    if advisor is None or advisor.role != Role.ADVISOR.value:
        raise ValidationError(f"{advisor_id!r} is not an advisor's account")
    if client is None or client.role != Role.JOB_SEEKER.value:
        raise ValidationError(f"{client_id!r} is not a job seeker's account")
    with ctx.store.transaction() as conn:
        repo.add_client(conn, advisor_id, client_id, since=_now())
        record(ctx, conn, "advisor.add_client", "user", client_id, {"advisor": advisor_id})


def remove_client(ctx: Context, advisor_id: str, client_id: str) -> None:
    ctx.require("users.manage")
    with ctx.store.transaction() as conn:
        if not repo.remove_client(conn, advisor_id, client_id):
            raise NotFoundError(f"{client_id!r} is not a client of {advisor_id!r}")
        record(ctx, conn, "advisor.remove_client", "user", client_id, {"advisor": advisor_id})


def list_clients(ctx: Context) -> list[Account]:
    """An advisor's own clients."""
    ctx.require("personal.clients")
    return [_account(r) for r in repo.list_client_users(ctx.store, ctx.principal.id)]
