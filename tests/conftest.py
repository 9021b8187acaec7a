"""Shared fixtures: settings in a temporary data dir, a store on each engine, the API client, a browser.

The ``store_url`` fixture runs a test once on SQLite and once on PostgreSQL. PostgreSQL tests use the server
named by ``KRAPTE_TEST_POSTGRES_URL``; each test gets a fresh database that is dropped afterwards, because the
server outlives the run. Locally, without that variable, PostgreSQL cases are skipped; with
``KRAPTE_REQUIRE_POSTGRES=1`` (set by CI) a missing server is an error instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from krapte.settings import Settings
from krapte.store import Store, open_store

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"  # the README's example inputs (tests use them too)
# Derived artefacts (search indexes, label embeddings) are built once per checkout and shared by all tests.
SHARED_CACHE = Path(__file__).resolve().parents[1] / ".krapte" / "cache"
os.environ.setdefault("KRAPTE_CACHE_DIR", str(SHARED_CACHE))
# one long-lived process builds many apps: no freezing of its objects (krapte.api.gc_freeze)
os.environ.setdefault("KRAPTE_GC_FREEZE", "0")


def _postgres_admin_url() -> str | None:
    url = os.environ.get("KRAPTE_TEST_POSTGRES_URL")
    if not url and os.environ.get("KRAPTE_REQUIRE_POSTGRES") == "1":
        raise RuntimeError("KRAPTE_REQUIRE_POSTGRES=1 but KRAPTE_TEST_POSTGRES_URL is not set")
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'krapte.sqlite'}"
        return
    admin_url = _postgres_admin_url()
    if not admin_url:
        pytest.skip("KRAPTE_TEST_POSTGRES_URL is not set")
    name = f"krapte_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated store on each engine."""
    st = open_store(url=store_url)
    yield st
    st.dispose()


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings pointing at a temporary data dir; also exported to the environment for CLI calls."""
    monkeypatch.setenv("KRAPTE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KRAPTE_DATABASE_URL", f"sqlite:///{tmp_path / 'data' / 'krapte.sqlite'}")
    monkeypatch.setenv("KRAPTE_LANG", "nl")
    return Settings.from_env()


@pytest.fixture
def app(settings: Settings):  # type: ignore[no-untyped-def]
    from krapte.api.app import create_app

    application = create_app(settings)
    yield application
    application.state.store.dispose()


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def live_server(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The app served by uvicorn on a free loopback port, for browser tests."""
    from krapte.web.devserver import serve_in_thread

    with serve_in_thread(app) as base_url:
        yield base_url


CHROMIUM = os.environ.get("KRAPTE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("KRAPTE_REQUIRE_BROWSER") == "1":
            raise RuntimeError(f"KRAPTE_REQUIRE_BROWSER=1 but {CHROMIUM} does not exist")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    p = context.new_page()
    yield p
    context.close()


# --- accounts for tests that act as a role ------------------------------------------------------------------------
TEST_PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class AccountFixture:
    id: str
    username: str
    role: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_account(store: Store, settings: Settings, role: str, username: str | None = None) -> AccountFixture:
    """An account of ``role`` with password :data:`TEST_PASSWORD` and an API token with all its role's scopes."""
    from krapte.services import Context, Principal, Role, accounts

    admin = Context(store, Principal.command_line("test"), settings, client="test")
    name = username or f"{role}-{uuid.uuid4().hex[:8]}@example.nl"
    account = accounts.create_user(admin, name, role=Role(role), password=TEST_PASSWORD)
    own = admin.with_principal(Principal(id=account.id, name=name, role=Role(role), via="session"))
    issued = accounts.create_token(own, "tests")
    return AccountFixture(account.id, name, role, issued.token)


@pytest.fixture
def account(app, settings: Settings) -> Callable[..., AccountFixture]:  # type: ignore[no-untyped-def]
    """``account("registry_editor")``: a new account of that role in the app's store, with an API token."""

    def make(role: str, username: str | None = None) -> AccountFixture:
        return make_account(app.state.store, settings, role, username)

    return make


@pytest.fixture
def editor(account: Callable[..., AccountFixture]) -> AccountFixture:
    return account("registry_editor")


@pytest.fixture
def analyst(account: Callable[..., AccountFixture]) -> AccountFixture:
    return account("analyst")


@pytest.fixture
def admin(account: Callable[..., AccountFixture]) -> AccountFixture:
    return account("admin")


def sign_in(page, base_url: str, acct: AccountFixture) -> None:  # type: ignore[no-untyped-def]
    """Sign in through the real sign-in form of the web app."""
    page.goto(f"{base_url}/inloggen")
    page.fill("input[name=username]", acct.username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("#sign-in-form button[type=submit]")
    page.wait_for_load_state()


ORIGIN = {"Origin": "http://testserver"}


def csrf(client) -> str:  # type: ignore[no-untyped-def]
    """The browser's CSRF token (its cookie is set by the first page the client opens)."""
    if "krapte_csrf" not in client.cookies:
        client.get("/inloggen")
    return str(client.cookies["krapte_csrf"])


def post_form(client, url: str, data: dict | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """POST a web form as krapte's own page would: with the CSRF token and this site's Origin."""
    return client.post(url, data={**(data or {}), "csrf_token": csrf(client)}, headers=ORIGIN, **kwargs)


def web_sign_in(client, acct: AccountFixture) -> None:  # type: ignore[no-untyped-def]
    """Sign the TestClient in through the sign-in form (a session cookie, as a browser gets)."""
    response = post_form(
        client, "/inloggen", {"username": acct.username, "password": TEST_PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
