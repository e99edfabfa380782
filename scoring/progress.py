"""Progress between two assessments of one firm (T0 → T1), on one bank version or two.

Each assessment is scored on the bank version it was answered on (:func:`scoring.assess`);
the two results are then matched by id:

* a **dimension** present in both compares its score, its stage and the stages crossed
  (positions on the stage ladder, up or down);
* an **item** present in both with the same number of levels compares its level and its
  0–100 item score; with another number of levels it is *not comparable* (the scale changed).
  Its **contribution** is the share of the dimension's change it accounts for:
  ``w_i·(s_after − s_before) / W`` with the item's current weight and ``W`` the weight of the
  dimension's items answered with a level now — when the same items are answered both times
  on one bank version, the contributions of a dimension add up to its change;
* the **next steps** planned on the baseline (:mod:`scoring.recommend`) are each *reached*
  when the current level is at or beyond the step's target level (beyond: higher, or lower
  for a ``reverse`` item); a step on an item that is no longer comparable is neither.

    >>> progress = compare(bank_2025, answers_2025, bank_2026, answers_2026)  # doctest: +SKIP
    >>> progress.dimension("D1").change, progress.dimension("D1").stages_crossed  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from .assess import Assessment, assess
from .bank import Bank
from .engine import TOLERANCE, item_scores
from .recommend import Raise

__all__ = ["DimensionChange", "ItemChange", "Progress", "StepProgress", "compare"]

Direction = Literal["up", "down"]
Floats = npt.NDArray[np.float64]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemChange(_Frozen):
    """One item present in both assessments, with the same number of levels."""

    item_id: str
    dimension_id: str  # its dimension in the current bank
    level_before: int | None  # None for na, dk or blank
    level_after: int | None
    score_before: float | None
    score_after: float | None
    change: float | None  # score_after − score_before, when both are answered with a level
    contribution: float | None  # points of the dimension's change this item accounts for

    @property
    def moved(self) -> bool:
        """Whether the item's score rose or fell."""
        return self.change is not None and abs(self.change) > TOLERANCE


class DimensionChange(_Frozen):
    """One dimension present in both assessments."""

    dimension_id: str
    before: float | None
    after: float | None
    change: float | None  # after − before, when both have a score
    stage_before: str | None
    stage_after: str | None
    stages_crossed: int  # stage positions moved: > 0 up, < 0 down, 0 same (or unscored)
    items: tuple[ItemChange, ...]  # comparable items, largest |contribution| first

    @property
    def direction(self) -> Direction | None:
        """``"up"`` or ``"down"`` when a stage boundary was crossed."""
        return None if self.stages_crossed == 0 else "up" if self.stages_crossed > 0 else "down"

    @property
    def rose(self) -> tuple[ItemChange, ...]:
        """Items whose score rose, the largest contribution first."""
        return tuple(i for i in self.items if i.moved and (i.change or 0.0) > 0)

    @property
    def fell(self) -> tuple[ItemChange, ...]:
        """Items whose score fell, the largest drop first."""
        return tuple(i for i in self.items if i.moved and (i.change or 0.0) < 0)


class StepProgress(_Frozen):
    """One next step planned on the baseline, and whether the current answer reached it."""

    dimension_id: str
    step: Raise
    level_now: int | None  # None: na, dk, blank, or the item is no longer comparable
    reached: bool | None  # None when the item was removed or its scale changed


class Progress(_Frozen):
    """Everything that changed between a baseline and a current assessment."""

    baseline: Assessment
    current: Assessment
    same_bank: bool  # both answered on the very same bank version
    overall_before: float | None
    overall_after: float | None
    overall_change: float | None
    overall_stage_before: str | None
    overall_stage_after: str | None
    overall_stages_crossed: int
    dimensions: tuple[DimensionChange, ...]  # current bank order, present in both
    steps: tuple[StepProgress, ...]  # the baseline's next steps, in plan order
    not_comparable: tuple[str, ...]  # items in both whose number of levels changed
    added: tuple[str, ...]  # items only the current bank asks
    removed: tuple[str, ...]  # items only the baseline bank asked
    dimensions_added: tuple[str, ...]
    dimensions_removed: tuple[str, ...]

    def dimension(self, dimension_id: str) -> DimensionChange:
        """The change of one dimension (``KeyError`` when it is not in both)."""
        for dim in self.dimensions:
            if dim.dimension_id == dimension_id:
                return dim
        raise KeyError(dimension_id)

    @property
    def reached(self) -> tuple[StepProgress, ...]:
        """The baseline's next steps the current answers reached."""
        return tuple(s for s in self.steps if s.reached)


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def _crossed(baseline: Bank, before: str | None, current: Bank, after: str | None) -> int:
    """Stage positions from ``before`` (on the baseline's ladder) to ``after`` (on the
    current one); 0 when either is unscored."""
    if before is None or after is None:
        return 0
    return [s.id for s in current.stages].index(after) - [s.id for s in baseline.stages].index(
        before
    )


def _level(code: int) -> int | None:
    return code if code >= 0 else None


def _item_changes(
    baseline: Bank, current: Bank, before: Assessment, after: Assessment, common: list[str]
) -> list[ItemChange]:
    """Level, score and contribution of every comparable item, computed as arrays."""
    old, new = baseline.layout, current.layout
    k0 = np.array([old.item_index[i] for i in common], dtype=np.intp)
    k1 = np.array([new.item_index[i] for i in common], dtype=np.intp)
    codes0, codes1 = before.codes[k0], after.codes[k1]
    s0 = item_scores(old, before.codes[None, :])[0][k0]
    s1 = item_scores(new, after.codes[None, :])[0][k1]
    change: Floats = s1 - s0
    scores_now = item_scores(new, after.codes[None, :])[0]
    answered_weight = np.where(np.isnan(scores_now), 0.0, new.item_weights) @ new.membership
    dims = new.dim_of_item[k1]
    with np.errstate(invalid="ignore", divide="ignore"):
        contribution = new.item_weights[k1] * change / answered_weight[dims]
    contribution = np.where(answered_weight[dims] > 0, contribution, np.nan)
    return [
        ItemChange(
            item_id=item_id,
            dimension_id=new.dim_ids[int(dims[j])],
            level_before=_level(int(codes0[j])),
            level_after=_level(int(codes1[j])),
            score_before=_number(s0[j]),
            score_after=_number(s1[j]),
            change=_number(change[j]),
            contribution=_number(contribution[j]),
        )
        for j, item_id in enumerate(common)
    ]


def _dimension_changes(
    baseline: Bank, current: Bank, before: Assessment, after: Assessment, items: list[ItemChange]
) -> tuple[DimensionChange, ...]:
    shared = {d.id for d in baseline.dimensions}
    out = []
    for dim in (d for d in current.dimensions if d.id in shared):
        b, a = before.dimension(dim.id), after.dimension(dim.id)
        own = [i for i in items if i.dimension_id == dim.id]
        own.sort(key=lambda i: -abs(i.contribution or 0.0))  # stable: bank order on ties
        out.append(
            DimensionChange(
                dimension_id=dim.id,
                before=b.score,
                after=a.score,
                change=_difference(b.score, a.score),
                stage_before=b.stage,
                stage_after=a.stage,
                stages_crossed=_crossed(baseline, b.stage, current, a.stage),
                items=tuple(own),
            )
        )
    return tuple(out)


def _steps(
    baseline: Bank, before: Assessment, after: Assessment, comparable: set[str]
) -> tuple[StepProgress, ...]:
    """Each raise of the baseline's plans, marked reached when the current level is at or
    beyond its target level (in the direction the item's score rises)."""
    out = []
    for plan in before.plans:
        for step in plan.raises:
            if step.item_id not in comparable:
                out.append(
                    StepProgress(
                        dimension_id=plan.dimension_id, step=step, level_now=None, reached=None
                    )
                )
                continue
            now, item = after.item(step.item_id).level, baseline.item(step.item_id)
            ahead = (
                now is not None
                and not item.is_side_trap(now)
                and (now <= step.to_level if item.reverse else now >= step.to_level)
            )
            out.append(
                StepProgress(
                    dimension_id=plan.dimension_id, step=step, level_now=now, reached=ahead
                )
            )
    return tuple(out)


def compare(
    baseline_bank: Bank,
    baseline_answers: Mapping[str, str],
    current_bank: Bank,
    current_answers: Mapping[str, str],
) -> Progress:
    """What changed from the baseline to the current assessment, each scored on its own bank
    version (answers as stored: ``"3"``, ``"na"``, ``"dk"``).

    Raises:
        AnswersMismatchError: a set of answers does not fit its bank version.
    """
    before = assess(baseline_bank, baseline_answers)
    after = assess(current_bank, current_answers)
    old_ids, new_ids = baseline_bank.layout.item_ids, current_bank.layout.item_ids
    in_old = set(old_ids)
    both = [i for i in new_ids if i in in_old]
    same_scale = [
        i for i in both if len(baseline_bank.item(i).levels) == len(current_bank.item(i).levels)
    ]
    items = _item_changes(baseline_bank, current_bank, before, after, same_scale)
    old_dims = [d.id for d in baseline_bank.dimensions]
    new_dims = [d.id for d in current_bank.dimensions]
    return Progress(
        baseline=before,
        current=after,
        same_bank=baseline_bank.digest == current_bank.digest,
        overall_before=before.overall,
        overall_after=after.overall,
        overall_change=_difference(before.overall, after.overall),
        overall_stage_before=before.overall_stage,
        overall_stage_after=after.overall_stage,
        overall_stages_crossed=_crossed(
            baseline_bank, before.overall_stage, current_bank, after.overall_stage
        ),
        dimensions=_dimension_changes(baseline_bank, current_bank, before, after, items),
        steps=_steps(baseline_bank, before, after, set(same_scale)),
        not_comparable=tuple(i for i in both if i not in set(same_scale)),
        added=tuple(i for i in new_ids if i not in in_old),
        removed=tuple(i for i in old_ids if i not in set(new_ids)),
        dimensions_added=tuple(d for d in new_dims if d not in old_dims),
        dimensions_removed=tuple(d for d in old_dims if d not in new_dims),
    )
