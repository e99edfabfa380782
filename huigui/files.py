"""Writing result files: atomically, fast, and safe to open in a spreadsheet."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

__all__ = [
    "atomic_write",
    "check_target",
    "fixed_decimals",
    "guard_formula",
    "guard_text_array",
    "write_csv",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO[bytes]]:
    """Write ``path`` as a shell redirect would, but all or nothing for regular files.

    A regular file (or one a symlink points to) is written to a temporary file beside it
    and renamed over it on success, so an error leaves it as it was; the symlink stays a
    symlink. A new file gets the permissions of the user's umask, an existing one keeps its
    mode. A device or pipe (``/dev/null``, ``/dev/stdout``) is written straight through.

    Raises:
        IsADirectoryError: ``path`` is a folder.
        OSError: the folder is missing or not writable (naming ``path``, not a temp file).
    """
    target = Path(path)
    existing = _stat(target)
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(target))
    if existing is not None and (not stat.S_ISREG(existing.st_mode) or _is_stream(target)):
        # Appending is writing for a device or pipe, and keeps what a shell's `>>` wrote.
        with target.open(mode.replace("w", "a")) as fh:
            yield fh
        return
    real = Path(os.path.realpath(target))
    fd, temp = _create_beside(real, target)
    try:
        if existing is not None:
            os.fchmod(fd, stat.S_IMODE(existing.st_mode))
        with os.fdopen(fd, mode) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def check_target(path: str | os.PathLike[str]) -> None:
    """Fail early, before any work, when ``path`` cannot be an output file.

    Raises:
        IsADirectoryError: ``path`` is a folder.
        FileNotFoundError: the folder it would go into does not exist.
    """
    target = Path(path)
    existing = _stat(target)
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(target))
    if existing is None and not Path(os.path.realpath(target)).parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder to write into", str(target))


def _stat(path: Path) -> os.stat_result | None:
    """``os.stat`` following symlinks; ``None`` when nothing is there (or a dangling link)."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _is_stream(path: Path) -> bool:
    """Names of open descriptors (``/dev/stdout``, ``/proc/self/fd/1``): written through even
    when they lead to a regular file, as the shell opened it (perhaps to append)."""
    name = str(path.absolute())
    return name in ("/dev/stdout", "/dev/stderr") or name.startswith(("/dev/fd/", "/proc/"))


def _create_beside(real: Path, shown: Path) -> tuple[int, str]:
    """A new temporary file beside ``real``, created with mode 0666 so the umask applies."""
    for _ in range(100):
        temp = real.parent / f".{real.name}.{secrets.token_hex(4)}.part"
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), str(temp)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(shown)) from None
    raise FileExistsError(errno.EEXIST, "cannot create a temporary file", str(shown))


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
    """Write a table as CSV to ``path`` atomically, or stream it to ``out`` without a path."""
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    if path is None:
        pacsv.write_csv(table, pa.PythonFile(out, mode="w"), write_options=options)
        out.flush()
        return
    with atomic_write(path) as fh:
        pacsv.write_csv(table, fh, write_options=options)
