"""Every bank version kept: assessments and workshops point at the exact version they were
answered on, and a database from the first release (bank 1.0, schema 0002) opens, scores
and reports identically after a later edition ships."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from huigui.records import Profile
from huigui.reports.context import build_context
from huigui.reports.inputs import from_record
from huigui.store import Store, WorkshopStore, connect
from huigui.store.db import MIGRATIONS, migrate
from scoring import Bank, NotFoundError, StoreError, load_bank
from scoring.assess import assess
from scoring.library import archived_bank_paths, bundled_banks

DATA = Path(__file__).parent.parent / "data" / "banks"
#: The bundled bank exactly as the first release shipped it (commit ff22749 onwards).
BANK_1_0 = DATA / "industrial-internet-1.0.yaml"


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)


@pytest.fixture(scope="module")
def bank_1_0() -> Bank:
    return load_bank(BANK_1_0)


def edited(bank: Bank, **changes: object) -> Bank:
    """The same bank with top-level fields changed (a new version of it)."""
    data = json.loads(bank.content)
    data.update(changes)
    return Bank.from_data(data)


# -- the digest ---------------------------------------------------------------------------


def test_digest_ignores_formatting_and_comments(mini_bank: Bank, tmp_path: Path) -> None:
    """Re-saving a bank in another layout keeps its version; changing a text makes a new one."""
    raw = yaml.safe_load((DATA / "mini.yaml").read_text(encoding="utf-8"))
    flowed = tmp_path / "flowed.yaml"
    flowed.write_text("# a comment\n" + yaml.safe_dump(raw, default_flow_style=True), "utf-8")
    assert load_bank(flowed).digest == mini_bank.digest
    assert edited(mini_bank, version="9").digest != mini_bank.digest
    assert len(mini_bank.digest) == 64


def test_content_reads_back_as_the_same_bank(bundled_bank: Bank, bank_1_0: Bank) -> None:
    for bank in (bundled_bank, bank_1_0):
        again = Bank.from_content(bank.content)
        assert again == bank
        assert again.digest == bank.digest


def test_the_archived_edition_is_the_first_release_unchanged() -> None:
    """questions/archive keeps 1.0 byte for byte (the upgrade below relies on it)."""
    archived = {p.name: p for p in archived_bank_paths()}
    assert archived["industrial-internet-1.0.yaml"].read_bytes() == BANK_1_0.read_bytes()
    assert load_bank(BANK_1_0).digest in {b.digest for b in bundled_banks()}


# -- the store ----------------------------------------------------------------------------


def test_assessment_keeps_its_version(store: Store, mini_bank: Bank) -> None:
    """An assessment is scored against the version it was started on, whatever comes later."""
    record, _ = store.create(mini_bank, Profile("Versioned Works"), "en")
    assert record.bank_digest == mini_bank.digest
    newer = edited(mini_bank, version="2")
    store.keep(newer)
    assert store.bank(store.get(record.id).bank_digest) == mini_bank
    assert store.bank(newer.digest) == newer
    assert {v.digest for v in store.bank_versions()} == {mini_bank.digest, newer.digest}


def test_keeping_twice_and_at_once_is_harmless(store: Store, mini_bank: Bank) -> None:
    """Eight threads keeping the same new version at the same moment: no error, one row."""
    newer = edited(mini_bank, version="3")
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def keep() -> None:
        start.wait()
        try:
            store.keep(newer)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=keep) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert [v.digest for v in store.bank_versions()].count(newer.digest) == 1


def test_unknown_version_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.bank("0" * 64)
    with pytest.raises(NotFoundError):
        store.bank(None)


def test_participants_answer_the_workshops_version(engine: Engine, mini_bank: Bank) -> None:
    """A participant joins on the workshop's version; another version is refused."""
    ws = WorkshopStore(engine)
    workshop, _ = ws.create_workshop(mini_bank, "Versions Ltd", ["en"], ["front_line"])
    assert workshop.bank_digest == mini_bank.digest
    with pytest.raises(StoreError, match="another question bank version"):
        ws.join(edited(mini_bank, version="2"), workshop.code, "front_line", "en")
    record, _ = ws.join(mini_bank, workshop.code, "front_line", "en")
    assert record.bank_digest == mini_bank.digest


# -- upgrading a first-release database -----------------------------------------------------

FIRST_RELEASE_SCHEMA = "0002"


def _answers(bank: Bank, k: int) -> dict[str, str]:
    """A varied answer set: levels, not applicable and don't know."""
    out: dict[str, str] = {}
    for j, item in enumerate(bank.items):
        pick = (k * 7 + j * 3) % (len(item.levels) + 2)
        out[item.id] = (
            str(pick) if pick < len(item.levels) else ("na" if pick == len(item.levels) else "dk")
        )
    return out


def _first_release_database(url: str, bank: Bank, n: int) -> dict[str, dict[str, str]]:
    """A database at the first release's schema holding ``n`` completed 1.0 assessments,
    written as that release wrote them; their answers by id."""
    engine = connect(url, upgrade=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, FIRST_RELEASE_SCHEMA)
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    saved: dict[str, dict[str, str]] = {}
    with engine.begin() as conn:
        for k in range(n):
            ident, answers = f"{k:032x}", _answers(bank, k)
            conn.execute(
                text(
                    "insert into assessments (id, token_hash, bank_id, bank_version, language, "
                    "firm_name, firm_key, industry, created_at, updated_at, completed_at, scores) "
                    "values (:id, :h, :b, :v, 'en', :f, :fk, 'C', :t, :t, :t, :s)"
                ),
                {
                    "id": ident,
                    "h": f"{k:064x}",
                    "b": bank.id,
                    "v": bank.version,
                    "f": f"Firm {k}",
                    "fk": f"firm {k}",
                    "t": moment,
                    "s": json.dumps(assess(bank, answers).summary().model_dump(mode="json")),
                },
            )
            for item_id, answer in answers.items():
                conn.execute(
                    text(
                        "insert into answers (assessment_id, item_id, answer, answered_at) "
                        "values (:a, :i, :v, :t)"
                    ),
                    {"a": ident, "i": item_id, "v": answer, "t": moment},
                )
            saved[ident] = answers
    engine.dispose()
    return saved


def test_first_release_database_scores_and_reports_identically(
    database_url: str, bank_1_0: Bank, bundled_bank: Bank
) -> None:
    """After the upgrade every 1.0 assessment points at the kept 1.0 bank and is scored and
    reported exactly as the 1.0 bank scores it — not against the current edition."""
    saved = _first_release_database(database_url, bank_1_0, 12)
    engine = connect(database_url, upgrade=False)
    try:
        migrate(engine)
        store = Store(engine)
        store.keep(bundled_bank)  # the new edition ships; the server starts with it
        for ident, answers in saved.items():
            record = store.get(ident)
            assert record.bank_digest == bank_1_0.digest
            assert record.answers == answers
            kept = store.bank(record.bank_digest)
            assert kept == bank_1_0
            expected = assess(bank_1_0, answers)
            assert assess(kept, record.answers).summary() == expected.summary()
            assert record.summary == expected.summary()
            for lang in ("en", "zh-Hant"):
                got = build_context(from_record(kept, record, lang))
                want = build_context(from_record(bank_1_0, record, lang))
                got.pop("t"), want.pop("t")  # the translation function: a new one each time
                assert got == want
    finally:
        engine.dispose()


def test_a_bank_the_server_never_bundled_is_adopted_when_configured(
    database_url: str, mini_bank: Bank
) -> None:
    """Rows of a consultant's own bank from before versions were kept open once the server
    starts with that bank; until then they say the version is missing."""
    saved = _first_release_database(database_url, mini_bank, 2)
    engine = connect(database_url, upgrade=False)
    try:
        migrate(engine)
        store = Store(engine)
        ident = next(iter(saved))
        assert store.get(ident).bank_digest is None
        with pytest.raises(NotFoundError, match="HUIGUI_BANK"):
            store.bank(store.get(ident).bank_digest)
        assert store.adopt(edited(mini_bank, version="other")) == 0  # not its version
        assert store.adopt(mini_bank) == 2
        assert store.bank(store.get(ident).bank_digest) == mini_bank
        assert store.adopt(mini_bank) == 0
    finally:
        engine.dispose()
