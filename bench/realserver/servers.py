"""The servers a bench drives: the app and an empty page, started, watched and stopped."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from huigui.serve import SERVER_OPTIONS

ROOT = Path(__file__).resolve().parents[2]
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
