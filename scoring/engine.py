"""The scoring rules, vectorised over respondents × items.

For item i with L_i levels and weight w_i, answer a:

* item score s_i = 100·a/(L_i−1), or 100 − that when the item is ``reverse``;
* dimension score = Σ w_i·s_i / Σ w_i over items answered with a number;
* coverage = Σ w_i (answered with a number) / Σ w_i (not answered ``na``); the dimension
  score is empty when every item is ``na`` or coverage < ``min_coverage``;
* overall = Σ W_d·D_d / Σ W_d, empty when any dimension is empty;
* stage = the last stage whose ``min`` ≤ score; gated stage = the stage of the lowest item
  score of the dimension (the weakest link).

Scores are floating point: a score that equals a stage minimum mathematically may come out
a few ulps below it (100·4/5 → 79.99999999999999), so comparisons with stage minimums and
``min_coverage`` allow ``TOLERANCE``. No real score lies that close to a boundary.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import partial

import numpy as np
import numpy.typing as npt
import pandas as pd

from .bank import Bank, Layout
from .responses import BLANK, DK, NA, Answers, parse_answers

__all__ = [
    "TOLERANCE",
    "DimensionArrays",
    "MissingItemsWarning",
    "score",
    "score_answers",
    "score_codes",
    "stage_index",
]

TOLERANCE = 1e-9
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


class MissingItemsWarning(UserWarning):
    """Some bank items have no column in the responses; they count as not answered."""


@dataclass(frozen=True)
class DimensionArrays:
    """Engine output; every array has one row per respondent and one column per dimension."""

    item_scores: Floats  # respondents × items, NaN where not answered with a number
    score: Floats
    coverage: Floats  # NaN where every item is na
    answered: Ints
    na: Ints
    dk: Ints
    blank: Ints
    gated_score: Floats  # the lowest item score, NaN without numeric answers
    gated_item: Ints  # item index (bank order) of that lowest score, -1 without
    overall: Floats  # one per respondent


def stage_index(mins: Floats, scores: Floats) -> Ints:
    """Index of the last stage whose minimum ≤ score (with ``TOLERANCE``); −1 for NaN."""
    found = np.searchsorted(mins, scores + TOLERANCE, side="right") - 1
    return np.where(np.isnan(scores), -1, found).astype(np.int64)


def score_codes(layout: Layout, codes: npt.NDArray[np.int8], min_coverage: float
                ) -> DimensionArrays:
    """Apply the scoring rules to an answer-code matrix (respondents × items)."""
    n_items = codes.shape[1]
    answered = codes >= 0
    # One gather gives every item score: row i of the score table, column = the answer.
    flat = layout.score_table.ravel()
    offsets = (np.arange(n_items) * layout.score_table.shape[1]).astype(np.intp)
    item_scores = np.where(answered, flat[np.maximum(codes, 0) + offsets], np.nan)
    starts = _dimension_starts(layout)
    weights = layout.weight_matrix
    weighted_sum = np.where(answered, item_scores, 0.0) @ weights
    answered_weight = answered @ weights
    na_mask = codes == NA
    applicable_weight = weights.sum(axis=0) - na_mask @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        coverage = np.where(applicable_weight > TOLERANCE,
                            answered_weight / applicable_weight, np.nan)
        mean = weighted_sum / answered_weight
    enough = coverage >= min_coverage - TOLERANCE  # NaN compares False
    dim_score = np.where(enough, np.clip(mean, 0.0, 100.0), np.nan)
    gated_score, gated_item = _weakest(item_scores, starts)
    with np.errstate(invalid="ignore"):
        overall = (dim_score @ layout.dim_weights) / layout.dim_weights.sum()
    return DimensionArrays(
        item_scores=item_scores,
        score=dim_score,
        coverage=coverage,
        answered=_count(answered, starts),
        na=_count(na_mask, starts),
        dk=_count(codes == DK, starts),
        blank=_count(codes == BLANK, starts),
        gated_score=gated_score,
        gated_item=gated_item,
        overall=np.clip(overall, 0.0, 100.0),
    )


def _dimension_starts(layout: Layout) -> npt.NDArray[np.intp]:
    """Items of a dimension are contiguous in bank order: where each dimension begins."""
    return np.flatnonzero(np.r_[True, np.diff(layout.dim_of_item) != 0])


def _count(mask: npt.NDArray[np.bool_], starts: npt.NDArray[np.intp]) -> Ints:
    return np.add.reduceat(mask, starts, axis=1, dtype=np.int64)


def _weakest(item_scores: Floats, starts: npt.NDArray[np.intp]) -> tuple[Floats, Ints]:
    """Lowest item score per dimension and the index of the item that has it."""
    filled = np.where(np.isnan(item_scores), np.inf, item_scores)
    ends = np.r_[starts[1:], item_scores.shape[1]]
    lowest = np.empty((item_scores.shape[0], len(starts)))
    which = np.empty((item_scores.shape[0], len(starts)), dtype=np.int64)
    for d, (start, end) in enumerate(zip(starts, ends, strict=True)):
        block = filled[:, start:end]
        arg = block.argmin(axis=1)
        lowest[:, d] = block[np.arange(block.shape[0]), arg]
        which[:, d] = arg + start
    missing = np.isinf(lowest)
    return np.where(missing, np.nan, lowest), np.where(missing, -1, which)


def score_answers(bank: Bank, answers: Answers) -> pd.DataFrame:
    """Score validated answers; one row per respondent.

    Columns: ``respondent``, the metadata columns, ``overall.score``, ``overall.stage``,
    then per dimension ``<id>.score``, ``.stage``, ``.gated_stage``, ``.gated_item``,
    ``.coverage``, ``.answered``, ``.na``, ``.dk``, ``.blank``, ``.flag``
    (``all_na``, ``low_coverage`` or empty).
    """
    layout = bank.layout
    arrays = score_codes(layout, answers.codes, bank.min_coverage)
    columns: dict[str, object] = {"respondent": answers.respondents.to_numpy()}
    for name in answers.metadata.columns:
        columns[name] = answers.metadata[name].to_numpy()
    stages = partial(_stage_labels, layout)
    columns["overall.score"] = arrays.overall
    columns["overall.stage"] = stages(arrays.overall)
    for d, dim_id in enumerate(layout.dim_ids):
        gated = arrays.gated_item[:, d]
        columns[f"{dim_id}.score"] = arrays.score[:, d]
        columns[f"{dim_id}.stage"] = stages(arrays.score[:, d])
        columns[f"{dim_id}.gated_stage"] = stages(arrays.gated_score[:, d])
        columns[f"{dim_id}.gated_item"] = _labels(gated, layout.item_ids)
        columns[f"{dim_id}.coverage"] = arrays.coverage[:, d]
        columns[f"{dim_id}.answered"] = arrays.answered[:, d]
        columns[f"{dim_id}.na"] = arrays.na[:, d]
        columns[f"{dim_id}.dk"] = arrays.dk[:, d]
        columns[f"{dim_id}.blank"] = arrays.blank[:, d]
        columns[f"{dim_id}.flag"] = _flags(arrays.coverage[:, d], arrays.score[:, d])
    return pd.DataFrame(columns)


def _labels(codes: Ints, names: list[str]) -> pd.Categorical[str]:
    """Categorical of ``names[code]``, missing where code is −1."""
    return pd.Categorical.from_codes(codes, categories=pd.Index(names))


def _stage_labels(layout: Layout, scores: Floats) -> pd.Categorical[str]:
    return _labels(stage_index(layout.stage_mins, scores), layout.stage_ids)


def _flags(coverage: Floats, dim_score: Floats) -> pd.Categorical[str]:
    code = np.where(np.isnan(coverage), 0, np.where(np.isnan(dim_score), 1, -1))
    return _labels(code.astype(np.int64), ["all_na", "low_coverage"])


def score(bank: Bank, responses: pd.DataFrame, source: str = "responses") -> pd.DataFrame:
    """Validate a wide or long responses frame and score it (see :func:`score_answers`).

    Raises:
        ResponsesError: the frame has unusable cells or columns (all of them listed).
    """
    answers = parse_answers(bank, responses, source)
    for message in answers.warnings:
        warnings.warn(message, MissingItemsWarning, stacklevel=2)
    return score_answers(bank, answers)
