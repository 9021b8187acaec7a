"""The ASGI application: REST API under ``/api/v1``, web pages under ``/``.

Routers live one per resource area in ``krapte.api.routers`` and ``krapte.web``; each exposes ``router``.
Every error leaves the API in one JSON shape, ``{"error": {"code", "message", "hint"?, "details"?}}``.
"""

from __future__ import annotations

import importlib
import re
import secrets
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from krapte import __version__
from krapte.errors import AuthenticationError, KrapteError
from krapte.provenance import ESCO_ATTRIBUTION
from krapte.services.system import open_server_context
from krapte.settings import Settings

ROUTERS = (
    "krapte.api.routers.meta",
    "krapte.api.routers.taxonomy",
    "krapte.api.routers.extract",
    "krapte.api.routers.labour",
    "krapte.api.routers.planning",
    "krapte.api.routers.monitor",
    "krapte.api.routers.evaluate",
    "krapte.api.routers.accounts",
    "krapte.api.routers.match",
    "krapte.web.pages",
    "krapte.web.account",
    "krapte.web.taxonomy",
    "krapte.web.extract",
    "krapte.web.labour",
    "krapte.web.monitor",
    "krapte.web.auth_oidc",
    "krapte.web.poort",
    "krapte.web.advisor",
)


_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids: the route function's name (each is unique across the API)."""
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="krapte",
        version=__version__,
        description="Skills, labour demand and monitoring for the Actieplan Groene en Digitale Banen. "
        + ESCO_ATTRIBUTION,
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.store = open_server_context(settings).store

    @app.middleware("http")
    async def _request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.headers.get("x-request-id", "")
        request.state.request_id = given if _REQUEST_ID.fullmatch(given) else secrets.token_hex(8)
        response = await call_next(request)
        response.headers["X-Request-ID"] = request.state.request_id
        return response

    @app.exception_handler(KrapteError)
    async def _krapte_error(request: Request, exc: KrapteError) -> Response:
        if not request.url.path.startswith("/api/"):
            from krapte.web.errors import error_page

            return error_page(request, exc)
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthenticationError) else None
        return JSONResponse(exc.to_dict(), status_code=exc.http_status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        body = {"error": {"code": "validation_error", "message": "; ".join(problems)}}
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        body = {"error": {"code": "http_error", "message": str(exc.detail)}}
        return JSONResponse(body, status_code=exc.status_code)

    for module_name in ROUTERS:
        app.include_router(importlib.import_module(module_name).router)
    app.mount("/static", StaticFiles(packages=[("krapte.web", "static")]), name="static")
    return app
