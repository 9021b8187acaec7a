"""Personal data: export and erasure of a person's data, retention, and verifying the audit log.

A person exports or erases their own data; an admin can do it for anyone (a request to the organisation). Erasure
is real (rows deleted, database pages compacted) and leaves only pseudonymous audit entries: the account id and
hashes, never names or texts. Secrets (password and token hashes) are never part of an export.
"""

from __future__ import annotations

from typing import Any

from krapte.errors import PermissionDeniedError
from krapte.services.audit import record
from krapte.services.context import Context
from krapte.services.match_records import forget_profiles
from krapte.store import personal
from krapte.store.audit import AuditVerification, verify_audit_chain

__all__ = ["SECRET_COLUMNS", "delete_person", "export_person", "purge_expired", "verify_audit"]

#: Columns never exported, even to their owner: they would help an attacker and mean nothing to the person.
SECRET_COLUMNS = frozenset({"password_hash", "token_hash", "id_hash", "code_verifier", "nonce"})


def _subject(ctx: Context, subject_id: str | None) -> str:
    ctx.require_signed_in()
    subject = subject_id or ctx.principal.id
    if subject != ctx.principal.id and not ctx.principal.can("users.manage"):
        raise PermissionDeniedError("you can export or erase only your own data")
    return subject


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in SECRET_COLUMNS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def export_person(ctx: Context, subject_id: str | None = None) -> dict[str, Any]:
    """Everything krapte stores about a person (default: the signed-in person), as JSON-ready data."""
    subject = _subject(ctx, subject_id)
    data: dict[str, Any] = _strip(personal.export_person(ctx.store, subject))
    with ctx.store.transaction() as conn:
        record(ctx, conn, "personal.export", "person", subject)
    return data


def delete_person(ctx: Context, subject_id: str | None = None) -> dict[str, int]:
    """Erase a person's data for real; the erasure is audited under the person's id only."""
    subject = _subject(ctx, subject_id)
    removed: dict[str, int] = personal.delete_person(ctx.store, subject, actor=ctx.principal.id)
    forget_profiles(ctx)  # the copies of profiles kept in memory for matching
    return removed


def purge_expired(ctx: Context) -> dict[str, int]:
    """Remove records older than their kind's retention period (``KRAPTE_RETENTION``)."""
    ctx.require("users.manage")
    removed: dict[str, int] = personal.purge_expired(
        ctx.store, ctx.settings.retention, actor=f"{ctx.principal.id}:retention"
    )
    forget_profiles(ctx)
    return removed


def verify_audit(ctx: Context, *, anchor: str | None = None) -> AuditVerification:
    """Check the hash chain of the audit log; ``anchor`` is a head hash recorded elsewhere earlier."""
    ctx.require("audit.read")
    return verify_audit_chain(ctx.store, anchor=anchor)
