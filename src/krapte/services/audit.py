"""Writing and reading the audit log. Every service writes its entries through :func:`record`.

The actor is always the authenticated principal of the context; nothing a caller sends can set it.
For extractions and recommendations the entry carries the model and taxonomy version and a SHA-256 hash of the
input (:func:`input_hash`), never the input itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from krapte.services.context import Context
from krapte.store.audit import hash_input as input_hash

__all__ = ["input_hash", "record"]


def record(
    ctx: Context,
    conn: Connection,
    action: str,
    object_type: str,
    object_id: str,
    detail: dict[str, Any] | None = None,
    *,
    input_sha256: str | None = None,
    model_version: str | None = None,
    taxonomy_version: str | None = None,
) -> None:
    """Append one entry in the caller's transaction: who (principal and role), what, which object, from where."""
    p = ctx.principal
    ctx.store.audit(
        conn,
        actor=p.id,  # an id, never a name or e-mail address: audit entries cannot be erased
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:300],
        detail=detail,
        role=p.role.value if p.role else "anonymous",
        request_id=ctx.request_id,
        client=ctx.client,
        input_hash=input_sha256,
        model_version=model_version,
        taxonomy_version=taxonomy_version,
    )
