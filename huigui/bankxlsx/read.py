"""A workbook into bank data, remembering the cell every value came from.

Reading goes in two passes. The layout first: the sheets and their column headers; if it is
wrong no cell can be trusted, so its problems are reported alone. Then the cells, sheet by
sheet: each value is put where the bank format wants it and its place is noted under the
value's key path (``("dimensions", 0, "items", 2, "weight")``), so that every problem the
bank checks find later can be shown at the cell it came from.
"""

from __future__ import annotations

import difflib
import os
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from .cells import BLANK, CellError, read
from .errors import WorkbookError
from .layout import (
    BANK_SHEET,
    DIMENSION_COLUMN,
    ENTITY_SHEETS,
    SHEET_ORDER,
    TEXT_COLUMNS,
    TEXTS_SHEET,
    Place,
    field_kind,
    text_fields,
    value_fields,
)

__all__ = ["MAX_BYTES", "Reading", "Table", "open_workbook", "read_layout", "read_values"]

Loc = tuple[str | int, ...]
#: Workbooks larger than this, packed or unpacked, are refused (a bank is far smaller).
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024


@dataclass
class Table:
    """One sheet: its column headers and its non-empty rows, each cell under its header."""

    name: str
    columns: dict[str, int]
    #: Row number (as a spreadsheet shows it) → the row's cells by header.
    rows: dict[int, dict[str, Cell]]

    def place(self, row: int, header: str = "") -> Place:
        """The place of a row, or of one cell of it."""
        return Place(self.name, row, self.columns.get(header, 0), header)


@dataclass
class Reading:
    """What reading has gathered: the bank's data, where each value came from, problems."""

    data: dict[str, Any] = field(default_factory=dict)
    places: dict[Loc, Place] = field(default_factory=dict)
    problems: list[tuple[Place, str]] = field(default_factory=list)
    #: Key paths of values that could not be read: later checks say nothing more of them.
    bad: set[Loc] = field(default_factory=set)
    #: Per kind, where each id's entity stands (``None``: read, but placed nowhere).
    ids: dict[str, dict[str, Loc | None]] = field(default_factory=dict)

    def problem(self, place: Place, message: str, loc: Loc | None = None) -> None:
        """Note a problem (and, with ``loc``, that the value there is unusable)."""
        self.problems.append((place, message))
        if loc is not None:
            self.bad.add(loc)

    def take(self, table: Table, row: int, header: str, loc: Loc, into: dict[str, Any]) -> None:
        """Read the cell under ``header`` into ``into[loc[-1]]``; an empty cell sets nothing."""
        place = self.places[loc] = table.place(row, header)
        try:
            value = read(table.rows[row][header], field_kind(str(loc[-1])))
        except CellError as exc:
            self.problem(place, str(exc), loc)
            return
        if value is not BLANK:
            into[str(loc[-1])] = value

    def text(self, table: Table, row: int, header: str) -> str | None:
        """The cell under ``header`` as text, stripped; ``None`` when empty or unreadable."""
        cell = table.rows[row].get(header)
        try:
            value = read(cell, "text") if cell is not None else BLANK
        except CellError as exc:
            self.problem(table.place(row, header), str(exc))
            return None
        return value.strip() or None if isinstance(value, str) else None


def open_workbook(path: str | os.PathLike[str], source: str) -> Workbook:
    """Open an XLSX file for reading, refusing what cannot be a bank workbook.

    Raises:
        WorkbookError: not an XLSX workbook, or too large.
    """
    size = Path(path).stat().st_size
    if size > MAX_BYTES:
        raise WorkbookError(
            source, [f"{size:,} bytes; bank workbooks are limited to {MAX_BYTES:,}"]
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise WorkbookError(source, [f"unpacks to {unpacked:,} bytes; refused"])
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, …); they do
            # not hold bank data, and a warning is no error of the user's.
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=False, keep_links=False)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise WorkbookError(
            source, [f"not an XLSX workbook ({type(exc).__name__}); save it as .xlsx"]
        ) from None


def read_layout(book: Workbook, reading: Reading) -> dict[str, Table]:
    """Every sheet the bank needs as a :class:`Table`; problems of sheets and headers."""
    tables: dict[str, Table] = {}
    for name in book.sheetnames:
        if name not in SHEET_ORDER:
            guess = difflib.get_close_matches(name, SHEET_ORDER, n=1)
            hint = f'; did you mean "{guess[0]}"?' if guess else ""
            reading.problem(
                Place(name), f"unknown sheet{hint} (a bank has {', '.join(SHEET_ORDER)})"
            )
    for name in SHEET_ORDER[1:]:
        if name not in book.sheetnames:
            reading.problem(Place(name), "missing; keep every sheet the export wrote")
            continue
        tables[name] = _table(book[name], _expected(name), reading)
    return tables


def _expected(sheet: str) -> list[str]:
    if sheet == BANK_SHEET:
        return ["field", "value"]
    if sheet == TEXTS_SHEET:
        return list(TEXT_COLUMNS)
    kind = next(k for k, s in ENTITY_SHEETS.items() if s == sheet)
    return [DIMENSION_COLUMN] * (kind == "item") + value_fields(kind)


def _table(sheet: Worksheet, expected: list[str], reading: Reading) -> Table:
    rows = list(sheet.iter_rows())
    table = Table(sheet.title, {}, {})
    header = rows[0] if rows else ()
    free = sheet.title == TEXTS_SHEET  # its other columns are languages, checked later
    headed: set[int] = set()
    for cell in header:
        name = _header_name(cell, table, reading)
        if name is None:
            continue
        headed.add(cell.column)
        place = Place(table.name, 1, cell.column, name)
        if name in table.columns:
            reading.problem(place, "a second column with this name")
        elif name not in expected and not free:
            reading.problem(place, f"unknown column (the sheet has {', '.join(expected)})")
        else:
            table.columns[name] = cell.column
    for name in expected:
        if name not in table.columns:
            reading.problem(Place(table.name, 1), f'no column "{name}"')
    for cells in rows[1:]:
        _row(cells, table, headed, reading)
    return table


def _header_name(cell: Cell, table: Table, reading: Reading) -> str | None:
    try:
        value = read(cell, "text")
    except CellError as exc:
        reading.problem(Place(table.name, 1, cell.column), str(exc))
        return None
    return value.strip() or None if isinstance(value, str) else None


def _row(cells: tuple[Cell, ...], table: Table, headed: set[int], reading: Reading) -> None:
    """Keep a row that holds anything; a value in a column without a name is a problem."""
    if all(c.value is None or c.value == "" for c in cells):
        return
    named = {c: cells[c - 1] for c in table.columns.values() if c <= len(cells)}
    for cell in cells:
        if cell.column not in headed and cell.value not in (None, ""):
            place = Place(table.name, cell.row, cell.column)
            reading.problem(place, "a value in a column without a name in row 1")
    by_header = {name: named[c] for name, c in table.columns.items() if c in named}
    table.rows[cells[0].row] = by_header


def read_values(tables: dict[str, Table], reading: Reading) -> None:
    """Read the bank, stages, dimensions and items sheets into ``reading.data``."""
    reading.places[()] = Place(BANK_SHEET)
    for kind in ("stage", "dimension"):
        sheet = ENTITY_SHEETS[kind]
        reading.places[(sheet,)] = Place(sheet)
    _bank_values(tables[BANK_SHEET], reading)
    data = reading.data
    data["stages"] = _entity_rows(tables["stages"], "stage", ("stages",), reading)
    data["dimensions"] = _entity_rows(tables["dimensions"], "dimension", ("dimensions",), reading)
    for dim in data["dimensions"]:
        dim["items"] = []
    _item_rows(tables["items"], reading)


def _bank_values(table: Table, reading: Reading) -> None:
    fields = value_fields("bank")
    seen: dict[str, int] = {}
    for row in table.rows:
        name = reading.text(table, row, "field")
        place = table.place(row, "field")
        if name is None:
            reading.problem(place, f"empty; name one of {', '.join(fields)}")
        elif name not in fields:
            guess = difflib.get_close_matches(name, fields, n=1)
            hint = f'did you mean "{guess[0]}"?' if guess else f"expected {', '.join(fields)}"
            reading.problem(place, f'unknown field "{name}"; {hint}')
        elif name in seen:
            reading.problem(place, f'"{name}" is set in row {seen[name]} already')
        else:
            seen[name] = row
            reading.take(table, row, "value", (name,), reading.data)


def _entity_rows(table: Table, kind: str, where: Loc, reading: Reading) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    known = reading.ids.setdefault(kind, {})
    for row in table.rows:
        loc = (*where, len(entries))
        entries.append(_entity(table, row, kind, loc, reading, known))
    return entries


def _entity(
    table: Table,
    row: int,
    kind: str,
    loc: Loc,
    reading: Reading,
    known: dict[str, Loc | None],
) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    reading.places[loc] = table.place(row)
    for name in value_fields(kind):
        reading.take(table, row, name, (*loc, name), entry)
    ident = entry.get("id")
    if isinstance(ident, str) and ident in known:
        # The rule checks report the duplicate; which texts it lacks cannot be told.
        reading.bad.update((*loc, name) for name in text_fields(kind))
    elif isinstance(ident, str):
        known[ident] = loc
    return entry


def _item_rows(table: Table, reading: Reading) -> None:
    dims = reading.ids.get("dimension", {})
    known = reading.ids.setdefault("item", {})
    for row in table.rows:
        dim_id = reading.text(table, row, DIMENSION_COLUMN)
        dim_loc = dims.get(dim_id) if dim_id is not None else None
        if dim_loc is None:
            what = "empty" if dim_id is None else f'no dimension "{dim_id}" in sheet "dimensions"'
            reading.problem(
                table.place(row, DIMENSION_COLUMN), f"{what}; name the item's dimension"
            )
            # Read for the problems of its cells; its texts are then passed over quietly.
            stray = _entity(table, row, "item", ("?", row), reading, {})
            if isinstance(stray.get("id"), str):
                known.setdefault(stray["id"], None)
            continue
        items = reading.data["dimensions"][int(dim_loc[-1])]["items"]
        items.append(_entity(table, row, "item", (*dim_loc, "items", len(items)), reading, known))
