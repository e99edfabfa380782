"""Tables out as files a spreadsheet opens safely: one XLSX writer, one CSV-in-ZIP writer.

Every text cell that a spreadsheet could run as a formula is defused: CSV cells get a
leading apostrophe (:func:`huigui.files.guard_formula`), XLSX cells are written as typed
strings, never formulas, and characters a workbook cannot hold are dropped rather than the
whole export.
"""

from __future__ import annotations

import io
import json
import math
import unicodedata
import zipfile
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .files import guard_formula

__all__ = ["csv_zip", "guard_frame", "text_width", "write_cell", "xlsx_workbook"]

Value = object


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot start a formula."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: guard_formula(v) if isinstance(v, str) else v)
    return out


def csv_zip(tables: Mapping[str, pd.DataFrame], extra: Mapping[str, object] | None = None) -> bytes:
    """A ZIP of one UTF-8 CSV per table (with the BOM Excel needs), plus ``extra`` files
    written as JSON."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", "\ufeff" + guard_frame(frame).to_csv(index=False))
        for name, doc in (extra or {}).items():
            archive.writestr(name, json.dumps(doc, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def xlsx_workbook(
    tables: Mapping[str, pd.DataFrame], about: Mapping[str, Value] | None = None
) -> bytes:
    """A sheet per table (after an optional key/value ``about`` sheet), header frozen;
    every text cell is a typed string, never a formula."""
    book = Workbook()
    first = book.active
    if first is not None:  # a new workbook starts with one empty sheet
        book.remove(first)
    if about is not None:
        sheet = book.create_sheet("about")
        for key, value in about.items():
            sheet.append([key, ""])
            write_cell(sheet.cell(row=sheet.max_row, column=2), value)
        _fit_column(sheet, 1, list(about), first_row=1)
        _fit_column(sheet, 2, list(about.values()), first_row=1)
    for name, frame in tables.items():
        _sheet(book, name, frame)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, name: str, frame: pd.DataFrame) -> None:
    sheet = book.create_sheet(name)
    sheet.append([str(c) for c in frame.columns])
    for values in frame.itertuples(index=False):
        sheet.append([None] * len(values))
        for col, value in enumerate(values, start=1):
            write_cell(sheet.cell(row=sheet.max_row, column=col), value)
    for col, title in enumerate(frame.columns, start=1):
        _fit_column(sheet, col, [title, *frame.iloc[:, col - 1]])
    sheet.freeze_panes = "A2"


#: Column widths in characters: at least a short number, at most a readable line.
MIN_WIDTH, MAX_WIDTH = 10, 60


def _fit_column(sheet: Worksheet, col: int, values: list[Value], first_row: int = 2) -> None:
    """Make column ``col`` as wide as its longest text (Chinese characters count double), up
    to :data:`MAX_WIDTH`; longer texts wrap in their cells (from ``first_row``, below the
    header) and the row grows instead."""
    longest = max((text_width(v) for v in values), default=0)
    sheet.column_dimensions[get_column_letter(col)].width = min(
        MAX_WIDTH, max(MIN_WIDTH, longest + 2)
    )
    if longest + 2 > MAX_WIDTH:
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=col, max_col=col):
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def text_width(value: Value) -> int:
    """How many character widths a spreadsheet needs to show ``value`` on one line."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def write_cell(cell: Cell, value: Value) -> None:
    """Write a value; text is typed as a string so that ``=…`` is never a formula."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        cell.value = None
    elif isinstance(value, str):
        # Control characters cannot be stored in a workbook; drop them rather than the export.
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
