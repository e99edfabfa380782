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
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the checkout's packages and tests/support
    sys.path.insert(0, str(ROOT))

from bench.realserver.load_report import Load, Measured, report_data, table  # noqa: E402
from bench.realserver.output import say  # noqa: E402
from bench.realserver.people import TIMEOUT, Pace, Tab, dashboard, no_rerun, participant  # noqa: E402
from bench.realserver.servers import NODELAY_HOOK, Server, empty_app, huigui, postgres_cpu  # noqa: E402
from bench.realserver.workshop import Config, Workshop, check, crowd, open_workshop  # noqa: E402
from huigui.store import Store, connect  # noqa: E402
from scoring import bundled_bank_path, load_bank  # noqa: E402
from tests.support.pgtemp import temporary_cluster  # noqa: E402
from tests.support.stclient import async_session  # noqa: E402


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


async def floor_clicks(base_url: str, clicks: int = 20) -> list[float]:
    """Click → response on the empty one-widget page."""
    times = []
    async with async_session(base_url) as tab:
        await tab.open()
        for k in range(clicks):
            run = await tab.set("pick", k % 3, timeout=TIMEOUT) or no_rerun()
            times.append(run.seconds)
    return times


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


def _hooks(folder: Path, config: Config) -> Path | None:
    if not config.tcp_nodelay:
        return None
    hooks = folder / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(NODELAY_HOOK)
    return hooks


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


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line: how many people, how fast, on which database."""
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
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
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
