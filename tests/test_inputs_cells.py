"""Bad input, class 2: the same cells give the same result, whatever file holds them."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import openpyxl
import pytest

from scoring import Bank, ResponsesError, parse_answers, read_responses
from scoring.answers import BLANK, DK, NA

# One respondent's cells for A1 (5 levels), each once as text and once as what a spreadsheet
# stores, with the code every reader must give. pandas' read_excel used to turn NA, N/A,
# NULL, #N/A, None and nan into blanks while CSV read NA as not applicable.
SAME_CELLS = [
    ("NA", NA),
    ("N/A", NA),
    ("na", NA),
    ("不适用", NA),
    ("不適用", NA),
    ("dk", DK),
    ("不知道", DK),
    ("不清楚", DK),
    ("Don't know", DK),
    ("NULL", BLANK),
    ("#N/A", BLANK),
    ("None", BLANK),
    ("nan", BLANK),
    ("-", BLANK),
    ("", BLANK),
    ("3", 3),
    ("3.0", 3),
    (" 3 ", 3),
    ("03", 3),
    ("３", 3),
]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    bom: bytes = b"",
) -> Path:
    text = "".join(delimiter.join(row) + "\n" for row in rows)
    path.write_bytes(bom + text.encode(encoding))
    return path


def codes_of(bank: Bank, path: Path) -> list[list[int]]:
    return parse_answers(bank, read_responses(path), path.name).codes.tolist()


@pytest.mark.parametrize(("cell", "code"), SAME_CELLS)
def test_csv_and_xlsx_text_cells_agree(
    mini_bank: Bank, tmp_path: Path, cell: str, code: int
) -> None:
    """A1 holds ``cell`` as text in a CSV, an XLSX and a long-form CSV: one code for all."""
    rows = [["respondent", "A1"], ["r1", cell]]
    from_csv = codes_of(mini_bank, write_csv(tmp_path / "r.csv", rows))
    from_xlsx = codes_of(mini_bank, write_xlsx(tmp_path / "r.xlsx", [*rows]))
    long_rows = [["respondent", "item", "answer"], ["r1", "A1", cell]]
    from_long = codes_of(mini_bank, write_csv(tmp_path / "long.csv", long_rows))
    assert from_csv[0][0] == from_xlsx[0][0] == from_long[0][0] == code


@pytest.mark.parametrize(("number", "code"), [(3, 3), (3.0, 3), (0, 0), (None, BLANK)])
def test_spreadsheet_numbers_read_as_the_csv_text(
    mini_bank: Bank, tmp_path: Path, number: object, code: int
) -> None:
    """A numeric XLSX cell (3 or 3.0) is the level a CSV's ``3`` is; an empty cell is blank."""
    path = write_xlsx(tmp_path / "r.xlsx", [["respondent", "A1"], ["r1", number]])
    assert codes_of(mini_bank, path)[0][0] == code


def test_numeric_ids_and_metadata_read_as_text(mini_bank: Bank, tmp_path: Path) -> None:
    """Respondent 7 typed as a number is "7", as in the CSV; a float role 2.5 stays "2.5"."""
    path = write_xlsx(tmp_path / "r.xlsx", [["respondent", "role", "A1"], [7, 2.5, 1]])
    answers = parse_answers(mini_bank, read_responses(path))
    assert list(answers.respondents) == ["7"]
    assert answers.metadata["role"].tolist() == ["2.5"]


def test_bad_xlsx_cells_are_named_like_csv_cells(mini_bank: Bank, tmp_path: Path) -> None:
    """1.5 (a number) and TRUE (a boolean) are no answers; 7 is out of 0..4; rows as shown."""
    path = write_xlsx(
        tmp_path / "r.xlsx", [["respondent", "A1", "A2"], ["r1", 1.5, True], ["r2", 7, 1]]
    )
    with pytest.raises(ResponsesError) as info:
        codes_of(mini_bank, path)
    text = str(info.value)
    assert "r.xlsx: row 2, column A1: '1.5' is not an answer" in text
    assert "r.xlsx: row 2, column A2: 'TRUE' is not an answer" in text
    assert "r.xlsx: row 3, column A1: 7 is outside 0..4" in text


HEADER = ["respondent", "role", "A1", "A2"]
ROW = ["r1", "总经理", "不适用", "2"]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),  # Excel's "CSV UTF-8" has a BOM
        ("gbk", b""),
        ("gb18030", b""),  # Chinese Excel's plain "CSV"
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_encodings(mini_bank: Bank, tmp_path: Path, encoding: str, bom: bytes) -> None:
    """Each encoding reads to the same role text and codes (A1 na, A2 level 2)."""
    path = write_csv(tmp_path / "r.csv", [HEADER, ROW], encoding=encoding, bom=bom)
    answers = parse_answers(mini_bank, read_responses(path))
    assert answers.metadata["role"].tolist() == ["总经理"]
    assert answers.codes[0, :2].tolist() == [NA, 2]


def test_gbk_after_a_long_ascii_start(mini_bank: Bank, tmp_path: Path) -> None:
    """A GBK file whose first 2 MB are ASCII (past the 1 MiB sniffed) is still read."""
    rows = [HEADER, *([f"r{k}", "x", "1", "1"] for k in range(200_000)), ["z", "总经理", "1", "1"]]
    path = write_csv(tmp_path / "r.csv", rows, encoding="gbk")
    assert path.stat().st_size > 2 << 20
    answers = parse_answers(mini_bank, read_responses(path))
    assert answers.metadata["role"].iloc[-1] == "总经理"


def test_neither_utf8_nor_gb18030_says_what_to_do(tmp_path: Path) -> None:
    """Bytes that no supported encoding decodes: refused with the fix."""
    path = tmp_path / "r.csv"
    path.write_bytes(b"respondent,role\nr1,\x80\x80\n")  # 0x80 starts no GB18030 sequence
    with pytest.raises(
        ResponsesError,
        match=re.escape("r.csv: not text in UTF-8 or GB18030/GBK; save it as 'CSV UTF-8'"),
    ):
        read_responses(path)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_separators_are_read_off_the_header(
    mini_bank: Bank, tmp_path: Path, delimiter: str
) -> None:
    """Comma, semicolon (European Excel) and tab; a quoted cell may hold the others."""
    text = delimiter.join(["respondent", "role", "A1"]) + "\n"
    text += delimiter.join(["r1", '"a, b; c\td"', "4"]) + "\n"
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    answers = parse_answers(mini_bank, read_responses(path))
    assert answers.metadata["role"].tolist() == ["a, b; c\td"]
    assert answers.codes[0, 0] == 4


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(mini_bank: Bank, tmp_path: Path, newline: str) -> None:
    """Unix, Windows and old Mac line endings."""
    path = tmp_path / "r.csv"
    path.write_bytes(newline.join(["respondent,A1", "r1,1", "r2,na", ""]).encode())
    assert codes_of(mini_bank, path)[0][0] == 1
    assert codes_of(mini_bank, path)[1][0] == NA


def test_whitespace_around_headers_and_values(mini_bank: Bank, tmp_path: Path) -> None:
    """Padded header names and cells read as if they were not padded."""
    path = tmp_path / "r.csv"
    path.write_text(" respondent , A1 ,A2\n r1 , 1.0 , NA \n", encoding="utf-8")
    answers = parse_answers(mini_bank, read_responses(path))
    assert list(answers.respondents) == ["r1"]
    assert answers.codes[0, :2].tolist() == [1, NA]


def test_spreadsheet_leftovers_are_dropped(mini_bank: Bank, tmp_path: Path) -> None:
    """Trailing empty columns (",,") and empty rows at the end, as Excel exports them."""
    path = tmp_path / "r.csv"
    path.write_text("respondent,A1,,\nr1,1,,\n,,,\n , ,,\n", encoding="utf-8")
    answers = parse_answers(mini_bank, read_responses(path))
    assert list(answers.respondents) == ["r1"]


def test_values_under_an_empty_header_are_named(tmp_path: Path) -> None:
    """A value in a column without a header: refused, naming the column letter (C)."""
    path = tmp_path / "r.csv"
    path.write_text("respondent,A1,\nr1,1,oops\n", encoding="utf-8")
    with pytest.raises(ResponsesError, match="row 1, column C: values under an empty header"):
        read_responses(path)


def test_header_names_equal_after_stripping_are_duplicates(tmp_path: Path) -> None:
    """'A1' and ' A1' are one column named twice."""
    path = tmp_path / "r.csv"
    path.write_text("respondent,A1, A1\nr1,1,2\n", encoding="utf-8")
    with pytest.raises(ResponsesError, match="row 1, column A1: appears more than once"):
        read_responses(path)


@pytest.mark.parametrize("name", ["old.xls", "protected.xlsx"])
def test_old_excel_and_encrypted_workbooks_say_what_to_do(tmp_path: Path, name: str) -> None:
    """Both are OLE2 files (they start D0 CF 11 E0): save as .xlsx or CSV."""
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(ResponsesError, match=r"Excel 97–2003 \(\.xls\).*save it as \.xlsx"):
        read_responses(path)


def test_workbook_named_csv_is_still_a_workbook(mini_bank: Bank, tmp_path: Path) -> None:
    """The content decides, not the name: an XLSX saved as answers.csv reads as XLSX."""
    path = write_xlsx(tmp_path / "answers.xlsx", [["respondent", "A1"], ["r1", 2]])
    renamed = path.rename(tmp_path / "answers.csv")
    assert codes_of(mini_bank, renamed)[0][0] == 2
