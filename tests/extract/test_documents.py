"""Reading CVs and vacancies from every supported format, and refusing bad files with a reason.

The fixture files are real files made by ``scripts/make_document_fixtures.py`` (PDF, DOCX, HTML, JSON-LD...).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from krapte.errors import InputError, TooLargeError, UnsupportedInputError
from krapte.extract.documents import document_from_text, read_document
from tests.conftest import FIXTURES

DOCS = FIXTURES / "documents"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("cv_nl.txt", "text"),
        ("cv_nl.pdf", "pdf"),
        ("cv_nl.docx", "docx"),
        ("cv_nl.md", "markdown"),
        ("vacancy_nl.html", "html"),
        ("jobposting.json", "jobposting"),
        ("vacancy_jsonld.html", "jobposting"),
    ],
)
def test_every_supported_format_is_read_into_plain_text(name: str, fmt: str) -> None:
    document = read_document(DOCS / name)
    assert document.format == fmt
    assert document.text.strip()
    assert "<" not in document.text and "**" not in document.text


def test_the_cv_reads_the_same_from_pdf_docx_and_text() -> None:
    for name in ("cv_nl.txt", "cv_nl.pdf", "cv_nl.docx"):
        text = read_document(DOCS / name).text
        assert "monteren van zonnepanelen en omvormers" in text
        assert "VCA Basis (2023)" in text


def test_pdf_title_and_page_count_come_from_the_file() -> None:
    document = read_document(DOCS / "cv_nl.pdf")
    assert document.title == "Curriculum vitae Sanne de Vries"
    assert document.pages == 1


def test_docx_keeps_bullets_and_tables() -> None:
    text = read_document(DOCS / "cv_nl.docx").text
    assert "- aanleggen van elektrische installaties" in text
    assert "2023 - heden | Installatiebedrijf Voorbeeld BV" in text


def test_format_is_detected_from_content_not_the_extension() -> None:
    assert read_document(DOCS / "cv_nl_pdf_named.txt").format == "pdf"


def test_html_drops_navigation_scripts_forms_and_footer() -> None:
    document = read_document(DOCS / "vacancy_nl.html")
    assert document.title == "Vacature Servicemonteur laadpalen | Voorbeeld"
    assert "laadpalen voor elektrische auto's" in document.text
    assert "- NEN 3140 en VCA basis" in document.text
    for boilerplate in ("Alle vacatures", "tracking", "Solliciteer nu", "Privacyverklaring", "font-family"):
        assert boilerplate not in document.text


def test_job_posting_gives_text_and_structured_fields() -> None:
    document = read_document(DOCS / "jobposting.json")
    assert document.title == "Elektromonteur zonnepanelen"
    assert document.text.startswith("Elektromonteur zonnepanelen\n\n")
    assert "- Je monteert zonnepanelen" in document.text  # the HTML description became text
    assert "VCA VOL, NEN 3140 (VP), rijbewijs BE" in document.text
    assert "mbo niveau 4" in document.text
    assert document.fields["employmentType"] == "FULL_TIME"
    assert document.fields["workHours"] == "40 uur per week"
    assert document.fields["jobLocation"] == [
        {"addressLocality": "Arnhem", "addressRegion": "Gelderland", "addressCountry": "NL"}
    ]
    assert document.fields["hiringOrganization"] == "Zon Voorbeeld BV (fictief)"


def test_a_page_with_job_posting_json_ld_is_read_from_its_structured_data() -> None:
    document = read_document(DOCS / "vacancy_jsonld.html")
    assert document.format == "jobposting"
    assert "menu" not in document.text


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("vacancy_cp1252.txt", "cp1252"), ("vacancy_latin1.txt", "latin-1"), ("vacancy_utf16.txt", "utf-16")],
)
def test_non_utf8_text_is_decoded_and_the_encoding_is_reported(name: str, encoding: str) -> None:
    document = read_document(DOCS / name)
    assert document.encoding == encoding
    assert any(encoding in w for w in document.warnings)
    assert "ê" not in document.text  # no mojibake
    assert "Enschedé" in document.text or "warmtepompen" in document.text


def test_cp1252_quotes_survive() -> None:
    assert "‘koeltechniek’" in read_document(DOCS / "vacancy_cp1252.txt").text


@pytest.mark.parametrize(
    ("name", "error", "says"),
    [
        ("empty.txt", InputError, "empty"),
        ("whitespace.txt", InputError, "white space"),
        ("garbage.bin", UnsupportedInputError, "binary data"),
        ("image.png", UnsupportedInputError, "PNG image"),
        ("old_word.doc", UnsupportedInputError, ".doc"),
        ("encrypted.pdf", InputError, "password-protected"),
        ("scanned.pdf", InputError, "no text layer"),
        ("truncated.pdf", InputError, "damaged"),
        ("not_a_jobposting.json", UnsupportedInputError, "no schema.org JobPosting"),
        ("two_jobpostings.json", InputError, "2 JobPostings"),
        ("invalid.json", InputError, "invalid JSON"),
    ],
)
def test_bad_files_are_refused_with_the_reason_and_the_file_name(name: str, error: type, says: str) -> None:
    with pytest.raises(error) as caught:
        read_document(DOCS / name)
    assert says in str(caught.value)
    assert name in str(caught.value)
    assert caught.value.hint  # every refusal says what to do


def test_a_scan_suggests_ocr() -> None:
    with pytest.raises(InputError) as caught:
        read_document(DOCS / "scanned.pdf")
    assert "OCR" in str(caught.value.hint)


def test_invalid_json_names_the_line() -> None:
    with pytest.raises(InputError) as caught:
        read_document(DOCS / "invalid.json")
    assert caught.value.problem.line == 2


def test_a_pdf_protected_only_by_an_owner_password_is_read() -> None:
    assert "zonnepanelen" in read_document(DOCS / "owner_only.pdf").text


def test_files_over_the_limit_are_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "groot.txt"
    big.write_bytes(b"monteur " * 200_000)  # 1.6 MB
    with pytest.raises(TooLargeError) as caught:
        read_document(big, max_bytes=1024 * 1024)
    assert "KRAPTE_MAX_UPLOAD_MB" in str(caught.value)
    assert caught.value.http_status == 413
    assert read_document(big, max_bytes=None).size_bytes == 1_600_000


def test_missing_files_and_directories_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_document(tmp_path / "bestaat-niet.pdf")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


def test_bytes_with_a_name_are_read_like_a_file() -> None:
    document = read_document((DOCS / "cv_nl.docx").read_bytes(), name="upload.docx")
    assert document.format == "docx" and document.name == "upload.docx"


def test_pasted_text_recognises_html_and_keeps_plain_text() -> None:
    assert document_from_text("<p>Je installeert <b>warmtepompen</b>.</p><p>VCA</p>").text == (
        "Je installeert warmtepompen.\n\nVCA"
    )
    plain = document_from_text("Wij zoeken een monteur.\r\nRijbewijs B.")
    assert plain.format == "text" and plain.text == "Wij zoeken een monteur.\nRijbewijs B."


def test_to_dict_is_json_ready() -> None:
    body = read_document(DOCS / "cv_nl.pdf").to_dict()
    assert body["format"] == "pdf" and body["pages"] == 1 and "text" in body
