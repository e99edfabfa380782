"""Saving and reopening assessments.

An assessment is reopened only through its resume token: 128 random bits handed to the
respondent once (in the resume link) and stored as a SHA-256 hash, never in clear.
Answers are kept exactly as given (level number, ``na`` or ``dk``) with the bank id and
version they were given against.
"""

from __future__ import annotations

import hashlib
import secrets
import statistics
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from huigui.records import AssessmentRecord, Benchmark, Previous, Profile
from scoring import Bank
from scoring.answers import from_stored
from scoring.assess import Summary
from scoring.errors import LinkExpiredError, NotFoundError, StoreError

from .fields import MAX_FIRM, MAX_ROLE, clean_text
from .models import Answer, Assessment, Workshop

__all__ = ["AssessmentStore", "firm_key", "hash_token"]

#: Days after its last change that a resume link stops working, unless told otherwise.
RESUME_DAYS = 365


def firm_name(raw: str) -> str:
    """A firm name as stored (see :mod:`huigui.store.fields`); one is required."""
    name = clean_text(raw, MAX_FIRM, "the firm name")
    if not name:
        raise StoreError("a firm name is required")
    return name


def role_name(raw: str | None) -> str | None:
    """A respondent's role as stored, or None."""
    return clean_text(raw, MAX_ROLE, "a role") or None


def _check_answer(answer: str | None) -> None:
    """Refuse anything the answer vocabulary would not store."""
    if answer is None:
        return
    try:
        from_stored(answer)
    except ValueError:
        raise StoreError(f"{answer!r} is not an answer") from None


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(statistics.median(present)) if present else None


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
        id=row.id,
        bank_id=row.bank_id,
        bank_version=row.bank_version,
        language=row.language,
        profile=Profile(row.firm_name, row.industry, row.size_band, row.role),
        created_at=_aware(row.created_at),
        updated_at=_aware(row.updated_at),
        completed_at=_aware(row.completed_at) if row.completed_at else None,
        answers={a.item_id: a.answer for a in row.answers},
        targets=dict(row.targets or {}),
        summary=Summary.model_validate(row.scores) if row.scores else None,
        workshop_id=row.workshop_id,
        submitted_at=_aware(row.submitted_at) if row.submitted_at else None,
    )


class AssessmentStore:
    """Assessments in one database."""

    def __init__(self, engine: Engine, *, resume_days: int = RESUME_DAYS) -> None:
        self.engine = engine
        self.resume_days = resume_days
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _session(self) -> Session:
        return self._sessions()

    def create(self, bank: Bank, profile: Profile, language: str) -> tuple[AssessmentRecord, str]:
        """Start an assessment; returns it and its resume token (shown once, stored hashed)."""
        name = firm_name(profile.firm_name)
        token = secrets.token_urlsafe(16)
        now = _now()
        row = Assessment(
            id=uuid.uuid4().hex,
            token_hash=hash_token(token),
            bank_id=bank.id,
            bank_version=bank.version,
            language=language,
            firm_name=name,
            firm_key=firm_key(name),
            industry=profile.industry,
            size_band=profile.size_band,
            role=role_name(profile.role),
            created_at=now,
            updated_at=now,
        )
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
            if _aware(row.updated_at) < _now() - timedelta(days=self.resume_days):
                raise LinkExpiredError(
                    f"this resume link has expired (unused for over {self.resume_days} days)"
                )
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
        _check_answer(answer)
        now = _now()

        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            self._check_open(s, row)
            row.updated_at = now
            s.execute(
                delete(Answer).where(
                    Answer.assessment_id == assessment_id, Answer.item_id == item_id
                )
            )
            if answer is not None:
                s.add(
                    Answer(
                        assessment_id=assessment_id, item_id=item_id, answer=answer, answered_at=now
                    )
                )

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
                row.industry, row.size_band, row.role = (
                    profile.industry,
                    profile.size_band,
                    role_name(profile.role),
                )
            if language is not None:
                row.language = language
            if targets is not None:
                row.targets = {k: float(v) for k, v in targets.items()}
            row.updated_at = _now()

        self._write(change)

    def complete(self, assessment_id: str, summary: Summary) -> None:
        """Mark finished and keep the scores for history and benchmarks."""

        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            row.scores = summary.model_dump()
            row.completed_at = row.updated_at = _now()

        self._write(change)

    def rescore(self, assessment_id: str, summary: Summary) -> None:
        """Keep a finished assessment's scores current after an answer changed (its
        completion date stays)."""

        def change(s: Session) -> None:
            row = self._row(s, assessment_id)
            if row.completed_at is not None:
                row.scores = summary.model_dump()

        self._write(change)

    def history(self, record: AssessmentRecord) -> list[AssessmentRecord]:
        """The completed self-assessments of the record's firm for its bank, oldest first."""
        with self._session() as s:
            rows = s.scalars(
                select(Assessment)
                .where(
                    Assessment.firm_key == firm_key(record.profile.firm_name),
                    Assessment.bank_id == record.bank_id,
                    Assessment.workshop_id.is_(None),
                    Assessment.completed_at.is_not(None),
                )
                .order_by(Assessment.completed_at)
            )
            return [_record(r) for r in rows]

    def previous(self, record: AssessmentRecord) -> Previous | None:
        """The firm's latest completed assessment before this one."""
        earlier = [
            h
            for h in self.history(record)
            if h.id != record.id
            and h.summary is not None
            and h.completed_at
            and (record.completed_at is None or h.completed_at <= record.completed_at)
        ]
        if not earlier or earlier[-1].completed_at is None or earlier[-1].summary is None:
            return None
        return Previous(earlier[-1].completed_at, dict(earlier[-1].summary.dimensions))

    def benchmark(self, record: AssessmentRecord, min_firms: int) -> Benchmark | None:
        """Median dimension scores of other firms of the record's industry (each firm's
        latest completed self-assessment), when at least ``min_firms`` firms took part."""
        if not record.profile.industry:
            return None
        latest = self._latest_per_firm(record)
        if len(latest) < min_firms:
            return None
        dims = {d for summary in latest for d in summary.dimensions}
        return Benchmark(
            {d: _median([x.dimensions.get(d) for x in latest]) for d in sorted(dims)}, len(latest)
        )

    def peer_firms(self, record: AssessmentRecord) -> int:
        """How many other firms of the industry a benchmark would draw on."""
        return len(self._latest_per_firm(record)) if record.profile.industry else 0

    def _latest_per_firm(self, record: AssessmentRecord) -> list[Summary]:
        with self._session() as s:
            rows = s.execute(
                select(Assessment.firm_key, Assessment.scores, Assessment.completed_at).where(
                    Assessment.bank_id == record.bank_id,
                    Assessment.industry == record.profile.industry,
                    Assessment.workshop_id.is_(None),
                    Assessment.completed_at.is_not(None),
                    Assessment.firm_key != firm_key(record.profile.firm_name),
                )
            ).all()
        latest: dict[str, tuple[datetime, Summary]] = {}
        for key, scores, done in rows:
            if scores and (key not in latest or _aware(done) > latest[key][0]):
                latest[key] = (_aware(done), Summary.model_validate(scores))
        return [summary for _, summary in latest.values()]

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

    def _write(self, change: Callable[[Session], object]) -> None:
        """Run ``change(session)`` in one transaction; nothing half-written on failure."""
        try:
            with self._session() as s, s.begin():
                change(s)
        except SQLAlchemyError as exc:
            raise StoreError(f"the database refused the change: {exc.__class__.__name__}") from exc
