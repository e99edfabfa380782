"""The built wheel works outside the checkout: bundled bank, commands, per-user database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow
EXAMPLE = ROOT / "docs" / "examples" / "responses.csv"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A fresh venv outside the checkout with only the wheel installed (its dependencies
    are borrowed from this environment through a .pth file, so nothing is downloaded)."""
    home = tmp_path_factory.mktemp("wheel")
    dist, source = home / "dist", home / "source"
    # Built from a copy, so that the build leaves nothing in the checkout.
    skip = {".venv", ".git", "data", "test-artifacts", "build", "bench"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == ROOT
        return {
            n for n in names if (top and n in skip) or n == "__pycache__" or n.endswith(".egg-info")
        }

    shutil.copytree(ROOT, source, symlinks=True, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(source),
        ],
        check=True,
        timeout=600,
        capture_output=True,
    )
    wheel = next(dist.glob("huigui-*.whl"))
    env_dir = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    work = home / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUIGUI_")}
    env.update(XDG_DATA_HOME=str(home / "xdg"), PYTHONPATH="", HOME=str(home))
    yield env_dir / "bin", {**env, "PWD": str(work)}


def _run(bindir: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(bindir / args[0]), *args[1:]],
        cwd=env["PWD"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_installed_package_is_not_the_checkout(installed: tuple[Path, dict[str, str]]) -> None:
    """The venv imports huigui from its own site-packages, the bank and app.py included."""
    bindir, env = installed
    out = _run(
        bindir,
        env,
        "python",
        "-c",
        "import huigui, scoring; from scoring import bundled_bank_path; "
        "from huigui.serve import app_script; "
        "print(huigui.__file__); print(bundled_bank_path()); print(app_script())",
    ).stdout
    module, bank, app = out.split()
    assert str(ROOT) not in module
    assert Path(bank).is_file() and str(ROOT) not in bank
    assert Path(app).is_file() and str(ROOT) not in app


def test_default_database_is_per_user(installed: tuple[Path, dict[str, str]]) -> None:
    """Outside a checkout the SQLite file lives in the user's data directory."""
    bindir, env = installed
    out = _run(
        bindir,
        env,
        "python",
        "-c",
        "from huigui.settings import load_settings; print(load_settings().database_url)",
    )
    assert out.stdout.strip() == f"sqlite:///{env['XDG_DATA_HOME']}/huigui/huigui.db"


def test_commands_run_from_the_wheel(installed: tuple[Path, dict[str, str]]) -> None:
    """`huigui validate`, `huigui score` on the example file and `huigui report --format
    html` work in the fresh venv, from a folder that is not the checkout."""
    bindir, env = installed
    bank = _run(
        bindir,
        env,
        "python",
        "-c",
        "from scoring import bundled_bank_path; print(bundled_bank_path())",
    ).stdout
    assert "ok" in _run(bindir, env, "huigui", "validate", bank.strip()).stdout
    scored = _run(bindir, env, "huigui", "score", str(EXAMPLE)).stdout.splitlines()
    assert scored[0].startswith('"respondent"') and len(scored) == 11
    report = Path(env["PWD"]) / "r1.html"
    _run(
        bindir,
        env,
        "huigui",
        "report",
        str(EXAMPLE),
        "--respondent",
        "r1",
        "--format",
        "html",
        "-o",
        str(report),
    )
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_every_bank_edition_ships(installed: tuple[Path, dict[str, str]]) -> None:
    """The wheel carries the current banks and the archived editions that saved assessments
    may have been answered on, so an upgraded installation can still score them."""
    bindir, env = installed
    out = _run(
        bindir,
        env,
        "python",
        "-c",
        "from scoring.library import bundled_banks; "
        "print('\\n'.join(f'{b.id} {b.version} {b.digest}' for b in bundled_banks()))",
    ).stdout.split("\n")
    from scoring.library import bundled_banks

    assert sorted(line for line in out if line) == sorted(
        f"{b.id} {b.version} {b.digest}" for b in bundled_banks()
    )
