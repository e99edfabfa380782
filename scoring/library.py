"""The bundled banks: the current editions in ``questions/`` and the earlier ones kept in
``questions/archive/`` so that anything answered on them can still be scored."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .bank import Bank
from .loader import load_bank
from .paths import bundled_banks_dir

__all__ = ["archived_bank_paths", "bundled_bank_paths", "bundled_banks"]


def bundled_bank_paths() -> list[Path]:
    """The current bundled banks, by file name."""
    return sorted(bundled_banks_dir().glob("*.yaml"))


def archived_bank_paths() -> list[Path]:
    """Earlier editions of the bundled banks, by file name."""
    return sorted((bundled_banks_dir() / "archive").glob("*.yaml"))


@cache
def bundled_banks() -> tuple[Bank, ...]:
    """Every bundled bank, current editions first, each loaded once per process."""
    return tuple(load_bank(p) for p in [*bundled_bank_paths(), *archived_bank_paths()])
