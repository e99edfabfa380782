"""Workbook round trips in process: bank → workbook → bank, and on to YAML and back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from huigui.bankxlsx import bank_workbook, bank_yaml, read_bank_workbook
from scoring import Bank, load_bank

from ..support.bank_data import banks, full_bank_data, write_bank
from .conftest import dump


def round_trip(bank: Bank, folder: Path) -> tuple[Bank, Bank]:
    """The bank read back from its workbook, and from the YAML written of that."""
    book = folder / "bank.xlsx"
    book.write_bytes(bank_workbook(bank))
    from_book = read_bank_workbook(book)
    again = folder / "again.yaml"
    again.write_text(bank_yaml(from_book, str(book)), encoding="utf-8")
    return from_book, load_bank(again)


def test_bundled_bank_round_trips(bundled_bank: Bank, tmp_path: Path) -> None:
    """The bundled bank comes back identical from the workbook and from the YAML."""
    from_book, from_yaml = round_trip(bundled_bank, tmp_path)
    assert dump(from_book) == dump(bundled_bank)
    assert dump(from_yaml) == dump(bundled_bank)


def test_written_yaml_reads_like_the_bundled_bank(tmp_path: Path) -> None:
    """Block style, keys in the bundled order, ids and versions that look like numbers
    quoted, multi-line texts as literal blocks."""
    written = bank_yaml(load_bank(write_bank(tmp_path, full_bank_data())), "b.xlsx")
    assert written.startswith("# Question bank 2024-01-01 1.10, imported from b.xlsx")
    assert '\nid: "2024-01-01"\nversion: "1.10"\nlanguages:\n- zh-Hans\n' in written
    assert '\n  - id: "1.10"\n    weight: 1\n    reverse: false\n    trap: true\n' in written
    assert "|-\n      line one\n      line two\n" in written  # a literal block
    assert '\n    zh-Hant: "1e5"\n' in written  # a number to YAML 1.2 readers
    assert "{" not in written.split("\n", 1)[1].replace("{a: 1}", "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=banks())
def test_any_bank_round_trips(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Property: workbook → bank and bank → YAML → bank give back the very bank."""
    bank = Bank.from_data(data)
    from_book, from_yaml = round_trip(bank, tmp_path_factory.mktemp("bank"))
    assert dump(from_book) == dump(bank)
    assert dump(from_yaml) == dump(bank)


def test_translator_edit_changes_only_that_text(bundled_bank: Bank, tmp_path: Path) -> None:
    """A zh-Hant cell changed in the workbook is the only change in the bank."""
    path = tmp_path / "bank.xlsx"
    path.write_bytes(bank_workbook(bundled_bank))
    book = load_workbook(path)
    texts = book["texts"]
    header = [c.value for c in texts[1]]
    row = next(
        r for r in texts.iter_rows(min_row=2) if [c.value for c in r[1:4]] == ["D2.3", "levels", 2]
    )
    row[header.index("zh-Hant")].value = "（已修訂）\n第二行"
    book.save(path)
    expected = dump(bundled_bank)
    (item,) = (i for i in expected["dimensions"][1]["items"] if i["id"] == "D2.3")
    item["levels"][2]["zh-Hant"] = "（已修訂）\n第二行"
    assert dump(read_bank_workbook(path)) == expected
