"""Problems in a workbook or a bank, each named by sheet, row and column (or file, line and
column), and what the command line does about them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from huigui.bankxlsx import WorkbookError, read_bank_workbook

from ..conftest import DATA
from ..test_cli import run


def edited(book_path: Path, folder: Path, edit: Callable[[Workbook], object]) -> Path:
    book = load_workbook(book_path)
    edit(book)
    out = folder / "edited.xlsx"
    book.save(out)
    return out


def cell(sheet: str, coordinate: str, value: object) -> Callable[[Workbook], object]:
    return lambda book: book[sheet].__setitem__(coordinate, value)


def add_row(sheet: str, values: list[object]) -> Callable[[Workbook], object]:
    return lambda book: book[sheet].append(values)


E = "mini.xlsx: "
WHERE = "; name the item's id"
# One case a line reads best as a table: (what, edit, the problems expected in order).
# fmt: off
ERRORS = [
    ("weight not a number", cell("items", "C3", "heavy"),
     ['sheet "items", row 3, column C (weight): not a number']),
    ("weight out of range", cell("items", "C3", -1),
     ['sheet "items", row 3, column C (weight): Input should be greater than 0 (got -1)']),
    ("flag", cell("items", "D3", "maybe"),
     ['sheet "items", row 3, column D (reverse): not TRUE or FALSE']),
    ("effort", cell("items", "G2", "fast"),
     ['sheet "items", row 2, column G (effort): '
      "not a whole number, or one per step such as 1, 2, 3"]),
    ("trap level beyond the levels", cell("items", "F2", "0, 7"),  # A1 has levels 0..4
     ['sheet "items", row 2, column F (trap_levels): level 7 does not exist (levels are 0..4)']),
    ("unknown dimension", cell("items", "A2", "C"),
     ['sheet "items", row 2, column A (dimension): no dimension "C" in sheet "dimensions"; '
      "name the item's dimension"]),
    ("duplicate item id", cell("items", "B3", "A1"),  # A2's four text rows now point nowhere
     ['sheet "items", row 3, column B (id): '
      'duplicate item id \'A1\' (also sheet "items", row 2)',
      *[f'sheet "texts", row {r}, column B (where): no item "A2" in sheet "items"{WHERE}'
        for r in (13, 14, 15, 16)]]),
    ("stages not rising", cell("stages", "B4", 30),  # S3 at 30 after S2 at 40
     ['sheet "stages", row 4, column B (min): stage minimums must rise strictly (30 after 40)']),
    ("empty required value", cell("bank", "B3", None),  # row 3 is the version
     ['sheet "bank", row 3, column B (value): empty; a value is needed']),
    ("unknown bank field", cell("bank", "A5", "min_coverge"),
     ['sheet "bank", row 5, column A (field): unknown field "min_coverge"; '
      'did you mean "min_coverage"?']),
    ("missing sheet", lambda book: book.remove(book["stages"]),
     ['sheet "stages": missing; keep every sheet the export wrote']),
    ("unknown sheet", lambda book: book.create_sheet("Sheet1"),
     ['sheet "Sheet1": unknown sheet '
      "(a bank has README, bank, stages, dimensions, items, texts)"]),
    ("renamed header", cell("items", "C1", "weigth"),
     ['sheet "items", row 1: no column "weight"',
      'sheet "items", row 1, column C (weigth): unknown column (the sheet has dimension, id, '
      "weight, reverse, trap, trap_levels, effort, source)"]),
    ("value without a header", cell("items", "K5", "x"),
     ['sheet "items", row 5, column K: a value in a column without a name in row 1']),
    ("undeclared language column", cell("texts", "F1", "fr"),
     ['sheet "texts", row 1: no column for language "zh-Hans"',
      'sheet "texts", row 1, column F (fr): language "fr" is not declared in sheet "bank" '
      "(languages: en, zh-Hans)"]),
    ("text of an item that does not exist", cell("texts", "B7", "Z9"),  # row 7: A1's prompt
     ['sheet "items", row 2: no "prompt" text: add a row to sheet "texts" (item, A1, prompt)',
      f'sheet "texts", row 7, column B (where): no item "Z9" in sheet "items"{WHERE}']),
    ("duplicate text row", add_row("texts", ["item", "A1", "prompt", None, "Again", "再"]),
     ['sheet "texts", row 49, column C (field): row 7 holds this text too']),  # 48 rows before
    ("unknown text field", cell("texts", "C7", "prompts"),
     ['sheet "items", row 2: no "prompt" text: add a row to sheet "texts" (item, A1, prompt)',
      'sheet "texts", row 7, column C (field): item has no text "prompts"; '
      'did you mean "prompt"?']),
    ("unknown kind", cell("texts", "A7", "question"),
     ['sheet "items", row 2: no "prompt" text: add a row to sheet "texts" (item, A1, prompt)',
      'sheet "texts", row 7, column A (kind): unknown kind "question"; '
      "expected bank, stage, dimension, item"]),
    ("missing translation", cell("texts", "F7", None),
     ['sheet "texts", row 7, column F (zh-Hans): empty text for language \'zh-Hans\'']),
    ("empty in every language", lambda b: [b["texts"].__setitem__(c, None) for c in ("E7", "F7")],
     ['sheet "texts", row 7: empty in every language']),
    ("skipped index", cell("texts", "D10", 5),  # A1's level 2 renumbered 5: 0, 1, 3, 4, 5
     ['sheet "texts", row 11, column D (index): index 3, but no row has index 2']),
    ("index on a single text", cell("texts", "D7", 0),
     ['sheet "texts", row 7, column D (index): "prompt" is a single text: leave index empty']),
    ("formula", cell("texts", "E7", "=1+1"),
     ['sheet "texts", row 7, column E (en): a formula (=1+1); write the value itself']),
    ("number typed over a text", cell("texts", "E7", 1.1),
     ['sheet "texts", row 7, column E (en): a number (1.1), not text: '
      "format the cell as Text and type the text again"]),
    ("date typed over a text", cell("texts", "E7", dt.datetime(2024, 1, 1)),
     ['sheet "texts", row 7, column E (en): a date (2024-01-01 00:00:00), not text: '
      "format the cell as Text and type the text again"]),
]
# fmt: on


@pytest.mark.parametrize(
    ("edit", "expected"), [case[1:] for case in ERRORS], ids=[case[0] for case in ERRORS]
)
def test_every_problem_is_named_by_sheet_row_and_column(
    mini_book: Path, tmp_path: Path, edit: Callable[[Workbook], object], expected: list[str]
) -> None:
    """Each broken workbook gives exactly the expected problems, in workbook order."""
    with pytest.raises(WorkbookError) as info:
        read_bank_workbook(edited(mini_book, tmp_path, edit), "mini.xlsx")
    assert str(info.value).splitlines() == [E + line for line in expected]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    """A CSV or YAML named .xlsx is refused in one line."""
    path = tmp_path / "mini.xlsx"
    path.write_text("id: mini\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"^mini.xlsx: not an XLSX workbook \(BadZipFile\)"):
        read_bank_workbook(path, "mini.xlsx")


def test_import_with_problems_exits_1_and_writes_nothing(mini_book: Path, tmp_path: Path) -> None:
    """Every problem on stderr as `error: …`, exit 1, and no output or temporary file."""
    broken = edited(mini_book, tmp_path, cell("items", "C3", "heavy"))
    done = run("bank", "import", str(broken), "-o", str(tmp_path / "mini.yaml"))
    assert done.returncode == 1
    assert (
        done.stderr == f'error: {broken}: sheet "items", row 3, column C (weight): not a number\n'
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edited.xlsx"]


def test_export_of_a_broken_bank_lists_its_problems(tmp_path: Path) -> None:
    """A bank that does not load is not exported: its problems as `huigui validate` shows them."""
    broken = DATA / "banks" / "broken" / "stages.yaml"
    done = run("bank", "export", str(broken), "-o", str(tmp_path / "b.xlsx"))
    assert done.returncode == 1
    assert f"error: {broken}:8:19:" in done.stderr
    assert not (tmp_path / "b.xlsx").exists()
