"""What the room may see of a workshop: the released group picture of its latest round,
and joined and submitted counts that never single out a role of fewer than k people.

The presenter screen (projected, opened with the code alone) and the participants'
results pages use these, so the room sees the round the dashboard and the report show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from huigui.records import Participant, WorkshopRecord
from huigui.workshop import WorkshopSnapshot, snapshot
from scoring import Bank
from scoring.group import OTHER_ROLES, group_roles

__all__ = ["RoleCounts", "latest_snapshot", "role_counts"]


def latest_snapshot(
    bank: Bank, workshop: WorkshopRecord, participants: Sequence[Participant]
) -> WorkshopSnapshot:
    """The group picture of the workshop's latest round that at least k people submitted
    (round 2: round-1 answers updated by round 2, as on the dashboard and in the report);
    while round 2 has fewer than k submissions, round 1's. ``snapshot.round`` says which."""
    snap = snapshot(bank, workshop, participants, {}, workshop.round)
    if snap.enough or workshop.round <= 1:
        return snap
    return snapshot(bank, workshop, participants, {}, 1)


@dataclass(frozen=True)
class RoleCounts:
    """Joined and submitted counts as the room may see them."""

    joined: int  # everyone, including the roles not shown on their own
    submitted: int
    roles: list[tuple[str, int, int]]  # (role, joined, submitted), configured order


def role_counts(
    counts: Mapping[str, tuple[int, int]], configured: Sequence[str], k: int
) -> RoleCounts:
    """Per-role counts only for the roles the workshop's figures name (see
    :func:`scoring.group.group_roles`: at least ``k`` people joined, and more roles folded
    in while the rest would number 1 to k − 1, so no small role can be worked out by
    subtracting the lines from the totals), in the workshop's configured role order (roles
    it does not list after them, by name). The other roles count only in the totals, never
    as a line of their own, not even a merged one."""
    people = [role or None for role, (joined, _) in counts.items() for _ in range(joined)]
    named = {r for r in group_roles(people, k).shown if r is not None and r != OTHER_ROLES}
    order = {role: n for n, role in enumerate(configured)}
    shown = sorted(named, key=lambda role: (order.get(role, len(order)), role))
    return RoleCounts(
        joined=sum(j for j, _ in counts.values()),
        submitted=sum(s for _, s in counts.values()),
        roles=[(role, *counts[role]) for role in shown],
    )
