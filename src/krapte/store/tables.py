"""Table definitions shared by migrations and repositories.

Each domain appends its own tables in its own section; migrations create them by name, so the schema history
lives in ``krapte/store/migrations`` and the current shape here.
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
    sa.Index("ix_audit_object", "object_type", "object_id"),
)
