"""Workshops in the store: codes, secrets, joining, closing, consensus, 50 at once."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, text

from huigui.records import ConsensusEntry
from huigui.store import WorkshopStore
from huigui.store.workshops import CODE_ALPHABET, normalise_code
from scoring import Bank, NotFoundError, StoreError

pytestmark = pytest.mark.postgres
ROLES = ["executive", "middle_manager", "front_line", "it_digital", "partner"]


@pytest.fixture
def store(engine: Engine) -> WorkshopStore:
    return WorkshopStore(engine)


def test_code_and_secret(store: WorkshopStore, engine: Engine, bundled_bank: Bank) -> None:
    """Codes avoid look-alikes; the secret has ≥128 bits and is stored only hashed."""
    workshop, secret = store.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    assert len(workshop.code) == 6 and set(workshop.code) <= set(CODE_ALPHABET)
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert len(secret) >= 32  # 24 random bytes, base64url
    with engine.connect() as conn:
        stored = conn.execute(text("select secret_hash from workshops")).scalar_one()
    assert secret not in stored
    assert store.facilitate(workshop.id, secret).id == workshop.id
    assert store.by_code(f" {workshop.code[:3].lower()}-{workshop.code[3:]} ").id == workshop.id


@pytest.mark.parametrize("secret", ["", "wrong", "x" * 1000])
def test_wrong_secret_refused(store: WorkshopStore, bundled_bank: Bank, secret: str) -> None:
    """A wrong or missing secret gets the same message as an unknown workshop."""
    workshop, _ = store.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    with pytest.raises(NotFoundError, match="facilitator link is not valid"):
        store.facilitate(workshop.id, secret)
    with pytest.raises(NotFoundError, match="facilitator link is not valid"):
        store.facilitate("0" * 32, secret)


def test_garbage_code(store: WorkshopStore) -> None:
    """An unknown participant code is a clear NotFoundError."""
    with pytest.raises(NotFoundError, match="no workshop has this code"):
        store.by_code("ZZZZZZ")
    assert normalise_code("ab-c 23") == "ABC23"


def test_join_answer_submit_once(store: WorkshopStore, bundled_bank: Bank) -> None:
    """Joining makes a private assessment; submitting twice keeps one answer set."""
    workshop, _ = store.create_workshop(bundled_bank, "ACME", ["en", "zh-Hans"], ROLES)
    record, token = store.join(bundled_bank, workshop.code, "front_line", "zh-Hans", "Li")
    assert store.open(token).workshop_id == workshop.id
    store.save_answer(record.id, "D1.1", "2")
    store.submit(record.id, {"D1.1": "3", "D1.2": "na"})
    store.submit(record.id, {"D1.1": "3", "D1.2": "na"})
    people = store.participants(workshop.id)
    assert len(people) == 1
    assert people[0].answers == {"D1.1": "3", "D1.2": "na"}
    assert (people[0].role, people[0].name) == ("front_line", "Li")
    assert people[0].submitted_at is not None


def test_closed_workshop_freezes_answers(store: WorkshopStore, bundled_bank: Bank) -> None:
    """After closing, nobody joins and no answer changes; reopening allows both again."""
    workshop, _ = store.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    record, token = store.join(bundled_bank, workshop.code, "partner", "en")
    store.save_answer(record.id, "D1.1", "1")
    store.set_status(workshop.id, status="closed")
    with pytest.raises(StoreError, match="closed"):
        store.join(bundled_bank, workshop.code, "partner", "en")
    with pytest.raises(StoreError, match="closed"):
        store.save_answer(record.id, "D1.1", "4")
    with pytest.raises(StoreError, match="closed"):
        store.submit(record.id, {"D1.1": "4"})
    assert store.open(token).answers == {"D1.1": "1"}
    store.set_status(workshop.id, status="open")
    store.save_answer(record.id, "D1.1", "4")
    assert store.open(token).answers == {"D1.1": "4"}


def test_unknown_role_refused(store: WorkshopStore, bundled_bank: Bank) -> None:
    """Only the workshop's roles can be chosen."""
    workshop, _ = store.create_workshop(bundled_bank, "ACME", ["en"], ["a", "b"])
    with pytest.raises(StoreError, match="unknown role"):
        store.join(bundled_bank, workshop.code, "c", "en")


def test_consensus(store: WorkshopStore, bundled_bank: Bank) -> None:
    """The agreed level and note per item; recording again replaces, None clears."""
    workshop, _ = store.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    store.record_consensus(workshop.id, "D1.1", "2", "after long debate")
    store.record_consensus(workshop.id, "D1.2", "3")
    store.record_consensus(workshop.id, "D1.2", "4", "revised")
    store.record_consensus(workshop.id, "D1.3", "1")
    store.record_consensus(workshop.id, "D1.3", None)
    assert store.consensus(workshop.id) == {
        "D1.1": ConsensusEntry("2", "after long debate"),
        "D1.2": ConsensusEntry("4", "revised"),
    }


def test_fifty_participants_submit_at_once(store: WorkshopStore, bundled_bank: Bank) -> None:
    """50 threads join and submit simultaneously: 50 answer sets, each stored once."""
    workshop, _ = store.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    answers = {item.id: str(k % 5) for k, item in enumerate(bundled_bank.items)}
    latencies: list[float] = []

    def participant(k: int) -> None:
        record, _ = store.join(bundled_bank, workshop.code, ROLES[k % 5], "en")
        start = time.perf_counter()
        store.submit(record.id, answers)
        latencies.append(time.perf_counter() - start)

    with ThreadPoolExecutor(max_workers=50) as pool:
        list(pool.map(participant, range(50)))
    people = store.participants(workshop.id)
    assert len(people) == 50
    assert all(p.answers == answers and p.submitted_at for p in people)
    assert len(latencies) == 50
    assert statistics.quantiles(latencies, n=20)[-1] < 10.0  # p95 well under the busy timeout
