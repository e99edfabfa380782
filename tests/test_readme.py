"""Every `huigui` command the README shows runs as written, on the shipped example files."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow
BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def readme_commands() -> list[str]:
    """The command lines of the README's shell blocks that run `huigui` (comments cut)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [
        line.split("  #")[0].strip() for block in BLOCK.findall(text) for line in block.splitlines()
    ]
    return [line for line in lines if line.startswith(("huigui ", "python3 tasks.py huigui "))]


def test_the_readme_shows_the_commands() -> None:
    """The README names score, aggregate, report, validate and schema (the test is not empty)."""
    shown = " ".join(readme_commands())
    for word in ("score", "aggregate", "report", "validate", "schema"):
        assert f"huigui {word}" in shown


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs(command: str, tmp_path: Path) -> None:
    """The command exits 0 from a folder holding the checkout's docs/ and questions/, with
    `huigui` (and `python3 tasks.py`) reaching the .venv as the README says."""
    for name in ("docs", "questions", "tasks.py", "pyproject.toml"):
        (tmp_path / name).symlink_to(ROOT / name)
    bindir = ROOT / ".venv" / "bin"
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
