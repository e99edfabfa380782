"""Firms: the assessments of one firm, grouped by a firm link, never by a name.

The firm link holds a 128-bit token, shown once and stored hashed, like a resume link.
Whoever holds it sees the firm's assessments, history and trend, may start the next
assessment in the firm, rename the firm, delete an assessment or the whole history. Two
firms with the same name never see each other: nothing is ever looked up by name.

A firm made by the upgrade (one per older assessment) has no link until the holder of that
assessment's own link makes one; once a firm has a link, only its holder can replace it.
"""

from __future__ import annotations

import statistics
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from huigui.records import AssessmentRecord, Benchmark, FirmRecord, Previous
from scoring.assess import Summary
from scoring.errors import NotFoundError, StoreError

from .assessments import AssessmentStore, firm_key, firm_name, record_of
from .base import MAX_TOKEN, aware, hash_token, new_token, now, same_hash
from .models import Assessment, Firm

__all__ = ["FirmStore"]

#: Assessments that belong to a firm's history: its own and workshop results saved into it.
FIRM_ORIGINS = ("self", "workshop")


def _firm(row: Firm) -> FirmRecord:
    return FirmRecord(
        id=row.id,
        name=row.name,
        created_at=aware(row.created_at),
        has_link=row.token_hash is not None,
    )


class FirmStore(AssessmentStore):
    """Firms and their histories."""

    def issue_firm_link(self, assessment_token: str) -> str:
        """A firm link for the assessment's firm, when the firm has none yet.

        Raises:
            StoreError: the firm already has a link (only its holder can replace it).
        """
        record = self.open(assessment_token)
        if record.firm_id is None:
            raise StoreError("a workshop participant's answers belong to no firm")
        return self._set_link(record.firm_id, require_none=True)

    def replace_firm_link(self, firm: FirmRecord) -> str:
        """A new firm link; the old one stops working at once."""
        return self._set_link(firm.id, require_none=False)

    def _set_link(self, firm_id: str, *, require_none: bool) -> str:
        token = new_token()

        def change(s: Session) -> None:
            row = s.get(Firm, firm_id)
            if row is None:
                raise NotFoundError("no such firm")
            if require_none and row.token_hash is not None:
                raise StoreError("this firm already has a firm link; open it to see the history")
            row.token_hash, row.updated_at = hash_token(token), now()

        self._write(change)
        return token

    def open_firm(self, token: str) -> FirmRecord:
        """The firm behind a firm link.

        Raises:
            NotFoundError: no such link.
        """
        if not token or len(token) > MAX_TOKEN:
            raise NotFoundError("this firm link is not valid")
        with self._session() as s:
            row = s.scalar(select(Firm).where(Firm.token_hash == hash_token(token)))
            if row is None or not same_hash(row.token_hash, token):
                raise NotFoundError("this firm link is not valid")
            return _firm(row)

    def firm_of(self, record: AssessmentRecord) -> FirmRecord | None:
        """The firm an opened assessment belongs to (its name, whether it has a link)."""
        if record.firm_id is None:
            return None
        with self._session() as s:
            row = s.get(Firm, record.firm_id)
            return _firm(row) if row is not None else None

    def firm_assessments(self, firm: FirmRecord) -> list[AssessmentRecord]:
        """Every assessment of the firm, oldest first (finished or not)."""
        with self._session() as s:
            rows = s.scalars(
                select(Assessment)
                .where(Assessment.firm_id == firm.id, Assessment.origin.in_(FIRM_ORIGINS))
                .order_by(Assessment.created_at)
            )
            return [record_of(r) for r in rows]

    def in_firm(self, firm: FirmRecord, assessment_id: str) -> AssessmentRecord:
        """One of the firm's assessments (``NotFoundError`` for anything else)."""
        record = self.get(assessment_id)
        if record.firm_id != firm.id:
            raise NotFoundError("no such assessment in this firm")
        return record

    def history(self, firm: FirmRecord, bank_id: str | None = None) -> list[AssessmentRecord]:
        """The firm's completed assessments (of one bank, when given), oldest first."""
        done = [r for r in self.firm_assessments(firm) if r.completed_at and r.summary]
        done.sort(key=lambda r: r.completed_at or r.created_at)
        return [r for r in done if bank_id is None or r.bank_id == bank_id]

    def previous(self, record: AssessmentRecord, firm: FirmRecord | None) -> Previous | None:
        """The firm's latest completed assessment before this one — only for whoever holds
        the firm (``firm``); an assessment link alone shows no other assessment."""
        if firm is None or record.firm_id != firm.id:
            return None
        earlier = [
            h
            for h in self.history(firm)  # any bank version or pulse: dimensions compare
            if h.id != record.id
            and (
                record.completed_at is None
                or (h.completed_at or record.completed_at) <= record.completed_at
            )
        ]
        last = earlier[-1] if earlier else None
        if last is None or last.completed_at is None or last.summary is None:
            return None
        return Previous(last.completed_at, dict(last.summary.dimensions), last.bank_digest)

    def rename_firm(self, firm: FirmRecord, name: str) -> None:
        """Rename the firm (and the name its assessments carry)."""
        clean = firm_name(name)

        def change(s: Session) -> None:
            s.execute(update(Firm).where(Firm.id == firm.id).values(name=clean, updated_at=now()))
            s.execute(
                update(Assessment)
                .where(Assessment.firm_id == firm.id)
                .values(firm_name=clean, firm_key=firm_key(clean))
            )

        self._write(change)

    def delete_firm(self, firm: FirmRecord) -> None:
        """Delete the firm and every assessment and answer in it, from the database."""

        def change(s: Session) -> None:
            for row in s.scalars(select(Assessment).where(Assessment.firm_id == firm.id)):
                s.delete(row)
            s.execute(delete(Firm).where(Firm.id == firm.id))

        self._write(change)

    def benchmark(self, record: AssessmentRecord, min_firms: int) -> Benchmark | None:
        """Median dimension scores of other firms of the record's industry — each firm once,
        its latest completed assessment, never workshop participants' answers — when at
        least ``min_firms`` firms took part."""
        latest = self._latest_per_firm(record)
        if len(latest) < min_firms or not latest:
            return None
        dims = sorted({d for summary in latest for d in summary.dimensions})
        medians = {d: _median([x.dimensions.get(d) for x in latest]) for d in dims}
        return Benchmark(medians, len(latest))

    def peer_firms(self, record: AssessmentRecord) -> int:
        """How many other firms of the industry a benchmark would draw on."""
        return len(self._latest_per_firm(record))

    def _latest_per_firm(self, record: AssessmentRecord) -> list[Summary]:
        if not record.profile.industry:
            return []
        with self._session() as s:
            rows = s.execute(
                select(Assessment.firm_id, Assessment.scores, Assessment.completed_at).where(
                    Assessment.bank_id == record.bank_id,
                    Assessment.industry == record.profile.industry,
                    Assessment.origin.in_(FIRM_ORIGINS),
                    Assessment.firm_id.is_not(None),
                    Assessment.firm_id != (record.firm_id or ""),
                    Assessment.completed_at.is_not(None),
                )
            ).all()
        latest: dict[str, tuple[datetime, Summary]] = {}
        for firm_id, scores, done in rows:
            if scores and (firm_id not in latest or aware(done) > latest[firm_id][0]):
                latest[firm_id] = (aware(done), Summary.model_validate(scores))
        return [summary for _, summary in latest.values()]

    def firm_count(self) -> int:
        """How many firms the database holds (for the operator's tools)."""
        with self._session() as s:
            return int(s.scalar(select(func.count()).select_from(Firm)) or 0)


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(statistics.median(present)) if present else None
