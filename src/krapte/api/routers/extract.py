"""``POST /api/v1/extract``: skills, occupations and requirements from a pasted text or an uploaded document.

Send either ``multipart/form-data`` with a ``file`` (text, Markdown, HTML, PDF, DOCX, JobPosting JSON) or a
``text`` field, or ``application/json`` ``{"text": "...", "lang": "auto"}``. Optional ``lang``: auto, nl, en.
Uploads larger than ``KRAPTE_MAX_UPLOAD_MB`` get 413; unreadable or unsupported files 400 / 415 with the reason.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import UploadFile

from krapte.api.deps import get_context
from krapte.api.models import validate_body
from krapte.api.models.extract import Extraction, ExtractRequest
from krapte.errors import TooLargeError, ValidationError
from krapte.services import Context
from krapte.services import extract as svc
from krapte.settings import Settings

router = APIRouter(prefix="/api/v1", tags=["extract"])

REQUEST_BODY = {  # components added by krapte.api.models.request_components
    "requestBody": {
        "content": {
            "multipart/form-data": {"schema": {"$ref": "#/components/schemas/ExtractForm"}},
            "application/json": {"schema": {"$ref": "#/components/schemas/ExtractRequest"}},
        }
    }
}


async def read_extract_request(request: Request, settings: Settings) -> tuple[bytes | str, str | None, str]:
    """The document (bytes of an upload, or text), its file name and the language from a form or JSON body."""
    limit = settings.max_upload_bytes
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        raw = await request.body()
        if len(raw) > limit + 4096:
            raise TooLargeError(f"the request is larger than the limit of {limit // 1024 // 1024} MB")
        try:
            body = await request.json()
        except ValueError:
            raise ValidationError("the body is not valid JSON", hint='send {"text": "..."}') from None
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise ValidationError("the JSON body needs a 'text' string", hint='send {"text": "...", "lang": "auto"}')
        req = validate_body(ExtractRequest, {**body, "lang": body.get("lang") or "auto"})
        return req.text, None, req.lang
    form = await request.form(max_part_size=limit + 1)
    lang = str(form.get("lang") or "auto")
    if lang not in ("auto", "nl", "en"):
        raise ValidationError(f"the language {lang[:20]!r} is not known", hint="lang is auto, nl or en")
    upload = form.get("file")
    if isinstance(upload, UploadFile) and (upload.filename or upload.size):
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise TooLargeError(
                f"the upload is larger than the limit of {limit / 1024 / 1024:.0f} MB",
                file=upload.filename,
                hint="split the document, or raise KRAPTE_MAX_UPLOAD_MB",
            )
        return data, upload.filename, lang
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        return text, None, lang
    raise ValidationError("send a file or a text", hint="multipart field 'file' or 'text', or JSON {'text': ...}")


@router.post("/extract", openapi_extra=REQUEST_BODY, operation_id="extract")
async def extract(request: Request, ctx: Context = Depends(get_context)) -> Extraction:
    """Skills with evidence, suggested occupations, green/digital flags and requirements of one document."""
    from starlette.concurrency import run_in_threadpool

    source, name, lang = await read_extract_request(request, ctx.settings)
    result = await run_in_threadpool(lambda: svc.extract(ctx, source, name=name, lang=lang))
    return Extraction.model_validate(result.to_dict())
