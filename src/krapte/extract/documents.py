"""Read a CV, vacancy or course text from any supported file into one normalised plain text.

Supported: plain text, Markdown, HTML, PDF, DOCX and schema.org ``JobPosting`` JSON / JSON-LD. The format is
detected from the content (magic bytes, then the decoded text), the file name only breaks ties. Text of unknown
encoding is decoded as UTF-8, Windows-1252 or Latin-1 (the :attr:`Document.encoding` says which).

Every refusal is a :class:`krapte.errors.InputError` (or its subclasses :class:`~krapte.errors.TooLargeError` and
:class:`~krapte.errors.UnsupportedInputError`) naming the file and saying what to do. Character offsets that the
extractors report refer to :attr:`Document.text`.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from krapte.errors import InputError, TooLargeError, UnsupportedInputError
from krapte.extract.readers import Extracted
from krapte.extract.readers.detect import decode_text, looks_binary, sniff
from krapte.extract.readers.docx import read_docx
from krapte.extract.readers.html import looks_like_html, read_html
from krapte.extract.readers.jobposting import find_job_postings, parse_json_ld, read_job_posting
from krapte.extract.readers.pdf import read_pdf
from krapte.extract.readers.plain import MARKDOWN_SUFFIXES, looks_like_markdown, read_markdown, read_plain
from krapte.security.safe_json import check_json_depth
from krapte.security.safe_zip import open_zip

Format = Literal["text", "markdown", "html", "pdf", "docx", "jobposting"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html", "pdf", "docx", "jobposting")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One input document as plain text, with what the reader learned about it."""

    text: str
    format: Format
    name: str | None = None
    encoding: str | None = None
    title: str | None = None
    pages: int | None = None
    size_bytes: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": self.name,
            "format": self.format,
            "encoding": self.encoding,
            "title": self.title,
            "pages": self.pages,
            "size_bytes": self.size_bytes,
            "fields": self.fields,
            "warnings": list(self.warnings),
        }
        if include_text:
            body["text"] = self.text
        return body


def read_document(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a file (a path, or its bytes with an optional file ``name``) into a :class:`Document`.

    Raises :class:`TooLargeError` above ``max_bytes`` (``Settings.max_upload_bytes``; ``None`` for no limit)
    before reading the content, and :class:`InputError` / :class:`UnsupportedInputError` for files that hold
    no readable text.
    """
    if isinstance(source, bytes):
        data = source
        _check_size(len(data), max_bytes, name)
    else:
        path = Path(source)
        name = name or str(path)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise InputError("file not found", file=name, hint="check the path") from None
        except OSError as exc:
            raise InputError(f"cannot open the file ({exc.strerror})", file=name) from None
        if path.is_dir():
            raise InputError("is a directory, not a file", file=name, hint="name the files inside it")
        _check_size(size, max_bytes, name)
        data = path.read_bytes()
    return _finish(_read_bytes(data, name), len(data), name)


def document_from_text(text: str, *, name: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """A document from text already in memory (pasted in a form, a pipeline row); HTML and JSON are recognised."""
    size = len(text.encode("utf-8"))
    _check_size(size, max_bytes, name)
    fmt, extracted = _read_text(text, name)
    return _finish((fmt, extracted, None), size, name)


def _check_size(size: int, max_bytes: int | None, name: str | None) -> None:
    if max_bytes is not None and size > max_bytes:
        raise TooLargeError(
            f"the document is {size / 1024 / 1024:.1f} MB, more than the limit of {max_bytes / 1024 / 1024:.1f} MB",
            file=name,
            hint="split it, or raise the limit with KRAPTE_MAX_UPLOAD_MB",
        )


def _read_bytes(data: bytes, name: str | None) -> tuple[Format, Extracted, str | None]:
    if not data:
        raise InputError("the file is empty (0 bytes)", file=name, hint="check that the right file was chosen")
    if not data.strip():
        raise InputError("the file holds only white space", file=name, hint="check that the right file was chosen")
    kind = sniff(data)
    if kind == "pdf":
        return "pdf", read_pdf(data, name), None
    if kind == "zip":
        return _read_zip(data, name)
    if kind == "ole":
        raise UnsupportedInputError(
            "this is a Word 97-2003 (.doc) file or a password-protected Office document",
            file=name,
            hint="save it as .docx or PDF without a password and upload that",
        )
    if kind.startswith("refused:"):
        what, hint = kind.removeprefix("refused:").split("|", 1)
        raise UnsupportedInputError(f"this is {what}, not a text document", file=name, hint=hint)
    text, encoding = decode_text(data)
    if looks_binary(data, text):
        raise UnsupportedInputError(
            "the file holds binary data, not text",
            file=name,
            hint="upload plain text, Markdown, HTML, PDF, DOCX or JobPosting JSON",
        )
    fmt, extracted = _read_text(text, name)
    if encoding not in ("utf-8", "utf-8-sig"):
        extracted.warnings.append(f"the text was not UTF-8; it was decoded as {encoding}")
    return fmt, extracted, encoding


def _read_zip(data: bytes, name: str | None) -> tuple[Format, Extracted, str | None]:
    with open_zip(data, name=name) as archive:  # refuses damaged containers and zip bombs before reading
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx", read_docx(data, name), None
    if "content.xml" in names:
        what, hint = "an OpenDocument file (.odt)", "save it as .docx or PDF and upload that"
    elif "xl/workbook.xml" in names:
        what, hint = "an Excel workbook", "for many vacancies use `krapte pipeline extract` with CSV or Parquet"
    elif "ppt/presentation.xml" in names:
        what, hint = "a PowerPoint presentation", "save it as PDF and upload that"
    else:
        what, hint = "a ZIP archive", "unpack it and upload the document inside"
    raise UnsupportedInputError(f"this is {what}, not a supported document", file=name, hint=hint)


def _read_text(text: str, name: str | None) -> tuple[Format, Extracted]:
    if not text.strip():
        raise InputError("the document contains no text", file=name, hint="check that the right file was chosen")
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):
        check_json_depth(stripped, what=f"the JSON in {name}" if name else "the JSON")
        try:
            parsed = json.loads(stripped)
        except json.JSONDecodeError as exc:
            if (name or "").lower().endswith((".json", ".jsonld")):
                raise InputError(
                    f"invalid JSON: {exc.msg}", file=name, line=exc.lineno, hint=f"fix the JSON at column {exc.colno}"
                ) from None
        else:
            return "jobposting", _single_posting(find_job_postings(parsed), name)
    if looks_like_html(stripped):
        page = read_html(stripped)
        postings = parse_json_ld(page.fields.get("json_ld", []))
        if len(postings) == 1:
            extracted = read_job_posting(postings[0])
            extracted.warnings.append("read from the page's schema.org JobPosting data")
            return "jobposting", extracted
        page.fields.pop("json_ld", None)
        return "html", page
    if (name or "").lower().endswith(MARKDOWN_SUFFIXES) or looks_like_markdown(stripped):
        return "markdown", read_markdown(stripped)
    return "text", read_plain(stripped)


def _single_posting(postings: list[dict[str, Any]], name: str | None) -> Extracted:
    if not postings:
        raise UnsupportedInputError(
            "the JSON holds no schema.org JobPosting",
            file=name,
            hint='give a JSON object with "@type": "JobPosting", or plain text',
        )
    if len(postings) > 1:
        raise InputError(
            f"the JSON holds {len(postings)} JobPostings; one document is read at a time",
            file=name,
            hint="for many vacancies use `krapte pipeline extract` with one vacancy per JSONL line",
        )
    return read_job_posting(postings[0])


def _finish(read: tuple[Format, Extracted, str | None], size: int, name: str | None) -> Document:
    fmt, extracted, encoding = read
    text = unicodedata.normalize("NFC", extracted.text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(
            "the document contains no readable text", file=name, hint="check that the right file was chosen"
        )
    return Document(
        text=text,
        format=fmt,
        name=name,
        encoding=encoding,
        title=extracted.title,
        pages=extracted.pages,
        size_bytes=size,
        fields=extracted.fields,
        warnings=tuple(extracted.warnings),
    )
