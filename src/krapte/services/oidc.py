"""Sign-in through OpenID Connect (e.g. a government identity broker), next to local accounts.

The authorization code flow with PKCE (S256), ``state`` and ``nonce``, through Authlib:

1. :func:`start_sign_in` stores a pending sign-in (``state`` → ``nonce``, PKCE code verifier, return path; at
   most :data:`PENDING_MINUTES` old, single use) and returns the provider's authorization URL. The web layer also
   puts ``state`` in a short-lived cookie, so that only the browser that started a sign-in can finish it.
2. :func:`finish_sign_in` takes the pending sign-in of the callback's ``state`` (whatever happens next, it cannot
   be used again), exchanges the code at the token endpoint with the code verifier, validates the ID token
   (:mod:`krapte.services.oidc_tokens`) and opens a session for the account of ``(issuer, sub)``. An unknown
   subject gets a new account with ``KRAPTE_OIDC_DEFAULT_ROLE`` (never admin). Nothing is written on refusal
   except that the used ``state`` is gone.

Of the ID token krapte keeps only the issuer and ``sub``: no name, e-mail or BSN. A provider that sends a BSN as
``sub`` is refused; configure it to send a pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import sqlalchemy as sa
from authlib.integrations.base_client import OAuthError
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from krapte.errors import (
    ConfigError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ValidationError,
)
from krapte.services.accounts import SignedIn, open_session
from krapte.services.audit import record
from krapte.services.context import Context, Principal, Role
from krapte.services.oidc_tokens import (
    OidcRefusedError,
    ProviderMetadata,
    ProviderUnavailableError,
    check_issuer,
    provider_metadata,
    tls_context,
    validate_id_token,
)
from krapte.settings import OidcSettings, Settings
from krapte.store import accounts as users_repo
from krapte.store import oidc as repo

__all__ = [
    "MAX_PENDING",
    "PENDING_MINUTES",
    "OidcRefusedError",
    "OidcSignIn",
    "ProviderUnavailableError",
    "StartedSignIn",
    "finish_sign_in",
    "is_bsn",
    "oidc_settings",
    "safe_return_path",
    "sign_in_label",
    "start_sign_in",
]

PENDING_MINUTES = 10
MAX_PENDING = 10_000  # started but unfinished sign-ins kept at once; more are refused until some expire
_log = logging.getLogger(__name__)
_ERROR_CODE = re.compile(r"^[a-z_]{1,64}$")


@dataclass(frozen=True)
class StartedSignIn:
    url: str  # the provider's authorization URL, where the browser goes next
    state: str  # also kept in the browser's cookie: the callback must come from the same browser


@dataclass(frozen=True)
class OidcSignIn:
    signed_in: SignedIn
    return_to: str  # a local path, never an absolute URL
    created: bool  # the account was created at this sign-in


def _now() -> datetime:
    return datetime.now(UTC)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def oidc_settings(settings: Settings) -> OidcSettings:
    """The configured provider, checked; 404 when OpenID Connect is not configured on this server."""
    oidc = settings.auth.oidc
    if oidc is None:
        raise NotFoundError(
            "sign-in through OpenID Connect is not configured on this server",
            hint="sign in with an account name and password, or ask the administrator to set KRAPTE_OIDC_ISSUER",
            reason="oidc_not_configured",
        )
    check_issuer(oidc.issuer)
    try:
        role = Role(oidc.default_role)
    except ValueError:
        raise ConfigError(
            f"KRAPTE_OIDC_DEFAULT_ROLE={oidc.default_role!r} is not a role",
            hint=f"use one of {', '.join(r.value for r in Role if r is not Role.ADMIN)}",
        ) from None
    if role is Role.ADMIN:
        raise ConfigError(
            "KRAPTE_OIDC_DEFAULT_ROLE may not be admin", hint="an administrator grants admin to an account by hand"
        )
    return oidc


def sign_in_label(settings: Settings) -> str | None:
    """The provider's name for the sign-in page's button; None when OpenID Connect is not configured."""
    return settings.auth.oidc.label if settings.auth.oidc else None


def safe_return_path(value: str | None) -> str:
    """``value`` when it is a path on this site (``/…``, not ``//host``); a refusal for anything else."""
    if not value:
        return "/"
    parts = urlsplit(value)
    if (
        len(value) > 500
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or parts.scheme
        or parts.netloc
        or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value)
    ):
        raise ValidationError(
            f"the return address {value[:100]!r} is not a page of this site",
            hint="use a local path such as /beroepen",
            reason="open_redirect",
        )
    return value


def is_bsn(value: str) -> bool:
    """Whether ``value`` is shaped like a Dutch citizen service number (8 or 9 digits passing the eleven test)."""
    if not re.fullmatch(r"\d{8,9}", value):
        return False
    digits = [int(c) for c in value.zfill(9)]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0 and any(digits)


def _scopes(oidc: OidcSettings) -> str:
    scopes = oidc.scopes.split()
    return " ".join(scopes if "openid" in scopes else ["openid", *scopes])


def start_sign_in(ctx: Context, return_to: str | None) -> StartedSignIn:
    """Begin a sign-in: remember state, nonce and code verifier, and give the provider's authorization URL."""
    oidc = oidc_settings(ctx.settings)
    path = safe_return_path(return_to)
    meta = provider_metadata(oidc.issuer)
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(64)
    now = _now()
    with ctx.store.transaction() as conn:
        repo.purge_pending(conn, before=now - timedelta(minutes=PENDING_MINUTES))
    if repo.count_pending(ctx.store) >= MAX_PENDING:
        raise RateLimitedError(
            "too many sign-ins are under way", hint="try again in a few minutes", retry_after_seconds=60
        )
    with ctx.store.transaction() as conn:
        repo.add_pending(conn, repo.PendingLogin(_digest(state), nonce, verifier, path, now))
    url = prepare_grant_uri(
        meta.authorization_endpoint,
        client_id=oidc.client_id,
        response_type="code",
        redirect_uri=oidc.redirect_uri,
        scope=_scopes(oidc),
        state=state,
        nonce=nonce,
        code_challenge=create_s256_code_challenge(verifier),
        code_challenge_method="S256",
    )
    return StartedSignIn(url=url, state=state)


def _refused(message: str, reason: str) -> OidcRefusedError:
    _log.warning("OpenID Connect sign-in refused: %s (%s)", message, reason)
    return OidcRefusedError(message, hint="start the sign-in again", reason=reason)


def _take(ctx: Context, state: str | None, browser_state: str | None) -> repo.PendingLogin:
    if not state or len(state) > 200:
        raise _refused("the provider's answer has no state", "state_missing")
    with ctx.store.transaction() as conn:
        pending = repo.take_pending(conn, _digest(state))
    if pending is None:
        raise _refused("this sign-in is unknown or was already used", "state_unknown")
    if _now() - pending.created_at > timedelta(minutes=PENDING_MINUTES):
        raise _refused(f"this sign-in was started more than {PENDING_MINUTES} minutes ago", "state_expired")
    if not browser_state or not hmac.compare_digest(browser_state.encode(), state.encode()):
        raise _refused("this sign-in was started in another browser", "state_browser")
    return pending


def _transport_errors() -> tuple[type[Exception], ...]:
    """Authlib talks through ``httpx2`` when it is installed and through ``httpx`` otherwise."""
    errors: list[type[Exception]] = [httpx.HTTPError]
    try:
        import httpx2

        errors.append(httpx2.HTTPError)
    except ImportError:  # pragma: no cover - depends on what is installed
        pass
    return tuple(errors)


_TRANSPORT_ERRORS = _transport_errors()


def _exchange(oidc: OidcSettings, meta: ProviderMetadata, code: str, verifier: str) -> dict[str, Any]:
    """Trade the authorization code (and PKCE verifier) for the provider's tokens."""
    try:
        with OAuth2Client(
            client_id=oidc.client_id,
            client_secret=oidc.client_secret,
            token_endpoint_auth_method="client_secret_basic",
            timeout=10.0,
            follow_redirects=False,
            verify=tls_context(),
        ) as client:
            token = client.fetch_token(
                meta.token_endpoint,
                grant_type="authorization_code",
                code=code,
                redirect_uri=oidc.redirect_uri,
                code_verifier=verifier,
            )
    except OAuthError as exc:
        error = exc.error if isinstance(exc.error, str) and _ERROR_CODE.match(exc.error) else "error"
        raise _refused(f"the identity provider refused the sign-in code ({error})", "token_refused") from None
    except _TRANSPORT_ERRORS as exc:
        raise ProviderUnavailableError(
            "the identity provider's token endpoint did not answer properly",
            hint="try again later",
            reason=type(exc).__name__,
        ) from None
    except (ValueError, TypeError):
        raise ProviderUnavailableError("the identity provider's token endpoint sent no JSON object") from None
    return dict(token)


def _account_for(ctx: Context, oidc: OidcSettings, subject: str) -> tuple[users_repo.UserRow, bool]:
    """The account of ``(issuer, subject)``, created with the default role at the first sign-in."""
    row = users_repo.get_user_by_subject(ctx.store, oidc.issuer, subject)
    if row is not None:
        return row, False
    role = Role(oidc.default_role)
    name = "oidc-" + _digest(f"{oidc.issuer}\n{subject}")[:16]
    row = users_repo.UserRow(
        id=str(uuid.uuid4()),
        username=name,
        display_name=name,
        role=role.value,
        password_hash=None,
        oidc_issuer=oidc.issuer,
        oidc_subject=subject,
        disabled=False,
        created_at=_now(),
        password_changed_at=None,
    )
    # the new account's owner proved who they are with the ID token: they are the actor of its creation
    actor = ctx.with_principal(Principal(id=row.id, name=name, role=role, via="oidc"))
    try:
        with ctx.store.transaction() as conn:
            users_repo.create_user(conn, row)
            detail = {"username": name, "role": role.value, "via": "oidc", "issuer": oidc.issuer}
            record(actor, conn, "user.create", "user", row.id, detail)
    except (ConflictError, sa.exc.IntegrityError):  # the same person signed in twice at once: take theirs
        existing = users_repo.get_user_by_subject(ctx.store, oidc.issuer, subject)
        if existing is None:
            raise
        return existing, False
    return row, True


def finish_sign_in(
    ctx: Context,
    *,
    state: str | None,
    code: str | None,
    error: str | None = None,
    browser_state: str | None = None,
) -> OidcSignIn:
    """Finish a sign-in at the callback: check state, exchange the code, validate the ID token, open a session."""
    oidc = oidc_settings(ctx.settings)
    pending = _take(ctx, state, browser_state)
    if error:
        shown = error if _ERROR_CODE.match(error) else "error"
        raise _refused(f"the identity provider did not sign you in ({shown})", "provider_error")
    if not code or len(code) > 2048:
        raise _refused("the provider's answer has no code", "code_missing")
    meta = provider_metadata(oidc.issuer)
    tokens = _exchange(oidc, meta, code, pending.code_verifier)
    claims = validate_id_token(tokens.get("id_token", ""), meta=meta, client_id=oidc.client_id, nonce=pending.nonce)
    subject: str = claims["sub"]
    if is_bsn(subject):
        raise _refused(
            "the identity provider sends a citizen service number (BSN) as subject; krapte stores no BSN",
            "subject_is_bsn",
        )
    row, created = _account_for(ctx, oidc, subject)
    if row.disabled:
        raise PermissionDeniedError("this account is disabled", hint="ask an administrator", reason="disabled")
    principal = Principal(id=row.id, name=row.username, role=Role(row.role), via="oidc")
    signed_in = open_session(ctx.with_principal(principal), row, via="oidc")
    return OidcSignIn(signed_in=signed_in, return_to=pending.return_to, created=created)
