"""Report inputs: from a saved record, from a workshop snapshot, from a responses file.

Reports never read the database: the caller (the app, the command line) hands over the
records and the history it already holds.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from huigui.records import AssessmentRecord, Benchmark, Participant, Previous, WorkshopRecord
from huigui.workshop import WorkshopSnapshot, snapshot
from scoring import Answers, Bank
from scoring.answers import stored
from scoring.assess import assess, assess_codes

from .context import ReportInput

__all__ = ["answers_of", "from_record", "from_responses", "from_snapshot", "group_from_responses"]


def from_record(
    bank: Bank,
    record: AssessmentRecord,
    lang: str,
    *,
    previous: Previous | None = None,
    benchmark: Benchmark | None = None,
) -> ReportInput:
    """One saved assessment, with its targets, previous assessment and benchmark, and the
    evidence and confidence behind its answers."""
    return ReportInput(
        bank=bank,
        lang=lang,
        firm=record.profile.firm_name,
        date=record.completed_at or record.updated_at,
        result=assess(bank, record.answers),
        targets=record.targets,
        previous=previous,
        benchmark=benchmark,
        evidence=record.evidence,
    )


def from_snapshot(snap: WorkshopSnapshot, lang: str, by_role: bool = True) -> ReportInput:
    """A workshop with its participants and consensus, in the snapshot's round (round 2:
    the round-2 figures beside the shift from round 1; see :mod:`huigui.reports.group`)."""
    return ReportInput(
        bank=snap.bank,
        lang=lang,
        firm=snap.workshop.firm_name,
        date=datetime.now(UTC),
        result=snap.profile,
        targets=snap.workshop.targets,
        snapshot=snap,
        by_role=by_role,
    )


def answers_of(bank: Bank, answers: Answers, row: int) -> dict[str, str]:
    """One respondent's answers back as stored (``"3"``, ``"na"``, ``"dk"``; blank left out)."""
    return {
        item_id: text
        for item_id, code in zip(bank.layout.item_ids, answers.codes[row], strict=True)
        if (text := stored(int(code))) is not None
    }


def _firm(answers: Answers, rows: list[int], fallback: str) -> str:
    if "firm" not in answers.metadata.columns:
        return fallback
    names = [str(v) for v in answers.metadata["firm"].iloc[rows] if isinstance(v, str) and v]
    return Counter(names).most_common(1)[0][0] if names else fallback


def from_responses(
    bank: Bank, answers: Answers, row: int, lang: str, fallback_firm: str
) -> ReportInput:
    """One respondent of a responses file."""
    return ReportInput(
        bank=bank,
        lang=lang,
        firm=_firm(answers, [row], fallback_firm),
        date=datetime.now(UTC),
        result=assess_codes(bank, answers.codes[row]),
        respondent=str(answers.respondents[row]),
    )


def group_from_responses(
    bank: Bank,
    answers: Answers,
    lang: str,
    fallback_firm: str,
    by_role: bool,
    min_group: int = 3,
) -> ReportInput:
    """A whole responses file as a workshop (roles from its ``role`` column; roles of fewer
    than ``min_group`` respondents merged or hidden, as in a workshop)."""
    now = datetime.now(UTC)
    roles = (
        answers.metadata["role"] if "role" in answers.metadata.columns else [None] * len(answers)
    )
    people = [
        Participant(
            id=str(answers.respondents[k]),
            role=str(role) if isinstance(role, str) and by_role else None,
            name=None,
            joined_at=now,
            submitted_at=now,
            answers=answers_of(bank, answers, k),
        )
        for k, role in enumerate(roles)
    ]
    firm = _firm(answers, list(range(len(answers))), fallback_firm)
    workshop = WorkshopRecord(
        id="file",
        code="",
        firm_name=firm,
        bank_id=bank.id,
        bank_version=bank.version,
        languages=[lang],
        roles=sorted({p.role for p in people if p.role}),
        targets={},
        status="closed",
        released=True,
        created_at=now,
        min_group=min_group,
    )
    return from_snapshot(snapshot(bank, workshop, people, {}), lang, by_role)
