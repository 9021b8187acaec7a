"""An OpenID Connect provider stub for tests: a real HTTP server on 127.0.0.1, served by uvicorn in a thread.

It does what a strict provider does: discovery, ``/authorize`` (checks client, redirect URI, ``openid`` scope, state,
nonce and an S256 code challenge, then redirects back with a one-time code), ``/token`` (checks the client secret
by HTTP Basic, the code, the redirect URI and the PKCE verifier, then returns an RS256 ID token), and ``/jwks``.
The signing key is generated when the stub starts. Tests steer the ID token through :attr:`ProviderStub.claims`
(extra or changed claims; ``None`` removes one) and :attr:`ProviderStub.sign_with` (another key).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from krapte.web.devserver import free_port

CLIENT_ID = "krapte-test"
CLIENT_SECRET = "test-secret-" + "x" * 20


def new_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


@dataclass
class ProviderStub:
    """The provider's state; ``issuer`` is known once it listens."""

    redirect_uri: str
    subject: str = "pseudonym-7f3a9c"
    key: RSAKey = field(default_factory=lambda: new_key("stub-1"))
    claims: dict[str, Any] = field(default_factory=dict)
    sign_with: RSAKey | None = None
    deny: bool = False  # /authorize answers error=access_denied, as when the person cancels
    metadata: dict[str, Any] = field(default_factory=dict)  # changes to the discovery document
    issuer: str = ""
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    token_requests: int = 0

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": self.subject,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            "nonce": nonce,
            "name": "Jan Jansen",  # personal claims krapte must not store
            "email": "jan@example.nl",
        }
        for name, value in self.claims.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        key = self.sign_with or self.key
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    def app(self) -> Starlette:
        def discovery(_request: Request) -> Response:
            return JSONResponse(
                {
                    "issuer": self.issuer,
                    "authorization_endpoint": self.issuer + "/authorize",
                    "token_endpoint": self.issuer + "/token",
                    "jwks_uri": self.issuer + "/jwks",
                    "response_types_supported": ["code"],
                    "subject_types_supported": ["pairwise"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "code_challenge_methods_supported": ["S256"],
                    "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                }
                | self.metadata
            )

        def jwks(_request: Request) -> Response:
            return JSONResponse({"keys": [self.key.as_dict(private=False)]})

        def authorize(request: Request) -> Response:
            q = dict(request.query_params)
            self.authorize_requests.append(q)
            problems = [
                q.get("client_id") != CLIENT_ID and "client_id",
                q.get("redirect_uri") != self.redirect_uri and "redirect_uri",
                q.get("response_type") != "code" and "response_type",
                "openid" not in q.get("scope", "").split() and "scope",
                not q.get("state") and "state",
                not q.get("nonce") and "nonce",
                q.get("code_challenge_method") != "S256" and "code_challenge_method",
                len(q.get("code_challenge", "")) != 43 and "code_challenge",
            ]
            wrong = [p for p in problems if p]
            if wrong:
                return JSONResponse({"error": "invalid_request", "wrong": wrong}, status_code=400)
            back = {"state": q["state"]}
            if self.deny:
                back["error"] = "access_denied"
            else:
                code = secrets.token_urlsafe(16)
                self.codes[code] = {"nonce": q["nonce"], "challenge": q["code_challenge"]}
                back["code"] = code
            return RedirectResponse(self.redirect_uri + "?" + urlencode(back), status_code=302)

        async def token(request: Request) -> Response:
            self.token_requests += 1
            form = await request.form()
            expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if request.headers.get("authorization") != expected:
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            issued = self.codes.pop(str(form.get("code", "")), None)  # a code works once
            if form.get("grant_type") != "authorization_code" or issued is None:
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            if form.get("redirect_uri") != self.redirect_uri:
                return JSONResponse({"error": "invalid_grant", "error_description": "redirect_uri"}, 400)
            verifier = str(form.get("code_verifier", "")).encode()
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if challenge != issued["challenge"]:
                return JSONResponse({"error": "invalid_grant", "error_description": "PKCE"}, 400)
            return JSONResponse(
                {
                    "access_token": secrets.token_urlsafe(16),
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": self.id_token(issued["nonce"]),
                }
            )

        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", discovery),
                Route("/jwks", jwks),
                Route("/authorize", authorize),
                Route("/token", token, methods=["POST"]),
            ]
        )


@contextmanager
def serving(app: Any, port: int) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a thread on 127.0.0.1:``port`` for the duration of the block."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the server on port {port} did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def running(stub: ProviderStub) -> Iterator[ProviderStub]:
    """Serve ``stub`` on a free loopback port for the duration of the block."""
    port = free_port()
    stub.issuer = f"http://127.0.0.1:{port}"
    with serving(stub.app(), port):
        yield stub


def table_counts(store: Any) -> dict[str, int]:
    """Rows in the tables a sign-in writes to (the store's engine is read directly: this is a test)."""
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        return {
            name: int(conn.execute(sa.text(f"SELECT COUNT(*) FROM {name}")).scalar_one())
            for name in ("users", "sessions", "oidc_pending", "audit_log")
        }
