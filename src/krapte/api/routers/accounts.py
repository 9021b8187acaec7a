"""``/api/v1/me``, ``/api/v1/tokens`` and ``/api/v1/users``: who am I, my API tokens, accounts (admins).

Tokens are created from a signed-in session (a token never creates tokens) and sent by scripts as
``Authorization: Bearer krt_…``. Creating accounts needs ``users.manage``.
"""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends, Query, Response

from krapte.api.deps import get_context
from krapte.api.models.accounts import AccountOut, Me, NewToken, NewUser, TokenOut, TokenRequest
from krapte.api.models.platform import AuditCheck, PersonExport, RowsRemoved
from krapte.services import Context, Role, people
from krapte.services import accounts as svc

router = APIRouter(prefix="/api/v1", tags=["accounts"])


@router.get("/me", operation_id="me")
def me(ctx: Context = Depends(get_context)) -> Me:
    p = ctx.principal
    return Me(id=p.id, name=p.name, role=p.role.value if p.role else None, via=p.via, permissions=sorted(p.permissions))


def _token(info: svc.TokenInfo) -> TokenOut:
    return TokenOut(**{**asdict(info), "scopes": list(info.scopes)})


@router.get("/me/export", operation_id="export_my_data")
def export_my_data(ctx: Context = Depends(get_context)) -> PersonExport:
    """Everything krapte stores about you (password and token hashes left out)."""
    return PersonExport(**people.export_person(ctx))


@router.delete("/me", operation_id="erase_my_data")
def erase_my_data(ctx: Context = Depends(get_context)) -> RowsRemoved:
    """Erase your account and everything stored about you; answers the rows removed per table."""
    return RowsRemoved(people.delete_person(ctx))


@router.get("/users/{user_id}/export", operation_id="export_person")
def export_person(user_id: str, ctx: Context = Depends(get_context)) -> PersonExport:
    ctx.require("users.manage")
    return PersonExport(**people.export_person(ctx, user_id))


@router.delete("/users/{user_id}", operation_id="erase_person")
def erase_person(user_id: str, ctx: Context = Depends(get_context)) -> RowsRemoved:
    ctx.require("users.manage")
    return RowsRemoved(people.delete_person(ctx, user_id))


@router.get("/audit/verify", operation_id="verify_audit")
def verify_audit(
    anchor: str | None = Query(None, max_length=64, pattern="^[0-9a-f]*$"), ctx: Context = Depends(get_context)
) -> AuditCheck:
    """Check the audit log's hash chain (admins)."""
    return AuditCheck.model_validate(people.verify_audit(ctx, anchor=anchor).to_dict())


@router.get("/tokens", operation_id="list_tokens")
def list_tokens(ctx: Context = Depends(get_context)) -> list[TokenOut]:
    return [_token(t) for t in svc.list_tokens(ctx)]


@router.post("/tokens", status_code=201, operation_id="create_token")
def create_token(body: TokenRequest, ctx: Context = Depends(get_context)) -> NewToken:
    issued = svc.create_token(ctx, body.name, body.scopes, days=body.days)
    return NewToken(token=issued.token, info=_token(issued.info))


@router.delete("/tokens/{token_id}", status_code=204, operation_id="revoke_token")
def revoke_token(token_id: str, ctx: Context = Depends(get_context)) -> Response:
    svc.revoke_token(ctx, token_id)
    return Response(status_code=204)


@router.get("/users", operation_id="list_users")
def list_users(ctx: Context = Depends(get_context)) -> list[AccountOut]:
    return [AccountOut(**{**asdict(a), "role": a.role.value}) for a in svc.list_users(ctx)]


@router.post("/users", status_code=201, operation_id="create_user")
def create_user(body: NewUser, ctx: Context = Depends(get_context)) -> AccountOut:
    a = svc.create_user(
        ctx, body.username, role=Role(body.role), password=body.password, display_name=body.display_name
    )
    return AccountOut(**{**asdict(a), "role": a.role.value})
