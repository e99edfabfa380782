"""Values into cells and back: texts exactly as written, numbers as numbers, lists with commas.

Texts are typed strings in cells formatted as Text, never formulas, so ``=A1``, ``1.10`` or
``2024-01-01`` stay what they are, also when someone types over them in a spreadsheet.
A workbook cannot hold every character a text may contain: XML has no control characters,
and reading it turns a carriage return into a line feed. Those characters are written the
way Excel writes them itself, ``_xHHHH_`` (``_x000D_`` for a carriage return), and an
underscore that would start such a code as ``_x005F_``; Excel shows the original text, and
:func:`read` gives it back exactly.

Other fields by kind: ``number`` a number cell; ``flag`` TRUE or FALSE; ``words`` and
``numbers`` a list with commas (``§1.2, §3.4``; ``[]`` an empty list); ``effort`` a whole
number, or a list with commas (``[2]`` a list of one); ``yaml`` a value in YAML flow style.
``null`` stands for an explicitly empty value; an empty cell for an omitted field.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import yaml
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment

__all__ = ["BLANK", "MAX_CELL", "CellError", "escape", "put", "read", "read_text", "unescape"]

#: The most characters a cell of Excel holds.
MAX_CELL = 32_767
NULL = "null"
TEXT_FORMAT = "@"
_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_CODE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_WRAP = Alignment(wrap_text=True, vertical="top")


class _Blank(enum.Enum):
    BLANK = "blank"


#: What :func:`read` returns for an empty cell: the field is left out.
BLANK = _Blank.BLANK


class CellError(ValueError):
    """A cell that does not hold what its column expects; the message says what it holds."""


def escape(text: str) -> str:
    """``text`` with the characters a workbook cannot keep written as ``_xHHHH_``."""
    return _ESCAPED.sub(lambda m: f"_x{ord(m.group()[0]):04X}_", text)


def unescape(text: str) -> str:
    """The text :func:`escape` was given (and what Excel shows for a ``_xHHHH_`` code)."""
    return _CODE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def put(cell: Cell, value: object, kind: str, wrap: bool = False) -> None:
    """Write the value of a field of ``kind`` into ``cell``.

    Raises:
        CellError: a text too long for a spreadsheet cell.
    """
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if kind == "number" and number is not None and _keeps(float(number)):
        cell.value = int(number) if float(number).is_integer() else number
        return
    if kind == "flag" and isinstance(value, bool):
        cell.value = value
        return
    text = value if kind == "text" and isinstance(value, str) else _written(value, kind)
    escaped = escape(text)
    if len(escaped) > MAX_CELL:
        raise CellError(f"{len(escaped):,} characters; a spreadsheet cell holds {MAX_CELL:,}")
    cell.value = escaped
    cell.data_type = "s"  # never a formula, whatever it starts with
    cell.number_format = TEXT_FORMAT
    if wrap:
        cell.alignment = _WRAP


def _written(value: object, kind: str) -> str:
    if value is None:
        return NULL
    if kind in ("words", "numbers", "effort") and isinstance(value, list):
        listed = ", ".join(str(v) for v in value)
        return listed if len(value) > 1 or (value and kind != "effort") else f"[{listed}]"
    if kind in ("effort", "numbers", "number") and isinstance(value, int | float):
        return repr(value)
    flow = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=2**31)
    return flow.removesuffix("\n...\n").removesuffix("\n")


def read(cell: Cell, kind: str) -> object:
    """The value of a field of ``kind`` in ``cell``; :data:`BLANK` when it is empty.

    Raises:
        CellError: a formula, an error value, or a value the column cannot hold.
    """
    raw = cell.value
    if cell.data_type == "f" or (raw is not None and not isinstance(raw, _PLAIN)):
        raise CellError(f"a formula ({raw}); write the value itself")
    if cell.data_type == "e":
        raise CellError(f"an error value ({raw}); write the value itself")
    if raw is None or raw == "":
        return BLANK
    if kind == "text":
        return read_text(raw)
    if isinstance(raw, str) and raw.strip() == NULL:
        return None
    reader = _READERS.get(kind, _yaml)
    return reader(raw)


_PLAIN = (str, int, float, bool, dt.datetime, dt.date, dt.time, dt.timedelta)


def read_text(raw: object) -> str:
    """A cell value as text: strings exactly, whole numbers as digits.

    Raises:
        CellError: a date, a boolean or a fractional number, which a spreadsheet made
            of what was typed (``1.10`` becomes 1.1): the text is lost.
    """
    if isinstance(raw, str):
        return unescape(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    what = "TRUE or FALSE" if isinstance(raw, bool) else "a number" if _is_number(raw) else "a date"
    raise CellError(f"{what} ({raw}), not text: format the cell as Text and type the text again")


def _keeps(number: float) -> bool:
    """Whether a number cell keeps ``number`` exactly: openpyxl writes 16 significant
    digits, and a few floats need 17 (those are written as text, which reads back exact)."""
    return abs(number) < 2**53 and float(f"{number:.16g}") == number


def _is_number(raw: object) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool)


def _number(raw: object) -> object:
    if _is_number(raw):
        return raw
    try:
        return float(read_text(raw).strip())
    except (ValueError, CellError):
        raise CellError("not a number") from None


def _flag(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().casefold()
    if word in ("true", "yes", "1"):
        return True
    if word in ("false", "no", "0"):
        return False
    raise CellError("not TRUE or FALSE")


def _pieces(raw: object) -> list[str]:
    text = read_text(raw).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1].strip()
    if not text:
        return []
    pieces = [piece.strip() for piece in text.split(",")]
    if "" in pieces:
        raise CellError("an empty entry between commas")
    return pieces


def _words(raw: object) -> list[str]:
    return _pieces(raw)


def _whole(piece: object, expected: str) -> int:
    if isinstance(piece, float) and piece.is_integer():
        return int(piece)
    if isinstance(piece, int) and not isinstance(piece, bool):
        return piece
    try:
        return int(str(piece))
    except ValueError:
        raise CellError(f"not {expected}") from None


def _numbers(raw: object) -> list[int]:
    expected = "a list of whole numbers such as 0, 1"
    if _is_number(raw):
        return [_whole(raw, expected)]
    return [_whole(piece, expected) for piece in _pieces(raw)]


def _effort(raw: object) -> int | list[int]:
    expected = "a whole number, or one per step such as 1, 2, 3"
    if _is_number(raw):
        return _whole(raw, expected)
    text = read_text(raw).strip()
    if text.startswith("[") or "," in text:
        return [_whole(piece, expected) for piece in _pieces(text)]
    return _whole(text, expected)


def _yaml(raw: object) -> object:
    try:
        return yaml.safe_load(read_text(raw))
    except yaml.YAMLError:
        raise CellError("not a value in YAML flow style") from None


_READERS = {
    "number": _number,
    "flag": _flag,
    "words": _words,
    "numbers": _numbers,
    "effort": _effort,
}
