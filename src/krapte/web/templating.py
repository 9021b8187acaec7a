"""The Jinja2 environment shared by all pages, and the one place that sets the browser's cookies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from krapte.api.deps import CSRF_COOKIE, CSRF_FIELD, csrf_token, get_context, get_lang
from krapte.web.i18n import translate

__all__ = ["cookie_secure", "render", "set_cookie", "templates"]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
# The templates ship with the package and do not change while the server runs: compile each once, and skip the
# check of every template file's modification time (the page, its layouts and includes) on every render.
templates.env.auto_reload = False


def cookie_secure(request: Request) -> bool:
    configured = request.app.state.settings.auth.cookie_secure
    return request.url.scheme == "https" if configured is None else bool(configured)


def set_cookie(
    request: Request, response: Response, name: str, value: str, *, max_age: int | None = None, strict: bool = False
) -> None:
    """Every cookie krapte sets: HttpOnly, SameSite, Secure over https (or as configured), path /."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        secure=cookie_secure(request),
        samesite="strict" if strict else "lax",
        path="/",
    )


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` in the request's language; ``t(key)`` translates inside templates.

    Every page knows who is signed in (``principal``, for the role-dependent menu) and carries the CSRF token
    (``csrf_field`` for forms); the token's cookie is set here when the browser has none yet.
    """
    lang = get_lang(request)
    other = "en" if lang == "nl" else "nl"
    principal = get_context(request).principal
    token = csrf_token(request)
    response = templates.TemplateResponse(
        request,
        template,
        {
            "lang": lang,
            "other_lang": other,
            "t": lambda key: translate(key, lang),
            "principal": principal,
            "csrf_name": CSRF_FIELD,
            "csrf_token": token,
            **context,
        },
        status_code=status_code,
    )
    if request.cookies.get(CSRF_COOKIE) != token:
        set_cookie(request, response, CSRF_COOKIE, token, strict=True)
    if request.query_params.get("lang"):
        response.set_cookie("krapte_lang", lang, samesite="lax", secure=cookie_secure(request), path="/")
    return response
