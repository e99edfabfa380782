"""The scoring rules, vectorised over respondents × items.

For item i with L_i levels and weight w_i, answer a:

* item score s_i = 100·a/(L_i−1), or 100 − that when the item is ``reverse``; a level the
  bank lists in the item's ``trap_levels`` scores 0 (doing it the traffic way is no progress).
  Trap levels listed after every other level are answers beside the ladder, not rungs: the
  ladder is the levels before them, and s_i = 100·a/top with top its highest level
  (:attr:`Item.top_level`; the same as L_i−1 wherever no trap level comes last);
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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import numpy.typing as npt
import pandas as pd

from .bank import Bank
from .layout import COUNT_BITS, GatherTables, Layout
from .responses import Answers, parse_answers

__all__ = [
    "TOLERANCE",
    "DimensionArrays",
    "MissingItemsWarning",
    "item_scores",
    "overall_of",
    "overall_scores",
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

    score: Floats
    coverage: Floats  # NaN where every item is na
    answered: Ints
    na: Ints
    dk: Ints
    blank: Ints
    gated_score: Floats  # the lowest item score, NaN without numeric answers
    gated_item: Ints  # item index (bank order) of that lowest score, -1 without
    overall: Floats  # one per respondent

    @classmethod
    def empty(cls, rows: int, dims: int) -> DimensionArrays:
        """Arrays to fill block by block."""

        def f() -> Floats:
            return np.empty((rows, dims))

        def i() -> Ints:
            return np.empty((rows, dims), dtype=np.int64)

        return cls(f(), f(), i(), i(), i(), i(), f(), i(), np.empty(rows))


def stage_index(mins: Floats, scores: Floats) -> Ints:
    """Index of the last stage whose minimum ≤ score (with ``TOLERANCE``); −1 for NaN."""
    found = np.searchsorted(mins, scores + TOLERANCE, side="right") - 1
    return np.where(np.isnan(scores), -1, found).astype(np.int64)


def item_scores(layout: Layout, codes: npt.NDArray[np.int8]) -> Floats:
    """Per-item 0–100 scores (respondents × items), NaN where not answered with a number."""
    return layout.tables.nan_score.take(codes.astype(np.intp) + layout.tables.offsets)


#: Rows scored together: small enough that a block's arrays stay in the CPU cache.
BLOCK_ROWS = 8192


def score_codes(
    layout: Layout, codes: npt.NDArray[np.int8], min_coverage: float
) -> DimensionArrays:
    """Apply the scoring rules to an answer-code matrix (respondents × items).

    Every per-cell quantity is one gather from a small per-item table (see
    :class:`scoring.bank.GatherTables`), and every per-dimension sum is one matrix product;
    rows go through in cache-sized blocks.
    """
    out = DimensionArrays.empty(codes.shape[0], len(layout.dim_ids))
    for start in range(0, codes.shape[0], BLOCK_ROWS):
        rows = slice(start, start + BLOCK_ROWS)
        _score_block(layout, codes[rows], rows, out, min_coverage)
    return out


def _score_block(
    layout: Layout,
    codes: npt.NDArray[np.int8],
    rows: slice,
    out: DimensionArrays,
    min_coverage: float,
) -> None:
    t = layout.tables
    weights = layout.weight_matrix
    index = codes.astype(np.intp)
    index += t.offsets
    weighted_sum = t.zero_score.take(index) @ weights
    packed = t.packed_counts.take(index) @ layout.membership
    counts = np.rint(packed).astype(np.int64)
    answered_count, na_count = (
        ((counts >> (COUNT_BITS * k)) & ((1 << COUNT_BITS) - 1)) for k in (0, 1)
    )
    if t.unit_weights:  # weight sums are the counts themselves: two gathers saved
        answered_weight = answered_count.astype(np.float64)
        applicable_weight = t.total_weight - na_count
    else:
        answered_weight = t.answered.take(index) @ weights
        applicable_weight = t.total_weight - t.not_applicable.take(index) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        coverage = np.where(
            applicable_weight > TOLERANCE, answered_weight / applicable_weight, np.nan
        )
        mean = weighted_sum / answered_weight
    enough = coverage >= min_coverage - TOLERANCE  # NaN compares False
    dim_score = np.where(enough, np.clip(mean, 0.0, 100.0), np.nan)
    out.score[rows] = dim_score
    out.coverage[rows] = coverage
    for k, target in enumerate((out.answered, out.na, out.dk, out.blank)):
        target[rows] = (counts >> (COUNT_BITS * k)) & ((1 << COUNT_BITS) - 1)
    _weakest(t, index, out, rows)
    out.overall[rows] = overall_scores(layout, dim_score)


def overall_scores(layout: Layout, dimension_scores: Floats) -> Floats:
    """Σ W_d·D_d / Σ W_d per row (respondents × dimensions), NaN when any dimension is."""
    with np.errstate(invalid="ignore"):
        overall: Floats = (dimension_scores @ layout.dim_weights) / layout.dim_weights.sum()
    clipped: Floats = np.clip(overall, 0.0, 100.0)
    return clipped


def overall_of(
    bank: Bank, dimension_scores: Sequence[float | None]
) -> tuple[float | None, str | None]:
    """The overall score and its stage for one row of dimension scores (bank order) — for a
    group, of its mean dimension scores; None when any dimension has none."""
    row = np.array([[np.nan if v is None else v for v in dimension_scores]], dtype=np.float64)
    layout = bank.layout
    overall = overall_scores(layout, row)
    found = int(stage_index(layout.stage_mins, overall)[0])
    return (None, None) if found < 0 else (float(overall[0]), layout.stage_ids[found])


def _weakest(
    t: GatherTables, index: npt.NDArray[np.intp], out: DimensionArrays, rows: slice
) -> None:
    """Lowest item score per dimension and its item, in one argmin over padded dimensions."""
    if t.unpadded:
        padded = index
    else:
        padded = index[:, t.padded_columns]
        padded[:, t.padding] = t.inf_slot
    scores = t.inf_score.take(padded).reshape(len(index), *t.padded_items.shape)
    arg = scores.argmin(axis=2)
    lowest = np.take_along_axis(scores, arg[:, :, None], axis=2)[:, :, 0]
    missing = np.isinf(lowest)
    out.gated_score[rows] = np.where(missing, np.nan, lowest)
    items = t.padded_items[np.arange(t.padded_items.shape[0]), arg]
    out.gated_item[rows] = np.where(missing, -1, items)


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
