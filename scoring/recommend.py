"""Next steps: the cheapest one-level raises that lift a dimension to its next stage.

For one respondent and one dimension with a score (the engine's: a dimension below
``min_coverage`` has none, and gets no plan), the deficit to the next stage is
``M·ΣW − Σw·s`` (M the next stage's minimum, sums over items answered with a number). A
raise moves item i to the next level up that is not a trap level (trap levels score 0, so
nobody is advised into the traffic way) and adds ``w_i·(s_new − s_old)`` to ``Σw·s`` at the
cost of the effort of that step (the item's per-step ``effort`` from the level it leaves, 2
when the bank gives none). Raises are taken
greedily by gain per unit of effort — ties to the lower effort, then bank order — until the
deficit is covered; an item may be raised more than once. Items answered "don't know" or left
blank are not raised: the plan asks for them to be answered instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from .answers import BLANK, DK
from .bank import Bank, Item
from .engine import TOLERANCE

__all__ = ["DEFAULT_EFFORT", "DimensionPlan", "Raise", "next_steps", "trap_items"]

DEFAULT_EFFORT = 2


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Raise(_Frozen):
    """Move one item up one level."""

    item_id: str
    from_level: int
    to_level: int
    gain: float  # points added to the dimension score
    effort: int
    next_step: dict[str, str] | None  # the bank's advice for an item at ``from_level``


class DimensionPlan(_Frozen):
    """What lifts one dimension to its next stage."""

    dimension_id: str
    score: float | None
    next_stage_id: str | None  # None when the dimension is at the top stage (or unscored)
    deficit: float  # score points still missing to the next stage
    raises: tuple[Raise, ...]
    unanswered: tuple[str, ...]  # items answered dk or blank: answering them comes first

    @property
    def reachable(self) -> bool:
        """Whether the raises reach the next stage."""
        gained = sum(r.gain for r in self.raises)
        return self.next_stage_id is not None and gained >= self.deficit - TOLERANCE


def next_steps(
    bank: Bank, codes: npt.NDArray[np.integer], scores: Sequence[float | None]
) -> list[DimensionPlan]:
    """One plan per dimension for one respondent's answer codes (bank item order) and the
    engine's dimension scores for them."""
    layout = bank.layout
    plans = []
    for d, dim in enumerate(bank.dimensions):
        cols = np.flatnonzero(layout.dim_of_item == d)
        answered = [(bank.item(layout.item_ids[c]), int(codes[c])) for c in cols if codes[c] >= 0]
        unanswered = tuple(layout.item_ids[c] for c in cols if codes[c] in (BLANK, DK))
        score = scores[d]
        upper = [s for s in bank.stages if score is not None and s.min > score + TOLERANCE]
        if score is None or not upper:
            plans.append(
                DimensionPlan(
                    dimension_id=dim.id,
                    score=score,
                    next_stage_id=None,
                    deficit=0.0,
                    raises=(),
                    unanswered=unanswered,
                )
            )
            continue
        weight = sum(item.weight for item, _ in answered)
        deficit = upper[0].min - score
        plans.append(
            DimensionPlan(
                dimension_id=dim.id,
                score=score,
                next_stage_id=upper[0].id,
                deficit=deficit,
                raises=_greedy(bank, answered, deficit * weight, weight),
                unanswered=unanswered,
            )
        )
    return plans


def _effort(item: Item, level: int) -> int:
    """The effort of the step up from ``level`` (the bank's per-step value, or the default)."""
    step = level if not item.reverse else item.max_level - level
    return item.step_effort(step, DEFAULT_EFFORT)


def _greedy(
    bank: Bank, answered: list[tuple[Item, int]], needed_points: float, weight: float
) -> tuple[Raise, ...]:
    layout = bank.layout

    def score(item: Item, level: int) -> float:  # the engine's table: one rule, one place
        return float(layout.score_table[layout.item_index[item.id], level])

    levels = {item.id: level for item, level in answered}
    order = {item.id: k for k, (item, _) in enumerate(answered)}
    items = {item.id: item for item, _ in answered}
    chosen: list[Raise] = []
    gained = 0.0

    def points(item: Item, to: int) -> float:
        return item.weight * (score(item, to) - score(item, levels[item.id]))

    def key(option: tuple[Item, int]) -> tuple[float, int, int]:
        item, effort = option[0], _effort(option[0], levels[option[0].id])
        return (-points(*option) / effort, effort, order[item.id])

    while gained < needed_points - TOLERANCE:
        options = [
            (item, to)
            for item in items.values()
            if (to := item.step_target(levels[item.id])) is not None
        ]
        if not options:
            break
        item, to = min(options, key=key)
        frm = levels[item.id]
        gain = points(item, to)
        advice = item.climb_advice(frm)
        chosen.append(
            Raise(
                item_id=item.id,
                from_level=frm,
                to_level=to,
                gain=gain / weight,
                effort=_effort(item, frm),
                next_step=advice,
            )
        )
        levels[item.id] = to
        gained += gain
    return tuple(chosen)


def trap_items(bank: Bank, codes: npt.NDArray[np.integer]) -> list[str]:
    """Items answered at a level that shows the traffic trap (the item's ``trap_levels``)."""
    layout = bank.layout
    return [
        item.id
        for item in bank.items
        if int(codes[layout.item_index[item.id]]) in item.trap_answers
    ]
