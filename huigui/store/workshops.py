"""Workshops: many participants answering privately, one facilitator watching the group.

A workshop has two ways in:

* the **participant code** — six characters from an alphabet without look-alikes
  (no 0/O, 1/I/L), easy to read aloud and type on a phone; joining creates a private
  assessment for the participant, reopened later through its own resume token;
* the **facilitator secret** — 192 random bits in the facilitator link, stored only as a
  SHA-256 hash and compared in constant time. Nothing about individual answers is
  readable without it.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from collections.abc import Mapping, Sequence
from functools import partial

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from huigui.records import (
    CLOSED,
    OPEN,
    AssessmentRecord,
    ConsensusEntry,
    Participant,
    WorkshopRecord,
)
from scoring import Bank
from scoring.assess import Summary
from scoring.errors import NotFoundError, StoreError

from .assessments import (
    AssessmentStore,
    _aware,
    _check_answer,
    _now,
    firm_key,
    firm_name,
    hash_token,
    role_name,
)
from .fields import MAX_NAME, MAX_NOTE, MAX_ROLES, clean_text
from .models import Answer, Assessment, Consensus, Workshop

__all__ = ["CODE_ALPHABET", "WorkshopStore", "normalise_code"]

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def normalise_code(code: str) -> str:
    """A typed participant code, forgiving case, spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _record(row: Workshop) -> WorkshopRecord:
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
        created_at=_aware(row.created_at),
    )


class WorkshopStore(AssessmentStore):
    """Workshops, their participants and consensus, in the same database as assessments."""

    def create_workshop(
        self,
        bank: Bank,
        firm: str,
        languages: Sequence[str],
        roles: Sequence[str],
        targets: Mapping[str, float] | None = None,
    ) -> tuple[WorkshopRecord, str]:
        """Open a workshop; returns it and the facilitator secret (shown once)."""
        name = firm_name(firm)
        roles = list(dict.fromkeys(r for r in (role_name(r) for r in roles) if r))
        if not roles:
            raise StoreError("a workshop needs at least one role")
        if len(roles) > MAX_ROLES:
            raise StoreError(f"a workshop has at most {MAX_ROLES} roles ({len(roles)} given)")
        secret = secrets.token_urlsafe(24)
        now = _now()
        for _ in range(20):  # a clash among 31⁶ ≈ 887 million codes is rare; retry anyway
            row = Workshop(
                id=uuid.uuid4().hex,
                code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
                secret_hash=hash_token(secret),
                firm_name=name,
                bank_id=bank.id,
                bank_version=bank.version,
                languages=list(languages),
                roles=roles,
                targets={k: float(v) for k, v in (targets or {}).items()},
                status=OPEN,
                released=False,
                created_at=now,
                updated_at=now,
            )
            try:
                self._write(partial(Session.add, instance=row))
            except StoreError as exc:
                if isinstance(exc.__cause__, IntegrityError):
                    continue
                raise
            return self.workshop(row.id), secret
        raise StoreError("could not find a free participant code")  # pragma: no cover

    def workshop(self, workshop_id: str) -> WorkshopRecord:
        """A workshop by id (``NotFoundError`` when absent)."""
        with self._session() as s:
            row = s.get(Workshop, workshop_id)
            if row is None:
                raise NotFoundError("no such workshop")
            return _record(row)

    def by_code(self, code: str) -> WorkshopRecord:
        """The workshop a participant code opens."""
        with self._session() as s:
            row = s.scalar(select(Workshop).where(Workshop.code == normalise_code(code)))
            if row is None:
                raise NotFoundError("no workshop has this code")
            return _record(row)

    def facilitate(self, workshop_id: str, secret: str) -> WorkshopRecord:
        """The workshop, if ``secret`` is its facilitator secret (constant-time check).

        Raises:
            NotFoundError: unknown workshop or wrong secret (the same message for both).
        """
        with self._session() as s:
            row = s.get(Workshop, workshop_id) if len(workshop_id) <= 32 else None
            expected = row.secret_hash if row is not None else hash_token("")
            if not hmac.compare_digest(expected, hash_token(secret or "")) or row is None:
                raise NotFoundError("this facilitator link is not valid")
            return _record(row)

    def join(
        self, bank: Bank, code: str, role: str, language: str, name: str | None = None
    ) -> tuple[AssessmentRecord, str]:
        """A participant joins: a private assessment tied to the workshop, and its token."""
        workshop = self.by_code(code)
        if not workshop.is_open:
            raise StoreError("this workshop is closed")
        if role not in workshop.roles:
            raise StoreError(f"unknown role {role!r}")
        if bank.id != workshop.bank_id:
            raise StoreError("this workshop uses another question bank")
        token = secrets.token_urlsafe(16)
        now = _now()
        row = Assessment(
            id=uuid.uuid4().hex,
            token_hash=hash_token(token),
            bank_id=bank.id,
            bank_version=bank.version,
            language=language,
            firm_name=workshop.firm_name,
            firm_key=firm_key(workshop.firm_name),
            role=role,
            workshop_id=workshop.id,
            participant_name=clean_text(name, MAX_NAME, "the name") or None,
            created_at=now,
            updated_at=now,
        )
        self._write(lambda s: s.add(row))
        return self.get(row.id), token

    def submit(
        self,
        assessment_id: str,
        answers: Mapping[str, str] | None = None,
        summary: Summary | None = None,
    ) -> None:
        """Submit a participant's answer set (again: still one set), in one transaction."""

        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            self._check_open(s, row)
            now = _now()
            if answers is not None:
                s.execute(delete(Answer).where(Answer.assessment_id == assessment_id))
                s.add_all(
                    Answer(assessment_id=assessment_id, item_id=item, answer=value, answered_at=now)
                    for item, value in answers.items()
                )
            row.submitted_at = row.completed_at = row.updated_at = now
            if summary is not None:
                row.scores = summary.model_dump()

        self._write(change)

    def participants(self, workshop_id: str) -> list[Participant]:
        """Every participant with their answers (facilitator only: check the secret first)."""
        with self._session() as s:
            rows = s.scalars(
                select(Assessment)
                .where(Assessment.workshop_id == workshop_id)
                .order_by(Assessment.created_at)
            )
            return [
                Participant(
                    r.id,
                    r.role,
                    r.participant_name,
                    _aware(r.created_at),
                    _aware(r.submitted_at) if r.submitted_at else None,
                    {a.item_id: a.answer for a in r.answers},
                )
                for r in rows
            ]

    def set_status(
        self, workshop_id: str, *, status: str | None = None, released: bool | None = None
    ) -> None:
        """Close or reopen, release or withdraw the group result."""
        if status not in (None, OPEN, CLOSED):
            raise StoreError(f"unknown status {status!r}")

        def change(s: Session) -> None:
            row = s.get(Workshop, workshop_id)
            if row is None:
                raise NotFoundError("no such workshop")
            if status is not None:
                row.status = status
            if released is not None:
                row.released = released
            row.updated_at = _now()

        self._write(change)

    def record_consensus(
        self, workshop_id: str, item_id: str, answer: str | None, note: str | None = None
    ) -> None:
        """Record (or clear, with ``None``) the level the group agreed on for an item."""
        _check_answer(answer)
        text = clean_text(note, MAX_NOTE, "the note", multiline=True)

        def change(s: Session) -> None:
            s.execute(
                delete(Consensus).where(
                    Consensus.workshop_id == workshop_id, Consensus.item_id == item_id
                )
            )
            if answer is not None:
                s.add(
                    Consensus(
                        workshop_id=workshop_id,
                        item_id=item_id,
                        answer=answer,
                        note=text or None,
                        decided_at=_now(),
                    )
                )

        self._write(change)

    def consensus(self, workshop_id: str) -> dict[str, ConsensusEntry]:
        """Item id → the agreed answer and note."""
        with self._session() as s:
            rows = s.scalars(select(Consensus).where(Consensus.workshop_id == workshop_id))
            return {r.item_id: ConsensusEntry(r.answer, r.note) for r in rows}
