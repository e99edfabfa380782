"""Read a bank workbook and check it with the rules bank files are checked with.

The checks are the loader's own two passes (:mod:`scoring.loader`): the bank models'
validation and the rules across entries (unique ids, rising stages, ``next_step`` lengths,
essay paragraphs …), so a workbook and a YAML file are held to the same rules. Each
problem's key path is shown as the sheet, row and column its value was read from.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from scoring import Bank

# The loader's passes, shared rather than copied: one rule, one place.
from scoring.loader import TEXT_KEYS, TEXT_LIST_KEYS, rule_findings, structure_findings

from .errors import WorkbookError
from .layout import BANK_SHEET, SHEET_ORDER, TEXTS_SHEET, Place
from .read import Loc, Reading, open_workbook, read_layout, read_values
from .texts import read_texts

__all__ = ["read_bank_workbook"]

_DOTTED = re.compile(r"\b(stages|dimensions)\[(\d+)\](?:\.items\[(\d+)\])?")
_QUOTED = re.compile(r"'([^']+)'")


def read_bank_workbook(path: str | os.PathLike[str], source: str | None = None) -> Bank:
    """The bank a workbook holds, checked like a bank file.

    Args:
        path: the XLSX file.
        source: the name problems are shown under (default: ``path``).

    Raises:
        WorkbookError: every problem found, each at its sheet, row and column.
    """
    name = source or os.fspath(path)
    reading = Reading()
    tables = read_layout(open_workbook(path, name), reading)
    if reading.problems:  # with sheets or columns wrong, no cell can be trusted
        raise WorkbookError(name, listed(reading.problems))
    read_values(tables, reading)
    read_texts(tables[TEXTS_SHEET], reading)
    bank: Bank | None = None
    try:
        bank = Bank.from_data(reading.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for err, (_, message, _) in zip(errors, structure_findings(exc), strict=True):
            _structure_problem(reading, dict(err), message)
    for loc, message, _ in rule_findings(reading.data):
        if not _is_bad(reading, loc):
            reading.problems.append((_place(reading, loc), _in_sheet_words(reading, message)))
    if reading.problems or bank is None:
        raise WorkbookError(name, listed(reading.problems))
    return bank


def listed(problems: Iterable[tuple[Place, str]]) -> list[str]:
    """Problems in workbook order (sheet, row, column), each once."""

    def order(problem: tuple[Place, str]) -> tuple[int, int, int, str]:
        place = problem[0]
        sheet = SHEET_ORDER.index(place.sheet) if place.sheet in SHEET_ORDER else -1
        return sheet, place.row, place.column, problem[1]

    return [f"{p}: {m}" for p, m in sorted(set(problems), key=order)]


def _structure_problem(reading: Reading, err: dict[str, Any], message: str) -> None:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    if kind in ("empty_text", "missing_language"):
        first = _QUOTED.search(str((err.get("ctx") or {}).get("langs", "")))
        loc = (*loc, first.group(1)) if first else loc
    if _is_bad(reading, loc):
        return
    place = _place(reading, loc)
    if kind == "missing":
        place, message = _missing(reading, loc, place, message)
    elif kind == "dict_type" and err.get("input") is None and loc and loc[-1] in TEXT_KEYS:
        message = "empty in every language"
    elif kind == "too_short" and loc and loc[-1] in ("stages", "dimensions", "items"):
        sheet = "items" if loc[-1] == "items" else str(loc[-1])
        hint = " naming this dimension" if loc[-1] == "items" else ""
        message = f'no {loc[-1]}: add rows to sheet "{sheet}"{hint}'
    reading.problems.append((place, message))


def _missing(reading: Reading, loc: Loc, place: Place, message: str) -> tuple[Place, str]:
    """Say what a missing key means in a workbook: a text row, a cell, a row of "bank"."""
    key, parent = loc[-1], loc[:-1]
    if key in TEXT_KEYS or key in TEXT_LIST_KEYS:
        kind, ident = _entity_name(reading, parent)
        return _place(reading, parent), (
            f'no "{key}" text: add a row to sheet "texts" ({kind}, {ident}, {key})'
        )
    if loc in reading.places and place.column:
        return place, "empty; a value is needed"
    if parent == ():
        return Place(BANK_SHEET), f'no row for "{key}"'
    return place, message


def _entity_name(reading: Reading, loc: Loc) -> tuple[str, str]:
    """The kind and id of the entity at ``loc``, as the texts sheet names them."""
    if not loc:
        return "bank", "bank"
    entry: Any = reading.data
    for part in loc:
        entry = entry[part]
    kind = "item" if len(loc) > 2 else "stage" if loc[0] == "stages" else "dimension"
    return kind, str(entry.get("id", "?"))


def _is_bad(reading: Reading, loc: Loc) -> bool:
    """Whether the value at ``loc`` (or around it) was unreadable, and so reported already."""
    return any(loc[:end] in reading.bad for end in range(len(loc) + 1))


def _place(reading: Reading, loc: Loc) -> Place:
    """Where the value at ``loc`` was read, or its nearest known ancestor."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in reading.places:
            return reading.places[loc[:end]]
    return Place(BANK_SHEET)


def _in_sheet_words(reading: Reading, message: str) -> str:
    """Key paths in a rule's message (``dimensions[0].items[1]``) as the rows they are."""

    def row(match: re.Match[str]) -> str:
        loc: Loc = (match.group(1), int(match.group(2)))
        if match.group(3) is not None:
            loc = (*loc, "items", int(match.group(3)))
        place = _place(reading, loc)
        return f'sheet "{place.sheet}", row {place.row}' if place.row else match.group()

    return _DOTTED.sub(row, message)
