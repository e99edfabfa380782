"""``huigui aggregate``: group statistics of a responses file, for everyone and per role."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scoring import Answers, Bank, ResponsesError
from scoring.group import (
    OTHER_ROLES,
    GroupStats,
    RoleGaps,
    RoleGrouping,
    group_roles,
    group_stats,
    role_gaps,
)

from ..files import check_target
from .common import SubParsers, add_bank_option, open_bank, read_answers, subparser, write_text

__all__ = ["Aggregate", "aggregate", "register"]


@dataclass(frozen=True)
class Aggregate:
    """The statistics ``huigui aggregate`` prints."""

    everyone: GroupStats
    by_role: dict[str, GroupStats] | None = None
    gaps: RoleGaps | None = None
    grouping: RoleGrouping | None = None

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
        if self.grouping is not None:
            doc["small_roles"] = {
                "min_group": self.grouping.k,
                "merged_into_other_roles": list(self.grouping.merged),
                "hidden": list(self.grouping.hidden),
            }
        return doc

    def notes(self) -> list[str]:
        """What was merged or hidden, in words."""
        g = self.grouping
        if g is None:
            return []
        out = []
        if g.merged:
            out.append(
                f"{len(g.merged)} role(s) with fewer than {g.k} people are shown "
                f"together as {OTHER_ROLES!r}: {', '.join(g.merged)}"
            )
        if g.hidden:
            out.append(
                f"{len(g.hidden)} role(s) with fewer than {g.k} people are not shown "
                f"(fewer than {g.k} even together): {', '.join(g.hidden)}"
            )
        return out


def aggregate(bank: Bank, answers: Answers, *, by_role: bool, min_group: int = 3) -> Aggregate:
    """Statistics for everyone and, with ``by_role``, per role with the gaps between roles;
    roles of fewer than ``min_group`` respondents are merged or hidden (never shown alone)."""
    everyone = group_stats(bank, answers.codes)
    if not by_role or "role" not in answers.metadata.columns:
        return Aggregate(everyone, {} if by_role else None)
    roles = [r if isinstance(r, str) and r else None for r in answers.metadata["role"]]
    grouping = group_roles(roles, min_group)
    per_role = {
        role: group_stats(bank, answers.codes[[s == role for s in grouping.shown]])
        for role in grouping.roles
    }
    return Aggregate(everyone, per_role, role_gaps(bank, per_role), grouping)


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
    p.add_argument(
        "--min-group",
        type=int,
        default=3,
        metavar="K",
        help="with --by role: roles of fewer than K respondents are merged into "
        "'other_roles' or hidden (default 3; below 2 shows single people)",
    )
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
    if args.min_group < 1:
        raise ResponsesError("--min-group", ["must be at least 1"])
    if args.min_group < 2:
        print(
            "warning: --min-group below 2 shows single respondents' answers by role",
            file=sys.stderr,
        )
    result = aggregate(
        bank, read_answers(args, bank), by_role=args.by == "role", min_group=args.min_group
    )
    for note in result.notes():
        print(f"note: {note}", file=sys.stderr)
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
