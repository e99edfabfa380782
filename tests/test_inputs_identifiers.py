"""Bad input, class 3: identifiers are compared stripped, and each respondent gets a file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from huigui.cli.report import report_filenames, safe_filename
from scoring import Bank, ResponsesError, parse_answers

from .conftest import DATA
from .test_cli import run


def long_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["respondent", "item", "answer"], dtype="str")


def test_long_form_strips_respondent_and_item(mini_bank: Bank) -> None:
    """' r1 ' and 'r1' are one respondent; ' A2 ' is item A2."""
    answers = parse_answers(mini_bank, long_frame([(" r1 ", "A1", "4"), ("r1", " A2 ", "1")]))
    assert list(answers.respondents) == ["r1"]
    assert answers.codes[0, :2].tolist() == [4, 1]


def test_long_form_padded_twin_is_a_second_answer(mini_bank: Bank) -> None:
    """'r1' and ' r1' answering A1 twice: the second answer is named at its row (3)."""
    with pytest.raises(ResponsesError, match="row 3, column item: second answer from 'r1' to A1"):
        parse_answers(mini_bank, long_frame([("r1", "A1", "4"), (" r1", "A1", "3")]))


@pytest.mark.parametrize("layout", ["wide", "long"])
@pytest.mark.parametrize("empty", ["", "   ", None])
def test_empty_ids_are_refused_in_both_layouts(
    mini_bank: Bank, layout: str, empty: str | None
) -> None:
    """A missing, empty or blank id: row 3 (the second answer row) is named."""
    if layout == "wide":
        frame = pd.DataFrame({"respondent": ["r1", empty], "A1": ["1", "2"]})
    else:
        frame = pd.DataFrame(
            {"respondent": ["r1", empty], "item": ["A1", "A1"], "answer": ["1", "2"]}
        )
    with pytest.raises(ResponsesError, match="row 3, column respondent: missing respondent id"):
        parse_answers(mini_bank, frame, "r.csv")


def test_wide_duplicates_after_stripping(mini_bank: Bank) -> None:
    """'r1' and 'r1 ' are the same respondent twice (rows 2 and 3)."""
    frame = pd.DataFrame({"respondent": ["r1", "r1 "], "A1": ["1", "2"]})
    with pytest.raises(
        ResponsesError,
        match=r"row 3, column respondent: duplicate respondent "
        r"'r1' \(also row 2\)",
    ):
        parse_answers(mini_bank, frame)


@pytest.mark.parametrize(
    ("ids", "names"),
    [
        (["r1", "r2"], ["r1", "r2"]),
        # a! and a? clean to "a", which the respondent "a" owns
        (["a", "a!", "a?"], ["a", "a-2", "a-3"]),
        # the id that is already a file name keeps it, wherever it stands in the file
        (["a!", "a"], ["a-2", "a"]),
        # a generated name never takes another respondent's own name (a-2 is somebody's id)
        (["a", "a!", "a-2"], ["a", "a-3", "a-2"]),
        # names differ ignoring case: macOS and Windows file systems would merge A and a
        (["A", "a"], ["A", "a-2"]),
        # nothing left after cleaning, and a respondent really called "respondent"
        (["!!!", "respondent"], ["respondent-2", "respondent"]),
        (["../etc/passwd", ".hidden"], ["etc_passwd", "hidden"]),
    ],
)
def test_report_filenames(ids: list[str], names: list[str]) -> None:
    """One name per respondent, chosen as the table says."""
    assert report_filenames(ids, "pdf") == [f"{n}.pdf" for n in names]


@given(st.lists(st.text(min_size=0, max_size=12), max_size=30))
def test_report_filenames_are_distinct_and_safe(ids: list[str]) -> None:
    """Any ids: as many names as ids, distinct ignoring case, no separators or leading dot."""
    names = report_filenames(ids, "html")
    assert len(names) == len(ids)
    assert len({n.casefold() for n in names}) == len(names)
    assert all("/" not in n and not n.startswith(".") for n in names)


def test_long_ids_fit_a_file_name() -> None:
    """200 Chinese characters (600 UTF-8 bytes) are cut to at most 150 bytes."""
    assert len(safe_filename("工" * 200).encode()) <= 150


def test_report_all_writes_one_file_per_respondent(tmp_path: Path) -> None:
    """a, a!, a?, A and a-2: five reports, none overwritten, the renaming told on stderr."""
    data = tmp_path / "ids.csv"
    data.write_text("respondent,A1\na,1\na!,2\na?,3\nA,0\na-2,1\n", encoding="utf-8")
    folder = tmp_path / "out"
    result = run(
        "report",
        "--bank",
        str(DATA / "banks" / "mini.yaml"),
        str(data),
        "--all",
        "--format",
        "html",
        "-o",
        str(folder),
        "--jobs",
        "1",
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "A-3.html",
        "a-2.html",
        "a-4.html",
        "a-5.html",
        "a.html",
    ]
    assert "'a!' → a-4.html" in result.stderr
    assert "wrote 5 reports" in result.stderr
