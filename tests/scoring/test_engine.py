"""Hand-computed vectors for every scoring rule (mini bank, see tests/data/banks/mini.yaml).

Mini bank: A (dimension weight 2) = A1 (5 levels, w 1), A2 (3 levels, w 2), A3 (5 levels,
w 1, reverse); B (weight 1) = B1 (6 levels), B2, B3, B4 (5 levels), all w 1.
Stages S1 ≥ 0, S2 ≥ 40, S3 ≥ 80; min_coverage 0.75.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from scoring import Bank, MissingItemsWarning, score, stage_index

FULL_B = {"B1": 5, "B2": 4, "B3": 4, "B4": 4}  # B = (100+100+100+100)/4 = 100


def one(bank: Bank, **answers: object) -> pd.Series:
    frame = pd.DataFrame([{"respondent": "r", **answers}])
    return score(bank, frame).iloc[0]


def test_basic_weighted_means(mini_bank: Bank) -> None:
    """Item weights, a reverse item and dimension weights, all in one respondent."""
    row = one(mini_bank, A1=4, A2=1, A3=0, B1=4, B2=4, B3=4, B4=4)
    # A = (1·100 + 2·50 + 1·(100−0)) / 4 = 75
    assert row["A.score"] == pytest.approx(75.0)
    # B = (80 + 100 + 100 + 100) / 4 = 95, with B1 = 100·4/5 = 80
    assert row["B.score"] == pytest.approx(95.0)
    # overall = (2·75 + 1·95) / 3 = 245/3
    assert row["overall.score"] == pytest.approx(245 / 3)
    assert (row["A.stage"], row["B.stage"], row["overall.stage"]) == ("S2", "S3", "S3")


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"A3": 0}, 100.0),  # reverse: 100 − 100·0/4
        ({"A3": 1}, 75.0),  # 100 − 25
        ({"A3": 4}, 0.0),  # 100 − 100
    ],
)
def test_reverse_item(mini_bank: Bank, answers: dict[str, int], expected: float) -> None:
    """A reverse item scores 100 minus the plain score."""
    row = one(mini_bank, A1="na", A2="na", **answers, **FULL_B)
    assert row["A.score"] == pytest.approx(expected)


def test_na_leaves_coverage_whole(mini_bank: Bank) -> None:
    """`na` items drop out of both the mean and the coverage denominator."""
    row = one(mini_bank, A1="na", A2=2, A3=4, **FULL_B)
    # A = (2·100 + 1·0) / 3 = 66.67; coverage = 3/3
    assert row["A.score"] == pytest.approx(200 / 3)
    assert row["A.coverage"] == 1.0
    assert (row["A.na"], row["A.answered"]) == (1, 2)


def test_dk_at_min_coverage_still_scores(mini_bank: Bank) -> None:
    """Coverage exactly at min_coverage (0.75) keeps the score."""
    row = one(mini_bank, A1="dk", A2=2, A3=0, **FULL_B)
    # coverage = (2 + 1) / 4 = 0.75; A = (2·100 + 100) / 3 = 100
    assert row["A.coverage"] == 0.75
    assert row["A.score"] == pytest.approx(100.0)
    assert row["A.dk"] == 1


def test_coverage_just_below_min_is_empty(mini_bank: Bank) -> None:
    """Coverage 2/3 < 0.75 empties the dimension and the overall score, never 0."""
    row = one(mini_bank, A1=4, A2=2, A3=0, B1="na", B2="dk", B3=4, B4=4)
    # B: applicable = 3 (B1 is na), answered = 2 → coverage 0.667
    assert row["B.coverage"] == pytest.approx(2 / 3)
    assert math.isnan(row["B.score"])
    assert pd.isna(row["B.stage"])
    assert row["B.flag"] == "low_coverage"
    assert math.isnan(row["overall.score"])
    assert pd.isna(row["overall.stage"])


def test_blank_counts_like_dk_for_coverage(mini_bank: Bank) -> None:
    """Blank answers are not applicable-excluded: 1 of 4 weights answered → empty."""
    row = one(mini_bank, A1=4, A2=None, A3="", **FULL_B)
    # coverage = 1/4
    assert row["A.coverage"] == 0.25
    assert math.isnan(row["A.score"])
    assert (row["A.blank"], row["A.answered"]) == (2, 1)


def test_all_na_dimension_is_empty_and_flagged(mini_bank: Bank) -> None:
    """Every item `na`: no coverage at all, empty score, flag all_na."""
    row = one(mini_bank, A1="NA", A2="na", A3=" Na ", **FULL_B)
    assert math.isnan(row["A.coverage"])
    assert math.isnan(row["A.score"])
    assert row["A.flag"] == "all_na"
    assert math.isnan(row["overall.score"])
    assert row["B.score"] == 100.0


def test_gated_stage_names_weakest_item(mini_bank: Bank) -> None:
    """The gated stage is the stage of the lowest item score, and it names that item."""
    row = one(mini_bank, A1=4, A2=2, A3=3, **FULL_B)
    # items 100, 100, 25 → A = (100 + 200 + 25) / 4 = 81.25 (S3) but gated by A3 at 25 (S1)
    assert row["A.score"] == pytest.approx(81.25)
    assert row["A.stage"] == "S3"
    assert row["A.gated_stage"] == "S1"
    assert row["A.gated_item"] == "A3"


@pytest.mark.parametrize(
    ("b1", "stage"),
    [(2, "S2"), (4, "S3"), (1, "S1")],  # 100·2/5 = 40, 100·4/5 = 80 exactly; 20
)
def test_stage_reached_exactly_at_min(mini_bank: Bank, b1: int, stage: str) -> None:
    """A dimension score equal to a stage minimum reaches that stage."""
    row = one(mini_bank, A1=4, A2=2, A3=0, B1=b1, B2="na", B3="na", B4="na")
    assert row["B.stage"] == stage


def test_stage_boundary_survives_rounding() -> None:
    """39.99999999999999 from float arithmetic is mathematically 40 and reaches S2."""
    # weights 0.1, 0.2, 0.3 on a 6-level item set; answers 0, 0, 4 → 0.3·80 / 0.6 = 40
    assert 0.3 * 80 / (0.1 + 0.2 + 0.3) < 40  # the trap is real in this order of operations
    bank = Bank.from_data(
        {
            "id": "f",
            "version": "1",
            "languages": ["en"],
            "title": {"en": "f"},
            "stages": [
                {"id": "S1", "min": 0, "name": {"en": "a"}},
                {"id": "S2", "min": 40, "name": {"en": "b"}},
            ],
            "dimensions": [
                {
                    "id": "D",
                    "name": {"en": "d"},
                    "items": [
                        {
                            "id": f"I{k}",
                            "weight": w,
                            "prompt": {"en": f"q{k}"},
                            "levels": [{"en": str(v)} for v in range(6)],
                        }
                        for k, w in enumerate((0.1, 0.2, 0.3))
                    ],
                }
            ],
        }
    )
    row = one(bank, I0=0, I1=0, I2=4)
    assert row["D.score"] == pytest.approx(40.0)
    assert row["D.stage"] == "S2"


def test_stage_index_tolerance_and_nan() -> None:
    """stage_index: last min ≤ score, NaN → −1."""
    mins = np.array([0.0, 12.5, 37.5])
    scores = np.array([0.0, 12.499999999999998, 12.4, 37.5, 100.0, np.nan])
    assert stage_index(mins, scores).tolist() == [0, 1, 0, 2, 2, -1]


def test_missing_item_column_warns_and_counts_blank(mini_bank: Bank) -> None:
    """A partial questionnaire is normal: missing items are blank, with a warning."""
    frame = pd.DataFrame([{"respondent": "r", "A1": 4, "A2": 2, "A3": 0, **FULL_B}]).drop(
        columns="B4"
    )
    with pytest.warns(MissingItemsWarning, match="B4"):
        row = score(mini_bank, frame).iloc[0]
    # B: 3 of 4 answered → coverage 0.75 → (100·3)/3
    assert row["B.blank"] == 1
    assert row["B.score"] == 100.0


def test_long_form_equals_wide_form(mini_bank: Bank) -> None:
    """The same answers in long form score the same."""
    wide = pd.DataFrame(
        [
            {"respondent": "x", "A1": 1, "A2": 2, "A3": 3, **FULL_B},
            {"respondent": "y", "A1": 0, "A2": "dk", "A3": 2, **FULL_B},
        ]
    )
    long = wide.melt(id_vars="respondent", var_name="item", value_name="answer")
    pd.testing.assert_frame_equal(score(mini_bank, wide), score(mini_bank, long), check_dtype=False)


def test_metadata_passes_through(mini_bank: Bank) -> None:
    """role, group and firm come back unchanged beside the scores."""
    frame = pd.DataFrame(
        [
            {
                "respondent": "r",
                "role": "CEO",
                "group": "g1",
                "firm": "ACME",
                "A1": 4,
                "A2": 2,
                "A3": 0,
                **FULL_B,
            }
        ]
    )
    row = score(mini_bank, frame).iloc[0]
    assert (row["role"], row["group"], row["firm"]) == ("CEO", "g1", "ACME")


def test_unit_weight_shortcut_equals_general_path(bundled_bank: Bank) -> None:
    """With every weight 1 the engine reads weight sums off the counts; same results."""
    from scoring import score_codes

    rng = np.random.default_rng(11)
    codes = rng.integers(-3, 5, size=(500, len(bundled_bank.items))).astype(np.int8)
    tables = bundled_bank.layout.tables
    assert tables.unit_weights
    fast = score_codes(bundled_bank.layout, codes, bundled_bank.min_coverage)
    tables.unit_weights = False
    try:
        slow = score_codes(bundled_bank.layout, codes, bundled_bank.min_coverage)
    finally:
        tables.unit_weights = True
    for name in ("score", "coverage", "answered", "na", "overall"):
        np.testing.assert_allclose(getattr(fast, name), getattr(slow, name), equal_nan=True)
