"""Responses: read them from CSV or XLSX and turn them into an answer-code matrix.

Two layouts are accepted, told apart by the header:

* **wide** — a ``respondent`` column, one column per item id, optional ``role``, ``group``,
  ``firm``;
* **long** — columns ``respondent, item, answer`` (metadata columns may stand beside them).

What counts as an answer (a level, ``na``, ``dk``, blank, and how each may be spelled) is
:mod:`scoring.answers`; both readers hand it the cells as text, so a CSV and an XLSX file
holding the same cells give the same codes. Rows are numbered as a spreadsheet shows them:
the header is row 1, the first answer row 2. Identifiers (respondent, item) and header
names are compared with surrounding whitespace removed.

Reading a file into text cells is :mod:`scoring.sources`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .answers import BLANK, DK, INVALID, NA, SLOW, arrow_codes, classify
from .bank import METADATA_COLUMNS, Bank
from .errors import ResponsesError
from .sources import cut, read_cells

__all__ = ["BLANK", "DK", "NA", "Answers", "parse_answers", "read_responses"]

LONG_COLUMNS = ("respondent", "item", "answer")
#: How much of a bad cell an error message quotes.
SHOWN_CHARS = 40

Codes = npt.NDArray[np.int8]


@dataclass(frozen=True)
class Answers:
    """Validated answers: one row per respondent, one column per bank item (bank order)."""

    respondents: pd.Index
    metadata: pd.DataFrame
    codes: Codes
    warnings: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.respondents)


def read_responses(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a CSV or XLSX file into a frame of text cells (no type guessing).

    See :func:`scoring.sources.read_cells` for the encodings, separators and limits.

    Raises:
        ResponsesError: the file cannot be read or parsed; the message says what to do.
    """
    frame: pd.DataFrame = read_cells(path).to_pandas()
    return frame


def parse_answers(bank: Bank, frame: pd.DataFrame, source: str = "responses") -> Answers:
    """Check a wide or long responses frame against ``bank`` and encode it.

    Raises:
        ResponsesError: every problem found, each naming row and column.
    """
    columns = [str(c).strip() for c in frame.columns]
    frame = frame.set_axis(columns, axis=1)
    items = set(bank.layout.item_ids)
    if set(LONG_COLUMNS) <= set(columns) and not items & set(columns):
        return _parse_long(bank, frame, source)
    if "respondent" not in columns:
        raise ResponsesError(
            source,
            [
                "row 1: no 'respondent' column; expected a wide header (respondent, item ids …) "
                "or a long one (respondent, item, answer)"
            ],
        )
    return _parse_wide(bank, frame, source)


def _parse_wide(bank: Bank, frame: pd.DataFrame, source: str) -> Answers:
    layout = bank.layout
    known = {"respondent", *METADATA_COLUMNS, *layout.item_ids}
    problems = [
        f"row 1, column {cut(c)}: unknown column (neither an item of bank "
        f"'{bank.id}' nor one of respondent, {', '.join(METADATA_COLUMNS)})"
        for c in frame.columns
        if c not in known
    ]
    respondents, more = _respondent_ids(frame["respondent"])
    problems += more
    codes = np.empty((len(frame), len(layout.item_ids)), dtype=np.int8)
    missing: list[str] = []
    for k, item_id in enumerate(layout.item_ids):
        if item_id not in frame.columns:
            missing.append(item_id)
            codes[:, k] = BLANK
            continue
        column, more = _encode(frame[item_id], int(layout.n_levels[k]), item_id)
        codes[:, k] = column
        problems += more
    if problems:
        raise ResponsesError(source, problems)
    warnings = (
        (
            f"{source}: no column for {len(missing)} item(s) ({', '.join(missing)}); "
            "counted as not answered",
        )
        if missing
        else ()
    )
    return Answers(respondents, _metadata(frame), codes, warnings)


def _parse_long(bank: Bank, frame: pd.DataFrame, source: str) -> Answers:
    layout = bank.layout
    problems = [
        f"row 1, column {cut(c)}: unknown column in a long responses file"
        for c in frame.columns
        if c not in (*LONG_COLUMNS, *METADATA_COLUMNS)
    ]
    ids = _stripped(frame["respondent"])
    resp_codes, resp_uniques = pd.factorize(ids.where(ids != ""), sort=False)
    problems += _listed(
        np.flatnonzero(resp_codes < 0), "respondent", lambda r: "missing respondent id"
    )
    item_ids = _stripped(frame["item"])
    item_pos = pd.Index(layout.item_ids).get_indexer(pd.Index(item_ids))
    problems += _listed(
        np.flatnonzero(item_pos < 0),
        "item",
        lambda r: f"{_quoted(item_ids.iloc[r])} is not an item of bank '{bank.id}'",
    )
    levels = np.where(item_pos >= 0, layout.n_levels[np.maximum(item_pos, 0)], 0)
    answer, more = _encode(frame["answer"], levels, "answer", skip=item_pos < 0)
    problems += more
    ok = (resp_codes >= 0) & (item_pos >= 0)
    cell = resp_codes.astype(np.int64) * len(layout.item_ids) + item_pos
    order = np.argsort(cell[ok], kind="stable")
    rows_ok = np.flatnonzero(ok)[order]
    second = np.sort(rows_ok[np.flatnonzero(np.diff(cell[rows_ok]) == 0) + 1])
    problems += _listed(
        second,
        "item",
        lambda r: (
            f"second answer from {_quoted(resp_uniques[resp_codes[r]])} to {item_ids.iloc[r]}"
        ),
    )
    if problems:
        raise ResponsesError(source, problems)
    codes = np.full((len(resp_uniques), len(layout.item_ids)), BLANK, dtype=np.int8)
    codes[resp_codes, item_pos] = answer
    first = pd.Series(np.arange(len(frame))).groupby(resp_codes).min().to_numpy()
    meta = _metadata(frame.iloc[first].reset_index(drop=True))
    respondents = pd.Index(resp_uniques.astype(str), name="respondent", dtype=str)
    return Answers(respondents, meta, codes, ())


def _stripped(column: pd.Series) -> pd.Series:
    """Identifiers as text without surrounding whitespace; missing cells become ``""``."""
    return column.astype("string").str.strip().fillna("")


def _respondent_ids(column: pd.Series) -> tuple[pd.Index, list[str]]:
    ids = _stripped(column)
    problems = _listed(
        np.flatnonzero((ids == "").to_numpy()), "respondent", lambda r: "missing respondent id"
    )
    if len(pc.unique(pa.array(ids.array))) < len(ids):  # one hash pass; the rest is rare
        codes, _ = pd.factorize(ids)
        first = pd.Series(np.arange(len(ids))).groupby(codes).transform("min").to_numpy()
        repeated = np.flatnonzero((first != np.arange(len(ids))) & (ids != "").to_numpy())
        problems += _listed(
            repeated,
            "respondent",
            lambda r: f"duplicate respondent {_quoted(ids.iloc[r])} (also row {first[r] + 2})",
        )
    return pd.Index(ids.astype(str), name="respondent", dtype=str), problems


def _metadata(frame: pd.DataFrame) -> pd.DataFrame:
    present = [c for c in METADATA_COLUMNS if c in frame.columns]
    meta = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    for c in present:
        text = frame[c].astype("string").str.strip()
        meta[c] = text.where(text != "").to_numpy()
    return meta


def _encode(
    column: pd.Series,
    n_levels: int | npt.NDArray[np.int64],
    name: str,
    skip: npt.NDArray[np.bool_] | None = None,
) -> tuple[Codes, list[str]]:
    """Encode one column of answers; ``n_levels`` per column or per row.

    Returns the codes (blank where unusable) and a problem for every unusable cell whose
    row is not in ``skip``.
    """
    codes = _raw_codes(column)
    if isinstance(n_levels, int) and (
        not len(codes) or (codes.min() >= DK and codes.max() < n_levels)
    ):
        return codes, []  # the common case: two reductions, no temporary arrays
    bad = (codes == INVALID) | (codes >= n_levels)
    rows = np.flatnonzero(bad & ~skip if skip is not None else bad)

    def why(row: int) -> str:
        top = (n_levels if isinstance(n_levels, int) else int(n_levels[row])) - 1
        value = column.iloc[row]
        if codes[row] == INVALID:
            return f"{_quoted(value)} is not an answer (0..{top}, na, dk or blank)"
        return f"{_shown(value)} is outside 0..{top}"

    problems = _listed(rows, name, why)
    codes[bad] = BLANK
    return codes, problems


#: Problems listed one by one per column; the rest are counted (a file of junk stays fast).
LISTED_PER_COLUMN = 20


def _listed(rows: npt.NDArray[np.intp], column: str, why: Callable[[int], str]) -> list[str]:
    """``row R, column C: why`` for the first rows, then how many more there are."""
    problems = [f"row {r + 2}, column {column}: {why(int(r))}" for r in rows[:LISTED_PER_COLUMN]]
    if len(rows) > LISTED_PER_COLUMN:
        problems.append(
            f"column {column}: {len(rows) - LISTED_PER_COLUMN:,} more such cells, "
            f"the last in row {rows[-1] + 2}"
        )
    return problems


def _raw_codes(column: pd.Series) -> Codes:
    """Codes of a column before range checks; ``INVALID`` where a cell is no answer at all."""
    chunks = _arrow_chunks(column)
    if chunks is None:
        return _classified(column)
    parts = [arrow_codes(chunk) for chunk in chunks]
    codes = parts[0] if len(parts) == 1 else np.concatenate(parts or [np.empty(0, np.int8)])
    slow = np.flatnonzero(codes == SLOW)
    if len(slow):
        codes[slow] = _classified(column.iloc[slow])
    return codes


def _classified(column: pd.Series) -> Codes:
    """:func:`classify` once per distinct value of ``column``."""
    positions, uniques = pd.factorize(column, use_na_sentinel=True)
    lookup = np.array([*(classify(u) for u in uniques), BLANK], dtype=np.int8)
    return lookup[positions]


def _arrow_chunks(column: pd.Series) -> list[pa.Array] | None:
    """The Arrow string chunks behind ``column``, or ``None`` for other dtypes."""
    dtype = column.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    arrow = pa.array(column.array)  # the column's own Arrow data, not a copy
    return list(arrow.chunks) if isinstance(arrow, pa.ChunkedArray) else [arrow]


def _quoted(value: Any) -> str:
    """A cell for an error message: quoted, and cut to ``SHOWN_CHARS`` characters."""
    text = str(value)
    if len(text) > SHOWN_CHARS:
        return repr(text[:SHOWN_CHARS]) + f"… ({len(text):,} characters)"
    return repr(text)


def _shown(value: Any) -> str:
    text = str(value).strip()
    text = text[:-2] if text.endswith(".0") else text
    return text if len(text) <= SHOWN_CHARS else _quoted(text)
