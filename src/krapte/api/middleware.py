"""ASGI middleware that holds the request limits before any handler works, and adds the security headers.

:class:`RequestLimitsMiddleware` (outermost) makes the application's :class:`~krapte.limits.Limits` the ones in
force for the request (:func:`krapte.limits.use_limits`, so readers deep in the core see them), refuses a query
string over ``max_query_bytes`` (414), a declared ``Content-Length`` over ``max_body_bytes`` (413) at once, and
counts the body while it streams in, so a chunked body without a length is cut off at the same limit. A JSON
body is read whole (within the cap) and its nesting checked against ``max_json_depth`` (400) before the
handler parses it. Every refusal is the JSON error of :class:`~krapte.limits.LimitExceeded`.

:class:`SecurityHeadersMiddleware` adds a Content-Security-Policy without inline script, frame denial,
``nosniff`` and a referrer policy to every response that does not set its own.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from krapte.errors import KrapteError
from krapte.limits import LimitExceeded, Limits, reset_limits, use_limits
from krapte.security.safe_json import check_json_depth

__all__ = ["CSP", "DOCS_CSP", "RequestLimitsMiddleware", "SecurityHeadersMiddleware"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""The policy of every page: scripts and styles only from the application's own files."""

DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
"""Swagger UI sets style attributes in the markup it renders; scripts stay limited to the packaged files."""

HEADERS: Mapping[str, str] = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


@dataclass
class _State:
    received: int = 0
    error: LimitExceeded | None = None
    started: bool = False
    replaced: bool = False


class _BodyTooLarge(Exception):
    def __init__(self, error: LimitExceeded) -> None:
        super().__init__(error.message)
        self.error = error


class RequestLimitsMiddleware:
    """Apply ``limits`` (or those returned by ``get_limits()`` per request) to every HTTP request."""

    def __init__(self, app: ASGIApp, limits: Limits | Callable[[], Limits]) -> None:
        self.app = app
        self._limits = limits

    def limits(self) -> Limits:
        return self._limits if isinstance(self._limits, Limits) else self._limits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limits = self.limits()
        token = use_limits(limits)
        try:
            await self._handle(scope, receive, send, limits)
        finally:
            reset_limits(token)

    async def _handle(self, scope: Scope, receive: Receive, send: Send, limits: Limits) -> None:
        query = scope.get("query_string", b"")
        if len(query) > limits.max_query_bytes:
            error = LimitExceeded(
                "max_query_bytes", limits.max_query_bytes, len(query), what="the query string", http_status=414
            )
            await _refuse(error, scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _refuse(KrapteError("the Content-Length header is not a number"), scope, receive, send)
                return
            if int(declared) > limits.max_body_bytes:
                error = LimitExceeded("max_body_bytes", limits.max_body_bytes, int(declared), what="the request body")
                await _refuse(error, scope, receive, send)
                return
        state = _State()

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state.received += len(message.get("body", b""))
                if state.received > limits.max_body_bytes:
                    state.error = LimitExceeded("max_body_bytes", limits.max_body_bytes, what="the request body")
                    raise _BodyTooLarge(state.error)
            return message

        downstream_receive: Receive = counting_receive
        content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if content_type == "application/json" or content_type.endswith("+json"):
            try:
                body = await _read_all(counting_receive)
                check_json_depth(body, limits=limits, what="the JSON body")
            except _BodyTooLarge as exc:
                await _refuse(exc.error, scope, receive, send)
                return
            except LimitExceeded as exc:
                await _refuse(exc, scope, receive, send)
                return
            downstream_receive = _replay(body, receive)

        async def guarded_send(message: Message) -> None:
            if state.replaced:
                return
            if message["type"] == "http.response.start":
                if state.error is not None:
                    # A handler or FastAPI's body parser turned the refusal into another answer: send ours.
                    state.replaced = True
                    await _refuse(state.error, scope, receive, send)
                    return
                state.started = True
            await send(message)

        try:
            await self.app(scope, downstream_receive, guarded_send)
        except _BodyTooLarge as exc:
            if not state.started and not state.replaced:
                await _refuse(exc.error, scope, receive, send)
                return
            raise


async def _read_all(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(error: KrapteError, scope: Scope, receive: Receive, send: Send) -> None:
    from krapte.api.errors import scrub

    response = JSONResponse(scrub(error.to_dict()), status_code=error.http_status, headers={"connection": "close"})
    await response(scope, receive, send)


class SecurityHeadersMiddleware:
    """Add CSP, frame denial, ``nosniff`` and the referrer policy to every HTTP response."""

    def __init__(self, app: ASGIApp, docs_prefix: str = "/api/docs") -> None:
        self.app = app
        self.docs_prefix = docs_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path", "").startswith(self.docs_prefix) else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                present = {name.lower() for name, _ in raw}
                extra = {"content-security-policy": csp, **HEADERS}
                raw.extend((k.encode(), v.encode()) for k, v in extra.items() if k.encode() not in present)
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    """Give every request an id (the client's ``X-Request-ID`` when well formed, else a new one), keep it in
    ``request.state.request_id`` for the audit log, and echo it in the response. Pure ASGI, so errors raised while
    the body streams (the limits) pass through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        request_id = given if _REQUEST_ID.fullmatch(given) else secrets.token_hex(8)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode())]}
            await send(message)

        await self.app(scope, receive, send_with_id)
