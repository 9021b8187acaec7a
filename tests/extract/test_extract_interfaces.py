"""``krapte extract``, ``POST /api/v1/extract`` and the page ``/extractie``, on the real engine and real files.

The embedding stage is switched off here (``lexical_engine``) so that these interface tests stay fast; the
engine itself is tested by ``test_skills*.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from krapte.cli import main
from tests.conftest import FIXTURES

DOCS = FIXTURES / "documents"


@pytest.fixture(scope="module")
def lexical() -> Any:
    from krapte.extract.skills import default_extractor

    return default_extractor(use_embeddings=False)


@pytest.fixture
def lexical_engine(lexical: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Make the default extractor the lexical one for the API and the web page."""
    import krapte.extract.skills as skills

    monkeypatch.setattr(skills, "default_extractor", lambda use_embeddings=True: lexical)
    yield lexical


def uris(result: dict[str, Any]) -> set[str]:
    return {s["uri"] for s in result["skills"]}


def test_extract_document_gives_skills_with_evidence_offsets_into_the_text(lexical: Any) -> None:
    from krapte.extract import extract_document

    result = extract_document(DOCS / "vacancy_nl.pdf", extractor=lexical).to_dict()
    assert result["language"] == "nl"
    assert result["document"]["format"] == "pdf"
    assert result["skills"], "a heat-pump vacancy has skills"
    for skill in result["skills"]:
        assert skill["uri"].startswith("http://data.europa.eu/esco/skill/")
        for evidence in skill["evidence"]:
            assert result["text"][evidence["start"] : evidence["end"]] == evidence["text"]
    assert result["requirements"]["driving_licences"][0]["category"] == "B"


def test_the_same_vacancy_gives_the_same_skills_from_pdf_and_text(lexical: Any) -> None:
    from krapte.extract import extract_document

    from_pdf = uris(extract_document(DOCS / "vacancy_nl.pdf", extractor=lexical).to_dict())
    from_text = uris(extract_document(DOCS / "vacancy_nl.txt", extractor=lexical).to_dict())
    assert len(from_pdf & from_text) >= 0.8 * len(from_text)


def test_cli_extract_text_output(lexical_engine: Any, settings: Any) -> None:
    result = CliRunner().invoke(main, ["extract", "--lexical-only", str(DOCS / "vacancy_nl.txt")])
    assert result.exit_code == 0, result.output
    assert "skills (" in result.output and "requirements:" in result.output
    assert "rijbewijs B" in result.output


def test_cli_extract_json_for_several_files_reports_the_bad_one(lexical_engine: Any, settings: Any) -> None:
    files = [str(DOCS / "cv_nl.docx"), str(DOCS / "encrypted.pdf")]
    result = CliRunner().invoke(main, ["extract", "--json", "--lexical-only", *files])
    assert result.exit_code == 2
    good, bad = json.loads(result.stdout)
    assert good["document"]["format"] == "docx" and good["skills"]
    assert bad["error"]["code"] == "input_error" and "password" in bad["error"]["message"]


def test_api_extract_from_json_text(client: Any, lexical_engine: Any) -> None:
    text = (DOCS / "vacancy_nl.txt").read_text(encoding="utf-8")
    response = client.post("/api/v1/extract", json={"text": text, "lang": "nl"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["language"] == "nl" and body["skills"]
    assert body["requirements"]["education"]["nlqf"] == 3


def test_api_extract_from_uploaded_pdf(client: Any, lexical_engine: Any) -> None:
    with (DOCS / "cv_nl.pdf").open("rb") as handle:
        response = client.post("/api/v1/extract", files={"file": ("cv.pdf", handle, "application/pdf")})
    assert response.status_code == 200, response.text
    assert response.json()["document"]["format"] == "pdf"


@pytest.mark.parametrize(
    ("name", "status", "code"),
    [("scanned.pdf", 400, "input_error"), ("image.png", 415, "unsupported_input"), ("empty.txt", 400, "input_error")],
)
def test_api_rejects_bad_uploads_with_the_reason(
    client: Any, lexical_engine: Any, name: str, status: int, code: str
) -> None:
    response = client.post("/api/v1/extract", files={"file": (name, (DOCS / name).read_bytes())})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["hint"]


def test_api_refuses_uploads_over_the_limit(client: Any, app: Any, lexical_engine: Any) -> None:
    from dataclasses import replace

    app.state.settings = replace(app.state.settings, max_upload_bytes=1024)
    response = client.post("/api/v1/extract", files={"file": ("groot.txt", b"monteur " * 1000)})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_api_needs_a_file_or_a_text(client: Any) -> None:
    response = client.post("/api/v1/extract", data={"lang": "nl"})
    assert response.status_code == 422


def test_an_unknown_language_is_refused_not_replaced(client: Any) -> None:
    """A tampered form's language is a 422 that names it, on the API and on the page."""
    from tests.conftest import post_form

    response = client.post("/api/v1/extract", data={"text": "Je monteert zonnepanelen.", "lang": "de"})
    assert response.status_code == 422 and "'de'" in response.json()["error"]["message"]
    page = post_form(client, "/extractie", data={"text": "Je monteert zonnepanelen.", "lang": "de"})
    assert page.status_code == 422 and "&#39;de&#39;" in page.text


def test_page_is_dutch_by_default(client: Any) -> None:
    page = client.get("/extractie")
    assert page.status_code == 200 and "Vaardigheden uit een cv of vacature" in page.text
    assert "Skills from a CV or vacancy" in client.get("/extractie?lang=en").text


def test_page_shows_a_refusal(client: Any, lexical_engine: Any) -> None:
    from tests.conftest import post_form

    response = post_form(client, "/extractie", files={"file": ("scan.pdf", (DOCS / "scanned.pdf").read_bytes())})
    assert response.status_code == 400
    assert "OCR" in response.text


@pytest.mark.browser
def test_paste_a_vacancy_and_see_highlighted_evidence(live_server: str, page: Any, lexical_engine: Any) -> None:
    page.goto(live_server + "/extractie")
    page.fill("#text", (DOCS / "vacancy_nl.txt").read_text(encoding="utf-8"))
    page.click("button[type=submit]")
    page.wait_for_selector("#extract-result")
    assert page.locator("#skills tbody tr").count() > 0
    assert page.locator("#document-text mark").count() > 0
    assert "B" in page.locator("#requirements").text_content()
