"""A workshop's group picture, computed once per refresh for the dashboard, exports and reports.

Built from the store's records with the core's statistics; nothing here reads the
database or draws anything, so the app, the reports and the command line share it.

Small groups are never exposed. Only submitted answer sets count, and only once at least
``k`` (the workshop's ``min_group``) have been submitted: before that every statistic is
empty. Roles with fewer than ``k`` people are merged into "other roles" (or hidden when
even together they are fewer than ``k``) in every role view, table and export; more roles are
merged while the people outside the named roles would number 1 to k − 1, so no small group
can be worked out by subtraction (see :class:`scoring.group.RoleGrouping`). A round-2
snapshot uses one grouping for both rounds, and its shift compares the same people.
Respondents are labelled in an order that owes nothing to when they joined.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring import Bank, score_codes
from scoring.assess import Assessment, assess, encode_answers
from scoring.engine import overall_of
from scoring.group import (
    GroupStats,
    RoleGaps,
    RoleGrouping,
    group_roles,
    group_stats,
    median_levels,
    role_gaps,
    shared_grouping,
)
from scoring.rounds import ItemShift, cross_role_consensus, item_shifts

from .records import ConsensusEntry, Participant, WorkshopRecord

__all__ = ["WorkshopSnapshot", "answers_in", "round_one_grouping", "snapshot", "submitted_in"]


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
    profile: Assessment  # consensus where recorded, else each item's median level
    round: int = 1  # the round these figures are of (2: round-1 answers updated by round 2)
    cross_role: dict[str, float | None] = field(default_factory=dict)  # see scoring.rounds
    shift: dict[str, ItemShift] = field(default_factory=dict)  # round 2: from round 1

    @property
    def answered(self) -> int:
        """Participants with at least one answer."""
        return sum(1 for p in self.participants if p.answers)

    @property
    def submitted(self) -> int:
        """Participants who submitted their answers (in this snapshot's round)."""
        return sum(1 for p in self.participants if submitted_in(p, self.round))

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

    def number(self, p: Participant) -> str:
        """The participant's anonymous label in exports, the same in every round and every
        export of the workshop: ``P`` and a code drawn from the participant's and the
        workshop's ids, so labels say nothing about who joined when."""
        return self._labels[p.id]

    @cached_property
    def _labels(self) -> dict[str, str]:
        return _labels(self.workshop.id, self.participants)

    def responses(self) -> pd.DataFrame:
        """The counted answers of this round, one row per participant: the role column
        names only roles of at least k people (``other_roles`` for merged ones, empty for
        hidden ones); rows in label order, not in the order people joined."""
        items = self.bank.layout.item_index
        rows = [
            {
                "respondent": self.number(p),
                "role": shown,
                **{i: a for i, a in answers_in(p, self.round).items() if i in items},
            }
            for p, shown in zip(self.counted, self.grouping.shown, strict=True)
        ]
        rows.sort(key=lambda row: str(row["respondent"]))
        return pd.DataFrame(rows, columns=["respondent", "role", *self.bank.layout.item_ids])

    def disagreement(self) -> list[str]:
        """Item ids, most disagreement first: lowest rwg, then highest sd; unanswered last."""

        def key(item_id: str) -> tuple[int, float, float]:
            s = self.stats.items[item_id]
            return (1, 0.0, 0.0) if s.rwg is None else (0, s.rwg, -(s.sd or 0.0))

        return sorted(self.bank.layout.item_ids, key=key)


def submitted_in(p: Participant, round_: int) -> bool:
    """Whether the participant submitted ``round_`` (1 or 2)."""
    return (p.submitted_at if round_ == 1 else p.round_submitted_at) is not None


def answers_in(p: Participant, round_: int) -> dict[str, str]:
    """The participant's answers as of ``round_``: round 1, updated by round 2's."""
    return dict(p.answers) if round_ == 1 else {**p.answers, **p.later}


def _codes(bank: Bank, people: Sequence[Participant], round_: int) -> npt.NDArray[np.int8]:
    return np.array(
        [encode_answers(bank, _known(bank, answers_in(p, round_))) for p in people],
        dtype=np.int8,
    ).reshape(len(people), len(bank.layout.item_ids))


def _label(workshop_id: str, participant_id: str, size: int) -> str:
    digest = hashlib.sha256(f"{workshop_id}:{participant_id}".encode()).hexdigest()
    return f"P{digest[:size].upper()}"


def _labels(workshop_id: str, participants: Sequence[Participant]) -> dict[str, str]:
    """A short label per participant; longer for everyone should two short ones clash."""
    size = 4
    while True:
        labels = {p.id: _label(workshop_id, p.id, size) for p in participants}
        if len(set(labels.values())) == len(labels):
            return labels
        size += 2


def _counted(participants: Sequence[Participant], round_: int, k: int) -> list[Participant]:
    submitted = [p for p in participants if submitted_in(p, round_)]
    return submitted if len(submitted) >= k else []


def _shift(
    bank: Bank, workshop: WorkshopRecord, participants: Sequence[Participant]
) -> dict[str, ItemShift]:
    """Round 1 → round 2 for the items round 2 asked again, over the same people: those
    who submitted both rounds, when they are at least k. (Comparing all of round 1 with
    the fewer of round 2 would give away the answers of whoever skipped round 2.)"""
    both = [p for p in participants if submitted_in(p, 1) and submitted_in(p, 2)]
    if len(both) < workshop.min_group:
        return {}
    before, after = _codes(bank, both, 1), _codes(bank, both, 2)
    shifts = item_shifts(bank, group_stats(bank, before), group_stats(bank, after), before, after)
    return {i: s for i, s in shifts.items() if workshop.in_round(i)}


def _grouping(
    workshop: WorkshopRecord,
    participants: Sequence[Participant],
    counted: Sequence[Participant],
    round_: int,
) -> RoleGrouping:
    """Round 1: its own grouping. Round 2: one grouping shared with round 1 (see
    :func:`scoring.group.shared_grouping`), so the two rounds' files cannot be set side by
    side to pick a small role's members out of "other roles"."""
    k = workshop.min_group
    if round_ == 1:
        return group_roles([p.role for p in counted], k)
    first = _counted(participants, 1, k)
    return shared_grouping([[p.role for p in counted], [p.role for p in first]], k)[0]


def round_one_grouping(snap: WorkshopSnapshot) -> tuple[list[Participant], RoleGrouping]:
    """Round 1's counted participants and their grouping as this snapshot groups them: in
    a round-2 snapshot, the grouping shared by both rounds."""
    k = snap.workshop.min_group
    first = _counted(snap.participants, 1, k)
    if snap.round == 1:
        return first, snap.grouping
    populations = [[p.role for p in snap.counted], [p.role for p in first]]
    return first, shared_grouping(populations, k)[1]


def snapshot(
    bank: Bank,
    workshop: WorkshopRecord,
    participants: Sequence[Participant],
    consensus: Mapping[str, ConsensusEntry],
    round_: int = 1,
) -> WorkshopSnapshot:
    """Compute the group picture of ``round_`` from the store's participants (see the
    module docstring)."""
    counted = _counted(participants, round_, workshop.min_group)
    codes = _codes(bank, counted, round_)
    grouping = _grouping(workshop, participants, counted, round_)
    by_role = {
        role: group_stats(bank, codes[[shown == role for shown in grouping.shown]])
        for role in grouping.roles
    }
    agreed = {i: c.answer for i, c in consensus.items() if i in bank.layout.item_index}
    stats = group_stats(bank, codes)
    return WorkshopSnapshot(
        bank=bank,
        workshop=workshop,
        participants=tuple(participants),
        counted=tuple(counted),
        grouping=grouping,
        codes=codes,
        stats=stats,
        by_role=by_role,
        gaps=role_gaps(bank, by_role),
        scores=score_codes(bank.layout, codes, bank.min_coverage).score,
        consensus=dict(consensus),
        profile=assess(bank, {**median_levels(bank, codes), **agreed}),
        round=round_,
        cross_role=cross_role_consensus(bank, codes, grouping.shown) if counted else {},
        shift=_shift(bank, workshop, participants) if round_ == 2 else {},
    )


def _known(bank: Bank, answers: Mapping[str, str]) -> dict[str, str]:
    return {i: a for i, a in answers.items() if i in bank.layout.item_index}
