"""Banks: the corpus of broken banks, each with its expected messages and positions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from scoring import BankSchemaError, BankSyntaxError, load_bank
from scoring.errors import BankError
from scoring.yamlsource import MAX_BYTES

from ..conftest import DATA

BROKEN = sorted((DATA / "banks" / "broken").glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    """The `# expect:` lines at the top of a broken bank."""
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return [line.split("# expect:", 1)[1].strip() for line in lines if "# expect:" in line]


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_bank_reports_each_problem_at_its_place(path: Path) -> None:
    """Every expected `line:column: message` is reported, and nothing is loaded."""
    with pytest.raises(BankError) as info:
        load_bank(path)
    text = str(info.value)
    for expected in expectations(path):
        assert expected in text, f"{expected!r} not in:\n{text}"
    assert all(line.startswith(str(path)) for line in text.splitlines())


def test_all_problems_reported_together() -> None:
    """Structure and cross-entry rules are reported in one pass."""
    with pytest.raises(BankSchemaError) as info:
        load_bank(DATA / "banks" / "broken" / "duplicate_ids.yaml")
    assert len(info.value.problems) == 3


def test_alias_bomb_refused_quickly() -> None:
    """A billion-laughs document is refused within a second."""
    start = time.perf_counter()
    with pytest.raises(BankSyntaxError, match="alias"):
        load_bank(DATA / "banks" / "broken" / "bomb.yaml")
    assert time.perf_counter() - start < 1.0


def test_oversized_file_refused_before_parsing(tmp_path: Path) -> None:
    """Files over 5 MB are refused by size alone."""
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(BankSyntaxError, match="limited to"):
        load_bank(big)


def test_unsafe_tag_never_runs(tmp_path: Path) -> None:
    """A python/object tag is refused, and its payload does not run."""
    marker = tmp_path / "ran"
    bank = tmp_path / "evil.yaml"
    bank.write_text(f'id: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(BankSyntaxError, match="refused YAML tag"):
        load_bank(bank)
    assert not marker.exists()


def test_missing_file_is_a_bank_error(tmp_path: Path) -> None:
    """A path that does not exist gets a message, not an OSError."""
    with pytest.raises(BankSyntaxError, match="cannot read"):
        load_bank(tmp_path / "nope.yaml")


def test_empty_file(tmp_path: Path) -> None:
    """An empty file is named as such."""
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(BankSyntaxError, match="empty"):
        load_bank(empty)


def test_mini_bank_layout(mini_bank) -> None:  # type: ignore[no-untyped-def]
    """Layout arrays follow bank order."""
    layout = mini_bank.layout
    assert layout.item_ids == ["A1", "A2", "A3", "B1", "B2", "B3", "B4"]
    assert layout.n_levels.tolist() == [5, 3, 5, 6, 5, 5, 5]
    assert layout.dim_weights.tolist() == [2.0, 1.0]
    assert mini_bank.dimension_of("B3").id == "B"
