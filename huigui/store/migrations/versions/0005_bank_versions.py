"""Every bank version kept: a ``banks`` table, and each assessment and workshop pointing
at the exact version it was answered on.

Rows written before this revision name only a bank id and version. Each is pointed at the
bundled bank with that id and version (the current ones and those kept in
``questions/archive``), whose content is stored; rows of any other bank are pointed at it
when the server first starts with that bank configured (``Store.adopt``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from scoring.library import bundled_banks

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "banks",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("bank_id", sa.String(64), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for table in ("assessments", "workshops"):
        op.add_column(table, sa.Column("bank_digest", sa.String(64), nullable=True))
        op.create_index(f"ix_{table}_bank_digest", table, ["bank_digest"])
    conn = op.get_bind()
    used = {
        tuple(row)
        for table in ("assessments", "workshops")
        for row in conn.execute(sa.text(f"SELECT DISTINCT bank_id, bank_version FROM {table}"))  # noqa: S608
    }
    kept: set[str] = set()
    for bank in bundled_banks():
        if (bank.id, bank.version) not in used or bank.digest in kept:
            continue
        kept.add(bank.digest)
        conn.execute(
            sa.text(
                "INSERT INTO banks (digest, bank_id, version, content, origin, created_at) "
                "VALUES (:d, :i, :v, :c, 'bundled', :t)"
            ),
            {
                "d": bank.digest,
                "i": bank.id,
                "v": bank.version,
                "c": bank.content,
                "t": datetime.now(UTC),
            },
        )
        for table in ("assessments", "workshops"):
            conn.execute(
                sa.text(
                    f"UPDATE {table} SET bank_digest = :d "  # noqa: S608
                    "WHERE bank_id = :i AND bank_version = :v AND bank_digest IS NULL"
                ),
                {"d": bank.digest, "i": bank.id, "v": bank.version},
            )


def downgrade() -> None:
    for table in ("workshops", "assessments"):
        op.drop_index(f"ix_{table}_bank_digest", table)
        op.drop_column(table, "bank_digest")
    op.drop_table("banks")
