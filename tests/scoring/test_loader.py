"""Banks: the corpus of broken banks, each with its expected messages and positions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from scoring import Bank, BankSchemaError, BankSyntaxError, load_bank
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
    assert (mini_bank.dimension_index("A1"), mini_bank.dimension_index("B3")) == (0, 1)


QUIRKS = """\
id: 7
version: 1.10
languages: [en]
title: {en: yes}
stages: [{id: S1, min: 0, name: {en: on}}]
dimensions:
  - id: D
    name: {en: 2024-01-01}
    items:
      - id: 1.5
        prompt: {en: 3.0}
        levels: [{en: no}, {en: yes}, {en: 1}, {en: .inf}, {en: "quoted"}]
        next_step: [{en: off}, {en: null word}, {en: ~x}, {en: 0x1F}]
"""


def test_yaml_11_scalars_in_text_fields_are_read_as_typed(tmp_path: Path) -> None:
    """`no`, `yes`, `on`, numbers and dates where the format expects text keep the author's
    characters (YAML 1.2 style), instead of failing as booleans, numbers or dates."""
    path = tmp_path / "quirks.yaml"
    path.write_text(QUIRKS)
    bank = load_bank(path)
    item = bank.items[0]
    assert (bank.id, bank.version, item.id) == ("7", "1.10", "1.5")
    assert bank.title["en"] == "yes"
    assert bank.stages[0].name["en"] == "on"
    assert bank.dimensions[0].name["en"] == "2024-01-01"
    assert item.prompt["en"] == "3.0"
    assert [level["en"] for level in item.levels] == ["no", "yes", "1", ".inf", "quoted"]
    assert [step["en"] for step in item.next_step or []] == ["off", "null word", "~x", "0x1F"]


def test_numbers_stay_numbers_where_numbers_are_expected(tmp_path: Path) -> None:
    """Only text fields are read as typed: `min`, `weight` and `reverse` keep their types."""
    path = tmp_path / "typed.yaml"
    path.write_text(
        QUIRKS.replace("{id: S1, min: 0,", "{id: S1, min: 0.0,").replace(
            "      - id: 1.5\n", "      - id: 1.5\n        weight: 2\n        reverse: yes\n"
        )
    )
    bank = load_bank(path)
    assert bank.stages[0].min == 0.0
    assert (bank.items[0].weight, bank.items[0].reverse) == (2.0, True)


def test_c_loader_marks_equal_the_python_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The C loader (fast) reports every key and value at the same line and column as the
    pure-Python one, so error positions do not depend on how PyYAML was built."""
    from scoring import yamlsource
    from scoring.loader import is_text

    bank_path = DATA.parent.parent / "questions" / "industrial-internet.yaml"
    fast = yamlsource.read_yaml(bank_path, is_text)
    monkeypatch.setattr(yamlsource, "SafeLoader", yaml.SafeLoader)
    slow = yamlsource.read_yaml(bank_path, is_text)
    assert yamlsource.SafeLoader is yaml.SafeLoader
    assert (fast.keys, fast.values, fast.data) == (slow.keys, slow.values, slow.data)


def test_dimension_too_large_for_the_engine_is_refused(tmp_path: Path) -> None:
    """A dimension of 4,096 items (the engine packs counts into 12 bits) is a bank error at
    the dimension's `items` key, not a crash when scoring."""
    items = "".join(
        f"      - {{id: I{k}, prompt: {{en: Q}}, levels: [{{en: a}}, {{en: b}}]}}\n"
        for k in range(4096)
    )
    path = tmp_path / "huge.yaml"
    path.write_text(
        "id: huge\nversion: '1'\nlanguages: [en]\ntitle: {en: H}\n"
        "stages: [{id: S1, min: 0, name: {en: One}}]\n"
        "dimensions:\n  - id: D\n    name: {en: D}\n    items:\n" + items
    )
    with pytest.raises(BankSchemaError) as info:
        load_bank(path)
    assert str(info.value) == (
        f"{path}:9:5: dimensions[0].items: 4,096 items; a dimension may hold at most 4,095"
    )


def test_not_applicable_is_offered_where_the_bank_says_when(bundled_bank: Bank) -> None:
    """Where items state ``na_when``, only those offer "not applicable"; a bank whose items
    never state it (the test bank) offers it on every item."""
    assert bundled_bank.states_na_when
    assert bundled_bank.offers_not_applicable("D1.3")  # has na_when
    assert not bundled_bank.offers_not_applicable("D2.11")  # a trap item every firm answers
    mini = load_bank(DATA / "banks" / "mini.yaml")
    assert not mini.states_na_when
    assert all(mini.offers_not_applicable(i.id) for i in mini.items)
