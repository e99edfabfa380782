"""The error of a workbook that cannot become a bank (or a bank that cannot become one)."""

from __future__ import annotations

from collections.abc import Iterable

from scoring import HuiguiError

__all__ = ["WorkbookError"]


class WorkbookError(HuiguiError):
    """A bank workbook cannot be read or written; ``problems`` lists every place found.

    Each problem reads ``sheet "items", row 7, column C (weight): not a number`` and is
    shown after the file's name, one per line, the first :attr:`MAX_LISTED` of them.
    """

    MAX_LISTED = 100

    def __init__(self, source: str, problems: Iterable[str]) -> None:
        self.source = source
        self.problems: tuple[str, ...] = tuple(problems)
        shown = [f"{source}: {p}" for p in self.problems[: self.MAX_LISTED]]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            shown.append(f"{source}: … and {hidden} more problems")
        super().__init__("\n".join(shown))
