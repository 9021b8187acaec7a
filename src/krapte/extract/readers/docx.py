"""Word documents (DOCX) via python-docx: paragraphs and tables in document order.

List paragraphs start with ``- ``, table rows become lines with cells separated by `` | `` (CVs often put
periods and employers in tables). The document title comes from the core properties or the first Title/Heading.
The container is checked against the ZIP limits (:mod:`krapte.security.safe_zip`) before python-docx opens it.
"""

from __future__ import annotations

import io
import zipfile

from krapte.errors import InputError
from krapte.extract.readers import Extracted
from krapte.extract.readers.html import tidy
from krapte.security.safe_zip import open_zip


def read_docx(data: bytes, name: str | None = None) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    open_zip(data, name=name).close()
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:  # lxml's XMLSyntaxError is a SyntaxError
        raise InputError(
            f"the DOCX file is damaged and cannot be read ({type(exc).__name__})",
            file=name,
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from None
    lines: list[str] = []
    title = (document.core_properties.title or "").strip() or None

    def add_paragraph(paragraph: Paragraph) -> None:
        nonlocal title
        text = paragraph.text.strip()
        if not text:
            lines.append("")
            return
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if title is None and (style == "Title" or style.startswith("Heading")):
            title = text
        is_list = style.startswith("List") or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None)
        lines.append(("- " + text) if is_list else text)
        if style == "Title" or style.startswith("Heading"):
            lines.append("")

    def add_table(table: Table) -> None:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                value = " ".join(cell.text.split())
                if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                    cells.append(value)
            if cells:
                lines.append(" | ".join(cells))
        lines.append("")

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            add_paragraph(block)
        else:
            add_table(block)
    return Extracted(text=tidy("\n".join(lines)), title=title)
