"""Audit log: role, request, client and model-decision columns; a hash chain; UPDATE and DELETE refused.

Existing entries (from release 0.1.0) are chained in ``id`` order when this revision runs, so the chain covers
them from the moment of the upgrade on. The hash format is frozen here on purpose (a copy of
``krapte.store.audit.canonical_content``): a revision must do tomorrow what it did today.

Revision ID: 0500_audit_chain
Revises: 0400_monitor
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0500_audit_chain"
down_revision: str | None = "0400_monitor"
branch_labels: str | None = None
depends_on: str | None = None

GENESIS = "0" * 64
NEW_COLUMNS = [
    ("role", 40),
    ("request_id", 100),
    ("client", 100),
    ("model_version", 100),
    ("taxonomy_version", 100),
    ("input_hash", 64),
    ("prev_hash", 64),  # made NOT NULL once existing entries are chained
    ("entry_hash", 64),
]
CHAINED = (
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

PG_FUNCTION = """
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def _hash(row: dict[str, Any], prev: str) -> str:
    doc = {name: row.get(name) for name in CHAINED}
    at: datetime = row["at"]
    at = at.astimezone(UTC) if at.tzinfo is not None else at.replace(tzinfo=UTC)
    doc["at"] = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    doc["prev_hash"] = prev
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        for name, length in NEW_COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length), nullable=True))

    log = sa.table(
        "audit_log",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime(timezone=True)),
        *(sa.column(name, sa.Text) for name in CHAINED if name != "at"),
        sa.column("prev_hash", sa.String),
        sa.column("entry_hash", sa.String),
    )
    conn = op.get_bind()
    prev = GENESIS
    for row in conn.execute(sa.select(log).order_by(log.c.id)).mappings().all():
        digest = _hash(dict(row), prev)
        conn.execute(log.update().where(log.c.id == row["id"]).values(prev_hash=prev, entry_hash=digest))
        prev = digest

    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("prev_hash", existing_type=sa.String(64), nullable=False)
        batch.alter_column("entry_hash", existing_type=sa.String(64), nullable=False)

    if conn.dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: {verb} refused'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
    with op.batch_alter_table("audit_log") as batch:
        for name, _ in reversed(NEW_COLUMNS):
            batch.drop_column(name)
