"""The Gouden Poort summary as a PDF (step 6): a real PDF made from the validated state, in the page's language,
with the person's skills, the chosen work, the plan, the jobs and the Werkcentrum; nothing stored."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.conftest import ORIGIN, post_form
from tests.web.test_poort import _cv_route, _stored_profiles, hidden_state, load_demo


@pytest.fixture
def demo(app) -> int:  # type: ignore[no-untyped-def]
    return load_demo(app)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _skill_labels(summary_html: str) -> list[str]:
    section = re.search(r'<section class="summary" id="summary">(.*?)</section>', summary_html, re.S)
    assert section
    found = re.search(r"<h3>[^<]*</h3>\s*<p><strong>[^<]*</strong> ([^<]+)</p>", section.group(1))
    assert found, "the summary shows no skills"
    return [" ".join(s.split()) for s in found.group(1).split(", ")]


def test_the_summary_downloads_as_a_dutch_pdf_and_nothing_is_stored(client, app, demo) -> None:  # type: ignore[no-untyped-def]
    summary = _cv_route(client)["summary"]
    assert 'id="pdf-button"' in summary and "Download als pdf" in summary
    r = post_form(client, "/poort/samenvatting/pdf", {"state": hidden_state(summary)})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].startswith("attachment;") and r.headers["cache-control"] == "no-store"
    assert r.content.startswith(b"%PDF-")
    text = _text(r.content)
    for heading in ("Ander werk vinden: jouw samenvatting", "Wat je al kunt", "Het werk dat je kiest",
                    "Opleidingen", "Wie kan helpen betalen", "Vacatures", "Praat met een adviseur"):  # fmt: skip
        assert heading in text, heading
    labels = _skill_labels(summary)
    assert labels and all(label in text for label in labels), [x for x in labels if x not in text]
    assert "Voorbeeld, geen echte baan" in text and "€" in text and "Werkcentrum" in text
    assert "What you can do" not in text
    assert _stored_profiles(app) == []


def test_the_pdf_is_english_when_the_page_is(client) -> None:  # type: ignore[no-untyped-def]
    r = post_form(client, "/poort/start?lang=en", {"how": "occupation", "occupation": "lasser"})
    r = post_form(client, "/poort/samenvatting?lang=en", {"state": hidden_state(r.text)})
    pdf = post_form(client, "/poort/samenvatting/pdf?lang=en", {"state": hidden_state(r.text)})
    assert pdf.status_code == 200 and pdf.headers["content-disposition"].endswith('"summary-other-work.pdf"')
    text = _text(pdf.content)
    assert "Find other work: your summary" in text and "What you can do" in text and "Talk to an adviser" in text
    assert "Wat je al kunt" not in text and "You have not chosen a job yet." in text


def test_a_tampered_state_or_a_missing_token_gets_no_pdf(client) -> None:  # type: ignore[no-untyped-def]
    r = post_form(client, "/poort/start", {"how": "occupation", "occupation": "lasser"})
    state = hidden_state(r.text)
    tampered = state[:-8] + ("A" * 8 if not state.endswith("A" * 8) else "B" * 8)
    for bad in (tampered, "eyJ2IjoxfQ", ""):
        refused = post_form(client, "/poort/samenvatting/pdf", {"state": bad})
        assert refused.status_code == 422 and "application/pdf" not in refused.headers["content-type"]
        assert "<main>" in refused.text  # the friendly error page
    no_token = client.post("/poort/samenvatting/pdf", data={"state": state}, headers=ORIGIN)
    assert no_token.status_code == 403


def test_the_summary_page_prints(client) -> None:  # type: ignore[no-untyped-def]
    r = post_form(client, "/poort/start", {"how": "occupation", "occupation": "lasser"})
    summary = post_form(client, "/poort/samenvatting", {"state": hidden_state(r.text)}).text
    assert 'id="print-button"' in summary and 'id="summary"' in summary
    css = client.get("/static/poort.css").text
    print_rules = css[css.index("@media print") :]
    assert ".no-print" in print_rules and "display: none" in print_rules
