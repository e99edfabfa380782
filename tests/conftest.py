"""Shared fixtures: paths to test data and small banks."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from scoring import Bank, load_bank

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def mini_bank() -> Bank:
    """Two dimensions (A weight 2, B weight 1), mixed level counts, weights and a reverse item."""
    return load_bank(DATA / "banks" / "mini.yaml")


@pytest.fixture(scope="session")
def bundled_bank() -> Bank:
    """The bank shipped in questions/."""
    return load_bank(ROOT / "questions" / "industrial-internet.yaml")


IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a real dependency is missing — but fail in CI, where it must be there."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI must install it: see .ci/run)")
        pytest.skip(reason)


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a free loopback port, stopped at the end."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    need(bool(found) or shutil.which("initdb") is not None, "PostgreSQL (initdb) not installed")
    bindir = Path(found[-1]).parent if found else Path(str(shutil.which("initdb"))).parent
    # Outside pytest's private temp folder: the server's own account must reach it.
    home = Path(tempfile.mkdtemp(prefix="huigui-pg-"))
    data = home / "data"
    port = free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use its own account
        home.chmod(0o777)
        as_user = ["runuser", "-u", "postgres", "--"]

    def run(*cmd: str) -> None:
        subprocess.run([*as_user, *cmd], check=True, capture_output=True, timeout=120)

    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
        "--no-sync", "-E", "UTF8")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(home / "log"),
        "-o", f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop")
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each store test runs on SQLite and on a real PostgreSQL (a fresh schema each time)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'huigui.db'}"
        return
    base = request.getfixturevalue("postgres_url")
    name = f"t_{os.urandom(6).hex()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
