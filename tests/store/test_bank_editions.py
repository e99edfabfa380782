"""Every edition of the bundled bank stays beside the next: an assessment answered on an
archived edition keeps that edition's questions, texts, efforts and plans, and its answers
score as they did. One test per edition, from 2.0 on; the store and the first-release upgrade
are in ``test_bank_versions.py``."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from huigui.records import Profile
from huigui.store import Store
from scoring import Bank, load_bank
from scoring.assess import Assessment, assess
from scoring.library import archived_bank_paths, bundled_banks


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)


def _archived(version: str) -> tuple[Bank, Bank]:
    """Edition ``version`` of the full bank and of its pulse, read from questions/archive, each
    checked to be of that version and among the banks the server bundles."""
    paths = {p.name: p for p in archived_bank_paths()}
    old = load_bank(paths[f"industrial-internet-{version}.yaml"])
    old_pulse = load_bank(paths[f"industrial-internet-pulse-{version}.yaml"])
    assert (old.version, old_pulse.version) == (version, version)
    assert {old.digest, old_pulse.digest} <= {b.digest for b in bundled_banks()}
    return old, old_pulse


def _answered_on(store: Store, old: Bank, answers: dict[str, str]) -> tuple[Bank, Assessment]:
    """Save ``answers`` to a new assessment on the archived edition ``old``; the store must give
    back exactly that edition. Returns it and the answers scored on it."""
    record, _ = store.create(old, Profile("Kept Works"), "en")
    for item_id, value in answers.items():
        store.save_answer(record.id, item_id, value)
    kept = store.bank(store.get(record.id).bank_digest)
    assert kept == old
    return kept, assess(kept, store.get(record.id).answers)


def _scored_alike(result: Assessment, new: Bank, answers: dict[str, str]) -> Assessment:
    """``answers`` scored afresh on the edition ``new``: each question scores as it did on the
    edition they were given on (``result``). Returns the fresh assessment."""
    fresh = assess(new, answers)
    for item_id in answers:
        assert result.item(item_id).score == fresh.item(item_id).score
    return fresh


def _one_step(
    result: Assessment,
    fresh: Assessment,
    old: Bank,
    item_id: str,
    level: int,
    efforts: tuple[int, int],
) -> None:
    """The dimension of ``item_id`` rests on it alone, at ``level``: its one step to the next
    stage is that item's from ``level`` on both editions, priced at each edition's effort
    (``efforts``: old, new) and advised in the old edition's words."""
    dim_id = old.dimension_of(item_id).id
    (step,) = result.plan(dim_id).raises
    (fresh_step,) = fresh.plan(dim_id).raises
    assert (step.item_id, step.from_level, step.effort) == (item_id, level, efforts[0])
    assert (fresh_step.item_id, fresh_step.from_level, fresh_step.effort) == (
        item_id,
        level,
        efforts[1],
    )
    assert step.next_step == old.item(item_id).step_advice(level)


def test_edition_2_0_stays_beside_2_10(store: Store, bundled_bank: Bank) -> None:
    """2.1 retired D4.9; an assessment answered on 2.0 keeps its 2.0 items and scores."""
    old, _ = _archived("2.0")
    assert bundled_bank.version != old.version
    old_ids = {i.id for i in old.items}
    new_ids = {i.id for i in bundled_bank.items}
    assert "D4.9" in old_ids - new_ids
    assert "D4.11" in new_ids - old_ids
    # 24 answers at level 3 on 2.0: every dimension 75, whatever 2.4 asks
    _, result = _answered_on(store, old, dict.fromkeys(sorted(old_ids), "3"))
    assert [d.score for d in result.dimensions] == [75.0] * 4


def test_edition_2_1_stays_beside_2_10(store: Store) -> None:
    """2.2 retires D1.9 for D1.11 and rewords levels (D4.7's levels 3 and 4 change places): an
    assessment answered on 2.1 keeps 2.1's questions and texts."""
    old, _ = _archived("2.1")
    new, _ = _archived("2.2")
    old_ids, new_ids = {i.id for i in old.items}, {i.id for i in new.items}
    assert (old_ids - new_ids, new_ids - old_ids) == ({"D1.9"}, {"D1.11"})
    assert old.item("D4.7").levels[3] != new.item("D4.7").levels[3]
    kept, result = _answered_on(store, old, {"D4.7": "3", "D1.9": "2"})
    assert kept.item("D4.7").levels[3] == old.item("D4.7").levels[3]
    assert result.item("D1.9").score == 50.0


def test_edition_2_2_stays_beside_2_10(store: Store) -> None:
    """2.3 keeps 2.2's questions and rewords some levels (D2.11's trap level among them): an
    assessment answered on 2.2 keeps 2.2's texts, its trap answer and its scores, and 2.2's
    pulse is kept too."""
    old, _ = _archived("2.2")
    new, _ = _archived("2.3")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert old.item("D2.11").levels[1] != new.item("D2.11").levels[1]
    # D2.11 at its trap level: 0 points and a warning
    kept, result = _answered_on(store, old, {"D2.11": "1", "D1.8": "3"})
    assert kept.item("D2.11").levels[1] == old.item("D2.11").levels[1]
    assert (result.item("D2.11").score, result.item("D1.8").score) == (0.0, 75.0)
    assert result.traps == ("D2.11",)


def test_edition_2_3_stays_beside_2_10(store: Store) -> None:
    """2.4 keeps 2.3's questions and changes what some levels grade (D3.9's level 2 is a rule
    giving dealers a role, told to them; D2.11's trap level lost its "choose this even if"): an
    assessment answered on 2.3 keeps 2.3's texts, trap answer and scores; 2.3's pulse is kept."""
    old, old_pulse = _archived("2.3")
    new, _ = _archived("2.4")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    for item_id, level in (("D3.9", 2), ("D2.11", 1)):
        assert old.item(item_id).levels[level] != new.item(item_id).levels[level]
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    # D3.9 at its trap level: 0 points and a warning
    kept, result = _answered_on(store, old, {"D3.9": "1", "D2.11": "2"})
    assert kept.item("D3.9").levels[2] == old.item("D3.9").levels[2]
    assert (result.item("D3.9").score, result.item("D2.11").score) == (0.0, 50.0)
    assert result.traps == ("D3.9",)


def test_edition_2_4_stays_beside_2_10(store: Store) -> None:
    """2.5 keeps 2.4's questions and changes what some levels grade (D1.7 follows one customer
    figure from level 1, D3.7's level 1 is data sent unasked, D4.10's level 3 a supply change):
    an assessment answered on 2.4 keeps 2.4's texts, trap answer and scores; 2.4's pulse, which
    asked D2.2 where 2.5's asks D2.3, is kept."""
    old, old_pulse = _archived("2.4")
    new, _ = _archived("2.5")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    for item_id, level in (("D1.7", 1), ("D3.7", 1), ("D4.10", 3)):
        assert old.item(item_id).levels[level] != new.item(item_id).levels[level]
    assert {"D2.2", "D2.11"} <= {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    kept, result = _answered_on(store, old, {"D1.7": "1", "D4.10": "3", "D1.1": "1"})
    assert kept.item("D4.10").levels[3] == old.item("D4.10").levels[3]
    scores = (result.item("D1.7").score, result.item("D4.10").score, result.item("D1.1").score)
    assert scores == (25.0, 75.0, 0.0)
    assert result.traps == ("D1.1",)


def test_edition_2_5_stays_beside_2_10(store: Store) -> None:
    """2.6 puts the trap of its five trap items after the ladder (level 5) and gives each a real
    level 1; an assessment answered on 2.5 keeps 2.5's trap at level 1 and its scores (level 2 of
    a trap item 50, the trap 0), and 2.5's pulse is kept."""
    old, old_pulse = _archived("2.5")
    new, _ = _archived("2.6")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert (old.item("D1.8").trap_levels, new.item("D1.8").trap_levels) == ([1], [5])
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    kept, result = _answered_on(store, old, {"D1.8": "2", "D1.1": "1", "D4.1": "4"})
    assert len(kept.item("D1.8").levels) == 5
    scores = (result.item("D1.8").score, result.item("D1.1").score, result.item("D4.1").score)
    assert scores == (50.0, 0.0, 100.0)
    assert result.traps == ("D1.1",)


def test_edition_2_6_stays_beside_2_10(store: Store) -> None:
    """2.7 retired D3.9 for D3.10, moved D3's trap to D3.2 and rebuilt D1.1 and D1.8 depth first:
    an assessment answered on 2.6 keeps D3.9, its texts, its trap answers and its scores (D3.2 at
    level 5 does not exist on 2.6), and 2.6's pulse is kept."""
    old, old_pulse = _archived("2.6")
    successor, _ = _archived("2.7")
    old_ids, new_ids = {i.id for i in old.items}, {i.id for i in successor.items}
    assert (old_ids - new_ids, new_ids - old_ids) == ({"D3.9"}, {"D3.10"})
    assert (old.item("D3.2").trap_levels, successor.item("D3.2").trap_levels) == ([], [5])
    assert old.item("D1.1").levels[2] != successor.item("D1.1").levels[2]
    assert {i.id for i in old_pulse.items} <= old_ids
    answers = {"D3.9": "5", "D1.1": "2", "D3.2": "4", "D1.8": "1"}
    kept, result = _answered_on(store, old, answers)
    assert kept.item("D1.1").levels[2] == old.item("D1.1").levels[2]
    scores = tuple(result.item(i).score for i in ("D3.9", "D1.1", "D3.2", "D1.8"))
    assert scores == (0.0, 50.0, 100.0, 25.0)
    assert result.traps == ("D3.9",)


def test_edition_2_7_stays_beside_2_10(store: Store) -> None:
    """2.8 keeps 2.7's items but rebuilds D2.9 and D3.5 depth first, swaps D3.10's levels 3 and
    4 and lowers the effort of D4.10's top step: an assessment answered on 2.7 keeps 2.7's
    levels, scores and plan (the raise from D4.10's level 3 costs 2.7's effort 3, not 2.8's 2),
    and 2.7's pulse is kept."""
    old, old_pulse = _archived("2.7")
    successor, _ = _archived("2.8")
    assert {i.id for i in old.items} == {i.id for i in successor.items}
    for item_id in ("D2.9", "D3.5"):
        assert old.item(item_id).levels[1] != successor.item(item_id).levels[1]
    assert (old.item("D4.10").effort[3], successor.item("D4.10").effort[3]) == (3, 2)
    # D3.10's downtime review moves from level 4 to level 3, before condition readings
    assert old.item("D3.10").levels[4] == successor.item("D3.10").levels[3]
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    # D4.10 at level 3 and the rest of D4 not applicable: D4 is that one answer (75, S4), and
    # the plan to S5 is D4.10's one raise
    d4 = old.dimension_of("D4.10")
    answers = {"D2.9": "1", "D3.5": "2"} | {i.id: "na" for i in d4.items} | {"D4.10": "3"}
    kept, result = _answered_on(store, old, answers)
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
    old, old_pulse = _archived("2.8")
    new, _ = _archived("2.9")
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
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    answers = {"D3.4": "2", "D4.1": "5", "D1.3": "1"}
    kept, result = _answered_on(store, old, answers)
    assert kept.version == "2.8"
    assert kept.text(kept.item("D4.1").evidence, "en") == old.text(old.item("D4.1").evidence, "en")
    _scored_alike(result, new, answers)
    assert result.item("D3.4").score == 50.0 and result.traps == ("D4.1",)


def test_edition_2_9_stays_beside_2_10(store: Store) -> None:
    """2.10 rebuilds D3.7's ladder (use agreed with a customer, not a second breadth step) and asks
    D1.3 about suppliers to the firm's specification from level 1, an agreed goal whose first step
    costs more (effort 2: it needs the supplier's agreement): an assessment answered on 2.9 keeps
    2.9's levels, efforts and plans, and the answers score the same on both editions (levels keep
    their numbers and every step is 25 points)."""
    old, old_pulse = _archived("2.9")
    new, _ = _archived("2.10")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
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
    kept, result = _answered_on(store, old, answers)
    assert kept.version == "2.9"
    old_level = old.text(old.item("D3.7").levels[2], "en")
    assert kept.text(kept.item("D3.7").levels[2], "en") == old_level
    fresh = _scored_alike(result, new, answers)
    # D1 rests on D1.3 alone: its one step is D1.3's from level 0, at 2.9's effort and 2.10's
    _one_step(result, fresh, old, "D1.3", 0, (1, 2))


def test_edition_2_10_stays_beside_2_11(store: Store) -> None:
    """2.11 retires D3.7 (data delivered with goods or services) and asks D1.11 for breadth at
    level 3, a step that now costs more (effort 2): an assessment answered on 2.10 keeps D3.7, its
    texts and D1.11's efforts; the answers to questions both editions ask score the same, and D3
    is scored over 2.10's six questions on 2.10 and over five on 2.11."""
    old, old_pulse = _archived("2.10")
    new, _ = _archived("2.11")
    old_ids = [i.id for i in old.items]
    assert [i for i in old_ids if i != "D3.7"] == [i.id for i in new.items]
    assert {i.id for i in old_pulse.items} <= set(old_ids)
    assert "most of the work" not in old.text(old.item("D1.11").levels[3], "en")
    assert "most of the work" in new.text(new.item("D1.11").levels[3], "en")
    assert (old.item("D1.11").effort, new.item("D1.11").effort) == (
        [1, 1, 1, 1],
        [1, 1, 2, 1],
    )
    d3 = [i.id for i in old.dimensions[2].items]
    assert "D3.7" in d3
    answers = dict.fromkeys(d3, "2") | {"D3.7": "4", "D1.11": "2"}
    kept, result = _answered_on(store, old, answers)
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
    old, old_pulse = _archived("2.11")
    new, _ = _archived("2.12")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    assert old.text(old.item("D4.11").title, "en") == "Demand you could not supply"
    new_title = new.text(new.item("D4.11").title, "en")
    assert new_title == "Orders lost or declined, and why"
    assert (old.item("D1.7").effort, new.item("D1.7").effort) == (
        [2, 2, 2, 2],
        [1, 2, 2, 2],
    )
    d1 = old.dimensions[0]
    answers = {i.id: "na" for i in d1.items} | {"D1.7": "0", "D4.11": "3", "D3.4": "2"}
    kept, result = _answered_on(store, old, answers)
    assert kept.version == "2.11"
    assert kept.text(kept.item("D4.11").title, "en") == "Demand you could not supply"
    fresh = _scored_alike(result, new, answers)
    # D1 rests on D1.7 alone: its one step is D1.7's from level 0, at 2.11's effort and 2.12's
    _one_step(result, fresh, old, "D1.7", 0, (2, 1))


def test_edition_2_12_stays_beside_2_13(store: Store) -> None:
    """2.13 asks the same questions; D3.10's level 4 is one practice for every firm (each
    quarterly review updates the maintenance plan of the assets causing most downtime from
    failure records and condition readings; 2.12 asked for condition readings where failures give
    warning and a yearly re-set of intervals elsewhere) and its last step costs less, and D4.11
    can be "not applicable" (all output to the parent group or under fixed contracts): an
    assessment answered on 2.12 keeps 2.12's level text and efforts, its answers score the same
    on both editions, and its plan prices D3.10's last step at 2.12's effort."""
    old, old_pulse = _archived("2.12")
    new, _ = _archived("2.13")
    assert [i.id for i in old.items] == [i.id for i in new.items]
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
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
    kept, result = _answered_on(store, old, answers)
    assert kept.version == "2.12"
    assert kept.item("D3.10").levels[4] == old.item("D3.10").levels[4]
    fresh = _scored_alike(result, new, answers)
    # D3 rests on D3.10 alone: its one step is D3.10's from level 3, at 2.12's effort and 2.13's
    _one_step(result, fresh, old, "D3.10", 3, (3, 2))


def test_edition_2_13_stays_beside_2_14(store: Store) -> None:
    """2.14 retires D1.8 (where digital projects come from; its subsidy and title trap joins
    D1.1's) for D4.12 (planning from end demand), moves rules from the notes into the levels
    (D3.8's accuracy target to level 2, D4.7's level 4 no longer lets a review lower its targets)
    and makes D3.4's first step cost 2 and its last 1: an assessment answered on 2.13 keeps D1.8,
    2.13's level text and efforts, its other answers score the same on both editions, and its
    plan prices D3.4's first step at 2.13's effort."""
    old, old_pulse = _archived("2.13")
    new, _ = _archived("2.14")
    old_ids, new_ids = {i.id for i in old.items}, {i.id for i in new.items}
    assert (old_ids - new_ids, new_ids - old_ids) == ({"D1.8"}, {"D4.12"})
    assert {i.id for i in old_pulse.items} <= old_ids
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
    kept, result = _answered_on(store, old, {"D1.8": "3", "D1.1": "5"})
    assert kept.version == "2.13"
    assert (result.item("D1.8").score, result.item("D1.1").score) == (75.0, 0.0)
    assert result.traps == ("D1.1",)
    d3 = old.dimensions[2]
    answers = {i.id: "na" for i in d3.items} | {"D3.4": "0", "D3.8": "3", "D4.7": "4"}
    kept, result = _answered_on(store, old, answers)
    assert kept.item("D3.8").levels[2] == old.item("D3.8").levels[2]
    _scored_alike(result, new, answers)
    # D3 rests on D3.4 and D3.8; with D3.8 answered "na" too, D3.4 alone carries it: its one step
    # is D3.4's from level 0, at 2.13's effort and 2.14's
    answers_d34 = answers | {"D3.8": "na"}
    _, result = _answered_on(store, old, answers_d34)
    fresh = _scored_alike(result, new, answers_d34)
    _one_step(result, fresh, old, "D3.4", 0, (1, 2))


def test_edition_2_14_stays_beside_2_15(store: Store) -> None:
    """2.15 asks the same questions with one level 0 for all (D2.12's no longer describes a
    state), a prompt fitted to its ladder (D4.12), and steps re-priced to the header's scale:
    D2.2's second flow costs 2, not 3; D4.12's first step 2, its step to most such sales 3 and its
    quarterly review 2. An assessment answered on 2.14 keeps 2.14's texts and efforts, its answers
    score the same on both editions, and its plan prices D2.2's step from level 2 at 2.14's
    effort."""
    old, old_pulse = _archived("2.14")
    bundled_bank, _ = _archived("2.15")
    assert [i.id for i in old.items] == [i.id for i in bundled_bank.items]
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    assert "does your plan follow" in old.text(old.item("D4.12").prompt, "en")
    assert "does your plan follow" not in bundled_bank.text(bundled_bank.item("D4.12").prompt, "en")
    assert "keeps its own lists" in old.text(old.item("D2.12").levels[0], "en")
    assert "keeps its own lists" not in bundled_bank.text(
        bundled_bank.item("D2.12").levels[0], "en"
    )
    assert [(old.item(i).effort, bundled_bank.item(i).effort) for i in ("D2.2", "D4.12")] == [
        ([2, 2, 3, 2], [2, 2, 2, 2]),
        ([1, 2, 2, 1], [2, 2, 3, 2]),
    ]
    d2 = old.dimension_of("D2.2")
    answers = {i.id: "na" for i in d2.items} | {"D2.2": "2", "D4.12": "3", "D2.12": "0"}
    answers_d22 = answers | {"D2.12": "na"}
    kept, result = _answered_on(store, old, answers_d22)
    assert kept.version == "2.14"
    assert kept.item("D4.12").prompt == old.item("D4.12").prompt
    assert kept.item("D2.12").levels[0] == old.item("D2.12").levels[0]
    fresh = _scored_alike(result, bundled_bank, answers_d22)
    # D2 rests on D2.2 alone: its one step is D2.2's from level 2, at 2.14's effort and 2.15's
    _one_step(result, fresh, old, "D2.2", 2, (3, 2))
    _, result = _answered_on(store, old, answers)
    _scored_alike(result, bundled_bank, answers)


def test_edition_2_15_stays_beside_2_16(store: Store, bundled_bank: Bank) -> None:
    """2.16 asks the same questions at the same efforts; every trap answer's words now rule out
    level 2 and above (D4.1's adds that the causes of the excess are not sought), D3.8's accuracy
    target moves from level 2 to level 3, D1.1 asks about one 24-month window, and D4.7 may be "not
    applicable". An assessment answered on 2.15 keeps 2.15's texts, its answers score the same on
    both editions, its trap stays flagged, and its plan is the same."""
    old, old_pulse = _archived("2.15")
    assert bundled_bank.version == "2.16"
    assert [i.id for i in old.items] == [i.id for i in bundled_bank.items]
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    assert [i.effort for i in old.items] == [i.effort for i in bundled_bank.items]
    assert "causes are not sought" not in old.text(old.item("D4.1").levels[5], "en")
    assert "causes are not sought" in bundled_bank.text(bundled_bank.item("D4.1").levels[5], "en")
    assert "12 months" in old.text(old.item("D1.1").prompt, "en")
    assert "24 months" in bundled_bank.text(bundled_bank.item("D1.1").prompt, "en")
    assert "against a target" in old.text(old.item("D3.8").levels[2], "en")
    assert "against a target" not in bundled_bank.text(bundled_bank.item("D3.8").levels[2], "en")
    assert "against a target" in bundled_bank.text(bundled_bank.item("D3.8").levels[3], "en")
    assert not old.item("D4.7").na_when
    assert bundled_bank.item("D4.7").na_when
    d4 = old.dimension_of("D4.1")
    answers = {i.id: "na" for i in d4.items} | {"D4.1": "5", "D4.7": "2", "D3.8": "2"}
    kept, result = _answered_on(store, old, answers)
    assert kept.version == "2.15"
    assert kept.item("D4.1").levels[5] == old.item("D4.1").levels[5]
    assert kept.item("D3.8").levels[2] == old.item("D3.8").levels[2]
    assert result.traps == ("D4.1",)
    assert result.item("D4.1").score == 0.0
    _scored_alike(result, bundled_bank, answers)
    # D4 rests on D4.1 and D4.7; with D4.1 answered "na" too, D4.7 alone carries it: its one step
    # is D4.7's from level 2, at the same effort on both editions
    answers_d47 = answers | {"D4.1": "na"}
    _, result = _answered_on(store, old, answers_d47)
    fresh = _scored_alike(result, bundled_bank, answers_d47)
    _one_step(result, fresh, old, "D4.7", 2, (1, 1))
