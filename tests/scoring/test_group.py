"""Group statistics against hand-computed vectors (tests/data/responses/workshop_mini.csv).

respondent role  A1 A2 A3 | B1 B2 B3 B4      A1, A3, B2..B4: 5 levels; A2: 3; B1: 6
r1         boss   4  2  0 |  5  4  4  4      A3 is reverse-scored
r2         boss   4  2  1 |  5  4  3  4
r3         line   3  0  4 |  0  0  1  0
r4         line  dk  0  3 | na  0  0  1
"""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Bank, parse_answers, read_responses
from scoring.group import (
    OTHER_ROLES,
    RoleGrouping,
    answers_by_role,
    group_roles,
    group_stats,
    role_gaps,
    shared_grouping,
)

from ..conftest import DATA


@pytest.fixture
def answers(mini_bank: Bank):  # type: ignore[no-untyped-def]
    return parse_answers(mini_bank, read_responses(DATA / "responses" / "workshop_mini.csv"))


def test_item_statistics(mini_bank: Bank, answers) -> None:  # type: ignore[no-untyped-def]
    """n, mean, sample sd, rwg, distribution and polarisation per item."""
    items = group_stats(mini_bank, answers.codes).items
    a1 = items["A1"]
    # numeric answers 4, 4, 3: mean 11/3; var = (1/9 + 1/9 + 4/9)/2 = 1/3; σ²_EU = (25−1)/12 = 2
    assert (a1.n, a1.mean) == (3, pytest.approx(11 / 3))
    assert a1.sd == pytest.approx(math.sqrt(1 / 3))
    assert a1.sd == pytest.approx(statistics.stdev([4, 4, 3]))  # independent oracle
    assert a1.rwg == pytest.approx(1 - (1 / 3) / 2)  # 5/6
    assert a1.distribution == {"0": 0, "1": 0, "2": 0, "3": 1, "4": 2, "na": 0, "dk": 1}
    assert a1.polarized is False
    # A2 (3 levels): 2, 2, 0, 0 → var 4/3 > σ²_EU = 8/12 → rwg clamped to 0; split → polarised
    assert items["A2"].rwg == 0.0 and items["A2"].polarized is True
    # B1 (6 levels): 5, 5, 0 → lowest two {0,1} hold 1/3, highest two {4,5} hold 2/3
    assert items["B1"].polarized is True
    assert items["B1"].distribution["na"] == 1
    # B4: 4, 4, 0, 1 → mean 2.25, var = (3.0625·2 + 5.0625 + 1.5625)/3 = 4.25
    assert items["B4"].sd == pytest.approx(math.sqrt(4.25))


def test_dimension_statistics_for_one_role(mini_bank: Bank, answers) -> None:  # type: ignore[no-untyped-def]
    """rwg(J) over the items of dimension A for the two 'boss' respondents."""
    boss = answers_by_role(answers)["boss"]
    dim = group_stats(mini_bank, boss).dimensions["A"]
    # A1 4,4 (var 0); A2 2,2 (var 0); A3 0,1 (var 0.5, /2 = 0.25): v̄ = 0.25/3 = 1/12
    # rwg_j = 3(1 − 1/12) / (3(1 − 1/12) + 1/12) = 33/34
    assert dim.rwg_j == pytest.approx(33 / 34)
    # scores: r1 = (100 + 2·100 + 100)/4 = 100; r2 = (100 + 200 + 75)/4 = 93.75
    assert (dim.n, dim.mean) == (2, pytest.approx(96.875))
    assert dim.sd == pytest.approx(statistics.stdev([100, 93.75]))


def test_dimension_shares_and_capped_disagreement(mini_bank: Bank, answers) -> None:  # type: ignore[no-untyped-def]
    """dk/na shares over all cells; v̄ capped at 1 gives rwg_j = 0."""
    dims = group_stats(mini_bank, answers.codes).dimensions
    assert dims["A"].dk_share == pytest.approx(1 / 12)  # one dk in 4 × 3 cells
    assert dims["B"].na_share == pytest.approx(1 / 16)
    # A: v̄ = (1/6 + 2 + 5/3)/3 > 1 → capped at 1 → rwg_j = 0
    assert dims["A"].rwg_j == 0.0


def test_role_gaps(mini_bank: Bank, answers) -> None:  # type: ignore[no-untyped-def]
    """Gap = highest − lowest role mean of the dimension score."""
    per_role = {
        role: group_stats(mini_bank, codes) for role, codes in answers_by_role(answers).items()
    }
    gaps = role_gaps(mini_bank, per_role)
    # line: r3 = (75 + 0 + 0)/4 = 18.75; r4 (A1 dk, coverage 3/4) = (0·2 + 25)/3 = 8.33
    line = (18.75 + 25 / 3) / 2
    assert gaps.dimensions["A"].gap == pytest.approx(96.875 - line)
    assert (gaps.dimensions["A"].highest, gaps.dimensions["A"].lowest) == ("boss", "line")
    assert gaps.items["A1"].gap == pytest.approx(4 - 3)  # item means on the level scale


def test_nulls_when_too_few(mini_bank: Bank) -> None:
    """One respondent: no sd, no rwg; no item with n ≥ 2: rwg_j null."""
    one = np.array([[4, 2, 0, 5, 4, 4, 4]], dtype=np.int8)
    stats = group_stats(mini_bank, one)
    assert stats.items["A1"].sd is None and stats.items["A1"].rwg is None
    assert stats.dimensions["A"].rwg_j is None and stats.dimensions["A"].sd is None


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.integers(-3, 2), min_size=7, max_size=7), min_size=1, max_size=15))
def test_agreement_indices_within_bounds(mini_bank: Bank, rows: list[list[int]]) -> None:
    """rwg and rwg_j always lie in [0, 1]."""
    stats = group_stats(mini_bank, np.array(rows, dtype=np.int8))
    for item in stats.items.values():
        assert item.rwg is None or 0 <= item.rwg <= 1
    for dim in stats.dimensions.values():
        assert dim.rwg_j is None or 0 <= dim.rwg_j <= 1


def test_full_agreement_is_one(mini_bank: Bank) -> None:
    """Everybody gives the same level: rwg = 1 and rwg_j = 1."""
    same = np.tile(np.array([2, 1, 2, 3, 2, 2, 2], dtype=np.int8), (5, 1))
    stats = group_stats(mini_bank, same)
    assert all(i.rwg == 1.0 for i in stats.items.values())
    assert all(d.rwg_j == 1.0 for d in stats.dimensions.values())


def _sizes(grouping: RoleGrouping) -> tuple[dict[str, int], int]:
    """The shown groups' sizes, and how many people are in none of them."""
    shown = [s for s in grouping.shown if s is not None]
    groups = {g: shown.count(g) for g in set(shown)}
    return groups, len(grouping.shown) - len(shown)


@pytest.mark.parametrize(
    ("roles", "k", "shown"),
    [
        # UX2: 3 + 3 + 3 + a lone IT manager. Hiding IT alone left 10 − 9 = 1 by subtraction.
        (["e"] * 3 + ["m"] * 3 + ["f"] * 3 + ["it"], 3, {"m": 3, "f": 3, OTHER_ROLES: 4}),
        (["a"] * 2 + ["b"] * 2, 3, {OTHER_ROLES: 4}),
        (["a"] * 5 + ["b"], 3, {OTHER_ROLES: 6}),
        (["a"] * 5 + ["b"] * 4, 3, {"a": 5, "b": 4}),
        (["a"] * 3 + [None], 3, {OTHER_ROLES: 4}),  # no role: in the rest as well
        (["a", "b"], 3, {}),  # fewer than k in all: no role shown
        ([], 3, {}),
    ],
)
def test_group_roles_table(roles: list[str | None], k: int, shown: dict[str, int]) -> None:
    groups, outside = _sizes(group_roles(roles, k))
    assert groups == shown
    assert outside in (0, len(roles)) if not shown else outside == 0


_ROLE_COUNTS = st.dictionaries(st.sampled_from("abcdefg"), st.integers(1, 9), max_size=6)


@given(_ROLE_COUNTS, st.integers(0, 4), st.integers(1, 6))
@settings(max_examples=400, deadline=None)
def test_no_group_smaller_than_k_by_subtraction(
    counts: dict[str, int], unassigned: int, k: int
) -> None:
    """For any role counts and k: every shown group holds at least k people, and the people
    in no shown group (the whole minus the shown groups) are none, or at least k — or no
    group is shown at all."""
    roles: list[str | None] = [r for r, n in counts.items() for _ in range(n)]
    roles += [None] * unassigned
    grouping = group_roles(roles, k)
    groups, outside = _sizes(grouping)
    assert all(n >= k for n in groups.values())
    assert outside == 0 or outside >= k or not groups
    assert set(grouping.merged).isdisjoint(grouping.hidden)


@given(_ROLE_COUNTS, st.sets(st.sampled_from("abcdefg")), st.integers(1, 5))
@settings(max_examples=300, deadline=None)
def test_shared_grouping_names_a_role_in_every_round_or_none(
    counts: dict[str, int], skipped: set[str], k: int
) -> None:
    """Round 2 holds round 1's people minus one of each role in ``skipped``: a role named
    in one round is named in the other too (or has nobody there), and neither round leaves
    a small group by subtraction."""
    first: list[str | None] = [r for r, n in counts.items() for _ in range(n)]
    second: list[str | None] = list(first)
    for role in skipped & set(counts):
        second.remove(role)
    g1, g2 = shared_grouping([first, second], k)
    named = [{r for r in g.shown if r and r != OTHER_ROLES} for g in (g1, g2)]
    assert named[0] - named[1] <= set(counts) - set(second)
    assert named[1] <= named[0]
    for g in (g1, g2):
        groups, outside = _sizes(g)
        assert all(n >= k for n in groups.values())
        assert outside == 0 or outside >= k or not groups
