"""Monitor: measures registry with change history, indicator definitions and observations (was m0400_monitor).

Revision ID: 0400_monitor
Revises: 0300_labour
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0400_monitor"
down_revision: str | None = "0300_labour"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "monitor_measures",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("title_nl", sa.String(300), nullable=False),
        sa.Column("pillars", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "monitor_measure_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("measure_id", sa.String(40), sa.ForeignKey("monitor_measures.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.UniqueConstraint("measure_id", "version", name="uq_monitor_history_version"),
    )
    op.create_table(
        "monitor_indicators",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name_nl", sa.String(500), nullable=False),
        sa.Column("name_en", sa.String(500), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("definition", sa.Text, nullable=False),
        sa.Column("licence", sa.String(200), nullable=False),
        sa.Column("frequency", sa.String(20), nullable=False),
    )
    op.create_table(
        "monitor_observations",
        sa.Column("indicator_id", sa.String(200), sa.ForeignKey("monitor_indicators.id"), primary_key=True),
        sa.Column("region", sa.String(20), primary_key=True),
        sa.Column("period", sa.String(10), primary_key=True),
        sa.Column("region_kind", sa.String(30), nullable=False),
        sa.Column("period_kind", sa.String(10), nullable=False),
        sa.Column("position", sa.Float, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("vintage", sa.String(40), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
    )
    op.create_index("ix_monitor_obs_region", "monitor_observations", ["region"])


def downgrade() -> None:
    op.drop_index("ix_monitor_obs_region", table_name="monitor_observations")
    op.drop_table("monitor_observations")
    op.drop_table("monitor_indicators")
    op.drop_table("monitor_measure_history")
    op.drop_table("monitor_measures")
