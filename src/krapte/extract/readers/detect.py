"""Recognise a file's format from its first bytes, and decode text whose encoding nobody declared.

Detection looks at content, not at the name: a PDF renamed ``.txt`` is still read as a PDF, and a ``.pdf``
that holds HTML is read as HTML. The name only separates formats that share a container (Markdown vs plain
text).
"""

from __future__ import annotations

import codecs
import unicodedata

# Signatures of formats krapte reads, and of common formats it refuses with a useful hint.
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OCR_FIRST = "run OCR on it first (e.g. ocrmypdf or tesseract) and upload the text or PDF"
REFUSED_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (
        b"\x89PNG\r\n\x1a\n",
        "a PNG image",
        "run OCR on it first (e.g. ocrmypdf or tesseract) and upload the text or PDF",
    ),
    (b"\xff\xd8\xff", "a JPEG image", OCR_FIRST),
    (b"GIF8", "a GIF image", "upload the document as text, PDF or DOCX"),
    (b"II*\x00", "a TIFF image", OCR_FIRST),
    (b"MM\x00*", "a TIFF image", OCR_FIRST),
    (b"{\\rtf", "an RTF document", "save it as DOCX or PDF and upload that"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and upload the document inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and upload the document inside"),
    (b"Rar!", "a RAR archive", "unpack it and upload the document inside"),
    (b"\x7fELF", "an executable", "upload a text, HTML, PDF or DOCX document"),
    (b"MZ", "a Windows executable", "upload a text, HTML, PDF or DOCX document"),
)

# C1 control characters and the like should not appear in running text; many of them mean binary data.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
BINARY_CONTROL_SHARE = 0.02


def sniff(data: bytes) -> str:
    """The container format of ``data``: ``pdf``, ``zip``, ``ole``, ``refused:<what>|<hint>`` or ``text``."""
    head = data[:1024]
    if PDF_MAGIC in head:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    for magic, what, hint in REFUSED_MAGIC:
        if data.startswith(magic):
            return f"refused:{what}|{hint}"
    return "text"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns ``(text, encoding used)``.

    Order: a byte-order mark (UTF-8/16/32), UTF-16 without a mark (every other byte zero), strict UTF-8,
    Windows-1252 (what Word and older Dutch sites write), and Latin-1 as the last resort (it decodes
    anything). Windows-1252 fails only on five unassigned bytes, which is when Latin-1 takes over.
    """
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    sample = data[:4096]
    if len(sample) >= 4:
        odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
        even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
        if odd_zero > 0.9 and even_zero < 0.1:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even_zero > 0.9 and odd_zero < 0.1:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    for name in ("utf-8", "cp1252"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def binary_share(text: str) -> float:
    """Share of characters in the first 8,000 that do not belong in text (controls, NUL, replacement marks)."""
    sample = text[:8000]
    if not sample:
        return 0.0
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Co", "Cs"))
    )
    return bad / len(sample)


def looks_binary(data: bytes, text: str) -> bool:
    """True when decoded ``text`` is most likely not text at all (NUL bytes or many control characters)."""
    return binary_share(text) > BINARY_CONTROL_SHARE or (b"\x00" in data[:8000] and "\x00" in text[:8000])
