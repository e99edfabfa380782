"""A workshop through the real server: participants on phones and a live dashboard, at once.

    .venv/bin/python bench/ws_load.py [--db sqlite|postgres [--postgres-url URL]]
        [--processes N] [--participants 50] [--pace 0.5 2.0] [--arrival 10] [--fast]
        [--tcp-nodelay] [--json]

Each participant is a simulated browser tab speaking Streamlit's WebSocket protocol
(``tests/support/stclient.py``: ``rerun_script`` BackMsgs with the query string, page and
every widget state; the page switches, query strings and widget ids the server announces
followed). It opens ``/join?code=…``, picks a role, types a name and joins (the form), then
answers every question with a pause of ``--pace`` seconds before each click (changing its
mind on some), presses Next on every step and finally submits. One facilitator tab keeps
``/facilitate`` open: every fragment that asked for ``run_every`` is rerun on its own timer,
as the frontend's ``setInterval`` does (``rerun_script`` with ``fragment_id`` and
``is_auto_rerun``, not a page rerun).

With ``--processes N`` there are N server processes on one database (use PostgreSQL),
participants split between them, and the dashboard on a process of its own.

Measured: click → response (a widget change until the server's completed
``script_finished`` for that run), join → first question drawn (the join form's submit until
the first question's radio arrives), the dashboard's refresh (its timers firing until the run
that reran the last of them finished), the server processes' CPU seconds and the wall time.
Before the load, in the same run, two floors: an empty one-widget Streamlit page changed the
same way (``floor``) and one participant alone on the idle, warmed-up server (``solo``); the
table gives ratios to both, and the first participant on a freshly started process is shown
too. Then every answer set is checked against the store: each participant stored exactly
once, with exactly the answers it gave, and submitted; and the dashboard must show them all.

Only the WebSocket is driven: the page's static files (about 3 MB on a first visit, 5.8 MB
more for the first chart) are not fetched; ``bench/browser_latency.py`` measures those.
The exit status is 0 when the counts agree and no run raised.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the checkout's packages and tests/support
    sys.path.insert(0, str(ROOT))

from sqlalchemy import make_url  # noqa: E402

from huigui.serve import SERVER_OPTIONS  # noqa: E402
from huigui.store import Store, connect  # noqa: E402
from scoring import bundled_bank_path, load_bank  # noqa: E402
from tests.support.pgtemp import temporary_cluster  # noqa: E402
from tests.support.stclient import AsyncSession, Run, async_session  # noqa: E402

ROLES = ["executive", "front_line", "it_digital"]
TIMEOUT = 180.0  # one click on a server drowning under load, before the bench gives up
CLK_TCK = os.sysconf("SC_CLK_TCK")
#: ``--tcp-nodelay`` (a diagnostic, not a fix): Streamlit binds its listening socket with
#: ``socket.socket(family)`` (protocol 0), so asyncio's ``_set_nodelay`` skips every accepted
#: connection and Nagle's algorithm holds a response's later frames until the browser's
#: delayed ACK (~40 ms on Linux). This hook, put on the servers' ``PYTHONPATH``, sets
#: ``TCP_NODELAY`` as asyncio means to, to measure what the fix would give.
NODELAY_HOOK = """import socket
from asyncio import base_events


def _set_nodelay(sock):
    if sock.family in {socket.AF_INET, socket.AF_INET6} and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


base_events._set_nodelay = _set_nodelay
"""
#: The floor: one widget, and its value echoed so that a browser can see the rerun land.
EMPTY_APP = """import streamlit as st

choice = st.radio("Pick one", ["a", "b", "c"], index=None, key="pick")
st.write(f"Picked: {choice}")
"""


# -- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stat(pid: int | str) -> list[str]:
    """The fields of ``/proc/<pid>/stat`` after the command name (state is field 0)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def process_cpu(pid: int | str, children: bool = False) -> float:
    """User + system CPU seconds of a process (with ``children``: also of the children it
    has waited for)."""
    fields = _stat(pid)
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLK_TCK


def postgres_cpu(url: str) -> float | None:
    """CPU seconds of the PostgreSQL server on ``url``'s port: the postmaster, the backends it
    reaped, and those alive (None when it is not on this machine)."""
    port = make_url(url).port
    pids = [p.name for p in Path("/proc").iterdir() if p.name.isdigit()]
    postmaster = None
    for pid in pids:
        with contextlib.suppress(OSError):
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if args[0].endswith(b"/postgres") and f"-p {port}".encode() in b" ".join(args):
                postmaster = pid
    if postmaster is None:
        return None
    total = process_cpu(postmaster, children=True)
    for pid in pids:
        with contextlib.suppress(OSError, IndexError):
            if _stat(pid)[1] == postmaster:
                total += process_cpu(pid)
    return total


@dataclass
class Server:
    """One server process, its base URL and its log."""

    proc: subprocess.Popen[bytes]
    url: str
    log: Path

    def cpu_seconds(self) -> float:
        """User + system CPU time so far (``/proc/<pid>/stat``)."""
        return process_cpu(self.proc.pid)

    def problems(self) -> list[str]:
        """Tracebacks and error lines the server logged."""
        lines = self.log.read_text(errors="replace").splitlines()
        return [x for x in lines if "Traceback" in x or " ERROR " in x or "Error:" in x]


def _wait_healthy(server: Server, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as r:  # noqa: S310
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server on {server.url} did not start:\n{server.log.read_text()}")


@contextlib.contextmanager
def serve(cmd: Sequence[str], env: dict[str, str], log: Path) -> Iterator[Server]:
    """Start ``cmd`` (which takes ``--server.port`` last), wait for it, stop it after."""
    port = free_port()
    full = [*cmd, "--server.port", str(port), "--server.address", "127.0.0.1"]
    with log.open("wb") as out:
        proc = subprocess.Popen(full, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(proc, f"http://127.0.0.1:{port}", log)
    try:
        _wait_healthy(server)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def server_env(hooks: Path | None) -> dict[str, str]:
    """This environment, with ``hooks`` (a folder holding a ``sitecustomize``) first on the
    server's ``PYTHONPATH`` when given."""
    env = dict(os.environ)
    if hooks is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hooks), env.get("PYTHONPATH")]))
    return env


def huigui(
    db_url: str, log: Path, hooks: Path | None = None
) -> contextlib.AbstractContextManager[Server]:
    """The app, started as users start it."""
    env = {**server_env(hooks), "HUIGUI_DATABASE_URL": db_url}
    env.pop("HUIGUI_BANK", None)
    return serve([sys.executable, "-m", "huigui.serve"], env, log)


def empty_app(folder: Path, hooks: Path | None = None) -> contextlib.AbstractContextManager[Server]:
    """A one-widget Streamlit page, served by ``streamlit run`` with the app's own server
    options (``runner.postScriptGC=false`` among them), so that only the script differs."""
    script = folder / "empty_app.py"
    script.write_text(EMPTY_APP)
    flags = [f"--{name}={value}" for name, value in SERVER_OPTIONS.items()]
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), *flags]
    return serve(cmd, server_env(hooks), folder / "empty_app.log")


# -- what the simulated people do ------------------------------------------------------------


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
            run = me.saw(await tab.set(f"ans:{item_id}", choice, timeout=TIMEOUT) or _none())
            me.answer_clicks.append(run.seconds)
            me.answers[item_id] = stored_value(labels, choice)


def _none() -> Run:
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


# -- one workshop under load -----------------------------------------------------------------


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


async def floor_clicks(base_url: str, clicks: int = 20) -> list[float]:
    """Click → response on the empty one-widget page."""
    times = []
    async with async_session(base_url) as tab:
        await tab.open()
        for k in range(clicks):
            run = await tab.set("pick", k % 3, timeout=TIMEOUT) or _none()
            times.append(run.seconds)
    return times


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


# -- the bench -------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def latency(values: Sequence[float]) -> dict[str, float | int]:
    """n, p50, p95 and max in milliseconds."""
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 0.50) * 1000, 1),
        "p95_ms": round(percentile(values, 0.95) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


def _all(tabs: Sequence[Tab], name: str) -> list[float]:
    values: list[float] = []
    for tab in tabs:
        value = getattr(tab, name)
        if isinstance(value, list):
            values += value
        elif value is not None:
            values.append(value)
    return values


@contextlib.contextmanager
def database(kind: str, folder: Path, postgres_url: str | None) -> Iterator[str]:
    """A fresh SQLite file, the given PostgreSQL, or a throw-away PostgreSQL cluster."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'huigui.db'}"
    elif postgres_url:
        yield postgres_url
    else:
        with temporary_cluster() as url:
            yield url


def _floors(folder: Path, hooks: Path | None) -> list[float]:
    with empty_app(folder, hooks) as server:
        asyncio.run(floor_clicks(server.url, 5))  # warm up: imports, first runs
        return asyncio.run(floor_clicks(server.url, 30))


def _warm(servers: Sequence[Server], workshop: Workshop, seed: int) -> tuple[Tab, Tab]:
    """Every process once through the flow (first imports, first chart; the dashboard's
    process opens the dashboard), then one participant alone on the first: the first
    participant's clicks on a cold process, and the same clicks warm without the crowd."""
    steps = len(load_bank(bundled_bank_path()).dimensions)

    def alone(server: Server, number: int) -> Tab:
        pace = Pace(0.05, 0.1)
        tab = asyncio.run(participant(server.url, workshop.code, number, pace, seed, steps))
        if tab.failure:
            raise SystemExit(f"the participant alone failed: {tab.failure}")
        return tab

    cold = [alone(server, -k) for k, server in enumerate(servers)]
    stop = asyncio.Event()
    stop.set()
    asyncio.run(dashboard(servers[-1].url, workshop.id, workshop.secret, stop, settle=False))
    return cold[0], alone(servers[0], 1)


def say(text: str) -> None:
    """Progress, on stderr (stdout is the table or the JSON)."""
    print(f"ws_load: {text}", file=sys.stderr, flush=True)


def _hooks(folder: Path, config: Config) -> Path | None:
    if not config.tcp_nodelay:
        return None
    hooks = folder / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(NODELAY_HOOK)
    return hooks


@dataclass
class Load:
    """The crowd's tabs, the dashboard, and what the servers spent on them."""

    tabs: list[Tab]
    board: Dashboard
    cpu: list[float]
    db_cpu: float | None
    wall: float
    client_cpu: float
    load_avg: tuple[float, float]  # the machine's 1-minute load average before and after


def _load(servers: Sequence[Server], url: str, workshop: Workshop, config: Config) -> Load:
    """The crowd on the first ``config.processes`` servers, the dashboard on the last."""
    cpu_before = [s.cpu_seconds() for s in servers]
    db_before = postgres_cpu(url) if config.db == "postgres" else None
    load_before = os.getloadavg()[0]
    wall, client = time.perf_counter(), time.process_time()
    urls = [s.url for s in servers[: config.processes]]
    tabs, board = asyncio.run(crowd(urls, servers[-1].url, workshop, config))
    wall, client = time.perf_counter() - wall, time.process_time() - client
    cpu = [s.cpu_seconds() - c for s, c in zip(servers, cpu_before, strict=True)]
    db_cpu = postgres_cpu(url) if db_before is not None else None
    if db_cpu is not None and db_before is not None:
        db_cpu -= db_before
    return Load(tabs, board, cpu, db_cpu, wall, client, (load_before, os.getloadavg()[0]))


def run(config: Config, postgres_url: str | None = None) -> dict[str, Any]:
    """One workshop under load, with its floors, checked against the store."""
    with (
        tempfile.TemporaryDirectory(prefix="huigui-load-") as tmp,
        database(config.db, Path(tmp), postgres_url) as url,
    ):
        folder = Path(tmp)
        engine = connect(url)  # migrated here, before any server starts
        store = Store(engine)
        warm_workshop, workshop = open_workshop(store, "Solo Co"), open_workshop(store, "Bench Co")
        hooks = _hooks(folder, config)
        say("empty page floor …")
        floor = _floors(folder, hooks)
        extra = 1 if config.processes > 1 else 0  # the dashboard's own process
        with contextlib.ExitStack() as stack:
            servers = [
                stack.enter_context(huigui(url, folder / f"server{k}.log", hooks))
                for k in range(config.processes + extra)
            ]
            say(f"{len(servers)} server(s) up; warming each, then one participant alone …")
            cold, solo = _warm(servers, warm_workshop, config.seed)
            say(f"{config.participants} participants and the dashboard …")
            load = _load(servers, url, workshop, config)
            counts = check(store, workshop.id, load.tabs)
            problems = [line for s in servers for line in s.problems()]
        engine.dispose()
    return report_data(config, Measured(load, cold, solo, floor, counts, problems))


@dataclass
class Measured:
    """What one workshop under load gave."""

    load: Load
    cold: Tab  # the first participant on a fresh process
    solo: Tab  # one participant alone on a warm process
    floor: Sequence[float]
    counts: Counts
    problems: Sequence[str]


def report_data(config: Config, m: Measured) -> dict[str, Any]:
    """Everything measured, as plain data (``--json`` prints it as is)."""
    tabs, board = m.load.tabs, m.load.board
    clicks = _all(tabs, "answer_clicks") + _all(tabs, "next_clicks") + _all(tabs, "submit")
    return {
        "config": {**asdict(config), "pace": [config.pace.low, config.pace.high]},
        "latency": {
            "answer_click": latency(_all(tabs, "answer_clicks")),
            "next_step_drawn": latency(_all(tabs, "next_clicks")),
            "submit_results_drawn": latency(_all(tabs, "submit")),
            "join_to_first_question": latency(_all(tabs, "join_to_question")),
            "join_page_drawn": latency(_all(tabs, "join_page")),
            "dashboard_refresh": latency(board.refreshes),
            "dashboard_open": latency([board.open_page] if board.open_page else []),
        },
        "floor": {
            "empty_page_click": latency(m.floor),
            "solo_answer_click": latency(m.solo.answer_clicks),
            "solo_next_step_drawn": latency(m.solo.next_clicks),
            "solo_submit_results_drawn": latency([m.solo.submit] if m.solo.submit else []),
            "solo_join_to_first_question": latency(
                [m.solo.join_to_question] if m.solo.join_to_question else []
            ),
            "cold_answer_click": latency(m.cold.answer_clicks[:1]),
            "cold_submit_results_drawn": latency([m.cold.submit] if m.cold.submit else []),
        },
        "server_cpu_s": [round(c, 2) for c in m.load.cpu],
        "postgres_cpu_s": None if m.load.db_cpu is None else round(m.load.db_cpu, 2),
        "wall_s": round(m.load.wall, 1),
        "client_cpu_s": round(m.load.client_cpu, 1),
        "load_avg_1min": [round(x, 2) for x in m.load.load_avg],
        "clicks": len(clicks),
        "received_mb": round(sum(t.received_bytes for t in tabs) / 1e6, 1),
        "counts": asdict(m.counts) | {"agree": m.counts.agree},
        "dashboard": {
            "refreshes": len(board.refreshes),
            "late_ticks": board.late,
            "shown": board.metrics,
            "failure": board.failure,
        },
        "exceptions": sorted({*(e for t in tabs for e in t.exceptions), *board.exceptions}),
        "st_errors": sorted({*(e for t in tabs for e in t.errors), *board.errors}),
        "failures": [f"{t.name}: {t.failure}" for t in tabs if t.failure],
        "server_log_problems": list(m.problems)[:20],
    }


ROWS = {
    "answer_click": ("answer click → saved", "solo_answer_click"),
    "next_step_drawn": ("Next → next step drawn", "solo_next_step_drawn"),
    "submit_results_drawn": ("submit → results drawn", "solo_submit_results_drawn"),
    "join_to_first_question": ("join → 1st question drawn", "solo_join_to_first_question"),
    "join_page_drawn": ("join link → form drawn", None),
    "dashboard_open": ("dashboard opened", None),
    "dashboard_refresh": ("dashboard refresh (timers)", None),
}


def _ratio(value: float | int | None, floor: float | int | None) -> str:
    if not value or not floor:
        return ""
    return f"{value / floor:.1f}×"


def table(data: dict[str, Any]) -> str:
    """The compact table."""
    c, lat, floor = data["config"], data["latency"], data["floor"]
    servers = c["processes"] + (1 if c["processes"] > 1 else 0)
    lines = [
        f"Huigui under load: {c['db']}, {servers} server process(es), {c['participants']} "
        f"participants + 1 dashboard, pace {c['pace'][0]}–{c['pace'][1]} s, "
        f"arrivals over {c['arrival']} s" + (", TCP_NODELAY hook" if c["tcp_nodelay"] else ""),
        f"{'':29s}{'n':>6s}{'p50 ms':>9s}{'p95 ms':>9s}{'max ms':>9s}{'p50/floor':>11s}"
        f"{'p50/solo':>10s}",
    ]
    empty = floor["empty_page_click"].get("p50_ms")
    for key, (label, solo_key) in ROWS.items():
        row = lat[key]
        if not row.get("n"):
            lines.append(f"{label:29s}{0:6d}")
            continue
        solo = floor[solo_key].get("p50_ms") if solo_key else None
        lines.append(
            f"{label:29s}{row['n']:6d}{row['p50_ms']:9.1f}{row['p95_ms']:9.1f}"
            f"{row['max_ms']:9.1f}{_ratio(row['p50_ms'], empty):>11s}"
            f"{_ratio(row['p50_ms'], solo):>10s}"
        )
    lines += _footer(data, empty)
    return "\n".join(lines)


def _footer(data: dict[str, Any], empty: float | None) -> list[str]:
    floor, counts, board = data["floor"], data["counts"], data["dashboard"]
    cpu, wall = sum(data["server_cpu_s"]), data["wall_s"]
    solo = ", ".join(
        f"{name} {floor[key].get('p50_ms', '–')}"
        for name, key in [
            ("answer", "solo_answer_click"),
            ("Next", "solo_next_step_drawn"),
            ("results", "solo_submit_results_drawn"),
            ("join", "solo_join_to_first_question"),
        ]
    )
    verdict = "AGREE" if counts["agree"] else f"DISAGREE (mismatched: {counts['mismatched']})"
    cold = (
        f"first answer {floor['cold_answer_click'].get('p50_ms')} ms, results "
        f"{floor['cold_submit_results_drawn'].get('p50_ms')} ms"
    )
    return [
        f"floors (same run, idle server): empty page click p50 {empty} ms "
        f"(n={floor['empty_page_click'].get('n')}); one participant alone, p50 ms: {solo}",
        f"the first participant on a freshly started process: {cold}",
        f"server CPU {cpu:.1f} s {data['server_cpu_s']} in {wall:.1f} s wall "
        f"({cpu / wall:.0%} of one core of {os.cpu_count()}; machine load average "
        f"{data['load_avg_1min'][0]} → {data['load_avg_1min'][1]}), "
        f"{1000 * cpu / max(1, data['clicks']):.1f} ms per click"
        + (
            f"; PostgreSQL CPU {data['postgres_cpu_s']} s"
            if data.get("postgres_cpu_s") is not None
            else ""
        )
        + f"; bench client CPU {data['client_cpu_s']} s; "
        f"{data['received_mb']} MB over the participants' WebSockets",
        f"counts: {counts['stored']} stored / {counts['expected']} joined, "
        f"{counts['submitted']} submitted, {counts['equal']} answer sets equal, "
        f"{counts['duplicates']} duplicates → {verdict}",
        f"dashboard shows {board['shown']} after {board['refreshes']} refreshes "
        f"({board['late_ticks']} timer ticks found the last refresh unfinished)"
        + (f"; FAILED: {board['failure']}" if board["failure"] else ""),
        f"exceptions: {data['exceptions'] or 'none'}; st.error: {data['st_errors'] or 'none'}; "
        f"failures: {data['failures'] or 'none'}; "
        f"server log: {data['server_log_problems'] or 'clean'}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: .venv/bin/python bench/ws_load.py --db postgres --processes 2",
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", help="an existing PostgreSQL (default: a throw-away one)")
    parser.add_argument(
        "--processes", type=int, default=1, help="server processes for participants"
    )
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--pace", type=float, nargs=2, default=[0.5, 2.0], metavar=("MIN", "MAX"))
    parser.add_argument(
        "--arrival", type=float, default=10.0, help="seconds over which people join"
    )
    parser.add_argument("--fast", action="store_true", help="CI: 0–0.05 s pauses, arrivals in 2 s")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--tcp-nodelay",
        action="store_true",
        help="diagnostic: give the servers' connections TCP_NODELAY (see NODELAY_HOOK)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    pace = Pace(0.0, 0.05) if args.fast else Pace(*args.pace)
    config = Config(
        participants=args.participants,
        pace=pace,
        arrival=2.0 if args.fast else args.arrival,
        db=args.db,
        processes=args.processes,
        seed=args.seed,
        tcp_nodelay=args.tcp_nodelay,
    )
    data = run(config, args.postgres_url)
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else table(data))
    return 0 if data["counts"]["agree"] and not data["exceptions"] and not data["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
