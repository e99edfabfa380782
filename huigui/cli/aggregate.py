"""``huigui aggregate``: group statistics of a responses file, for everyone and per role."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scoring import Answers, Bank
from scoring.group import GroupStats, RoleGaps, answers_by_role, group_stats, role_gaps

from ..files import check_target
from .common import SubParsers, add_bank_option, open_bank, read_answers, subparser, write_text

__all__ = ["Aggregate", "aggregate", "register"]


@dataclass(frozen=True)
class Aggregate:
    """The statistics ``huigui aggregate`` prints."""

    everyone: GroupStats
    by_role: dict[str, GroupStats] | None = None
    gaps: RoleGaps | None = None

    def as_json(self) -> dict[str, object]:
        """The documented JSON document: respondents, items, dimensions, and with roles
        ``by_role`` and ``role_gaps``."""
        doc: dict[str, object] = {
            "respondents": self.everyone.respondents,
            **self.everyone.as_json(),
        }
        if self.by_role is not None:
            doc["by_role"] = {role: s.as_json() for role, s in self.by_role.items()}
        if self.gaps is not None:
            doc["role_gaps"] = self.gaps.as_json()
        return doc


def aggregate(bank: Bank, answers: Answers, *, by_role: bool) -> Aggregate:
    """Statistics for everyone and, with ``by_role``, per role with the gaps between roles."""
    everyone = group_stats(bank, answers.codes)
    if not by_role:
        return Aggregate(everyone)
    per_role = {role: group_stats(bank, codes) for role, codes in answers_by_role(answers).items()}
    return Aggregate(everyone, per_role, role_gaps(bank, per_role))


def register(sub: SubParsers) -> None:
    """Add ``aggregate``."""
    p = subparser(
        sub,
        "aggregate",
        "Group statistics of a responses file: spread, agreement (rwg), polarisation, role gaps.",
        "huigui aggregate docs/examples/responses.csv --by role --json",
        _aggregate,
    )
    add_bank_option(p)
    p.add_argument(
        "responses",
        metavar="RESPONSES",
        type=Path,
        help="the same CSV or XLSX files as `huigui score` reads",
    )
    p.add_argument("--by", choices=["role"], help="also per role, with the gaps between roles")
    p.add_argument("--json", action="store_true", help="one JSON document")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write here (atomically) instead of standard output",
    )


def _aggregate(args: argparse.Namespace) -> int:
    if args.output is not None:
        check_target(args.output)
    bank = open_bank(args)
    result = aggregate(bank, read_answers(args, bank), by_role=args.by == "role")
    if args.by == "role" and not result.by_role:
        print(
            "warning: no 'role' column (or no roles given); --by role shows nothing",
            file=sys.stderr,
        )
    text = (
        json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
        if args.json
        else as_text(bank, result)
    )
    write_text(text, args.output)
    return 0


def _table(frame: pd.DataFrame) -> str:
    for column in frame.columns:
        converted = pd.to_numeric(frame[column], errors="coerce")
        if converted.notna().sum() == frame[column].notna().sum():
            frame[column] = converted
    return frame.to_string(index=False, na_rep="–", float_format=lambda v: f"{v:.2f}")


def as_text(bank: Bank, result: Aggregate) -> str:
    """The statistics as aligned plain-text tables."""
    everyone = result.everyone
    parts = [
        f"{everyone.respondents} respondents",
        "",
        "Dimensions",
        _table(everyone.dimensions_frame()),
        "",
        "Items",
        _table(everyone.items_frame()),
    ]
    for role, stats in (result.by_role or {}).items():
        parts += ["", f"Role: {role}", _table(stats.dimensions_frame())]
    if result.gaps is not None and result.by_role:
        rows = [
            {"dimension": d.id, "gap": g.gap, "highest": g.highest, "lowest": g.lowest}
            for d in bank.dimensions
            for g in [result.gaps.dimensions[d.id]]
        ]
        parts += ["", "Role gaps (highest − lowest role mean)", _table(pd.DataFrame(rows))]
    return "\n".join(parts) + "\n"
