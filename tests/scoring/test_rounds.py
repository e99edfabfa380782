"""Shift between rounds and cross-role consensus: hand-computed vectors and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Bank
from scoring.answers import DK, NA
from scoring.group import group_stats
from scoring.rounds import cross_role_consensus, item_shifts

# mini bank items in order: A1 (5 levels), A2 (3), A3 (5, reverse), B1 (6), B2, B3, B4 (5)
ITEMS = ["A1", "A2", "A3", "B1", "B2", "B3", "B4"]


def codes(rows: list[list[int]]) -> np.ndarray:
    return np.array(rows, dtype=np.int8)


def test_cross_role_consensus_by_hand(mini_bank: Bank) -> None:
    """A1: everyone = [2, 2, 3, 0, 1, 4], median 2; within one level: A 3 of 3, B 1 of 3:
    (3+1)/(3+2) · (1+1)/(3+2) = 0.8 · 0.4 = 0.32.
    A2 (3 levels): all answer 1: median 1, all agree: (3+1)/5 · (3+1)/5 = 0.64.
    B1: A answers 5, 5, 5 and B answers 0, 0, 0: median 2.5, nobody within one level:
    (0+1)/5 · (0+1)/5 = 0.04.
    B2: A all don't know, B 4, 4, 4: only B counts: (3+1)/5 = 0.8.
    B3: nobody answers with a level: None."""
    filler = [3, 3, 3, 3]  # A3, B4 and others not checked here
    a = [
        [2, 1, filler[0], 5, DK, NA, 3],
        [2, 1, filler[1], 5, DK, NA, 3],
        [3, 1, filler[2], 5, DK, DK, 3],
    ]
    b = [
        [0, 1, 3, 0, 4, NA, 3],
        [1, 1, 3, 0, 4, NA, 3],
        [4, 1, 3, 0, 4, DK, 3],
    ]
    got = cross_role_consensus(mini_bank, codes(a + b), ["A"] * 3 + ["B"] * 3)
    assert got["A1"] == pytest.approx(0.32)
    assert got["A2"] == pytest.approx(0.64)
    assert got["B1"] == pytest.approx(0.04)
    assert got["B2"] == pytest.approx(0.8)
    assert got["B3"] is None


def test_hidden_respondents_count_in_the_median_only(mini_bank: Bank) -> None:
    """A hidden small role (None) moves the median but is no factor: answers [0, 0, 4, 4, 4]
    with the two 0s hidden: median 4; group X (4, 4, 4) agrees fully: (3+1)/(3+2) = 0.8."""
    rows = [[0] * 7, [0] * 7, [4] * 7, [4] * 7, [4] * 7]
    got = cross_role_consensus(mini_bank, codes(rows), [None, None, "X", "X", "X"])
    assert got["A1"] == pytest.approx(0.8)


def test_one_dissenting_role_pulls_consensus_down(mini_bank: Bank) -> None:
    """Three roles agreeing: (4/5)³ = 0.512; one of them dissenting entirely: (4/5)² · 1/5."""
    agree = [[2] * 7] * 9
    roles = ["A"] * 3 + ["B"] * 3 + ["C"] * 3
    assert cross_role_consensus(mini_bank, codes(agree), roles)["A1"] == pytest.approx(0.512)
    dissent = [[2] * 7] * 6 + [[4, 2, 2, 5, 4, 4, 4]] * 3
    # median of [2]*6 + [4]*3 for A1 is 2; C's 4 is two levels away
    got = cross_role_consensus(mini_bank, codes(dissent), roles)["A1"]
    assert got == pytest.approx(0.8 * 0.8 * 0.2)


def test_shift_by_hand(mini_bank: Bank) -> None:
    """Three participants; round 2 changes A1 for two of them (1→3, 2→3) and nothing else.
    A1 before: 1, 2, 3 (mean 2, sd 1, rwg 1 − 1/2 = 0.5); after: 3, 3, 3 (mean 3, sd 0,
    rwg 1): changed 2, mean change +1."""
    before = codes([[1, 1, 1, 1, 1, 1, 1], [2, 1, 1, 1, 1, 1, 1], [3, 1, 1, 1, 1, 1, 1]])
    after = before.copy()
    after[:, 0] = 3
    shifts = item_shifts(
        mini_bank, group_stats(mini_bank, before), group_stats(mini_bank, after), before, after
    )
    a1 = shifts["A1"]
    assert (a1.changed, a1.n_before, a1.n_after) == (2, 3, 3)
    assert a1.mean_before == pytest.approx(2.0) and a1.mean_after == pytest.approx(3.0)
    assert a1.mean_change == pytest.approx(1.0)
    assert a1.rwg_before == pytest.approx(0.5) and a1.rwg_after == pytest.approx(1.0)
    assert shifts["A2"].changed == 0 and shifts["A2"].mean_change == pytest.approx(0.0)


def test_shift_counts_a_change_to_dont_know(mini_bank: Bank) -> None:
    before = codes([[2] * 7, [2] * 7])
    after = codes([[DK] + [2] * 6, [2] * 7])
    shifts = item_shifts(
        mini_bank, group_stats(mini_bank, before), group_stats(mini_bank, after), before, after
    )
    assert shifts["A1"].changed == 1
    assert (shifts["A1"].n_before, shifts["A1"].n_after) == (2, 1)
    assert shifts["A1"].rwg_after is None  # one level answer: undefined


answer_rows = st.lists(
    st.lists(st.sampled_from([0, 1, 2, DK, NA]), min_size=7, max_size=7), min_size=1, max_size=12
)


@settings(max_examples=60, deadline=None)
@given(rows=answer_rows, data=st.data())
def test_consensus_is_a_probability_and_no_round_changes_nothing(
    mini_bank: Bank, rows: list[list[int]], data: st.DataObject
) -> None:
    """Consensus lies in (0, 1); unchanged answers show no change; relabelling groups (same
    partition, other names) leaves consensus as it was."""
    grid = codes(rows)
    people = len(rows)
    groups = data.draw(
        st.lists(st.sampled_from(["x", "y", None]), min_size=people, max_size=people)
    )
    got = cross_role_consensus(mini_bank, grid, groups)
    for value in got.values():
        assert value is None or 0 < value < 1
    renamed = [{"x": "q", "y": "p", None: None}[g] for g in groups]
    assert cross_role_consensus(mini_bank, grid, renamed) == got
    stats = group_stats(mini_bank, grid)
    for shift in item_shifts(mini_bank, stats, stats, grid, grid).values():
        assert shift.changed == 0
        assert shift.mean_change in (None, 0.0)


def test_mostly_guessed_by_hand(mini_bank: Bank) -> None:
    """A: 3 items answered, 2 guesses (2 > 1.5): mostly guessed. B: 4 answered, 2 guesses
    (2 is not more than half): not. Unanswered guesses do not count."""
    from scoring.evidence import check_confidence, mostly_guessed

    answers = {i: "1" for i in ITEMS}
    confidence = {"A1": "guess", "A2": "guess", "A3": "sure", "B1": "guess", "B2": "guess"}
    assert mostly_guessed(mini_bank, answers, confidence) == ["A"]
    del answers["A3"]
    assert mostly_guessed(mini_bank, answers, confidence) == ["A"]
    assert mostly_guessed(mini_bank, {}, confidence) == []
    assert check_confidence("fairly") == "fairly" and check_confidence(None) is None
    with pytest.raises(ValueError, match="sure, fairly, guess"):
        check_confidence("maybe")


def test_group_statistics_count_a_trap_level_as_not_yet() -> None:
    """On an item whose level 1 is the trap, answers 1, 1, 4 have the mean of 0, 0, 4 (4/3),
    not of 1, 1, 4 (2); the distribution still shows the answers as given."""
    from scoring import Bank

    bank = Bank.from_data(
        {
            "id": "t",
            "version": "1",
            "languages": ["en"],
            "title": {"en": "T"},
            "stages": [{"id": "S1", "min": 0, "name": {"en": "S1"}}],
            "dimensions": [
                {
                    "id": "D",
                    "name": {"en": "D"},
                    "items": [
                        {
                            "id": "D.1",
                            "prompt": {"en": "p"},
                            "levels": [{"en": f"l{k}"} for k in range(5)],
                            "trap_levels": [1],
                        }
                    ],
                }
            ],
        }
    )
    stats = group_stats(bank, codes([[1], [1], [4]])).items["D.1"]
    assert stats.mean == pytest.approx(4 / 3)
    assert stats.distribution["1"] == 2 and stats.distribution["4"] == 1
    # sd of 0, 0, 4 = 4/√3; rwg = 1 − (16/3)/2 clamped to 0
    assert stats.sd == pytest.approx(4 / 3**0.5)
    assert stats.rwg == pytest.approx(0.0)
