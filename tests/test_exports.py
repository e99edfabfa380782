"""Downloads: JSON, CSV and XLSX of one assessment, with formulas defused."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import openpyxl
import pytest

from huigui.exports import export_csv, export_json, export_tables, export_xlsx
from huigui.files import fixed_decimals, guard_formula
from huigui.records import Profile
from huigui.store import AssessmentStore, connect
from huigui.tables import text_width
from scoring import Bank
from scoring.assess import assess

EVIL = '=HYPERLINK("http://x","click")'


@pytest.fixture
def exported(tmp_path, bundled_bank: Bank):  # type: ignore[no-untyped-def]
    store = AssessmentStore(connect(f"sqlite:///{tmp_path / 'x.db'}"))
    record, token = store.create(bundled_bank, Profile(EVIL, "C"), "en")
    for item in bundled_bank.items:
        store.save_answer(record.id, item.id, "2")
    store.save_answer(record.id, "D1.1", "dk")
    record = store.open(token)
    result = assess(bundled_bank, record.answers)
    return record, export_tables(bundled_bank, record, result, "en")


def test_tables(exported, bundled_bank: Bank) -> None:  # type: ignore[no-untyped-def]
    """Answers (a row per item, with level texts), scores (overall + 4) and next steps."""
    _, tables = exported
    assert len(tables["answers"]) == len(bundled_bank.items)
    assert tables["answers"].loc[1, "answer"].startswith("2 · ")
    assert list(tables["scores"]["dimension"]) == ["overall", "D1", "D2", "D3", "D4"]
    assert tables["scores"].loc[1, "score"] == pytest.approx(50.0)
    assert set(tables["next_steps"]["dimension"]) == {"D1", "D2", "D3", "D4"}


def test_xlsx_keeps_text_as_text(exported, bundled_bank: Bank) -> None:  # type: ignore[no-untyped-def]
    """The firm name that looks like a formula is a string cell, never a formula."""
    record, tables = exported
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(record, tables)))
    assert book.sheetnames == ["about", "answers", "scores", "next_steps"]
    about = {row[0].value: row[1] for row in book["about"].iter_rows()}
    assert about["firm"].value == EVIL and about["firm"].data_type == "s"
    assert book["answers"].max_row == len(bundled_bank.items) + 1  # and the header


def test_xlsx_columns_fit_their_text(exported) -> None:  # type: ignore[no-untyped-def]
    """Columns are as wide as their longest text up to 60 characters (a question is readable
    without resizing), and a longer text wraps in its cell instead of being cut off; short
    columns keep a width of 10."""
    record, tables = exported
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(record, tables)))
    sheet = book["answers"]
    columns = {cell.value: cell.column_letter for cell in sheet[1]}
    widths = {name: sheet.column_dimensions[letter].width for name, letter in columns.items()}
    longest_question = max(len(q) for q in tables["answers"]["question"])
    assert widths["question"] == min(60, longest_question + 2)
    assert widths["question"] >= 40  # the bank's questions run to 80+ characters
    assert widths["level"] == 10  # "level" and one digit
    answers = sheet[columns["answer"]][1:]
    assert answers and all(c.alignment.wrap_text for c in answers)
    assert not any(c.alignment.wrap_text for c in sheet[columns["level"]])
    assert len(EVIL) + 2 <= book["about"].column_dimensions["B"].width <= 60


@pytest.mark.parametrize(
    ("value", "width"),
    [("Manufacturing", 13), ("低於目標 25", 11), ("製造業", 6), (None, 0), (56.875, 6)],
)
def test_text_width(value: object, width: int) -> None:
    """A Chinese character takes two character widths in a spreadsheet column."""
    assert text_width(value) == width


def test_csv_zip_guards_formulas(exported) -> None:  # type: ignore[no-untyped-def]
    """CSV cells starting with = + - @ get an apostrophe."""
    _, tables = exported
    tables["answers"].loc[0, "question"] = "=1+1"
    archive = zipfile.ZipFile(io.BytesIO(export_csv(tables)))
    assert sorted(archive.namelist()) == ["answers.csv", "next_steps.csv", "scores.csv"]
    rows = list(csv.DictReader(io.StringIO(archive.read("answers.csv").decode("utf-8-sig"))))
    assert rows[0]["question"] == "'=1+1"


def test_json_has_everything(exported, bundled_bank: Bank) -> None:  # type: ignore[no-untyped-def]
    """JSON: metadata, raw answers and the three tables."""
    record, tables = exported
    doc = json.loads(export_json(record, tables))
    assert doc["firm"] == EVIL and doc["answer_codes"]["D1.1"] == "dk"
    assert len(doc["answers"]) == len(bundled_bank.items) and len(doc["scores"]) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_guard_formula(text: str, expected: str) -> None:
    """Only cells a spreadsheet would evaluate are prefixed."""
    assert guard_formula(text) == expected


def test_fixed_decimals() -> None:
    """Two decimals exactly; NaN is null; 12.345 style halves round to nearest."""
    import numpy as np

    values = np.array([0.0, 12.5, 81.66666666666667, 100.0, np.nan])
    assert fixed_decimals(values, 2).to_pylist() == ["0.00", "12.50", "81.67", "100.00", None]


NOTE = "每月交付報表與 ERP 庫存記錄"


def _picked(bank: Bank) -> tuple[str, str, str, str]:
    """Four items of different dimensions (ids are the bank's, whatever they are)."""
    first, second, third, fourth = (d.items[0].id for d in bank.dimensions[:4])
    return first, second, third, fourth


@pytest.fixture(params=["en", "zh-Hant"])
def with_evidence(request, tmp_path, bundled_bank: Bank):  # type: ignore[no-untyped-def]
    """An assessment with two evidence notes (one that looks like a formula) and a
    confidence given without a note."""
    store = AssessmentStore(connect(f"sqlite:///{tmp_path / 'x.db'}"))
    record, token = store.create(bundled_bank, Profile("Evidence Works"), request.param)
    for item in bundled_bank.items:
        store.save_answer(record.id, item.id, "2")
    formula, plain, bare, _ = _picked(bundled_bank)
    store.save_evidence(record.id, formula, EVIL, "guess")
    store.save_evidence(record.id, plain, NOTE, "sure")
    store.save_evidence(record.id, bare, None, "fairly")
    record = store.open(token)
    result = assess(bundled_bank, record.answers)
    return record, export_tables(bundled_bank, record, result, request.param)


def test_evidence_in_every_export(with_evidence, bundled_bank: Bank) -> None:  # type: ignore[no-untyped-def]
    """The answers table has `evidence` and `confidence` (the code) per item, empty where
    none was given; in XLSX a note starting with "=" is a string cell, in CSV it gets an
    apostrophe, in JSON it is as written."""
    record, tables = with_evidence
    formula, plain, bare, none = _picked(bundled_bank)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(record, tables)))
    sheet = book["answers"]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["evidence", "confidence"]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    evidence, confidence = header.index("evidence"), header.index("confidence")
    assert rows[formula][evidence].value == EVIL and rows[formula][evidence].data_type == "s"
    assert rows[formula][confidence].value == "guess"
    assert (rows[plain][evidence].value, rows[plain][confidence].value) == (NOTE, "sure")
    assert (rows[bare][evidence].value, rows[bare][confidence].value) == (None, "fairly")
    assert (rows[none][evidence].value, rows[none][confidence].value) == (None, None)

    archive = zipfile.ZipFile(io.BytesIO(export_csv(tables)))
    cells = {
        row["item"]: row
        for row in csv.DictReader(io.StringIO(archive.read("answers.csv").decode("utf-8-sig")))
    }
    assert cells[formula]["evidence"] == "'" + EVIL and cells[plain]["evidence"] == NOTE
    assert cells[bare]["confidence"] == "fairly" and cells[none]["evidence"] == ""

    doc = json.loads(export_json(record, tables))
    answers = {row["item"]: row for row in doc["answers"]}
    assert answers[formula]["evidence"] == EVIL and answers[formula]["confidence"] == "guess"
    assert answers[none]["evidence"] is None and answers[none]["confidence"] is None


def test_item_table_without_evidence_is_unchanged(bundled_bank: Bank) -> None:
    """Called without evidence (the results page's table) it has the six columns as before."""
    from huigui.exports import item_table

    first = bundled_bank.items[0].id
    table = item_table(bundled_bank, assess(bundled_bank, {first: "2"}), "en")
    assert list(table.columns) == ["item", "dimension", "question", "answer", "level", "score"]
