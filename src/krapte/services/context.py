"""Who acts, with which rights: roles, principals, permissions and the context every service takes.

A service function's first argument is a :class:`Context`: the store, the acting :class:`Principal` (signed in by
session, API token, OpenID Connect or the local command line, or anonymous) and the settings. The service calls
``ctx.require(permission)`` before it does anything, so authorisation lives in one place per use case.

Permissions are named capabilities. Each role has a fixed set (:data:`ROLE_PERMISSIONS`); an API token carries a
subset of its owner's permissions as *scopes*. Ownership rules (a job seeker sees only their own data, an advisor
only their own clients) are checked by the services that hold personal data, with :meth:`Context.require_owner`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from krapte.errors import AuthenticationError, PermissionDeniedError
from krapte.store import AuditActor

T = TypeVar("T")

if TYPE_CHECKING:
    from krapte.settings import Settings
    from krapte.store import Store

__all__ = [
    "PERMISSIONS",
    "ROLE_PERMISSIONS",
    "Context",
    "Principal",
    "Role",
]


class Role(StrEnum):
    """The five roles of the platform. Anonymous visitors have no role."""

    JOB_SEEKER = "job_seeker"
    ADVISOR = "advisor"
    ANALYST = "analyst"
    REGISTRY_EDITOR = "registry_editor"
    ADMIN = "admin"


#: Every permission with what it allows. Token scopes are chosen from these names.
PERMISSIONS: dict[str, str] = {
    "jobs.run": "start background jobs (planning, scenarios, evaluations, bulk extraction) and read their results",
    "labour.write": "import, replace and delete project pipelines and supply tables",
    "registry.write": "create, edit and retire measures; import indicator series",
    "taxonomy.write": "import and activate ESCO versions",
    "personal.own": "keep a profile, saved results and searches of one's own",
    "personal.clients": "read and act on the profiles of one's own clients",
    "aggregates.read": "read aggregate figures across people (never personal data)",
    "users.manage": "create, change and disable accounts; assign advisors",
    "audit.read": "read and verify the audit log",
}

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.JOB_SEEKER: frozenset({"personal.own", "jobs.run"}),
    Role.ADVISOR: frozenset({"personal.clients", "jobs.run"}),
    Role.ANALYST: frozenset({"aggregates.read", "labour.write", "jobs.run"}),
    Role.REGISTRY_EDITOR: frozenset({"registry.write", "jobs.run"}),
    Role.ADMIN: frozenset(PERMISSIONS),
}

Via = Literal["anonymous", "session", "token", "oidc", "cli", "job"]


@dataclass(frozen=True)
class Principal:
    """The one who acts. ``id`` is the account id (``anonymous`` or ``cli:<os user>`` otherwise)."""

    id: str
    name: str
    role: Role | None = None
    via: Via = "anonymous"
    scopes: frozenset[str] | None = None  # an API token's scopes; None = everything the role allows

    @classmethod
    def anonymous(cls) -> Principal:
        return cls(id="anonymous", name="anonymous")

    @classmethod
    def command_line(cls, os_user: str) -> Principal:
        """Whoever runs the ``krapte`` command on the server holds the database: they act as admin."""
        return cls(id=f"cli:{os_user}", name=os_user, role=Role.ADMIN, via="cli")

    @property
    def is_anonymous(self) -> bool:
        return self.role is None

    @property
    def permissions(self) -> frozenset[str]:
        if self.role is None:
            return frozenset()
        allowed = ROLE_PERMISSIONS[self.role]
        return allowed if self.scopes is None else allowed & self.scopes

    def can(self, permission: str) -> bool:
        if permission not in PERMISSIONS:
            raise KeyError(f"unknown permission {permission!r}")
        return permission in self.permissions


@dataclass
class Context:
    """What every service function receives: where data lives, who acts, and the settings.

    ``request_id`` and ``client`` (the client's address) go into every audit entry written in this context.
    """

    store: Store
    principal: Principal
    settings: Settings
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    client: str | None = None
    #: constant work shared by the service calls of one HTTP request (the active taxonomy, the supply cells);
    #: set to ``{}`` per request by the API and web layer, None (no caching) for long-lived contexts such as the CLI
    request_cache: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def actor(self) -> AuditActor:
        """The principal as repositories record it (``*_by`` columns and the audit log)."""
        role = self.principal.role.value if self.principal.role else "anonymous"
        return AuditActor(self.principal.id, role, self.request_id, self.client)

    def require(self, permission: str) -> None:
        """Refuse unless the principal holds ``permission`` (401 when anonymous, 403 otherwise)."""
        if self.principal.can(permission):
            return
        if self.principal.is_anonymous:
            raise AuthenticationError(
                "sign in first: this action needs an account", hint="sign in at /inloggen or send an API token"
            )
        raise PermissionDeniedError(
            f"your role ({self.principal.role}) may not do this ({permission})",
            hint="ask an administrator for the right role"
            + (" or a token with this scope" if self.principal.via == "token" else ""),
            permission=permission,
        )

    def require_signed_in(self) -> None:
        if self.principal.is_anonymous:
            raise AuthenticationError("sign in first", hint="sign in at /inloggen or send an API token")

    def per_request(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per HTTP request (kept in :attr:`request_cache`); every time without a request cache."""
        cache = self.request_cache
        if cache is None:
            return compute()
        if key not in cache:
            cache[key] = compute()
        value: T = cache[key]
        return value

    def with_principal(self, principal: Principal) -> Context:
        return Context(self.store, principal, self.settings, self.request_id, self.client, self.request_cache)
