"""The Jinja2 environment shared by all pages."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from krapte.api.deps import get_lang
from krapte.web.i18n import translate

templates = Jinja2Templates(directory=str(__import__("pathlib").Path(__file__).parent / "templates"))


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` in the request's language; ``t(key)`` translates inside templates."""
    lang = get_lang(request)
    other = "en" if lang == "nl" else "nl"
    response = templates.TemplateResponse(
        request,
        template,
        {"lang": lang, "other_lang": other, "t": lambda key: translate(key, lang), **context},
        status_code=status_code,
    )
    if request.query_params.get("lang"):
        response.set_cookie("krapte_lang", lang, samesite="lax")
    return response
