"""Group statistics for workshops: spread, agreement, polarisation and role gaps.

Per item, over the numeric answers on the level scale 0..L−1:

* ``n``, ``mean``, ``sd`` (sample, ddof = 1; null when n < 2);
* ``rwg`` = 1 − sd²/σ²_EU with σ²_EU = (L² − 1)/12, the variance of a uniform ("no
  agreement") answer over L levels, clamped to [0, 1]; null when n < 2;
* ``distribution``: the count per level, plus ``na`` and ``dk``;
* ``polarized``: at least 25 % of the numeric answers in the lowest two levels and at least
  25 % in the highest two (items with fewer than 4 levels: the lowest and highest level).

Per dimension: ``n`` respondents with a dimension score, ``mean`` and ``sd`` of those
scores (0–100), ``rwg_j`` (James, Demaree & Wolf 1984) over the J items with n ≥ 2:
v̄ = mean of sd_i²/σ²_EU,i capped at 1 and rwg_j = J(1 − v̄) / (J(1 − v̄) + v̄), null when
J = 0; ``dk_share`` and ``na_share`` of all answer cells of the dimension.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .bank import Bank
from .engine import score_codes
from .responses import DK, NA, Answers

__all__ = ["POLAR_SHARE", "GroupStats", "answers_by_role", "group_stats", "role_gaps"]

POLAR_SHARE = 0.25


def _none(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


@dataclass(frozen=True)
class GroupStats:
    """Statistics of one group of respondents (all of them, or one role)."""

    items: dict[str, dict[str, Any]]
    dimensions: dict[str, dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        """``{"items": …, "dimensions": …}`` as plain JSON-ready values."""
        return {"items": self.items, "dimensions": self.dimensions}

    def items_frame(self) -> pd.DataFrame:
        """One row per item (distribution flattened to ``level_k``, ``na``, ``dk``)."""
        rows = []
        for item_id, stats in self.items.items():
            row = {"item": item_id, **{k: v for k, v in stats.items() if k != "distribution"}}
            row.update(stats["distribution"])
            rows.append(row)
        return pd.DataFrame(rows)

    def dimensions_frame(self) -> pd.DataFrame:
        """One row per dimension."""
        return pd.DataFrame([{"dimension": d, **s} for d, s in self.dimensions.items()])


def group_stats(bank: Bank, codes: npt.NDArray[np.int8]) -> GroupStats:
    """Item and dimension statistics of the respondents whose answer codes are ``codes``."""
    layout = bank.layout
    numeric = codes >= 0
    values = np.where(numeric, codes, 0).astype(np.float64)
    n = numeric.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = values.sum(axis=0) / n
        squares = (np.where(numeric, values - mean, 0.0) ** 2).sum(axis=0)
        var = np.where(n >= 2, squares / (n - 1), np.nan)
    levels = layout.n_levels.astype(np.float64)
    uniform = (levels**2 - 1) / 12
    rwg = np.where(n >= 2, np.clip(1 - var / uniform, 0.0, 1.0), np.nan)
    items = {}
    for k, item_id in enumerate(layout.item_ids):
        n_levels = int(layout.n_levels[k])
        column = codes[:, k]
        counts = np.bincount(column[column >= 0], minlength=n_levels)[:n_levels]
        distribution = {str(level): int(c) for level, c in enumerate(counts)}
        distribution["na"] = int((column == NA).sum())
        distribution["dk"] = int((column == DK).sum())
        items[item_id] = {
            "n": int(n[k]), "mean": _none(mean[k]),
            "sd": _none(math.sqrt(var[k])) if not math.isnan(var[k]) else None,
            "rwg": _none(rwg[k]), "distribution": distribution,
            "polarized": _polarized(counts, int(n[k])),
        }
    scores = score_codes(layout, codes, bank.min_coverage).score
    dims = {}
    for d, dim in enumerate(bank.dimensions):
        cols = layout.dim_of_item == d
        dims[dim.id] = _dimension(scores[:, d], var[cols], uniform[cols], n[cols], codes[:, cols])
    return GroupStats(items, dims)


def _polarized(counts: npt.NDArray[np.int64], n: int) -> bool:
    if n == 0:
        return False
    edge = 2 if len(counts) >= 4 else 1
    low, high = counts[:edge].sum() / n, counts[-edge:].sum() / n
    return bool(low >= POLAR_SHARE and high >= POLAR_SHARE)


def _dimension(scores: npt.NDArray[np.float64], var: npt.NDArray[np.float64],
               uniform: npt.NDArray[np.float64], n: npt.NDArray[np.int64],
               codes: npt.NDArray[np.int8]) -> dict[str, Any]:
    present = scores[~np.isnan(scores)]
    usable = n >= 2
    j = int(usable.sum())
    rwg_j: float | None = None
    if j:
        v = min(float(np.mean(var[usable] / uniform[usable])), 1.0)
        rwg_j = j * (1 - v) / (j * (1 - v) + v)
    cells = codes.size
    return {
        "n": len(present),
        "mean": float(present.mean()) if len(present) else None,
        "sd": float(present.std(ddof=1)) if len(present) >= 2 else None,
        "rwg_j": rwg_j,
        "dk_share": float((codes == DK).sum() / cells) if cells else None,
        "na_share": float((codes == NA).sum() / cells) if cells else None,
    }


def role_gaps(bank: Bank, by_role: dict[str, GroupStats]) -> dict[str, dict[str, Any]]:
    """Per dimension and per item: the spread between the highest and lowest role mean."""
    gaps: dict[str, dict[str, Any]] = {}
    keys = [("dimensions", d.id) for d in bank.dimensions]
    keys += [("items", i) for i in bank.layout.item_ids]
    for kind, key in keys:
        means = {role: stats.__getattribute__(kind)[key]["mean"]
                 for role, stats in by_role.items()}
        means = {r: m for r, m in means.items() if m is not None}
        if len(means) < 2:
            gaps[key] = {"gap": None, "highest": None, "lowest": None, "means": means}
            continue
        high = max(means, key=means.__getitem__)
        low = min(means, key=means.__getitem__)
        gaps[key] = {"gap": means[high] - means[low], "highest": high, "lowest": low,
                     "means": means}
    return gaps


def answers_by_role(answers: Answers) -> dict[str, npt.NDArray[np.int8]]:
    """The answer codes split by the ``role`` column (respondents without a role apart)."""
    if "role" not in answers.metadata.columns:
        return {}
    roles = answers.metadata["role"].astype("string")
    present = roles.notna().to_numpy()
    return {str(role): answers.codes[present & (roles == role).fillna(False).to_numpy()]
            for role in sorted(roles.dropna().unique())}
