"""The audit log: append-only, hash-chained, and checkable.

Every entry records who (actor and role) did what (action) to which object, from where (client address) in which
request, and when. Entries about a model decision (an extraction or a recommendation) also record the model
version, the taxonomy version and the SHA-256 of the input (:func:`hash_input`), never the input itself.

Each entry carries ``prev_hash`` (the ``entry_hash`` of the entry before it, or :data:`GENESIS` for the first)
and ``entry_hash = sha256(canonical content + prev_hash)``. Appends are serialised (PostgreSQL advisory lock held
to the end of the caller's transaction; on SQLite the database write lock, taken before the head is read), so
the chain is one line in ``id`` order. The database refuses UPDATE and DELETE on the table (triggers created by
revision ``0500_audit_chain``); :func:`verify_audit_chain` detects what someone with the power to drop those
triggers changed, removed or reordered afterwards.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from krapte.errors import ValidationError
from krapte.store.tables import audit_log

if TYPE_CHECKING:
    from krapte.store.database import Store

__all__ = [
    "AUDIT_LOCK_KEY",
    "GENESIS",
    "MODEL_DECISION_ACTIONS",
    "AuditProblem",
    "AuditVerification",
    "append_entry",
    "canonical_content",
    "entry_hash",
    "hash_input",
    "verify_audit_chain",
]

GENESIS = "0" * 64
AUDIT_LOCK_KEY = 7405322
# Actions whose first dotted segment is one of these are model decisions and must carry versions and input hash.
MODEL_DECISION_ACTIONS = frozenset({"extract", "extraction", "recommend", "recommendation", "match"})

# The hashed fields, in a fixed order. Changing this list or the encoding breaks every existing chain: don't.
CHAINED_FIELDS = (
    "at",
    "actor",
    "role",
    "action",
    "object_type",
    "object_id",
    "request_id",
    "client",
    "model_version",
    "taxonomy_version",
    "input_hash",
    "detail",
)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# statements built once: appends are frequent, and building a statement costs more than running it on SQLite
_INSERT = audit_log.insert()
_HEAD = sa.select(audit_log.c.entry_hash).order_by(audit_log.c.id.desc()).limit(1)
_PG_LOCK = sa.text(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK_KEY})")
_SQLITE_LOCK = sa.text("UPDATE audit_log SET id = id WHERE 0 = 1")


def hash_input(content: str | bytes) -> str:
    """The SHA-256 (hex) of an input such as a CV or a vacancy text: what the audit log keeps instead of it."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def _utc_text(at: datetime) -> str:
    """One spelling of an instant on both databases (SQLite hands back naive UTC, PostgreSQL aware times)."""
    at = at.astimezone(UTC) if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_content(entry: Mapping[str, Any]) -> bytes:
    """The bytes an entry's hash covers: its chained fields and the previous hash, as compact sorted JSON."""
    doc: dict[str, Any] = {name: entry.get(name) for name in CHAINED_FIELDS}
    doc["at"] = _utc_text(entry["at"])
    doc["prev_hash"] = entry["prev_hash"]
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def entry_hash(entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_content(entry)).hexdigest()


def _take_append_lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(_PG_LOCK)  # released at commit/rollback
    elif conn.get_execution_options().get("sqlite_begin") != "BEGIN IMMEDIATE":
        # a write statement takes SQLite's database write lock now (it matches no row, so no trigger fires);
        # the head read below then cannot race another writer. A transaction begun with BEGIN IMMEDIATE
        # (``Store.transaction``) holds that lock from its start already.
        conn.execute(_SQLITE_LOCK)


def _check(values: Mapping[str, Any]) -> None:
    if values["input_hash"] is not None and not _HEX64.match(values["input_hash"]):
        raise ValidationError(
            "audit input_hash must be a SHA-256 in hex (64 characters 0-9a-f)",
            hint="pass krapte.store.audit.hash_input(text), never the text itself",
        )
    if values["action"].split(".")[0] in MODEL_DECISION_ACTIONS:
        missing = [k for k in ("model_version", "taxonomy_version", "input_hash") if not values[k]]
        if missing:
            raise ValidationError(
                f"audit entry for model decision {values['action']!r} lacks {', '.join(missing)}",
                hint="extractions and recommendations record the model and taxonomy version and the input hash",
            )


def append_entry(
    conn: Connection,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: dict[str, Any] | None = None,
    role: str | None = None,
    request_id: str | None = None,
    client: str | None = None,
    model_version: str | None = None,
    taxonomy_version: str | None = None,
    input_hash: str | None = None,
    at: datetime | None = None,
) -> str:
    """Append one entry inside the caller's transaction; return its hash. Commits or rolls back with the caller."""
    values: dict[str, Any] = {
        "at": at or datetime.now(UTC),
        "actor": actor,
        "role": role,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "request_id": request_id,
        "client": client,
        "model_version": model_version,
        "taxonomy_version": taxonomy_version,
        "input_hash": input_hash,
        "detail": json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str),
    }
    _check(values)
    _take_append_lock(conn)
    values["prev_hash"] = conn.execute(_HEAD).scalar() or GENESIS
    values["entry_hash"] = entry_hash(values)
    conn.execute(_INSERT, values)
    return str(values["entry_hash"])


@dataclass(frozen=True)
class AuditProblem:
    """One finding: ``altered`` (content no longer matches its hash) or ``broken_link`` (an entry before it was
    removed, inserted or moved), or ``missing_anchor`` (a head recorded earlier is no longer in the chain)."""

    entry_id: int | None
    kind: str
    message: str


@dataclass
class AuditVerification:
    """The result of :func:`verify_audit_chain`. ``head`` is the last entry's hash: record it elsewhere (an
    operations log, a ticket) and pass it back as ``anchor`` later to also detect removal of the newest entries."""

    entries: int = 0
    head: str | None = None
    problems: list[AuditProblem] = field(default_factory=list)
    stopped_early: bool = False  # ``max_problems`` findings reached: ``entries`` and ``head`` are where it stopped

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": self.head,
            "problems": [{"entry_id": p.entry_id, "kind": p.kind, "message": p.message} for p in self.problems],
            "stopped_early": self.stopped_early,
        }


def verify_audit_chain(store: Store, *, anchor: str | None = None, max_problems: int = 100) -> AuditVerification:
    """Recompute every entry's hash and link, in ``id`` order; report what does not match.

    ``anchor`` is a head hash recorded earlier; it must still be one of the entries. Reads in batches, so the log
    may be large. Ids may have gaps on PostgreSQL (a rolled-back transaction uses up its id): only the hash
    links decide whether an entry is missing.
    """
    result = AuditVerification()
    previous = GENESIS
    anchor_seen = anchor is None
    query = sa.select(audit_log).order_by(audit_log.c.id)
    with store.connect() as conn:
        rows = conn.execution_options(yield_per=2000).execute(query).mappings()
        for row in rows:
            result.entries += 1
            if row["prev_hash"] != previous:
                result.problems.append(
                    AuditProblem(
                        row["id"],
                        "broken_link",
                        f"entry {row['id']} does not follow the entry before it: "
                        "an entry was removed, inserted or moved here",
                    )
                )
            if entry_hash(dict(row)) != row["entry_hash"]:
                result.problems.append(
                    AuditProblem(row["id"], "altered", f"entry {row['id']} was changed after it was written")
                )
            if row["entry_hash"] == anchor:
                anchor_seen = True
            previous = row["entry_hash"]
            if len(result.problems) >= max_problems:
                result.stopped_early = True
                break
    result.head = previous if result.entries else None
    if not anchor_seen and not result.stopped_early:
        result.problems.append(
            AuditProblem(None, "missing_anchor", f"the recorded head {anchor} is no longer in the log")
        )
    return result
