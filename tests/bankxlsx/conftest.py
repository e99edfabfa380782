"""Shared by the workbook tests: the mini bank's path and workbook, and how banks compare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from huigui.bankxlsx import bank_workbook
from scoring import Bank, load_bank

from ..conftest import DATA

MINI = DATA / "banks" / "mini.yaml"


def dump(bank: Bank) -> dict[str, Any]:
    return bank.model_dump(exclude_unset=True)


@pytest.fixture(scope="module")
def mini_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini bank's workbook. Its items sheet has A1 in row 2, A2 in row 3 (columns:
    dimension A, id B, weight C, reverse D, trap E, trap_levels F, effort G, source H); its
    texts sheet (kind A, where B, field C, index D, en E, zh-Hans F) has the bank's title in
    row 2, the stage names in rows 3–5, dimension A's name in row 6, A1's prompt in row 7
    and A1's levels 0–4 in rows 8–12."""
    path = tmp_path_factory.mktemp("mini") / "mini.xlsx"
    path.write_bytes(bank_workbook(load_bank(MINI)))
    return path
