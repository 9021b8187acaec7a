"""FastAPI dependencies shared by the API routers and the web pages: language, settings and the service context.

The context's principal comes from an ``Authorization: Bearer krt_…`` API token or from the ``krapte_session``
cookie; without either the request is anonymous. The principal is the audit actor: no header or form field can set
it. Cookie-authenticated writes must prove they come from krapte's own pages (:func:`check_csrf`).
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request

from krapte.errors import AuthenticationError, PermissionDeniedError
from krapte.services import Context, Principal
from krapte.services.accounts import principal_from_session, principal_from_token
from krapte.settings import Language, Settings, check_language

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "check_csrf",
    "csrf_token",
    "get_context",
    "get_lang",
    "get_settings",
    "verify_csrf",
]

SESSION_COOKIE = "krapte_session"
CSRF_COOKIE = "krapte_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_lang(request: Request) -> Language:
    """The request's language: ``?lang=``, then the ``krapte_lang`` cookie, then the default (nl)."""
    raw = request.query_params.get("lang") or request.cookies.get("krapte_lang")
    if raw:
        return check_language(raw)
    return get_settings(request).lang


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def get_context(request: Request) -> Context:
    """The service context of this request (computed once per request)."""
    cached: Context | None = getattr(request.state, "krapte_context", None)
    if cached is not None:
        return cached
    settings = get_settings(request)
    request_id = getattr(request.state, "request_id", None) or secrets.token_hex(8)
    base = Context(request.app.state.store, Principal.anonymous(), settings, request_id, _client(request), {})
    principal: Principal | None = None
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        principal = principal_from_token(base, auth[7:].strip())
        if principal is None:
            raise AuthenticationError("the API token is unknown, expired or revoked", hint="create a new token")
    elif request.cookies.get(SESSION_COOKIE):
        principal = principal_from_session(base, request.cookies[SESSION_COOKIE])
        if principal is not None and request.method not in _SAFE and request.url.path.startswith("/api/"):
            # scripts use tokens; a browser calling the API with its session cookie must prove it is our page
            check_csrf(request, request.headers.get(CSRF_HEADER))
    ctx = base.with_principal(principal) if principal else base
    request.state.krapte_context = ctx
    return ctx


async def verify_csrf(request: Request) -> None:
    """Dependency of every state-changing web form route: the form's token and the Origin must check out."""
    if request.method in _SAFE:
        return
    form = await request.form()  # cached: the route's Form(...) parameters read the same parsed form
    value = form.get(CSRF_FIELD)
    check_csrf(request, value if isinstance(value, str) else None)


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (double-submit cookie); set on the response by the page renderer."""
    token: str | None = getattr(request.state, "csrf_token", None)
    if token is None:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        request.state.csrf_token = token
    return token


def _same_origin(request: Request, value: str) -> bool:
    parts = urlsplit(value)
    host = request.headers.get("host", "")
    return bool(parts.netloc) and parts.netloc == host


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse a state-changing browser request that did not come from krapte's own page.

    Two checks, both needed: the ``Origin`` (or, without it, the ``Referer``) names this host, and the submitted
    token equals the ``krapte_csrf`` cookie (which another site can neither read nor set).
    """
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or not _same_origin(request, origin):
        raise PermissionDeniedError(
            "this form was not sent from a krapte page (Origin/Referer check)",
            hint="open the page again and send the form from there",
            reason="csrf_origin",
        )
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        raise PermissionDeniedError(
            "this form has no valid security token (CSRF)",
            hint="open the page again and send the form from there",
            reason="csrf_token",
        )
