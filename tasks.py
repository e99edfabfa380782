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
import shutil
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
    system_packages()
    STAMP.write_text(_fingerprint())


#: Debian packages PDF reports need (Pango for WeasyPrint, a CJK font for Chinese).
PDF_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-noto-cjk")


def _missing_pdf_packages() -> list[str]:
    """The PDF packages dpkg does not list as installed (empty off Debian/Ubuntu)."""
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for package in PDF_PACKAGES:
        probe = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                               capture_output=True, text=True, check=False)
        if "install ok installed" not in probe.stdout:
            missing.append(package)
    return missing


def system_packages() -> None:
    """Install what PDF export needs from Debian/Ubuntu when we may; else say what to run."""
    missing = _missing_pdf_packages()
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        _run(["apt-get", "update", "-q"], env=env)
        _run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], env=env)
    else:
        print("note: PDF reports need system packages; install them with\n"
              f"  sudo apt install {' '.join(missing)}\n"
              "(everything else works without them; HTML reports need nothing)", flush=True)


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
