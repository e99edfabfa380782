"""What every subcommand shares: its parser entry, the bank option, reading answers, writing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from scoring import Answers, Bank, ResponsesError, bundled_bank_path, load_bank
from scoring import parse_answers as _parse
from scoring import read_responses as _read

from ..files import atomic_write

__all__ = [
    "Command",
    "SubParsers",
    "add_bank_option",
    "open_bank",
    "read_answers",
    "subparser",
    "write_text",
]

#: A subcommand: the parsed arguments in, the exit status out.
Command = Callable[[argparse.Namespace], int]
if TYPE_CHECKING:  # argparse names no public type for it, and it is generic only to mypy
    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    SubParsers = argparse._SubParsersAction


def subparser(
    sub: SubParsers, name: str, summary: str, example: str, command: Command
) -> argparse.ArgumentParser:
    """A subcommand whose help ends with an example."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"Example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(command=command)
    return parser


def add_bank_option(parser: argparse.ArgumentParser) -> None:
    """``--bank PATH``, defaulting to the bundled bank."""
    parser.add_argument(
        "--bank",
        metavar="PATH",
        type=Path,
        default=None,
        help="question bank YAML (default: the bundled industrial-internet bank)",
    )


def open_bank(args: argparse.Namespace) -> Bank:
    """Load ``--bank`` or the bundled bank."""
    return load_bank(args.bank or bundled_bank_path())


def read_answers(args: argparse.Namespace, bank: Bank) -> Answers:
    """Read and check ``args.responses``; prints warnings to stderr.

    Raises:
        ResponsesError: the file is unusable, or holds a header and no answers.
    """
    path = Path("/dev/stdin") if str(args.responses) == "-" else args.responses
    name = path.name
    answers = _parse(bank, _read(path), name)
    if not len(answers):
        raise ResponsesError(
            name, ["no respondents: row 1 is the header and no answer row follows"]
        )
    for warning in answers.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return answers


def write_text(text: str, output: Path | None) -> None:
    """``text`` to ``output`` (atomically), or to standard output."""
    if output is None:
        sys.stdout.write(text)
        return
    with atomic_write(output) as fh:
        fh.write(text.encode("utf-8"))
