"""Every error Huigui raises on purpose.

The tree::

    HuiguiError
    ├── BankError               a question bank cannot be used
    │   ├── BankSyntaxError     not readable as YAML (size, encoding, syntax, tags, aliases)
    │   └── BankSchemaError     readable, but not a valid bank (unknown keys, missing texts …)
    ├── ResponsesError          a responses file or frame cannot be scored (names row and column)
    ├── AnswersMismatchError    saved answers do not fit the bank they are scored against
    ├── StoreError              the database refused or lost something
    │   ├── WorkshopClosedError the workshop is closed: answers are frozen
    │   ├── RoundClosedError    round 1 ended when round 2 opened: its answers are kept as they are
    │   ├── WorkshopFullError   the workshop has as many participants as it takes
    │   └── NotFoundError       an assessment, workshop or link does not exist
    │       └── LinkExpiredError    the link existed but has not been used for too long
    └── ReportError             a report cannot be made (e.g. a missing system library or font)

Bank and responses errors carry every problem found, not only the first, so that a
consultant can fix a file in one pass. Shells print ``str(error)``; it never contains a
traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "AnswersMismatchError",
    "BankError",
    "BankSchemaError",
    "BankSyntaxError",
    "HuiguiError",
    "LinkExpiredError",
    "NotFoundError",
    "Problem",
    "ProblemsError",
    "ReportError",
    "ResponsesError",
    "RoundClosedError",
    "StoreError",
    "WorkshopClosedError",
    "WorkshopFullError",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place of a file.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class HuiguiError(Exception):
    """Base of every error Huigui raises on purpose."""


class BankError(HuiguiError):
    """A question bank cannot be used; ``problems`` lists every place found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BankSyntaxError(BankError):
    """The bank file is too large, not UTF-8, not YAML, or uses refused YAML features."""


class BankSchemaError(BankError):
    """The bank file is YAML but breaks the bank format."""


class ProblemsError(HuiguiError):
    """Every problem found in one source, each shown after the source's name, one per line
    (the first :attr:`MAX_LISTED` of them, then how many more)."""

    MAX_LISTED = 50

    def __init__(self, source: str, problems: Iterable[str]) -> None:
        self.source = source
        self.problems: tuple[str, ...] = tuple(problems)
        shown = [f"{source}: {p}" for p in self.problems[: self.MAX_LISTED]]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            shown.append(f"{source}: … and {hidden} more problems")
        super().__init__("\n".join(shown))


class ResponsesError(ProblemsError):
    """Responses cannot be scored; ``problems`` are lines like ``f.csv: row 7, column D2.3: …``."""


class AnswersMismatchError(HuiguiError):
    """Saved answers name items or levels the bank does not have (a bank changed under them)."""

    def __init__(self, bank_id: str, bank_version: str, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        listed = "; ".join(self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(
            f"these answers do not fit the question bank {bank_id} {bank_version}: {listed}{more}"
        )


class StoreError(HuiguiError):
    """The database refused an operation or is unreachable."""


class WorkshopClosedError(StoreError):
    """The workshop is closed: nobody joins, answers or submits any more."""

    def __init__(self) -> None:
        super().__init__("this workshop is closed")


class RoundClosedError(StoreError):
    """Round 2 is open: round 1 is kept exactly as submitted (nobody joins, changes or
    submits round-1 answers any more)."""

    def __init__(self) -> None:
        super().__init__("round 1 has ended: round 2 is under way")


class WorkshopFullError(StoreError):
    """The workshop has as many participants as it takes."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        super().__init__(f"this workshop is full ({cap} people have joined); ask the facilitator")


class NotFoundError(StoreError):
    """The thing asked for does not exist, or the link to it is invalid or expired."""


class LinkExpiredError(NotFoundError):
    """A resume link that has not been used for longer than the resume period."""


class ReportError(HuiguiError):
    """A report cannot be rendered; the message says what to install or change."""
