"""One JSON error shape for every failure: ``{"error": {"code", "message", "hint"?, "details"?}}``.

:func:`install_error_handlers` maps krapte's own errors, Starlette's 404/405/400, request validation (422),
parse errors that escape from third-party readers (400 with the reason) and anything else (500 with an
incident number, the traceback only in the server log). Messages never show local paths: :func:`scrub` cuts
every absolute path under a local root (temporary files, the data directory, installed packages) to its
file name.
"""

from __future__ import annotations

import csv
import json
import logging
import re
import uuid
import zipfile
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from krapte.errors import KrapteError
from krapte.limits import LimitExceeded

__all__ = ["ERROR_SCHEMA", "document_errors", "error_body", "install_error_handlers", "parse_error_reason", "scrub"]

log = logging.getLogger("krapte.api")

_LOCAL_ROOTS = "tmp|var|etc|usr|home|root|proc|opt|srv|work|mnt|dev|sys|run|private|Users|lib|nix|app|data"
_PATH = re.compile(rf"(?<![\w:/.~-])/(?:{_LOCAL_ROOTS})(?:/[^\s'\"()\[\]<>,;:!]+)*")

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    411: "length_required",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
}


def scrub(value: Any) -> Any:
    """``value`` (text, or lists and dicts of text) with local absolute paths cut to their last part."""
    if isinstance(value, str):
        return _PATH.sub(lambda m: m.group(0).rstrip("/").rsplit("/", 1)[-1] or "/", value)
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    return value


MAX_PROBLEMS = 10  # a 422 names at most this many problems


def _field(loc: Any) -> str:
    """``('body', 'budget', 0, 'status')`` → ``body.budget[0].status``: where the problem is, as a client names it."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _got(error: Any) -> str:
    """`` (got 'P8')`` for a refused short value (never for a missing one, nor for long or nested input)."""
    value = error.get("input")
    if error.get("type") == "missing" or isinstance(value, dict | list) or value is None:
        return ""
    shown = repr(value) if not isinstance(value, str) or len(value) <= 60 else repr(value[:60]) + "…"
    return f" (got {shown})"


def error_body(code: str, message: str, hint: str | None = None, **details: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": scrub(message)}
    if hint:
        body["hint"] = scrub(hint)
    kept = {k: scrub(v) for k, v in details.items() if v is not None}
    if kept:
        body["details"] = kept
    return {"error": body}


def _xml_errors() -> tuple[type[BaseException], ...]:
    import xml.parsers.expat
    from xml.etree.ElementTree import ParseError

    found: list[type[BaseException]] = [ParseError, xml.parsers.expat.ExpatError]
    try:
        from lxml.etree import XMLSyntaxError

        found.append(XMLSyntaxError)
    except ImportError:  # pragma: no cover - lxml comes with python-docx
        pass
    try:
        from defusedxml import DefusedXmlException

        found.append(DefusedXmlException)
    except ImportError:  # pragma: no cover - defusedxml is a dependency
        pass
    return tuple(found)


def _reader_errors() -> list[tuple[tuple[type[BaseException], ...], str, str]]:
    """(exception types, error code, reason) for parse errors third-party readers raise on hostile input."""
    table: list[tuple[tuple[type[BaseException], ...], str, str]] = [
        ((RecursionError,), "input_error", "the input is nested too deeply to be read"),
        ((UnicodeError,), "input_error", "the input is not text in the expected encoding (UTF-8)"),
        ((json.JSONDecodeError,), "input_error", "the input is not valid JSON"),
        ((zipfile.BadZipFile, zipfile.LargeZipFile), "input_error", "the file is a damaged ZIP container"),
        (_xml_errors(), "input_error", "the file holds malformed or unsafe XML"),
        ((csv.Error,), "input_error", "the file is not readable CSV"),
    ]
    try:
        from openpyxl.utils.exceptions import InvalidFileException

        table.append(((InvalidFileException,), "input_error", "the file is not a readable Excel workbook"))
    except ImportError:  # pragma: no cover
        pass
    try:
        from pypdf.errors import PdfReadError, PdfStreamError

        table.append(((PdfReadError, PdfStreamError), "input_error", "the file is a damaged PDF"))
    except ImportError:  # pragma: no cover
        pass
    return table


def parse_error_reason(exc: BaseException) -> tuple[str, str] | None:
    """(code, reason) when ``exc`` or one of its causes is a known parse error of hostile input, else None."""
    table = _reader_errors()
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, LimitExceeded):
            return current.code, current.message
        for types, code, reason in table:
            if isinstance(current, types):
                return code, reason
        current = current.__cause__ or current.__context__
    return None


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every failure the JSON error shape."""

    @app.exception_handler(KrapteError)
    async def _krapte_error(_request: Request, exc: KrapteError) -> JSONResponse:
        return JSONResponse(scrub(exc.to_dict()), status_code=exc.http_status)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        problems = [f"{_field(e['loc'])}: {e['msg']}{_got(e)}" for e in errors[:MAX_PROBLEMS]]
        if len(errors) > MAX_PROBLEMS:
            problems.append(f"and {len(errors) - MAX_PROBLEMS} more")
        fields = list(dict.fromkeys(_field(e["loc"]) for e in errors[:MAX_PROBLEMS]))
        body = error_body(
            "validation_error",
            "; ".join(problems),
            hint="fix the named field(s)",
            field=fields[0] if fields else None,
            fields=fields or None,
        )
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 400 and (found := parse_error_reason(exc)) is not None:
            message = found[1]  # FastAPI wraps body parse errors in a bare "error parsing the body"
        code = HTTP_CODES.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)

    def reader_handler(code: str, reason: str) -> Callable[[Request, Exception], Any]:
        async def handle(_request: Request, exc: Exception) -> JSONResponse:
            log.info("refused unreadable input: %s", type(exc).__name__)
            return JSONResponse(error_body(code, reason, hint="check the file and send it again"), status_code=400)

        return handle

    for types, code, reason in _reader_errors():
        for exc_type in types:
            if issubclass(exc_type, Exception):
                app.add_exception_handler(exc_type, reader_handler(code, reason))

    @app.exception_handler(Exception)
    async def _server_error(request: Request, exc: Exception) -> JSONResponse:
        found = parse_error_reason(exc)
        if found is not None:
            return JSONResponse(error_body(found[0], found[1]), status_code=400)
        incident = uuid.uuid4().hex[:12]
        log.error("incident %s: %s %s failed", incident, request.method, request.url.path, exc_info=exc)
        body = error_body(
            "internal_error",
            "the server could not handle this request; the error was logged",
            hint=f"try again later, or report incident {incident} to the operator",
            incident=incident,
        )
        # This answer comes from the outermost middleware, past the one that adds the security headers.
        from krapte.api.middleware import CSP, HEADERS

        return JSONResponse(body, status_code=500, headers={"content-security-policy": CSP, **HEADERS})


ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "description": "stable machine-readable code, e.g. limit_exceeded"},
                "message": {"type": "string", "description": "what went wrong, naming the bad value"},
                "hint": {"type": "string", "description": "how to fix it"},
                "details": {"type": "object", "additionalProperties": True},
            },
        }
    },
}
"""The JSON error shape in the OpenAPI document (``components.schemas.Error``)."""


UNAUTHENTICATED = (
    "Not signed in (code `unauthenticated`), or the API token is unknown, expired or revoked; "
    "the answer carries `WWW-Authenticate: Bearer`"
)
FORBIDDEN = "Signed in, but the role or the token's scopes do not allow this (code `forbidden`)"


def document_errors(app: FastAPI, components: Callable[[], dict[str, Any]] | None = None) -> None:
    """Document the error shape on every operation: 401, 403, ``4XX`` and ``5XX`` answers, and 422 in krapte's shape.

    Any operation can be refused by the request limits (413, 414), and FastAPI's default 422 schema
    (``HTTPValidationError``) is not what krapte sends; this makes the document say what clients receive.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        schema["components"]["schemas"].update(components() if components is not None else {})
        ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                if "422" in responses:
                    responses["422"] = {"description": "Validation error", "content": ref}
                responses.setdefault("401", {"description": UNAUTHENTICATED, "content": ref})
                responses.setdefault("403", {"description": FORBIDDEN, "content": ref})
                responses.setdefault("4XX", {"description": "Refused: the error names the reason", "content": ref})
                responses.setdefault("5XX", {"description": "Server error (logged with an incident)", "content": ref})
        schemas = schema["components"]["schemas"]
        for unused in ("HTTPValidationError", "ValidationError"):
            if unused in schemas and unused not in str(schema["paths"]):
                del schemas[unused]
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
