"""The error of a workbook that cannot become a bank (or a bank that cannot become one)."""

from __future__ import annotations

from scoring.errors import ProblemsError

__all__ = ["WorkbookError"]


class WorkbookError(ProblemsError):
    """A bank workbook cannot be read or written; ``problems`` lists every place found.

    Each problem reads ``sheet "items", row 7, column C (weight): not a number`` and is
    shown after the file's name, one per line, the first :attr:`MAX_LISTED` of them.
    """

    MAX_LISTED = 100
