"""Trap answers beside the ladder: a trap level listed after every other level is not a rung.

One hand-made bank, one dimension, two items with five rungs each:
  L (ladder + side trap): levels 0..4 and the trap at level 5, trap_levels [5];
  K (the 2.0-2.5 placement): levels 0..4 with the trap at level 1, trap_levels [1].
Expected figures are worked out by hand in each test's docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from huigui.i18n import answer_label, level_tag
from scoring import Bank
from scoring.assess import assess_codes
from scoring.group import group_stats, median_levels


def _levels(n: int) -> list[dict[str, str]]:
    return [{"en": f"level {k}"} for k in range(n)]


def _steps(n: int) -> list[dict[str, str]]:
    return [{"en": f"step {k}"} for k in range(n)]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.from_data(
        {
            "id": "side",
            "version": "1",
            "languages": ["en"],
            "title": {"en": "Side traps"},
            "stages": [
                {"id": "S1", "min": 0, "name": {"en": "one"}},
                {"id": "S2", "min": 20, "name": {"en": "two"}},
                {"id": "S3", "min": 60, "name": {"en": "three"}},
            ],
            "dimensions": [
                {
                    "id": "D",
                    "name": {"en": "D"},
                    "items": [
                        {
                            "id": "L",
                            "prompt": {"en": "ladder with a side trap"},
                            "levels": _levels(6),
                            "trap_levels": [5],
                            "next_step": _steps(5),
                            "effort": [1, 1, 2, 2, 3],
                        },
                        {
                            "id": "K",
                            "prompt": {"en": "trap at level 1"},
                            "levels": _levels(5),
                            "trap_levels": [1],
                            "next_step": _steps(4),
                            "effort": [1, 2, 2, 2],
                        },
                    ],
                }
            ],
        }
    )


def test_scores(bank: Bank) -> None:
    """L: rungs 0..4 score 100·a/4 = 0, 25, 50, 75, 100 and the side trap 0 (top = 4, not 5).
    K (unchanged): 0, 0 (trap), 50, 75, 100 = 100·a/(L−1) with the trap at 0."""
    table = bank.layout.score_table
    assert table[0].tolist() == [0.0, 25.0, 50.0, 75.0, 100.0, 0.0]
    assert table[1, :5].tolist() == [0.0, 0.0, 50.0, 75.0, 100.0] and np.isnan(table[1, 5])
    assert (bank.item("L").top_level, bank.item("K").top_level) == (4, 4)


def test_step_targets(bank: Bank) -> None:
    """Where the step up from each answer leads, one rule for the planner and the bank browser.
    L: 0→1, 1→2, 2→3, 3→4, the top (4) has none, the side trap (5) goes onto the ladder at 1.
    K: from 0 the trap level 1 is skipped (0→2), 1→2, 2→3, 3→4, the top (4) has none."""
    steps = {
        i: [bank.item(i).step_target(k) for k in range(len(bank.item(i).levels))] for i in "LK"
    }
    assert steps == {"L": [1, 2, 3, 4, None, 1], "K": [2, 2, 3, 4, None]}


def test_plan_from_not_yet_and_from_the_trap(bank: Bank) -> None:
    """L at 0, K at 4: D = (0 + 100)/2 = 50, 10 short of S3 (60) = 20 weighted points.
    L 0→1 gains 25 at effort[0] = 1 (25 per effort) with next_step[0]: one raise.
    L at its side trap (5): same score; its raise goes onto the ladder, 5→1, with the last
    entry of next_step and effort (index 4: effort 3), since the top (4) has no entry."""
    (plan,) = assess_codes(bank, np.array([0, 4], dtype=np.int8)).plans
    (step,) = plan.raises
    assert (step.item_id, step.from_level, step.to_level, step.gain, step.effort) == (
        "L",
        0,
        1,
        12.5,
        1,
    )
    assert step.next_step == {"en": "step 0"}
    (plan,) = assess_codes(bank, np.array([5, 4], dtype=np.int8)).plans
    (step,) = plan.raises
    assert (step.from_level, step.to_level, step.effort) == (5, 1, 3)
    assert step.next_step == {"en": "step 4"}


def test_trap_warning_and_score(bank: Bank) -> None:
    """A side-trap answer scores 0 and is flagged; level 0 is not."""
    result = assess_codes(bank, np.array([5, 2], dtype=np.int8))
    assert result.item("L").score == 0.0 and result.traps == ("L",)
    assert assess_codes(bank, np.array([0, 2], dtype=np.int8)).traps == ()


def test_group_statistics_read_the_ladder(bank: Bank) -> None:
    """Answers to L: 5 (trap), 5, 4, 4. Counted on the ladder the traps are 0:
    values 0, 0, 4, 4 → mean 2, sd² = (4+4+4+4)/3 = 16/3; σ²_EU over the 5 rungs = (25−1)/12
    = 2, so rwg = clip(1 − (16/3)/2) = 0; polarised (half in the lowest two rungs, half in the
    highest two). The distribution keeps the answers as given (two at "5")."""
    codes = np.array([[5, 2], [5, 2], [4, 2], [4, 2]], dtype=np.int8)
    s = group_stats(bank, codes).items["L"]
    assert s.mean == pytest.approx(2.0) and s.sd == pytest.approx((16 / 3) ** 0.5)
    assert s.rwg == 0.0 and s.polarized
    assert s.distribution["5"] == 2 and s.distribution["4"] == 2


def test_rwg_uses_the_ladders_length(bank: Bank) -> None:
    """Answers 1 and 2 to L: sd² = 0.5; σ²_EU over 5 rungs = 2 → rwg 0.75 (over 6 levels it
    would be 1 − 0.5/(35/12) = 0.829)."""
    codes = np.array([[1, 2], [2, 2]], dtype=np.int8)
    assert group_stats(bank, codes).items["L"].rwg == pytest.approx(0.75)


def test_median_ranks_the_trap_just_above_not_yet(bank: Bank) -> None:
    """Answers 0, 5, 5, 3 ranked as scored: 0, 5 (trap), 5, 3 → lower middle = the trap;
    answers 5, 3, 4 → 5, 3, 4 → middle 3. K keeps the floor of the plain median."""
    codes = np.array([[0, 0], [5, 2], [5, 4], [3, 4]], dtype=np.int8)
    assert median_levels(bank, codes) == {"L": "5", "K": "3"}
    assert median_levels(bank, np.array([[5, 2], [3, 2], [4, 2]], dtype=np.int8))["L"] == "3"


def test_labels(bank: Bank) -> None:
    """A side trap is named "Or", never by a number a respondent could rank; rungs by number."""
    item = bank.item("L")
    assert [level_tag(item, k, "en") for k in range(6)] == ["0", "1", "2", "3", "4", "Or"]
    assert level_tag(bank.item("K"), 1, "en") == "1"
    assert answer_label(bank, "L", "5", "en") == "Or · level 5"
