#!/usr/bin/env python3
"""Huigui's task runner; needs nothing but Python 3.11+.

    python3 tasks.py run [ARGS]      set up .venv (runtime only) and start the app
    python3 tasks.py test [ARGS]     set up .venv with the dev tools and run every check:
                                     ruff, ruff format, mypy and pytest (ARGS go to pytest)
    python3 tasks.py huigui ARGS     run the huigui command line, e.g.
                                     python3 tasks.py huigui score docs/examples/responses.csv
    python3 tasks.py setup [--dev]   only set up .venv

Setup runs once per change of pyproject.toml. As root on Debian/Ubuntu it also installs the
system libraries PDF reports need; otherwise it prints the apt command.
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
PYTHON = BIN / "python"

#: Debian packages PDF reports need: Pango (WeasyPrint's text layout), HarfBuzz's subsetter
#: (WeasyPrint embeds font subsets with it, and warns at import without it), a CJK font.
PDF_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-noto-cjk")


def _say(text: str) -> None:
    print(f"tasks.py: {text}", flush=True)


def _fingerprint(extras: str) -> str:
    data = (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    return hashlib.sha256(data).hexdigest()


def _stamp(extras: str) -> Path:
    return VENV / f".installed-{extras or 'runtime'}"


def _installed(extras: str) -> bool:
    stamp = _stamp(extras)
    return stamp.exists() and stamp.read_text() == _fingerprint(extras)


def _create_venv() -> None:
    if (PYTHON).exists():
        return
    _say("creating .venv (first run only) …")
    try:
        venv.create(VENV, with_pip=True)
    except Exception as exc:  # explain the usual Debian cause
        sys.exit(f"cannot create .venv ({exc}); on Debian/Ubuntu: apt install python3-venv")


def setup(dev: bool = False) -> None:
    """Create .venv and install the runtime (and with ``dev`` the dev tools) once per
    pyproject change; pip shows its progress."""
    if sys.version_info < (3, 11):
        sys.exit("Huigui needs Python 3.11 or newer.")
    extras = "dev" if dev else ""
    if _installed(extras):
        return
    _create_venv()
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check"]
    what = "the app and the dev tools (ruff, mypy, pytest, Playwright …)" if dev else "the app"
    _say(
        f"installing {what} into .venv; the first time this downloads a few hundred MB "
        "and takes a few minutes …"
    )
    _run([*pip, "install", "--upgrade", "--progress-bar", "on", "pip"])
    _run([*pip, "install", "--progress-bar", "on", "-e", f".[{extras}]" if extras else "."])
    system_packages()
    _stamp(extras).write_text(_fingerprint(extras))
    if dev:
        _stamp("").write_text(_fingerprint(""))  # the dev set includes the runtime
    _say("setup done")


def _missing_pdf_packages() -> list[str]:
    """The PDF packages dpkg does not list as installed (empty off Debian/Ubuntu)."""
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for package in PDF_PACKAGES:
        probe = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
            check=False,
        )
        if "install ok installed" not in probe.stdout:
            missing.append(package)
    return missing


def system_packages() -> None:
    """Install what PDF export needs from Debian/Ubuntu when we may; else say what to run."""
    missing = _missing_pdf_packages()
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        _say(f"installing the system packages PDF reports need: {' '.join(missing)} …")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        _run(["apt-get", "update", "-q"], env=env)
        _run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], env=env)
    else:
        _say(
            "note: PDF reports need system packages; install them with\n"
            f"  sudo apt install {' '.join(missing)}\n"
            "(everything else works without them; HTML reports need nothing)"
        )


def _run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    print("+", " ".join(cmd), flush=True)
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    if code != 0:
        sys.exit(code)


def run() -> None:
    """Start the app (SQLite in ./data unless HUIGUI_DATABASE_URL says otherwise)."""
    setup()
    os.execv(str(PYTHON), [str(PYTHON), "-m", "huigui.serve", *sys.argv[2:]])  # noqa: S606


def huigui() -> None:
    """The ``huigui`` command line from .venv."""
    setup()
    os.execv(str(BIN / "huigui"), [str(BIN / "huigui"), *sys.argv[2:]])  # noqa: S606


def test() -> None:
    """Lint, check the formatting, type-check and run the whole test suite."""
    setup(dev=True)
    _run([str(BIN / "ruff"), "check", "."])
    _run([str(BIN / "ruff"), "format", "--check", "."])
    _run([str(BIN / "mypy")])
    _run([str(BIN / "pytest"), *sys.argv[2:]])


TASKS = {
    "setup": lambda: setup(dev="--dev" in sys.argv[2:]),
    "run": run,
    "test": test,
    "huigui": huigui,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(__doc__)
    TASKS[sys.argv[1]]()
