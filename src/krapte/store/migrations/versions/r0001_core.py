"""Core: the audit log of decisions and edits (release 0.1.0 schema, was migration m0001_core).

Revision ID: 0001_core
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0001_core"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("object_type", sa.String(100), nullable=False),
        sa.Column("object_id", sa.String(300), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_object", "audit_log", ["object_type", "object_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_object", table_name="audit_log")
    op.drop_table("audit_log")
