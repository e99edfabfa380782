"""Every setting Huigui reads from the environment, checked once, each with a clear message.

=========================  =============================================================
``HUIGUI_DATABASE_URL``    SQLAlchemy URL (default: SQLite, see :func:`default_database`)
``HUIGUI_BANK``            a bank YAML served instead of the bundled one
``HUIGUI_RESUME_DAYS``     days a resume link stays valid after its last use (default 365)
``HUIGUI_PUBLIC_URL``      the address participants' phones use, when the server sits
                           behind a proxy (default: this machine's LAN address)
``HUIGUI_RETENTION_DAYS``  delete assessments and workshops unchanged for this many days
=========================  =============================================================

The default SQLite file is ``data/huigui.db`` in a source checkout, and otherwise
``huigui.db`` in the user's data directory (``~/.local/share/huigui`` on Linux,
``~/Library/Application Support/huigui`` on macOS, ``%LOCALAPPDATA%\\huigui`` on Windows).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from scoring import HuiguiError, bundled_bank_path

__all__ = ["Settings", "SettingsError", "checkout_root", "default_database", "load_settings"]

DEFAULT_RESUME_DAYS = 365
MAX_DAYS = 36_500
#: SQLAlchemy dialect → the module its default driver needs, and how to install it.
DRIVERS = {
    "postgresql": ("psycopg", "pip install 'huigui[postgres]'"),
    "postgresql+psycopg": ("psycopg", "pip install 'huigui[postgres]'"),
    "postgresql+psycopg2": ("psycopg2", "pip install psycopg2-binary"),
}


class SettingsError(HuiguiError):
    """An environment setting cannot be used; the message names it and says what to do."""


@dataclass(frozen=True)
class Settings:
    """The checked settings of one process."""

    database_url: str
    bank_path: Path
    resume_days: int
    public_url: str | None = None
    retention_days: int | None = None


def checkout_root() -> Path | None:
    """The source checkout Huigui runs from, or None when installed from a wheel."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "app.py").is_file() else None


def default_database() -> Path:
    """Where the SQLite file lives when no URL is set (see the module docstring)."""
    root = checkout_root()
    if root is not None:
        return root / "data" / "huigui.db"
    return Path(platformdirs.user_data_dir("huigui", appauthor=False)) / "huigui.db"


def _days(name: str, raw: str | None, default: int) -> int:
    if raw is None or not raw.strip():
        return default
    text = raw.strip()
    if not text.isdecimal() or not 1 <= int(text) <= MAX_DAYS:
        raise SettingsError(
            f"{name} must be a whole number of days from 1 to {MAX_DAYS:,} (got {raw!r})"
        )
    return int(text)


def _database_url(raw: str | None) -> str:
    if raw is None or not raw.strip():
        return f"sqlite:///{default_database()}"
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise SettingsError(
            "HUIGUI_DATABASE_URL is not a database URL (expected e.g. "
            "postgresql+psycopg://user:password@host/huigui)"
        ) from None
    driver = DRIVERS.get(url.drivername)
    if driver is not None and importlib.util.find_spec(driver[0]) is None:
        raise SettingsError(
            f"HUIGUI_DATABASE_URL names {url.drivername}, but its driver "
            f"({driver[0]}) is not installed: {driver[1]}"
        )
    return raw.strip()


def _bank_path(raw: str | None) -> Path:
    if raw is None or not raw.strip():
        return bundled_bank_path()
    path = Path(raw.strip()).expanduser()
    if not path.is_file():
        raise SettingsError(
            f"HUIGUI_BANK: no bank file at {path} (unset it to use the bundled bank)"
        )
    return path


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read and check the settings.

    Raises:
        SettingsError: the first setting that cannot be used, with what to do.
    """
    env = os.environ if environ is None else environ
    return Settings(
        database_url=_database_url(env.get("HUIGUI_DATABASE_URL")),
        bank_path=_bank_path(env.get("HUIGUI_BANK")),
        resume_days=_days("HUIGUI_RESUME_DAYS", env.get("HUIGUI_RESUME_DAYS"), DEFAULT_RESUME_DAYS),
        public_url=_public_url(env.get("HUIGUI_PUBLIC_URL")),
        retention_days=_days("HUIGUI_RETENTION_DAYS", env.get("HUIGUI_RETENTION_DAYS"), 0) or None,
    )


def _public_url(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    url = urlsplit(raw.strip())
    if url.scheme not in ("http", "https") or not url.hostname or url.query or url.fragment:
        raise SettingsError(
            "HUIGUI_PUBLIC_URL must be the address phones open, such as "
            f"https://huigui.example.com (got {raw!r})"
        )
    return raw.strip().rstrip("/")
