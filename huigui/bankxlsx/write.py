"""A bank as a workbook: a README for people, a sheet per kind of entity, one row per text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scoring import Bank

from .cells import CellError, put
from .errors import WorkbookError
from .layout import (
    BANK_SHEET,
    DIMENSION_COLUMN,
    ENTITY_SHEETS,
    README_SHEET,
    TEXT_COLUMNS,
    TEXTS_SHEET,
    field_kind,
    text_fields,
    value_fields,
)

__all__ = ["Entity", "bank_workbook", "entities"]

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_TEXT_WIDTH = 60

README_LINES = (
    (
        "This workbook holds the question bank {id} {version}. After editing, turn it back "
        "into YAML with:  huigui bank import THIS.xlsx -o BANK.yaml",
        "本工作簿保存题库 {id} {version}。编辑后用以下命令转回 YAML："
        "huigui bank import 本文件.xlsx -o 题库.yaml",
    ),
    (
        'Translators: edit only the language columns of the sheet "texts", one row per text. '
        "Leave kind, where, field and index as they are: they say which text a row holds.",
        "译者：只修改“texts”表中各语言列，每行一段文字。kind、where、field、index 四列"
        "标明该行是哪段文字，请勿改动。",
    ),
    (
        "index numbers the entries of a list: for levels it is the answer level (0 is the "
        "lowest); for next_step, index k is the step from level k to level k + 1.",
        "index 是列表中的序号：levels 的 index 即答案级别（0 为最低）；next_step 的 index k "
        "表示从第 k 级升到第 k + 1 级的做法。",
    ),
    (
        "Every text needs every language. Line breaks in a cell are kept; cells are formatted "
        "as Text, so =…, 1.10 or a date stay exactly as typed. A row whose language cells are "
        "all empty stands for an empty (null) text.",
        "每段文字都要有每种语言。单元格内换行会保留；单元格格式为文本，以 = 开头的内容、"
        "1.10 或日期都按原样保存。各语言列全空的行表示该文字为空（null）。",
    ),
    (
        'Bank authors: the sheets "bank", "stages", "dimensions" and "items" hold ids, '
        "weights and settings, one row per stage, dimension or item, in bank order. An empty "
        "cell means the default (weight 1, not reversed, no trap).",
        "题库作者：“bank”“stages”“dimensions”“items”表保存编号、权重和各项设置，"
        "每个阶段、维度或题目一行，按题库顺序排列。"
        "空单元格表示默认值（权重 1、非反向、非陷阱题）。",
    ),
    (
        "Lists use commas: source §1.2, §3.4; trap_levels 0, 1; effort one number for every "
        "step (2) or one per step (1, 2, 3). [2] is a list of one, [] an empty list, null an "
        "empty value.",
        "列表用逗号分隔：source 写 §1.2, §3.4；trap_levels 写 0, 1；effort 写一个数（每级相同）"
        "或每级一个数（1, 2, 3）。[2] 表示只有一项的列表，[] 表示空列表，null 表示空值。",
    ),
    (
        "Do not rename sheets or column headers. The import checks everything, names the "
        "sheet, row and column of every problem, and writes nothing until all is right.",
        "请勿重命名工作表或列标题。导入时会检查全部内容，逐条指出问题所在的表、行和列，"
        "全部正确后才写出文件。",
    ),
)


@dataclass(frozen=True)
class Entity:
    """The bank, a stage, a dimension or an item: its set fields and where it stands."""

    kind: str
    loc: tuple[str | int, ...]
    fields: dict[str, Any]
    parent: str | None = None  # an item's dimension id


def entities(data: dict[str, Any]) -> Iterator[Entity]:
    """Every entity of a bank's data in reading order: the bank, its stages, then each
    dimension followed by its items."""
    yield Entity("bank", (), data)
    for k, stage in enumerate(data["stages"]):
        yield Entity("stage", ("stages", k), stage)
    for d, dim in enumerate(data["dimensions"]):
        yield Entity("dimension", ("dimensions", d), dim)
        for i, item in enumerate(dim["items"]):
            yield Entity("item", ("dimensions", d, "items", i), item, dim["id"])


def bank_workbook(bank: Bank, source: str = "bank") -> bytes:
    """The workbook of ``bank``: every field the bank sets, and none that it leaves out.

    Raises:
        WorkbookError: a text is longer than a spreadsheet cell holds.
    """
    data = bank.model_dump(exclude_unset=True)
    book = Workbook()
    if book.active is not None:  # a new workbook starts with one empty sheet
        book.remove(book.active)
    _readme(book.create_sheet(README_SHEET), bank)
    problems: list[str] = []
    _bank_sheet(book.create_sheet(BANK_SHEET), data, problems)
    all_entities = list(entities(data))
    for kind, name in ENTITY_SHEETS.items():
        rows = [e for e in all_entities if e.kind == kind]
        _entity_sheet(book.create_sheet(name), kind, rows, problems)
    _texts_sheet(book.create_sheet(TEXTS_SHEET), all_entities, bank.languages, problems)
    if problems:
        raise WorkbookError(source, problems)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _readme(sheet: Worksheet, bank: Bank) -> None:
    version = bank.version if len(bank.version) < 100 else bank.version[:99] + "…"
    for row, lines in enumerate(README_LINES, start=1):
        for column, line in enumerate(lines, start=1):
            put(sheet.cell(row, column), line.format(id=bank.id, version=version), "text", True)
    for letter in "AB":
        sheet.column_dimensions[letter].width = 80


def _header(sheet: Worksheet, names: list[str], widths: list[int]) -> None:
    sheet.append(names)
    for column, (cell, width) in enumerate(zip(sheet[1], widths, strict=True), start=1):
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _put(
    cell: Cell,
    value: object,
    kind: str,
    loc: tuple[str | int, ...],
    problems: list[str],
    wrap: bool = False,
) -> None:
    try:
        put(cell, value, kind, wrap)
    except CellError as exc:
        problems.append(f"{_dotted(loc)}: {exc}")


def _bank_sheet(sheet: Worksheet, data: dict[str, Any], problems: list[str]) -> None:
    _header(sheet, ["field", "value"], [16, 40])
    for row, name in enumerate(value_fields("bank"), start=2):
        put(sheet.cell(row, 1), name, "text")
        if name in data:
            _put(sheet.cell(row, 2), data[name], field_kind(name), (name,), problems)


def _entity_sheet(sheet: Worksheet, kind: str, rows: list[Entity], problems: list[str]) -> None:
    names = [DIMENSION_COLUMN] * (kind == "item") + value_fields(kind)
    _header(sheet, names, [max(12, len(n) + 4) for n in names])
    for row, entity in enumerate(rows, start=2):
        for column, name in enumerate(names, start=1):
            cell = sheet.cell(row, column)
            if name == DIMENSION_COLUMN and entity.parent is not None:
                put(cell, entity.parent, "text")
            elif name in entity.fields:
                _put(cell, entity.fields[name], field_kind(name), (*entity.loc, name), problems)


def _texts_sheet(
    sheet: Worksheet, rows: list[Entity], languages: list[str], problems: list[str]
) -> None:
    widths = [11, 14, 12, 7] + [_TEXT_WIDTH] * len(languages)
    _header(sheet, [*TEXT_COLUMNS, *languages], widths)
    sheet.freeze_panes = f"{get_column_letter(len(TEXT_COLUMNS) + 1)}2"
    for entity in rows:
        where = "bank" if entity.kind == "bank" else str(entity.fields["id"])
        for name in text_fields(entity.kind):
            if name not in entity.fields:
                continue
            value = entity.fields[name]
            listed = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, text in listed:
                loc = (*entity.loc, name) if index is None else (*entity.loc, name, index)
                _text_row(sheet, [entity.kind, where, name, index], text, languages, loc, problems)
    sheet.auto_filter.ref = sheet.dimensions


def _text_row(
    sheet: Worksheet,
    which: list[Any],
    text: dict[str, str] | None,
    languages: list[str],
    loc: tuple[str | int, ...],
    problems: list[str],
) -> None:
    """One row of the texts sheet: which text it is, then the text in each language."""
    row = sheet.max_row + 1
    for column, value in enumerate(which, start=1):
        if value is not None:
            put(sheet.cell(row, column), value, "number" if column == len(which) else "text")
    for column, lang in enumerate(languages, start=len(TEXT_COLUMNS) + 1):
        cell = sheet.cell(row, column)
        if text is None:
            put(cell, "", "text", wrap=True)  # empty, but typed as text like its neighbours
        else:
            _put(cell, text[lang], "text", (*loc, lang), problems, wrap=True)


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
