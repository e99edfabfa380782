"""``huigui validate`` and ``huigui schema``: check bank files; print the bank format."""

from __future__ import annotations

import argparse
import json
import sys

from scoring import Bank, bundled_bank_path, check_bank_file

from .common import SubParsers, subparser

__all__ = ["bank_schema", "register"]


def register(sub: SubParsers) -> None:
    """Add ``validate`` and ``schema``."""
    p = subparser(
        sub,
        "validate",
        "Check question banks and report every problem (the bundled bank when no file is named).",
        "huigui validate questions/*.yaml",
        _validate,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="bank YAML files")
    subparser(
        sub,
        "schema",
        "Print the JSON Schema of the bank format.",
        "huigui schema > bank.schema.json",
        _schema,
    )


def _validate(args: argparse.Namespace) -> int:
    failed = False
    for path in args.paths or [str(bundled_bank_path())]:
        bank, problems = check_bank_file(path)
        for problem in problems:
            print(problem)
        if bank is None:
            failed = True
            print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
            continue
        print(
            f"{path}: ok — bank {bank.id} {bank.version}: {len(bank.dimensions)} dimensions, "
            f"{len(bank.items)} items, languages {', '.join(bank.languages)}"
        )
    return 1 if failed else 0


def bank_schema() -> dict[str, object]:
    """The JSON Schema of the bank format (draft 2020-12)."""
    schema = Bank.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Huigui question bank",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(bank_schema(), ensure_ascii=False, indent=2))
    return 0
