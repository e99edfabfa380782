"""``huigui score``: one row of scores per respondent, as CSV or JSON Lines."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ..files import atomic_write, check_target, write_csv
from .common import SubParsers, add_bank_option, open_bank, read_answers, subparser
from .output import Scored, csv_table, json_lines

__all__ = ["register"]


def register(sub: SubParsers) -> None:
    """Add ``score``."""
    p = subparser(
        sub,
        "score",
        "Score a CSV or XLSX responses file, one row per respondent.",
        "huigui score docs/examples/responses.csv -o results.csv",
        _score,
    )
    add_bank_option(p)
    p.add_argument(
        "responses",
        metavar="RESPONSES",
        type=Path,
        help="CSV or XLSX: wide (respondent, item ids …) or long "
        "(respondent, item, answer); - reads standard input",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write here (atomically) instead of standard output",
    )
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per respondent")


def _score(args: argparse.Namespace) -> int:
    if args.output is not None:
        check_target(args.output)
    bank = open_bank(args)
    scored = Scored.of(bank, read_answers(args, bank))
    sys.stdout.flush()
    if not args.json:
        write_csv(csv_table(scored), args.output, sys.stdout.buffer)
    elif args.output is None:
        _write_blocks(json_lines(scored), sys.stdout.buffer)
    else:
        with atomic_write(args.output) as fh:
            _write_blocks(json_lines(scored), fh)
    return 0


def _write_blocks(blocks: Iterable[memoryview], out: IO[bytes]) -> None:
    for block in blocks:
        out.write(block)
    out.flush()
