"""A workshop's second round, and the participants' answers as the facilitator sees them.

Round 1 is what each participant submitted first; it is never rewritten once round 2
opens. Round 2 asks all items or the ones the facilitator chose again: each participant
sees their own round-1 answer, keeps or changes it and may give a one-line reason. Those
answers go to ``round_answers`` beside round 1, so both rounds are stored, exported and
reported side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scoring.errors import NotFoundError, StoreError

from .assessments import check_answer
from .base import now
from .fields import MAX_REASON, clean_text
from .models import Assessment, Consensus, RoundAnswer, Workshop
from .workshops import WorkshopStore

__all__ = ["RoundStore"]

SECOND = 2
MAX_ITEM_ID = 64


class RoundStore(WorkshopStore):
    """Round 2 of a workshop, on top of the workshop store."""

    def workshop_version(self, workshop_id: str) -> tuple[object, ...]:
        """A cheap fingerprint that changes whenever anything a group view shows changes
        (the workshop, any participant's answers or submission, the consensus): the
        dashboard recomputes its statistics only when it differs."""
        with self._session() as s:
            workshop = s.execute(
                select(Workshop.updated_at).where(Workshop.id == workshop_id)
            ).one_or_none()
            people = s.execute(
                select(func.count(), func.max(Assessment.updated_at)).where(
                    Assessment.workshop_id == workshop_id
                )
            ).one()
            agreed = s.execute(
                select(func.count(), func.max(Consensus.decided_at)).where(
                    Consensus.workshop_id == workshop_id
                )
            ).one()
        return (workshop, *people, *agreed)

    def set_spotlight(self, workshop_id: str, spot: tuple[int, str] | None) -> None:
        """Show one item's answer distribution of one round on the presenter screen (the
        screen applies the small-group rules), or nothing (None)."""
        if spot is not None and (spot[0] not in (1, SECOND) or len(spot[1]) > MAX_ITEM_ID):
            raise StoreError("no such round or item")

        def change(s: Session) -> None:
            row = s.get(Workshop, workshop_id)
            if row is None:
                raise NotFoundError("no such workshop")
            row.spotlight = None if spot is None else f"{spot[0]}:{spot[1]}"
            row.updated_at = now()

        self._write(change)

    def open_round(self, workshop_id: str, items: Sequence[str] | None = None) -> None:
        """Open round 2 for ``items`` (None: every item). Only once, while the workshop is
        open; round 1 stays as submitted."""
        chosen = None if items is None else list(dict.fromkeys(items))
        if chosen is not None and not chosen:
            raise StoreError("choose at least one item for round 2")

        def change(s: Session) -> None:
            row = self._locked_open(s, workshop_id)
            if (row.round or 1) >= SECOND:
                raise StoreError("round 2 is already open")
            row.round, row.round_items, row.updated_at = SECOND, chosen, now()

        self._write(change)

    def save_round_answer(
        self, assessment_id: str, item_id: str, answer: str, reason: str | None = None
    ) -> None:
        """Keep a participant's round-2 answer (and one-line reason) for one item.

        Raises:
            StoreError: round 2 is not open, the item is not in it, or the participant did
                not submit round 1; WorkshopClosedError once the workshop is closed.
        """
        check_answer(answer)
        text = clean_text(reason, MAX_REASON, "the reason") or None

        def change(s: Session) -> None:
            row, _ = self._round_of(s, assessment_id, item_id)
            saved = s.get(RoundAnswer, (assessment_id, item_id, SECOND))
            if saved is None:
                s.add(
                    RoundAnswer(
                        assessment_id=assessment_id,
                        item_id=item_id,
                        round=SECOND,
                        answer=answer,
                        reason=text,
                        answered_at=now(),
                    )
                )
            else:
                saved.answer, saved.reason, saved.answered_at = answer, text, now()
            row.updated_at = now()

        self._write(change)

    def submit_round(self, assessment_id: str) -> None:
        """Submit round 2: every round-2 item without a new answer keeps the round-1 answer
        (stored as the round-2 answer, so "kept" and "changed" are both on record)."""

        def change(s: Session) -> None:
            row = s.get(Assessment, assessment_id, with_for_update=True)
            if row is None or row.workshop_id is None:
                raise NotFoundError("no such participant")
            workshop = self._locked_open(s, row.workshop_id)
            if (workshop.round or 1) < SECOND:
                raise StoreError("round 2 is not open")
            if row.submitted_at is None:
                raise StoreError("submit round 1 first")
            later = {a.item_id for a in row.later_answers}
            asked = workshop.round_items
            for answer in row.answers:
                if answer.item_id not in later and (asked is None or answer.item_id in asked):
                    s.add(
                        RoundAnswer(
                            assessment_id=row.id,
                            item_id=answer.item_id,
                            round=SECOND,
                            answer=answer.answer,
                            reason=None,
                            answered_at=now(),
                        )
                    )
            row.round_submitted_at = row.updated_at = now()

        self._write(change)

    def _round_of(self, s: Session, assessment_id: str, item_id: str) -> tuple[Assessment, int]:
        row = s.get(Assessment, assessment_id)
        if row is None or row.workshop_id is None:
            raise NotFoundError("no such participant")
        workshop = self._locked_open(s, row.workshop_id)
        if (workshop.round or 1) < SECOND:
            raise StoreError("round 2 is not open")
        if workshop.round_items is not None and item_id not in workshop.round_items:
            raise StoreError(f"{item_id} is not asked in round 2")
        if row.submitted_at is None:
            raise StoreError("submit round 1 first")
        return row, SECOND
