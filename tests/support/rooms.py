"""A workshop's people straight through the store: joined, every question answered, submitted."""

from __future__ import annotations

from huigui.store import WorkshopStore
from scoring import Bank

__all__ = ["submitted_room"]


def submitted_room(
    store: WorkshopStore, bank: Bank, code: str, people: int, level: str, role: str = "executive"
) -> list[tuple[str, str]]:
    """``people`` participants of one role join by ``code``, answer every question at
    ``level`` and submit; their assessment ids and resume tokens, in join order."""
    joined = []
    for _ in range(people):
        record, token = store.join(bank, code, role, "en")
        for item in bank.items:
            store.save_answer(record.id, item.id, level)
        store.submit(record.id)
        joined.append((record.id, token))
    return joined
