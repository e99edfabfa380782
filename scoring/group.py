"""Group statistics for workshops: spread, agreement, polarisation and role gaps.

Per item, over the numeric answers on the level scale 0..L−1 (a trap level counts as "not
yet", the level that scores 0, as scoring counts it; the distribution shows answers as given):

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

Role gaps: per dimension and per item, the spread between the highest and the lowest role
mean (kept apart: a dimension and an item are different things even were their ids alike).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import BaseModel, ConfigDict

from .answers import DK, NA
from .bank import Bank
from .engine import score_codes
from .responses import Answers

__all__ = [
    "AGREEMENT_HIGH",
    "AGREEMENT_MODERATE",
    "OTHER_ROLES",
    "POLAR_SHARE",
    "DimensionStats",
    "GroupStats",
    "ItemStats",
    "RoleGap",
    "RoleGaps",
    "RoleGrouping",
    "agreement",
    "answers_by_role",
    "group_roles",
    "group_stats",
    "median_levels",
    "role_gaps",
    "shared_grouping",
]

POLAR_SHARE = 0.25


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemStats(_Frozen):
    """One item across a group."""

    n: int
    mean: float | None
    sd: float | None
    rwg: float | None
    distribution: dict[str, int]  # "0" … "L-1", "na", "dk"
    polarized: bool


class DimensionStats(_Frozen):
    """One dimension across a group (statistics of the respondents' dimension scores)."""

    n: int
    mean: float | None
    sd: float | None
    rwg_j: float | None
    dk_share: float | None
    na_share: float | None


class GroupStats(_Frozen):
    """Statistics of one group of respondents (all of them, or one role)."""

    respondents: int
    items: dict[str, ItemStats]
    dimensions: dict[str, DimensionStats]

    def as_json(self) -> dict[str, object]:
        """``{"items": …, "dimensions": …}`` in the documented JSON shape."""
        return self.model_dump(include={"items", "dimensions"})

    def items_frame(self) -> pd.DataFrame:
        """One row per item (distribution flattened to one column per level, ``na``, ``dk``)."""
        return pd.DataFrame(
            [
                {"item": item_id, **s.model_dump(exclude={"distribution"}), **s.distribution}
                for item_id, s in self.items.items()
            ]
        )

    def dimensions_frame(self) -> pd.DataFrame:
        """One row per dimension."""
        return pd.DataFrame(
            [{"dimension": d, **s.model_dump()} for d, s in self.dimensions.items()]
        )

    def dimension_means(self, bank: Bank) -> list[float | None]:
        """Mean dimension scores in bank order."""
        return [self.dimensions[d.id].mean for d in bank.dimensions]


class RoleGap(_Frozen):
    """The spread of role means for one dimension or item."""

    gap: float | None  # highest − lowest role mean; None with fewer than two roles
    highest: str | None
    lowest: str | None
    means: dict[str, float]


class RoleGaps(_Frozen):
    """Role gaps per dimension and per item."""

    dimensions: dict[str, RoleGap]
    items: dict[str, RoleGap]

    def as_json(self) -> dict[str, object]:
        """One mapping keyed by dimension and item id (ids cannot collide: see the loader)."""
        dumped = self.model_dump()
        return {**dumped["dimensions"], **dumped["items"]}


def _none(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def group_stats(bank: Bank, codes: npt.NDArray[np.int8]) -> GroupStats:
    """Item and dimension statistics of the respondents whose answer codes are ``codes``."""
    layout = bank.layout
    numeric = codes >= 0
    levels_at = layout.stat_level[np.arange(codes.shape[1])[None, :], np.where(numeric, codes, 0)]
    values = np.where(numeric, levels_at, 0).astype(np.float64)
    n = numeric.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = values.sum(axis=0) / n
        squares = (np.where(numeric, values - mean, 0.0) ** 2).sum(axis=0)
        var = np.where(n >= 2, squares / (n - 1), np.nan)
    # the ladder's levels: a trap answer beside the ladder counts as "not yet" (stat_level)
    levels = (layout.top_levels + 1).astype(np.float64)
    uniform = (levels**2 - 1) / 12
    rwg = np.where(n >= 2, np.clip(1 - var / uniform, 0.0, 1.0), np.nan)
    items = {
        item_id: _item(
            codes[:, k],
            int(layout.n_levels[k]),
            int(n[k]),
            mean[k],
            var[k],
            rwg[k],
            layout.stat_level[k],
            int(levels[k]),
        )
        for k, item_id in enumerate(layout.item_ids)
    }
    scores = score_codes(layout, codes, bank.min_coverage).score
    dims = {}
    for d, dim in enumerate(bank.dimensions):
        cols = layout.dim_of_item == d
        dims[dim.id] = _dimension(scores[:, d], var[cols], uniform[cols], n[cols], codes[:, cols])
    return GroupStats(respondents=len(codes), items=items, dimensions=dims)


def _item(
    column: npt.NDArray[np.int8],
    n_levels: int,
    n: int,
    mean: float,
    var: float,
    rwg: float,
    stat_level: npt.NDArray[np.int64],
    ladder: int,
) -> ItemStats:
    counts = np.bincount(column[column >= 0], minlength=n_levels)[:n_levels]
    # polarisation reads the ladder, where a trap answer beside it counts as "not yet"
    ladder_counts = np.bincount(stat_level[column[column >= 0]], minlength=ladder)[:ladder]
    distribution = {str(level): int(c) for level, c in enumerate(counts)}
    distribution["na"] = int((column == NA).sum())
    distribution["dk"] = int((column == DK).sum())
    return ItemStats(
        n=n,
        mean=_none(mean),
        sd=None if math.isnan(var) else math.sqrt(var),
        rwg=_none(rwg),
        distribution=distribution,
        polarized=_polarized(ladder_counts, n),
    )


def _polarized(counts: npt.NDArray[np.int64], n: int) -> bool:
    if n == 0:
        return False
    edge = 2 if len(counts) >= 4 else 1
    low, high = counts[:edge].sum() / n, counts[-edge:].sum() / n
    return bool(low >= POLAR_SHARE and high >= POLAR_SHARE)


def _dimension(
    scores: npt.NDArray[np.float64],
    var: npt.NDArray[np.float64],
    uniform: npt.NDArray[np.float64],
    n: npt.NDArray[np.int64],
    codes: npt.NDArray[np.int8],
) -> DimensionStats:
    present = scores[~np.isnan(scores)]
    usable = n >= 2
    j = int(usable.sum())
    rwg_j: float | None = None
    if j:
        v = min(float(np.mean(var[usable] / uniform[usable])), 1.0)
        rwg_j = j * (1 - v) / (j * (1 - v) + v)
    cells = codes.size
    return DimensionStats(
        n=len(present),
        mean=float(present.mean()) if len(present) else None,
        sd=float(present.std(ddof=1)) if len(present) >= 2 else None,
        rwg_j=rwg_j,
        dk_share=float((codes == DK).sum() / cells) if cells else None,
        na_share=float((codes == NA).sum() / cells) if cells else None,
    )


def _gap(means: dict[str, float]) -> RoleGap:
    if len(means) < 2:
        return RoleGap(gap=None, highest=None, lowest=None, means=means)
    high = max(means, key=means.__getitem__)
    low = min(means, key=means.__getitem__)
    return RoleGap(gap=means[high] - means[low], highest=high, lowest=low, means=means)


def role_gaps(bank: Bank, by_role: Mapping[str, GroupStats]) -> RoleGaps:
    """Per dimension and per item: the spread between the highest and lowest role mean."""

    def means(pick: str, key: str) -> dict[str, float]:
        out = {}
        for role, stats in by_role.items():
            table = stats.dimensions if pick == "d" else stats.items
            value = table[key].mean
            if value is not None:
                out[role] = value
        return out

    return RoleGaps(
        dimensions={d.id: _gap(means("d", d.id)) for d in bank.dimensions},
        items={i: _gap(means("i", i)) for i in bank.layout.item_ids},
    )


def answers_by_role(answers: Answers) -> dict[str, npt.NDArray[np.int8]]:
    """The answer codes split by the ``role`` column (respondents without a role apart)."""
    if "role" not in answers.metadata.columns:
        return {}
    roles = answers.metadata["role"].astype("string")
    present = roles.notna().to_numpy()
    return {
        str(role): answers.codes[present & (roles == role).fillna(False).to_numpy()]
        for role in sorted(roles.dropna().unique())
    }


def median_levels(bank: Bank, codes: npt.NDArray[np.int8]) -> dict[str, str]:
    """Per item, the median of the numeric answers rounded down (items nobody answered
    with a level are left out): the answers a group "stands for" before a consensus."""
    out: dict[str, str] = {}
    layout = bank.layout
    for k, item_id in enumerate(layout.item_ids):
        column = codes[:, k]
        numeric = column[column >= 0]
        if not len(numeric):
            continue
        item = layout.items_by_id[item_id]
        if item.top_level < item.max_level:
            # a trap answer beside the ladder ranks just above "not yet", as it scores:
            # the lower middle answer in that order
            ranked = sorted(numeric.tolist(), key=lambda a: (layout.stat_level[k, a], a))
            out[item_id] = str(ranked[(len(ranked) - 1) // 2])
        else:
            out[item_id] = str(math.floor(float(np.median(numeric))))
    return out


#: The merged group of roles too small to show on their own.
OTHER_ROLES = "other_roles"


class RoleGrouping(_Frozen):
    """Which role each respondent is shown under, once small roles are merged or hidden.

    A role with at least ``k`` respondents is shown by its name. Everyone else (roles with
    fewer than ``k``, and respondents without a role) is shown together as
    :data:`OTHER_ROLES`, so that the whole group minus the named roles never leaves a group
    of 1 to ``k`` − 1 people to be worked out by subtraction: while that rest would number
    1 to ``k`` − 1, the smallest named role is merged into it as well. When even everyone
    together is fewer than ``k``, no role is shown (``hidden``; they still count in the
    whole group, never in a role).
    """

    k: int
    shown: tuple[str | None, ...]  # per respondent: role, OTHER_ROLES, or None (hidden)
    merged: tuple[str, ...]  # roles shown together as OTHER_ROLES
    hidden: tuple[str, ...]  # small roles shown nowhere

    @property
    def roles(self) -> list[str]:
        """The role groups shown, in order (OTHER_ROLES last)."""
        named = sorted({r for r in self.shown if r is not None and r != OTHER_ROLES})
        return [*named, *([OTHER_ROLES] if OTHER_ROLES in self.shown else [])]


def group_roles(roles: Sequence[str | None], k: int, merge: Iterable[str] = ()) -> RoleGrouping:
    """Merge or hide the roles that fewer than ``k`` respondents hold (see RoleGrouping);
    the roles in ``merge`` are merged whatever their size (to share one grouping between
    rounds, see :func:`shared_grouping`)."""
    counts: dict[str, int] = {}
    for role in roles:
        if role:
            counts[role] = counts.get(role, 0) + 1
    forced = set(merge)
    named = {r for r, n in counts.items() if n >= k and r not in forced}
    rest = sum(1 for r in roles if r not in named)
    while 0 < rest < k and named:
        smallest = min(named, key=lambda r: (counts[r], r))
        named.discard(smallest)
        rest += counts[smallest]
    outside = tuple(sorted(r for r in counts if r not in named))
    merged = outside if rest >= k else ()
    hidden = () if merged else outside
    shown = tuple(r if r in named else OTHER_ROLES if merged else None for r in roles)
    return RoleGrouping(k=k, shown=shown, merged=merged, hidden=hidden)


def shared_grouping(populations: Sequence[Sequence[str | None]], k: int) -> list[RoleGrouping]:
    """One grouping for several sets of the same people (the rounds of a workshop): a role
    merged or hidden in any of them is merged in all, so that a role named in one cannot
    pick its members out of "other roles" in another."""
    merge: set[str] = set()
    while True:
        groupings = [group_roles(roles, k, merge) for roles in populations]
        more = merge.union(*(g.merged + g.hidden for g in groupings))
        if more == merge:
            return groupings
        merge = more


#: rwg cut-offs for words (after LeBreton & Senter 2008: ≥ .70 strong, .50–.70 moderate).
AGREEMENT_HIGH = 0.70
AGREEMENT_MODERATE = 0.50


def agreement(rwg: float | None) -> str | None:
    """``"high"`` (rwg ≥ 0.70), ``"moderate"`` (0.50 ≤ rwg < 0.70), ``"low"`` (below), or
    None when rwg is undefined (fewer than two numeric answers)."""
    if rwg is None:
        return None
    if rwg >= AGREEMENT_HIGH:
        return "high"
    return "moderate" if rwg >= AGREEMENT_MODERATE else "low"
