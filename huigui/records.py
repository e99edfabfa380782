"""What the store hands out: typed, frozen records that every shell may read.

The store (:mod:`huigui.store`) writes and reads them; the app, the reports and the command
line consume them without importing the store's tables. None of them ever holds a secret:
tokens and facilitator secrets exist only in links and, hashed, in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scoring.assess import Summary

__all__ = [
    "AssessmentRecord",
    "Benchmark",
    "ConsensusEntry",
    "Evidence",
    "Participant",
    "Previous",
    "Profile",
    "WorkshopRecord",
]

OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class Evidence:
    """What backs one answer: a short note (what one would show) and a confidence."""

    note: str | None = None
    confidence: str | None = None  # one of scoring.evidence.CONFIDENCES


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
    summary: Summary | None = None  # kept at completion, for history and benchmarks
    workshop_id: str | None = None  # set for a workshop participant's answers
    submitted_at: datetime | None = None
    firm_id: str | None = None  # None for a workshop participant: no firm, no history
    origin: str = "self"  # "self", or "workshop" for a consensus saved into a firm
    bank_digest: str | None = None  # the exact bank version it was answered on
    evidence: dict[str, Evidence] = field(default_factory=dict)  # per answered item
    later: dict[str, str] = field(default_factory=dict)  # round-2 answers (participants)
    reasons: dict[str, str] = field(default_factory=dict)  # round-2 one-line reasons
    round_submitted_at: datetime | None = None

    @property
    def is_complete(self) -> bool:
        """Whether the respondent finished (or, in a workshop, submitted)."""
        return self.completed_at is not None


@dataclass(frozen=True)
class FirmRecord:
    """A firm, as whoever holds its firm link sees it."""

    id: str
    name: str
    created_at: datetime
    has_link: bool  # False for a firm made by the upgrade, until someone makes its link


@dataclass(frozen=True)
class Previous:
    """The firm's assessment before this one, as the radar draws it."""

    date: datetime
    scores: dict[str, float | None]  # dimension id → score
    bank_digest: str | None = None  # its bank version (dimensions compare across versions)


@dataclass(frozen=True)
class Benchmark:
    """The median dimension scores of other firms of one industry."""

    scores: dict[str, float | None]  # dimension id → median score
    firms: int


@dataclass(frozen=True)
class WorkshopRecord:
    """A workshop as the pages read it (never holds the secret)."""

    id: str
    code: str
    firm_name: str
    bank_id: str
    bank_version: str
    languages: list[str]
    roles: list[str]
    targets: dict[str, float]
    status: str
    released: bool
    created_at: datetime
    min_group: int = 3  # k: no figure of fewer than k people is shown
    max_participants: int = 60
    consultant_id: str | None = None
    firm_id: str | None = None  # the client firm, once a result was saved into its history
    timer_ends_at: datetime | None = None
    bank_digest: str | None = None  # the exact bank version its participants answer
    round: int = 1  # 2 once the facilitator opened a second round
    round_items: list[str] | None = None  # the items of round 2 (None: all)
    spotlight: tuple[int, str] | None = None  # (round, item) the presenter screen shows

    def in_round(self, item_id: str) -> bool:
        """Whether round 2 asks ``item_id`` again (only once round 2 is open)."""
        return self.round >= 2 and (self.round_items is None or item_id in self.round_items)

    @property
    def is_open(self) -> bool:
        """Whether participants may still join and answer."""
        return self.status == OPEN


@dataclass(frozen=True)
class Participant:
    """One participant's answers as the facilitator's statistics see them."""

    id: str
    role: str | None
    name: str | None
    joined_at: datetime
    submitted_at: datetime | None
    answers: dict[str, str] = field(default_factory=dict)  # round 1, as submitted
    evidence: dict[str, Evidence] = field(default_factory=dict)
    later: dict[str, str] = field(default_factory=dict)  # round 2
    reasons: dict[str, str] = field(default_factory=dict)
    round_submitted_at: datetime | None = None


@dataclass(frozen=True)
class ConsensusEntry:
    """The level a workshop agreed on for one item, and the facilitator's note."""

    answer: str
    note: str | None = None
