"""Sign-out and the role-dependent menu, in Chromium.

Signing out removes the session cookie from the browser *and* deletes the session on the server, so a copy of the
old cookie (a stolen one, or a browser that kept it) no longer signs anyone in. Each role sees the links of its
own work in the menu and no others; every menu link a role sees opens for it.
"""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from tests.conftest import sign_in

SESSION_COOKIE = "krapte_session"

# What the header shows each visitor: (links by CSS selector, the role label next to the account link)
MENUS: dict[str | None, tuple[set[str], str | None]] = {
    None: ({"#nav-poort", "#nav-sign-in"}, None),
    "job_seeker": ({"#nav-poort", "#nav-account"}, "werkzoekende"),
    "advisor": ({"#nav-poort", "#nav-account", "#nav-advisor"}, "adviseur"),
    "analyst": ({"#nav-poort", "#nav-account"}, "analist"),
    "registry_editor": ({"#nav-poort", "#nav-account", ".nav-editor"}, "redacteur maatregelen"),
    "admin": ({"#nav-poort", "#nav-account", "#nav-advisor", ".nav-editor"}, "beheerder"),
}
ROLE_LINKS = ["#nav-sign-in", "#nav-account", "#nav-advisor", ".nav-editor", "#nav-poort"]


def _session_rows(app: Any, session_id: str) -> int:
    from krapte.store.accounts import sessions

    digest = hashlib.sha256(session_id.encode()).hexdigest()
    with app.state.store.connect() as conn:
        query = sa.select(sa.func.count()).select_from(sessions).where(sessions.c.id_hash == digest)
        return int(conn.execute(query).scalar_one())


@pytest.mark.browser
def test_sign_out_ends_the_session_in_the_browser_and_on_the_server(  # type: ignore[no-untyped-def]
    live_server: str, page, app, account
) -> None:
    seeker = account("job_seeker")
    sign_in(page, live_server, seeker)
    page.goto(live_server + "/account")
    assert page.url.startswith(live_server + "/account")
    [cookie] = [c for c in page.context.cookies() if c["name"] == SESSION_COOKIE]
    old = cookie["value"]
    assert cookie["httpOnly"] and _session_rows(app, old) == 1

    page.click("#sign-out-form button[type=submit]")
    page.wait_for_selector("#nav-sign-in")
    assert SESSION_COOKIE not in {c["name"] for c in page.context.cookies()}
    page.goto(live_server + "/account")  # a protected page now sends the browser to sign in
    assert "/inloggen" in page.url
    assert _session_rows(app, old) == 0  # deleted on the server, not only forgotten by the browser

    # replaying the old cookie signs nobody in: not in a browser, not on the API
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": old, "url": live_server}])
    page.goto(live_server + "/account")
    assert "/inloggen" in page.url and page.locator("#nav-account").count() == 0
    replay = httpx.get(f"{live_server}/api/v1/me/export", cookies={SESSION_COOKIE: old})
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "unauthenticated"
    assert httpx.get(f"{live_server}/api/v1/me", cookies={SESSION_COOKIE: old}).json()["role"] is None


@pytest.mark.browser
@pytest.mark.parametrize("role", list(MENUS), ids=lambda r: r or "anonymous")
def test_each_role_sees_its_own_menu(live_server: str, page, account, role: str | None) -> None:  # type: ignore[no-untyped-def]
    links, label = MENUS[role]
    if role is not None:
        sign_in(page, live_server, account(role))
    page.goto(live_server + "/?lang=nl")
    shown = {link for link in ROLE_LINKS if page.locator(link).count() and page.locator(link).is_visible()}
    assert shown == links
    if label is not None:
        assert f"({label})" in page.locator("#nav-account").inner_text()
        assert page.locator("#sign-out-form button").is_visible()
    for link in sorted(links - {"#nav-sign-in"}):  # every link a role is shown opens for it
        page.goto(live_server + "/?lang=nl")
        with page.expect_navigation():
            page.click(link)
        assert "/inloggen" not in page.url, (role, link, page.url)
        assert page.locator("h1").count() >= 1, (role, link)
