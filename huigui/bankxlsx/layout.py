"""What goes where in a bank workbook: sheets, columns, texts, and the order of YAML keys.

Everything here is read off the bank models, so a field added to them finds its place:
a text (a key the loader lists in ``TEXT_KEYS`` or ``TEXT_LIST_KEYS``) becomes rows of the
"texts" sheet, any other field a column of its entity's sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from pydantic import BaseModel

from scoring.bank import Bank, Dimension, Item, Stage
from scoring.loader import TEXT_KEYS, TEXT_LIST_KEYS

__all__ = [
    "BANK_SHEET",
    "DIMENSION_COLUMN",
    "ENTITY_SHEETS",
    "FIELD_KINDS",
    "KINDS",
    "README_SHEET",
    "SHEET_ORDER",
    "TEXTS_SHEET",
    "TEXT_COLUMNS",
    "Place",
    "field_kind",
    "key_order",
    "text_fields",
    "value_fields",
]

README_SHEET = "README"
BANK_SHEET = "bank"
TEXTS_SHEET = "texts"
#: The sheet of one row per entity, for each kind of entity below the bank.
ENTITY_SHEETS = {"stage": "stages", "dimension": "dimensions", "item": "items"}
SHEET_ORDER = (README_SHEET, BANK_SHEET, *ENTITY_SHEETS.values(), TEXTS_SHEET)
#: The items sheet names each item's dimension in this first column.
DIMENSION_COLUMN = "dimension"
#: The columns of the texts sheet that say which text a row holds; languages follow.
TEXT_COLUMNS = ("kind", "where", "field", "index")

KINDS: dict[str, type[BaseModel]] = {
    "bank": Bank,
    "stage": Stage,
    "dimension": Dimension,
    "item": Item,
}
_CHILDREN = ("stages", "dimensions", "items")
#: Key order of the bundled bank: ids and settings, then texts, then what a level holds.
_KEY_ORDER = {
    "bank": ("id", "version", "languages", "title", "description", "scope", "min_coverage"),
    "stage": ("id", "min", "name", "description"),
    "dimension": ("id", "weight", "name", "description"),
    "item": (
        *("id", "weight", "reverse", "trap", "trap_levels", "effort", "source"),
        *("title", "prompt", "levels", "evidence", "ask", "na_when", "rationale", "next_step"),
    ),
}
#: How each non-text field is written in a cell (see :mod:`huigui.bankxlsx.cells`).
FIELD_KINDS = {
    "id": "text",
    "version": "text",
    "languages": "words",
    "source": "words",
    "weight": "number",
    "min": "number",
    "min_coverage": "number",
    "reverse": "flag",
    "trap": "flag",
    "trap_levels": "numbers",
    "effort": "effort",
}


def key_order(kind: str) -> list[str]:
    """The fields of ``kind`` in the order a bank file lists them (children last)."""
    fields = list(KINDS[kind].model_fields)
    known = [f for f in _KEY_ORDER[kind] if f in fields]
    later = [f for f in fields if f not in known and f not in _CHILDREN]
    return known + later + [f for f in fields if f in _CHILDREN]


def text_fields(kind: str) -> list[str]:
    """The text fields of ``kind``, single texts and lists of texts alike."""
    return [f for f in key_order(kind) if f in TEXT_KEYS or f in TEXT_LIST_KEYS]


def value_fields(kind: str) -> list[str]:
    """The fields of ``kind`` that are cells of its own sheet (not texts, not children)."""
    texts = set(text_fields(kind))
    return [f for f in key_order(kind) if f not in texts and f not in _CHILDREN]


def field_kind(field: str) -> str:
    """How ``field`` is written in a cell; a field unknown here is written as YAML."""
    return FIELD_KINDS.get(field, "yaml")


@dataclass(frozen=True, order=True)
class Place:
    """A place in the workbook: a sheet, or a row of it, or one cell (all 1-based)."""

    sheet: str
    row: int = 0
    column: int = 0
    header: str = ""

    def __str__(self) -> str:
        text = f'sheet "{self.sheet}"'
        if self.row:
            text += f", row {self.row}"
        if self.column:
            text += f", column {get_column_letter(self.column)}"
            text += f" ({self.header})" if self.header else ""
        return text
