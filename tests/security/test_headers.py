"""Security headers on every response, a CSP without inline script, and the API docs served from the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from krapte.api.middleware import CSP
from tests.security.conftest import MakeClient

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "krapte" / "web" / "templates"
EXPECTED = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def assert_secure(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, (name, dict(headers))
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src is not None and script_src.group(1).split() == ["'self'"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/beroepen",
        "/extractie",
        "/regio",
        "/maatregelen",
        "/bronnen",
        "/api/v1/health",
        "/api/openapi.json",
        "/api/docs",
        "/static/krapte.css",
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/api/v1/does-not-exist",
    ],
)
def test_every_page_api_answer_and_file_carries_the_headers(hostile_client: TestClient, path: str) -> None:
    response = hostile_client.get(path)
    assert response.status_code < 500
    assert_secure(response)


def test_refusals_and_method_errors_carry_the_headers(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=1024)
    assert_secure(client.post("/api/v1/measures", content=b"[" * 2000, headers={"content-type": "application/json"}))
    refused = client.post("/api/v1/health")
    assert refused.status_code == 405 and refused.json()["error"]["code"] == "method_not_allowed"
    assert_secure(refused)


def test_a_server_error_is_json_without_internals_and_carries_the_headers(hostile_client: TestClient) -> None:
    app = hostile_client.app

    @app.get("/api/v1/_boom")  # type: ignore[attr-defined, untyped-decorator]
    def boom() -> None:
        raise RuntimeError("cannot open /tmp/krapte-secret/upload-1234.csv in /work/src/krapte/x.py")

    response = hostile_client.get("/api/v1/_boom")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal_error" and re.fullmatch(r"[0-9a-f]{12}", error["details"]["incident"])
    assert "secret" not in response.text and "/tmp" not in response.text and "RuntimeError" not in response.text
    assert_secure(response)


def test_parse_errors_from_readers_become_400_with_the_reason(hostile_client: TestClient) -> None:
    app = hostile_client.app

    @app.get("/api/v1/_xml")  # type: ignore[attr-defined, untyped-decorator]
    def xml() -> None:
        from xml.etree import ElementTree

        ElementTree.fromstring("<a><b></a>")

    @app.get("/api/v1/_deep")  # type: ignore[attr-defined, untyped-decorator]
    def deep() -> None:
        import json

        json.loads("[" * 100_000 + "]" * 100_000)

    xml_error = hostile_client.get("/api/v1/_xml")
    assert xml_error.status_code == 400 and "XML" in xml_error.json()["error"]["message"]
    deep_error = hostile_client.get("/api/v1/_deep")
    assert deep_error.status_code == 400 and "nested too deeply" in deep_error.json()["error"]["message"]


def test_templates_have_no_inline_script_style_or_event_handlers() -> None:
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template.name}: inline <script>")
        if re.search(r"<style\b", text) or re.search(r"\sstyle=", text):
            offenders.append(f"{template.name}: inline style")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{template.name}: event handler attribute")
        if re.search(r"javascript:", text, re.IGNORECASE):
            offenders.append(f"{template.name}: javascript: URL")
        if "|safe" in text:
            offenders.append(f"{template.name}: unescaped |safe output")
    assert offenders == []


def test_api_docs_load_only_packaged_assets(hostile_client: TestClient) -> None:
    page = hostile_client.get("/api/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "<script>" not in page and "cdn" not in page.lower()
    for source in sources:
        assert hostile_client.get(source).status_code == 200, source
    assert "'unsafe-inline'" not in CSP


@pytest.mark.browser
def test_pages_and_api_docs_run_in_chromium_without_csp_violations(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    for path in ("/", "/beroepen?q=elektricien", "/extractie", "/maatregelen", "/bronnen"):
        page.goto(live_server + path)
        page.wait_for_load_state("load")
    page.goto(live_server + "/api/docs")
    page.wait_for_selector(".opblock-summary", timeout=30_000)  # Swagger UI rendered the operations
    assert page.locator(".opblock-summary").count() > 10
    assert violations == []


def test_scrub_cuts_local_paths_and_keeps_urls_and_routes() -> None:
    from krapte.api.errors import scrub

    text = (
        "cannot read /tmp/tmpab12/upload.csv (see /work/main/.krapte/data/krapte.sqlite); "
        "use /api/v1/factors or http://data.europa.eu/esco/occupation/123"
    )
    assert scrub(text) == (
        "cannot read upload.csv (see krapte.sqlite); use /api/v1/factors or http://data.europa.eu/esco/occupation/123"
    )
    assert scrub({"problems": ["/home/ana/cv.docx:3: bad"]}) == {"problems": ["cv.docx:3: bad"]}
