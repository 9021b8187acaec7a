"""Writing and reading the audit log. Every service writes its entries through :func:`record`.

The actor is always the authenticated principal of the context; nothing a caller sends can set it.
For extractions and recommendations the entry carries the model and taxonomy version and a SHA-256 hash of the
input (:func:`input_hash`), never the input itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy.engine import Connection

from krapte.services.context import Context
from krapte.store.audit import hash_input as input_hash

__all__ = ["in_one_transaction", "input_hash", "record", "write_entries"]

#: the entries waiting for the end of an :func:`in_one_transaction` block (per thread and task: a context variable)
_pending: ContextVar[list[Callable[[Connection], None]] | None] = ContextVar("krapte_audit_pending", default=None)


@contextmanager
def in_one_transaction(ctx: Context) -> Iterator[None]:
    """Commit the audit entries that :func:`write_entries` is given inside the block together, when it ends.

    A page that shows two recommendations (a pathway and the training plan to it) then commits once, not twice.
    Each audit commit waits for the disk while it holds the audit chain's lock (every append reads the last entry's
    hash), so every commit delays every other audited request. The entries are written when the block ends, also
    when it raises (as they would have been one by one), and before the caller can answer.
    """
    pending: list[Callable[[Connection], None]] = []
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
        if pending:
            with ctx.store.transaction() as conn:
                for write in pending:
                    write(conn)


def write_entries(ctx: Context, write: Callable[[Connection], None]) -> None:
    """``write(conn)`` (calls of :func:`record`) in a transaction of its own, or inside an
    :func:`in_one_transaction` block in the block's transaction at its end."""
    pending = _pending.get()
    if pending is not None:
        pending.append(write)
        return
    with ctx.store.transaction() as conn:
        write(conn)


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
