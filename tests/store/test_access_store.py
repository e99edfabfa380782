"""Firms, consultants, caps, retention and atomic closing, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select, text, update

from huigui.records import Profile
from huigui.store import Store, WorkshopOptions, connect
from huigui.store.consultants import MAX_FAILURES, LoginRefusedError
from huigui.store.db import migrate
from huigui.store.models import Answer, Assessment, Firm, Workshop
from scoring import Bank, NotFoundError, StoreError
from scoring.assess import Summary
from scoring.errors import WorkshopClosedError, WorkshopFullError

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)


def test_firm_link_is_made_once_and_replaced_only_by_its_holder(
    store: Store, bundled_bank: Bank
) -> None:
    """The first link comes from the assessment's own link; a second is refused; replacing
    it (by the firm's holder) makes the old one stop working."""
    record, token = store.create(bundled_bank, Profile("Acme"), "en")
    first = store.issue_firm_link(token)
    with pytest.raises(StoreError, match="already has a firm link"):
        store.issue_firm_link(token)
    firm = store.open_firm(first)
    assert (firm.id, firm.name, firm.has_link) == (record.firm_id, "Acme", True)
    second = store.replace_firm_link(firm)
    with pytest.raises(NotFoundError):
        store.open_firm(first)
    assert store.open_firm(second).id == firm.id
    for bad in ("", "x" * 101, "not-a-link"):
        with pytest.raises(NotFoundError):
            store.open_firm(bad)


def test_same_name_is_another_firm(store: Store, bundled_bank: Bank) -> None:
    """Two firms called the same never share history, previous or trend."""
    mine, mine_token = store.create(bundled_bank, Profile("ACME"), "en")
    store.complete(mine.id, Summary(dimensions={"D1": 10.0}))
    theirs, _ = store.create(bundled_bank, Profile("ACME"), "en")
    store.complete(theirs.id, Summary(dimensions={"D1": 90.0}))
    firm = store.open_firm(store.issue_firm_link(mine_token))
    assert [r.id for r in store.history(firm)] == [mine.id]
    assert store.previous(theirs, firm) is None  # not this firm's assessment
    with pytest.raises(NotFoundError):
        store.in_firm(firm, theirs.id)


def test_rename_and_delete_really_delete(store: Store, engine: Engine, bundled_bank: Bank) -> None:
    """Renaming renames everywhere; deleting removes the rows (answers included)."""
    record, token = store.create(bundled_bank, Profile("Old Name"), "en")
    store.save_answer(record.id, "D1.1", "2")
    other, _ = store.create(bundled_bank, Profile("Old Name"), "en", firm_id=record.firm_id)
    firm = store.open_firm(store.issue_firm_link(token))
    store.rename_firm(firm, "New Name")
    assert store.get(record.id).profile.firm_name == "New Name"
    store.delete_assessment(other.id)
    assert [r.id for r in store.firm_assessments(firm)] == [record.id]
    store.delete_firm(firm)
    with engine.connect() as conn:
        counts = [
            conn.scalar(select(func.count()).select_from(t)) for t in (Assessment, Answer, Firm)
        ]
    assert counts == [0, 0, 0]


def test_consultant_accounts(store: Store, engine: Engine) -> None:
    """Passwords are stored as scrypt hashes; wrong ones count and lock the account; names
    are unique; short passwords are refused."""
    store.add_consultant("Li Wei", "a long enough secret")
    with engine.connect() as conn:
        stored = conn.scalar(text("select password_hash from consultants"))
    assert stored.startswith("scrypt$") and "a long enough secret" not in stored
    assert store.login("Li Wei", "a long enough secret").name == "Li Wei"
    with pytest.raises(StoreError, match="already a consultant"):
        store.add_consultant("Li Wei", "another long secret")
    with pytest.raises(StoreError, match="10 to 200"):
        store.add_consultant("Short", "tiny")
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginRefusedError, match="wrong name or password"):
            store.login("Li Wei", "wrong password!")
    with pytest.raises(LoginRefusedError, match="too many wrong passwords"):
        store.login("Li Wei", "a long enough secret")  # locked, even with the right one
    with pytest.raises(LoginRefusedError, match="wrong name or password"):
        store.login("Nobody", "whatever it is")


def test_consultant_sees_and_rekeys_only_own_workshops(store: Store, bundled_bank: Bank) -> None:
    """A consultant lists their own workshops and replaces their secret; another's are out
    of reach."""
    one = store.add_consultant("One", "first long secret")
    two = store.add_consultant("Two", "second long secret")
    mine, old = store.create_workshop(
        bundled_bank, "A", ["en"], ["x"], options=WorkshopOptions(consultant_id=one.id)
    )
    store.create_workshop(bundled_bank, "B", ["en"], ["x"])
    assert [w.id for w in store.consultant_workshops(one.id)] == [mine.id]
    assert store.consultant_workshops(two.id) == []
    with pytest.raises(NotFoundError):
        store.replace_secret(mine.id, two.id)
    new = store.replace_secret(mine.id, one.id)
    with pytest.raises(NotFoundError):
        store.facilitate(mine.id, old)
    assert store.facilitate(mine.id, new).id == mine.id


def test_participant_cap(store: Store, bundled_bank: Bank) -> None:
    """Joins past the cap are refused with a clear message."""
    workshop, _ = store.create_workshop(
        bundled_bank, "A", ["en"], ["x"], options=WorkshopOptions(max_participants=2)
    )
    store.join(bundled_bank, workshop.code, "x", "en")
    store.join(bundled_bank, workshop.code, "x", "en")
    with pytest.raises(WorkshopFullError, match="full"):
        store.join(bundled_bank, workshop.code, "x", "en")


def test_participants_belong_to_no_firm(store: Store, bundled_bank: Bank) -> None:
    """A participant's answers are in no firm, so in nobody's history or benchmark."""
    workshop, _ = store.create_workshop(bundled_bank, "ACME", ["en"], ["x"])
    record, token = store.join(bundled_bank, workshop.code, "x", "en")
    assert record.firm_id is None and record.origin == "participant"
    with pytest.raises(StoreError, match="belong to no firm"):
        store.issue_firm_link(token)


def test_retention_deletes_old_rows(store: Store, engine: Engine, bundled_bank: Bank) -> None:
    """Assessments and workshops unchanged for longer than N days are deleted with their
    answers, participants and consensus; recent ones stay; firms left empty go."""
    old, _ = store.create(bundled_bank, Profile("Old"), "en")
    store.save_answer(old.id, "D1.1", "1")
    recent, _ = store.create(bundled_bank, Profile("Recent"), "en")
    workshop, _ = store.create_workshop(bundled_bank, "W", ["en"], ["x"])
    member, _ = store.join(bundled_bank, workshop.code, "x", "en")
    store.save_answer(member.id, "D1.1", "3")
    store.record_consensus(workshop.id, "D1.1", "3")
    long_ago = datetime.now(UTC) - timedelta(days=400)
    with engine.begin() as conn:
        conn.execute(
            update(Assessment).where(Assessment.id != recent.id).values(updated_at=long_ago)
        )
        conn.execute(update(Workshop).values(updated_at=long_ago))
    purged = store.purge(365)
    assert (purged.assessments, purged.workshops, purged.firms) == (1, 1, 1)
    with engine.connect() as conn:
        left = conn.scalars(select(Assessment.id)).all()
        answers = conn.scalar(select(func.count()).select_from(Answer))
        consensus = conn.scalar(text("select count(*) from consensus"))
    assert left == [recent.id] and answers == 0 and consensus == 0


def test_close_is_atomic(store: Store, bundled_bank: Bank) -> None:
    """Submissions racing a close: every one either landed before the close or was refused;
    after close returns, nothing lands."""
    workshop, _ = store.create_workshop(bundled_bank, "A", ["en"], ["x"])
    answers = {item.id: "2" for item in bundled_bank.items}
    people = [store.join(bundled_bank, workshop.code, "x", "en")[0] for _ in range(12)]
    closed = threading.Event()
    outcome: dict[str, str] = {}

    def submit(k: int) -> None:
        time.sleep(0.002 * k)
        # whether close had returned when this submission began: one that began earlier may
        # land or be refused; one that began later must be refused (read before, not after,
        # the call, or a thread paused between a landed submit and the read looks "after")
        began_after_close = closed.is_set()
        try:
            store.submit(people[k].id, answers)
            outcome[people[k].id] = "after" if began_after_close else "landed"
        except WorkshopClosedError:
            outcome[people[k].id] = "refused"

    with ThreadPoolExecutor(max_workers=12) as pool:
        futures = [pool.submit(submit, k) for k in range(12)]
        time.sleep(0.01)
        store.set_status(workshop.id, status="closed")
        closed.set()
        for f in futures:
            f.result()
    submitted = {p.id for p in store.participants(workshop.id) if p.submitted_at}
    assert "after" not in outcome.values()  # nothing lands once close has returned
    assert submitted == {pid for pid, o in outcome.items() if o == "landed"}
    with pytest.raises(WorkshopClosedError):
        store.submit(people[0].id, answers)


def test_one_participant_submitting_twice_at_once(store: Store, bundled_bank: Bank) -> None:
    """Two simultaneous submissions of the same answer set never raise, and store one set."""
    workshop, _ = store.create_workshop(bundled_bank, "A", ["en"], ["x"])
    record, _ = store.join(bundled_bank, workshop.code, "x", "en")
    answers = {item.id: "3" for item in bundled_bank.items}
    for _ in range(10):
        barrier = threading.Barrier(2)

        def go(barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            store.submit(record.id, answers)

        with ThreadPoolExecutor(max_workers=2) as pool:
            for f in [pool.submit(go), pool.submit(go)]:
                f.result()
    assert store.participants(workshop.id)[0].answers == answers


def test_upgrade_makes_one_firm_per_assessment(database_url: str, bundled_bank: Bank) -> None:
    """Assessments saved before firms existed stay reachable by their own links; each is its
    own firm (same names are not grouped), with no firm link until its holder makes one."""
    from alembic import command
    from alembic.config import Config

    from huigui.store.db import MIGRATIONS

    engine = connect(database_url, upgrade=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for k in range(2):
            conn.execute(
                text(
                    "insert into assessments (id, token_hash, bank_id, bank_version, language, "
                    "firm_name, firm_key, created_at, updated_at) values (:id, :h, 'industrial-"
                    "internet', '1.0', 'en', 'Same Name', 'same name', :t, :t)"
                ),
                {"id": f"{k:032d}", "h": f"{k:064d}", "t": now},
            )
    try:
        migrate(engine)
        store = Store(engine)
        with engine.connect() as conn:
            firms = conn.execute(select(Assessment.firm_id)).scalars().all()
            links = conn.execute(select(Firm.token_hash)).scalars().all()
        assert len(set(firms)) == 2 and None not in firms
        assert links == [None, None]
        assert store.get("0" * 32).profile.firm_name == "Same Name"
    finally:
        engine.dispose()
