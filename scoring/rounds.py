"""A second round and agreement across roles: what changed between rounds, and whether
every role stands behind the group's position.

**Shift** (per item, between round 1 and round 2): ``changed`` = participants who answered
both rounds and gave a different answer in round 2; ``n``, ``mean`` and ``rwg`` of each
round as :func:`scoring.group.group_stats` computes them for that round's counted answers;
``mean_change`` = mean after − mean before (None when either is undefined).

**Cross-role consensus** (per item; in the spirit of Pol.is' group-informed consensus, a
product over groups of smoothed agreement shares). With m the median of everyone's level
answers to the item, a level answer *agrees* when it lies within one level of m
(|answer − m| ≤ 1). For each role group g shown under the small-group rules, with n_g of
its members answering the item with a level and a_g of them agreeing::

    consensus = Π_g (a_g + 1) / (n_g + 2)

over the groups with n_g ≥ 1 (None when there is none). Laplace smoothing keeps one
person from counting as certainty; the product is high only when every role agrees with
the common position, and any one dissenting role pulls it down.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from .bank import Bank
from .group import GroupStats

__all__ = ["ItemShift", "cross_role_consensus", "item_shifts"]


class ItemShift(BaseModel):
    """How one item moved from round 1 to round 2."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    changed: int
    n_before: int
    n_after: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    rwg_before: float | None
    rwg_after: float | None


def item_shifts(
    bank: Bank,
    before: GroupStats,
    after: GroupStats,
    paired_before: npt.NDArray[np.int8],
    paired_after: npt.NDArray[np.int8],
) -> dict[str, ItemShift]:
    """Per item: answers changed among the participants of both rounds (``paired_*``: the
    same participants in the same order), and each round's n, mean and agreement."""
    if paired_before.shape != paired_after.shape:
        raise ValueError("the paired answer sets must have the same shape")
    changed = (paired_before != paired_after).sum(axis=0)
    out: dict[str, ItemShift] = {}
    for k, item_id in enumerate(bank.layout.item_ids):
        b, a = before.items[item_id], after.items[item_id]
        out[item_id] = ItemShift(
            changed=int(changed[k]) if len(changed) else 0,
            n_before=b.n,
            n_after=a.n,
            mean_before=b.mean,
            mean_after=a.mean,
            mean_change=None if b.mean is None or a.mean is None else a.mean - b.mean,
            rwg_before=b.rwg,
            rwg_after=a.rwg,
        )
    return out


def cross_role_consensus(
    bank: Bank, codes: npt.NDArray[np.int8], groups: Sequence[str | None]
) -> dict[str, float | None]:
    """Per item, the product over role groups of smoothed agreement shares (see the module
    docstring). ``groups`` names each respondent's shown group (None: counted in the median,
    in no group — a hidden small role)."""
    if len(groups) != len(codes):
        raise ValueError("one group per respondent")
    numeric = codes >= 0
    values = np.where(numeric, codes, np.nan).astype(np.float64)
    with warnings.catch_warnings():  # an item nobody answered with a level has no median
        warnings.simplefilter("ignore", RuntimeWarning)
        median = np.nanmedian(values, axis=0)
    agree = numeric & (np.abs(values - median) <= 1)
    labels = np.array([g or "" for g in groups], dtype=object)
    product = np.ones(codes.shape[1])
    counted = np.zeros(codes.shape[1], dtype=bool)
    for group in sorted({g for g in groups if g}):
        member = labels == group
        n = numeric[member].sum(axis=0)
        a = agree[member].sum(axis=0)
        product *= np.where(n > 0, (a + 1) / (n + 2), 1.0)
        counted |= n > 0
    return {
        item_id: float(product[k]) if counted[k] else None
        for k, item_id in enumerate(bank.layout.item_ids)
    }
