"""Saving and reopening assessments.

An assessment is reopened only through its resume token: 128 random bits handed to the
respondent once (in the resume link) and stored as a SHA-256 hash, never in clear — or,
for whoever holds the firm link, through its firm (:mod:`huigui.store.firms`). Answers are
kept exactly as given (level number, ``na`` or ``dk``) with the bank id and version they
were given against.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from huigui.records import AssessmentRecord, Evidence, Profile
from scoring import Bank
from scoring.answers import from_stored
from scoring.assess import Summary
from scoring.errors import (
    LinkExpiredError,
    NotFoundError,
    RoundClosedError,
    StoreError,
    WorkshopClosedError,
)
from scoring.evidence import check_confidence

from .banks import BankStore, keep_bank
from .base import MAX_TOKEN, aware, hash_token, new_token, now, same_hash
from .fields import MAX_EVIDENCE, MAX_FIRM, MAX_ROLE, clean_text
from .models import Answer, Assessment, Firm, Workshop

__all__ = ["AssessmentStore", "firm_key", "firm_name", "record_of", "role_name"]


def firm_name(raw: str) -> str:
    """A firm name as stored (see :mod:`huigui.store.fields`); one is required."""
    name = clean_text(raw, MAX_FIRM, "the firm name")
    if not name:
        raise StoreError("a firm name is required")
    return name


def role_name(raw: str | None) -> str | None:
    """A respondent's role as stored, or None."""
    return clean_text(raw, MAX_ROLE, "a role") or None


def check_answer(answer: str | None) -> None:
    """Refuse anything the answer vocabulary would not store."""
    if answer is None:
        return
    try:
        from_stored(answer)
    except ValueError:
        raise StoreError(f"{answer!r} is not an answer") from None


def firm_key(name: str) -> str:
    """Firm names compared loosely (kept for the old column; nothing is grouped by it)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(folded.split())[:255]


def record_of(row: Assessment) -> AssessmentRecord:
    """The typed record of a row."""
    return AssessmentRecord(
        id=row.id,
        bank_id=row.bank_id,
        bank_version=row.bank_version,
        language=row.language,
        profile=Profile(row.firm_name, row.industry, row.size_band, row.role),
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        completed_at=aware(row.completed_at) if row.completed_at else None,
        answers={a.item_id: a.answer for a in row.answers},
        evidence={
            a.item_id: Evidence(a.note, a.confidence) for a in row.answers if a.note or a.confidence
        },
        later={a.item_id: a.answer for a in row.later_answers},
        reasons={a.item_id: a.reason for a in row.later_answers if a.reason},
        round_submitted_at=aware(row.round_submitted_at) if row.round_submitted_at else None,
        targets=dict(row.targets or {}),
        summary=Summary.model_validate(row.scores) if row.scores else None,
        workshop_id=row.workshop_id,
        submitted_at=aware(row.submitted_at) if row.submitted_at else None,
        firm_id=row.firm_id,
        origin=row.origin or "self",
        bank_digest=row.bank_digest,
    )


class AssessmentStore(BankStore):
    """Assessments in one database."""

    def create(
        self, bank: Bank, profile: Profile, language: str, *, firm_id: str | None = None
    ) -> tuple[AssessmentRecord, str]:
        """Start an assessment; returns it and its resume token (shown once, stored hashed).

        Without ``firm_id`` it starts a new firm (its link comes from ``issue_firm_link``);
        the pages pass a ``firm_id`` only for a firm whose link the visitor holds.
        """
        name, token, moment = firm_name(profile.firm_name), new_token(), now()
        firm = firm_id or uuid.uuid4().hex
        row = Assessment(
            id=uuid.uuid4().hex,
            token_hash=hash_token(token),
            bank_id=bank.id,
            bank_version=bank.version,
            bank_digest=bank.digest,
            language=language,
            firm_name=name,
            firm_key=firm_key(name),
            industry=profile.industry,
            size_band=profile.size_band,
            role=role_name(profile.role),
            created_at=moment,
            updated_at=moment,
            firm_id=firm,
            origin="self",
        )

        def add(s: Session) -> None:
            keep_bank(s, bank, "server")
            if firm_id is None:
                s.add(
                    Firm(id=firm, token_hash=None, name=name, created_at=moment, updated_at=moment)
                )
                s.flush()
            s.add(row)

        self._write(add)
        return self.get(row.id), token

    def open(self, token: str) -> AssessmentRecord:
        """The assessment behind a resume token.

        Raises:
            NotFoundError: no such token (``LinkExpiredError`` when unused for too long).
        """
        if not token or len(token) > MAX_TOKEN:
            raise NotFoundError("this resume link is not valid")
        with self._session() as s:
            row = s.scalar(select(Assessment).where(Assessment.token_hash == hash_token(token)))
            if row is None or not same_hash(row.token_hash, token):
                raise NotFoundError("this resume link is not valid")
            if aware(row.updated_at) < now() - timedelta(days=self.resume_days):
                raise LinkExpiredError(
                    f"this resume link has expired (unused for over {self.resume_days} days)"
                )
            return record_of(row)

    def get(self, assessment_id: str) -> AssessmentRecord:
        """An assessment by id (``NotFoundError`` when absent). Pages reach an id only
        through a link the visitor holds."""
        with self._session() as s:
            return record_of(self._row(s, assessment_id))

    def save_answer(self, assessment_id: str, item_id: str, answer: str | None) -> None:
        """Store one answer exactly as given (``None`` removes it)."""
        check_answer(answer)
        moment = now()

        def change(s: Session) -> None:
            row = self._row(s, assessment_id, answers=False)
            self._check_open(s, row)
            row.updated_at = moment
            saved = s.get(Answer, (assessment_id, item_id))
            if answer is None:
                if saved is not None:
                    s.delete(saved)
            elif saved is None:
                s.add(
                    Answer(
                        assessment_id=assessment_id,
                        item_id=item_id,
                        answer=answer,
                        answered_at=moment,
                    )
                )
            elif saved.answer != answer:  # its evidence note and confidence stay
                saved.answer, saved.answered_at = answer, moment

        self._write(change)

    def save_evidence(
        self, assessment_id: str, item_id: str, note: str | None, confidence: str | None
    ) -> None:
        """Keep what backs an answer: a one-line note and a confidence (either may be None).

        Raises:
            StoreError: the item has no answer yet, or the confidence is not one we know.
        """
        text = clean_text(note, MAX_EVIDENCE, "the evidence note") or None
        try:
            level = check_confidence(confidence)
        except ValueError as exc:
            raise StoreError(str(exc)) from None

        def change(s: Session) -> None:
            row = self._row(s, assessment_id, answers=False)
            self._check_open(s, row)
            saved = s.get(Answer, (assessment_id, item_id))
            if saved is None:
                raise StoreError("answer the question before adding evidence")
            saved.note, saved.confidence = text, level
            row.updated_at = now()

        self._write(change)

    def update(
        self,
        assessment_id: str,
        *,
        profile: Profile | None = None,
        language: str | None = None,
        targets: Mapping[str, float] | None = None,
    ) -> None:
        """Change the profile, language or targets."""

        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            if profile is not None:
                name = firm_name(profile.firm_name)
                row.firm_name, row.firm_key = name, firm_key(name)
                row.industry, row.size_band = profile.industry, profile.size_band
                row.role = role_name(profile.role)
            if language is not None:
                row.language = language
            if targets is not None:
                row.targets = {k: float(v) for k, v in targets.items()}
            row.updated_at = now()

        self._write(change)

    def complete(self, assessment_id: str, summary: Summary) -> None:
        """Mark finished and keep the scores for history and benchmarks."""

        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            row.scores = summary.model_dump()
            row.completed_at = row.updated_at = now()

        self._write(change)

    def rescore(self, assessment_id: str, summary: Summary) -> None:
        """Keep a finished assessment's scores current after an answer changed (its
        completion date stays)."""

        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            if row.completed_at is not None:
                row.scores = summary.model_dump()

        self._write(change)

    def delete_assessment(self, assessment_id: str) -> None:
        """Delete an assessment and its answers from the database (not just from view)."""
        self._write(lambda s: s.delete(self._row(s, assessment_id)))

    @staticmethod
    def _check_open(s: Session, row: Assessment) -> None:
        """Answers of a closed workshop are frozen."""
        if row.workshop_id is None:
            return
        # A shared lock on the workshop row: closing takes it exclusively, so an answer
        # either lands before a close or is refused after it.
        workshop = s.get(Workshop, row.workshop_id, with_for_update={"read": True})
        if workshop is not None and workshop.status != "open":
            raise WorkshopClosedError
        if workshop is not None and (workshop.round or 1) > 1:
            raise RoundClosedError

    @staticmethod
    def _row(s: Session, assessment_id: str, *, answers: bool = True) -> Assessment:
        """The assessment's row; ``answers=False`` leaves its answer collections unloaded
        (a one-answer write needs neither: three queries become one)."""
        options = (
            [] if answers else [lazyload(Assessment.answers), lazyload(Assessment.later_answers)]
        )
        row = (
            s.get(Assessment, assessment_id, options=options) if len(assessment_id) <= 32 else None
        )
        if row is None:
            raise NotFoundError("no such assessment")
        return row
