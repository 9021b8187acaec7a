"""The ASGI application: REST API under ``/api/v1``, web pages under ``/``.

Routers live one per resource area in ``krapte.api.routers`` and ``krapte.web``; each exposes ``router``.
Every error leaves the API in one JSON shape, ``{"error": {"code", "message", "hint"?, "details"?}}``.
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from krapte import __version__
from krapte.errors import KrapteError
from krapte.provenance import ESCO_ATTRIBUTION
from krapte.settings import Settings
from krapte.store import open_store

ROUTERS = (
    "krapte.api.routers.meta",
    "krapte.api.routers.taxonomy",
    "krapte.api.routers.extract",
    "krapte.api.routers.labour",
    "krapte.api.routers.planning",
    "krapte.api.routers.jobs",
    "krapte.api.routers.monitor",
    "krapte.api.routers.evaluate",
    "krapte.web.pages",
    "krapte.web.taxonomy",
    "krapte.web.extract",
    "krapte.web.labour",
    "krapte.web.monitor",
)


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
    )
    app.state.settings = settings
    app.state.store = open_store(settings)

    @app.exception_handler(KrapteError)
    async def _krapte_error(_request: Request, exc: KrapteError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.http_status)

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
