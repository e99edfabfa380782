"""Workshops: many participants answering privately, one facilitator watching the group.

A workshop has two ways in:

* the **participant code** — six characters from an alphabet without look-alikes
  (no 0/O, 1/I/L), easy to read aloud and type on a phone; joining creates a private
  assessment for the participant (in no firm, so in nobody's history), reopened later
  through its own resume token. A workshop takes at most ``max_participants``;
* the **facilitator secret** — 192 random bits in the facilitator link, stored only as a
  SHA-256 hash and compared in constant time. Nothing about individual answers is
  readable without it; a consultant who owns the workshop can replace it.

Closing is atomic: the close and every answer or submission take the workshop row's lock,
so after ``set_status(closed)`` returns no answer lands, and one in flight either landed
before or is refused with "this workshop is closed".
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import partial

from sqlalchemy import delete, func, select
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
from scoring.errors import (
    NotFoundError,
    RoundClosedError,
    StoreError,
    WorkshopClosedError,
    WorkshopFullError,
)

from .assessments import check_answer, firm_key, firm_name, role_name
from .base import MAX_TOKEN, hash_token, new_token, now, same_hash
from .fields import MAX_NAME, MAX_NOTE, MAX_ROLES, clean_text
from .firms import FirmStore
from .models import Answer, Assessment, Consensus, Firm, Workshop
from .workshop_rows import (
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_PARTICIPANTS,
    MIN_GROUP,
    WorkshopOptions,
    add_with_bank,
    check_options,
    normalise_code,
    participant_of,
    replace_answers,
    workshop_record,
)

__all__ = [
    "CODE_ALPHABET",
    "MAX_PARTICIPANTS",
    "MIN_GROUP",
    "WorkshopOptions",
    "WorkshopStore",
    "normalise_code",
]


class WorkshopStore(FirmStore):
    """Workshops, their participants and consensus, in the same database as assessments."""

    def create_workshop(
        self,
        bank: Bank,
        firm: str,
        languages: Sequence[str],
        roles: Sequence[str],
        targets: Mapping[str, float] | None = None,
        options: WorkshopOptions | None = None,
    ) -> tuple[WorkshopRecord, str]:
        """Open a workshop; returns it and the facilitator secret (shown once)."""
        opts = options or WorkshopOptions(targets=targets)
        check_options(opts)
        name = firm_name(firm)
        clean = list(dict.fromkeys(r for r in (role_name(r) for r in roles) if r))
        if not clean:
            raise StoreError("a workshop needs at least one role")
        if len(clean) > MAX_ROLES:
            raise StoreError(f"a workshop has at most {MAX_ROLES} roles ({len(clean)} given)")
        secret, moment = new_token(24), now()
        for _ in range(20):  # a clash among 31⁶ ≈ 887 million codes is rare; retry anyway
            row = Workshop(
                id=uuid.uuid4().hex,
                code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
                secret_hash=hash_token(secret),
                firm_name=name,
                bank_id=bank.id,
                bank_version=bank.version,
                bank_digest=bank.digest,
                languages=list(languages),
                roles=clean,
                targets={k: float(v) for k, v in (opts.targets or targets or {}).items()},
                status=OPEN,
                released=False,
                created_at=moment,
                updated_at=moment,
                min_group=opts.min_group,
                max_participants=opts.max_participants,
                consultant_id=opts.consultant_id,
            )
            try:
                self._write(partial(add_with_bank, bank=bank, row=row))
            except StoreError as exc:
                if isinstance(exc.__cause__, IntegrityError):
                    continue
                raise
            return self.workshop(row.id), secret
        raise StoreError("could not find a free participant code")  # pragma: no cover

    def workshop(self, workshop_id: str) -> WorkshopRecord:
        """A workshop by id (``NotFoundError`` when absent)."""
        with self._session() as s:
            return workshop_record(self._workshop_row(s, workshop_id))

    def by_code(self, code: str) -> WorkshopRecord:
        """The workshop a participant code opens."""
        with self._session() as s:
            row = s.scalar(select(Workshop).where(Workshop.code == normalise_code(code)))
            if row is None:
                raise NotFoundError("no workshop has this code")
            return workshop_record(row)

    def facilitate(self, workshop_id: str, secret: str) -> WorkshopRecord:
        """The workshop, if ``secret`` is its facilitator secret (constant-time check).

        Raises:
            NotFoundError: unknown workshop or wrong secret (the same message for both).
        """
        with self._session() as s:
            row = s.get(Workshop, workshop_id) if len(workshop_id) <= 32 else None
            ok = len(secret or "") <= MAX_TOKEN and same_hash(
                row.secret_hash if row is not None else hash_token(""), secret or ""
            )
            if row is None or not ok:
                raise NotFoundError("this facilitator link is not valid")
            return workshop_record(row)

    def replace_secret(self, workshop_id: str, consultant_id: str) -> str:
        """A new facilitator secret for a consultant's own workshop; the old link stops
        working at once.

        Raises:
            NotFoundError: no such workshop among the consultant's.
        """
        secret = new_token(24)

        def change(s: Session) -> None:
            row = s.get(Workshop, workshop_id)
            if row is None or row.consultant_id != consultant_id:
                raise NotFoundError("no such workshop among yours")
            row.secret_hash, row.updated_at = hash_token(secret), now()

        self._write(change)
        return secret

    def consultant_workshops(self, consultant_id: str) -> list[WorkshopRecord]:
        """A consultant's own workshops, newest first."""
        with self._session() as s:
            rows = s.scalars(
                select(Workshop)
                .where(Workshop.consultant_id == consultant_id)
                .order_by(Workshop.created_at.desc())
            )
            return [workshop_record(r) for r in rows]

    def join(
        self, bank: Bank, code: str, role: str, language: str, name: str | None = None
    ) -> tuple[AssessmentRecord, str]:
        """A participant joins: a private assessment tied to the workshop, and its token.

        Raises:
            StoreError: the workshop is closed or full, or the role is not one of its roles.
        """
        workshop = self.by_code(code)
        if role not in workshop.roles:
            raise StoreError(f"unknown role {role!r}")
        if bank.digest != workshop.bank_digest:
            raise StoreError("this workshop uses another question bank version")
        token, moment = new_token(), now()
        row = Assessment(
            id=uuid.uuid4().hex,
            token_hash=hash_token(token),
            bank_id=bank.id,
            bank_version=bank.version,
            bank_digest=bank.digest,
            language=language,
            firm_name=workshop.firm_name,
            firm_key=firm_key(workshop.firm_name),
            role=role,
            workshop_id=workshop.id,
            participant_name=clean_text(name, MAX_NAME, "the name") or None,
            created_at=moment,
            updated_at=moment,
            origin="participant",
        )

        def add(s: Session) -> None:
            locked = self._locked_open(s, workshop.id)
            if (locked.round or 1) > 1:
                raise RoundClosedError
            joined = (
                s.scalar(
                    select(func.count())
                    .select_from(Assessment)
                    .where(Assessment.workshop_id == workshop.id)
                )
                or 0
            )
            if joined >= locked.max_participants:
                raise WorkshopFullError(locked.max_participants)
            s.add(row)

        self._write(add)
        return self.get(row.id), token

    def submit(
        self,
        assessment_id: str,
        answers: Mapping[str, str] | None = None,
        summary: Summary | None = None,
    ) -> None:
        """Submit a participant's answer set (again: still one set), in one transaction."""

        def change(s: Session) -> None:
            row = s.get(Assessment, assessment_id, with_for_update=True)
            if row is None:
                raise NotFoundError("no such assessment")
            if (
                row.workshop_id is not None
                and (self._locked_open(s, row.workshop_id).round or 1) > 1
            ):
                raise RoundClosedError
            moment = now()
            if answers is not None:
                replace_answers(s, row, answers, moment)
            row.submitted_at = row.completed_at = row.updated_at = moment
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
            return [participant_of(r) for r in rows]

    def counts(self, workshop_id: str) -> dict[str, tuple[int, int]]:
        """Joined and submitted per role (what may be projected: no answers)."""
        with self._session() as s:
            rows = s.execute(
                select(Assessment.role, func.count(), func.count(Assessment.submitted_at))
                .where(Assessment.workshop_id == workshop_id)
                .group_by(Assessment.role)
            ).all()
        return {role or "": (int(joined), int(submitted)) for role, joined, submitted in rows}

    def set_status(
        self, workshop_id: str, *, status: str | None = None, released: bool | None = None
    ) -> None:
        """Close or reopen, release or withdraw the group result."""
        if status not in (None, OPEN, CLOSED):
            raise StoreError(f"unknown status {status!r}")

        def change(s: Session) -> None:
            row = self._workshop_row(s, workshop_id, lock=True)
            if status is not None:
                row.status = status
            if released is not None:
                row.released = released
            row.updated_at = now()

        self._write(change)

    def set_timer(self, workshop_id: str, ends_at: datetime | None) -> None:
        """Start (or stop, with None) the countdown the presenter view shows."""

        def change(s: Session) -> None:
            row = self._workshop_row(s, workshop_id)
            row.timer_ends_at, row.updated_at = ends_at, now()

        self._write(change)

    def set_min_group(self, workshop_id: str, k: int) -> None:
        """Change the minimum group size ``k``."""
        check_options(WorkshopOptions(min_group=k))

        def change(s: Session) -> None:
            row = self._workshop_row(s, workshop_id)
            row.min_group, row.updated_at = k, now()

        self._write(change)

    def record_consensus(
        self, workshop_id: str, item_id: str, answer: str | None, note: str | None = None
    ) -> None:
        """Record (or clear, with ``None``) the level the group agreed on for an item."""
        check_answer(answer)
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
                        decided_at=now(),
                    )
                )

        self._write(change)

    def consensus(self, workshop_id: str) -> dict[str, ConsensusEntry]:
        """Item id → the agreed answer and note."""
        with self._session() as s:
            rows = s.scalars(select(Consensus).where(Consensus.workshop_id == workshop_id))
            return {r.item_id: ConsensusEntry(r.answer, r.note) for r in rows}

    def save_to_firm(
        self,
        workshop: WorkshopRecord,
        bank: Bank,
        answers: Mapping[str, str],
        summary: Summary,
        firm_token: str | None,
    ) -> tuple[AssessmentRecord, str | None]:
        """Save the workshop's result (consensus, else median levels; with the group mean in
        ``summary``) as one assessment in a firm's history — the firm whose link is given,
        or a new firm whose link is returned (shown once)."""
        target = self.open_firm(firm_token) if firm_token else None
        token, moment, new_link = new_token(), now(), None if target else new_token()
        firm_id = target.id if target else uuid.uuid4().hex
        row = Assessment(
            id=uuid.uuid4().hex,
            token_hash=hash_token(token),
            bank_id=bank.id,
            bank_version=bank.version,
            bank_digest=bank.digest,
            language=workshop.languages[0] if workshop.languages else "en",
            firm_name=target.name if target else workshop.firm_name,
            firm_key=firm_key(workshop.firm_name),
            created_at=moment,
            updated_at=moment,
            completed_at=moment,
            scores=summary.model_dump(),
            targets=dict(workshop.targets),
            firm_id=firm_id,
            origin="workshop",
        )

        def add(s: Session) -> None:
            if target is None:
                s.add(
                    Firm(
                        id=firm_id,
                        token_hash=hash_token(new_link or ""),
                        name=workshop.firm_name,
                        created_at=moment,
                        updated_at=moment,
                    )
                )
                s.flush()
            s.add(row)
            s.add_all(
                Answer(assessment_id=row.id, item_id=i, answer=a, answered_at=moment)
                for i, a in answers.items()
            )
            self._workshop_row(s, workshop.id).firm_id = firm_id

        self._write(add)
        return self.get(row.id), new_link

    def _locked_open(self, s: Session, workshop_id: str) -> Workshop:
        """The workshop row under a shared lock, refused when closed."""
        row = s.get(Workshop, workshop_id, with_for_update={"read": True})
        if row is None:
            raise NotFoundError("no such workshop")
        if row.status != OPEN:
            raise WorkshopClosedError
        return row

    @staticmethod
    def _workshop_row(s: Session, workshop_id: str, *, lock: bool = False) -> Workshop:
        row = (
            s.get(Workshop, workshop_id, with_for_update=lock or None)
            if len(workshop_id) <= 32
            else None
        )
        if row is None:
            raise NotFoundError("no such workshop")
        return row
