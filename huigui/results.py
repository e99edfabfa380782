"""One assessment's results, computed once and shared by pages, downloads and reports."""

from __future__ import annotations

import math
import statistics
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring import Bank, MissingItemsWarning, item_scores, parse_answers, score_answers
from scoring.recommend import DimensionPlan, next_steps, trap_items

from .store import AssessmentRecord, AssessmentStore

__all__ = ["MIN_PEERS", "AssessmentResult", "benchmark", "evaluate", "option_label",
           "previous_scores"]

#: A benchmark is shown only when at least this many other firms of the industry took part.
MIN_PEERS = 5


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


@dataclass(frozen=True)
class DimensionResult:
    """Scores of one dimension of one assessment."""

    id: str
    score: float | None
    stage: str | None
    gated_stage: str | None
    gated_item: str | None
    coverage: float | None
    answered: int
    na: int
    dk: int
    blank: int
    flag: str | None


@dataclass(frozen=True)
class AssessmentResult:
    """Everything the results page shows for one set of answers."""

    bank: Bank
    answers: dict[str, str]
    codes: npt.NDArray[np.int8]
    item_scores: npt.NDArray[np.float64]
    overall: float | None
    overall_stage: str | None
    dimensions: dict[str, DimensionResult]
    plans: list[DimensionPlan]
    traps: list[str]

    def summary(self) -> dict[str, Any]:
        """Compact scores kept with a completed assessment (history, benchmarks)."""
        return {"overall": self.overall, "overall_stage": self.overall_stage,
                "dimensions": {d: r.score for d, r in self.dimensions.items()},
                "stages": {d: r.stage for d, r in self.dimensions.items()}}

    def item_table(self, lang: str) -> pd.DataFrame:
        """One row per item: dimension, question, the chosen level's text, level, score."""
        bank = self.bank
        rows = []
        for k, item in enumerate(bank.items):
            code = int(self.codes[k])
            rows.append({
                "item": item.id,
                "dimension": bank.text(bank.dimension_of(item.id).name, lang),
                "question": bank.text(item.prompt, lang),
                "answer": option_label(bank, item.id, self.answers.get(item.id), lang),
                "level": code if code >= 0 else None,
                "score": _number(self.item_scores[k]),
            })
        frame = pd.DataFrame(rows)
        frame["level"] = frame["level"].astype("Int64")
        return frame


_SPECIAL = {"na": {"en": "Not applicable", "zh-Hans": "不适用", "zh-Hant": "不適用"},
            "dk": {"en": "Don't know", "zh-Hans": "不清楚", "zh-Hant": "不清楚"},
            None: {"en": "(not answered)", "zh-Hans": "（未作答）", "zh-Hant": "（未作答）"}}


def option_label(bank: Bank, item_id: str, answer: str | None, lang: str) -> str:
    """What an answer means in words: the level's description, or na/dk/unanswered."""
    if answer is not None and answer.isdigit():
        levels = bank.item(item_id).levels
        level = int(answer)
        if level < len(levels):
            return f"{level} · {bank.text(levels[level], lang)}"
    special = _SPECIAL.get(answer, _SPECIAL[None])
    return special.get(lang, special["en"])


def evaluate(bank: Bank, answers: Mapping[str, str]) -> AssessmentResult:
    """Score one respondent's answers (item id → ``"0"``…, ``"na"``, ``"dk"``)."""
    known = {k: v for k, v in answers.items() if k in bank.layout.item_index}
    frame = pd.DataFrame([{"respondent": "self", **known}])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingItemsWarning)
        parsed = parse_answers(bank, frame, "answers")
    row = score_answers(bank, parsed).iloc[0]
    codes = parsed.codes[0]
    dims = {
        d.id: DimensionResult(
            id=d.id, score=_number(row[f"{d.id}.score"]), stage=_text(row[f"{d.id}.stage"]),
            gated_stage=_text(row[f"{d.id}.gated_stage"]),
            gated_item=_text(row[f"{d.id}.gated_item"]),
            coverage=_number(row[f"{d.id}.coverage"]), answered=int(row[f"{d.id}.answered"]),
            na=int(row[f"{d.id}.na"]), dk=int(row[f"{d.id}.dk"]),
            blank=int(row[f"{d.id}.blank"]), flag=_text(row[f"{d.id}.flag"]))
        for d in bank.dimensions}
    return AssessmentResult(
        bank=bank, answers=dict(known), codes=codes,
        item_scores=item_scores(bank.layout, parsed.codes)[0],
        overall=_number(row["overall.score"]), overall_stage=_text(row["overall.stage"]),
        dimensions=dims, plans=next_steps(bank, codes), traps=trap_items(bank, codes))


def previous_scores(store: AssessmentStore, bank: Bank, record: AssessmentRecord
                    ) -> tuple[str, dict[str, float | None]] | None:
    """The firm's latest completed assessment before this one: (date, dimension scores)."""
    earlier = [h for h in store.history(record.profile.firm_name, bank.id)
               if h.id != record.id and h.completed_at and h.scores
               and (record.completed_at is None or h.completed_at <= record.completed_at)]
    done = earlier[-1].completed_at if earlier else None
    if done is None:
        return None
    return done.strftime("%Y-%m-%d"), dict(earlier[-1].scores.get("dimensions", {}))


def peer_medians(store: AssessmentStore, bank: Bank, record: AssessmentRecord
                 ) -> tuple[list[float | None], int]:
    """Median dimension scores of other firms of the same industry, and how many firms."""
    if not record.profile.industry:
        return [], 0
    frame = store.peer_scores(bank.id, record.profile.industry, record.profile.firm_name)
    if frame.empty:
        return [], 0
    values: list[float | None] = []
    for dim in bank.dimensions:
        column = frame[dim.id].dropna() if dim.id in frame else pd.Series(dtype=float)
        values.append(float(statistics.median(column)) if len(column) else None)
    return values, len(frame)


def benchmark(store: AssessmentStore, bank: Bank, record: AssessmentRecord
              ) -> tuple[list[float | None], int] | None:
    """The industry median when at least ``MIN_PEERS`` other firms completed it, else None."""
    values, n = peer_medians(store, bank, record)
    return (values, n) if n >= MIN_PEERS else None
