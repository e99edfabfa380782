"""Report inputs from the store (the app) and from responses files (the command line)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from huigui.results import benchmark, evaluate, previous_scores
from huigui.store import AssessmentRecord, Participant, WorkshopRecord, WorkshopStore
from huigui.workshop import snapshot
from scoring import DK, NA, Answers, Bank

from .context import ReportInput, group_profile

__all__ = ["answers_of", "from_record", "from_responses", "from_workshop",
           "group_from_responses"]


def from_record(bank: Bank, store: WorkshopStore, record: AssessmentRecord, lang: str
                ) -> ReportInput:
    """One saved assessment, with its targets, previous assessment and benchmark."""
    return ReportInput(
        bank=bank, lang=lang, firm=record.profile.firm_name,
        date=record.completed_at or record.updated_at, result=evaluate(bank, record.answers),
        targets=record.targets, previous=previous_scores(store, bank, record),
        benchmark=benchmark(store, bank, record))


def from_workshop(bank: Bank, store: WorkshopStore, workshop: WorkshopRecord, lang: str,
                  by_role: bool = True) -> ReportInput:
    """A workshop with its participants and consensus."""
    snap = snapshot(bank, workshop, store.participants(workshop.id),
                    store.consensus(workshop.id))
    return ReportInput(bank=bank, lang=lang, firm=workshop.firm_name, date=datetime.now(UTC),
                       result=group_profile(snap), targets=workshop.targets, snapshot=snap,
                       by_role=by_role)


def answers_of(bank: Bank, answers: Answers, row: int) -> dict[str, str]:
    """One respondent's answers back as given (``"3"``, ``"na"``, ``"dk"``; blank left out)."""
    out: dict[str, str] = {}
    for item_id, code in zip(bank.layout.item_ids, answers.codes[row], strict=True):
        if code >= 0:
            out[item_id] = str(int(code))
        elif code == NA:
            out[item_id] = "na"
        elif code == DK:
            out[item_id] = "dk"
    return out


def _firm(answers: Answers, rows: list[int], fallback: str) -> str:
    if "firm" not in answers.metadata.columns:
        return fallback
    names = [str(v) for v in answers.metadata["firm"].iloc[rows] if isinstance(v, str) and v]
    return Counter(names).most_common(1)[0][0] if names else fallback


def from_responses(bank: Bank, answers: Answers, row: int, lang: str, fallback_firm: str
                   ) -> ReportInput:
    """One respondent of a responses file."""
    result = evaluate(bank, answers_of(bank, answers, row))
    return ReportInput(bank=bank, lang=lang, firm=_firm(answers, [row], fallback_firm),
                       date=datetime.now(UTC), result=result,
                       respondent=str(answers.respondents[row]))


def group_from_responses(bank: Bank, answers: Answers, lang: str, fallback_firm: str,
                         by_role: bool) -> ReportInput:
    """A whole responses file as a workshop (roles from its ``role`` column)."""
    now = datetime.now(UTC)
    roles = (answers.metadata["role"] if "role" in answers.metadata.columns
             else [None] * len(answers))
    people = [Participant(id=str(answers.respondents[k]),
                          role=str(role) if isinstance(role, str) and by_role else None,
                          name=None, joined_at=now, submitted_at=now,
                          answers=answers_of(bank, answers, k))
              for k, role in enumerate(roles)]
    firm = _firm(answers, list(range(len(answers))), fallback_firm)
    workshop = WorkshopRecord(id="file", code="", firm_name=firm, bank_id=bank.id,
                              bank_version=bank.version, languages=[lang],
                              roles=sorted({p.role for p in people if p.role}), targets={},
                              status="closed", released=True, created_at=now)
    snap = snapshot(bank, workshop, people, {})
    return ReportInput(bank=bank, lang=lang, firm=firm, date=now, result=group_profile(snap),
                       snapshot=snap, by_role=by_role)
