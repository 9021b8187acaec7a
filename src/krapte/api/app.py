"""The ASGI application: REST API under ``/api/v1``, web pages under ``/``.

Routers live one per resource area in ``krapte.api.routers`` and ``krapte.web``; each exposes ``router``.
Every error leaves the API in one JSON shape, ``{"error": {"code", "message", "hint"?, "details"?}}``
(:mod:`krapte.api.errors`). Request limits and security headers hold for every route
(:mod:`krapte.api.middleware`); the API docs are served from the package (:mod:`krapte.api.docs`).
"""

from __future__ import annotations

import importlib
import os

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from krapte import __version__
from krapte.api import docs, gc_freeze
from krapte.api.errors import document_errors, install_error_handlers, scrub
from krapte.api.middleware import RequestIdMiddleware, RequestLimitsMiddleware, SecurityHeadersMiddleware
from krapte.api.models import request_components
from krapte.errors import AuthenticationError, KrapteError
from krapte.provenance import ESCO_ATTRIBUTION
from krapte.services.system import open_server_context
from krapte.settings import Settings

ROUTERS = (
    # The busiest pages first: a request is matched against the routes in this order (about 130 of them, so a
    # route near the end cost about 1 ms of matching per request). Their paths (/poort, /adviseur) overlap no
    # other route's (tests/api/test_routes.py), so the order changes nothing else.
    "krapte.web.poort",
    "krapte.web.advisor",
    "krapte.api.routers.meta",
    "krapte.api.routers.taxonomy",
    "krapte.api.routers.extract",
    "krapte.api.routers.labour",
    "krapte.api.routers.planning",
    "krapte.api.routers.jobs",
    "krapte.api.routers.monitor",
    "krapte.api.routers.evaluate",
    "krapte.api.routers.accounts",
    "krapte.api.routers.match",
    "krapte.web.pages",
    "krapte.web.account",
    "krapte.web.taxonomy",
    "krapte.web.extract",
    "krapte.web.labour",
    "krapte.web.regions",
    "krapte.web.monitor",
    "krapte.web.auth_oidc",
)


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
        docs_url=None,  # served by krapte.api.docs from packaged assets
        openapi_url=docs.OPENAPI_URL,
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    if os.environ.get("KRAPTE_GC_FREEZE", "1") != "0":
        # a server process: keep full garbage collections off the loaded caches (krapte.api.gc_freeze); the test
        # suite sets KRAPTE_GC_FREEZE=0, since it builds many apps in one long-lived process
        gc_freeze.install()
    app.state.store = open_server_context(settings).store

    install_error_handlers(app)
    document_errors(app, request_components)

    @app.exception_handler(KrapteError)
    async def _krapte_error(request: Request, exc: KrapteError) -> Response:
        """Pages answer with an HTML page (or the sign-in page); the API with the JSON shape."""
        if not request.url.path.startswith("/api/"):
            from krapte.web.errors import error_page

            return error_page(request, exc)
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthenticationError) else None
        return JSONResponse(scrub(exc.to_dict()), status_code=exc.http_status, headers=headers)

    # Added last = runs first: the security headers wrap every answer, the limits' refusals included.
    app.add_middleware(RequestLimitsMiddleware, limits=lambda: app.state.settings.limits)
    app.add_middleware(SecurityHeadersMiddleware, docs_prefix=docs.DOCS_URL)
    app.add_middleware(RequestIdMiddleware)

    app.include_router(docs.router)
    for module_name in ROUTERS:
        app.include_router(importlib.import_module(module_name).router)
    app.mount("/static", StaticFiles(packages=[("krapte.web", "static")]), name="static")
    return app
