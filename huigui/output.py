"""Scored results as the command line writes them: CSV columns and JSON Lines objects."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from scoring import METADATA_COLUMNS, Answers, Bank
from scoring.group import GroupStats, answers_by_role, group_stats, role_gaps

from .files import fixed_decimals, guard_text_array

__all__ = ["aggregate_document", "aggregate_text", "csv_table", "json_lines"]

DIMENSION_CSV_FIELDS = ("score", "stage", "gated_stage", "coverage")
DIMENSION_JSON_FIELDS = ("score", "stage", "gated_stage", "coverage",
                         "answered", "na", "dk", "blank")


def csv_table(bank: Bank, results: pd.DataFrame) -> pa.Table:
    """The CSV contract: respondent, metadata, overall, then per dimension score, stage,
    gated stage and coverage; scores to 2 decimals, coverage to 4, empty where null;
    text cells guarded against spreadsheet formulas."""
    meta = [c for c in METADATA_COLUMNS if c in results.columns]
    columns: dict[str, Any] = {}
    for name in ("respondent", *meta):
        columns[name] = guard_text_array(pa.array(results[name].array, type=pa.string()))
    columns["overall.score"] = fixed_decimals(results["overall.score"].to_numpy(float), 2)
    columns["overall.stage"] = _labels(results["overall.stage"])
    for dim in bank.layout.dim_ids:
        columns[f"{dim}.score"] = fixed_decimals(results[f"{dim}.score"].to_numpy(float), 2)
        columns[f"{dim}.stage"] = _labels(results[f"{dim}.stage"])
        columns[f"{dim}.gated_stage"] = _labels(results[f"{dim}.gated_stage"])
        columns[f"{dim}.coverage"] = fixed_decimals(
            results[f"{dim}.coverage"].to_numpy(float), 4, top=1)
    return pa.table(columns)


def _labels(column: pd.Series) -> pa.Array:
    """A categorical of bank ids (which cannot start a formula) as plain strings."""
    codes = column.cat.codes.to_numpy()
    names = pa.array(list(column.cat.categories), type=pa.string())
    return names.take(pa.array(codes, mask=codes < 0))


def json_lines(bank: Bank, results: pd.DataFrame) -> Iterator[str]:
    """One JSON object per respondent, full precision, ``null`` where empty."""
    meta = [c for c in METADATA_COLUMNS if c in results.columns]
    records = results.astype(object).where(results.notna(), None).to_dict("records")
    for row in records:
        obj: dict[str, Any] = {"respondent": row["respondent"]}
        for name in meta:
            obj[name] = row[name]
        obj["overall"] = {"score": _number(row["overall.score"]), "stage": row["overall.stage"]}
        obj["dimensions"] = {
            dim: {field: _number(row[f"{dim}.{field}"]) for field in DIMENSION_JSON_FIELDS}
            for dim in bank.layout.dim_ids
        }
        yield json.dumps(obj, ensure_ascii=False)


def _number(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return value


def aggregate_document(bank: Bank, answers: Answers, *, by_role: bool) -> dict[str, Any]:
    """``{"items", "dimensions"}`` for everyone, plus ``by_role`` and ``role_gaps``."""
    doc: dict[str, Any] = {"respondents": len(answers),
                           **group_stats(bank, answers.codes).as_dict()}
    if by_role:
        per_role = {role: group_stats(bank, codes)
                    for role, codes in answers_by_role(answers).items()}
        doc["by_role"] = {role: stats.as_dict() for role, stats in per_role.items()}
        doc["role_gaps"] = role_gaps(bank, per_role)
    return doc


def _table(frame: pd.DataFrame) -> str:
    for column in frame.columns:
        converted = pd.to_numeric(frame[column], errors="coerce")
        if converted.notna().sum() == frame[column].notna().sum():
            frame[column] = converted
    return frame.to_string(index=False, na_rep="–", float_format=lambda v: f"{v:.2f}")


def aggregate_text(bank: Bank, doc: dict[str, Any]) -> str:
    """The statistics as aligned plain-text tables."""
    everyone = GroupStats(doc["items"], doc["dimensions"])
    parts = [f"{doc['respondents']} respondents", "", "Dimensions",
             _table(everyone.dimensions_frame()), "", "Items", _table(everyone.items_frame())]
    for role, stats in doc.get("by_role", {}).items():
        parts += ["", f"Role: {role}",
                  _table(GroupStats(stats["items"], stats["dimensions"]).dimensions_frame())]
    if doc.get("role_gaps"):
        rows = [{"dimension": d.id, **{k: v for k, v in doc["role_gaps"][d.id].items()
                                       if k != "means"}} for d in bank.dimensions]
        parts += ["", "Role gaps (highest − lowest role mean)", _table(pd.DataFrame(rows))]
    return "\n".join(parts) + "\n"
