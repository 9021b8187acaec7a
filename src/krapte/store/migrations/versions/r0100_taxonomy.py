"""Taxonomy: ESCO versions side by side as compressed snapshots, plus a concept table (was m0100_taxonomy).

Revision ID: 0100_taxonomy
Revises: 0001_core
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0100_taxonomy"
down_revision: str | None = "0001_core"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "taxonomy_versions",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("languages", sa.String(200), nullable=False),
        sa.Column("occupations", sa.Integer, nullable=False),
        sa.Column("skills", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("origin", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "taxonomy_concepts",
        sa.Column(
            "version_id",
            sa.String(100),
            sa.ForeignKey("taxonomy_versions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("uri", sa.String(300), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("label_nl", sa.Text, nullable=False),
        sa.Column("label_en", sa.Text, nullable=False),
        sa.Column("isco_code", sa.String(10), nullable=False),
    )
    op.create_index("ix_taxonomy_concepts_kind", "taxonomy_concepts", ["version_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_taxonomy_concepts_kind", table_name="taxonomy_concepts")
    op.drop_table("taxonomy_concepts")
    op.drop_table("taxonomy_versions")
