"""What an answer is: the one vocabulary every reader, store and page shares.

An answer to an item of ``L`` levels is one of four kinds:

=========  ==========  ===========  =====================================================
kind       code        stored as    written in files as (any case, spaces around ignored)
=========  ==========  ===========  =====================================================
level      ``0..L-1``  ``"0"``…     a whole number: ``3``, ``03``, ``+3``, ``3.0``, ``３``
na         ``NA`` −2   ``"na"``     ``na``, ``n/a``, ``n.a.``, ``not applicable``,
                                    ``不适用``, ``不適用``
dk         ``DK`` −3   ``"dk"``     ``dk``, ``don't know``, ``dont know``, ``do not know``,
                                    ``不知道``, ``不清楚``
blank      ``BLANK``   nothing      an empty cell, ``null``, ``none``, ``nan``, ``#n/a``,
           −1                       ``-``
=========  ==========  ===========  =====================================================

A cell is compared after Unicode NFKC normalisation (full-width ``ＮＡ`` and ``３`` are ``NA``
and ``3``), with typographic apostrophes made plain, surrounding whitespace removed and case
folded. Anything else is :data:`INVALID`. CSV and XLSX cells go through the same rules: a
spreadsheet number ``3.0`` is the level 3, the text ``NA`` is *not applicable* in both.

:data:`SPECIALS` is the only place the special kinds, their spellings, stored forms and
labels live. The fast path over millions of cells (:func:`arrow_codes`) is built from it,
and a test checks that it agrees with :func:`classify` on every one- and two-character cell.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

__all__ = [
    "BLANK",
    "DK",
    "INVALID",
    "KINDS",
    "NA",
    "SLOW",
    "SPECIALS",
    "TOKENS",
    "Kind",
    "Special",
    "arrow_codes",
    "classify",
    "from_stored",
    "kind_of",
    "label",
    "stored",
]

Kind = Literal["level", "na", "dk", "blank"]
KINDS: tuple[Kind, ...] = ("level", "na", "dk", "blank")

#: Codes below 0: not answered, not applicable, don't know; ``INVALID``: no answer at all.
BLANK, NA, DK = -1, -2, -3
INVALID = -9
#: Levels are capped here so that any code fits an int8 (a level ≥ L is out of range anyway).
TOP_LEVEL = 99


@dataclass(frozen=True)
class Special:
    """An answer that is not a level: its code, stored text, spellings and labels."""

    kind: Kind
    code: int
    stored: str | None  # None: the store keeps no row
    tokens: frozenset[str]  # already normalised (see :func:`normalise`)
    labels: Mapping[str, str]  # language → words; "en" is the fallback


#: Every answer kind but levels. A new kind is a new row here (and wherever it is shown).
SPECIALS: tuple[Special, ...] = (
    Special(
        "na",
        NA,
        "na",
        frozenset({"na", "n/a", "n.a.", "not applicable", "不适用", "不適用"}),
        {"en": "Not applicable", "zh-Hans": "不适用", "zh-Hant": "不適用"},
    ),
    Special(
        "dk",
        DK,
        "dk",
        frozenset({"dk", "don't know", "dont know", "do not know", "不知道", "不清楚"}),
        {"en": "Don't know", "zh-Hans": "不清楚", "zh-Hant": "不清楚"},
    ),
    Special(
        "blank",
        BLANK,
        None,
        frozenset({"", "null", "none", "nan", "#n/a", "-"}),
        {"en": "(not answered)", "zh-Hans": "（未作答）", "zh-Hant": "（未作答）"},
    ),
)
#: The spellings accepted when reading, by code.
TOKENS: Mapping[int, frozenset[str]] = {s.code: s.tokens for s in SPECIALS}
_BY_CODE = {s.code: s for s in SPECIALS}
_BY_KIND: dict[str, Special] = {s.kind: s for s in SPECIALS}
_BY_STORED = {s.stored: s for s in SPECIALS}
_CODE_OF_TOKEN = {token: s.code for s in SPECIALS for token in s.tokens}
_WHOLE_NUMBER = re.compile(r"\+?(\d+)(\.0*)?", re.ASCII)
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})


def normalise(text: str) -> str:
    """A cell as the vocabulary compares it: NFKC, plain apostrophes, stripped, case-folded."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).strip().casefold()


def classify(value: object) -> int:
    """The code of one cell value: a level (capped at 99), NA, DK, BLANK or INVALID.

    Numbers from a spreadsheet count when they are whole (``3.0`` is 3); text follows the
    table in the module docstring.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return BLANK
    if isinstance(value, bool | np.bool_):
        return INVALID
    if isinstance(value, int | np.integer):
        return _level(int(value))
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return BLANK
        return _level(int(value)) if float(value).is_integer() else INVALID
    text = normalise(str(value))
    code = _CODE_OF_TOKEN.get(text)
    if code is not None:
        return code
    number = _WHOLE_NUMBER.fullmatch(text)
    return _level(int(number.group(1))) if number else INVALID


def _level(number: int) -> int:
    return min(number, TOP_LEVEL) if number >= 0 else INVALID


def kind_of(code: int) -> Kind:
    """The kind of an answer code (a code ≥ 0 is a level).

    Raises:
        ValueError: ``code`` is INVALID or unknown.
    """
    if code >= 0:
        return "level"
    if code in _BY_CODE:
        return _BY_CODE[code].kind
    raise ValueError(f"{code} is not an answer code")


def stored(code: int) -> str | None:
    """How the store keeps an answer: ``"0"``…``"9"``…, ``"na"``, ``"dk"``; ``None`` for blank.

    Raises:
        ValueError: ``code`` is INVALID or unknown.
    """
    return str(code) if kind_of(code) == "level" else _BY_CODE[code].stored


def from_stored(text: str | None) -> int:
    """The code of a stored answer (the inverse of :func:`stored`).

    Raises:
        ValueError: ``text`` is not something :func:`stored` writes.
    """
    if text in _BY_STORED:
        return _BY_STORED[text].code
    if text is not None and text.isascii() and text.isdigit():
        return int(text)
    raise ValueError(f"{text!r} is not a stored answer")


def label(kind: Kind | int, lang: str) -> str:
    """A special answer in words (``"Not applicable"``, ``"不清楚"`` …); English by default.

    ``kind`` is a kind name or a code; a level code comes back as its number (the bank
    holds the words of levels).
    """
    name = kind_of(kind) if isinstance(kind, int) else kind
    if name == "level":
        return str(kind)
    labels = _BY_KIND[name].labels
    return labels.get(lang, labels["en"])


# -- the fast path: codes straight from the bytes of an Arrow string array ------------------

#: Marks a cell the byte table cannot decide; :func:`classify` decides it.
SLOW = -8


def _byte_table() -> npt.NDArray[np.int8]:
    """Codes indexed by ``min(length, 3) << 16 | first byte << 8 | second byte``.

    Only cells of at most two ASCII bytes are decided here, each by :func:`classify`
    itself, so the table cannot disagree with it; everything else is ``SLOW``.
    """
    table = np.full((4, 256, 256), SLOW, dtype=np.int8)
    table[0] = classify("")
    for first in range(128):
        table[1, first, :] = classify(chr(first))
    pairs = {f"{k:02d}" for k in range(100)}
    for token in _CODE_OF_TOKEN:  # every short spelling, so a new one is fast at once
        if len(token) == 2 and token.isascii():  # every mix of cases: na, NA, Na, nA
            pairs |= {
                "".join(p) for p in itertools.product(*({c.lower(), c.upper()} for c in token))
            }
    for text in pairs:
        table[2, ord(text[0]), ord(text[1])] = classify(text)
    return table.reshape(-1)


_TABLE = _byte_table()


def arrow_codes(chunk: pa.Array) -> npt.NDArray[np.int8]:
    """Codes of a (large) string array, ``SLOW`` where :func:`classify` must decide.

    A handful of numpy passes over the offsets and a gather of the first two bytes of
    every cell: a million-row column costs milliseconds, not a hash per cell.
    """
    n = len(chunk)
    offset_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    _, offset_buffer, data_buffer = chunk.buffers()
    if n == 0 or offset_buffer is None:
        return np.empty(0, dtype=np.int8)
    offsets = np.frombuffer(offset_buffer, dtype=offset_type, count=chunk.offset + n + 1)[
        chunk.offset :
    ]
    base = int(offsets[0])
    size = int(offsets[-1]) - base
    data = np.zeros(size + 2, dtype=np.uint8)  # two bytes of padding past the last cell
    if size:
        data[:size] = np.frombuffer(data_buffer, dtype=np.uint8, count=size, offset=base)
    start = offsets[:-1] - base
    key = np.minimum(np.diff(offsets), 3).astype(np.int32)
    key <<= 16
    key |= data[start].astype(np.int32) << 8
    key |= data[1:][start]
    codes = _TABLE[key]
    if chunk.null_count:
        codes[chunk.is_null().to_numpy(zero_copy_only=False)] = BLANK
    return codes
