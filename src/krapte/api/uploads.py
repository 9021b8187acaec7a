"""Reading an uploaded file within the upload limit: the one helper the API routers and the web pages share."""

from __future__ import annotations

from fastapi import UploadFile

from krapte.errors import TooLargeError

__all__ = ["read_upload"]


async def read_upload(upload: UploadFile, limit: int) -> bytes:
    """The file's bytes; refuses (413, naming the limit) as soon as more than ``limit`` bytes arrive."""
    content = await upload.read(limit + 1)
    if len(content) > limit:
        raise TooLargeError(
            f"{upload.filename or 'the upload'} is larger than the upload limit of {limit // (1024 * 1024)} MB",
            file=upload.filename,
            hint="raise KRAPTE_MAX_UPLOAD_MB or import from the command line",
        )
    return content
