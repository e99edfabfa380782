"""ORM tables (SQLAlchemy 2). The migrations in ``migrations/versions`` create them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Answer",
    "Assessment",
    "BankVersion",
    "Base",
    "Consensus",
    "Consultant",
    "Firm",
    "RoundAnswer",
    "Workshop",
]


class Base(DeclarativeBase):
    """Declarative base of every table."""


class BankVersion(Base):
    """One version of a question bank, kept whole for as long as anything was answered on it.

    ``digest`` is :attr:`scoring.Bank.digest`; ``content`` the bank as its author gave it,
    as canonical JSON (what the digest is taken of).
    """

    __tablename__ = "banks"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    bank_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    content: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16))  # bundled, server or upload
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Firm(Base):
    """A firm's assessments, grouped by a secret firm link (never by a name anyone can type)."""

    __tablename__ = "firms"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # None: no link yet
    name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Consultant(Base):
    """A consultant account: a name and a scrypt password hash, with a login lock."""

    __tablename__ = "consultants"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Assessment(Base):
    """One respondent's answers to one bank, reopened with a secret resume token."""

    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    bank_id: Mapped[str] = mapped_column(String(64))
    bank_version: Mapped[str] = mapped_column(String(32))
    bank_digest: Mapped[str | None] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(16))
    firm_name: Mapped[str] = mapped_column(Text)
    firm_key: Mapped[str] = mapped_column(String(255), index=True)
    industry: Mapped[str | None] = mapped_column(String(1))
    size_band: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(String(64))
    targets: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    scores: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    workshop_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_name: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    round_submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    firm_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("firms.id", ondelete="CASCADE"), index=True
    )
    #: "self" (a self-assessment), or "workshop" (a workshop's consensus saved into a firm).
    origin: Mapped[str] = mapped_column(String(16), default="self")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", lazy="selectin"
    )
    later_answers: Mapped[list[RoundAnswer]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class Answer(Base):
    """An answer exactly as given: a level number, ``na`` or ``dk``."""

    __tablename__ = "answers"

    assessment_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answer: Mapped[str] = mapped_column(String(8))
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)  # evidence: what one would show
    confidence: Mapped[str | None] = mapped_column(String(8))  # sure, fairly or guess
    assessment: Mapped[Assessment] = relationship(back_populates="answers")


class RoundAnswer(Base):
    """A participant's answer in a later round (2): round 1 stays untouched in ``answers``."""

    __tablename__ = "round_answers"

    assessment_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str | None] = mapped_column(Text)  # one line: why it changed (or not)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Workshop(Base):
    """A group session: participants join with ``code``; the facilitator holds a secret."""

    __tablename__ = "workshops"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    firm_name: Mapped[str] = mapped_column(Text)
    bank_id: Mapped[str] = mapped_column(String(64))
    bank_version: Mapped[str] = mapped_column(String(32))
    bank_digest: Mapped[str | None] = mapped_column(String(64), index=True)
    languages: Mapped[list[str]] = mapped_column(JSON)
    roles: Mapped[list[str]] = mapped_column(JSON)
    targets: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(8))
    released: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    min_group: Mapped[int] = mapped_column(Integer, default=3)
    max_participants: Mapped[int] = mapped_column(Integer, default=60)
    consultant_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("consultants.id", ondelete="SET NULL"), index=True
    )
    firm_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("firms.id", ondelete="SET NULL")
    )
    timer_ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    round: Mapped[int] = mapped_column(Integer, default=1)  # 1, or 2 once opened
    round_items: Mapped[list[str] | None] = mapped_column(JSON)  # round 2's items; None: all
    spotlight: Mapped[str | None] = mapped_column(String(80))  # "<round>:<item>" projected


class Consensus(Base):
    """The level a workshop agreed on for one item, with the facilitator's note."""

    __tablename__ = "consensus"

    workshop_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answer: Mapped[str] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
