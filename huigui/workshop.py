"""A workshop's group picture, computed once per refresh for the dashboard, exports and reports."""

from __future__ import annotations

import io
import json
import math
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

import pandas as pd

from scoring import Bank, MissingItemsWarning, parse_answers, score_codes
from scoring.group import GroupStats, answers_by_role, group_stats, role_gaps

from .exports import guard_frame, xlsx_workbook
from .results import AssessmentResult, evaluate
from .store import Participant, WorkshopRecord

__all__ = ["WorkshopSnapshot", "snapshot", "snapshot_csv", "snapshot_xlsx"]


def _clean(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


@dataclass(frozen=True)
class WorkshopSnapshot:
    """The group at one moment: who answered, statistics for all and per role, consensus."""

    bank: Bank
    workshop: WorkshopRecord
    participants: list[Participant]
    responses: pd.DataFrame  # wide: respondent, role, one column per item
    stats: GroupStats
    by_role: dict[str, GroupStats]
    gaps: dict[str, dict[str, Any]]
    scores: pd.DataFrame  # one row per participant, one column per dimension (0–100)
    consensus: dict[str, tuple[str, str | None]]
    consensus_result: AssessmentResult

    @property
    def answered(self) -> int:
        """Participants with at least one answer."""
        return sum(1 for p in self.participants if p.answers)

    def counts_by_role(self) -> pd.DataFrame:
        """Joined and submitted per role."""
        rows: dict[str, dict[str, int]] = {}
        for p in self.participants:
            entry = rows.setdefault(p.role or "", {"joined": 0, "submitted": 0})
            entry["joined"] += 1
            entry["submitted"] += p.submitted_at is not None
        return pd.DataFrame([{"role": r, **c} for r, c in rows.items()],
                            columns=["role", "joined", "submitted"])

    def band(self) -> tuple[list[float | None], list[float | None]]:
        """Lowest and highest participant score per dimension."""
        low = [_clean(self.scores[d.id].min()) if self.scores[d.id].notna().any() else None
               for d in self.bank.dimensions]
        high = [_clean(self.scores[d.id].max()) if self.scores[d.id].notna().any() else None
                for d in self.bank.dimensions]
        return low, high

    def disagreement(self) -> list[str]:
        """Item ids, most disagreement first: lowest rwg, then highest sd; unanswered last."""
        def key(item_id: str) -> tuple[int, float, float]:
            s = self.stats.items[item_id]
            if s["rwg"] is None:
                return (1, 0.0, 0.0)
            return (0, s["rwg"], -(s["sd"] or 0.0))

        return sorted(self.bank.layout.item_ids, key=key)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Everything a facilitator exports, as tables."""
        items = self.stats.items_frame()
        dims = self.stats.dimensions_frame()
        role_rows = []
        for role, stats in self.by_role.items():
            frame = stats.dimensions_frame()
            frame.insert(0, "role", role)
            role_rows.append(frame)
        roles = pd.concat(role_rows, ignore_index=True) if role_rows else pd.DataFrame()
        gaps = pd.DataFrame([{"key": k, **{f: v for f, v in g.items() if f != "means"},
                              **{f"mean:{r}": m for r, m in g["means"].items()}}
                             for k, g in self.gaps.items()])
        consensus = pd.DataFrame([{"item": i, "answer": a, "note": n}
                                  for i, (a, n) in self.consensus.items()],
                                 columns=["item", "answer", "note"])
        return {"answers": self.responses, "item_stats": items, "dimension_stats": dims,
                "role_stats": roles, "role_gaps": gaps, "consensus": consensus}


def snapshot(bank: Bank, workshop: WorkshopRecord, participants: list[Participant],
             consensus: dict[str, tuple[str, str | None]]) -> WorkshopSnapshot:
    """Compute the group picture from the store's participants."""
    rows = [{"respondent": f"P{k + 1:03d}", "role": p.role,
             **{i: a for i, a in p.answers.items() if i in bank.layout.item_index}}
            for k, p in enumerate(participants)]
    frame = pd.DataFrame(rows, columns=["respondent", "role", *bank.layout.item_ids])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingItemsWarning)
        answers = parse_answers(bank, frame.astype(object).where(frame.notna(), None),
                                "workshop")
    by_role = {r: group_stats(bank, c) for r, c in answers_by_role(answers).items()}
    dim_scores = score_codes(bank.layout, answers.codes, bank.min_coverage).score
    scores = pd.DataFrame(dim_scores, columns=bank.layout.dim_ids)
    return WorkshopSnapshot(
        bank=bank, workshop=workshop, participants=participants, responses=frame,
        stats=group_stats(bank, answers.codes), by_role=by_role, gaps=role_gaps(bank, by_role),
        scores=scores, consensus=consensus,
        consensus_result=evaluate(bank, {i: a for i, (a, _) in consensus.items()}))


def snapshot_xlsx(snap: WorkshopSnapshot) -> bytes:
    """All tables in one workbook; text stays text (never a formula)."""
    return xlsx_workbook(snap.tables())


def snapshot_csv(snap: WorkshopSnapshot) -> bytes:
    """A ZIP of one CSV per table plus the full statistics as JSON."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in snap.tables().items():
            archive.writestr(f"{name}.csv", "\ufeff" + guard_frame(frame).to_csv(index=False))
        doc = {**snap.stats.as_dict(),
               "by_role": {r: s.as_dict() for r, s in snap.by_role.items()},
               "role_gaps": snap.gaps}
        archive.writestr("statistics.json", json.dumps(doc, ensure_ascii=False, indent=2))
    return buffer.getvalue()
