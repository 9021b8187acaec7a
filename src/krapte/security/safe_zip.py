"""Open ZIP containers (ZIP, DOCX, XLSX) only after their central directory passed the limits.

Python's :mod:`zipfile` never inflates a member past the size its directory entry declares (and checks the
CRC at the end), so checking the declared sizes before anything is read bounds the work: total uncompressed
size (``max_unzipped_bytes``), number of members (``max_zip_members``) and the compression ratio of each large
member (``max_zip_ratio``). Overlapping-member bombs are caught by the total, since each member counts.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO

from krapte.errors import InputError
from krapte.limits import MB, LimitExceeded, Limits, current_limits

__all__ = ["check_zip", "open_zip"]

RATIO_FLOOR_BYTES = 1 * MB
"""Members smaller than this are never refused for their ratio (small XML parts compress very well)."""


def open_zip(
    source: bytes | Path | str | BinaryIO, *, name: str | None = None, limits: Limits | None = None
) -> zipfile.ZipFile:
    """A :class:`zipfile.ZipFile` on ``source`` whose members were checked against the limits.

    Raises :class:`InputError` for a damaged container and :class:`LimitExceeded` (naming the limit) for
    one that is too large once unpacked.
    """
    stream: Path | str | BinaryIO = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError("the file is a damaged ZIP container", file=name, hint="save or pack the file again") from None
    try:
        check_zip(archive, name=name, limits=limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check_zip(archive: zipfile.ZipFile, *, name: str | None = None, limits: Limits | None = None) -> None:
    """Refuse an archive whose directory declares too many members, too many bytes or a bomb-like ratio."""
    limits = limits or current_limits()
    members = archive.infolist()
    what = f"the archive {name}" if name else "the archive"
    if len(members) > limits.max_zip_members:
        raise LimitExceeded("max_zip_members", limits.max_zip_members, len(members), what=f"{what} has members; it")
    total = 0
    for info in members:
        total += info.file_size
        if total > limits.max_unzipped_bytes:
            raise LimitExceeded(
                "max_unzipped_bytes", limits.max_unzipped_bytes, total, what=f"{what} once unpacked (at least)"
            )
        if info.file_size > RATIO_FLOOR_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise LimitExceeded(
                    "max_zip_ratio",
                    limits.max_zip_ratio,
                    round(ratio),
                    what=f"the compression ratio of a member of {what}",
                )
