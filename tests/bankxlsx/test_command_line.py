"""`huigui bank export` / `huigui bank import` on the command line: round trips through
files and pipes, and refusing to overwrite the input."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from huigui.bankxlsx import read_bank_workbook
from scoring import Bank, load_bank

from ..conftest import ROOT
from ..support.bank_data import full_bank_data, write_bank
from ..test_cli import HUIGUI, run
from .conftest import MINI, dump


def test_full_bank_round_trips_through_the_command_line(tmp_path: Path) -> None:
    """Every field, null and empty list and every awkward text survives export → import;
    what the bank leaves out stays out."""
    source = write_bank(tmp_path, full_bank_data())
    original = load_bank(source)
    assert run("bank", "export", str(source), "-o", str(tmp_path / "b.xlsx")).returncode == 0
    done = run("bank", "import", str(tmp_path / "b.xlsx"), "-o", str(tmp_path / "b.yaml"))
    assert done.returncode == 0, done.stderr
    assert "bank 2024-01-01 1.10: 2 stages, 2 dimensions, 4 items" in done.stderr
    again = load_bank(tmp_path / "b.yaml")
    assert dump(again) == dump(original)
    assert "weight" not in dump(again)["dimensions"][1]
    assert dump(again)["description"] is None


def test_yaml_to_standard_output(mini_book: Path) -> None:
    """`-o -` prints the bank YAML, which loads as the mini bank."""
    done = run("bank", "import", str(mini_book), "-o", "-")
    assert done.returncode == 0 and done.stderr == ""
    assert Bank.from_data(yaml.safe_load(done.stdout)) == load_bank(MINI)


@pytest.mark.parametrize("command", ["export", "import"])
def test_refuses_to_overwrite_its_input(mini_book: Path, tmp_path: Path, command: str) -> None:
    """-o naming the input is a usage error (exit 2); the file is untouched."""
    source = mini_book if command == "import" else MINI
    before = source.read_bytes()
    done = run("bank", command, str(source), "-o", str(source))
    assert done.returncode == 2
    assert done.stderr == f"error: {source} is the input file; write to another file\n"
    assert source.read_bytes() == before


def test_bundled_bank_command_line_round_trip_is_exact(tmp_path: Path) -> None:
    """export then import of the bundled bank gives a file that loads as the same bank."""
    bundled = ROOT / "questions" / "industrial-internet.yaml"
    assert run("bank", "export", str(bundled), "-o", str(tmp_path / "b.xlsx")).returncode == 0
    assert (
        run("bank", "import", str(tmp_path / "b.xlsx"), "-o", str(tmp_path / "b.yaml")).returncode
        == 0
    )
    assert dump(load_bank(tmp_path / "b.yaml")) == dump(load_bank(bundled))


def test_workbook_to_standard_output(tmp_path: Path) -> None:
    """`bank export -o -` writes the workbook to a pipe; it imports as the bank."""
    done = subprocess.run(
        [HUIGUI, "bank", "export", str(MINI), "-o", "-"], capture_output=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith(b"PK")
    (tmp_path / "piped.xlsx").write_bytes(done.stdout)
    assert read_bank_workbook(tmp_path / "piped.xlsx") == load_bank(MINI)
