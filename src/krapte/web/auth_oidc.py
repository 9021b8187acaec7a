"""Sign-in through OpenID Connect: ``GET /auth/oidc/start?next=/path`` and ``GET /auth/oidc/callback``.

The start route sends the browser to the identity provider and keeps the sign-in's ``state`` in a short-lived
cookie; the callback checks it, lets :mod:`krapte.services.oidc` finish the sign-in, sets the session cookie and
redirects to ``next``, which is always a path on this site. A refusal is a Dutch (or English) page for browsers
and the JSON error shape for other clients; without OpenID Connect configured both routes answer 404.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from krapte.api.deps import SESSION_COOKIE, get_context
from krapte.errors import KrapteError
from krapte.services import oidc
from krapte.services.accounts import sign_out
from krapte.web.i18n import register
from krapte.web.templating import render, set_cookie

__all__ = ["STATE_COOKIE", "router"]

router = APIRouter(include_in_schema=False)

STATE_COOKIE = "krapte_oidc_state"

register(
    {
        "oidc.error.title": {"nl": "Inloggen is niet gelukt", "en": "Sign-in failed"},
        "oidc.error.detail": {"nl": "Technische melding", "en": "Technical message"},
        "oidc.error.retry": {"nl": "Opnieuw inloggen", "en": "Sign in again"},
        "oidc.error.home": {"nl": "Naar de startpagina", "en": "To the home page"},
        "oidc.error.not_configured": {
            "nl": "Inloggen via een identiteitsprovider is op deze server niet ingesteld. "
            "Log in met uw accountnaam en wachtwoord.",
            "en": "Sign-in through an identity provider is not set up on this server. "
            "Sign in with your account name and password.",
        },
        "oidc.error.state": {
            "nl": "Deze inlogpoging is onbekend, verlopen, al gebruikt of in een andere browser begonnen. "
            "Begin opnieuw.",
            "en": "This sign-in attempt is unknown, expired, already used or was started in another browser. "
            "Please start again.",
        },
        "oidc.error.provider": {
            "nl": "De identiteitsprovider heeft u niet aangemeld.",
            "en": "The identity provider did not sign you in.",
        },
        "oidc.error.token": {
            "nl": "Het bewijs van de identiteitsprovider klopt niet. Begin opnieuw.",
            "en": "The identity provider's proof does not check out. Please start again.",
        },
        "oidc.error.bsn": {
            "nl": "De identiteitsprovider stuurt een burgerservicenummer; krapte slaat geen BSN op. "
            "Neem contact op met de beheerder.",
            "en": "The identity provider sends a citizen service number; krapte stores no BSN. "
            "Please contact the administrator.",
        },
        "oidc.error.redirect": {
            "nl": "Het adres om na het inloggen naar terug te gaan is geen pagina van deze site.",
            "en": "The address to return to after signing in is not a page of this site.",
        },
        "oidc.error.unavailable": {
            "nl": "De identiteitsprovider is nu niet bereikbaar. Probeer het later opnieuw.",
            "en": "The identity provider cannot be reached now. Please try again later.",
        },
        "oidc.error.disabled": {
            "nl": "Dit account is uitgeschakeld. Neem contact op met de beheerder.",
            "en": "This account is disabled. Please contact the administrator.",
        },
        "oidc.error.other": {
            "nl": "Er ging iets mis bij het inloggen. Begin opnieuw.",
            "en": "Something went wrong while signing in. Please start again.",
        },
    }
)


def _explanation(exc: KrapteError) -> str:
    reason = str(exc.details.get("reason", ""))
    if reason == "oidc_not_configured":
        return "oidc.error.not_configured"
    if reason == "open_redirect":
        return "oidc.error.redirect"
    if reason == "disabled":
        return "oidc.error.disabled"
    if reason == "subject_is_bsn":
        return "oidc.error.bsn"
    if reason.startswith("state_"):
        return "oidc.error.state"
    if reason == "provider_error":
        return "oidc.error.provider"
    if isinstance(exc, oidc.ProviderUnavailableError):
        return "oidc.error.unavailable"
    if isinstance(exc, oidc.OidcRefusedError):
        return "oidc.error.token"
    return "oidc.error.other"


def _refusal(request: Request, exc: KrapteError) -> Response:
    """The refusal as a page for browsers (they ask for HTML), in the JSON error shape for everyone else."""
    response: Response
    if "text/html" in request.headers.get("accept", ""):
        explanation = _explanation(exc)
        retry = explanation not in ("oidc.error.not_configured", "oidc.error.disabled", "oidc.error.bsn")
        response = render(
            request,
            "auth/oidc_error.html",
            status_code=exc.http_status,
            explanation=explanation,
            message=exc.message,
            retry=retry,
        )
    else:
        response = JSONResponse(exc.to_dict(), status_code=exc.http_status)
    if STATE_COOKIE in request.cookies:
        set_cookie(request, response, STATE_COOKIE, "", max_age=0)
    return response


@router.get("/auth/oidc/start")
def start(request: Request, next: str | None = None) -> Response:
    """Send the browser to the identity provider; afterwards it returns to ``next`` (a path on this site)."""
    try:
        started = oidc.start_sign_in(get_context(request), next)
    except KrapteError as exc:
        return _refusal(request, exc)
    response = RedirectResponse(started.url, status_code=302)
    set_cookie(request, response, STATE_COOKIE, started.state, max_age=oidc.PENDING_MINUTES * 60)
    return response


@router.get("/auth/oidc/callback")
def callback(request: Request, state: str | None = None, code: str | None = None, error: str | None = None) -> Response:
    """Where the identity provider sends the browser back: finish the sign-in and open a session."""
    ctx = get_context(request)
    try:
        done = oidc.finish_sign_in(
            ctx, state=state, code=code, error=error, browser_state=request.cookies.get(STATE_COOKIE)
        )
    except KrapteError as exc:
        return _refusal(request, exc)
    previous = request.cookies.get(SESSION_COOKIE)
    if previous:  # whoever was signed in in this browser before is signed out
        sign_out(ctx, previous)
    response = RedirectResponse(done.return_to, status_code=303)
    set_cookie(request, response, SESSION_COOKIE, done.signed_in.session_id)
    set_cookie(request, response, STATE_COOKIE, "", max_age=0)
    return response
