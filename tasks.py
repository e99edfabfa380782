#!/usr/bin/env python3
"""Huigui's task runner; needs nothing but Python 3.11+.

    python3 tasks.py run     set up .venv and start the app (SQLite in ./data)
    python3 tasks.py test    set up .venv and run every check: ruff, mypy, pytest
    python3 tasks.py setup   only set up .venv

Setup is skipped when .venv is already installed from the current pyproject.toml.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def setup() -> None:
    """Create .venv and install the project with its dev tools (once per pyproject change)."""
    if sys.version_info < (3, 11):
        sys.exit("Huigui needs Python 3.11 or newer.")
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    if not (BIN / "python").exists():
        print("creating .venv …", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except Exception as exc:  # explain the usual Debian cause
            sys.exit(f"cannot create .venv ({exc}); on Debian/Ubuntu: apt install python3-venv")
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    _run([*pip, "install", "--upgrade", "pip"])
    _run([*pip, "install", "-e", ".[dev]"])
    STAMP.write_text(_fingerprint())


def _run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    print("+", " ".join(cmd), flush=True)
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    if code != 0:
        sys.exit(code)


def run() -> None:
    """Start the app on the embedded default database."""
    setup()
    _run([str(BIN / "streamlit"), "run", "app.py", *sys.argv[2:]])


def test() -> None:
    """Lint, type-check and run the whole test suite."""
    setup()
    _run([str(BIN / "ruff"), "check", "."])
    _run([str(BIN / "mypy")])
    _run([str(BIN / "pytest"), *sys.argv[2:]])


TASKS = {"setup": setup, "run": run, "test": test}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(__doc__)
    TASKS[sys.argv[1]]()
