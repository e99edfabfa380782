"""A workshop's rows as records: the code alphabet, the set-up options, and the
conversions the workshop store hands out (workshops, participants)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from huigui.records import Evidence, Participant, WorkshopRecord
from scoring import Bank
from scoring.errors import StoreError

from .assessments import check_answer
from .banks import keep_bank
from .base import aware
from .models import Answer, Assessment, Workshop

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "MAX_PARTICIPANTS",
    "MIN_GROUP",
    "WorkshopOptions",
    "add_with_bank",
    "check_options",
    "normalise_code",
    "participant_of",
    "replace_answers",
    "workshop_record",
]

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: The smallest group any figure may show, unless the facilitator deliberately lowers it.
MIN_GROUP = 3
MAX_PARTICIPANTS = 500


@dataclass(frozen=True)
class WorkshopOptions:
    """How a workshop is set up."""

    min_group: int = MIN_GROUP
    max_participants: int = 60
    consultant_id: str | None = None
    targets: Mapping[str, float] | None = None


def normalise_code(code: str) -> str:
    """A typed participant code, forgiving case, spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())[:20]


def workshop_record(row: Workshop) -> WorkshopRecord:
    return WorkshopRecord(
        id=row.id,
        code=row.code,
        firm_name=row.firm_name,
        bank_id=row.bank_id,
        bank_version=row.bank_version,
        languages=list(row.languages),
        roles=list(row.roles),
        targets=dict(row.targets or {}),
        status=row.status,
        released=row.released,
        created_at=aware(row.created_at),
        min_group=row.min_group,
        max_participants=row.max_participants,
        consultant_id=row.consultant_id,
        firm_id=row.firm_id,
        timer_ends_at=aware(row.timer_ends_at) if row.timer_ends_at else None,
        bank_digest=row.bank_digest,
        round=row.round or 1,
        round_items=list(row.round_items) if row.round_items is not None else None,
        spotlight=_spotlight(row.spotlight),
    )


def _spotlight(value: str | None) -> tuple[int, str] | None:
    if not value or ":" not in value:
        return None
    round_, item = value.split(":", 1)
    return (int(round_), item) if round_.isdigit() else None


def participant_of(row: Assessment) -> Participant:
    """A participant's answers, evidence and round-2 answers as the statistics read them."""
    return Participant(
        row.id,
        row.role,
        row.participant_name,
        aware(row.created_at),
        aware(row.submitted_at) if row.submitted_at else None,
        {a.item_id: a.answer for a in row.answers},
        {a.item_id: Evidence(a.note, a.confidence) for a in row.answers if a.note or a.confidence},
        {a.item_id: a.answer for a in row.later_answers},
        {a.item_id: a.reason for a in row.later_answers if a.reason},
        aware(row.round_submitted_at) if row.round_submitted_at else None,
    )


def replace_answers(
    s: Session, row: Assessment, answers: Mapping[str, str], moment: datetime
) -> None:
    """Make the saved answers exactly ``answers``, keeping each kept answer's evidence."""
    for answer in answers.values():
        check_answer(answer)
    saved = {a.item_id: a for a in row.answers}
    for item_id, old in saved.items():
        if item_id not in answers:
            s.delete(old)
    for item_id, value in answers.items():
        if item_id not in saved:
            s.add(Answer(assessment_id=row.id, item_id=item_id, answer=value, answered_at=moment))
        elif saved[item_id].answer != value:
            saved[item_id].answer, saved[item_id].answered_at = value, moment


def add_with_bank(s: Session, bank: Bank, row: Workshop) -> None:
    keep_bank(s, bank, "server")
    s.add(row)


def check_options(options: WorkshopOptions) -> None:
    if not 1 <= options.min_group <= 50:
        raise StoreError("the minimum group size must be between 1 and 50")
    if not 1 <= options.max_participants <= MAX_PARTICIPANTS:
        raise StoreError(f"a workshop takes 1 to {MAX_PARTICIPANTS} participants")
