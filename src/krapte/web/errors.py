"""Error pages of the web app: a page that needs an account sends the visitor to sign in; others say what went wrong
in plain words, in the page's language."""

from __future__ import annotations

from fastapi import Request, Response

from krapte.errors import AuthenticationError, KrapteError
from krapte.web.i18n import register
from krapte.web.templating import render

__all__ = ["error_page"]

register(
    {
        "error.title": {"nl": "Dat lukte niet", "en": "That did not work"},
        "error.403": {
            "nl": "U mag deze pagina niet gebruiken met uw account.",
            "en": "Your account may not use this page.",
        },
        "error.404": {"nl": "Deze pagina of dit gegeven bestaat niet.", "en": "This page or item does not exist."},
        "error.other": {"nl": "Er ging iets mis met uw verzoek.", "en": "Something went wrong with your request."},
        "error.home": {"nl": "Naar de startpagina", "en": "To the home page"},
    }
)


def error_page(request: Request, exc: KrapteError) -> Response:
    if isinstance(exc, AuthenticationError):
        from krapte.web.account import sign_in_redirect

        return sign_in_redirect(request)
    key = {403: "error.403", 404: "error.404"}.get(exc.http_status, "error.other")
    return render(request, "error.html", status_code=exc.http_status, key=key, detail=exc.message)
