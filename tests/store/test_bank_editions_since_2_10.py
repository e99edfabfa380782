"""Each edition since 2.10 stays beside the next, up to the bundled one: an assessment answered
on an archived edition keeps that edition's questions, texts, efforts and plans, and its answers
score as they did. Editions 2.0 to 2.9 are in ``test_bank_editions.py``."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from huigui.store import Store
from scoring import Bank
from scoring.assess import assess

from .editions import answered_on, archived, one_step, scored_alike


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)


def test_edition_2_10_stays_beside_2_11(store: Store) -> None:
    """2.11 retires D3.7 (data delivered with goods or services) and asks D1.11 for breadth at
    level 3, a step that now costs more (effort 2): an assessment answered on 2.10 keeps D3.7, its
    texts and D1.11's efforts; the answers to questions both editions ask score the same, and D3
    is scored over 2.10's six questions on 2.10 and over five on 2.11."""
    old, _ = archived("2.10")
    new, _ = archived("2.11")
    old_ids = [i.id for i in old.items]
    assert [i for i in old_ids if i != "D3.7"] == [i.id for i in new.items]
    assert "most of the work" not in old.text(old.item("D1.11").levels[3], "en")
    assert "most of the work" in new.text(new.item("D1.11").levels[3], "en")
    assert (old.item("D1.11").effort, new.item("D1.11").effort) == (
        [1, 1, 1, 1],
        [1, 1, 2, 1],
    )
    d3 = [i.id for i in old.dimensions[2].items]
    assert "D3.7" in d3
    answers = dict.fromkeys(d3, "2") | {"D3.7": "4", "D1.11": "2"}
    kept, result = answered_on(store, old, answers)
    assert kept.version == "2.10"
    old_level = old.text(old.item("D3.7").levels[4], "en")
    assert kept.text(kept.item("D3.7").levels[4], "en") == old_level
    assert kept.item("D1.11").effort == [1, 1, 1, 1]
    # D3 on 2.10: five answers at level 2 (50) and D3.7 at 4 (100): 350 / 6; on 2.11 the five: 50
    assert result.dimension("D3").score == pytest.approx(350 / 6)
    fresh = assess(new, {k: v for k, v in answers.items() if k != "D3.7"})
    assert fresh.dimension("D3").score == 50.0
    for item_id in set(answers) - {"D3.7"}:
        assert result.item(item_id).score == fresh.item(item_id).score


def test_edition_2_11_stays_beside_2_12(store: Store) -> None:
    """2.12 asks the same questions with clearer rules; among its changes D4.11 is retitled (price
    is a reason for a lost order, not unsupplied demand) and D1.7's first step costs less (a
    figure the firm can get on its own), its second more (it needs the customer): an assessment
    answered on 2.11 keeps 2.11's title and efforts, its answers score the same on both
    editions, and its plan prices D1.7's step at 2.11's effort."""
    old, _ = archived("2.11")
    new, _ = archived("2.12")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert old.text(old.item("D4.11").title, "en") == "Demand you could not supply"
    new_title = new.text(new.item("D4.11").title, "en")
    assert new_title == "Orders lost or declined, and why"
    assert (old.item("D1.7").effort, new.item("D1.7").effort) == (
        [2, 2, 2, 2],
        [1, 2, 2, 2],
    )
    d1 = old.dimensions[0]
    answers = {i.id: "na" for i in d1.items} | {"D1.7": "0", "D4.11": "3", "D3.4": "2"}
    kept, result = answered_on(store, old, answers)
    assert kept.version == "2.11"
    assert kept.text(kept.item("D4.11").title, "en") == "Demand you could not supply"
    fresh = scored_alike(result, new, answers)
    # D1 rests on D1.7 alone: its one step is D1.7's from level 0, at 2.11's effort and 2.12's
    one_step(result, fresh, old, "D1.7", 0, (2, 1))


def test_edition_2_12_stays_beside_2_13(store: Store) -> None:
    """2.13 asks the same questions; D3.10's level 4 is one practice for every firm (each
    quarterly review updates the maintenance plan of the assets causing most downtime from
    failure records and condition readings; 2.12 asked for condition readings where failures give
    warning and a yearly re-set of intervals elsewhere) and its last step costs less, and D4.11
    can be "not applicable" (all output to the parent group or under fixed contracts): an
    assessment answered on 2.12 keeps 2.12's level text and efforts, its answers score the same
    on both editions, and its plan prices D3.10's last step at 2.12's effort."""
    old, _ = archived("2.12")
    new, _ = archived("2.13")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    new_level = new.text(new.item("D3.10").levels[4], "en")
    assert "each quarterly review updates their maintenance plan" in new_level
    assert "gives warning before failing" in old.text(old.item("D3.10").levels[4], "en")
    assert (old.item("D3.10").effort, new.item("D3.10").effort) == (
        [1, 2, 1, 3],
        [1, 2, 1, 2],
    )
    assert not old.item("D4.11").na_when
    assert new.item("D4.11").na_when
    d3 = old.dimensions[2]
    answers = {i.id: "na" for i in d3.items} | {"D3.10": "3", "D4.11": "2", "D1.1": "1"}
    kept, result = answered_on(store, old, answers)
    assert kept.version == "2.12"
    assert kept.item("D3.10").levels[4] == old.item("D3.10").levels[4]
    fresh = scored_alike(result, new, answers)
    # D3 rests on D3.10 alone: its one step is D3.10's from level 3, at 2.12's effort and 2.13's
    one_step(result, fresh, old, "D3.10", 3, (3, 2))


def test_edition_2_13_stays_beside_2_14(store: Store) -> None:
    """2.14 retires D1.8 (where digital projects come from; its subsidy and title trap joins
    D1.1's) for D4.12 (planning from end demand), moves rules from the notes into the levels
    (D3.8's accuracy target to level 2, D4.7's level 4 no longer lets a review lower its targets)
    and makes D3.4's first step cost 2 and its last 1: an assessment answered on 2.13 keeps D1.8,
    2.13's level text and efforts, its other answers score the same on both editions, and its
    plan prices D3.4's first step at 2.13's effort."""
    old, _ = archived("2.13")
    new, _ = archived("2.14")
    old_ids, new_ids = {i.id for i in old.items}, {i.id for i in new.items}
    assert (old_ids - new_ids, new_ids - old_ids) == ({"D1.8"}, {"D4.12"})
    assert "subsidy" in old.text(old.item("D1.8").levels[5], "en")
    assert "subsidy" not in old.text(old.item("D1.1").levels[5], "en")
    assert "subsidy" in new.text(new.item("D1.1").levels[5], "en")
    assert "against a target" in new.text(new.item("D3.8").levels[2], "en")
    assert "against a target" not in old.text(old.item("D3.8").levels[2], "en")
    assert "delivery targets" in old.text(old.item("D4.7").levels[4], "en")
    assert "delivery targets" not in new.text(new.item("D4.7").levels[4], "en")
    assert (old.item("D3.4").effort, new.item("D3.4").effort) == (
        [1, 2, 2, 2],
        [2, 2, 2, 1],
    )
    # D1.8 answered on 2.13 stays in the assessment, with 2.13's ladder and score
    kept, result = answered_on(store, old, {"D1.8": "3", "D1.1": "5"})
    assert kept.version == "2.13"
    assert (result.item("D1.8").score, result.item("D1.1").score) == (75.0, 0.0)
    assert result.traps == ("D1.1",)
    d3 = old.dimensions[2]
    answers = {i.id: "na" for i in d3.items} | {"D3.4": "0", "D3.8": "3", "D4.7": "4"}
    kept, result = answered_on(store, old, answers)
    assert kept.item("D3.8").levels[2] == old.item("D3.8").levels[2]
    scored_alike(result, new, answers)
    # D3 rests on D3.4 and D3.8; with D3.8 answered "na" too, D3.4 alone carries it: its one step
    # is D3.4's from level 0, at 2.13's effort and 2.14's
    answers_d34 = answers | {"D3.8": "na"}
    _, result = answered_on(store, old, answers_d34)
    fresh = scored_alike(result, new, answers_d34)
    one_step(result, fresh, old, "D3.4", 0, (1, 2))


def test_edition_2_14_stays_beside_2_15(store: Store) -> None:
    """2.15 asks the same questions with one level 0 for all (D2.12's no longer describes a
    state), a prompt fitted to its ladder (D4.12), and steps re-priced to the header's scale:
    D2.2's second flow costs 2, not 3; D4.12's first step 2, its step to most such sales 3 and its
    quarterly review 2. An assessment answered on 2.14 keeps 2.14's texts and efforts, its answers
    score the same on both editions, and its plan prices D2.2's step from level 2 at 2.14's
    effort."""
    old, _ = archived("2.14")
    new, _ = archived("2.15")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert "does your plan follow" in old.text(old.item("D4.12").prompt, "en")
    assert "does your plan follow" not in new.text(new.item("D4.12").prompt, "en")
    assert "keeps its own lists" in old.text(old.item("D2.12").levels[0], "en")
    assert "keeps its own lists" not in new.text(new.item("D2.12").levels[0], "en")
    assert [(old.item(i).effort, new.item(i).effort) for i in ("D2.2", "D4.12")] == [
        ([2, 2, 3, 2], [2, 2, 2, 2]),
        ([1, 2, 2, 1], [2, 2, 3, 2]),
    ]
    d2 = old.dimension_of("D2.2")
    answers = {i.id: "na" for i in d2.items} | {"D2.2": "2", "D4.12": "3", "D2.12": "0"}
    answers_d22 = answers | {"D2.12": "na"}
    kept, result = answered_on(store, old, answers_d22)
    assert kept.version == "2.14"
    assert kept.item("D4.12").prompt == old.item("D4.12").prompt
    assert kept.item("D2.12").levels[0] == old.item("D2.12").levels[0]
    fresh = scored_alike(result, new, answers_d22)
    # D2 rests on D2.2 alone: its one step is D2.2's from level 2, at 2.14's effort and 2.15's
    one_step(result, fresh, old, "D2.2", 2, (3, 2))
    _, result = answered_on(store, old, answers)
    scored_alike(result, new, answers)


def test_edition_2_15_stays_beside_2_16(store: Store) -> None:
    """2.16 asks the same questions at the same efforts; every trap answer's words now rule out
    level 2 and above (D4.1's adds that the causes of the excess are not sought), D3.8's accuracy
    target moves from level 2 to level 3, D1.1 asks about one 24-month window, and D4.7 may be "not
    applicable". An assessment answered on 2.15 keeps 2.15's texts, its answers score the same on
    both editions, its trap stays flagged, and its plan is the same."""
    old, _ = archived("2.15")
    new, _ = archived("2.16")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert [i.effort for i in old.items] == [i.effort for i in new.items]
    assert "causes are not sought" not in old.text(old.item("D4.1").levels[5], "en")
    assert "causes are not sought" in new.text(new.item("D4.1").levels[5], "en")
    assert "12 months" in old.text(old.item("D1.1").prompt, "en")
    assert "24 months" in new.text(new.item("D1.1").prompt, "en")
    assert "against a target" in old.text(old.item("D3.8").levels[2], "en")
    assert "against a target" not in new.text(new.item("D3.8").levels[2], "en")
    assert "against a target" in new.text(new.item("D3.8").levels[3], "en")
    assert not old.item("D4.7").na_when
    assert new.item("D4.7").na_when
    d4 = old.dimension_of("D4.1")
    answers = {i.id: "na" for i in d4.items} | {"D4.1": "5", "D4.7": "2", "D3.8": "2"}
    kept, result = answered_on(store, old, answers)
    assert kept.version == "2.15"
    assert kept.item("D4.1").levels[5] == old.item("D4.1").levels[5]
    assert kept.item("D3.8").levels[2] == old.item("D3.8").levels[2]
    assert result.traps == ("D4.1",)
    assert result.item("D4.1").score == 0.0
    scored_alike(result, new, answers)
    # D4 rests on D4.1 and D4.7; with D4.1 answered "na" too, D4.7 alone carries it: its one step
    # is D4.7's from level 2, at the same effort on both editions
    answers_d47 = answers | {"D4.1": "na"}
    _, result = answered_on(store, old, answers_d47)
    fresh = scored_alike(result, new, answers_d47)
    one_step(result, fresh, old, "D4.7", 2, (1, 1))


def test_edition_2_16_stays_beside_2_17(store: Store, bundled_bank: Bank, pulse_bank: Bank) -> None:
    """2.17 retires D2.12 (master data), the one question the essay gave no support; D4.10 is
    retitled for what its ladder grades and D4.1's level 3 cuts replenishment of items above their
    stock target. An assessment answered on 2.16 keeps D2.12 and 2.16's texts; the answers to the
    questions both editions ask score the same, and D2 is scored over 2.16's six questions on 2.16
    and over five on 2.17."""
    old, old_pulse = archived("2.16")
    assert bundled_bank.version == "2.17"
    assert [i.id for i in old.items if i.id != "D2.12"] == [i.id for i in bundled_bank.items]
    assert [i.effort for i in old.items if i.id != "D2.12"] == [
        i.effort for i in bundled_bank.items
    ]
    assert [i.id for i in old_pulse.items] == [i.id for i in pulse_bank.items]
    assert old.text(old.item("D4.10").title, "en") == "Shortening lead times"
    assert bundled_bank.text(bundled_bank.item("D4.10").title, "en") != "Shortening lead times"
    assert "slow movers" in old.text(old.item("D4.1").levels[3], "en")
    assert "slow movers" not in bundled_bank.text(bundled_bank.item("D4.1").levels[3], "en")
    d2 = [i.id for i in old.dimension_of("D2.12").items]
    assert len(d2) == 6
    answers = dict.fromkeys(d2, "2") | {"D2.12": "4", "D4.10": "3", "D4.1": "3"}
    kept, result = answered_on(store, old, answers)
    assert kept.version == "2.16"
    assert kept.item("D2.12").levels[4] == old.item("D2.12").levels[4]
    assert kept.item("D4.10").title == old.item("D4.10").title
    assert kept.item("D4.1").levels[3] == old.item("D4.1").levels[3]
    # D2 on 2.16: five answers at level 2 (50) and D2.12 at 4 (100): 350 / 6; on 2.17 the five: 50
    assert result.dimension("D2").score == pytest.approx(350 / 6)
    fresh = scored_alike(result, bundled_bank, {k: v for k, v in answers.items() if k != "D2.12"})
    assert fresh.dimension("D2").score == 50.0
