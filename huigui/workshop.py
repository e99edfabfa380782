"""A workshop's group picture, computed once per refresh for the dashboard, exports and reports.

Built from the store's records with the core's statistics; nothing here reads the
database or draws anything, so the app, the reports and the command line share it.

Small groups are never exposed. Only submitted answer sets count, and only once at least
``k`` (the workshop's ``min_group``) have been submitted: before that every statistic is
empty. Roles with fewer than ``k`` people are merged into "other roles" (or hidden when
even together they are fewer than ``k``) in every role view, table and export.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring import Bank, score_codes
from scoring.assess import Assessment, assess, encode_answers
from scoring.engine import overall_of
from scoring.group import (
    GroupStats,
    RoleGap,
    RoleGaps,
    RoleGrouping,
    group_roles,
    group_stats,
    median_levels,
    role_gaps,
)

from .records import ConsensusEntry, Participant, WorkshopRecord
from .tables import csv_zip, xlsx_workbook

__all__ = ["WorkshopSnapshot", "snapshot", "snapshot_csv", "snapshot_xlsx"]


@dataclass(frozen=True)
class WorkshopSnapshot:
    """The group at one moment: who answered, statistics for all and per role, consensus."""

    bank: Bank
    workshop: WorkshopRecord
    participants: tuple[Participant, ...]  # everyone who joined
    counted: tuple[Participant, ...]  # the submitted answer sets the statistics count
    grouping: RoleGrouping  # the role each counted participant is shown under
    codes: npt.NDArray[np.int8]  # counted participants × items (none until k submitted)
    stats: GroupStats
    by_role: dict[str, GroupStats]
    gaps: RoleGaps
    scores: npt.NDArray[np.float64]  # participants × dimensions (0–100, NaN without)
    consensus: dict[str, ConsensusEntry]
    consensus_result: Assessment  # the consensus answers scored
    profile: Assessment  # consensus where recorded, else each item's median level

    @property
    def answered(self) -> int:
        """Participants with at least one answer."""
        return sum(1 for p in self.participants if p.answers)

    @property
    def submitted(self) -> int:
        """Participants who submitted their answers."""
        return sum(1 for p in self.participants if p.submitted_at is not None)

    @property
    def enough(self) -> bool:
        """Whether at least k answer sets were submitted, so that group figures may show."""
        return self.submitted >= self.workshop.min_group

    def means(self) -> list[float | None]:
        """The group's mean dimension scores in bank order."""
        return self.stats.dimension_means(self.bank)

    def overall(self) -> tuple[float | None, str | None]:
        """The overall score and stage of the group's mean dimension scores."""
        return overall_of(self.bank, self.means())

    def counts_by_role(self) -> pd.DataFrame:
        """Joined and submitted per role."""
        rows: dict[str, dict[str, int]] = {}
        for p in self.participants:
            entry = rows.setdefault(p.role or "", {"joined": 0, "submitted": 0})
            entry["joined"] += 1
            entry["submitted"] += p.submitted_at is not None
        return pd.DataFrame(
            [{"role": r, **c} for r, c in rows.items()], columns=["role", "joined", "submitted"]
        )

    def band(self) -> tuple[list[float | None], list[float | None]]:
        """Lowest and highest participant score per dimension."""
        low: list[float | None] = []
        high: list[float | None] = []
        for d in range(len(self.bank.dimensions)):
            column = self.scores[:, d]
            present = column[~np.isnan(column)]
            low.append(float(present.min()) if len(present) else None)
            high.append(float(present.max()) if len(present) else None)
        return low, high

    def disagreement(self) -> list[str]:
        """Item ids, most disagreement first: lowest rwg, then highest sd; unanswered last."""

        def key(item_id: str) -> tuple[int, float, float]:
            s = self.stats.items[item_id]
            return (1, 0.0, 0.0) if s.rwg is None else (0, s.rwg, -(s.sd or 0.0))

        return sorted(self.bank.layout.item_ids, key=key)

    def responses(self) -> pd.DataFrame:
        """The counted answers, one row per participant (``P001`` …): the role column names
        only roles of at least k people (``other_roles`` for merged ones, empty for hidden)."""
        rows = [
            {
                "respondent": f"P{k + 1:03d}",
                "role": shown,
                **{i: a for i, a in p.answers.items() if i in self.bank.layout.item_index},
            }
            for k, (p, shown) in enumerate(zip(self.counted, self.grouping.shown, strict=True))
        ]
        return pd.DataFrame(rows, columns=["respondent", "role", *self.bank.layout.item_ids])

    def tables(self) -> dict[str, pd.DataFrame]:
        """Everything a facilitator exports, as tables."""
        role_rows = [
            stats.dimensions_frame().assign(role=role) for role, stats in self.by_role.items()
        ]
        roles = pd.concat(role_rows, ignore_index=True) if role_rows else pd.DataFrame()
        gaps = pd.DataFrame(
            [
                _gap_row(kind, key, gap)
                for kind, table in (("dimension", self.gaps.dimensions), ("item", self.gaps.items))
                for key, gap in table.items()
            ]
        )
        consensus = pd.DataFrame(
            [{"item": i, "answer": c.answer, "note": c.note} for i, c in self.consensus.items()],
            columns=["item", "answer", "note"],
        )
        return {
            "answers": self.responses(),
            "item_stats": self.stats.items_frame(),
            "dimension_stats": self.stats.dimensions_frame(),
            "role_stats": roles,
            "role_gaps": gaps,
            "consensus": consensus,
        }


def _gap_row(kind: str, key: str, gap: RoleGap) -> dict[str, object]:
    return {
        "kind": kind,
        "key": key,
        "gap": gap.gap,
        "highest": gap.highest,
        "lowest": gap.lowest,
        **{f"mean:{r}": m for r, m in gap.means.items()},
    }


def snapshot(
    bank: Bank,
    workshop: WorkshopRecord,
    participants: Sequence[Participant],
    consensus: Mapping[str, ConsensusEntry],
) -> WorkshopSnapshot:
    """Compute the group picture from the store's participants (see the module docstring)."""
    submitted = [p for p in participants if p.submitted_at is not None]
    counted = submitted if len(submitted) >= workshop.min_group else []
    codes = np.array(
        [encode_answers(bank, _known(bank, p.answers)) for p in counted], dtype=np.int8
    ).reshape(len(counted), len(bank.layout.item_ids))
    grouping = group_roles([p.role for p in counted], workshop.min_group)
    by_role = {
        role: group_stats(bank, codes[[shown == role for shown in grouping.shown]])
        for role in grouping.roles
    }
    agreed = {i: c.answer for i, c in consensus.items() if i in bank.layout.item_index}
    return WorkshopSnapshot(
        bank=bank,
        workshop=workshop,
        participants=tuple(participants),
        counted=tuple(counted),
        grouping=grouping,
        codes=codes,
        stats=group_stats(bank, codes),
        by_role=by_role,
        gaps=role_gaps(bank, by_role),
        scores=score_codes(bank.layout, codes, bank.min_coverage).score,
        consensus=dict(consensus),
        consensus_result=assess(bank, agreed),
        profile=assess(bank, {**median_levels(bank, codes), **agreed}),
    )


def _known(bank: Bank, answers: Mapping[str, str]) -> dict[str, str]:
    return {i: a for i, a in answers.items() if i in bank.layout.item_index}


def snapshot_xlsx(snap: WorkshopSnapshot) -> bytes:
    """All tables in one workbook; text stays text (never a formula)."""
    return xlsx_workbook(snap.tables())


def snapshot_csv(snap: WorkshopSnapshot) -> bytes:
    """A ZIP of one CSV per table plus the full statistics as JSON."""
    doc = {
        **snap.stats.as_json(),
        "by_role": {r: s.as_json() for r, s in snap.by_role.items()},
        "role_gaps": snap.gaps.as_json(),
    }
    return csv_zip(snap.tables(), {"statistics.json": doc})
