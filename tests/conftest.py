"""Shared fixtures: paths to test data and small banks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from scoring import Bank, load_bank

from .support.pgtemp import postgres_bindir, temporary_cluster

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def mini_bank() -> Bank:
    """Two dimensions (A weight 2, B weight 1), mixed level counts, weights and a reverse item."""
    return load_bank(DATA / "banks" / "mini.yaml")


@pytest.fixture(scope="session")
def first_edition() -> Bank:
    """The bundled bank as the first release shipped it (1.0, 28 items): tests whose figures
    were computed by hand on it keep it, whatever the current edition is."""
    return load_bank(DATA / "banks" / "industrial-internet-1.0.yaml")


@pytest.fixture(scope="session")
def bundled_bank() -> Bank:
    """The bank shipped in questions/."""
    return load_bank(ROOT / "questions" / "industrial-internet.yaml")


@pytest.fixture(scope="session")
def pulse_bank() -> Bank:
    """The pulse of the bundled bank, shipped beside it."""
    return load_bank(ROOT / "questions" / "industrial-internet-pulse.yaml")


IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a real dependency is missing — but fail in CI, where it must be there."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI must install it: see .ci/run)")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a free loopback port, stopped at the end."""
    need(postgres_bindir() is not None, "PostgreSQL (initdb) not installed")
    with temporary_cluster() as url:
        yield url


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
