"""One assessment's result as typed, frozen models, built from the engine's arrays.

``assess(bank, answers)`` is what every shell reads for one respondent: the results page,
exports, reports and next steps. Nothing downstream reads a result cell by a column name,
and no rule (overall score, stages, coverage, next steps, traps) is computed anywhere but
the engine and :mod:`scoring.recommend`.

    >>> result = assess(bank, {"D1.1": "3", "D1.2": "na"})     # doctest: +SKIP
    >>> result.dimension("D1").score, result.overall_stage     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from . import answers as vocabulary
from .bank import Bank
from .engine import DimensionArrays, item_scores, score_codes, stage_index
from .errors import AnswersMismatchError
from .recommend import DimensionPlan, next_steps, trap_items

__all__ = [
    "Assessment",
    "DimensionResult",
    "ItemResult",
    "Summary",
    "assess",
    "assess_codes",
    "encode_answers",
]

Flag = Literal["all_na", "low_coverage"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class ItemResult(_Frozen):
    """One item of one assessment: the answer given and what it scores."""

    id: str
    dimension: str
    code: int  # a level ≥ 0, or one of scoring.answers NA / DK / BLANK
    score: float | None  # 0–100; None unless answered with a level

    @property
    def level(self) -> int | None:
        """The level chosen, or None for na / dk / blank."""
        return self.code if self.code >= 0 else None

    @property
    def answer(self) -> str | None:
        """The answer as stored (``"3"``, ``"na"``, ``"dk"``; None when blank)."""
        return vocabulary.stored(self.code)


class DimensionResult(_Frozen):
    """One dimension of one assessment."""

    id: str
    score: float | None  # None when every item is na or coverage < min_coverage
    stage: str | None
    gated_stage: str | None  # the stage of the weakest item: what holds the dimension back
    gated_item: str | None
    coverage: float | None  # None when every item is na
    answered: int
    na: int
    dk: int
    blank: int
    flag: Flag | None


class Summary(_Frozen):
    """The compact scores kept with a completed assessment (history, trend, benchmarks)."""

    overall: float | None = None
    overall_stage: str | None = None
    dimensions: dict[str, float | None] = {}
    stages: dict[str, str | None] = {}
    group_means: dict[str, float | None] | None = None  # a workshop's mean dimension scores


class Assessment(_Frozen):
    """Everything one set of answers scores to."""

    bank_id: str
    bank_version: str
    overall: float | None
    overall_stage: str | None
    dimensions: tuple[DimensionResult, ...]
    items: tuple[ItemResult, ...]
    plans: tuple[DimensionPlan, ...]
    traps: tuple[str, ...]  # items answered at one of their trap levels

    def dimension(self, dimension_id: str) -> DimensionResult:
        """The result of one dimension (``KeyError`` when absent)."""
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)

    def item(self, item_id: str) -> ItemResult:
        """The result of one item (``KeyError`` when absent)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def plan(self, dimension_id: str) -> DimensionPlan:
        """The next-step plan of one dimension."""
        for plan in self.plans:
            if plan.dimension_id == dimension_id:
                return plan
        raise KeyError(dimension_id)

    def weakest_links(self, dimension_id: str) -> tuple[str, ...]:
        """The questions of a dimension that score lowest, its gated item first; none where
        the dimension has no score or every answer in it scores the same (then no question
        is weaker than the others)."""
        r = self.dimension(dimension_id)
        if r.score is None or r.gated_item is None:
            return ()
        scored = [i for i in self.items if i.dimension == dimension_id and i.score is not None]
        lowest = self.item(r.gated_item).score
        if all(i.score == lowest for i in scored):
            return ()
        rest = (i.id for i in scored if i.score == lowest and i.id != r.gated_item)
        return (r.gated_item, *rest)

    @property
    def codes(self) -> npt.NDArray[np.int8]:
        """The answer codes in bank item order."""
        return np.array([i.code for i in self.items], dtype=np.int8)

    def answers(self) -> dict[str, str]:
        """The answers as stored, blank ones left out."""
        return {i.id: a for i in self.items if (a := i.answer) is not None}

    def scores(self) -> list[float | None]:
        """Dimension scores in bank order (what the profile charts draw)."""
        return [d.score for d in self.dimensions]

    def summary(self) -> Summary:
        """What a completed assessment keeps for history and benchmarks."""
        return Summary(
            overall=self.overall,
            overall_stage=self.overall_stage,
            dimensions={d.id: d.score for d in self.dimensions},
            stages={d.id: d.stage for d in self.dimensions},
        )


def encode_answers(bank: Bank, answers: Mapping[str, str]) -> npt.NDArray[np.int8]:
    """Stored answers (item id → ``"3"``/``"na"``/``"dk"``) as codes in bank item order.

    Raises:
        AnswersMismatchError: an answer names an item the bank lacks, or a level it lacks.
    """
    layout = bank.layout
    codes = np.full(len(layout.item_ids), vocabulary.BLANK, dtype=np.int8)
    problems = []
    for item_id, text in answers.items():
        k = layout.item_index.get(item_id)
        try:
            code = vocabulary.from_stored(text)
        except ValueError:
            code = vocabulary.INVALID
        if k is None:
            problems.append(f"{item_id} is not a question of bank {bank.id} {bank.version}")
        elif code == vocabulary.INVALID or code >= layout.n_levels[k]:
            problems.append(
                f"the answer {text!r} to {item_id} is not one of its levels "
                f"(0–{int(layout.n_levels[k]) - 1}, na, dk)"
            )
        else:
            codes[k] = code
    if problems:
        raise AnswersMismatchError(bank.id, bank.version, problems)
    return codes


def assess(bank: Bank, answers: Mapping[str, str]) -> Assessment:
    """Score one respondent's stored answers.

    Raises:
        AnswersMismatchError: the answers do not fit this bank (see :func:`encode_answers`).
    """
    return assess_codes(bank, encode_answers(bank, answers))


def assess_codes(bank: Bank, codes: npt.NDArray[np.int8]) -> Assessment:
    """Score one respondent's answer codes (bank item order)."""
    layout = bank.layout
    row = codes.reshape(1, -1).astype(np.int8)
    arrays = score_codes(layout, row, bank.min_coverage)
    scores = item_scores(layout, row)[0]
    stage_ids = layout.stage_ids

    def stage(values: npt.NDArray[np.float64]) -> list[str | None]:
        return [stage_ids[k] if k >= 0 else None for k in stage_index(layout.stage_mins, values)]

    dim_stages, gated_stages = stage(arrays.score[0]), stage(arrays.gated_score[0])
    dimensions = tuple(
        _dimension(bank, arrays, d, dim_stages[d], gated_stages[d])
        for d in range(len(bank.dimensions))
    )
    items = tuple(
        ItemResult(
            id=item_id,
            dimension=bank.dimensions[int(layout.dim_of_item[k])].id,
            code=int(row[0, k]),
            score=_number(scores[k]),
        )
        for k, item_id in enumerate(layout.item_ids)
    )
    overall = _number(arrays.overall[0])
    return Assessment(
        bank_id=bank.id,
        bank_version=bank.version,
        overall=overall,
        overall_stage=stage(arrays.overall)[0],
        dimensions=dimensions,
        items=items,
        plans=tuple(next_steps(bank, row[0], [d.score for d in dimensions])),
        traps=tuple(trap_items(bank, row[0])),
    )


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _dimension(
    bank: Bank, arrays: DimensionArrays, d: int, stage: str | None, gated_stage: str | None
) -> DimensionResult:
    coverage, score = _number(arrays.coverage[0, d]), _number(arrays.score[0, d])
    flag: Flag | None = "all_na" if coverage is None else "low_coverage" if score is None else None
    gated = int(arrays.gated_item[0, d])
    return DimensionResult(
        id=bank.dimensions[d].id,
        score=score,
        stage=stage,
        gated_stage=gated_stage,
        gated_item=bank.layout.item_ids[gated] if gated >= 0 else None,
        coverage=coverage,
        answered=int(arrays.answered[0, d]),
        na=int(arrays.na[0, d]),
        dk=int(arrays.dk[0, d]),
        blank=int(arrays.blank[0, d]),
        flag=flag,
    )
