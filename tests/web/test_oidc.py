"""Sign-in through OpenID Connect in the web app, with the browser's hops to a provider stub on loopback.

The TestClient plays the browser: requests to krapte go through it (with its cookie jar), redirects to the
provider go over the network to the stub, and the stub's redirect back comes through the TestClient again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from krapte.api import app as app_module
from krapte.services import Context, Principal, Role
from krapte.services.accounts import principal_from_session
from krapte.services.oidc_tokens import clear_cache
from krapte.settings import AuthSettings, OidcSettings, Settings
from tests.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    ProviderStub,
    free_port,
    new_key,
    running,
    serving,
    table_counts,
)

REDIRECT_URI = "http://testserver/auth/oidc/callback"
HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture
def provider() -> Iterator[ProviderStub]:
    with running(ProviderStub(redirect_uri=REDIRECT_URI)) as stub:
        yield stub
    clear_cache()


def _app(tmp_path: Path, oidc: OidcSettings | None) -> FastAPI:
    """The real application with only the pages these tests visit (other areas' routers are not needed here)."""
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=f"sqlite:///{tmp_path / 'data' / 'krapte.sqlite'}",
        auth=AuthSettings(oidc=oidc),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_module, "ROUTERS", ("krapte.web.pages", "krapte.web.auth_oidc"))
        return app_module.create_app(settings)


def test_the_routes_are_part_of_the_app() -> None:
    assert "krapte.web.auth_oidc" in app_module.ROUTERS


@pytest.fixture
def web(tmp_path: Path, provider: ProviderStub) -> Iterator[TestClient]:
    config = OidcSettings(
        issuer=provider.issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=REDIRECT_URI
    )
    app = _app(tmp_path, config)
    with TestClient(app, follow_redirects=False) as client:
        yield client
    app.state.store.dispose()


def one_hop(client: TestClient, response: httpx.Response, **headers: str) -> httpx.Response:
    """Follow one redirect as a browser would: krapte's URLs through the client, the provider's over the network."""
    location = response.headers["location"]
    parts = urlsplit(location)
    if parts.netloc in ("", "testserver"):
        return client.get(parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
    return httpx.get(location, follow_redirects=False)


def sign_in(client: TestClient, next_path: str = "/beroepen", **headers: str) -> httpx.Response:
    """Start at krapte and follow the redirects through the provider and back, up to the one to ``next``."""
    response = client.get("/auth/oidc/start", params={"next": next_path}, headers=headers)
    for _ in range(5):
        if response.status_code not in (302, 303) or urlsplit(response.headers["location"]).path == next_path:
            return response
        response = one_hop(client, response, **headers)
    raise AssertionError("too many redirects")


def set_cookie_headers(response: httpx.Response) -> list[str]:
    return response.headers.get_list("set-cookie")


def test_the_full_sign_in_flow_opens_a_session_and_returns_to_next(web: TestClient, provider: ProviderStub) -> None:
    start = web.get("/auth/oidc/start", params={"next": "/bronnen?lang=en"})
    assert start.status_code == 302 and start.headers["location"].startswith(provider.issuer + "/authorize?")
    state_cookie = next(c for c in set_cookie_headers(start) if c.startswith("krapte_oidc_state="))
    assert "HttpOnly" in state_cookie and "SameSite=lax" in state_cookie and "Max-Age=600" in state_cookie

    at_provider = httpx.get(start.headers["location"], follow_redirects=False)  # the live stub on loopback
    assert at_provider.status_code == 302 and at_provider.headers["location"].startswith(REDIRECT_URI + "?")
    back = one_hop(web, at_provider)
    assert back.status_code == 303 and back.headers["location"] == "/bronnen?lang=en"
    session_cookie = next(c for c in set_cookie_headers(back) if c.startswith("krapte_session="))
    assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie
    assert any(c.startswith('krapte_oidc_state=""') and "Max-Age=0" in c for c in set_cookie_headers(back))
    assert web.cookies.get("krapte_session")

    assert one_hop(web, back).status_code == 200
    counts = table_counts(web.app.state.store)  # type: ignore[attr-defined]
    assert (counts["users"], counts["sessions"], counts["oidc_pending"]) == (1, 1, 0)


def test_the_account_is_created_once_and_reused(web: TestClient, provider: ProviderStub) -> None:
    assert sign_in(web).status_code == 303
    assert sign_in(web).status_code == 303
    store = web.app.state.store  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        users = conn.exec_driver_sql("SELECT role, oidc_issuer, oidc_subject FROM users").all()
        sessions = conn.exec_driver_sql("SELECT via FROM sessions").all()
    assert users == [("job_seeker", provider.issuer, provider.subject)]
    assert sessions == [("oidc",)]  # the second sign-in ended the first session of this browser


def test_the_session_cookie_signs_the_browser_in_as_the_oidc_account(web: TestClient) -> None:
    sign_in(web)
    app = web.app
    ctx = Context(app.state.store, Principal.anonymous(), app.state.settings)  # type: ignore[attr-defined]
    principal = principal_from_session(ctx, web.cookies["krapte_session"])
    assert principal is not None and principal.role is Role.JOB_SEEKER and principal.via == "oidc"


def _assert_nothing_stored(client: TestClient, before: dict[str, int]) -> None:
    after = table_counts(client.app.state.store)  # type: ignore[attr-defined]
    assert after["users"] == before["users"] and after["sessions"] == before["sessions"]
    assert after["audit_log"] == before["audit_log"] and after["oidc_pending"] == 0


def _callback_query(client: TestClient) -> str:
    """Start a sign-in and let the stub answer; return the query of the redirect back to krapte."""
    start = client.get("/auth/oidc/start", params={"next": "/"})
    at_provider = httpx.get(start.headers["location"], follow_redirects=False)
    return urlsplit(at_provider.headers["location"]).query


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"nonce": "another-nonce"}, "nonce"),
        ({"aud": "another-client"}, "audience"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired"),
        ({"sub": "123456782"}, "subject_is_bsn"),
    ],
)
def test_bad_id_tokens_are_refused_in_the_json_error_shape(
    web: TestClient, provider: ProviderStub, claims: dict[str, Any], reason: str
) -> None:
    provider.claims = claims
    before = table_counts(web.app.state.store)  # type: ignore[attr-defined]
    response = web.get("/auth/oidc/callback?" + _callback_query(web))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "oidc_refused"
    assert response.json()["error"]["details"]["reason"] == reason
    assert "krapte_session" not in web.cookies
    _assert_nothing_stored(web, before)


def test_a_token_signed_by_another_key_gets_a_dutch_page(web: TestClient, provider: ProviderStub) -> None:
    provider.sign_with = new_key("stub-1")
    before = table_counts(web.app.state.store)  # type: ignore[attr-defined]
    response = web.get("/auth/oidc/callback?" + _callback_query(web), headers=HTML)
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    assert "Inloggen is niet gelukt" in response.text
    assert "Het bewijs van de identiteitsprovider klopt niet" in response.text
    assert '<html lang="nl">' in response.text
    _assert_nothing_stored(web, before)


def test_a_bad_state_is_refused(web: TestClient) -> None:
    query = _callback_query(web)
    before = table_counts(web.app.state.store)  # type: ignore[attr-defined]
    code = dict(p.split("=", 1) for p in query.split("&"))["code"]
    response = web.get("/auth/oidc/callback", params={"state": "forged", "code": code}, headers=HTML)
    assert response.status_code == 400 and "Deze inlogpoging is onbekend" in response.text
    after = table_counts(web.app.state.store)  # type: ignore[attr-defined]
    assert after == before  # the real pending sign-in is untouched, nothing was added


def test_a_replayed_callback_is_refused(web: TestClient) -> None:
    query = _callback_query(web)
    assert web.get("/auth/oidc/callback?" + query).status_code == 303
    before = table_counts(web.app.state.store)  # type: ignore[attr-defined]
    web.cookies.delete("krapte_session")
    replay = web.get("/auth/oidc/callback?" + query)
    assert replay.status_code == 400 and replay.json()["error"]["details"]["reason"] == "state_unknown"
    assert "krapte_session" not in web.cookies
    _assert_nothing_stored(web, before)


def test_a_callback_in_a_browser_that_did_not_start_the_sign_in_is_refused(web: TestClient) -> None:
    query = _callback_query(web)  # e.g. an attacker's own callback link, opened by a victim
    web.cookies.delete("krapte_oidc_state")
    before = table_counts(web.app.state.store)  # type: ignore[attr-defined]
    response = web.get("/auth/oidc/callback?" + query)
    assert response.status_code == 400 and response.json()["error"]["details"]["reason"] == "state_browser"
    _assert_nothing_stored(web, before)


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example", "/\\evil.example", "evil.example"])
def test_next_must_be_a_local_path(web: TestClient, provider: ProviderStub, target: str) -> None:
    response = web.get("/auth/oidc/start", params={"next": target})
    assert response.status_code == 422 and "location" not in response.headers
    assert response.json()["error"]["details"]["reason"] == "open_redirect"
    assert provider.authorize_requests == []
    dutch = web.get("/auth/oidc/start", params={"next": target}, headers=HTML)
    assert dutch.status_code == 422 and "geen pagina van deze site" in dutch.text
    assert table_counts(web.app.state.store)["oidc_pending"] == 0  # type: ignore[attr-defined]


def test_a_cancelled_sign_in_shows_why(web: TestClient, provider: ProviderStub) -> None:
    provider.deny = True
    response = web.get("/auth/oidc/callback?" + _callback_query(web), headers=HTML)
    assert response.status_code == 400 and "heeft u niet aangemeld" in response.text
    assert provider.token_requests == 0


def test_without_configuration_the_routes_answer_404(tmp_path: Path) -> None:
    app = _app(tmp_path, None)
    with TestClient(app, follow_redirects=False) as client:
        for path in ("/auth/oidc/start?next=/", "/auth/oidc/callback?state=s&code=c"):
            response = client.get(path)
            assert response.status_code == 404
            assert response.json()["error"]["code"] == "not_found"
            assert "not configured" in response.json()["error"]["message"]
        page = client.get("/auth/oidc/start", headers=HTML)
        assert page.status_code == 404 and "niet ingesteld" in page.text
    app.state.store.dispose()


@pytest.mark.browser
def test_sign_in_in_chromium(tmp_path: Path, page: Any) -> None:
    """A real browser from krapte to the provider and back, with the app and the stub both live on loopback."""
    port = free_port()
    stub = ProviderStub(redirect_uri=f"http://127.0.0.1:{port}/auth/oidc/callback")
    with running(stub):
        config = OidcSettings(
            issuer=stub.issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=stub.redirect_uri
        )
        app = _app(tmp_path, config)
        with serving(app, port) as base:
            page.goto(base + "/auth/oidc/start?next=/bronnen")
            assert page.url == base + "/bronnen"
            assert page.locator("h1").first.inner_text()
            cookies = {c["name"]: c for c in page.context.cookies()}
            assert cookies["krapte_session"]["httpOnly"] and cookies["krapte_session"]["sameSite"] == "Lax"
            assert "krapte_oidc_state" not in cookies
            page.goto(base + "/auth/oidc/start?next=https://evil.example/")
            assert page.url.startswith(base) and "geen pagina van deze site" in page.content()
        app.state.store.dispose()
    clear_cache()
    assert len(stub.authorize_requests) == 1
