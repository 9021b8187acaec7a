"""CSRF as an attacker stages it, in Chromium: a signed-in registry editor opens a page on another origin that
posts the retire form of a measure. The browser sends the session cookie (same site, other port), but not the
CSRF token, and its Origin is the attacker's: krapte refuses with 403 and the measure stays active."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.conftest import sign_in

MEASURE = {
    "id": "T-CSRF",
    "title_nl": "Doelwit van een cross-site formulier",
    "pillars": ["P4"],
    "instrument_type": "governance",
    "lead_ministry": "EZK",
    "verification_status": "unverified",
}


@pytest.fixture
def attacker_site(live_server: str) -> Iterator[str]:
    """A page on another origin (another port) that submits a retire form to krapte as soon as it loads."""
    page = (
        f'<html><body><form id="f" method="post" action="{live_server}/maatregelen/T-CSRF/beeindigen">'
        '<input name="version" value="1"><input name="comment" value="cross-site"></form>'
        '<script>document.getElementById("f").submit()</script></body></html>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # started and stopped by this fixture
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_a_cross_site_form_cannot_retire_a_measure(live_server: str, page, account, attacker_site: str) -> None:  # type: ignore[no-untyped-def]
    editor = account("registry_editor")
    created = httpx.post(f"{live_server}/api/v1/measures", json=MEASURE, headers=editor.headers)
    assert created.status_code == 201, created.text
    sign_in(page, live_server, editor)
    assert any(c["name"] == "krapte_session" for c in page.context.cookies())
    with page.expect_response(lambda r: r.url.endswith("/maatregelen/T-CSRF/beeindigen")) as posted:
        page.goto(attacker_site)
    assert posted.value.status == 403
    assert "krapte_session=" in posted.value.request.all_headers().get("cookie", "")  # the cookie did go along
    assert httpx.get(f"{live_server}/api/v1/measures/T-CSRF").json()["status"] == "active"
