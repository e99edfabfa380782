"""The ``huigui`` command: validate banks, print the bank schema, score response files.

Every command prints problems as plain lines (``file:line:column: message`` for banks,
``file: row R, column C: message`` for responses) and exits 1; usage mistakes exit 2;
no traceback ever reaches the terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from scoring import (
    Answers,
    Bank,
    HuiguiError,
    bundled_bank_path,
    check_bank_file,
    load_bank,
    parse_answers,
    read_responses,
    score_answers,
)

from . import __version__
from .files import atomic_write, write_csv
from .output import aggregate_document, aggregate_text, csv_table, json_lines
from .report_cli import add_report, run_report

__all__ = ["main"]

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    command: Command = args.command
    try:
        return command(args)
    except HuiguiError as exc:
        _print_error(str(exc))
        return 1
    except OSError as exc:
        _print_error(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise is: no traceback reaches the terminal
        if os.environ.get("HUIGUI_DEBUG"):
            raise
        _print_error(f"unexpected {type(exc).__name__}: {exc} "
                     "(set HUIGUI_DEBUG=1 to see where; please report it)")
        return 70


def _print_error(text: str, stream: TextIO | None = None) -> None:
    for line in text.splitlines() or [""]:
        print(f"error: {line}", file=stream or sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="huigui",
        description="Huigui (回歸): industrial-internet maturity self-assessment.",
        epilog="Example: huigui score responses.csv -o results.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"huigui {__version__}")
    sub = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    _add_validate(sub)
    _add_schema(sub)
    _add_score(sub)
    _add_aggregate(sub)
    add_report(sub, add_bank_option, _subparser, _report)
    return parser


def _subparser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
               summary: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name, help=summary, description=summary, epilog=f"Example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _subparser(sub, "validate", "Check question banks and report every problem.",
                   "huigui validate questions/*.yaml")
    p.add_argument("paths", nargs="+", metavar="PATH", help="bank YAML files")
    p.set_defaults(command=_validate)


def _validate(args: argparse.Namespace) -> int:
    failed = False
    for path in args.paths:
        bank, problems = check_bank_file(path)
        for problem in problems:
            print(problem)
        if bank is None:
            failed = True
            print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
            continue
        print(f"{path}: ok — bank {bank.id} {bank.version}: {len(bank.dimensions)} dimensions, "
              f"{len(bank.items)} items, languages {', '.join(bank.languages)}")
    return 1 if failed else 0


def _add_schema(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _subparser(sub, "schema", "Print the JSON Schema of the bank format.",
                   "huigui schema > bank.schema.json")
    p.set_defaults(command=_schema)


def bank_schema() -> dict[str, object]:
    """The JSON Schema of the bank format (draft 2020-12)."""
    schema = Bank.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Huigui question bank", **{k: v for k, v in schema.items() if k != "title"}}


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(bank_schema(), ensure_ascii=False, indent=2))
    return 0


def add_bank_option(p: argparse.ArgumentParser) -> None:
    """``--bank PATH``, defaulting to the bundled bank."""
    p.add_argument("--bank", metavar="PATH", type=Path, default=None,
                   help="question bank YAML (default: the bundled industrial-internet bank)")


def open_bank(args: argparse.Namespace) -> Bank:
    """Load ``--bank`` or the bundled bank."""
    return load_bank(args.bank or bundled_bank_path())


def _add_score(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _subparser(sub, "score", "Score a CSV or XLSX responses file, one row per respondent.",
                   "huigui score --bank my-bank.yaml answers.xlsx -o results.csv")
    add_bank_option(p)
    p.add_argument("responses", metavar="RESPONSES", type=Path,
                   help="CSV or XLSX: wide (respondent, item ids …) or long "
                        "(respondent, item, answer)")
    p.add_argument("-o", "--output", metavar="FILE", type=Path,
                   help="write here (atomically) instead of standard output")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per respondent")
    p.set_defaults(command=_score)


def read_answers(args: argparse.Namespace, bank: Bank) -> Answers:
    """Read and check ``args.responses``; prints warnings to stderr."""
    frame = read_responses(args.responses)
    answers = parse_answers(bank, frame, args.responses.name)
    for warning in answers.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return answers


def _score(args: argparse.Namespace) -> int:
    bank = open_bank(args)
    answers = read_answers(args, bank)
    results = score_answers(bank, answers)
    if args.json:
        text = "".join(line + "\n" for line in json_lines(bank, results)).encode()
        if args.output is None:
            sys.stdout.buffer.write(text)
        else:
            with atomic_write(args.output) as fh:
                fh.write(text)
        return 0
    sys.stdout.flush()
    write_csv(csv_table(bank, results), args.output, sys.stdout.buffer)
    return 0


def _report(args: argparse.Namespace) -> int:
    bank = open_bank(args)
    return run_report(args, bank, read_answers(args, bank))


def _add_aggregate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _subparser(sub, "aggregate",
                   "Group statistics of a responses file: spread, agreement (rwg), "
                   "polarisation, role gaps.",
                   "huigui aggregate workshop.csv --by role --json")
    add_bank_option(p)
    p.add_argument("responses", metavar="RESPONSES", type=Path,
                   help="the same CSV or XLSX files as `huigui score` reads")
    p.add_argument("--by", choices=["role"], help="also per role, with the gaps between roles")
    p.add_argument("--json", action="store_true", help="one JSON document")
    p.add_argument("-o", "--output", metavar="FILE", type=Path,
                   help="write here (atomically) instead of standard output")
    p.set_defaults(command=_aggregate)


def _aggregate(args: argparse.Namespace) -> int:
    bank = open_bank(args)
    answers = read_answers(args, bank)
    doc = aggregate_document(bank, answers, by_role=args.by == "role")
    if args.by == "role" and not doc["by_role"]:
        print("warning: no 'role' column (or no roles given); --by role shows nothing",
              file=sys.stderr)
    if args.json:
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    else:
        text = aggregate_text(bank, doc)
    if args.output is None:
        sys.stdout.write(text)
    else:
        with atomic_write(args.output) as fh:
            fh.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
