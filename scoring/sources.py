"""Reading a responses file into a table of text cells: CSV or XLSX, from a file or a pipe.

Every cell comes out as text, exactly as written (no type guessing): what the text means is
:mod:`scoring.answers`' business, so a CSV and an XLSX file holding the same cells read the
same. Spreadsheet numbers become the text a CSV export would hold (``3.0`` → ``"3"``).

* **Sources.** A regular file is read where it lies; a pipe (``/dev/stdin``, a FIFO) is read
  into memory up to ``MAX_PIPE_BYTES``; a device (``/dev/zero``), socket or folder is refused
  at once, never read.
* **CSV.** UTF-8 with or without BOM, GB18030/GBK (as Chinese Excel saves "CSV"), UTF-16
  with BOM (Excel's "Unicode text"); separated by ``,``, ``;`` or tabs, whichever splits
  row 1 into most fields. Cells may be of any length.
* **XLSX.** The first worksheet, cached formula values. An Excel 97–2003 ``.xls`` workbook
  is refused with what to do instead; so are ZIP archives that hold no workbook, truncated
  files, and workbooks that unpack to more than ``MAX_XLSX_BYTES``.
* **Tidying.** Header names lose surrounding whitespace; columns with an empty header and no
  values, and empty rows at the end, are dropped (spreadsheets leave both behind).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import stat
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .errors import ResponsesError

__all__ = ["MAX_HEADER_BYTES", "MAX_PIPE_BYTES", "MAX_XLSX_BYTES", "cut", "read_cells"]

#: A pipe (or other stream) is read into memory up to this many bytes.
MAX_PIPE_BYTES = 1 << 30
#: Row 1, the header, must end within this many bytes.
MAX_HEADER_BYTES = 1 << 20
#: An XLSX workbook may unpack to at most this many bytes (a guard against ZIP bombs).
MAX_XLSX_BYTES = 2 << 30
#: Ragged rows listed one by one; the rest are counted.
LISTED_ROWS = 20
#: How much of a header name an error message quotes.
SHOWN_CHARS = 40

Source = Path | bytes  # a regular file, or the whole content of a pipe


def read_cells(path: str | os.PathLike[str]) -> pa.Table:
    """Read a CSV or XLSX file into a table of text columns named by the stripped header.

    Raises:
        ResponsesError: the file cannot be read; the message says what to do instead.
    """
    name = Path(path).name
    source = _source(path, name)
    head = _head(source, 8)
    if head.startswith(b"PK"):
        header, table = _read_xlsx(source, name)
    elif head.startswith(b"\xd0\xcf\x11\xe0") or (
        name.lower().endswith(".xls") and b"\0" in _head(source, 4096)
    ):
        raise ResponsesError(
            name,
            [
                "an Excel 97–2003 (.xls) or password-protected workbook, which cannot be read; "
                "save it as .xlsx or 'CSV UTF-8'"
            ],
        )
    else:
        header, table = _read_csv(source, name)
    return _tidy(header, table, name)


def cut(text: str) -> str:
    """A header name for an error message, cut to ``SHOWN_CHARS`` characters."""
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}…"


def _source(path: str | os.PathLike[str], name: str) -> Source:
    """A regular file as its path; a pipe read into memory (capped); anything else refused."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode):
            return Path(path)
        if stat.S_ISDIR(mode):
            raise ResponsesError(os.fspath(path), ["is a folder; give a CSV or XLSX file"])
        if not stat.S_ISFIFO(mode):
            raise ResponsesError(
                os.fspath(path), ["a device or socket, not a file; give a CSV or XLSX file"]
            )
        return _drain(path, name)
    except OSError as exc:
        raise ResponsesError(name, [f"cannot read: {exc.strerror or exc}"]) from None


def _drain(path: str | os.PathLike[str], name: str) -> bytes:
    """A pipe's whole content, a block at a time, refused past ``MAX_PIPE_BYTES``."""
    blocks, size = [], 0
    with Path(path).open("rb", buffering=0) as fh:
        while block := fh.read(1 << 20):
            blocks.append(block)
            size += len(block)
            if size > MAX_PIPE_BYTES:
                raise ResponsesError(
                    name,
                    [f"more than {_size(MAX_PIPE_BYTES)} from a pipe; save it to a file first"],
                )
    return b"".join(blocks)


def _size(limit: int) -> str:
    return f"{limit >> 20:,} MiB" if limit >= 1 << 20 else f"{limit:,} bytes"


def _head(source: Source, size: int) -> bytes:
    if isinstance(source, bytes):
        return source[:size]
    try:
        with source.open("rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise ResponsesError(source.name, [f"cannot read: {exc.strerror or exc}"]) from None


def _stream(source: Source) -> IO[bytes]:
    return source.open("rb") if isinstance(source, Path) else io.BytesIO(source)


def _tidy(header: list[str], table: pa.Table, name: str) -> pa.Table:
    """Stripped header names, no empty unnamed columns, no trailing empty rows."""
    names = [h.strip() for h in header]
    keep, problems = [], []
    for k, column_name in enumerate(names):
        if column_name:
            keep.append(k)
        elif not _all_blank(table.column(k)):
            problems.append(f"row 1, column {_letters(k)}: values under an empty header")
    dupes = sorted({c for c in names if c and names.count(c) > 1})
    problems += [f"row 1, column {cut(c)}: appears more than once" for c in dupes]
    if problems:
        raise ResponsesError(name, problems)
    columns = [_as_text(table.column(k)) for k in keep]
    tidy = pa.table(columns, names=[names[k] for k in keep])
    return tidy.slice(0, _last_filled_row(tidy))


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return column if column.type == pa.large_string() else column.cast(pa.large_string())


def _all_blank(column: pa.ChunkedArray) -> bool:
    """Every cell empty or spaces (true of no cells at all)."""
    return pc.all(pc.equal(pc.utf8_trim_whitespace(column), "")).as_py() is not False


def _last_filled_row(table: pa.Table) -> int:
    """One past the last row with a non-blank cell; the common case reads a few rows."""
    end: int = table.num_rows
    window = 16
    while end > 0 and table.num_columns:
        start: int = max(0, end - window)
        part = table.slice(start, end - start)
        filled = np.zeros(end - start, dtype=bool)
        for column in part.columns:
            filled |= pc.not_equal(pc.utf8_trim_whitespace(column), "").to_numpy()
        if filled.any():
            return start + int(np.flatnonzero(filled)[-1]) + 1
        end, window = start, window * 4
    return end


def _letters(k: int) -> str:
    """A 0-based column position as a spreadsheet shows it: A … Z, AA …"""
    text = ""
    k += 1
    while k:
        k, digit = divmod(k - 1, 26)
        text = chr(ord("A") + digit) + text
    return text


# -- CSV ------------------------------------------------------------------------------------


def _read_csv(source: Source, name: str) -> tuple[list[str], pa.Table]:
    sample = _head(source, MAX_HEADER_BYTES)
    if not sample.strip():
        raise ResponsesError(name, ["the file is empty; row 1 must be a header"])
    encoding = _encoding(sample, name)
    complete = len(sample) < MAX_HEADER_BYTES
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, complete)
    delimiter, header = _header(text.removeprefix("\ufeff"), name, complete)
    dupes = sorted({c for c in header if c.strip() and header.count(c) > 1})
    if dupes:  # empty names are left to _tidy, which drops them when their cells are empty
        raise ResponsesError(
            name, [f"row 1, column {cut(c)}: appears more than once" for c in dupes]
        )
    try:
        return header, _arrow_csv(source, name, header, delimiter, encoding)
    except UnicodeDecodeError:
        raise ResponsesError(name, [_NOT_TEXT]) from None
    except pa.ArrowException as exc:
        if "UTF8" not in str(exc) or encoding != "utf-8":
            raise ResponsesError(name, [f"not a readable CSV file ({exc})"]) from None
    try:  # UTF-8 at the start, something else further down: Chinese Excel's GBK
        return header, _arrow_csv(source, name, header, delimiter, "gb18030")
    except (UnicodeDecodeError, pa.ArrowException):
        raise ResponsesError(name, [_NOT_TEXT]) from None


_NOT_TEXT = "not text in UTF-8 or GB18030/GBK; save it as 'CSV UTF-8' (or as .xlsx)"


def _encoding(sample: bytes, name: str) -> str:
    """UTF-16 (with BOM), else UTF-8, else GB18030; a NUL byte means binary, not text."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\0" in sample:
        raise ResponsesError(name, ["a binary file, not CSV text or an XLSX workbook"])
    complete = len(sample) < MAX_HEADER_BYTES
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, complete)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ResponsesError(name, [_NOT_TEXT])


@contextlib.contextmanager
def _long_fields() -> Iterator[None]:
    """Python's csv module stops at 131,072 characters a cell; files may hold more."""
    before = csv.field_size_limit((1 << 31) - 1)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _header(text: str, name: str, complete: bool) -> tuple[str, list[str]]:
    """The separator (``,``, ``;`` or tab: whichever splits row 1 most) and row 1."""
    if not complete and "\n" not in text and "\r" not in text:
        raise ResponsesError(
            name, [f"row 1 is longer than {_size(MAX_HEADER_BYTES)}; is this a CSV file?"]
        )
    best: tuple[str, list[str]] = (",", [])
    with _long_fields():
        for delimiter in (",", ";", "\t"):
            try:
                row = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
            except csv.Error as exc:
                raise ResponsesError(name, [f"row 1: not readable as CSV ({exc})"]) from None
            if len(row) > len(best[1]):
                best = (delimiter, row)
    if not any(cell.strip() for cell in best[1]):
        raise ResponsesError(name, ["row 1 is empty; it must be the header"])
    return best


def _arrow_csv(
    source: Source, name: str, header: list[str], delimiter: str, encoding: str
) -> pa.Table:
    ragged = False

    def on_invalid(row: Any) -> str:
        nonlocal ragged
        ragged = True
        return "skip"

    types = dict.fromkeys(header, pa.large_string())  # what pandas keeps without a copy
    table = pacsv.read_csv(
        str(source) if isinstance(source, Path) else pa.BufferReader(source),
        read_options=pacsv.ReadOptions(
            block_size=16 << 20, encoding="utf8" if encoding == "utf-8" else encoding
        ),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types=types,
            strings_can_be_null=False,
            null_values=[],
            quoted_strings_can_be_null=False,
        ),
        # The cells are dropped once encoded; from the system allocator, numpy reuses
        # their memory for the answer codes and scores instead of faulting in new pages.
        memory_pool=pa.system_memory_pool(),
    )
    if ragged:
        raise ResponsesError(name, _ragged_rows(source, encoding, delimiter, len(header)))
    return table


def _ragged_rows(source: Source, encoding: str, delimiter: str, width: int) -> list[str]:
    """Rows whose field count differs from the header's (the slow, exact error path)."""
    encoding = "utf-8-sig" if encoding == "utf-8" else encoding
    rows: list[str] = []
    more = 0
    with (
        io.TextIOWrapper(_stream(source), encoding=encoding, errors="replace", newline="") as fh,
        _long_fields(),
        contextlib.suppress(csv.Error),
    ):  # a broken quote ends the list there
        for k, fields in enumerate(csv.reader(fh, delimiter=delimiter), start=1):
            if fields and len(fields) != width:
                if len(rows) < LISTED_ROWS:
                    rows.append(f"row {k}: {len(fields)} fields where the header has {width}")
                else:
                    more += 1
    if more:
        rows.append(f"{more:,} more rows with a different number of fields")
    return rows or [f"some rows do not have the {width} fields of the header (check the quotes)"]


# -- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(source: Source, name: str) -> tuple[list[str], pa.Table]:
    import openpyxl  # noqa: PLC0415 - 0.1 s to import: only when a workbook is read

    with _stream(source) as stream:
        _check_workbook(stream, name)
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
            try:
                rows = _sheet_rows(book, name)
            finally:
                book.close()
        except ResponsesError:
            raise
        except Exception as exc:  # openpyxl raises many unrelated types for broken files
            raise ResponsesError(name, [f"not a readable XLSX workbook ({exc})"]) from None
    if not any(any(row) for row in rows):
        raise ResponsesError(name, ["the first sheet is empty; row 1 must be a header"])
    if not any(rows[0]):
        raise ResponsesError(name, ["row 1 of the first sheet is empty; it must be the header"])
    width = max(len(row) for row in rows)
    columns = [
        pa.array([row[k] if k < len(row) else "" for row in rows[1:]], type=pa.large_string())
        for k in range(width)
    ]
    header = [rows[0][k] if k < len(rows[0]) else "" for k in range(width)]
    return header, pa.table(columns, names=[f"c{k}" for k in range(width)])


def _check_workbook(stream: IO[bytes], name: str) -> None:
    """A ZIP archive holding a workbook, of a size that is safe to unpack."""
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ResponsesError(
            name,
            [
                "a damaged or truncated XLSX workbook; open it in Excel "
                "and save it again, or save it as 'CSV UTF-8'"
            ],
        ) from None
    if not any(info.filename == "xl/workbook.xml" for info in infos):
        raise ResponsesError(
            name,
            [
                "a ZIP archive but not an XLSX workbook (it has no "
                "xl/workbook.xml); save the sheet as .xlsx or CSV"
            ],
        )
    if sum(info.file_size for info in infos) > MAX_XLSX_BYTES:
        raise ResponsesError(
            name, [f"unpacks to more than {_size(MAX_XLSX_BYTES)}; save the sheet as 'CSV UTF-8'"]
        )
    stream.seek(0)


def _sheet_rows(book: Any, name: str) -> list[list[str]]:
    if not book.worksheets:
        raise ResponsesError(name, ["the workbook has no worksheet"])
    return [[_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV export would hold (``3.0`` → ``"3"``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)
