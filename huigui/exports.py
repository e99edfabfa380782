"""Downloads of one assessment: answers, scores and next steps as JSON, CSV and XLSX.

Every text cell that a spreadsheet could run as a formula is defused: CSV cells get a
leading apostrophe, XLSX cells are written as typed strings (never formulas).
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .files import guard_formula
from .results import AssessmentResult
from .store import AssessmentRecord

__all__ = ["export_csv", "export_json", "export_tables", "export_xlsx", "guard_frame",
           "write_cell", "xlsx_workbook"]


def export_tables(record: AssessmentRecord, result: AssessmentResult, lang: str
                  ) -> dict[str, pd.DataFrame]:
    """Three tables: ``answers``, ``scores`` and ``next_steps``."""
    bank = result.bank
    answers = result.item_table(lang)
    answers.insert(3, "answer_code", [record.answers.get(i) for i in answers["item"]])
    scores = [{"dimension": "overall", "name": "", "score": result.overall,
               "stage": result.overall_stage, "gated_stage": None, "gated_item": None,
               "coverage": None, "answered": None, "na": None, "dk": None,
               "target": None}]
    for dim in bank.dimensions:
        r = result.dimensions[dim.id]
        scores.append({"dimension": dim.id, "name": bank.text(dim.name, lang), "score": r.score,
                       "stage": r.stage, "gated_stage": r.gated_stage,
                       "gated_item": r.gated_item, "coverage": r.coverage,
                       "answered": r.answered, "na": r.na, "dk": r.dk,
                       "target": record.targets.get(dim.id)})
    steps = [{"dimension": plan.dimension_id, "to_stage": plan.next_stage_id,
              "item": r.item_id, "from_level": r.from_level, "to_level": r.to_level,
              "gain": r.gain, "effort": r.effort,
              "advice": bank.text(r.next_step, lang) if r.next_step else ""}
             for plan in result.plans for r in plan.raises]
    return {"answers": answers, "scores": pd.DataFrame(scores),
            "next_steps": pd.DataFrame(steps, columns=[
                "dimension", "to_stage", "item", "from_level", "to_level", "gain", "effort",
                "advice"])}


def _meta(record: AssessmentRecord) -> dict[str, Any]:
    p = record.profile
    return {"assessment": record.id, "firm": p.firm_name, "industry": p.industry,
            "size_band": p.size_band, "role": p.role, "language": record.language,
            "bank": record.bank_id, "bank_version": record.bank_version,
            "created_at": record.created_at.isoformat(),
            "completed_at": record.completed_at.isoformat() if record.completed_at else None}


def export_json(record: AssessmentRecord, tables: dict[str, pd.DataFrame]) -> bytes:
    """Everything in one JSON document."""
    doc = {**_meta(record), "answer_codes": record.answers, "targets": record.targets,
           **{name: json.loads(frame.to_json(orient="records", force_ascii=False))
              for name, frame in tables.items()}}
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: guard_formula(v) if isinstance(v, str) else v)
    return out


def export_csv(tables: dict[str, pd.DataFrame]) -> bytes:
    """A ZIP of one UTF-8 CSV per table (Excel opens them with the BOM)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in tables.items():
            text = guard_frame(frame).to_csv(index=False)
            archive.writestr(f"{name}.csv", "\ufeff" + text)
    return buffer.getvalue()


def export_xlsx(record: AssessmentRecord, tables: dict[str, pd.DataFrame]) -> bytes:
    """One workbook: an ``about`` sheet plus a sheet per table; strings stay strings."""
    return xlsx_workbook(tables, about=_meta(record))


def xlsx_workbook(tables: dict[str, pd.DataFrame], about: dict[str, Any] | None = None
                  ) -> bytes:
    """A sheet per table (after an optional key/value ``about`` sheet), header frozen;
    every text cell is a typed string, never a formula."""
    book = Workbook()
    first = book.active
    if first is not None:  # a new workbook starts with one empty sheet
        book.remove(first)
    if about is not None:
        sheet = book.create_sheet("about")
        for key, value in about.items():
            sheet.append([key, ""])
            write_cell(sheet.cell(row=sheet.max_row, column=2), value)
    for name, frame in tables.items():
        sheet = book.create_sheet(name)
        sheet.append(list(frame.columns))
        for values in frame.itertuples(index=False):
            sheet.append([None] * len(values))
            for col, value in enumerate(values, start=1):
                write_cell(sheet.cell(row=sheet.max_row, column=col), value)
        for col, title in enumerate(frame.columns, start=1):
            width = min(60, max(10, len(str(title)) + 2))
            sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_cell(cell: Any, value: Any) -> None:
    """Write a value; text is typed as a string so that ``=…`` is never a formula."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        cell.value = None
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value
