"""Responses: read them from CSV or XLSX and turn them into an answer-code matrix.

Two layouts are accepted, told apart by the header:

* **wide** — a ``respondent`` column, one column per item id, optional ``role``, ``group``,
  ``firm``;
* **long** — columns ``respondent, item, answer`` (metadata columns may stand beside them).

An answer is a level index ``0..L-1``, ``na`` (not applicable), ``dk`` (don't know), or blank.
Rows are numbered as a spreadsheet shows them: the header is row 1, the first answer row 2.
Every value is classified once per *distinct* value of a column (``pandas.factorize``), so
parsing costs a hash per cell and a few Python steps per distinct answer, whatever the size.
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .bank import METADATA_COLUMNS, Bank
from .errors import ResponsesError

__all__ = ["BLANK", "DK", "NA", "Answers", "parse_answers", "read_responses"]

#: Answer codes below 0: not answered, not applicable, don't know.
BLANK, NA, DK = -1, -2, -3
_BAD = -9
_INTEGER = re.compile(r"^\+?\d+(\.0*)?$")
LONG_COLUMNS = ("respondent", "item", "answer")

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
    """Read a CSV or XLSX file into a frame of raw cells (no type guessing).

    Raises:
        ResponsesError: the file cannot be read or parsed.
    """
    name = Path(path).name
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise ResponsesError(name, [f"cannot read: {exc.strerror}"]) from None
    if head.startswith(b"PK"):
        return _read_xlsx(path, name)
    return _read_csv(path, name)


def _read_xlsx(path: str | os.PathLike[str], name: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many unrelated types for broken files
        raise ResponsesError(name, [f"not a readable XLSX workbook ({exc})"]) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _read_csv(path: str | os.PathLike[str], name: str) -> pd.DataFrame:
    header = _csv_header(path, name)
    ragged = False

    def on_invalid(row: Any) -> str:
        nonlocal ragged
        ragged = True
        return "skip"

    types = dict.fromkeys(header, pa.large_string())  # what pandas keeps without a copy
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=16 << 20),
            parse_options=pacsv.ParseOptions(invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                column_types=types, strings_can_be_null=False, null_values=[],
                quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid as exc:
        text = str(exc)
        if "UTF8" in text:
            raise ResponsesError(name, ["not UTF-8 text; save it as 'CSV UTF-8'"]) from None
        raise ResponsesError(name, [f"not a readable CSV file ({text})"]) from None
    if ragged:
        raise ResponsesError(name, _ragged_rows(path, len(header)))
    frame: pd.DataFrame = table.to_pandas()
    return frame


def _ragged_rows(path: str | os.PathLike[str], width: int) -> list[str]:
    """Rows whose field count differs from the header's (the slow, exact error path)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return [f"row {k}: {len(fields)} fields where the header has {width}"
                for k, fields in enumerate(csv.reader(fh), start=1)
                if fields and len(fields) != width]


def _csv_header(path: str | os.PathLike[str], name: str) -> list[str]:
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), None)
    except UnicodeDecodeError:
        raise ResponsesError(name, ["not UTF-8 text; save it as 'CSV UTF-8'"]) from None
    if not header:
        raise ResponsesError(name, ["the file is empty; row 1 must be a header"])
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        raise ResponsesError(name, [f"row 1, column {c}: appears more than once" for c in dupes])
    return header


def parse_answers(bank: Bank, frame: pd.DataFrame, source: str = "responses") -> Answers:
    """Check a wide or long responses frame against ``bank`` and encode it.

    Raises:
        ResponsesError: every problem found, each naming row and column.
    """
    columns = [str(c) for c in frame.columns]
    frame = frame.set_axis(columns, axis=1)
    items = set(bank.layout.item_ids)
    if set(LONG_COLUMNS) <= set(columns) and not items & set(columns):
        return _parse_long(bank, frame, source)
    if "respondent" not in columns:
        raise ResponsesError(source, [
            "row 1: no 'respondent' column; expected a wide header (respondent, item ids …) "
            "or a long one (respondent, item, answer)"])
    return _parse_wide(bank, frame, source)


def _parse_wide(bank: Bank, frame: pd.DataFrame, source: str) -> Answers:
    layout = bank.layout
    known = {"respondent", *METADATA_COLUMNS, *layout.item_ids}
    problems = [f"row 1, column {c}: unknown column (neither an item of bank "
                f"'{bank.id}' nor one of respondent, {', '.join(METADATA_COLUMNS)})"
                for c in frame.columns if c not in known]
    respondents, more = _respondent_ids(frame["respondent"])
    problems += more
    codes = np.full((len(frame), len(layout.item_ids)), BLANK, dtype=np.int8)
    missing: list[str] = []
    for k, item_id in enumerate(layout.item_ids):
        if item_id not in frame.columns:
            missing.append(item_id)
            continue
        column, bad = _encode(frame[item_id], int(layout.n_levels[k]))
        codes[:, k] = column
        problems += [f"row {row + 2}, column {item_id}: {why}" for row, why in bad]
    if problems:
        raise ResponsesError(source, problems)
    warnings = (f"{source}: no column for {len(missing)} item(s) ({', '.join(missing)}); "
                "counted as not answered",) if missing else ()
    return Answers(respondents, _metadata(frame), codes, warnings)


def _parse_long(bank: Bank, frame: pd.DataFrame, source: str) -> Answers:
    layout = bank.layout
    problems = [f"row 1, column {c}: unknown column in a long responses file"
                for c in frame.columns if c not in (*LONG_COLUMNS, *METADATA_COLUMNS)]
    resp_codes, resp_uniques = pd.factorize(frame["respondent"].astype("string"), sort=False)
    problems += [f"row {r + 2}, column respondent: missing respondent id"
                 for r in np.flatnonzero(resp_codes < 0)]
    item_pos = pd.Index(layout.item_ids).get_indexer(pd.Index(frame["item"].astype("string")))
    for r in np.flatnonzero(item_pos < 0):
        problems.append(f"row {r + 2}, column item: {frame['item'].iloc[r]!r} is not an item "
                        f"of bank '{bank.id}'")
    levels = np.where(item_pos >= 0, layout.n_levels[np.maximum(item_pos, 0)], 0)
    answer, bad = _encode(frame["answer"], levels)
    problems += [f"row {row + 2}, column answer: {why}" for row, why in bad
                 if item_pos[row] >= 0]
    ok = (resp_codes >= 0) & (item_pos >= 0)
    cell = resp_codes.astype(np.int64) * len(layout.item_ids) + item_pos
    order = np.argsort(cell[ok], kind="stable")
    rows_ok = np.flatnonzero(ok)[order]
    repeated = np.flatnonzero(np.diff(cell[rows_ok]) == 0)
    for k in repeated:
        row = rows_ok[k + 1]
        problems.append(f"row {row + 2}, column item: second answer from "
                        f"{resp_uniques[resp_codes[row]]!r} to {frame['item'].iloc[row]}")
    if problems:
        raise ResponsesError(source, problems)
    codes = np.full((len(resp_uniques), len(layout.item_ids)), BLANK, dtype=np.int8)
    codes[resp_codes, item_pos] = answer
    first = pd.Series(np.arange(len(frame))).groupby(resp_codes).min().to_numpy()
    meta = _metadata(frame.iloc[first].reset_index(drop=True))
    respondents = pd.Index(resp_uniques.astype(str), name="respondent", dtype=str)
    return Answers(respondents, meta, codes, ())


def _respondent_ids(column: pd.Series) -> tuple[pd.Index, list[str]]:
    ids = column.astype("string").str.strip()
    problems = [f"row {r + 2}, column respondent: missing respondent id"
                for r in np.flatnonzero((ids.isna() | (ids == "")).to_numpy())]
    dup = ids.duplicated(keep=False).to_numpy() & ids.notna().to_numpy() & (ids != "").to_numpy()
    if dup.any():
        rows = np.flatnonzero(dup)
        firsts: dict[str, int] = {}
        for r in rows:
            key = str(ids.iloc[r])
            if key in firsts:
                problems.append(f"row {r + 2}, column respondent: duplicate respondent "
                                f"{key!r} (also row {firsts[key] + 2})")
            else:
                firsts[key] = int(r)
    return pd.Index(ids.fillna("").astype(str), name="respondent", dtype=str), problems


def _metadata(frame: pd.DataFrame) -> pd.DataFrame:
    present = [c for c in METADATA_COLUMNS if c in frame.columns]
    meta = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    for c in present:
        text = frame[c].astype("string").str.strip()
        meta[c] = text.where(text != "").to_numpy()
    return meta


def _encode(column: pd.Series, n_levels: int | npt.NDArray[np.int64]
            ) -> tuple[Codes, list[tuple[int, str]]]:
    """Encode one column of answers; ``n_levels`` per column or per row.

    Returns the codes and ``(row, reason)`` for every unusable cell.
    """
    codes = _raw_codes(column)
    out_of_range = codes >= n_levels
    bad = (codes == _BAD) | out_of_range
    problems: list[tuple[int, str]] = []
    for row in np.flatnonzero(bad):
        value = column.iloc[row]
        top = (n_levels if isinstance(n_levels, int) else int(n_levels[row])) - 1
        if codes[row] == _BAD:
            problems.append((int(row), f"{value!r} is not an answer (0..{top}, na, dk or blank)"))
        else:
            problems.append((int(row), f"{_shown(value)} is outside 0..{top}"))
    return np.where(bad, BLANK, codes).astype(np.int8), problems


def _raw_codes(column: pd.Series) -> npt.NDArray[np.int16]:
    """Codes of a column before range checks; ``_BAD`` where a cell is no answer at all."""
    codes = _arrow_string_codes(column)
    if codes is None:
        positions, uniques = pd.factorize(column, use_na_sentinel=True)
        lookup = np.array([*(_classify(u) for u in uniques), BLANK], dtype=np.int16)
        return lookup[positions]
    slow = np.flatnonzero(codes == _SLOW)
    if len(slow):
        positions, uniques = pd.factorize(column.iloc[slow], use_na_sentinel=True)
        lookup = np.array([*(_classify(u) for u in uniques), BLANK], dtype=np.int16)
        codes[slow] = lookup[positions]
    return codes


_SLOW = -8


def _arrow_string_codes(column: pd.Series) -> npt.NDArray[np.int16] | None:
    """Codes straight from the bytes of an Arrow string column, or ``None`` for other dtypes.

    The common cells — one digit, ``na``/``dk`` in any case, empty — are recognised from
    their length and first two bytes with numpy alone; anything else is marked ``_SLOW``
    for :func:`_classify`. This keeps a million-row file from being hashed cell by cell.
    """
    dtype = column.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    arrow = pa.array(column.array)  # the column's own Arrow data, not a copy
    chunks = arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]
    parts = [_chunk_codes(chunk) for chunk in chunks]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int16)


def _chunk_codes(chunk: pa.Array) -> npt.NDArray[np.int16]:
    n = len(chunk)
    offset_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    _, offset_buffer, data_buffer = chunk.buffers()
    offsets = np.frombuffer(offset_buffer, dtype=offset_type, count=chunk.offset + n + 1
                            )[chunk.offset:]
    data = (np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None and
            data_buffer.size else np.zeros(1, dtype=np.uint8))
    start, length = offsets[:-1], np.diff(offsets)
    last = len(data) - 1
    first = data[np.minimum(start, last)]
    second = data[np.minimum(start + 1, last)] | 0x20
    codes = np.full(n, _SLOW, dtype=np.int16)
    codes[length == 0] = BLANK
    digit = (length == 1) & (first >= ord("0")) & (first <= ord("9"))
    codes[digit] = first[digit] - ord("0")
    two, first = length == 2, first | 0x20
    codes[two & (first == ord("n")) & (second == ord("a"))] = NA
    codes[two & (first == ord("d")) & (second == ord("k"))] = DK
    if chunk.null_count:
        codes[chunk.is_null().to_numpy(zero_copy_only=False)] = BLANK
    return codes


def _shown(value: Any) -> str:
    text = str(value).strip()
    return text[:-2] if text.endswith(".0") else text


def _classify(value: Any) -> int:
    """The code of one distinct cell value."""
    if value is None or value is pd.NA:
        return BLANK
    if isinstance(value, bool | np.bool_):
        return _BAD
    if isinstance(value, int | np.integer):
        return int(value) if 0 <= value < 100 else (_BAD if value < 0 else 99)
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return BLANK
        if value.is_integer() and 0 <= value < 100:
            return int(value)
        return 99 if value.is_integer() and value >= 100 else _BAD
    text = str(value).strip()
    lowered = text.lower()
    if not text:
        return BLANK
    if lowered == "na":
        return NA
    if lowered == "dk":
        return DK
    if _INTEGER.match(text):
        number = int(float(text))
        return min(number, 99)
    return _BAD
