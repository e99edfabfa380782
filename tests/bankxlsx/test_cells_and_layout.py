"""How fields sit in a workbook: cell formats and escaping, a place for every model field,
texts that stay text, and the sheets' layout for the people who edit them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from huigui.bankxlsx import bank_workbook
from huigui.bankxlsx.cells import escape, put, read, unescape
from huigui.bankxlsx.layout import KINDS, field_kind, text_fields, value_fields
from scoring import load_bank

from ..support.bank_data import full_bank_data, write_bank


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_escaping_is_undone_exactly(value: str) -> None:
    """Property: unescape(escape(t)) == t, and no control character is left to the XML."""
    escaped = escape(value)
    assert unescape(escaped) == value
    assert not any((ch < " " and ch not in "\t\n") or ch in "\ufffe\uffff" for ch in escaped)


def test_every_model_field_has_a_place() -> None:
    """Each field of the bank models is a text or a column with a known cell format, so
    a field added to the models is noticed here (it would fall back to YAML in a cell)."""
    for kind, model in KINDS.items():
        children = {"stages", "dimensions", "items"}
        placed = set(text_fields(kind)) | set(value_fields(kind)) | children
        assert set(model.model_fields) <= placed, kind
        assert all(field_kind(f) != "yaml" for f in value_fields(kind)), kind


def test_texts_are_typed_strings_never_formulas(tmp_path: Path) -> None:
    """A text starting with = is a string cell formatted as Text; the workbook holds no
    formula at all."""
    path = tmp_path / "full.xlsx"
    path.write_bytes(bank_workbook(load_bank(write_bank(tmp_path, full_bank_data()))))
    texts = load_workbook(path)["texts"]
    formula_like = [c for row in texts.iter_rows() for c in row if c.value == "=SUM(A1:A9)"]
    assert formula_like and all(c.data_type == "s" and c.number_format == "@" for c in formula_like)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)


def test_workbook_layout_for_people(mini_book: Path) -> None:
    """README first; every sheet's header row frozen; texts keep their ids in view and
    wrap; a column per language in the bank's order."""
    book = load_workbook(mini_book)
    assert book.sheetnames == ["README", "bank", "stages", "dimensions", "items", "texts"]
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames[1:5])
    texts: Worksheet = book["texts"]
    assert texts.freeze_panes == "E2"
    assert [c.value for c in texts[1]] == ["kind", "where", "field", "index", "en", "zh-Hans"]
    assert texts["E7"].alignment.wrap_text and texts.column_dimensions["E"].width == 60


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        ("number", 2.0, 2),  # a whole number is shown without decimals
        ("number", 0.1, 0.1),
        ("number", 0.37922332671374054, "0.37922332671374054"),  # 17 digits: kept as text
        ("flag", False, False),
        ("words", ["§1.2", "§3.4"], "§1.2, §3.4"),
        ("words", ["§1.2"], "§1.2"),
        ("words", [], "[]"),
        ("numbers", [0, 1], "0, 1"),
        ("numbers", [2], "2"),
        ("effort", 2, "2"),
        ("effort", [1, 2, 3], "1, 2, 3"),
        ("effort", [3], "[3]"),  # a list of one is not the number 3
        ("effort", None, "null"),
        ("yaml", {"a": [1, "b"]}, "{a: [1, b]}"),  # a field added to the models later
    ],
)
def test_cell_formats_read_back(kind: str, value: object, shown: object) -> None:
    """Each kind of field is shown as documented in the README sheet and reads back."""
    sheet = Workbook().create_sheet("t")
    put(sheet["A1"], value, kind)
    assert sheet["A1"].value == shown
    assert read(sheet["A1"], kind) == value
