"""A dimension's weakest links: the answers that score lowest, the gated item first."""

from __future__ import annotations

from scoring import Bank
from scoring.assess import assess


def _answers(bank: Bank, levels: list[str]) -> dict[str, str]:
    return dict(zip([i.id for i in bank.items], levels, strict=True))


def test_weakest_links_are_the_lowest_answers(bundled_bank: Bank) -> None:
    """D1 with its third and fifth questions at level 1 (25 points) and the rest at 2 (50):
    those two, in bank order; D2, every answer at 2, has none (no question is weaker)."""
    levels = ["2"] * len(bundled_bank.items)
    levels[2], levels[4] = "1", "1"
    result = assess(bundled_bank, _answers(bundled_bank, levels))
    ids = [i.id for i in bundled_bank.items]
    assert result.dimension("D1").gated_item == ids[2]
    assert result.weakest_links("D1") == (ids[2], ids[4])
    assert result.weakest_links("D2") == ()


def test_unanswered_questions_are_never_weakest(bundled_bank: Bank) -> None:
    """ "Don't know" has no score, so it is never a weakest link (D2: one don't know and one
    answer at level 0 among level 3s: the level 0 alone); a dimension with no score has none."""
    levels = ["3"] * len(bundled_bank.items)
    ids = [i.id for i in bundled_bank.items]
    levels[6], levels[7] = "dk", "0"  # D2: one don't know, one at level 0 (0 points)
    for k in range(12, 18):  # D3 all don't know: no score
        levels[k] = "dk"
    result = assess(bundled_bank, _answers(bundled_bank, levels))
    gated = result.dimension("D2").gated_item
    assert gated == ids[7] and result.weakest_links("D2") == (ids[7],)
    assert result.dimension("D3").score is None and result.weakest_links("D3") == ()
