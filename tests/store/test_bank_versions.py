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
from scoring.assess import Assessment, assess
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
    fresh = assess(new, answers)
    for item_id in answers:
        assert result.item(item_id).score == fresh.item(item_id).score
    assert result.item("D3.4").score == 50.0 and result.traps == ("D4.1",)


def test_edition_2_9_stays_beside_2_10(store: Store, bundled_bank: Bank) -> None:
    """2.10 rebuilds D3.7's ladder (use agreed with a customer, not a second breadth step) and asks
    D1.3 about suppliers to the firm's specification from level 1, an agreed goal whose first step
    costs more (effort 2: it needs the supplier's agreement): an assessment answered on 2.9 keeps
    2.9's levels, efforts and plans, and the answers score the same on both editions (levels keep
    their numbers and every step is 25 points)."""
    old, old_pulse = _archived("2.9")
    assert bundled_bank.version == "2.10"
    assert [i.id for i in old.items] == [i.id for i in bundled_bank.items]
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    assert "quarter" in old.text(old.item("D3.7").levels[2], "en")
    assert "format" in bundled_bank.text(bundled_bank.item("D3.7").levels[2], "en")
    assert "规格" not in old.text(old.item("D1.3").prompt, "zh-Hans")
    assert "规格" in bundled_bank.text(bundled_bank.item("D1.3").prompt, "zh-Hans")
    assert (old.item("D1.3").effort, bundled_bank.item("D1.3").effort) == (
        [1, 2, 3, 2],
        [2, 2, 3, 2],
    )
    d1 = old.dimensions[0]
    answers = {i.id: "na" for i in d1.items} | {"D1.3": "0", "D3.7": "2", "D4.10": "0"}
    kept, result = _answered_on(store, old, answers)
    assert kept.version == "2.9"
    old_level = old.text(old.item("D3.7").levels[2], "en")
    assert kept.text(kept.item("D3.7").levels[2], "en") == old_level
    fresh = assess(bundled_bank, answers)
    for item_id in answers:
        assert result.item(item_id).score == fresh.item(item_id).score
    # D1 rests on D1.3 alone: its one step to the next stage is D1.3's from level 0, at 2.9's
    # effort on 2.9 and 2.10's on 2.10
    (step,) = result.plan(d1.id).raises
    (fresh_step,) = fresh.plan(d1.id).raises
    assert (step.item_id, step.from_level, step.effort) == ("D1.3", 0, 1)
    assert (fresh_step.item_id, fresh_step.from_level, fresh_step.effort) == ("D1.3", 0, 2)
    assert step.next_step == old.item("D1.3").step_advice(0)
