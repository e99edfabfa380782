"""Where the bundled question bank lives."""

from __future__ import annotations

from pathlib import Path

__all__ = ["BUNDLED_BANK_ID", "bundled_bank_path", "questions_dir"]

BUNDLED_BANK_ID = "industrial-internet"


def questions_dir() -> Path:
    """The ``questions/`` folder beside the package (the project checkout)."""
    return Path(__file__).resolve().parent.parent / "questions"


def bundled_bank_path() -> Path:
    """The bank scored when none is named: ``questions/industrial-internet.yaml``."""
    return questions_dir() / f"{BUNDLED_BANK_ID}.yaml"
