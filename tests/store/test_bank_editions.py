"""Editions 2.0 to 2.9 stay beside the edition after them (2.10, or 2.9 for 2.8): an assessment
answered on an archived edition keeps that edition's questions, texts, efforts and plans, and its
answers score as they did. Editions since 2.10 are in ``test_bank_editions_since_2_10.py``; the
store and the first-release upgrade in ``test_bank_versions.py``."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from huigui.store import Store
from scoring import Bank

from .editions import answered_on, archived, one_step, scored_alike


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)


def test_edition_2_0_stays_beside_2_10(store: Store, bundled_bank: Bank) -> None:
    """2.1 retired D4.9; an assessment answered on 2.0 keeps its 2.0 items and scores."""
    old, _ = archived("2.0")
    assert bundled_bank.version != old.version
    old_ids = {i.id for i in old.items}
    new_ids = {i.id for i in bundled_bank.items}
    assert "D4.9" in old_ids - new_ids
    assert "D4.11" in new_ids - old_ids
    # 24 answers at level 3 on 2.0: every dimension 75, whatever 2.4 asks
    _, result = answered_on(store, old, dict.fromkeys(sorted(old_ids), "3"))
    assert [d.score for d in result.dimensions] == [75.0] * 4


def test_edition_2_1_stays_beside_2_10(store: Store) -> None:
    """2.2 retires D1.9 for D1.11 and rewords levels (D4.7's levels 3 and 4 change places): an
    assessment answered on 2.1 keeps 2.1's questions and texts."""
    old, _ = archived("2.1")
    new, _ = archived("2.2")
    old_ids, new_ids = {i.id for i in old.items}, {i.id for i in new.items}
    assert (old_ids - new_ids, new_ids - old_ids) == ({"D1.9"}, {"D1.11"})
    assert old.item("D4.7").levels[3] != new.item("D4.7").levels[3]
    kept, result = answered_on(store, old, {"D4.7": "3", "D1.9": "2"})
    assert kept.item("D4.7").levels[3] == old.item("D4.7").levels[3]
    assert result.item("D1.9").score == 50.0


def test_edition_2_2_stays_beside_2_10(store: Store) -> None:
    """2.3 keeps 2.2's questions and rewords some levels (D2.11's trap level among them): an
    assessment answered on 2.2 keeps 2.2's texts, its trap answer and its scores, and 2.2's
    pulse is kept too."""
    old, _ = archived("2.2")
    new, _ = archived("2.3")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert old.item("D2.11").levels[1] != new.item("D2.11").levels[1]
    # D2.11 at its trap level: 0 points and a warning
    kept, result = answered_on(store, old, {"D2.11": "1", "D1.8": "3"})
    assert kept.item("D2.11").levels[1] == old.item("D2.11").levels[1]
    assert (result.item("D2.11").score, result.item("D1.8").score) == (0.0, 75.0)
    assert result.traps == ("D2.11",)


def test_edition_2_3_stays_beside_2_10(store: Store) -> None:
    """2.4 keeps 2.3's questions and changes what some levels grade (D3.9's level 2 is a rule
    giving dealers a role, told to them; D2.11's trap level lost its "choose this even if"): an
    assessment answered on 2.3 keeps 2.3's texts, trap answer and scores; 2.3's pulse is kept."""
    old, _ = archived("2.3")
    new, _ = archived("2.4")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    for item_id, level in (("D3.9", 2), ("D2.11", 1)):
        assert old.item(item_id).levels[level] != new.item(item_id).levels[level]
    # D3.9 at its trap level: 0 points and a warning
    kept, result = answered_on(store, old, {"D3.9": "1", "D2.11": "2"})
    assert kept.item("D3.9").levels[2] == old.item("D3.9").levels[2]
    assert (result.item("D3.9").score, result.item("D2.11").score) == (0.0, 50.0)
    assert result.traps == ("D3.9",)


def test_edition_2_4_stays_beside_2_10(store: Store) -> None:
    """2.5 keeps 2.4's questions and changes what some levels grade (D1.7 follows one customer
    figure from level 1, D3.7's level 1 is data sent unasked, D4.10's level 3 a supply change):
    an assessment answered on 2.4 keeps 2.4's texts, trap answer and scores; 2.4's pulse, which
    asked D2.2 where 2.5's asks D2.3, is kept."""
    old, old_pulse = archived("2.4")
    new, _ = archived("2.5")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    for item_id, level in (("D1.7", 1), ("D3.7", 1), ("D4.10", 3)):
        assert old.item(item_id).levels[level] != new.item(item_id).levels[level]
    assert {"D2.2", "D2.11"} <= {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    kept, result = answered_on(store, old, {"D1.7": "1", "D4.10": "3", "D1.1": "1"})
    assert kept.item("D4.10").levels[3] == old.item("D4.10").levels[3]
    scores = (result.item("D1.7").score, result.item("D4.10").score, result.item("D1.1").score)
    assert scores == (25.0, 75.0, 0.0)
    assert result.traps == ("D1.1",)


def test_edition_2_5_stays_beside_2_10(store: Store) -> None:
    """2.6 puts the trap of its five trap items after the ladder (level 5) and gives each a real
    level 1; an assessment answered on 2.5 keeps 2.5's trap at level 1 and its scores (level 2 of
    a trap item 50, the trap 0), and 2.5's pulse is kept."""
    old, _ = archived("2.5")
    new, _ = archived("2.6")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert (old.item("D1.8").trap_levels, new.item("D1.8").trap_levels) == ([1], [5])
    kept, result = answered_on(store, old, {"D1.8": "2", "D1.1": "1", "D4.1": "4"})
    assert len(kept.item("D1.8").levels) == 5
    scores = (result.item("D1.8").score, result.item("D1.1").score, result.item("D4.1").score)
    assert scores == (50.0, 0.0, 100.0)
    assert result.traps == ("D1.1",)


def test_edition_2_6_stays_beside_2_10(store: Store) -> None:
    """2.7 retired D3.9 for D3.10, moved D3's trap to D3.2 and rebuilt D1.1 and D1.8 depth first:
    an assessment answered on 2.6 keeps D3.9, its texts, its trap answers and its scores (D3.2 at
    level 5 does not exist on 2.6), and 2.6's pulse is kept."""
    old, _ = archived("2.6")
    successor, _ = archived("2.7")
    old_ids, new_ids = {i.id for i in old.items}, {i.id for i in successor.items}
    assert (old_ids - new_ids, new_ids - old_ids) == ({"D3.9"}, {"D3.10"})
    assert (old.item("D3.2").trap_levels, successor.item("D3.2").trap_levels) == ([], [5])
    assert old.item("D1.1").levels[2] != successor.item("D1.1").levels[2]
    answers = {"D3.9": "5", "D1.1": "2", "D3.2": "4", "D1.8": "1"}
    kept, result = answered_on(store, old, answers)
    assert kept.item("D1.1").levels[2] == old.item("D1.1").levels[2]
    scores = tuple(result.item(i).score for i in ("D3.9", "D1.1", "D3.2", "D1.8"))
    assert scores == (0.0, 50.0, 100.0, 25.0)
    assert result.traps == ("D3.9",)


def test_edition_2_7_stays_beside_2_10(store: Store) -> None:
    """2.8 keeps 2.7's items but rebuilds D2.9 and D3.5 depth first, swaps D3.10's levels 3 and
    4 and lowers the effort of D4.10's top step: an assessment answered on 2.7 keeps 2.7's
    levels, scores and plan (the raise from D4.10's level 3 costs 2.7's effort 3, not 2.8's 2),
    and 2.7's pulse is kept."""
    old, _ = archived("2.7")
    successor, _ = archived("2.8")
    assert {i.id for i in old.items} == {i.id for i in successor.items}
    for item_id in ("D2.9", "D3.5"):
        assert old.item(item_id).levels[1] != successor.item(item_id).levels[1]
    assert (old.item("D4.10").effort[3], successor.item("D4.10").effort[3]) == (3, 2)
    # D3.10's downtime review moves from level 4 to level 3, before condition readings
    assert old.item("D3.10").levels[4] == successor.item("D3.10").levels[3]
    # D4.10 at level 3 and the rest of D4 not applicable: D4 is that one answer (75, S4), and
    # the plan to S5 is D4.10's one raise
    d4 = old.dimension_of("D4.10")
    answers = {"D2.9": "1", "D3.5": "2"} | {i.id: "na" for i in d4.items} | {"D4.10": "3"}
    kept, result = answered_on(store, old, answers)
    for item_id in ("D2.9", "D3.5"):
        assert kept.item(item_id).levels[1] == old.item(item_id).levels[1]
    scores = tuple(result.item(i).score for i in ("D2.9", "D3.5", "D4.10"))
    assert scores == (25.0, 50.0, 75.0)
    (step,) = result.plan(d4.id).raises
    assert (step.item_id, step.from_level, step.to_level, step.effort) == ("D4.10", 3, 4, 3)
    assert step.next_step == old.item("D4.10").step_advice(3)


def test_edition_2_8_stays_beside_2_9(store: Store) -> None:
    """2.9 changes only notes read while answering (D3.4's product line, D4.1's check and its
    off-spec stock, the scope's name for "don't know"): an assessment answered on 2.8 keeps
    2.8's notes, and levels, scores and plans are the same on both editions."""
    old, _ = archived("2.8")
    new, _ = archived("2.9")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    for old_item, new_item in zip(old.items, new.items, strict=True):
        assert (old_item.levels, old_item.prompt, old_item.effort, old_item.trap_levels) == (
            new_item.levels,
            new_item.prompt,
            new_item.effort,
            new_item.trap_levels,
        )
    assert "产线" in old.text(old.item("D3.4").evidence, "zh-Hans")
    assert "产品线" in new.text(new.item("D3.4").evidence, "zh-Hans")
    assert "不知道" in old.text(old.scope, "zh-Hant")
    assert "不清楚" in new.text(new.scope, "zh-Hant")
    answers = {"D3.4": "2", "D4.1": "5", "D1.3": "1"}
    kept, result = answered_on(store, old, answers)
    assert kept.version == "2.8"
    assert kept.text(kept.item("D4.1").evidence, "en") == old.text(old.item("D4.1").evidence, "en")
    scored_alike(result, new, answers)
    assert result.item("D3.4").score == 50.0 and result.traps == ("D4.1",)


def test_edition_2_9_stays_beside_2_10(store: Store) -> None:
    """2.10 rebuilds D3.7's ladder (use agreed with a customer, not a second breadth step) and asks
    D1.3 about suppliers to the firm's specification from level 1, an agreed goal whose first step
    costs more (effort 2: it needs the supplier's agreement): an assessment answered on 2.9 keeps
    2.9's levels, efforts and plans, and the answers score the same on both editions (levels keep
    their numbers and every step is 25 points)."""
    old, _ = archived("2.9")
    new, _ = archived("2.10")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert "quarter" in old.text(old.item("D3.7").levels[2], "en")
    assert "format" in new.text(new.item("D3.7").levels[2], "en")
    assert "规格" not in old.text(old.item("D1.3").prompt, "zh-Hans")
    assert "规格" in new.text(new.item("D1.3").prompt, "zh-Hans")
    assert (old.item("D1.3").effort, new.item("D1.3").effort) == (
        [1, 2, 3, 2],
        [2, 2, 3, 2],
    )
    d1 = old.dimensions[0]
    answers = {i.id: "na" for i in d1.items} | {"D1.3": "0", "D3.7": "2", "D4.10": "0"}
    kept, result = answered_on(store, old, answers)
    assert kept.version == "2.9"
    old_level = old.text(old.item("D3.7").levels[2], "en")
    assert kept.text(kept.item("D3.7").levels[2], "en") == old_level
    fresh = scored_alike(result, new, answers)
    # D1 rests on D1.3 alone: its one step is D1.3's from level 0, at 2.9's effort and 2.10's
    one_step(result, fresh, old, "D1.3", 0, (1, 2))
