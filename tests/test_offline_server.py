"""The real server, started as the README starts it, makes no request to any other host.

An audit hook, installed in the server process through ``sitecustomize``, records every
DNS look-up and every socket ``connect``/``sendto`` whose host is not this machine's
loopback (or a wildcard bind address). The test then does what makes a stock Streamlit
call out — starts, serves the page, runs a session, refuses a WebSocket from another
origin — and asserts the record is empty. A browser-side test cannot see these calls.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus, WebSocketException

from .browser.conftest import free_port
from .conftest import ROOT
from .support.stclient import session

pytestmark = pytest.mark.slow

AUDIT = """
import ipaddress, os, sys

_LOG = os.environ["HUIGUI_AUDIT_LOG"]
_QUIET = {None, "", "localhost", "0.0.0.0", "::", "<broadcast>"}
_EVENTS = {"socket.getaddrinfo", "socket.connect", "socket.sendto", "socket.gethostbyname",
           "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getnameinfo"}


def _host(event, args):
    if event == "socket.connect" or event == "socket.sendto":
        address = args[1]
        return address[0] if isinstance(address, tuple) else None  # AF_UNIX: a path
    if event == "socket.getnameinfo":
        return args[0][0]
    host = args[0]
    return host.decode() if isinstance(host, bytes) else host


def _local(host):
    if host in _QUIET:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return str(host).endswith(".localhost")


def _hook(event, args):
    if event in _EVENTS:
        host = _host(event, args)
        if not _local(host):
            with open(_LOG, "a") as log:
                log.write(f"{event} {host!r}\\n")


sys.addaudithook(_hook)
"""


def _audited_env(home: Path) -> tuple[dict[str, str], Path]:
    """Environment for a server under the audit hook, with its own database in ``home``;
    (environment, log of outbound look-ups)."""
    (home / "sitecustomize.py").write_text(AUDIT)
    log = home / "outbound.log"
    log.touch()
    env = {
        **os.environ,
        "PYTHONPATH": str(home),
        "HUIGUI_AUDIT_LOG": str(log),
        "HUIGUI_DATABASE_URL": f"sqlite:///{home / 'huigui.db'}",
    }
    env.pop("HUIGUI_BANK", None)
    return env, log


@pytest.fixture(scope="module")
def audited_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``python3 tasks.py run`` on a free port with the audit hook; (base URL, log file)."""
    home = tmp_path_factory.mktemp("offline")
    env, log = _audited_env(home)
    port = free_port()
    # Setup is outside what is audited (pip talks to the package index by design).
    subprocess.run(
        [sys.executable, "tasks.py", "setup"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=900,
    )
    out = (home / "server.log").open("wb")
    # The README's command, nothing added but a free port.
    proc = subprocess.Popen(
        [sys.executable, "tasks.py", "run", "--server.port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, proc, home / "server.log")
        yield base, log
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        out.close()


def _wait_healthy(base: str, proc: subprocess.Popen[bytes], server_log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the server exited:\n{server_log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:  # noqa: S310
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"no answer from {base}:\n{server_log.read_text(errors='replace')}")


def test_the_server_makes_no_outbound_request(audited_server: tuple[str, Path]) -> None:
    """Start, page, a full session run and a refused cross-origin WebSocket: nothing is
    looked up or contacted beyond loopback (a stock Streamlit asks checkip.amazonaws.com
    and "connects" to 8.8.8.8 on this path)."""
    base, log = audited_server
    with urllib.request.urlopen(base + "/", timeout=10) as r:  # noqa: S310
        assert r.status == 200
    with session(base) as s:
        finished = s.rerun()
    assert finished[-1].WhichOneof("type") == "script_finished"
    texts = " ".join(
        m.delta.new_element.markdown.body for m in s.messages if m.WhichOneof("type") == "delta"
    )
    assert "Huigui" in texts or "回" in texts
    with (
        pytest.raises((InvalidStatus, WebSocketException, OSError)),
        session(base, origin="http://198.51.100.7:8501") as hostile,
    ):
        hostile.rerun(timeout=5)
    time.sleep(0.5)
    assert log.read_text() == ""


def test_a_bare_streamlit_run_looks_nothing_up_at_start(tmp_path: Path) -> None:
    """``streamlit run app.py`` in the checkout, without ``huigui serve``: the checkout's
    ``.streamlit/config.toml`` names the server address, so the start-up banner does not ask
    checkip.amazonaws.com for the public one (a stock headless Streamlit does)."""
    env, log = _audited_env(tmp_path)
    port = free_port()
    server_log = tmp_path / "server.log"
    with server_log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, proc, server_log)
            with urllib.request.urlopen(base + "/", timeout=10) as r:  # noqa: S310
                assert r.status == 200
            time.sleep(0.5)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    assert f"  URL: http://localhost:{port}" in server_log.read_text(errors="replace")
    assert log.read_text() == ""


def test_the_audit_hook_does_catch_an_outbound_call(tmp_path: Path) -> None:
    """The hook is not blind: a look-up of a public name in a hooked process is recorded."""
    (tmp_path / "sitecustomize.py").write_text(AUDIT)
    log = tmp_path / "outbound.log"
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "HUIGUI_AUDIT_LOG": str(log)}
    code = (
        "import socket\ntry:\n    socket.getaddrinfo('checkip.amazonaws.com', 80)\n"
        "except OSError:\n    pass\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=30)
    assert "checkip.amazonaws.com" in log.read_text()
