"""The ASGI application: REST API under ``/api/v1``, web pages under ``/``.

Routers live one per resource area in ``krapte.api.routers`` and ``krapte.web``; each exposes ``router``.
Every error leaves the API in one JSON shape, ``{"error": {"code", "message", "hint"?, "details"?}}``
(:mod:`krapte.api.errors`). Request limits and security headers hold for every route
(:mod:`krapte.api.middleware`); the API docs are served from the package (:mod:`krapte.api.docs`).
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from krapte import __version__
from krapte.api import docs
from krapte.api.errors import document_errors, install_error_handlers
from krapte.api.middleware import RequestLimitsMiddleware, SecurityHeadersMiddleware
from krapte.provenance import ESCO_ATTRIBUTION
from krapte.settings import Settings
from krapte.store import open_store

ROUTERS = (
    "krapte.api.routers.meta",
    "krapte.api.routers.taxonomy",
    "krapte.api.routers.extract",
    "krapte.api.routers.labour",
    "krapte.api.routers.planning",
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
        docs_url=None,  # served by krapte.api.docs from packaged assets
        openapi_url=docs.OPENAPI_URL,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    app.state.store = open_store(settings)

    install_error_handlers(app)
    document_errors(app)
    # Added last = runs first: the security headers wrap every answer, the limits' refusals included.
    app.add_middleware(RequestLimitsMiddleware, limits=lambda: app.state.settings.limits)
    app.add_middleware(SecurityHeadersMiddleware, docs_prefix=docs.DOCS_URL)

    app.include_router(docs.router)
    for module_name in ROUTERS:
        app.include_router(importlib.import_module(module_name).router)
    app.mount("/static", StaticFiles(packages=[("krapte.web", "static")]), name="static")
    return app
