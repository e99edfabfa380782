"""``huigui bank export`` and ``huigui bank import``: a bank as a spreadsheet and back."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scoring import Bank, load_bank

from ..files import atomic_write, check_target
from .common import SubParsers, subparser, write_text

__all__ = ["register"]


def register(sub: SubParsers) -> None:
    """Add ``bank`` with its ``export`` and ``import`` commands."""
    summary = "Author a question bank in a spreadsheet: export it as XLSX, import it back."
    group = sub.add_parser(
        "bank",
        help=summary,
        description=summary,
        epilog="Example:\n  huigui bank export questions/industrial-internet.yaml -o bank.xlsx",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inner = group.add_subparsers(title="commands", required=True, metavar="COMMAND")
    export = subparser(
        inner,
        "export",
        "Write a bank as an XLSX workbook: one row per text, one column per language.",
        "huigui bank export questions/industrial-internet.yaml -o bank.xlsx",
        _export,
    )
    export.add_argument("bank", metavar="BANK.yaml", type=Path, help="the bank to export")
    _output(export, "the workbook to write (atomically); - for standard output")
    imported = subparser(
        inner,
        "import",
        "Check a bank workbook and write it as a bank YAML file; every problem is listed "
        "by sheet, row and column, and nothing is written until there are none.",
        "huigui bank import bank.xlsx -o questions/industrial-internet.yaml",
        _import,
    )
    imported.add_argument("workbook", metavar="BANK.xlsx", type=Path, help="the workbook")
    _output(imported, "the bank YAML to write (atomically); - for standard output")


def _output(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help=help_text)


def _export(args: argparse.Namespace) -> int:
    if _is_input(args.output, args.bank):
        return 2
    target = _target(args.output)
    if target is None and sys.stdout.isatty():
        print("error: a workbook is binary: give -o FILE, or redirect -o -", file=sys.stderr)
        return 2
    bank = load_bank(args.bank)
    from ..bankxlsx import bank_workbook  # noqa: PLC0415 - openpyxl only for bank export

    workbook = bank_workbook(bank, str(args.bank))
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(workbook)
        sys.stdout.buffer.flush()
        return 0
    with atomic_write(target) as fh:
        fh.write(workbook)
    _summary(target, bank)
    return 0


def _import(args: argparse.Namespace) -> int:
    if _is_input(args.output, args.workbook):
        return 2
    target = _target(args.output)
    from ..bankxlsx import bank_yaml, read_bank_workbook  # noqa: PLC0415 - as above

    bank = read_bank_workbook(args.workbook, str(args.workbook))
    write_text(bank_yaml(bank, str(args.workbook)), target)
    if target is not None:
        _summary(target, bank)
    return 0


def _is_input(output: str, source: Path) -> bool:
    """Whether ``-o`` names the input file (said on stderr): it is never overwritten."""
    if output == "-":
        return False
    try:
        same = os.path.samefile(output, source)
    except OSError:  # one of them does not exist (yet)
        same = os.path.realpath(output) == os.path.realpath(source)
    if same:
        print(f"error: {output} is the input file; write to another file", file=sys.stderr)
    return same


def _target(output: str) -> Path | None:
    """The output path, checked before any work (``None``: standard output)."""
    if output == "-":
        return None
    check_target(output)
    return Path(output)


def _summary(target: Path, bank: Bank) -> None:
    print(
        f"{target}: bank {bank.id} {bank.version}: {len(bank.stages)} stages, "
        f"{len(bank.dimensions)} dimensions, {len(bank.items)} items, "
        f"languages {', '.join(bank.languages)}",
        file=sys.stderr,
    )
