"""PDF text layer via pypdf.

Refusals say why: a damaged file, a password (krapte tries the empty user password that merely "protects"
many PDFs, and needs the real one otherwise), an encryption pypdf cannot undo without the optional
``cryptography`` package, or a scan without a text layer (OCR first).
"""

from __future__ import annotations

import io
import logging
import re

from krapte.errors import InputError
from krapte.extract.readers import Extracted
from krapte.extract.readers.html import tidy

OCR_HINT = (
    "the PDF is a scan without a text layer: run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) and upload the result"
)
# Fewer visible characters than this per page means there is no usable text layer.
MIN_CHARS_PER_PAGE = 20
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")


def read_pdf(data: bytes, name: str | None = None) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise InputError(
                    f"the PDF is encrypted with a method krapte cannot open ({exc})",
                    file=name,
                    hint="remove the protection (print to PDF without a password) and upload it again",
                ) from None
            if not opened:
                raise InputError(
                    "the PDF is password-protected",
                    file=name,
                    hint="remove the password (save or print it as an unprotected PDF) and upload it again",
                )
        pages = reader.pages
        texts = [page.extract_text() or "" for page in pages]
        page_count = len(pages)
        has_images = any(_has_images(page) for page in pages[:20])
        title = None
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title).strip() or None
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(
            "the PDF is password-protected", file=name, hint="remove the password and upload it again"
        ) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise InputError(
            f"the PDF is damaged and cannot be read ({type(exc).__name__}: {exc})",
            file=name,
            hint="open it in a PDF viewer and save or print it as a new PDF",
        ) from None
    text = tidy(_HYPHEN_BREAK.sub(r"\1\2", "\n\n".join(t.strip() for t in texts)))
    visible = len(re.sub(r"\s", "", text))
    if page_count == 0:
        raise InputError("the PDF has no pages", file=name, hint="check that the right file was chosen")
    if visible < MIN_CHARS_PER_PAGE:
        if has_images:
            raise InputError("the PDF has no text layer (it holds only images)", file=name, hint=OCR_HINT)
        raise InputError("the PDF contains no text", file=name, hint="check that the right file was chosen")
    warnings = []
    empty_pages = sum(1 for t in texts if len(t.strip()) < MIN_CHARS_PER_PAGE)
    if empty_pages:
        warnings.append(f"{empty_pages} of {page_count} page(s) have no text layer; run OCR to read them too")
    return Extracted(text=text, title=title, pages=page_count, warnings=warnings)


def _has_images(page: object) -> bool:
    try:
        resources = page["/Resources"]  # type: ignore[index]
        xobjects = resources.get("/XObject") if resources else None
        if not xobjects:
            return False
        return any(obj.get_object().get("/Subtype") == "/Image" for obj in xobjects.get_object().values())
    except Exception:  # a malformed resource dictionary just means "don't know"
        return False
