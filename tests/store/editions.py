"""What the edition tests share: an archived edition read back, an assessment answered on it
through the store, and checks that its answers and plans are the same on the next edition."""

from __future__ import annotations

from huigui.records import Profile
from huigui.store import Store
from scoring import Bank, load_bank
from scoring.assess import Assessment, assess
from scoring.library import archived_bank_paths, bundled_banks

__all__ = ["answered_on", "archived", "one_step", "scored_alike"]


def archived(version: str) -> tuple[Bank, Bank]:
    """Edition ``version`` of the full bank and of its pulse, read from questions/archive, each
    checked to be of that version and among the banks the server bundles, the pulse asking only
    questions of the full bank."""
    paths = {p.name: p for p in archived_bank_paths()}
    old = load_bank(paths[f"industrial-internet-{version}.yaml"])
    old_pulse = load_bank(paths[f"industrial-internet-pulse-{version}.yaml"])
    assert (old.version, old_pulse.version) == (version, version)
    assert {i.id for i in old_pulse.items} <= {i.id for i in old.items}
    assert {old.digest, old_pulse.digest} <= {b.digest for b in bundled_banks()}
    return old, old_pulse


def answered_on(store: Store, old: Bank, answers: dict[str, str]) -> tuple[Bank, Assessment]:
    """Save ``answers`` to a new assessment on the archived edition ``old``; the store must give
    back exactly that edition. Returns it and the answers scored on it."""
    record, _ = store.create(old, Profile("Kept Works"), "en")
    for item_id, value in answers.items():
        store.save_answer(record.id, item_id, value)
    kept = store.bank(store.get(record.id).bank_digest)
    assert kept == old
    return kept, assess(kept, store.get(record.id).answers)


def scored_alike(result: Assessment, new: Bank, answers: dict[str, str]) -> Assessment:
    """``answers`` scored afresh on the edition ``new``: each question scores as it did on the
    edition they were given on (``result``). Returns the fresh assessment."""
    fresh = assess(new, answers)
    for item_id in answers:
        assert result.item(item_id).score == fresh.item(item_id).score
    return fresh


def one_step(
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
