"""A second round that keeps the first, and evidence behind answers.

Round 1 answers stay where they are; a later round's answers go to ``round_answers``. Each
answer may carry an evidence note and a confidence. Only columns are added and a table
created: nothing existing is rewritten.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("answers", sa.Column("note", sa.Text(), nullable=True))
    op.add_column("answers", sa.Column("confidence", sa.String(8), nullable=True))
    op.add_column(
        "assessments", sa.Column("round_submitted_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column("workshops", sa.Column("round", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("workshops", sa.Column("round_items", sa.JSON(), nullable=True))
    op.add_column("workshops", sa.Column("spotlight", sa.String(80), nullable=True))
    op.create_table(
        "round_answers",
        sa.Column(
            "assessment_id",
            sa.String(32),
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("round", sa.Integer(), primary_key=True),
        sa.Column("answer", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("round_answers")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("spotlight")
        batch.drop_column("round_items")
        batch.drop_column("round")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("round_submitted_at")
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("confidence")
        batch.drop_column("note")
