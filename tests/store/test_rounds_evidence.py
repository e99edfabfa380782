"""Round 2 keeps round 1 exactly; evidence notes and confidence stay with their answers."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from huigui.records import Evidence, Profile
from huigui.store import Store
from scoring import Bank, StoreError
from scoring.errors import WorkshopClosedError


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)


def _workshop(store: Store, bank: Bank, people: int = 3) -> tuple[str, list[str]]:
    """A workshop where ``people`` participants answered every item with level 1 and submitted."""
    workshop, _ = store.create_workshop(bank, "Rounds Ltd", ["en"], ["front_line"])
    ids = []
    for _ in range(people):
        record, _ = store.join(bank, workshop.code, "front_line", "en")
        for item in bank.items:
            store.save_answer(record.id, item.id, "1")
        store.submit(record.id)
        ids.append(record.id)
    return workshop.id, ids


def test_evidence_stays_with_its_answer(store: Store, mini_bank: Bank) -> None:
    record, _ = store.create(mini_bank, Profile("Evidence Works"), "en")
    with pytest.raises(StoreError, match="answer the question"):
        store.save_evidence(record.id, "A1", "the OEE report", "sure")
    store.save_answer(record.id, "A1", "2")
    store.save_evidence(record.id, "A1", "  the   OEE report ", "fairly")
    assert store.get(record.id).evidence == {"A1": Evidence("the OEE report", "fairly")}
    store.save_answer(record.id, "A1", "3")  # a changed level keeps its evidence
    assert store.get(record.id).evidence["A1"] == Evidence("the OEE report", "fairly")
    with pytest.raises(StoreError, match="sure, fairly, guess"):
        store.save_evidence(record.id, "A1", None, "certain")
    with pytest.raises(StoreError, match="longer than 300"):
        store.save_evidence(record.id, "A1", "x" * 301, None)
    assert store.get(record.id).evidence["A1"] == Evidence("the OEE report", "fairly")
    store.save_evidence(record.id, "A1", "", None)
    assert store.get(record.id).evidence == {}
    store.save_evidence(record.id, "A1", "report", "guess")
    store.save_answer(record.id, "A1", None)  # no answer, no evidence
    assert store.get(record.id).evidence == {}


def test_submitting_again_keeps_evidence(store: Store, mini_bank: Bank) -> None:
    workshop, _ = store.create_workshop(mini_bank, "Evidence Ltd", ["en"], ["front_line"])
    record, _ = store.join(mini_bank, workshop.code, "front_line", "en")
    store.save_answer(record.id, "A1", "2")
    store.save_evidence(record.id, "A1", "daily board", "sure")
    store.submit(record.id, {"A1": "2", "A2": "1"})
    assert store.get(record.id).evidence == {"A1": Evidence("daily board", "sure")}
    (participant,) = store.participants(workshop.id)
    assert participant.evidence == {"A1": Evidence("daily board", "sure")}


def test_round_two_keeps_round_one(store: Store, mini_bank: Bank) -> None:
    """Round 2 on two items: changes and reasons land beside round 1, which is untouched;
    submitting round 2 records the kept answers too."""
    workshop_id, people = _workshop(store, mini_bank)
    before = [store.participants(workshop_id)[k].answers for k in range(3)]
    store.open_round(workshop_id, ["A1", "B1"])
    assert store.workshop(workshop_id).round == 2
    assert store.workshop(workshop_id).in_round("A1") and not store.workshop(workshop_id).in_round(
        "A2"
    )
    store.save_round_answer(people[0], "A1", "3", "we saw the board data")
    with pytest.raises(StoreError, match="not asked in round 2"):
        store.save_round_answer(people[0], "A2", "2")
    store.submit_round(people[0])
    after = store.participants(workshop_id)
    assert [p.answers for p in after] == before
    assert after[0].later == {"A1": "3", "B1": "1"}
    assert after[0].reasons == {"A1": "we saw the board data"}
    assert after[0].round_submitted_at is not None
    assert after[1].later == {} and after[1].round_submitted_at is None


def test_round_two_rules(store: Store, mini_bank: Bank) -> None:
    workshop_id, people = _workshop(store, mini_bank, people=2)
    late, _ = store.join(mini_bank, store.workshop(workshop_id).code, "front_line", "en")
    with pytest.raises(StoreError, match="not open"):
        store.save_round_answer(people[0], "A1", "2")
    with pytest.raises(StoreError, match="at least one item"):
        store.open_round(workshop_id, [])
    store.open_round(workshop_id)  # all items
    with pytest.raises(StoreError, match="already open"):
        store.open_round(workshop_id)
    with pytest.raises(StoreError, match="submit round 1 first"):
        store.save_round_answer(late.id, "A1", "2")
    with pytest.raises(StoreError, match="longer than 200"):
        store.save_round_answer(people[0], "A1", "2", "x" * 201)
    store.set_status(workshop_id, status="closed")
    with pytest.raises(WorkshopClosedError):
        store.save_round_answer(people[0], "A1", "2")
    with pytest.raises(WorkshopClosedError):
        store.submit_round(people[0])
    assert all(not p.later for p in store.participants(workshop_id))


def test_version_changes_with_anything_shown(store: Store, mini_bank: Bank) -> None:
    """The dashboard's fingerprint moves on an answer, a consensus, a changed note and a
    status change (clearing the only consensus returns to an earlier state, and so may
    its fingerprint)."""
    workshop_id, people = _workshop(store, mini_bank, people=1)
    steps = [
        lambda: store.save_answer(people[0], "A1", "2"),
        lambda: store.save_evidence(people[0], "A1", "board", "sure"),
        lambda: store.record_consensus(workshop_id, "A1", "2", "agreed"),
        lambda: store.record_consensus(workshop_id, "A1", "2", "agreed, with a caveat"),
        lambda: store.set_status(workshop_id, released=True),
        lambda: store.open_round(workshop_id, ["A1"]),
        lambda: store.save_round_answer(people[0], "A1", "3"),
    ]
    before = store.workshop_version(workshop_id)
    for step in steps:
        step()
        after = store.workshop_version(workshop_id)
        assert after != before
        before = after


def test_opening_round_two_freezes_round_one(store: Store, mini_bank: Bank) -> None:
    """Once round 2 is open nobody joins, changes, annotates or submits round 1."""
    from scoring.errors import RoundClosedError

    workshop_id, people = _workshop(store, mini_bank, people=2)
    code = store.workshop(workshop_id).code
    pending, _ = store.join(mini_bank, code, "front_line", "en")
    store.open_round(workshop_id, ["A1"])
    before = [p.answers for p in store.participants(workshop_id)]
    for attempt in (
        lambda: store.join(mini_bank, code, "front_line", "en"),
        lambda: store.save_answer(people[0], "A1", "4"),
        lambda: store.save_evidence(people[0], "A1", "late note", "sure"),
        lambda: store.submit(people[0], {"A1": "4"}),
        lambda: store.submit(pending.id),
    ):
        with pytest.raises(RoundClosedError):
            attempt()
    assert [p.answers for p in store.participants(workshop_id)] == before
    store.save_round_answer(people[0], "A1", "4", "changed my mind")
    assert store.participants(workshop_id)[0].answers == before[0]
