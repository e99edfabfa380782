"""The simulated people of a workshop: participants on phones and the facilitator's dashboard."""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from tests.support.stclient import AsyncSession, Run, async_session

ROLES = ["executive", "front_line", "it_digital"]
TIMEOUT = 180.0  # one click on a server drowning under load, before the bench gives up


@dataclass
class Pace:
    """Seconds a person waits before each click, drawn uniformly."""

    low: float
    high: float

    async def think(self, rng: random.Random) -> None:
        await asyncio.sleep(rng.uniform(self.low, self.high))


@dataclass
class Tab:
    """What one simulated participant did and saw."""

    name: str
    answers: dict[str, str] = field(default_factory=dict)
    answer_clicks: list[float] = field(default_factory=list)
    next_clicks: list[float] = field(default_factory=list)
    submit: float | None = None
    join_page: float | None = None
    join_to_question: float | None = None
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    received_bytes: int = 0
    failure: str | None = None

    def saw(self, run: Run) -> Run:
        self.exceptions += run.exceptions
        self.errors += run.errors
        return run


#: A level's label on the radio: its number (or, for a trap answer after the levels, a word
#: such as "Or"), a middle dot, its text; "not applicable" and "don't know" have no dot.
LEVEL_LABEL = re.compile(r"^[^·]{1,12} · ")


def special_answers(labels: Sequence[str]) -> tuple[str, ...]:
    """The answers after the levels: ("na", "dk"), or ("dk",) where the question offers no
    "not applicable". A level's label starts with its tag: ``2 · <text>`` or ``Or · <text>``."""
    levels = sum(1 for label in labels if LEVEL_LABEL.match(label))
    return ("na", "dk")[2 - (len(labels) - levels) :]


def stored_value(labels: Sequence[str], index: int) -> str:
    """What the store keeps for option ``index`` of a question (levels, then na and dk)."""
    special = special_answers(labels)
    levels = len(labels) - len(special)
    return str(index) if index < levels else special[index - levels]


def pick(rng: random.Random, labels: Sequence[str]) -> int:
    """A level most of the time, sometimes not applicable (where offered) or don't know."""
    special = special_answers(labels)
    levels = len(labels) - len(special)
    roll = rng.random()
    if roll < 0.07 and "na" in special:
        return levels  # na
    if roll < 0.14:
        return len(labels) - 1  # dk
    return rng.randrange(levels)


async def join(
    tab: AsyncSession, me: Tab, code: str, role: int, pace: Pace, rng: random.Random
) -> None:
    """Open the join link, fill the form, join; when the first question arrived."""
    page = me.saw(await tab.open("join", f"code={code}", timeout=TIMEOUT))
    me.join_page = page.seconds
    await pace.think(rng)
    await tab.set("join_role", role)  # form fields: no rerun until the form is sent
    await tab.set("join_name", me.name)
    await pace.think(rng)
    submitter = tab.browser.submitter("join")
    run = me.saw(await tab.click(submitter.split("-", 2)[2], timeout=TIMEOUT))
    first = run.first("radio", "-ans:")
    if first is None:
        raise RuntimeError(f"{me.name}: no question after joining ({tab.browser.query_string})")
    me.join_to_question = first - run.sent_at


async def answer_step(tab: AsyncSession, me: Tab, pace: Pace, rng: random.Random) -> None:
    """Answer every question on screen, in order; change one's mind now and then."""
    radios = [r for r in tab.browser.on_screen("radio") if "-ans:" in r.id]  # top to bottom
    for radio in radios:
        item_id = radio.id.rsplit("ans:", 1)[1]
        labels = list(radio.options)
        for _ in range(2 if rng.random() < 0.1 else 1):
            choice = pick(rng, labels)
            await pace.think(rng)
            run = me.saw(await tab.set(f"ans:{item_id}", choice, timeout=TIMEOUT) or no_rerun())
            me.answer_clicks.append(run.seconds)
            me.answers[item_id] = stored_value(labels, choice)


def no_rerun() -> Run:
    """Fail: ``tab.set(...) or no_rerun()`` for a change that must cause a rerun."""
    raise RuntimeError("a radio outside a form caused no rerun")


async def participant(
    base_url: str, code: str, number: int, pace: Pace, seed: int, steps: int
) -> Tab:
    """One person: join, answer each step, Next, and submit."""
    rng = random.Random(seed * 1000 + number)
    me = Tab(f"P{number:03d}")
    try:
        async with async_session(base_url, open_timeout=TIMEOUT) as tab:
            await join(tab, me, code, number % len(ROLES), pace, rng)
            for step in range(1, steps + 1):
                await answer_step(tab, me, pace, rng)
                await pace.think(rng)
                key = "next" if step < steps else "finish"
                run = me.saw(await tab.click(key, timeout=TIMEOUT))
                if key == "next":
                    me.next_clicks.append(run.seconds)
                else:
                    me.submit = run.seconds
            me.received_bytes = tab.browser.received_bytes
    except Exception as exc:  # reported, and the counts then disagree
        me.failure = f"{exc.__class__.__name__}: {exc}"
    return me


@dataclass
class Dashboard:
    """What the facilitator's tab saw: refresh latencies and the last counts shown."""

    open_page: float | None = None
    refreshes: list[float] = field(default_factory=list)
    late: int = 0  # timer ticks that found the previous refresh still under way
    metrics: dict[str, str] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failure: str | None = None
    pending: dict[str, float] = field(default_factory=dict)  # fragment -> first unserved tick


async def _refresh_timers(tab: AsyncSession, board: Dashboard, stop: asyncio.Event) -> None:
    """Every fragment's ``run_every`` timer, as the frontend sets them (all at once)."""
    fragments = dict(tab.browser.auto_reruns)
    interval = min(fragments.values())
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)
        if board.pending:
            board.late += 1
        tick = time.perf_counter()
        for fragment_id in fragments:
            board.pending.setdefault(fragment_id, tick)
            await tab.send_fragment_rerun(fragment_id)


async def _collect_refreshes(tab: AsyncSession, board: Dashboard) -> None:
    """A refresh is over when the fragments its timers asked for have all run again (the
    server folds requests that arrive during a run into the next one, and the first run's
    finish into the next run's, so count the runs that started, not the finishes)."""
    while True:
        run = await tab.completed.get()
        board.exceptions += run.exceptions
        board.errors += run.errors
        ticks = [board.pending.pop(f) for f in run.started_fragments if f in board.pending]
        if ticks and not board.pending and run.finished_at is not None:
            board.refreshes.append(run.finished_at - min(ticks))


async def dashboard(
    base_url: str, workshop_id: str, secret: str, stop: asyncio.Event, settle: bool = True
) -> Dashboard:
    """The facilitator's tab, refreshing by itself until ``stop``, then (with ``settle``)
    once more, so that it shows the final counts."""
    board = Dashboard()
    try:
        async with async_session(base_url, open_timeout=TIMEOUT) as tab:
            run = await tab.open("facilitate", f"w={workshop_id}&s={secret}", timeout=TIMEOUT)
            board.open_page = run.seconds
            board.exceptions += run.exceptions
            board.errors += run.errors
            collector = asyncio.create_task(_collect_refreshes(tab, board))
            await _refresh_timers(tab, board, stop)
            if settle:
                await asyncio.sleep(min(tab.browser.auto_reruns.values(), default=5.0) + 1.0)
            collector.cancel()
            board.metrics = {m.label: m.body for m in tab.browser.on_screen("metric")}
    except Exception as exc:
        board.failure = f"{exc.__class__.__name__}: {exc}"
    return board
