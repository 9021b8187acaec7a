"""The interactive API documentation at ``/api/docs``: Swagger UI served from the package, not from a CDN.

The page loads ``/static/vendor/swagger-ui/`` (vendored by ``scripts/vendor_swagger_ui.py``, licence and version
in its ``provenance.json``) and starts it from ``/static/api-docs.js``, so it needs no inline script and runs
under the Content-Security-Policy of :mod:`krapte.api.middleware`.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

__all__ = ["DOCS_URL", "OPENAPI_URL", "docs_page", "router"]

DOCS_URL = "/api/docs"
OPENAPI_URL = "/api/openapi.json"
ASSETS = "/static/vendor/swagger-ui"

router = APIRouter(include_in_schema=False)


def docs_page(title: str, openapi_url: str = OPENAPI_URL) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)} · API</title>
  <link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png">
  <link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui" data-openapi-url="{escape(openapi_url, quote=True)}"></div>
  <script src="{ASSETS}/swagger-ui-bundle.js"></script>
  <script src="/static/api-docs.js"></script>
</body>
</html>
"""


@router.get(DOCS_URL, response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    return HTMLResponse(docs_page("krapte"))
