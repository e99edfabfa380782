"""Retention: delete what is older than a number of days, from the database itself.

``HUIGUI_RETENTION_DAYS`` (checked when the app starts) or ``huigui retention --days N``
deletes self-assessments, workshop results saved into a firm, and whole workshops (their
participants' answers and consensus with them) whose last change is older than N days, and
then every firm left without an assessment. Rows are deleted, not hidden; on SQLite the
pages they occupied are overwritten (``secure_delete``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from scoring.errors import StoreError

from .base import StoreBase, now
from .models import Assessment, Firm, Workshop

__all__ = ["Purged", "RetentionStore"]


@dataclass(frozen=True)
class Purged:
    """How much one retention run deleted."""

    assessments: int
    workshops: int
    firms: int


class RetentionStore(StoreBase):
    """Deleting old data."""

    def purge(self, days: int) -> Purged:
        """Delete everything older than ``days`` days (see the module docstring)."""
        if days < 1:
            raise StoreError("retention needs at least 1 day")
        cutoff = now() - timedelta(days=days)
        counts: list[int] = []

        def change(s: Session) -> None:
            old = s.scalars(select(Workshop).where(Workshop.updated_at < cutoff)).all()
            for workshop in old:  # participants and consensus go with it (cascade)
                s.execute(delete(Assessment).where(Assessment.workshop_id == workshop.id))
                s.delete(workshop)
            gone = s.scalars(
                select(Assessment).where(
                    Assessment.workshop_id.is_(None), Assessment.updated_at < cutoff
                )
            ).all()
            for row in gone:
                s.delete(row)
            s.flush()
            empty = s.scalars(
                select(Firm).where(~exists().where(Assessment.firm_id == Firm.id))
            ).all()
            for firm in empty:
                s.delete(firm)
            counts.extend((len(gone), len(old), len(empty)))

        self._write(change)
        return Purged(*counts)
