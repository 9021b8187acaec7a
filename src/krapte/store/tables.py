"""Table definitions shared by migrations and repositories.

Each repository module adds its own tables to this ``metadata``. The schema history (Alembic revisions in
``krapte/store/migrations/versions``) creates them with explicit operations; a test checks that the history and
these definitions describe the same schema.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# --- core ------------------------------------------------------------
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(100), nullable=False),
    sa.Column("object_type", sa.String(100), nullable=False),
    sa.Column("object_id", sa.String(300), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    # revision 0500_audit_chain: the principal's role, where the request came from, and for model decisions the
    # versions and the input's SHA-256; every entry is chained to the one before by ``prev_hash``
    sa.Column("role", sa.String(40)),
    sa.Column("request_id", sa.String(100)),
    sa.Column("client", sa.String(100)),
    sa.Column("model_version", sa.String(100)),
    sa.Column("taxonomy_version", sa.String(100)),
    sa.Column("input_hash", sa.String(64)),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("entry_hash", sa.String(64), nullable=False),
    sa.Index("ix_audit_object", "object_type", "object_id"),
)
