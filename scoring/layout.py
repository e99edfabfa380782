"""A bank flattened into the aligned arrays and lookup tables the engine computes with.

Items are laid out in bank order, so a dimension's items are contiguous. Every per-cell
quantity the engine needs is a row of a small table indexed by ``code + offsets``: one
gather maps a whole respondents × items answer-code matrix to that quantity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from .bank import Bank, Item

__all__ = ["COUNT_BITS", "GatherTables", "Layout"]

#: Bits per count when four per-dimension counts are packed into one float64 sum.
COUNT_BITS = 12


class Layout:
    """The bank flattened into aligned numpy arrays, item axis in bank order."""

    def __init__(self, bank: Bank) -> None:
        items = bank.items
        self.item_ids: list[str] = [i.id for i in items]
        self.item_index: dict[str, int] = {iid: k for k, iid in enumerate(self.item_ids)}
        self.items_by_id: dict[str, Item] = {i.id: i for i in items}
        self.dim_ids: list[str] = [d.id for d in bank.dimensions]
        self.dim_of_item: npt.NDArray[np.intp] = np.array(
            [k for k, d in enumerate(bank.dimensions) for _ in d.items], dtype=np.intp
        )
        self.n_levels: npt.NDArray[np.int64] = np.array([len(i.levels) for i in items])
        self.item_weights: npt.NDArray[np.float64] = np.array([i.weight for i in items])
        self.reverse: npt.NDArray[np.bool_] = np.array([i.reverse for i in items], dtype=bool)
        self.dim_weights: npt.NDArray[np.float64] = np.array([d.weight for d in bank.dimensions])
        self.stage_ids: list[str] = [s.id for s in bank.stages]
        self.stage_mins: npt.NDArray[np.float64] = np.array([s.min for s in bank.stages])
        membership = np.zeros((len(items), len(bank.dimensions)))
        membership[np.arange(len(items)), self.dim_of_item] = 1.0
        #: items × dimensions, 1 where the item belongs to the dimension.
        self.membership: npt.NDArray[np.float64] = membership
        #: items × dimensions, the item's weight where it belongs to the dimension.
        self.weight_matrix: npt.NDArray[np.float64] = membership * self.item_weights[:, None]
        #: items × (max level + 1): the 0–100 score of answering level k (NaN past the last).
        #: Each item's ladder top (:attr:`Item.top_level`): L−1 unless trap levels come last.
        self.top_levels: npt.NDArray[np.int64] = np.array([i.top_level for i in items])
        self.score_table: npt.NDArray[np.float64] = _score_table(
            self.n_levels, self.top_levels, self.reverse
        )
        for k, item in enumerate(items):  # the traffic way is no progress: a trap level scores 0
            self.score_table[k, sorted(item.trap_levels)] = 0.0
        #: items × (max level + 1): the level group statistics count for answer k — k itself,
        #: except that a trap level counts as "not yet" (level 0; the top level of a reverse
        #: item), as scoring counts it, so a group mean never ranks the traffic way above 0.
        self.stat_level: npt.NDArray[np.int64] = np.tile(
            np.arange(self.score_table.shape[1]), (len(items), 1)
        )
        for k, item in enumerate(items):
            self.stat_level[k, sorted(item.trap_levels)] = item.max_level if item.reverse else 0
        #: Index of each dimension's first item (a dimension's items are contiguous).
        self.dim_starts: npt.NDArray[np.intp] = np.flatnonzero(
            np.r_[True, np.diff(self.dim_of_item) != 0]
        )
        self.tables = GatherTables(self)


class GatherTables:
    """Lookup tables over answer cells. Each item owns ``width`` slots: slots 0–2 hold the
    special codes DK (−3), NA (−2) and BLANK (−1), slot 3 + k holds level k, so the slot
    of answer ``code`` to item ``i`` is ``code + offsets[i]``.
    """

    SHIFT = 3  # −DK

    def __init__(self, layout: Layout) -> None:
        n_items, levels = layout.score_table.shape
        n_dims = len(layout.dim_ids)
        width = levels + self.SHIFT
        per_dim = np.bincount(layout.dim_of_item)
        if per_dim.max() >= 1 << COUNT_BITS:
            raise ValueError(f"a dimension may hold at most {(1 << COUNT_BITS) - 1} items")
        self.offsets: npt.NDArray[np.intp] = (np.arange(n_items) * width + self.SHIFT).astype(
            np.intp
        )
        scores = np.full((n_items, width), np.nan)
        scores[:, self.SHIFT :] = layout.score_table
        is_level = ~np.isnan(scores)
        self.nan_score: npt.NDArray[np.float64] = scores.ravel()
        # The lowest-score search reads one extra slot that always holds +inf (padding).
        self.inf_score: npt.NDArray[np.float64] = np.r_[
            np.where(is_level, scores, np.inf).ravel(), np.inf
        ]
        na = np.zeros((n_items, width))
        na[:, 1] = 1.0
        packed = is_level.astype(np.float64)  # answered count in bits 0–11
        packed[:, 1] = float(1 << COUNT_BITS)  # na in bits 12–23
        packed[:, 0] = float(1 << (2 * COUNT_BITS))  # dk in bits 24–35
        packed[:, 2] = float(1 << (3 * COUNT_BITS))  # blank in bits 36–47
        #: Per cell: the score (0 when not a level), 1 if answered, 1 if na, packed counts.
        self.zero_score: npt.NDArray[np.float64] = np.where(is_level, scores, 0.0).ravel()
        self.answered: npt.NDArray[np.float64] = is_level.astype(np.float64).ravel()
        self.not_applicable: npt.NDArray[np.float64] = na.ravel()
        self.packed_counts: npt.NDArray[np.float64] = packed.ravel()
        self.total_weight: npt.NDArray[np.float64] = layout.weight_matrix.sum(axis=0)
        #: Every item weighs 1: weight sums are counts, read off the packed counts.
        self.unit_weights = bool(np.all(layout.item_weights == 1.0))
        # Dimensions padded to equal length for a single argmin over (dims, longest).
        longest = int(per_dim.max())
        pad = np.full((n_dims, longest), -1, dtype=np.intp)
        for d, start in enumerate(layout.dim_starts):
            pad[d, : per_dim[d]] = np.arange(start, start + per_dim[d])
        #: (dims, longest) item index per padded position, −1 for padding.
        self.padded_items: npt.NDArray[np.intp] = pad
        self.padded_columns: npt.NDArray[np.intp] = np.maximum(pad, 0).ravel()
        self.padding: npt.NDArray[np.bool_] = (pad < 0).ravel()
        #: Every dimension has the same number of items: no padding needed.
        self.unpadded = not self.padding.any()
        self.inf_slot = len(self.inf_score) - 1


def _score_table(
    n_levels: npt.NDArray[np.int64], tops: npt.NDArray[np.int64], reverse: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """s = 100·a/top, or 100 − that for reverse items, where top is the item's ladder top
    (L−1 unless trap levels come after the ladder); one row per item (trap levels are set to 0
    by the caller)."""
    width = int(n_levels.max())
    answer = np.arange(width, dtype=np.float64)[None, :]
    top = tops.astype(np.float64)[:, None]
    table = 100.0 * answer / top
    table = np.where(reverse[:, None], 100.0 - table, table)
    return np.where(answer < n_levels[:, None], table, np.nan)
