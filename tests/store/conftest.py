"""An engine on each database (SQLite and PostgreSQL) for the store tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from huigui.store import connect


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated engine, disposed after the test."""
    engine = connect(database_url)
    yield engine
    engine.dispose()
