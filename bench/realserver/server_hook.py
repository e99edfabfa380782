"""Where the server's time goes: a hook that times (and may profile) its script runs."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.realserver.servers import Server

#: A ``sitecustomize`` for both servers: it times every script run (a rerun and the page
#: switches it causes) by what caused it (``open``, ``change`` for a widget's new value,
#: ``press <key>`` for a button); with ``HUIGUI_BENCH_PYINSTRUMENT=1`` it also runs them
#: under pyinstrument and sums the profiles by cause. SIGUSR1 writes both to
#: ``$HUIGUI_BENCH_OUT``; SIGUSR2 starts afresh (after the warm-up). Timing a run costs a
#: wrapper call and two clock reads; profiling slows the runs down.
SERVER_HOOK = """import json, os, signal, threading, time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

_OUT = Path(os.environ["HUIGUI_BENCH_OUT"])
_PROFILE = os.environ.get("HUIGUI_BENCH_PYINSTRUMENT") == "1"
if _PROFILE:
    import pyinstrument
    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session
_TIMES, _SESSIONS = {}, {}
_LOCK = threading.Lock()
_RUN = script_runner.ScriptRunner._run_script


def _cause(rerun_data):
    if rerun_data.fragment_id_queue:
        return "fragment"
    states = rerun_data.widget_states.widgets if rerun_data.widget_states else []
    for state in states:
        if state.WhichOneof("value") == "trigger_value" and state.trigger_value:
            return "press " + state.id.rsplit("-", 1)[-1]
    return "change" if states else "open"


def _run_script(self, rerun_data):
    profiler = pyinstrument.Profiler(interval=0.0005, async_mode="disabled") if _PROFILE else None
    if profiler:
        profiler.start()
    start = time.perf_counter()
    try:
        return _RUN(self, rerun_data)
    finally:
        elapsed = time.perf_counter() - start
        cause = _cause(rerun_data)
        session = profiler.stop() if profiler else None
        with _LOCK:
            _TIMES.setdefault(cause, []).append(elapsed)
            if session is not None:
                known = _SESSIONS.get(cause)
                _SESSIONS[cause] = session if known is None else Session.combine(known, session)


def _dump(*_):
    with _LOCK:
        (_OUT / "times.json").write_text(json.dumps(_TIMES))
        for cause, session in _SESSIONS.items():
            head = f"{len(_TIMES[cause])} runs, {session.duration:.3f} s in all\\n"
            tree = ConsoleRenderer(unicode=True).render(session)
            flat = ConsoleRenderer(unicode=True, flat=True).render(session)
            name = cause.replace(" ", "_")
            (_OUT / f"{name}.txt").write_text(head + tree + "\\n" + flat)
            session.save(str(_OUT / f"{name}.pyisession"))
        (_OUT / "done").write_text("")


def _reset(*_):
    with _LOCK:
        _TIMES.clear()
        _SESSIONS.clear()


script_runner.ScriptRunner._run_script = _run_script
signal.signal(signal.SIGUSR1, _dump)
signal.signal(signal.SIGUSR2, _reset)
"""


def hooks_folder(folder: Path, *parts: str) -> Path:
    """A folder with a ``sitecustomize`` made of ``parts``, and its output folder."""
    folder.mkdir()
    (folder / "out").mkdir()
    (folder / "sitecustomize.py").write_text("\n".join(parts))
    return folder


def pyinstrument_import(path: str | None) -> str:
    """The hook's first lines: pyinstrument from ``path`` when it is not installed."""
    return f"import sys\nsys.path.insert(0, {path!r})\n" if path else ""


@dataclass
class ServerSide:
    """What a server's hook recorded: run times by cause, and profiles by cause."""

    times: dict[str, list[float]]
    profiles: dict[str, str]
    sessions: list[Path]  # pyinstrument's own files (``pyinstrument --load FILE``)


def collect(server: Server, hooks: Path) -> ServerSide:
    """Ask the server for what its hook recorded."""
    out = hooks / "out"
    server.proc.send_signal(signal.SIGUSR1)
    deadline = time.monotonic() + 30
    while not (out / "done").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    (out / "done").unlink(missing_ok=True)
    times = json.loads((out / "times.json").read_text())
    profiles = {p.stem: p.read_text() for p in sorted(out.glob("*.txt"))}
    return ServerSide(times, profiles, sorted(out.glob("*.pyisession")))


def keep(side: ServerSide, folder: Path) -> None:
    """Copy the profiles (text and pyinstrument sessions) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for cause, text in side.profiles.items():
        (folder / f"{cause}.txt").write_text(text)
    for session in side.sessions:
        shutil.copyfile(session, folder / session.name)


@contextlib.contextmanager
def hooked(hooks: Path, profile: bool) -> Iterator[None]:
    """The environment the server started inside this block reads its hook's settings from."""
    saved = {k: os.environ.get(k) for k in ("HUIGUI_BENCH_OUT", "HUIGUI_BENCH_PYINSTRUMENT")}
    os.environ["HUIGUI_BENCH_OUT"] = str(hooks / "out")
    os.environ["HUIGUI_BENCH_PYINSTRUMENT"] = "1" if profile else "0"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
