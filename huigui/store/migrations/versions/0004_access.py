"""Access: firms held by a link, consultant accounts, minimum group size and participant caps.

Every existing self-assessment becomes its own firm (unless it was a workshop participant's,
which belongs to no firm): assessments that share a firm name are not grouped, because a
typed name never proves who holds what. Such a firm has no firm link yet; the holder of the
assessment's own link can create one from the results page.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "firms",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("token_hash", sa.String(64), unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "consultants",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("firm_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="self"))
        batch.create_foreign_key(
            "fk_assessments_firm", "firms", ["firm_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_assessments_firm", ["firm_id"])
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("min_group", sa.Integer(), nullable=False, server_default="3"))
        batch.add_column(
            sa.Column("max_participants", sa.Integer(), nullable=False, server_default="60")
        )
        batch.add_column(sa.Column("consultant_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("firm_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("timer_ends_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            "fk_workshops_consultant", "consultants", ["consultant_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_foreign_key(
            "fk_workshops_firm", "firms", ["firm_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_workshops_consultant", ["consultant_id"])
    _one_firm_per_assessment()


def _one_firm_per_assessment() -> None:
    bind = op.get_bind()
    assessments = sa.table(
        "assessments",
        sa.column("id"),
        sa.column("firm_name"),
        sa.column("firm_id"),
        sa.column("workshop_id"),
        sa.column("created_at"),
        sa.column("updated_at"),
    )
    firms = sa.table(
        "firms",
        sa.column("id"),
        sa.column("token_hash"),
        sa.column("name"),
        sa.column("created_at"),
        sa.column("updated_at"),
    )
    rows = bind.execute(
        sa.select(
            assessments.c.id,
            assessments.c.firm_name,
            assessments.c.created_at,
            assessments.c.updated_at,
        ).where(assessments.c.workshop_id.is_(None))
    ).all()
    for assessment_id, name, created, updated in rows:
        firm_id = uuid.uuid4().hex
        bind.execute(
            firms.insert().values(
                id=firm_id, token_hash=None, name=name, created_at=created, updated_at=updated
            )
        )
        bind.execute(
            assessments.update().where(assessments.c.id == assessment_id).values(firm_id=firm_id)
        )


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_index("ix_workshops_consultant")
        batch.drop_constraint("fk_workshops_firm", type_="foreignkey")
        batch.drop_constraint("fk_workshops_consultant", type_="foreignkey")
        for column in (
            "timer_ends_at",
            "firm_id",
            "consultant_id",
            "max_participants",
            "min_group",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("assessments") as batch:
        batch.drop_index("ix_assessments_firm")
        batch.drop_constraint("fk_assessments_firm", type_="foreignkey")
        batch.drop_column("origin")
        batch.drop_column("firm_id")
    op.drop_table("consultants")
    op.drop_table("firms")
