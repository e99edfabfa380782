"""Progress between two assessments: hand-computed vectors on the mini bank, and invariants."""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Bank
from scoring.answers import BLANK, DK, NA, stored
from scoring.progress import Progress, compare

from ..conftest import DATA

# mini bank (tests/data/banks/mini.yaml): A (weight 2) = A1 (5 levels), A2 (3 levels, weight 2),
# A3 (5 levels, reverse) | B (weight 1) = B1 (6 levels), B2, B3, B4 (5 levels).
# Stages S1 ≥ 0, S2 ≥ 40, S3 ≥ 80; item score 100·a/(L−1) (100 − that when reverse).

# A = (25 + 2·50 + 25)/4 = 37.5 (S1); B = (20 + 25 + 25 + 25)/4 = 23.75 (S1);
# overall = (2·37.5 + 23.75)/3 = 32.916… (S1).
# Its plans: A is 2.5 short of S2 → A2 1→2 (+25); B is 16.25 short (65 weighted points) →
# B2 1→2, 2→3, 3→4 (+25 each, all effort 2, ties to bank order: B2 stays the first).
BASELINE = {"A1": "1", "A2": "1", "A3": "3", "B1": "1", "B2": "1", "B3": "1", "B4": "1"}
# A = (75 + 2·100 + 25)/4 = 75 (S2); B = (20 + 75 + 0 + 25)/4 = 30 (S1);
# overall = (2·75 + 30)/3 = 60 (S2).
CURRENT = {"A1": "3", "A2": "2", "A3": "3", "B1": "1", "B2": "3", "B3": "0", "B4": "1"}


def steps(progress: Progress) -> list[tuple[str, int, int, bool | None]]:
    return [(s.step.item_id, s.step.from_level, s.step.to_level, s.reached) for s in progress.steps]


def test_one_bank_version_by_hand(mini_bank: Bank) -> None:
    """A: 37.5 → 75 (+37.5, S1 → S2, one stage up); contributions over W = 4 answered weight:
    A2 2·(100 − 50)/4 = 25, A1 (75 − 25)/4 = 12.5, A3 0 — they add up to 37.5.
    B: 23.75 → 30 (+6.25, S1 stays): B2 (75 − 25)/4 = 12.5, B3 (0 − 25)/4 = −6.25."""
    progress = compare(mini_bank, BASELINE, mini_bank, CURRENT)
    a, b = progress.dimension("A"), progress.dimension("B")
    assert (a.before, a.after, a.change) == (37.5, 75.0, 37.5)
    assert (a.stage_before, a.stage_after, a.stages_crossed, a.direction) == ("S1", "S2", 1, "up")
    assert [(i.item_id, i.contribution) for i in a.items] == [("A2", 25.0), ("A1", 12.5), ("A3", 0)]
    assert [(i.level_before, i.level_after, i.change) for i in a.items[:2]] == [
        (1, 2, 50.0),
        (1, 3, 50.0),
    ]
    assert (b.before, b.after, b.change, b.stages_crossed, b.direction) == (
        23.75,
        30.0,
        6.25,
        0,
        None,
    )
    assert [i.item_id for i in b.rose] == ["B2"] and [i.item_id for i in b.fell] == ["B3"]
    assert b.fell[0].contribution == -6.25
    assert progress.overall_before == pytest.approx(98.75 / 3)
    assert progress.overall_after == 60.0
    assert progress.overall_change == pytest.approx(60.0 - 98.75 / 3)
    assert (progress.overall_stage_before, progress.overall_stage_after) == ("S1", "S2")
    assert progress.overall_stages_crossed == 1
    assert progress.same_bank
    assert (progress.not_comparable, progress.added, progress.removed) == ((), (), ())


def test_next_steps_of_the_baseline_marked_reached(mini_bank: Bank) -> None:
    """A2 now at 2 reaches 1→2; B2 now at 3 reaches 1→2 and 2→3, not 3→4."""
    progress = compare(mini_bank, BASELINE, mini_bank, CURRENT)
    assert steps(progress) == [
        ("A2", 1, 2, True),
        ("B2", 1, 2, True),
        ("B2", 2, 3, True),
        ("B2", 3, 4, False),
    ]
    assert len(progress.reached) == 3
    assert [s.level_now for s in progress.steps] == [2, 3, 3, 3]


def test_going_back_crosses_a_stage_down(mini_bank: Bank) -> None:
    """The same two assessments the other way round: A falls 37.5 and one stage."""
    progress = compare(mini_bank, CURRENT, mini_bank, BASELINE)
    a = progress.dimension("A")
    assert (a.change, a.stages_crossed, a.direction) == (-37.5, -1, "down")
    assert [i.item_id for i in a.fell] == ["A2", "A1"] and a.rose == ()
    assert progress.overall_stages_crossed == -1


@pytest.mark.parametrize(("a3_now", "reached"), [("3", True), ("2", True), ("4", False)])
def test_a_reverse_item_reaches_its_step_downwards(
    mini_bank: Bank, a3_now: str, reached: bool
) -> None:
    """A = (100 + 2·100 + 0)/4 = 75, 5 short of S3: the only raise is A3 (reverse) 4→3
    (+25/4 = 6.25). A lower level of a reverse item is further along."""
    before = {"A1": "4", "A2": "2", "A3": "4", "B1": "5", "B2": "4", "B3": "4", "B4": "4"}
    progress = compare(mini_bank, before, mini_bank, {**before, "A3": a3_now})
    assert steps(progress) == [("A3", 4, 3, reached)]


def test_an_unscored_dimension_has_no_change(mini_bank: Bank) -> None:
    """B at the baseline with B1 answered, B2 and B4 dk, B3 na (coverage 1/3 < 0.75) has no
    score: no change, no stage crossed (now B = (100 + 75 + 0 + 25)/4 = 50); B3 went from na
    to level 0, which is no score change either."""
    before = {**BASELINE, "B2": "dk", "B3": "na", "B4": "dk"}
    progress = compare(mini_bank, before, mini_bank, {**CURRENT, "B1": "5"})
    b = progress.dimension("B")
    assert (b.before, b.after, b.change, b.stages_crossed) == (None, 50.0, None, 0)
    assert progress.overall_before is None and progress.overall_change is None
    b3 = next(i for i in b.items if i.item_id == "B3")
    assert (b3.level_before, b3.level_after, b3.change, b3.moved) == (None, 0, None, False)


def mini_v2(mini_bank: Bank) -> Bank:
    """Version 0.2: A2 now has five levels (not comparable), B4 is gone, B5 is new."""
    data: dict[str, Any] = yaml.safe_load((DATA / "banks" / "mini.yaml").read_text("utf-8"))
    data = copy.deepcopy(data)
    data["version"] = "0.2"
    a2 = data["dimensions"][0]["items"][1]
    a2["levels"] = copy.deepcopy(data["dimensions"][0]["items"][0]["levels"])
    b_items = data["dimensions"][1]["items"]
    b_items[3] = {
        **copy.deepcopy(b_items[3]),
        "id": "B5",
        "prompt": {"en": "Fifth", "zh-Hans": "五"},
    }
    return Bank.from_data(data)


def test_two_bank_versions_by_hand(mini_bank: Bank) -> None:
    """Each side scored on its own version. Current on 0.2: A1=3 (75), A2=4 of 0–4 (100),
    A3=3 (25): A = (75 + 200 + 25)/4 = 75 (+37.5, S1 → S2); comparable A1 (75 − 25)/4 = 12.5,
    A3 0. B1=1 (20), B2=3 (75), B3=0 (0), B5=4 (100): B = 195/4 = 48.75 (+25, S1 → S2).
    Overall (2·75 + 48.75)/3 = 66.25. The baseline's step on A2 cannot be judged."""
    v2 = mini_v2(mini_bank)
    now = {"A1": "3", "A2": "4", "A3": "3", "B1": "1", "B2": "3", "B3": "0", "B5": "4"}
    progress = compare(mini_bank, BASELINE, v2, now)
    assert not progress.same_bank
    assert progress.not_comparable == ("A2",)
    assert (progress.added, progress.removed) == (("B5",), ("B4",))
    a, b = progress.dimension("A"), progress.dimension("B")
    assert (a.change, a.stages_crossed) == (37.5, 1)
    assert [(i.item_id, i.contribution) for i in a.items] == [("A1", 12.5), ("A3", 0.0)]
    assert (b.before, b.after, b.change, b.stages_crossed) == (23.75, 48.75, 25.0, 1)
    assert [i.item_id for i in b.items] == ["B2", "B3", "B1"]
    assert progress.overall_after == pytest.approx(66.25)
    assert steps(progress) == [
        ("A2", 1, 2, None),
        ("B2", 1, 2, True),
        ("B2", 2, 3, True),
        ("B2", 3, 4, False),
    ]


def answers(bank: Bank, codes: list[int]) -> dict[str, str]:
    return {
        i: text for i, c in zip(bank.layout.item_ids, codes, strict=True) if (text := stored(c))
    }


def codes_of(bank: Bank, data: st.DataObject) -> list[int]:
    return [
        data.draw(st.sampled_from([NA, DK, BLANK, *range(int(n))])) for n in bank.layout.n_levels
    ]


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_an_assessment_compared_with_itself(mini_bank: Bank, data: st.DataObject) -> None:
    """Against itself nothing changes: zero (or no) change everywhere, no stage crossed, and
    no next step reached (every step leads beyond the level it starts from)."""
    mine = answers(mini_bank, codes_of(mini_bank, data))
    progress = compare(mini_bank, mine, mini_bank, mine)
    assert progress.overall_change in (None, 0.0) and progress.overall_stages_crossed == 0
    for dim in progress.dimensions:
        assert dim.change == (None if dim.before is None else 0.0)
        assert dim.stages_crossed == 0 and dim.stage_before == dim.stage_after
        assert not any(i.moved for i in dim.items)
        assert all(i.change in (None, 0.0) and i.contribution in (None, 0.0) for i in dim.items)
    assert progress.reached == ()
    assert (progress.not_comparable, progress.added, progress.removed) == ((), (), ())


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_contributions_add_up_to_the_change(mini_bank: Bank, data: st.DataObject) -> None:
    """With the same items answered with a level both times, a dimension's contributions add
    up to its change."""
    first = codes_of(mini_bank, data)
    second = [
        data.draw(st.integers(0, int(n) - 1)) if c >= 0 else c
        for c, n in zip(first, mini_bank.layout.n_levels, strict=True)
    ]
    progress = compare(mini_bank, answers(mini_bank, first), mini_bank, answers(mini_bank, second))
    for dim in progress.dimensions:
        if dim.change is not None:
            total = float(np.sum([i.contribution or 0.0 for i in dim.items]))
            assert math.isclose(total, dim.change, abs_tol=1e-9)
