"""Bad input, class 1: one answer vocabulary, and the fast path never disagrees with it."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import scoring
from scoring import answers
from scoring.answers import BLANK, DK, INVALID, NA, SLOW

# Levels are capped at 99 so that every code fits an int8 (answers.TOP_LEVEL).
CELLS = [
    # levels: digits, padding, signs, decimals that are whole, full-width digits (NFKC)
    ("3", 3),
    (" 3 ", 3),
    ("03", 3),
    ("+3", 3),
    ("3.0", 3),
    ("3.", 3),
    ("3.00", 3),
    ("\u00a03\u3000", 3),
    ("３", 3),
    ("12", 12),
    ("150", 99),
    (3, 3),
    (3.0, 3),
    (np.int64(2), 2),
    (np.float64(4.0), 4),
    (150, 99),
    # not applicable
    ("na", NA),
    ("NA", NA),
    ("Na", NA),
    (" n/a ", NA),
    ("N/A", NA),
    ("n.a.", NA),
    ("Not Applicable", NA),
    ("不适用", NA),
    ("不適用", NA),
    ("ＮＡ", NA),
    # don't know, with a typographic apostrophe as Excel types it
    ("dk", DK),
    ("DK", DK),
    ("Don't know", DK),
    ("don’t know", DK),
    ("dont know", DK),
    ("do not know", DK),
    ("不知道", DK),
    ("不清楚", DK),
    # blank
    ("", BLANK),
    ("   ", BLANK),
    ("\t", BLANK),
    ("null", BLANK),
    ("NULL", BLANK),
    ("None", BLANK),
    ("nan", BLANK),
    ("NaN", BLANK),
    ("#N/A", BLANK),
    ("-", BLANK),
    (None, BLANK),
    (float("nan"), BLANK),
    (pd.NA, BLANK),
    (pd.NaT, BLANK),
    # no answer at all
    ("x", INVALID),
    ("maybe", INVALID),
    ("1.5", INVALID),
    ("-1", INVALID),
    ("1e0", INVALID),
    ("٣", INVALID),
    ("3 4", INVALID),
    (1.5, INVALID),
    (-1, INVALID),
    (True, INVALID),
    ("#DIV/0!", INVALID),
    ("n", INVALID),
    ("d", INVALID),
]


@pytest.mark.parametrize(("cell", "code"), CELLS)
def test_classify(cell: object, code: int) -> None:
    """Each spelling in the module docstring's table maps to its code."""
    assert answers.classify(cell) == code


def arrow_codes_of(cells: list[str]) -> list[int]:
    return answers.arrow_codes(pa.array(cells, type=pa.large_string())).tolist()


def test_fast_path_agrees_with_classify_on_every_short_cell() -> None:
    """Every 0-, 1- and 2-character ASCII cell: the byte table says what classify says, or
    leaves it to classify (SLOW). 1 + 128 + 128² = 16,513 cells."""
    cells = [
        "",
        *(chr(a) for a in range(128)),
        *("".join(p) for p in itertools.product(map(chr, range(128)), repeat=2)),
    ]
    for cell, fast in zip(cells, arrow_codes_of(cells), strict=True):
        assert fast in (SLOW, answers.classify(cell)), repr(cell)


def test_fast_path_decides_the_common_cells() -> None:
    """Digits, na/dk in any case and empty cells never reach the slow path."""
    cells = ["0", "9", "na", "NA", "nA", "dk", "Dk", "", "-", "10"]
    assert arrow_codes_of(cells) == [0, 9, NA, NA, NA, DK, DK, BLANK, BLANK, 10]


def test_fast_path_handles_slices_nulls_and_multibyte_cells() -> None:
    """An Arrow slice (non-zero offset), nulls, and cells of 2+ bytes that are no token."""
    array = pa.array(["x", "1", None, "不适用", "é", "na"], type=pa.large_string())
    codes = answers.arrow_codes(array.slice(1)).tolist()
    assert codes == [1, BLANK, SLOW, SLOW, NA]
    assert answers.arrow_codes(pa.array([], type=pa.string())).tolist() == []


@pytest.mark.parametrize(
    ("code", "text"),
    [(0, "0"), (4, "4"), (9, "9"), (12, "12"), (NA, "na"), (DK, "dk"), (BLANK, None)],
)
def test_stored_text_round_trips(code: int, text: str | None) -> None:
    """The store's text for each kind, and back."""
    assert answers.stored(code) == text
    assert answers.from_stored(text) == code


@pytest.mark.parametrize("text", ["NA", " 3", "x", "-1", "３"])
def test_from_stored_refuses_what_the_store_never_writes(text: str) -> None:
    """Stored text is exact: no spelling variants."""
    with pytest.raises(ValueError, match="not a stored answer"):
        answers.from_stored(text)


@pytest.mark.parametrize(
    ("kind", "lang", "label"),
    [
        ("na", "en", "Not applicable"),
        ("na", "zh-Hans", "不适用"),
        ("na", "zh-Hant", "不適用"),
        ("dk", "en", "Don't know"),
        ("dk", "zh-Hans", "不清楚"),
        ("dk", "zh-Hant", "不清楚"),
        ("blank", "en", "(not answered)"),
        ("blank", "zh-Hans", "（未作答）"),
        ("blank", "zh-Hant", "（未作答）"),
        (NA, "zh-Hant", "不適用"),
        (BLANK, "en", "(not answered)"),
        ("dk", "fr", "Don't know"),  # an unknown language falls back to English
        (3, "en", "3"),  # levels are labelled by the bank; the vocabulary gives the number
    ],
)
def test_labels(kind: str | int, lang: str, label: str) -> None:
    """Each special kind in each language."""
    assert answers.label(kind, lang) == label  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "kind"), [(0, "level"), (7, "level"), (NA, "na"), (DK, "dk"), (BLANK, "blank")]
)
def test_kind_of(code: int, kind: str) -> None:
    """Codes ≥ 0 are levels; the three special codes have their own kinds."""
    assert answers.kind_of(code) == kind


def test_invalid_is_no_kind() -> None:
    """INVALID marks a cell that is no answer; it has no kind and no stored form."""
    with pytest.raises(ValueError, match="not an answer code"):
        answers.stored(INVALID)


def test_codes_are_shared_by_the_old_names() -> None:
    """scoring.BLANK/NA/DK and scoring.responses' are the vocabulary's codes."""
    from scoring import responses

    assert (scoring.BLANK, scoring.NA, scoring.DK) == (BLANK, NA, DK) == (-1, -2, -3)
    assert (responses.BLANK, responses.NA, responses.DK) == (BLANK, NA, DK)
