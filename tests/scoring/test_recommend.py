"""Next steps and traffic-trap flags, with hand-computed vectors on the mini bank."""

from __future__ import annotations

import numpy as np
import pytest

from scoring import BLANK, DK, Bank
from scoring.assess import assess_codes
from scoring.recommend import trap_items

# mini bank item order: A1 A2 A3 | B1 B2 B3 B4 (see tests/data/banks/mini.yaml)


def plans(bank: Bank, *codes: int) -> dict[str, object]:
    return {p.dimension_id: p for p in assess_codes(bank, np.array(codes, dtype=np.int8)).plans}


def test_cheapest_raise_by_weight_and_effort(mini_bank: Bank) -> None:
    """A = (25 + 2·50 + 25)/4 = 37.5 → 2.5 points short of S2 (40).

    Raising A2 (weight 2, 3 levels) adds 2·100/2 = 100 weighted points = 25 on A: the best
    gain per effort (A1 and A3 add only 25 weighted points each), so one raise suffices.
    """
    plan = plans(mini_bank, 1, 1, 3, 5, 4, 4, 4)["A"]
    assert plan.score == pytest.approx(37.5)
    assert plan.next_stage_id == "S2"
    assert plan.deficit == pytest.approx(2.5)
    assert [(r.item_id, r.from_level, r.to_level) for r in plan.raises] == [("A2", 1, 2)]
    assert plan.raises[0].gain == pytest.approx(25.0)
    assert plan.reachable


def test_same_item_raised_twice(mini_bank: Bank) -> None:
    """A at 0 needs 40 points = 160 weighted points: A2 twice (+100, +100)."""
    plan = plans(mini_bank, 0, 0, 4, 5, 4, 4, 4)["A"]
    assert [(r.item_id, r.from_level, r.to_level) for r in plan.raises] == [
        ("A2", 0, 1),
        ("A2", 1, 2),
    ]


def test_only_improvable_items_are_raised(mini_bank: Bank) -> None:
    """B = (100+100+100+0)/4 = 75, 5 short of S3: B4 0→1 adds 25/4 = 6.25."""
    plan = plans(mini_bank, 4, 2, 0, 5, 4, 4, 0)["B"]
    assert [(r.item_id, r.from_level, r.to_level) for r in plan.raises] == [("B4", 0, 1)]
    assert plan.raises[0].gain == pytest.approx(6.25)


def test_top_stage_needs_nothing(mini_bank: Bank) -> None:
    """At the top stage there is no next stage and no raise."""
    plan = plans(mini_bank, 4, 2, 0, 5, 4, 4, 4)["A"]
    assert plan.next_stage_id is None and plan.raises == ()


def test_unanswered_items_listed_first(mini_bank: Bank) -> None:
    """Don't-know and blank items are named for answering, never raised."""
    plan = plans(mini_bank, 1, DK, BLANK, 5, 4, 4, 4)["A"]
    assert plan.unanswered == ("A2", "A3")
    assert all(r.item_id == "A1" for r in plan.raises)


def test_trap_items_only_on_trap_levels(bundled_bank: Bank) -> None:
    """Only an answer at one of an item's ``trap_levels`` is flagged: level 0 ("not yet")
    never is, level 5 (the traffic way, the answer after the ladder on the trap items) is,
    levels 1-4 (rungs) are not."""
    traps = [i.id for i in bundled_bank.items if i.trap_levels]
    assert traps and all(i.trap_levels == [5] for i in bundled_bank.items if i.trap_levels)
    n = len(bundled_bank.items)
    assert trap_items(bundled_bank, np.zeros(n, dtype=int)) == []
    codes = np.array([5 if i.trap_levels else 4 for i in bundled_bank.items])
    assert trap_items(bundled_bank, codes) == traps
    assert trap_items(bundled_bank, np.ones(n, dtype=int)) == []
    assert trap_items(bundled_bank, np.full(n, 2)) == []
