"""Workshops: participants (assessments of a workshop) and the recorded consensus.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("firm_name", sa.Text(), nullable=False),
        sa.Column("bank_id", sa.String(64), nullable=False),
        sa.Column("bank_version", sa.String(32), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON()),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("workshop_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("participant_name", sa.Text(), nullable=True))
        batch.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            "fk_assessments_workshop", "workshops", ["workshop_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_assessments_workshop", ["workshop_id"])
    op.create_table(
        "consensus",
        sa.Column(
            "workshop_id",
            sa.String(32),
            sa.ForeignKey("workshops.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("answer", sa.String(8), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("consensus")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_index("ix_assessments_workshop")
        batch.drop_constraint("fk_assessments_workshop", type_="foreignkey")
        batch.drop_column("submitted_at")
        batch.drop_column("participant_name")
        batch.drop_column("workshop_id")
    op.drop_table("workshops")
