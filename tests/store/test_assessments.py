"""The assessment store on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, inspect, text, update

from huigui.records import Profile
from huigui.store import AssessmentStore, Store, connect
from huigui.store.base import RESUME_DAYS, hash_token
from huigui.store.models import Assessment
from scoring import Bank, NotFoundError, StoreError
from scoring.assess import Summary

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(engine: Engine) -> AssessmentStore:
    return Store(engine)


def test_migrations_create_the_schema_and_are_idempotent(database_url: str) -> None:
    """Connecting twice upgrades once; alembic records the head revision."""
    first = connect(database_url)
    second = connect(database_url)
    tables = set(inspect(second).get_table_names())
    assert {"assessments", "answers", "alembic_version"} <= tables
    with second.connect() as conn:
        assert conn.scalar(text("select version_num from alembic_version")) is not None
    first.dispose()
    second.dispose()


def test_answers_kept_exactly_as_given(store: AssessmentStore, bundled_bank: Bank) -> None:
    """Levels, na and dk come back as given, with bank id, version and language."""
    record, token = store.create(
        bundled_bank, Profile("ACME", "C", "small", "executive"), "zh-Hant"
    )
    a, b, c = (i.id for i in bundled_bank.items[:3])
    store.save_answer(record.id, a, "3")
    store.save_answer(record.id, b, "na")
    store.save_answer(record.id, c, "dk")
    store.save_answer(record.id, a, "4")  # changed mind
    store.save_answer(record.id, c, None)  # cleared
    opened = store.open(token)
    assert opened.answers == {a: "4", b: "na"}
    assert (opened.bank_id, opened.bank_version, opened.language) == (
        bundled_bank.id,
        bundled_bank.version,
        "zh-Hant",
    )
    assert opened.bank_digest == bundled_bank.digest
    assert opened.profile == Profile("ACME", "C", "small", "executive")
    assert opened.created_at.tzinfo is not None
    assert opened.updated_at >= opened.created_at


def test_token_is_random_and_stored_hashed(
    store: AssessmentStore, engine: Engine, bundled_bank: Bank
) -> None:
    """The resume token carries ≥128 bits and only its SHA-256 is in the database."""
    _, token = store.create(bundled_bank, Profile("ACME"), "en")
    _, other = store.create(bundled_bank, Profile("ACME"), "en")
    assert token != other and len(token) >= 22  # 16 bytes base64url
    with engine.connect() as conn:
        stored = [row[0] for row in conn.execute(text("select token_hash from assessments"))]
    assert hash_token(token) in stored
    assert all(token not in value for value in stored)


@pytest.mark.parametrize("token", ["", "garbage", "x" * 500, "' or 1=1 --"])
def test_invalid_token_is_not_found(store: AssessmentStore, token: str) -> None:
    """Wrong tokens get a clear NotFoundError."""
    with pytest.raises(NotFoundError, match="not valid"):
        store.open(token)


def test_expired_token(store: AssessmentStore, engine: Engine, bundled_bank: Bank) -> None:
    """A link unused for longer than the resume period has expired."""
    record, token = store.create(bundled_bank, Profile("ACME"), "en")
    old = datetime.now(UTC) - timedelta(days=RESUME_DAYS + 1)
    with engine.begin() as conn:
        conn.execute(update(Assessment).where(Assessment.id == record.id).values(updated_at=old))
    with pytest.raises(NotFoundError, match="expired"):
        store.open(token)


@pytest.mark.parametrize(
    "name",
    ["🏭 工厂 ✨" * 33, "ש" * 200, "a\u202eb c <b>x</b>", "Robert'); DROP TABLE assessments;--"],
)
def test_odd_firm_names_stored_exactly(
    store: AssessmentStore, bundled_bank: Bank, name: str
) -> None:
    """Emoji, 200 characters (the limit), RTL marks, SQL: stored and read back as is."""
    _record, token = store.create(bundled_bank, Profile(name), "en")
    assert store.open(token).profile.firm_name == name.strip()


def test_overlong_firm_name_refused(store: AssessmentStore, bundled_bank: Bank) -> None:
    """10,000 characters is refused with the limit named; nothing is stored."""
    with pytest.raises(StoreError, match="longer than 200 characters"):
        store.create(bundled_bank, Profile("ש" * 10_000), "en")


def test_bad_answer_changes_nothing(store: AssessmentStore, bundled_bank: Bank) -> None:
    """An answer that is neither a level nor na/dk is refused and nothing is written."""
    record, token = store.create(bundled_bank, Profile("ACME"), "en")
    store.save_answer(record.id, "D1.1", "2")
    with pytest.raises(StoreError):
        store.save_answer(record.id, "D1.1", "<script>")
    assert store.open(token).answers == {"D1.1": "2"}


def test_blank_firm_name_refused(store: AssessmentStore, bundled_bank: Bank) -> None:
    """The firm name is required."""
    with pytest.raises(StoreError, match="firm name"):
        store.create(bundled_bank, Profile("   "), "en")


def test_history_and_peers(store: Store, bundled_bank: Bank) -> None:
    """History: one firm's completed assessments in order (grouped by the firm, not by a
    name: "ACME LTD" started anew is another firm). Peers: latest per other firm."""
    mine, token = store.create(bundled_bank, Profile("Acme  Ltd", "C"), "en")
    store.complete(mine.id, Summary(overall=40.0, dimensions={"D1": 40.0}))
    firm = store.open_firm(store.issue_firm_link(token))
    again, _ = store.create(bundled_bank, Profile("ACME LTD", "C"), "en", firm_id=firm.id)
    store.complete(again.id, Summary(overall=50.0, dimensions={"D1": 50.0}))
    unfinished, _ = store.create(bundled_bank, Profile("acme ltd", "C"), "en", firm_id=firm.id)
    namesake, _ = store.create(bundled_bank, Profile("Acme Ltd", "C"), "en")
    store.complete(namesake.id, Summary(dimensions={"D1": 90.0}))
    assert [h.id for h in store.history(firm)] == [mine.id, again.id]
    peers = []
    for k, score in enumerate((10.0, 20.0)):
        peer, _ = store.create(bundled_bank, Profile(f"Peer {k}", "C"), "en")
        store.complete(peer.id, Summary(dimensions={"D1": score}))
        peers.append(peer)
    late, _ = store.create(bundled_bank, Profile("Peer 0", "C"), "en", firm_id=peers[0].firm_id)
    store.complete(late.id, Summary(dimensions={"D1": 35.0}))  # replaces Peer 0's 10.0
    other_industry, _ = store.create(bundled_bank, Profile("Bank X", "K"), "en")
    store.complete(other_industry.id, Summary(dimensions={"D1": 99.0}))
    benchmark = store.benchmark(unfinished, min_firms=3)
    assert benchmark is not None and benchmark.firms == 3  # Peer 0, Peer 1, the namesake
    assert benchmark.scores["D1"] == 35.0  # median of 35 (Peer 0's latest), 20, 90
    assert store.benchmark(unfinished, min_firms=4) is None
    assert unfinished.id not in {h.id for h in store.history(firm)}


def test_targets_and_profile_update(store: AssessmentStore, bundled_bank: Bank) -> None:
    """Targets and profile changes are saved."""
    record, token = store.create(bundled_bank, Profile("ACME"), "en")
    store.update(
        record.id,
        targets={"D1": 75, "D2": 50.5},
        profile=Profile("ACME 2", "F"),
        language="zh-Hans",
    )
    opened = store.open(token)
    assert opened.targets == {"D1": 75.0, "D2": 50.5}
    assert (opened.profile.firm_name, opened.profile.industry, opened.language) == (
        "ACME 2",
        "F",
        "zh-Hans",
    )


def test_concurrent_answers_all_saved(store: AssessmentStore, bundled_bank: Bank) -> None:
    """Ten threads answering different items of one assessment at once: nothing is lost."""
    record, token = store.create(bundled_bank, Profile("ACME"), "en")
    items = [item.id for item in bundled_bank.items[:10]]
    errors: list[Exception] = []

    def answer(item_id: str) -> None:
        try:
            store.save_answer(record.id, item_id, "1")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=answer, args=(i,)) for i in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert store.open(token).answers == dict.fromkeys(items, "1")


def test_bad_url_is_a_clear_error() -> None:
    """A malformed or unreachable database URL is a StoreError with the reason."""
    with pytest.raises(StoreError, match="not a database URL"):
        connect("this is not a url")
    with pytest.raises(StoreError, match="cannot open the database"):
        connect("postgresql+psycopg://nobody@127.0.0.1:1/none")
