"""``huigui aggregate``: group statistics of a responses file, for everyone and per role.

A file with a ``round`` column (1 or 2 in every row) holds two rounds of one group: each
round is aggregated on its own rows, exactly as a file of that round alone would be (small
roles merged or hidden per round), and the shift per item from round 1 to round 2 pairs
the people of both rounds by their ``respondent`` id.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring import Answers, Bank, ResponsesError, parse_answers, read_responses
from scoring.answers import BLANK, classify
from scoring.group import (
    OTHER_ROLES,
    GroupStats,
    RoleGaps,
    RoleGrouping,
    group_roles,
    group_stats,
    role_gaps,
)
from scoring.responses import LISTED_PER_COLUMN
from scoring.rounds import ItemShift, item_shifts

from ..files import check_target
from .common import SubParsers, add_bank_option, open_bank, subparser, write_text

__all__ = [
    "Aggregate",
    "RoundsAggregate",
    "aggregate",
    "aggregate_rounds",
    "register",
    "split_rounds",
]

ROUND_COLUMN = "round"
ROUNDS = (1, 2)


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
                f"{len(g.merged)} role(s) are shown together as {OTHER_ROLES!r} (fewer "
                f"than {g.k} people each, or merged so that no group of fewer than {g.k} "
                f"can be worked out by subtraction): {', '.join(g.merged)}"
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


@dataclass(frozen=True)
class RoundsAggregate:
    """The statistics of each round in a file, and how each item moved between them."""

    rounds: dict[int, Aggregate]
    shift: dict[str, ItemShift]  # empty unless both rounds are in the file
    paired: int  # respondents in both rounds, whose answers ``changed`` compares

    def as_json(self) -> dict[str, object]:
        """``{"rounds": {"1": …, "2": …}, "shift": {item: …}}``; each round as
        :meth:`Aggregate.as_json`, ``changed`` null when nobody is in both rounds."""
        return {
            "rounds": {str(r): a.as_json() for r, a in self.rounds.items()},
            "shift": {
                item: {**s.model_dump(), "changed": s.changed if self.paired else None}
                for item, s in self.shift.items()
            },
        }

    def notes(self) -> list[str]:
        """Each round's notes, then why there is no shift or no count of changes."""
        out = [f"round {r}: {note}" for r, a in self.rounds.items() for note in a.notes()]
        if len(self.rounds) < len(ROUNDS):
            only = ", ".join(str(r) for r in self.rounds)
            out.append(f"the file holds round {only} only: there is no shift to show")
        elif not self.paired:
            out.append(
                "no respondent id appears in both rounds, so no answer can be paired with "
                "its round-1 answer: 'changed' is null"
            )
        return out


def aggregate_rounds(
    bank: Bank, rounds: dict[int, Answers], *, by_role: bool, min_group: int = 3
) -> RoundsAggregate:
    """:func:`aggregate` for each round on its own (``min_group`` applies per round), and
    per item the shift from round 1 to round 2 (see :mod:`scoring.rounds`); ``changed``
    counts the respondents of both rounds, matched by id, whose answer differs."""
    each = {
        r: aggregate(bank, answers, by_role=by_role, min_group=min_group)
        for r, answers in sorted(rounds.items())
    }
    if set(rounds) != set(ROUNDS):
        return RoundsAggregate(each, {}, 0)
    first, second = rounds[1], rounds[2]
    both = first.respondents.intersection(second.respondents, sort=False)
    shift = item_shifts(
        bank,
        each[1].everyone,
        each[2].everyone,
        first.codes[first.respondents.get_indexer(both)],
        second.codes[second.respondents.get_indexer(both)],
    )
    return RoundsAggregate(each, shift, len(both))


def _round_numbers(column: pd.Series) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Each row's round (0 where the cell is not 1 or 2) and a problem for every such row;
    a round is written as a level is (``2``, ``2.0``, ``２``)."""
    codes = np.array([classify(v) for v in column], dtype=np.int64)
    numbers = np.where(np.isin(codes, ROUNDS), codes, 0)
    bad = np.flatnonzero(numbers == 0)

    def why(row: int) -> str:
        if codes[row] == BLANK:
            return "no round given"
        return f"{str(column.iloc[row]).strip()[:40]!r} is not a round"

    problems = [
        f"row {r + 2}, column {ROUND_COLUMN}: {why(r)} (expected 1 or 2)"
        for r in bad[:LISTED_PER_COLUMN]
    ]
    if len(bad) > LISTED_PER_COLUMN:
        problems.append(
            f"column {ROUND_COLUMN}: {len(bad) - LISTED_PER_COLUMN:,} more such cells, "
            f"the last in row {bad[-1] + 2}"
        )
    return numbers, problems


_OTHER_ROUND = "\x00other round\x00"


def _one_round(
    bank: Bank, frame: pd.DataFrame, rows: npt.NDArray[np.bool_], source: str
) -> Answers:
    """The answers of ``rows``, checked in place so that problems name the file's rows: the
    other rows are blanked, under ids no respondent has (and a valid item in a long file)."""
    masked = frame.reset_index(drop=True)
    masked.loc[~rows, :] = None
    if "respondent" in masked.columns:
        masked.loc[~rows, "respondent"] = [f"{_OTHER_ROUND}{k}" for k in np.flatnonzero(~rows)]
    if "item" in masked.columns:
        masked.loc[~rows, "item"] = bank.layout.item_ids[0]
    answers = parse_answers(bank, masked, source)
    keep = ~answers.respondents.str.startswith(_OTHER_ROUND)
    return Answers(
        answers.respondents[keep],
        answers.metadata[keep].reset_index(drop=True),
        answers.codes[keep],
        answers.warnings,
    )


def split_rounds(bank: Bank, frame: pd.DataFrame, source: str) -> dict[int, Answers]:
    """The answers of each round in a responses frame with a ``round`` column (rounds
    without rows left out).

    Raises:
        ResponsesError: every problem of every round, by the file's row and column.
    """
    frame = frame.set_axis([str(c).strip() for c in frame.columns], axis=1)
    numbers, problems = _round_numbers(frame[ROUND_COLUMN])
    rest = frame.drop(columns=ROUND_COLUMN)
    rounds: dict[int, Answers] = {}
    for r in ROUNDS:
        if not (numbers == r).any():
            continue
        try:
            rounds[r] = _one_round(bank, rest, numbers == r, source)
        except ResponsesError as exc:
            problems += [p for p in exc.problems if p not in problems]
    if problems:
        raise ResponsesError(source, problems)
    return rounds


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


def _read(args: argparse.Namespace, bank: Bank) -> Answers | dict[int, Answers]:
    """The responses file: its answers, or with a ``round`` column the answers of each
    round; warnings go to stderr (as :func:`huigui.cli.common.read_answers` prints them).

    Raises:
        ResponsesError: the file is unusable, or holds a header and no answers.
    """
    path = Path("/dev/stdin") if str(args.responses) == "-" else args.responses
    frame, name = read_responses(path), path.name
    read: Answers | dict[int, Answers]
    if ROUND_COLUMN in (str(c).strip() for c in frame.columns):
        read = rounds = split_rounds(bank, frame, name)
        warnings = list(dict.fromkeys(w for a in rounds.values() for w in a.warnings))
        empty = not rounds
    else:
        read = answers = parse_answers(bank, frame, name)
        warnings, empty = list(answers.warnings), not len(answers)
    if empty:
        raise ResponsesError(
            name, ["no respondents: row 1 is the header and no answer row follows"]
        )
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return read


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
    read, by_role = _read(args, bank), args.by == "role"
    result: Aggregate | RoundsAggregate = (
        aggregate_rounds(bank, read, by_role=by_role, min_group=args.min_group)
        if isinstance(read, dict)
        else aggregate(bank, read, by_role=by_role, min_group=args.min_group)
    )
    for note in result.notes():
        print(f"note: {note}", file=sys.stderr)
    roles = (
        [a.by_role for a in result.rounds.values()]
        if isinstance(result, RoundsAggregate)
        else [result.by_role]
    )
    if by_role and not any(roles):
        print(
            "warning: no 'role' column (or no roles given); --by role shows nothing",
            file=sys.stderr,
        )
    if args.json:
        text = json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
    elif isinstance(result, RoundsAggregate):
        text = rounds_text(bank, result)
    else:
        text = as_text(bank, result)
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


def rounds_text(bank: Bank, result: RoundsAggregate) -> str:
    """Each round's tables, then the shift per item."""
    parts = [f"Round {r}\n\n{as_text(bank, a)}" for r, a in result.rounds.items()]
    if result.shift:
        rows = [
            {"item": i, **s.model_dump(), "changed": s.changed if result.paired else None}
            for i, s in result.shift.items()
        ]
        parts.append(
            "Shift from round 1 to round 2 (means in levels; changed: respondents of both "
            f"rounds, {result.paired} matched by id)\n{_table(pd.DataFrame(rows))}\n"
        )
    return "\n".join(parts)
