"""Settings from the environment: each bad one is one clear line on start, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from huigui.settings import SettingsError, default_database, load_settings
from huigui.store import connect
from scoring import StoreError, bundled_bank_path

from .conftest import ROOT


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HUIGUI_RESUME_DAYS": "abc"}, "HUIGUI_RESUME_DAYS must be a whole number of days"),
        ({"HUIGUI_RESUME_DAYS": "0"}, "from 1 to 36,500 (got '0')"),
        ({"HUIGUI_RESUME_DAYS": "-5"}, "(got '-5')"),
        ({"HUIGUI_RESUME_DAYS": "²"}, "(got '²')"),
        ({"HUIGUI_RESUME_DAYS": "36501"}, "(got '36501')"),
        ({"HUIGUI_BANK": "/nonexistent/bank.yaml"}, "HUIGUI_BANK: no bank file at"),
        ({"HUIGUI_DATABASE_URL": "not a url"}, "HUIGUI_DATABASE_URL is not a database URL"),
    ],
)
def test_bad_setting_is_named(env: dict[str, str], message: str) -> None:
    """Each bad value raises a SettingsError naming the variable and what it should be."""
    with pytest.raises(SettingsError) as info:
        load_settings(env)
    assert message in str(info.value)
    assert len(str(info.value).splitlines()) == 1


def test_missing_postgres_driver_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PostgreSQL URL without psycopg installed says how to install it."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real(name, *a)
    )
    with pytest.raises(SettingsError, match=r"pip install 'huigui\[postgres\]'"):
        load_settings({"HUIGUI_DATABASE_URL": "postgresql+psycopg://u@127.0.0.1/db"})


def test_a_driver_missing_at_connect_is_a_store_error() -> None:
    """A dialect whose driver module is absent is a StoreError, not an ImportError."""
    with pytest.raises(StoreError, match=r"driver \(pg8000\) is not installed"):
        connect("postgresql+pg8000://u@127.0.0.1:1/db")


def test_a_missing_module_of_ours_is_not_blamed_on_the_driver(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An ImportError while migrating a SQLite database is a bug to see, not "install the
    PostgreSQL driver"."""
    from huigui.store import db

    def broken(engine: object) -> None:
        raise ModuleNotFoundError("No module named 'scoring.nowhere'", name="scoring.nowhere")

    monkeypatch.setattr(db, "migrate", broken)
    with pytest.raises(ModuleNotFoundError, match=r"scoring\.nowhere"):
        db.connect(f"sqlite:///{tmp_path / 'x.db'}")


def test_defaults(tmp_path: Path) -> None:
    """No settings: the checkout's data/huigui.db, the bundled bank, 365 days."""
    settings = load_settings({})
    assert settings.database_url == f"sqlite:///{ROOT / 'data' / 'huigui.db'}"
    assert default_database() == ROOT / "data" / "huigui.db"
    assert settings.bank_path == bundled_bank_path()
    assert settings.resume_days == 365
    assert load_settings({"HUIGUI_RESUME_DAYS": " 30 "}).resume_days == 30


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HUIGUI_RESUME_DAYS": "soon"}, "error: HUIGUI_RESUME_DAYS must be a whole number"),
        ({"HUIGUI_BANK": "missing.yaml"}, "error: HUIGUI_BANK: no bank file at missing.yaml"),
        (
            {"HUIGUI_DATABASE_URL": "postgresql+pg8000://u@127.0.0.1:1/db"},
            "driver (pg8000) is not installed",
        ),
    ],
)
def test_serve_refuses_to_start_with_one_line(
    env: dict[str, str], message: str, tmp_path: Path
) -> None:
    """`python -m huigui.serve` (what `tasks.py run` starts) exits 1 with an `error:` line
    and no traceback before Streamlit starts."""
    full = {**os.environ, "HUIGUI_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", **env}
    done = subprocess.run(
        [sys.executable, "-m", "huigui.serve"],
        env=full,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.startswith("error: ")
