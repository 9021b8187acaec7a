"""Bodies of ``/api/v1/me``, ``/api/v1/tokens`` and ``/api/v1/users``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from krapte.services.accounts import MAX_PASSWORD_LENGTH

__all__ = ["AccountOut", "Me", "NewToken", "NewUser", "TokenOut", "TokenRequest"]


class Me(BaseModel):
    id: str
    name: str
    role: str | None = Field(description="null for an anonymous request")
    via: str = Field(description="how the request was authenticated: session, token, oidc or anonymous")
    permissions: list[str]


class AccountOut(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    disabled: bool
    created_at: datetime
    signs_in_with: str


class NewUser(BaseModel):
    username: str = Field(min_length=3, max_length=200)
    role: str = Field(pattern="^(job_seeker|advisor|analyst|registry_editor|admin)$")
    password: str = Field(min_length=12, max_length=MAX_PASSWORD_LENGTH)
    display_name: str | None = Field(default=None, max_length=200)


class TokenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    scopes: list[str] | None = Field(default=None, max_length=20, description="default: all your role allows")
    days: int | None = Field(default=90, ge=1, le=366)


class TokenOut(BaseModel):
    id: str
    name: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked: bool


class NewToken(BaseModel):
    token: str = Field(description="shown once; keep it secret")
    info: TokenOut
