"""Responses files: both layouts, CSV and XLSX, and every kind of bad cell."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scoring import Bank, ResponsesError, parse_answers, read_responses

from ..conftest import DATA

RESPONSES = DATA / "responses"


def problems(bank: Bank, path: Path) -> str:
    with pytest.raises(ResponsesError) as info:
        parse_answers(bank, read_responses(path), path.name)
    return str(info.value)


def test_bad_cells_all_named_with_row_and_column(mini_bank: Bank) -> None:
    """Out-of-range, non-integer, unknown column, duplicate respondent: all listed."""
    text = problems(mini_bank, RESPONSES / "bad_cells.csv")
    for expected in [
        "bad_cells.csv: row 1, column A9: unknown column",
        "bad_cells.csv: row 2, column A1: 5 is outside 0..4",
        "bad_cells.csv: row 3, column B1: '1.5' is not an answer",
        "bad_cells.csv: row 4, column A2: 3 is outside 0..2",
        "bad_cells.csv: row 4, column respondent: duplicate respondent 'r1' (also row 2)",
        "bad_cells.csv: row 5, column B2: 'maybe' is not an answer",
        "bad_cells.csv: row 6, column respondent: missing respondent id",
    ]:
        assert expected in text, text


def test_long_form_problems(mini_bank: Bank) -> None:
    """Long form: unknown item, bad answer, a second answer to the same item."""
    text = problems(mini_bank, RESPONSES / "bad_long.csv")
    assert "row 3, column item: 'Z9' is not an item of bank 'mini'" in text
    assert "row 4, column answer: 7 is outside 0..4" in text
    assert "row 5, column item: second answer from 'p' to A1" in text


def test_ragged_row_is_named(mini_bank: Bank, tmp_path: Path) -> None:
    """A row with too many fields names its row."""
    path = tmp_path / "ragged.csv"
    path.write_text("respondent,A1\nr1,1\nr2,1,2\n")
    with pytest.raises(ResponsesError, match="row 3: 3 fields where the header has 2"):
        read_responses(path)


def test_gbk_is_read(tmp_path: Path) -> None:
    """A GBK-encoded file, as Chinese Excel saves "CSV", is read (more in test_inputs_cells)."""
    path = tmp_path / "gbk.csv"
    path.write_bytes("respondent,role\nr1,总经理\n".encode("gbk"))
    assert read_responses(path)["role"].tolist() == ["总经理"]


def test_csv_cells_read_as_text(mini_bank: Bank, tmp_path: Path) -> None:
    """'NA' stays not-applicable (pandas would make it blank) and ids keep leading zeros."""
    path = tmp_path / "r.csv"
    path.write_text("\ufeffrespondent,A1,A2\n007,NA,2\n")
    frame = read_responses(path)
    answers = parse_answers(mini_bank, frame)
    assert list(answers.respondents) == ["007"]
    assert answers.codes[0, :2].tolist() == [-2, 2]
    assert answers.warnings and "A3" in answers.warnings[0]


def test_xlsx_equals_csv(mini_bank: Bank, tmp_path: Path) -> None:
    """The same answers from XLSX and CSV give the same codes."""
    frame = pd.DataFrame(
        {
            "respondent": ["a", "b"],
            "role": ["x", None],
            "A1": [4, "dk"],
            "A2": [1.0, None],
            "A3": ["na", 0],
        }
    )
    xlsx, csv = tmp_path / "r.xlsx", tmp_path / "r.csv"
    frame.to_excel(xlsx, index=False)
    frame.to_csv(csv, index=False)
    from_xlsx = parse_answers(mini_bank, read_responses(xlsx))
    from_csv = parse_answers(mini_bank, read_responses(csv))
    assert (from_xlsx.codes == from_csv.codes).all()
    assert from_xlsx.codes[:, :3].tolist() == [[4, 1, -2], [-3, -1, 0]]


def test_no_respondent_column(mini_bank: Bank) -> None:
    """A header with neither layout is refused at row 1."""
    with pytest.raises(ResponsesError, match="row 1: no 'respondent' column"):
        parse_answers(mini_bank, pd.DataFrame({"who": ["a"], "A1": [1]}))
