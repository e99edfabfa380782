"""One assessment as typed models: the same numbers as the engine's table, clear mismatches."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Bank, load_bank, score
from scoring.answers import BLANK, DK, NA
from scoring.assess import assess, assess_codes
from scoring.errors import AnswersMismatchError

# mini bank item order: A1 A2 A3 | B1 B2 B3 B4 (see tests/data/banks/mini.yaml)


def test_hand_computed_assessment(mini_bank: Bank) -> None:
    """A: A1=2 → 50, A2=na, A3=1 (reverse) → 75: (50 + 75)/2 = 62.5, coverage 2/2 = 1.
    B: B1=5 → 100, B2=dk, B3=blank, B4=4 → 100: coverage 2/4 = 0.5 < 0.75 → no score.
    Overall is empty because B is; A is in S2 (≥ 40), gated by A1 (50 → S2)."""
    result = assess(mini_bank, {"A1": "2", "A2": "na", "A3": "1", "B1": "5", "B2": "dk", "B4": "4"})
    a, b = result.dimension("A"), result.dimension("B")
    assert (a.score, a.stage, a.coverage, a.gated_item, a.gated_stage) == (
        62.5,
        "S2",
        1.0,
        "A1",
        "S2",
    )
    assert (a.answered, a.na, a.dk, a.blank, a.flag) == (2, 1, 0, 0, None)
    assert (b.score, b.coverage, b.flag, b.dk, b.blank) == (None, 0.5, "low_coverage", 1, 1)
    assert result.overall is None and result.overall_stage is None
    assert result.item("A3").score == 75.0 and result.item("A2").code == NA
    assert result.answers() == {"A1": "2", "A2": "na", "A3": "1", "B1": "5", "B2": "dk", "B4": "4"}
    assert result.summary().dimensions == {"A": 62.5, "B": None}


def test_no_next_steps_for_a_dimension_below_min_coverage(mini_bank: Bank) -> None:
    """B has answers but too few to score: its plan raises nothing and asks for answers."""
    result = assess(mini_bank, {"A1": "2", "B1": "1", "B2": "dk", "B4": "0"})
    plan = result.plan("B")
    assert plan.score is None and plan.raises == () and plan.next_stage_id is None
    assert plan.unanswered == ("B2", "B3")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"A1": "7"}, "the answer '7' to A1 is not one of its levels (0–4, na, dk)"),
        ({"A2": "3"}, "the answer '3' to A2 is not one of its levels (0–2, na, dk)"),
        ({"Z9": "1"}, "Z9 is not a question of bank mini 0.1"),
        ({"A1": "maybe"}, "the answer 'maybe' to A1 is not one of its levels"),
    ],
)
def test_answers_that_do_not_fit_the_bank(
    mini_bank: Bank, answers: dict[str, str], message: str
) -> None:
    """Saved answers that a changed bank cannot hold give a clear, typed error."""
    with pytest.raises(AnswersMismatchError, match=r"do not fit the question bank mini 0\.1") as e:
        assess(mini_bank, answers)
    assert message in str(e.value)


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_assess_agrees_with_the_score_table(mini_bank: Bank, data: st.DataObject) -> None:
    """For random answers, every number of `assess` equals the `score` table's cell."""
    layout = mini_bank.layout
    codes = [data.draw(st.sampled_from([NA, DK, BLANK, *range(int(n))])) for n in layout.n_levels]
    result = assess_codes(mini_bank, np.array(codes, dtype=np.int8))
    cells = {
        i: ("" if c == BLANK else "na" if c == NA else "dk" if c == DK else c)
        for i, c in zip(layout.item_ids, codes, strict=True)
    }
    row = score(mini_bank, pd.DataFrame([{"respondent": "r", **cells}])).iloc[0]

    def same(a: float | None, b: float) -> bool:
        return (a is None and math.isnan(b)) or (a is not None and math.isclose(a, b))

    assert same(result.overall, row["overall.score"])
    for dim in result.dimensions:
        assert same(dim.score, row[f"{dim.id}.score"])
        assert same(dim.coverage, row[f"{dim.id}.coverage"])
        assert dim.stage == (None if pd.isna(row[f"{dim.id}.stage"]) else row[f"{dim.id}.stage"])
        assert dim.gated_item == (
            None if pd.isna(row[f"{dim.id}.gated_item"]) else row[f"{dim.id}.gated_item"]
        )


TRAPS = """\
id: t
version: "1"
languages: [en]
title: {en: T}
stages: [{id: S1, min: 0, name: {en: One}}, {id: S2, min: 50, name: {en: Two}}]
dimensions:
  - id: D
    name: {en: D}
    items:
      - id: T1
        prompt: {en: Q}
        levels: [{en: not yet}, {en: traffic way}, {en: some}, {en: most}, {en: all}]
        trap_levels: [1]
        effort: [1, 2, 3, 3]
      - id: T2
        prompt: {en: Q}
        levels: [{en: a}, {en: b}, {en: c}]
        trap: true
"""


@pytest.fixture
def trap_bank(tmp_path: Path) -> Bank:
    path = tmp_path / "t.yaml"
    path.write_text(TRAPS)
    return load_bank(path)


@pytest.mark.parametrize(
    ("answers", "traps"),
    [
        ({"T1": "0", "T2": "2"}, ()),  # not yet started: no warning
        ({"T1": "1", "T2": "2"}, ("T1",)),  # the trap level itself
        ({"T1": "2", "T2": "0"}, ("T2",)),  # format 1.0 `trap: true`: the lower half (level 0)
        ({"T1": "dk", "T2": "na"}, ()),
    ],
)
def test_trap_fires_only_on_trap_levels(
    trap_bank: Bank, answers: dict[str, str], traps: tuple[str, ...]
) -> None:
    """`trap_levels` names the levels that show the trap; level 0 ("not yet") is neutral."""
    assert assess(trap_bank, answers).traps == traps


def test_effort_per_step(trap_bank: Bank) -> None:
    """T1 at level 2 → 3 costs effort 3 (its third step); from level 0 it costs 1.
    D = (50 + 0)/2 = 25 at T1=2, T2=0: 25 short of S2; T2 0→1 (+50/2 = 25, effort 2 by
    default) beats T1 2→3 (+25/2 = 12.5, effort 3)."""
    plan = assess(trap_bank, {"T1": "2", "T2": "0"}).plan("D")
    assert [(r.item_id, r.from_level, r.effort) for r in plan.raises] == [("T2", 0, 2)]
    assert trap_bank.item("T1").step_effort(0, 2) == 1
    assert trap_bank.item("T1").step_effort(2, 2) == 3


def test_a_trap_level_scores_zero_and_is_stepped_over(trap_bank: Bank) -> None:
    """T1 at its trap level 1 scores 0, not 25 (the traffic way is no progress), so it is
    also the weakest link; the plan from 0 or from the trap goes straight to level 2.
    D at T1=1, T2=2: (0 + 100)/2 = 50 → S2; at T1=0, T2=0: 0, 50 short of S2:
    T1 0→2 (+50/2 = 25, effort 1) then T2 0→1 (+25, effort 2)."""
    result = assess(trap_bank, {"T1": "1", "T2": "2"})
    assert result.item("T1").score == 0.0
    assert result.dimension("D").score == 50.0 and result.dimension("D").gated_item == "T1"
    plan = assess(trap_bank, {"T1": "0", "T2": "0"}).plan("D")
    assert [(r.item_id, r.from_level, r.to_level, r.gain) for r in plan.raises] == [
        ("T1", 0, 2, 25.0),
        ("T2", 0, 1, 25.0),
    ]
