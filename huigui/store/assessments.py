"""Saving and reopening assessments.

An assessment is reopened only through its resume token: 128 random bits handed to the
respondent once (in the resume link) and stored as a SHA-256 hash, never in clear.
Answers are kept exactly as given (level number, ``na`` or ``dk``) with the bank id and
version they were given against.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from scoring import Bank
from scoring.errors import NotFoundError, StoreError

from .models import Answer, Assessment, Workshop

__all__ = ["AssessmentRecord", "AssessmentStore", "Profile", "firm_key", "hash_token"]

#: Days after its last change that a resume link stops working.
RESUME_DAYS = int(os.environ.get("HUIGUI_RESUME_DAYS", "365"))
_ANSWER_TEXT = frozenset({"na", "dk"})


@dataclass(frozen=True)
class Profile:
    """Who answers for which firm; everything but the firm name is optional."""

    firm_name: str
    industry: str | None = None  # ISIC Rev.4 section letter
    size_band: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class AssessmentRecord:
    """A saved assessment as the app and reports read it."""

    id: str
    bank_id: str
    bank_version: str
    language: str
    profile: Profile
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    answers: dict[str, str] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    scores: dict[str, Any] = field(default_factory=dict)
    workshop_id: str | None = None
    submitted_at: datetime | None = None

    def answers_frame(self, respondent: str | None = None) -> pd.DataFrame:
        """The answers as a one-row wide responses frame for :func:`scoring.score`."""
        return pd.DataFrame([{"respondent": respondent or self.id, **self.answers}])


def hash_token(token: str) -> str:
    """The stored form of a resume token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def firm_key(name: str) -> str:
    """Firm names compared loosely: Unicode-normalised, case-folded, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(folded.split())[:255]


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _record(row: Assessment) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id, bank_id=row.bank_id, bank_version=row.bank_version, language=row.language,
        profile=Profile(row.firm_name, row.industry, row.size_band, row.role),
        created_at=_aware(row.created_at), updated_at=_aware(row.updated_at),
        completed_at=_aware(row.completed_at) if row.completed_at else None,
        answers={a.item_id: a.answer for a in row.answers},
        targets=dict(row.targets or {}), scores=dict(row.scores or {}),
        workshop_id=row.workshop_id,
        submitted_at=_aware(row.submitted_at) if row.submitted_at else None,
    )


class AssessmentStore:
    """Assessments in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _session(self) -> Session:
        return self._sessions()

    def create(self, bank: Bank, profile: Profile, language: str) -> tuple[AssessmentRecord, str]:
        """Start an assessment; returns it and its resume token (shown once, stored hashed)."""
        name = profile.firm_name.strip()
        if not name:
            raise StoreError("a firm name is required")
        token = secrets.token_urlsafe(16)
        now = _now()
        row = Assessment(
            id=uuid.uuid4().hex, token_hash=hash_token(token), bank_id=bank.id,
            bank_version=bank.version, language=language, firm_name=name,
            firm_key=firm_key(name), industry=profile.industry, size_band=profile.size_band,
            role=profile.role, created_at=now, updated_at=now)
        self._write(lambda s: s.add(row))
        return self.get(row.id), token

    def open(self, token: str) -> AssessmentRecord:
        """The assessment behind a resume token.

        Raises:
            NotFoundError: no such token, or the link has expired.
        """
        if not token or len(token) > 100:
            raise NotFoundError("this resume link is not valid")
        with self._session() as s:
            row = s.scalar(select(Assessment).where(Assessment.token_hash == hash_token(token)))
            if row is None:
                raise NotFoundError("this resume link is not valid")
            # The hash lookup found it; compare again in constant time for good measure.
            if not secrets.compare_digest(row.token_hash, hash_token(token)):
                raise NotFoundError("this resume link is not valid")
            if _aware(row.updated_at) < _now() - timedelta(days=RESUME_DAYS):
                raise NotFoundError(f"this resume link has expired (unused for over "
                                    f"{RESUME_DAYS} days)")
            return _record(row)

    def get(self, assessment_id: str) -> AssessmentRecord:
        """An assessment by id (``NotFoundError`` when absent)."""
        with self._session() as s:
            row = s.get(Assessment, assessment_id)
            if row is None:
                raise NotFoundError(f"no assessment {assessment_id}")
            return _record(row)

    def save_answer(self, assessment_id: str, item_id: str, answer: str | None) -> None:
        """Store one answer exactly as given (``None`` removes it)."""
        if answer is not None and not (answer.isdigit() or answer in _ANSWER_TEXT):
            raise StoreError(f"{answer!r} is not an answer")
        now = _now()

        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            self._check_open(s, row)
            row.updated_at = now
            s.execute(delete(Answer).where(Answer.assessment_id == assessment_id,
                                           Answer.item_id == item_id))
            if answer is not None:
                s.add(Answer(assessment_id=assessment_id, item_id=item_id, answer=answer,
                             answered_at=now))

        self._write(change)

    def update(self, assessment_id: str, *, profile: Profile | None = None,
               language: str | None = None, targets: Mapping[str, float] | None = None) -> None:
        """Change the profile, language or targets."""
        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            if profile is not None:
                name = profile.firm_name.strip()
                if not name:
                    raise StoreError("a firm name is required")
                row.firm_name, row.firm_key = name, firm_key(name)
                row.industry, row.size_band, row.role = (
                    profile.industry, profile.size_band, profile.role)
            if language is not None:
                row.language = language
            if targets is not None:
                row.targets = {k: float(v) for k, v in targets.items()}
            row.updated_at = _now()

        self._write(change)

    def complete(self, assessment_id: str, scores: Mapping[str, Any]) -> None:
        """Mark finished (again) and keep the scores for history and benchmarks."""
        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            row.scores = dict(scores)
            row.completed_at = row.updated_at = _now()

        self._write(change)

    def history(self, firm: str, bank_id: str) -> list[AssessmentRecord]:
        """Completed assessments of a firm (by loose name) for a bank, oldest first."""
        with self._session() as s:
            rows = s.scalars(select(Assessment).where(
                Assessment.firm_key == firm_key(firm), Assessment.bank_id == bank_id,
                Assessment.completed_at.is_not(None)).order_by(Assessment.completed_at))
            return [_record(r) for r in rows]

    def peer_scores(self, bank_id: str, industry: str, exclude_firm: str) -> pd.DataFrame:
        """Dimension scores of other firms' completed assessments in one industry.

        One row per assessment (latest per firm), one column per dimension id.
        """
        with self._session() as s:
            rows = s.execute(select(Assessment.firm_key, Assessment.scores,
                                    Assessment.completed_at).where(
                Assessment.bank_id == bank_id, Assessment.industry == industry,
                Assessment.completed_at.is_not(None),
                Assessment.firm_key != firm_key(exclude_firm))).all()
        latest: dict[str, tuple[datetime, dict[str, Any]]] = {}
        for key, scores, done in rows:
            if scores and (key not in latest or _aware(done) > latest[key][0]):
                latest[key] = (_aware(done), scores.get("dimensions", {}))
        return pd.DataFrame([dims for _, dims in latest.values()])

    @staticmethod
    def _check_open(s: Session, row: Assessment) -> None:
        """Answers of a closed workshop are frozen."""
        if row.workshop_id is None:
            return
        workshop = s.get(Workshop, row.workshop_id)
        if workshop is not None and workshop.status != "open":
            raise StoreError("this workshop is closed")

    @staticmethod
    def _row(s: Session, assessment_id: str) -> Assessment:
        row = s.get(Assessment, assessment_id)
        if row is None:
            raise NotFoundError(f"no assessment {assessment_id}")
        return row

    def _write(self, change: Any) -> None:
        """Run ``change(session)`` in one transaction; nothing half-written on failure."""
        try:
            with self._session() as s, s.begin():
                change(s)
        except SQLAlchemyError as exc:
            raise StoreError(f"the database refused the change: {exc.__class__.__name__}"
                             ) from exc
