"""Where the bundled question banks live: package data, so a wheel carries them.

``scoring/banks`` is a link to the checkout's ``questions/`` folder (where bank authors
look); building a wheel copies the files it points at.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["BUNDLED_BANK_ID", "bundled_bank_path", "bundled_banks_dir"]

BUNDLED_BANK_ID = "industrial-internet"


def bundled_banks_dir() -> Path:
    """The folder of bundled bank files."""
    return Path(str(resources.files("scoring").joinpath("banks")))


def bundled_bank_path() -> Path:
    """The bank scored when none is named: ``questions/industrial-internet.yaml``."""
    return bundled_banks_dir() / f"{BUNDLED_BANK_ID}.yaml"
