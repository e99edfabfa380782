"""A workshop's figures as tables, a workbook and a ZIP of CSV files.

Every export carries the round it is of. A round-2 export holds both rounds side by side:
round 1 exactly as submitted, round 2, what changed with each reason, the shift per item,
the evidence behind the answers and the consensus. A round-1 export holds round 1 only,
so it stays the same once round 2 opens.
"""

from __future__ import annotations

import pandas as pd

from scoring.group import RoleGap

from .tables import csv_zip, xlsx_workbook
from .workshop import WorkshopSnapshot, answers_in, round_one_grouping

__all__ = ["snapshot_csv", "snapshot_tables", "snapshot_xlsx"]


def _gap_row(kind: str, key: str, gap: RoleGap) -> dict[str, object]:
    return {
        "kind": kind,
        "key": key,
        "gap": gap.gap,
        "highest": gap.highest,
        "lowest": gap.lowest,
        **{f"mean:{r}": m for r, m in gap.means.items()},
    }


def _roles(snap: WorkshopSnapshot) -> pd.DataFrame:
    rows = [stats.dimensions_frame().assign(role=role) for role, stats in snap.by_role.items()]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def _gaps(snap: WorkshopSnapshot) -> pd.DataFrame:
    tables = (("dimension", snap.gaps.dimensions), ("item", snap.gaps.items))
    return pd.DataFrame(
        [_gap_row(kind, key, gap) for kind, table in tables for key, gap in table.items()]
    )


def _items(snap: WorkshopSnapshot) -> pd.DataFrame:
    frame = snap.stats.items_frame()
    if len(frame):
        frame["cross_role"] = [snap.cross_role.get(i) for i in frame["item"]]
    return frame


def _evidence(snap: WorkshopSnapshot) -> pd.DataFrame:
    """The notes and confidence behind the counted round-1 answers."""
    rows = [
        {
            "respondent": snap.number(p),
            "item": item_id,
            "answer": p.answers.get(item_id),
            "note": ev.note,
            "confidence": ev.confidence,
        }
        for p in snap.counted
        for item_id, ev in p.evidence.items()
        if item_id in snap.bank.layout.item_index
    ]
    return _ordered(
        pd.DataFrame(rows, columns=["respondent", "item", "answer", "note", "confidence"])
    )


def _round_one(snap: WorkshopSnapshot) -> pd.DataFrame:
    """Round 1 exactly as submitted, by the same respondent labels, under the same
    small-group rules (nothing until k had submitted it) and the role grouping shared with
    round 2's answers."""
    ids = snap.bank.layout.item_ids
    first, grouping = round_one_grouping(snap)
    rows = [
        {"respondent": snap.number(p), "role": role, **{i: p.answers.get(i) for i in ids}}
        for p, role in zip(first, grouping.shown, strict=True)
    ]
    return _ordered(pd.DataFrame(rows, columns=["respondent", "role", *ids]))


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by respondent label, never in the order people joined."""
    if not len(frame):
        return frame
    return frame.sort_values("respondent", kind="stable").reset_index(drop=True)


def _changes(snap: WorkshopSnapshot) -> pd.DataFrame:
    """Each round-2 answer beside its round-1 answer, with the reason given."""
    rows = [
        {
            "respondent": snap.number(p),
            "item": item_id,
            "round_1": p.answers.get(item_id),
            "round_2": answer,
            "changed": answer != p.answers.get(item_id),
            "reason": p.reasons.get(item_id),
        }
        for p in snap.counted
        for item_id, answer in answers_in(p, 2).items()
        if item_id in p.later
    ]
    return _ordered(
        pd.DataFrame(
            rows, columns=["respondent", "item", "round_1", "round_2", "changed", "reason"]
        )
    )


def _shift(snap: WorkshopSnapshot) -> pd.DataFrame:
    rows = [{"item": i, **s.model_dump()} for i, s in snap.shift.items()]
    return pd.DataFrame(rows)


def snapshot_tables(snap: WorkshopSnapshot) -> dict[str, pd.DataFrame]:
    """Everything a facilitator exports, as tables (see the module docstring)."""
    consensus = pd.DataFrame(
        [{"item": i, "answer": c.answer, "note": c.note} for i, c in snap.consensus.items()],
        columns=["item", "answer", "note"],
    )
    tables = {
        "answers": _ordered(snap.responses().assign(round=snap.round)),
        "item_stats": _items(snap),
        "dimension_stats": snap.stats.dimensions_frame(),
        "role_stats": _roles(snap),
        "role_gaps": _gaps(snap),
        "evidence": _evidence(snap),
        "consensus": consensus,
    }
    if snap.round == 2:
        tables |= {
            "answers_round_1": _round_one(snap),
            "changes": _changes(snap),
            "shift": _shift(snap),
        }
    return tables


def snapshot_xlsx(snap: WorkshopSnapshot) -> bytes:
    """All tables in one workbook; text stays text (never a formula)."""
    return xlsx_workbook(snapshot_tables(snap))


def snapshot_csv(snap: WorkshopSnapshot) -> bytes:
    """A ZIP of one CSV per table plus the full statistics as JSON."""
    doc = {
        "round": snap.round,
        **snap.stats.as_json(),
        "by_role": {r: s.as_json() for r, s in snap.by_role.items()},
        "role_gaps": snap.gaps.as_json(),
        "cross_role": snap.cross_role,
        "shift": {i: s.model_dump() for i, s in snap.shift.items()},
    }
    return csv_zip(snapshot_tables(snap), {"statistics.json": doc})
