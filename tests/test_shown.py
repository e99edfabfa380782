"""What the room may see (huigui.shown): per-role counts that never single out a role of
fewer than k people, and the group picture of the latest round k people submitted."""

from __future__ import annotations

from pathlib import Path

import pytest

from huigui.shown import latest_snapshot, role_counts
from huigui.store import Store, connect
from scoring import Bank

from .support.rooms import submitted_room

ORDER = ["executive", "middle_manager", "front_line", "it_digital", "partner"]


def test_one_person_role_is_only_in_the_totals() -> None:
    """A lone IT manager gets no line of their own, and no "other" line either; as the
    totals minus the shown lines would leave exactly that one person, the smallest shown
    role is folded in as well."""
    counts = {"front_line": (4, 2), "it_digital": (1, 1), "executive": (3, 3)}
    shown = role_counts(counts, ORDER, 3)
    assert (shown.joined, shown.submitted) == (8, 6)
    assert shown.roles == [("front_line", 4, 2)]  # executive folded in: the rest is 1 + 3


def test_roles_in_configured_order_and_small_roles_folded() -> None:
    """Joined in the order front line, IT, executive, partner: the lines follow the
    workshop's role order; IT (1) and partners (2) are together k, so both named roles stay."""
    counts = {"front_line": (3, 1), "it_digital": (1, 0), "executive": (3, 2), "partner": (2, 2)}
    shown = role_counts(counts, ORDER, 3)
    assert [r for r, _, _ in shown.roles] == ["executive", "front_line"]
    assert (shown.joined, shown.submitted) == (9, 5)
    assert role_counts(counts, ORDER, 4).roles == []  # no role of 4 people


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(connect(f"sqlite:///{tmp_path / 'huigui.db'}"))


def test_latest_round_once_k_submitted_it(store: Store, mini_bank: Bank) -> None:
    """Four people answer level 0; in round 2 three of them move everything to level 2. The
    released picture is round 1's until k = 3 submitted round 2, then round 2's."""
    workshop, _ = store.create_workshop(mini_bank, "Rounds", ["en"], ["executive"])
    people = [i for i, _ in submitted_room(store, mini_bank, workshop.code, 4, "0")]
    store.open_round(workshop.id)

    def latest() -> tuple[int, int, list[float | None]]:
        snap = latest_snapshot(
            mini_bank, store.workshop(workshop.id), store.participants(workshop.id)
        )
        return snap.round, snap.submitted, snap.means()

    first = latest()
    assert first[:2] == (1, 4)
    for k, person in enumerate(people[:3]):
        for item in mini_bank.items:
            store.save_round_answer(person, item.id, "2")
        store.submit_round(person)
        if k < 2:
            assert latest() == first  # fewer than k submitted round 2
    second = latest()
    assert second[:2] == (2, 3)
    assert all(
        a is not None and b is not None and b > a for a, b in zip(first[2], second[2], strict=True)
    )
