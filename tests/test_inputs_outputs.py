"""Bad input, class 5: output targets — symlinks, devices, folders, permissions, atomicity."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from huigui.files import atomic_write

from .conftest import DATA
from .test_cli import HUIGUI, MINI, run

RESPONSES = str(DATA / "responses" / "workshop_mini.csv")


def score_to(target: Path | str, *more: str) -> subprocess.CompletedProcess[str]:
    return run("score", "--bank", MINI, RESPONSES, "-o", str(target), *more)


def test_a_symlink_stays_a_symlink_and_its_target_is_written(tmp_path: Path) -> None:
    """Like `> link`: the link is kept, the file it points to gets the result."""
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target.name)
    assert score_to(link).returncode == 0
    assert link.is_symlink() and os.readlink(link) == "real.csv"
    assert target.read_text().startswith('"respondent"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    """A link to a file not yet there: the file is made, the link kept."""
    link = tmp_path / "link.csv"
    link.symlink_to("made.csv")
    assert score_to(link, "--json").returncode == 0
    assert link.is_symlink() and (tmp_path / "made.csv").read_text().startswith("{")


def test_a_device_is_written_through() -> None:
    """-o /dev/null: written, still a device, and no temporary file left beside it."""
    result = score_to("/dev/null")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [name for name in os.listdir("/dev") if name.startswith(".null.")]


def test_dev_stdout_is_the_standard_output() -> None:
    """-o /dev/stdout writes to the pipe the caller reads."""
    result = score_to("/dev/stdout")
    assert result.returncode == 0
    assert result.stdout.count("\n") == 5  # header + r1..r4


@pytest.mark.parametrize(
    "command",
    [
        ["score", "--bank", MINI, RESPONSES],
        ["score", "--bank", MINI, RESPONSES, "--json"],
        ["aggregate", "--bank", MINI, RESPONSES],
        ["report", "--bank", MINI, RESPONSES, "--respondent", "r1", "--format", "html"],
    ],
)
def test_a_folder_is_a_clear_error(tmp_path: Path, command: list[str]) -> None:
    """-o FOLDER (where a file is expected): exit 1, the folder untouched."""
    (tmp_path / "keep.txt").write_text("x")
    result = run(*command, "-o", str(tmp_path))
    assert result.returncode == 1
    assert f"error: {tmp_path}: is a folder; give a file name" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    """-o into a folder that does not exist names the path given, not a temporary file."""
    result = score_to(tmp_path / "nope" / "out.csv")
    assert result.returncode == 1
    assert f"{tmp_path / 'nope' / 'out.csv'}: no such folder to write into" in result.stderr


def test_report_all_into_a_file_is_a_clear_error(tmp_path: Path) -> None:
    """--all writes into a folder; an existing file as -o is refused, unchanged."""
    target = tmp_path / "reports"
    target.write_text("a file")
    result = run(
        "report", "--bank", MINI, RESPONSES, "--all", "--format", "html", "-o", str(target)
    )
    assert (
        result.returncode == 1
        and "--all writes one report per respondent into a folder" in result.stderr
    )
    assert target.read_text() == "a file"


def umasked(umask: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HUIGUI, *args], capture_output=True, text=True, timeout=120, check=False, umask=umask
    )


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_new_files_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    """A new output file gets 0666 less the umask, as a shell redirect would."""
    out = tmp_path / "out.csv"
    assert umasked(umask, "score", "--bank", MINI, RESPONSES, "-o", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_an_existing_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    """Replacing a file keeps its permissions, whatever the umask (022 here)."""
    out = tmp_path / "out.csv"
    out.write_text("old")
    out.chmod(mode)
    assert umasked(0o022, "score", "--bank", MINI, RESPONSES, "-o", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.read_text().startswith('"respondent"')


def test_an_error_while_writing_leaves_the_old_file(tmp_path: Path) -> None:
    """Half a result is never seen: the old content stays, no temporary file remains."""
    out = tmp_path / "out.csv"
    out.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(out) as fh:
        fh.write(b"half")
        raise RuntimeError("disk on fire")
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_bad_input_changes_no_output(tmp_path: Path) -> None:
    """A responses error stops before -o is touched (its mode and content stay)."""
    bad = tmp_path / "bad.csv"
    bad.write_text("respondent,A1\nr1,9\n")
    out = tmp_path / "out.csv"
    out.write_text("old")
    result = run("score", "--bank", MINI, str(bad), "-o", str(out))
    assert result.returncode == 1 and "row 2, column A1: 9 is outside 0..4" in result.stderr
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out.csv"]
