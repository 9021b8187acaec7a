"""Labour: project pipelines, their projects, imported supply cells (was m0300_labour).

Revision ID: 0300_labour
Revises: 0100_taxonomy
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0300_labour"
down_revision: str | None = "0100_taxonomy"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "labour_pipelines",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("source_file", sa.String(500), nullable=False),
        sa.Column("n_projects", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "labour_projects",
        sa.Column(
            "pipeline", sa.String(100), sa.ForeignKey("labour_pipelines.name", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("project_id", sa.String(200), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("technology", sa.String(60), nullable=False),
        sa.Column("size", sa.Float, nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("location", sa.String(20), nullable=False),
        sa.Column("start_quarter", sa.String(6)),
        sa.Column("end_quarter", sa.String(6)),
        sa.Column("earliest_start", sa.String(6)),
        sa.Column("latest_end", sa.String(6)),
        sa.Column("duration_quarters", sa.Integer),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("profile", sa.Text),
    )
    op.create_table(
        "labour_supply_cells",
        sa.Column("source", sa.String(200), primary_key=True),
        sa.Column("region", sa.String(10), primary_key=True),
        sa.Column("brc_group", sa.String(4), primary_key=True),
        sa.Column("measure", sa.String(40), primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("labour_supply_cells")
    op.drop_table("labour_projects")
    op.drop_table("labour_pipelines")
