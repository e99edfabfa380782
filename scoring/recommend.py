"""Next steps: the cheapest one-level raises that lift a dimension to its next stage.

For one respondent and one dimension with a score, the deficit to the next stage is
``M·ΣW − Σw·s`` (M the next stage's minimum, sums over items answered with a number). A
one-level raise of item i adds ``w_i·100/(L_i−1)`` to ``Σw·s`` at the cost of the item's
``effort`` (2 when the bank gives none). Raises are taken greedily by gain per unit of
effort — ties to the lower effort, then bank order — until the deficit is covered; an item
may be raised more than once. Items answered "don't know" or left blank are not raised:
the plan asks for them to be answered instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .bank import Bank, Item
from .engine import TOLERANCE

__all__ = ["DEFAULT_EFFORT", "DimensionPlan", "Raise", "next_steps", "trap_items"]

DEFAULT_EFFORT = 2


@dataclass(frozen=True)
class Raise:
    """Move one item up one level."""

    item_id: str
    from_level: int
    to_level: int
    gain: float  # points added to the dimension score
    effort: int
    next_step: dict[str, str] | None  # the bank's advice for an item at ``from_level``


@dataclass(frozen=True)
class DimensionPlan:
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


def _step(item: Item, level: int) -> int | None:
    """The adjacent level that scores higher, if any."""
    if item.reverse:
        return level - 1 if level > 0 else None
    return level + 1 if level < item.max_level else None


def next_steps(bank: Bank, codes: npt.NDArray[np.integer]) -> list[DimensionPlan]:
    """One plan per dimension for one respondent's answer codes (bank item order)."""
    layout = bank.layout
    plans = []
    for d, dim in enumerate(bank.dimensions):
        cols = np.flatnonzero(layout.dim_of_item == d)
        answered = [(bank.item(layout.item_ids[c]), int(codes[c])) for c in cols if codes[c] >= 0]
        unanswered = tuple(layout.item_ids[c] for c in cols if codes[c] in (-1, -3))
        weight = sum(item.weight for item, _ in answered)
        if not answered:
            plans.append(DimensionPlan(dim.id, None, None, 0.0, (), unanswered))
            continue
        points = sum(item.weight * float(layout.score_table[layout.item_index[item.id], level])
                     for item, level in answered)
        score = points / weight
        upper = [s for s in bank.stages if s.min > score + TOLERANCE]
        if not upper:
            plans.append(DimensionPlan(dim.id, score, None, 0.0, (), unanswered))
            continue
        deficit = upper[0].min - score
        raises = _greedy(answered, deficit * weight, weight)
        plans.append(DimensionPlan(dim.id, score, upper[0].id, deficit, raises, unanswered))
    return plans


def _effort(item: Item, level: int) -> int:
    """The effort of the step up from ``level`` (the bank's per-step value, or the default)."""
    step = level if not item.reverse else item.max_level - level
    return item.step_effort(step, DEFAULT_EFFORT)


def _greedy(answered: list[tuple[Item, int]], needed_points: float, weight: float
            ) -> tuple[Raise, ...]:
    levels = {item.id: level for item, level in answered}
    order = {item.id: k for k, (item, _) in enumerate(answered)}
    items = {item.id: item for item, _ in answered}
    chosen: list[Raise] = []
    gained = 0.0
    while gained < needed_points - TOLERANCE:
        options = [(item, to) for item in items.values()
                   if (to := _step(item, levels[item.id])) is not None]
        if not options:
            break
        def key(option: tuple[Item, int]) -> tuple[float, int, int]:
            item, effort = option[0], _effort(option[0], levels[option[0].id])
            return (-item.weight / (item.max_level * effort), effort, order[item.id])

        item, to = min(options, key=key)
        frm = levels[item.id]
        points = item.weight * 100.0 / item.max_level
        advice = item.next_step[frm] if item.next_step and not item.reverse else None
        chosen.append(Raise(item.id, frm, to, points / weight, _effort(item, frm), advice))
        levels[item.id] = to
        gained += points
    return tuple(chosen)


def trap_items(bank: Bank, codes: npt.NDArray[np.integer]) -> list[str]:
    """Items answered at a level that shows the traffic trap (the item's ``trap_levels``)."""
    layout = bank.layout
    return [item.id for item in bank.items
            if int(codes[layout.item_index[item.id]]) in item.trap_answers]
