"""Downloads of one assessment: answers, scores and next steps as JSON, CSV and XLSX.

Tables are built from the typed result (:class:`scoring.assess.Assessment`) and the saved
record; the writers in :mod:`huigui.tables` keep every cell safe to open in a spreadsheet.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd

from scoring import Bank
from scoring.assess import Assessment

from .i18n import answer_label
from .records import AssessmentRecord, Evidence
from .tables import csv_zip, xlsx_workbook

__all__ = ["export_csv", "export_json", "export_tables", "export_xlsx", "item_table"]

STEP_COLUMNS = [
    "dimension",
    "to_stage",
    "item",
    "from_level",
    "to_level",
    "gain",
    "effort",
    "advice",
]


def item_table(
    bank: Bank, result: Assessment, lang: str, evidence: Mapping[str, Evidence] | None = None
) -> pd.DataFrame:
    """One row per item: dimension, question, the chosen level's text, level, score; with
    ``evidence`` also the note behind each answer and its confidence (the code: ``sure``,
    ``fairly`` or ``guess``), empty where none was given."""
    rows = [
        {
            "item": i.id,
            "dimension": bank.text(bank.dimension_of(i.id).name, lang),
            "question": bank.text(bank.item(i.id).prompt, lang),
            "answer": answer_label(bank, i.id, i.answer, lang),
            "level": i.level,
            "score": i.score,
        }
        for i in result.items
    ]
    frame = pd.DataFrame(rows)
    frame["level"] = frame["level"].astype("Int64")
    if evidence is not None:
        backing = [evidence.get(item_id, Evidence()) for item_id in frame["item"]]
        frame["evidence"] = pd.Series([e.note for e in backing], dtype=object)
        frame["confidence"] = pd.Series([e.confidence for e in backing], dtype=object)
    return frame


def _scores(bank: Bank, record: AssessmentRecord, result: Assessment, lang: str) -> pd.DataFrame:
    rows: list[dict[str, object]] = [
        {
            "dimension": "overall",
            "name": "",
            "score": result.overall,
            "stage": result.overall_stage,
            "gated_stage": None,
            "gated_item": None,
            "coverage": None,
            "answered": None,
            "na": None,
            "dk": None,
            "target": None,
        }
    ]
    for dim, r in zip(bank.dimensions, result.dimensions, strict=True):
        rows.append(
            {
                "dimension": dim.id,
                "name": bank.text(dim.name, lang),
                "score": r.score,
                "stage": r.stage,
                "gated_stage": r.gated_stage,
                "gated_item": r.gated_item,
                "coverage": r.coverage,
                "answered": r.answered,
                "na": r.na,
                "dk": r.dk,
                "target": record.targets.get(dim.id),
            }
        )
    return pd.DataFrame(rows)


def _steps(bank: Bank, result: Assessment, lang: str) -> pd.DataFrame:
    steps = [
        {
            "dimension": plan.dimension_id,
            "to_stage": plan.next_stage_id,
            "item": r.item_id,
            "from_level": r.from_level,
            "to_level": r.to_level,
            "gain": r.gain,
            "effort": r.effort,
            "advice": bank.text(r.next_step, lang) if r.next_step else "",
        }
        for plan in result.plans
        for r in plan.raises
    ]
    return pd.DataFrame(steps, columns=STEP_COLUMNS)


def export_tables(
    bank: Bank, record: AssessmentRecord, result: Assessment, lang: str
) -> dict[str, pd.DataFrame]:
    """Three tables: ``answers`` (with the evidence and confidence behind each answer),
    ``scores`` and ``next_steps``."""
    answers = item_table(bank, result, lang, record.evidence)
    answers.insert(3, "answer_code", [record.answers.get(i) for i in answers["item"]])
    return {
        "answers": answers,
        "scores": _scores(bank, record, result, lang),
        "next_steps": _steps(bank, result, lang),
    }


def _meta(record: AssessmentRecord) -> dict[str, object]:
    p = record.profile
    return {
        "assessment": record.id,
        "firm": p.firm_name,
        "industry": p.industry,
        "size_band": p.size_band,
        "role": p.role,
        "language": record.language,
        "bank": record.bank_id,
        "bank_version": record.bank_version,
        "created_at": record.created_at.isoformat(),
        "completed_at": record.completed_at.isoformat() if record.completed_at else None,
    }


def export_json(record: AssessmentRecord, tables: dict[str, pd.DataFrame]) -> bytes:
    """Everything in one JSON document."""
    doc = {
        **_meta(record),
        "answer_codes": record.answers,
        "targets": record.targets,
        **{
            name: json.loads(frame.to_json(orient="records", force_ascii=False))
            for name, frame in tables.items()
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def export_csv(tables: dict[str, pd.DataFrame]) -> bytes:
    """A ZIP of one UTF-8 CSV per table (Excel opens them with the BOM)."""
    return csv_zip(tables)


def export_xlsx(record: AssessmentRecord, tables: dict[str, pd.DataFrame]) -> bytes:
    """One workbook: an ``about`` sheet plus a sheet per table; strings stay strings."""
    return xlsx_workbook(tables, about=_meta(record))
