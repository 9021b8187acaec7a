"""Generators of the hostile inputs too large (or too binary) to commit: bombs, deep JSON, random bytes.

Every generator is deterministic (fixed seeds), so a failing case is reproduced exactly. The bombs are small
on the wire and large only once unpacked; they are built in memory in well under a second each.
``python -m tests.security.hostile OUT_DIR`` writes them all to a folder for manual probing.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024
SEED = 20261207

_CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(document_xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal DOCX with the given ``word/document.xml`` (and extra members)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES_DOCX)
        z.writestr("_rels/.rels", _RELS_DOCX)
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def _paragraph_doc(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>'
    )


def docx_ratio_bomb(size: int = 16 * MB) -> bytes:
    """A DOCX whose ``word/media/pad.bin`` inflates from ~16 KB to ``size`` bytes of zeros (ratio ~1000:1)."""
    return docx(_paragraph_doc("Elektricien met ervaring"), {"word/media/pad.bin": bytes(size)})


def docx_many_members(count: int = 6000) -> bytes:
    """A DOCX with ``count`` tiny members (more than ``max_zip_members``)."""
    return docx(_paragraph_doc("Elektricien"), {f"customXml/item{i}.xml": b"<a/>" for i in range(count)})


def docx_large_unzipped(size: int = 3 * MB) -> bytes:
    """A DOCX of random (incompressible) bytes: refused only by ``max_unzipped_bytes`` set below ``size``."""
    rng = random.Random(SEED)
    return docx(_paragraph_doc("Elektricien"), {"word/media/noise.bin": rng.randbytes(size)})


def docx_billion_laughs() -> bytes:
    """A DOCX whose document declares the classic exponential entity expansion."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    return docx(_paragraph_doc("&lol9;", prolog=f"<!DOCTYPE lolz [{entities}]>"))


def docx_xxe() -> bytes:
    """A DOCX whose document pulls ``/etc/passwd`` in through an external entity."""
    return docx(_paragraph_doc("&xxe;", prolog='<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))


def docx_truncated() -> bytes:
    """The first 60% of a valid DOCX: a damaged ZIP container."""
    data = docx(_paragraph_doc("Elektricien met ervaring in zonnepanelen " * 50))
    return data[: int(len(data) * 0.6)]


def _xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


PROJECT_HEADER = ["id", "name", "technology", "size", "unit", "gemeente", "start_quarter", "end_quarter"]
PROJECT_ROW: list[object] = ["p1", "Zonnepark", "utility_solar", 100, "MW", "GM0114", "2027Q1", "2027Q4"]


def _rezip(data: bytes, change: Callable[[str, bytes], bytes], extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, change(info.filename, source.read(info)))
        for name, payload in (extra or {}).items():
            out.writestr(name, payload)
    return buffer.getvalue()


def xlsx_ratio_bomb(size: int = 16 * MB) -> bytes:
    """A valid project workbook with an extra member of ``size`` zeros (ratio ~1000:1)."""
    return _rezip(_xlsx(PROJECT_HEADER, [PROJECT_ROW]), lambda _n, d: d, {"xl/media/pad.bin": bytes(size)})


def xlsx_xxe() -> bytes:
    """A project workbook whose first sheet declares an external entity on ``/etc/passwd``."""

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            text = data.decode("utf-8")
            head, rest = text.split("?>", 1) if "?>" in text else ("", text)
            doctype = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            return ((head + "?>" if head else "") + doctype + rest.replace("<v>100</v>", "<v>&xxe;</v>")).encode()
        return data

    return _rezip(_xlsx(PROJECT_HEADER, [PROJECT_ROW]), change)


def xlsx_random(seed: int = SEED) -> bytes:
    """Random bytes behind a ZIP local-file signature: a damaged workbook."""
    return b"PK\x03\x04" + random.Random(seed).randbytes(4096)


def zip_ratio_bomb(member: str = "Observations.json", size: int = 16 * MB) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, bytes(size))
    return buffer.getvalue()


def zip_traversal() -> bytes:
    """A ZIP whose members try to climb out of the folder they are unpacked into."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("../../../../tmp/krapte-evil.json", '{"value": []}')
        z.writestr("/etc/krapte-evil.json", '{"value": []}')
    return buffer.getvalue()


def nested_json(depth: int = 100_000, opening: str = "[", closing: str = "]") -> bytes:
    return (opening * depth + closing * depth).encode()


def nested_object(depth: int = 5000, key: str = "a") -> bytes:
    return (f'{{"{key}":' * depth + "1" + "}" * depth).encode()


def random_bytes(size: int = 8192, seed: int = SEED) -> bytes:
    return random.Random(seed).randbytes(size)


def chunks(total: int, size: int = 64 * 1024) -> Callable[[], object]:
    """A factory of a generator body of ``total`` bytes: httpx sends it chunked, without Content-Length."""

    def body() -> object:
        sent = 0
        while sent < total:
            step = min(size, total - sent)
            yield b"x" * step
            sent += step

    return body


def long_query(size: int = 20_000) -> bytes:
    return b"elektricien " * (size // 12)


def huge_field_csv(size: int = 300_000) -> bytes:
    """A projects CSV with one quoted field longer than the csv module's field limit (131072)."""
    header = ",".join(PROJECT_HEADER).encode()
    return header + b'\np1,"' + b"x" * size + b'",utility_solar,100,MW,GM0114,2027Q1,2027Q4\n'


GENERATORS: dict[str, Callable[[], bytes]] = {
    "long_query": long_query,
    "huge_field_csv": huge_field_csv,
    "docx_ratio_bomb": docx_ratio_bomb,
    "docx_many_members": docx_many_members,
    "docx_large_unzipped": docx_large_unzipped,
    "docx_billion_laughs": docx_billion_laughs,
    "docx_xxe": docx_xxe,
    "docx_truncated": docx_truncated,
    "xlsx_ratio_bomb": xlsx_ratio_bomb,
    "xlsx_xxe": xlsx_xxe,
    "xlsx_random": xlsx_random,
    "zip_ratio_bomb": zip_ratio_bomb,
    "zip_traversal": zip_traversal,
    "nested_json": nested_json,
    "nested_object": nested_object,
    "random_bytes": random_bytes,
}


def main(out: str) -> int:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in GENERATORS.items():
        (folder / name).write_bytes(make())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
