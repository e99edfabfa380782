"""The texts sheet into the bank data: one row per text, one column per language.

A row names its text by ``kind`` (bank, stage, dimension, item), ``where`` (the entity's id,
or ``bank``), ``field`` and, for a list of texts (levels, next_step), ``index`` from 0.
A row whose language cells are all empty stands for an explicitly empty text (``null``);
one empty cell beside filled ones is a missing translation.
"""

from __future__ import annotations

import difflib
from typing import Any

from scoring.loader import TEXT_LIST_KEYS

from .cells import BLANK, CellError, read
from .layout import ENTITY_SHEETS, KINDS, TEXT_COLUMNS, TEXTS_SHEET, Place, text_fields
from .read import Loc, Reading, Table

__all__ = ["read_texts"]

Text = dict[str, str] | None
#: The rows of one list of texts: index (None for an explicitly empty list) → (text, row).
Rows = dict[int | None, tuple[Text, int]]


def read_texts(table: Table, reading: Reading) -> None:
    """Put every text of the sheet into ``reading.data``, noting where each came from."""
    languages, absent = _language_columns(table, reading)
    lists: dict[tuple[Loc, str], Rows] = {}
    seen: dict[tuple[Loc, str, int | None], int] = {}
    for row in table.rows:
        which = _which(table, row, reading)
        if which is None:
            continue
        loc, name, index = which
        if (loc, name, index) in seen:
            column = "index" if name in TEXT_LIST_KEYS else "field"
            reading.problem(
                table.place(row, column), f"row {seen[loc, name, index]} holds this text too"
            )
            continue
        seen[loc, name, index] = row
        text = _text(table, row, languages, reading, listed=index is not None)
        if text is not None:
            text |= dict.fromkeys(absent, "?")  # a stand-in: the missing column is reported
        if name in TEXT_LIST_KEYS:
            lists.setdefault((loc, name), {})[index] = (text, row)
        else:
            _entry(reading, loc)[name] = text
            _note(table, row, languages, (*loc, name), reading)
    for (loc, name), rows in lists.items():
        _put_list(table, loc, name, rows, languages, reading)


def _language_columns(table: Table, reading: Reading) -> tuple[list[str], list[str]]:
    """The language columns, and the declared languages without one (each reported)."""
    present = [h for h in table.columns if h not in TEXT_COLUMNS]
    declared = reading.data.get("languages")
    if not isinstance(declared, list) or not all(isinstance(x, str) for x in declared):
        return present, []  # the bank sheet's problem, reported there
    for header in present:
        if header not in declared:
            reading.problem(
                table.place(1, header),
                f'language "{header}" is not declared in sheet "bank" '
                f"(languages: {', '.join(declared)})",
            )
    absent = [lang for lang in declared if lang not in present]
    for lang in absent:
        reading.problem(Place(TEXTS_SHEET, 1), f'no column for language "{lang}"')
    return [lang for lang in present if lang in declared], absent


def _which(table: Table, row: int, reading: Reading) -> tuple[Loc, str, int | None] | None:
    """The entity, field and index a row names; ``None`` (and a problem) when it names none."""
    kind = reading.text(table, row, "kind")
    if kind not in KINDS:
        shown = "empty" if kind is None else f'unknown kind "{kind}"'
        reading.problem(table.place(row, "kind"), f"{shown}; expected {', '.join(KINDS)}")
        return None
    loc = _entity_loc(table, row, kind, reading)
    if loc is None:
        return None
    name = reading.text(table, row, "field") or ""
    fields = text_fields(kind)
    if name not in fields:
        guess = difflib.get_close_matches(name, fields, n=1)
        hint = f'did you mean "{guess[0]}"?' if guess else f"expected {', '.join(fields)}"
        reading.problem(table.place(row, "field"), f'{kind} has no text "{name}"; {hint}')
        return None
    index = _index(table, row, name, reading)
    if index is False:
        reading.bad.add((*loc, name))  # the text is there; its index is the problem
        return None
    return loc, name, index


def _entity_loc(table: Table, row: int, kind: str, reading: Reading) -> Loc | None:
    where = reading.text(table, row, "where")
    if kind == "bank":
        if where not in (None, "bank"):
            reading.problem(table.place(row, "where"), 'write "bank" for a text of the bank')
            return None
        return ()
    known = reading.ids.get(kind, {})
    if where is None or where not in known:
        shown = (
            "empty" if where is None else f'no {kind} "{where}" in sheet "{ENTITY_SHEETS[kind]}"'
        )
        reading.problem(table.place(row, "where"), f"{shown}; name the {kind}'s id")
        return None
    return known[where]  # None for an item placed nowhere: its texts are passed over


def _index(table: Table, row: int, name: str, reading: Reading) -> int | bool | None:
    """The row's index: a whole number for a list's entry, None otherwise; False when bad."""
    place = table.place(row, "index")
    try:
        value = read(table.rows[row]["index"], "numbers")
    except CellError:
        value = [-1]
    if name not in TEXT_LIST_KEYS:
        if value is BLANK:
            return None
        reading.problem(place, f'"{name}" is a single text: leave index empty')
        return False
    if value is BLANK:
        return None
    if not (isinstance(value, list) and len(value) == 1 and value[0] >= 0):
        reading.problem(place, "not an index: 0, 1, 2 … (the level the text belongs to)")
        return False
    index: int = value[0]
    return index


def _text(table: Table, row: int, languages: list[str], reading: Reading, listed: bool) -> Text:
    """The row's text in each language; ``None`` when every cell is empty."""
    cells = table.rows[row]
    text: dict[str, str] = {}
    for lang in languages:
        try:
            value = read(cells[lang], "text")
        except CellError as exc:
            reading.problem(table.place(row, lang), str(exc))
            value = "?"  # reported; a stand-in keeps the bank checks from repeating it
        text[lang] = "" if value is BLANK else str(value)
    if any(text.values()) or listed:
        return text
    return None


def _entry(reading: Reading, loc: Loc) -> dict[str, Any]:
    """The data of the entity at ``loc`` (``()`` is the bank)."""
    entry: Any = reading.data
    for part in loc:
        entry = entry[part]
    result: dict[str, Any] = entry
    return result


def _note(table: Table, row: int, languages: list[str], loc: Loc, reading: Reading) -> None:
    reading.places[loc] = table.place(row)
    for lang in languages:
        reading.places[(*loc, lang)] = table.place(row, lang)


def _put_list(
    table: Table, loc: Loc, name: str, rows: Rows, languages: list[str], reading: Reading
) -> None:
    """A list of texts in index order; an index skipped or an empty row beside entries is
    a problem at its row."""
    if None in rows:
        text, row = rows.pop(None)
        if text is None and not rows:
            _entry(reading, loc)[name] = None
            _note(table, row, languages, (*loc, name), reading)
            return
        message = "no index; number the entries 0, 1, 2 …"
        reading.problem(table.place(row, "index"), message, (*loc, name))
    ordered = sorted(i for i in rows if i is not None)
    for position, index in enumerate(ordered):
        if index != position:
            message = f"index {index}, but no row has index {position}"
            reading.problem(table.place(rows[index][1], "index"), message, (*loc, name))
            break
    if not ordered:
        return
    _entry(reading, loc)[name] = [rows[i][0] for i in ordered]
    reading.places[(*loc, name)] = table.place(rows[ordered[0]][1])
    for position, index in enumerate(ordered):
        _note(table, rows[index][1], languages, (*loc, name, position), reading)
