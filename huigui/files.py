"""Writing result files: atomically, fast, and safe to open in a spreadsheet."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

__all__ = ["atomic_write", "fixed_decimals", "guard_formula", "guard_text_array", "write_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` on success.

    On any error the temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, mode) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def guard_formula(text: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def guard_text_array(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``guard_formula`` over a whole string array, vectorised."""
    first = pc.utf8_slice_codeunits(values, 0, 1)
    risky = pc.is_in(first, value_set=pa.array(_FORMULA_START))
    if not pc.any(risky).as_py():
        return values
    return pc.if_else(risky, pc.binary_join_element_wise("'", values, ""), values)


@functools.cache
def _decimal_strings(top: int, decimals: int) -> pa.Array:
    scale = 10**decimals
    return pa.array([f"{k / scale:.{decimals}f}" for k in range(top * scale + 1)])


def fixed_decimals(values: npt.NDArray[np.float64], decimals: int, top: int = 100) -> pa.Array:
    """Format floats in ``0..top`` with exactly ``decimals`` decimals; NaN becomes null.

    Each value is rounded to an index into a table of every possible string, so a million
    values cost one gather instead of a million format calls.
    """
    scale = 10**decimals
    missing = np.isnan(values)
    scaled = np.rint(np.clip(np.where(missing, 0.0, values), 0, top) * scale).astype(np.int64)
    return _decimal_strings(top, decimals).take(pa.array(scaled, mask=missing))


def write_csv(table: pa.Table, path: str | os.PathLike[str] | None, out: IO[bytes]) -> None:
    """Write a table as CSV to ``path`` atomically, or to ``out`` when no path is given."""
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    if path is None:
        sink = pa.BufferOutputStream()
        pacsv.write_csv(table, sink, write_options=options)
        out.write(sink.getvalue().to_pybytes())
        return
    with atomic_write(path) as fh:
        pacsv.write_csv(table, fh, write_options=options)
