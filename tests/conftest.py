"""Shared fixtures: paths to test data and small banks."""

from __future__ import annotations

from pathlib import Path

import pytest

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
