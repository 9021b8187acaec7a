"""Sign-in, sign-out and the account page (password change, API tokens) under ``/inloggen`` and ``/account``.

Sessions live in the store; the browser holds only a random id in the ``krapte_session`` cookie (HttpOnly,
SameSite=Lax, Secure over https). A new session id is issued at every sign-in. Every form here carries the CSRF
token and is checked for its Origin.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from krapte.api.deps import SESSION_COOKIE, get_context, get_lang, verify_csrf
from krapte.errors import KrapteError
from krapte.services import Context
from krapte.services import accounts as svc
from krapte.web.i18n import register
from krapte.web.templating import render, set_cookie

router = APIRouter(include_in_schema=False)

register(
    {
        "account.sign_in": {"nl": "Inloggen", "en": "Sign in"},
        "account.sign_out": {"nl": "Uitloggen", "en": "Sign out"},
        "account.username": {"nl": "Gebruikersnaam of e-mailadres", "en": "User name or e-mail address"},
        "account.password": {"nl": "Wachtwoord", "en": "Password"},
        "account.title": {"nl": "Mijn account", "en": "My account"},
        "account.signed_in_as": {"nl": "U bent ingelogd als", "en": "You are signed in as"},
        "account.role": {"nl": "Rol", "en": "Role"},
        "account.change_password": {"nl": "Wachtwoord wijzigen", "en": "Change password"},
        "account.current_password": {"nl": "Huidig wachtwoord", "en": "Current password"},
        "account.new_password": {"nl": "Nieuw wachtwoord (minstens 12 tekens)", "en": "New password (12+ characters)"},
        "account.password_changed": {
            "nl": "Uw wachtwoord is gewijzigd. Uw andere sessies zijn beëindigd.",
            "en": "Your password was changed. Your other sessions were ended.",
        },
        "account.tokens": {"nl": "API-sleutels voor scripts", "en": "API tokens for scripts"},
        "account.token_name": {"nl": "Naam van de sleutel", "en": "Token name"},
        "account.token_create": {"nl": "Sleutel maken", "en": "Create token"},
        "account.token_revoke": {"nl": "Intrekken", "en": "Revoke"},
        "account.token_once": {
            "nl": "Kopieer deze sleutel nu. U ziet hem maar één keer:",
            "en": "Copy this token now. You will see it only once:",
        },
        "account.no_tokens": {"nl": "U heeft nog geen sleutels.", "en": "You have no tokens yet."},
        "account.revoked": {"nl": "ingetrokken", "en": "revoked"},
        "account.oidc": {"nl": "Inloggen met", "en": "Sign in with"},
        "role.job_seeker": {"nl": "werkzoekende", "en": "job seeker"},
        "role.advisor": {"nl": "adviseur", "en": "advisor"},
        "role.analyst": {"nl": "analist", "en": "analyst"},
        "role.registry_editor": {"nl": "redacteur maatregelen", "en": "registry editor"},
        "role.admin": {"nl": "beheerder", "en": "administrator"},
    }
)


def safe_next(target: str | None) -> str:
    """Only a local path (``/…``, not ``//host``) may be a redirect target after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/inloggen", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "/") -> HTMLResponse:
    oidc = request.app.state.settings.auth.oidc
    return render(request, "account/sign_in.html", next=safe_next(next), error=None, oidc=oidc)


@router.post("/inloggen", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
def sign_in_submit(
    request: Request,
    username: str = Form(..., max_length=200),
    password: str = Form(..., max_length=svc.MAX_PASSWORD_LENGTH),
    next: str = Form("/", max_length=500),
    ctx: Context = Depends(get_context),
) -> Response:
    try:
        signed = svc.sign_in(ctx, username, password)
    except KrapteError as exc:
        oidc = request.app.state.settings.auth.oidc
        return render(
            request, "account/sign_in.html", status_code=exc.http_status, next=safe_next(next), error=exc, oidc=oidc
        )
    response = RedirectResponse(safe_next(next), status_code=303)
    set_cookie(request, response, SESSION_COOKIE, signed.session_id)  # a browser-session cookie; the server expires it
    return response


@router.post("/uitloggen", dependencies=[Depends(verify_csrf)])
def sign_out(request: Request, ctx: Context = Depends(get_context)) -> Response:
    svc.sign_out(ctx, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(f"/?lang={get_lang(request)}", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _account_page(request: Request, ctx: Context, status_code: int = 200, **extra: object) -> HTMLResponse:
    return render(
        request,
        "account/account.html",
        status_code=status_code,
        tokens=svc.list_tokens(ctx),
        message=extra.pop("message", None),
        error=extra.pop("error", None),
        new_token=extra.pop("new_token", None),
    )


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, ctx: Context = Depends(get_context)) -> HTMLResponse:
    ctx.require_signed_in()
    return _account_page(request, ctx)


@router.post("/account/wachtwoord", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
def change_password(
    request: Request,
    current: str = Form(..., max_length=svc.MAX_PASSWORD_LENGTH),
    new: str = Form(..., max_length=svc.MAX_PASSWORD_LENGTH),
    ctx: Context = Depends(get_context),
) -> HTMLResponse:
    ctx.require_signed_in()
    try:
        svc.change_password(ctx, current, new, keep_session_id=request.cookies.get(SESSION_COOKIE))
    except KrapteError as exc:
        return _account_page(request, ctx, status_code=exc.http_status, error=exc)
    return _account_page(request, ctx, message="account.password_changed")


@router.post("/account/sleutels", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
def create_token(
    request: Request, name: str = Form(..., max_length=200), ctx: Context = Depends(get_context)
) -> HTMLResponse:
    try:
        issued = svc.create_token(ctx, name)
    except KrapteError as exc:
        return _account_page(request, ctx, status_code=exc.http_status, error=exc)
    return _account_page(request, ctx, status_code=201, new_token=issued.token)


@router.post("/account/sleutels/{token_id}/intrekken", dependencies=[Depends(verify_csrf)])
def revoke_token(request: Request, token_id: str, ctx: Context = Depends(get_context)) -> Response:
    svc.revoke_token(ctx, token_id)
    return RedirectResponse(f"/account?lang={get_lang(request)}", status_code=303)


def sign_in_redirect(request: Request) -> RedirectResponse:
    """Where an anonymous visitor of a page that needs an account is sent."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/inloggen?next={quote(target, safe='')}", status_code=303)
