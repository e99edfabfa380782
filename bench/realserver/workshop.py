"""One workshop under load: its settings, the crowd that fills it, and the check against
the store."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.realserver.people import ROLES, Dashboard, Pace, Tab, dashboard, participant
from huigui.store import Store
from scoring import bundled_bank_path, load_bank


@dataclass
class Config:
    """How many people, how fast, on which database and how many server processes."""

    participants: int = 50
    pace: Pace = field(default_factory=lambda: Pace(0.5, 2.0))
    arrival: float = 10.0  # seconds over which people open the join link
    db: str = "sqlite"
    processes: int = 1
    seed: int = 1
    tcp_nodelay: bool = False


async def crowd(
    participant_urls: Sequence[str], dashboard_url: str, workshop: Workshop, config: Config
) -> tuple[list[Tab], Dashboard]:
    """The dashboard opens, then everyone arrives within ``config.arrival`` seconds."""
    stop = asyncio.Event()
    board = asyncio.create_task(dashboard(dashboard_url, workshop.id, workshop.secret, stop))
    await asyncio.sleep(1.0)
    rng = random.Random(config.seed)
    steps = len(load_bank(bundled_bank_path()).dimensions)

    async def arrive(number: int, delay: float) -> Tab:
        await asyncio.sleep(delay)
        url = participant_urls[number % len(participant_urls)]
        return await participant(url, workshop.code, number, config.pace, config.seed, steps)

    delays = [rng.uniform(0, config.arrival) for _ in range(config.participants)]
    tabs = await asyncio.gather(*(arrive(k + 1, d) for k, d in enumerate(delays)))
    stop.set()
    return list(tabs), await board


@dataclass(frozen=True)
class Workshop:
    id: str
    code: str
    secret: str


def open_workshop(store: Store, firm: str) -> Workshop:
    """A workshop made through the store, as the facilitator's page would."""
    record, secret = store.create_workshop(load_bank(bundled_bank_path()), firm, ["en"], ROLES)
    return Workshop(record.id, record.code, secret)


@dataclass
class Counts:
    """What the store holds against what the simulated people did."""

    expected: int
    stored: int
    submitted: int
    equal: int
    duplicates: int
    mismatched: list[str]

    @property
    def agree(self) -> bool:
        n = self.expected
        return self.stored == self.submitted == self.equal == n and not self.duplicates


def check(store: Store, workshop_id: str, tabs: Sequence[Tab]) -> Counts:
    """Every participant stored once, with exactly its answers, and submitted."""
    people = store.participants(workshop_id)
    by_name: dict[str, list[Any]] = {}
    for person in people:
        by_name.setdefault(person.name or "", []).append(person)
    equal, mismatched = 0, []
    for tab in tabs:
        rows = by_name.get(tab.name, [])
        if len(rows) == 1 and rows[0].answers == tab.answers and rows[0].submitted_at:
            equal += 1
        else:
            mismatched.append(tab.name)
    return Counts(
        expected=len(tabs),
        stored=len(people),
        submitted=sum(1 for p in people if p.submitted_at is not None),
        equal=equal,
        duplicates=sum(len(rows) - 1 for rows in by_name.values() if len(rows) > 1),
        mismatched=mismatched,
    )
