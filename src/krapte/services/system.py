"""System use cases: opening a context for the command line, setting up, migrating, health."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import Any

from krapte.services.context import Context, Principal
from krapte.settings import Settings
from krapte.store import open_store

__all__ = ["health", "load_defaults", "migrate", "open_context", "os_user"]


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "unknown"


def open_context(settings: Settings, *, migrate: bool = True) -> Context:
    """The context of a ``krapte`` command: the store named by the settings, acting as ``cli:<os user>``."""
    return Context(open_store(settings, migrate=migrate), Principal.command_line(os_user()), settings, client="cli")


def open_server_context(settings: Settings) -> Context:
    """The server's own context (migrations and recovery at start-up), acting as ``system``."""
    return Context(open_store(settings), Principal(id="system", name="system", via="cli"), settings, client="server")


def migrate(ctx: Context) -> list[str]:
    """Apply pending schema migrations (admins and the command line)."""
    ctx.require("users.manage")
    return ctx.store.migrate()


def load_defaults(ctx: Context, progress: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """``krapte setup``: load every area's embedded default data (idempotent)."""
    from krapte.defaults import load_defaults as _load

    ctx.require("users.manage")
    return _load(ctx.store, ctx.settings, progress=progress)


def health(ctx: Context) -> dict[str, Any]:
    """Whether the store answers; cheap enough for a load balancer to call often."""
    import sqlalchemy as sa

    with ctx.store.connect() as conn:
        conn.execute(sa.text("SELECT 1"))
    return {"status": "ok", "database": ctx.store.dialect}
