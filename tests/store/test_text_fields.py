"""Text people type: the same result on SQLite and PostgreSQL, and every export survives it."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import Engine, inspect

from huigui.exports import xlsx_workbook
from huigui.records import ConsensusEntry, Profile
from huigui.store import WorkshopStore
from huigui.store.fields import MAX_FIRM, MAX_NAME, MAX_ROLE, clean_text
from scoring import Bank, StoreError

pytestmark = pytest.mark.postgres

#: NUL (PostgreSQL refuses it), PowerPoint's vertical tab, ESC, DEL and a C1 control.
DIRTY = "Ac\x00me\x0bPlant\x1b 2\x7f\x85  "


@pytest.mark.parametrize(
    ("raw", "multiline", "expected"),
    [
        (DIRTY, False, "Acme Plant 2"),
        (DIRTY, True, "Acme\nPlant 2"),
        ("  line one\r\nline\ttwo ", True, "line one\nline two"),
        ("e\u0301", False, "\u00e9"),  # combining accent → one code point (NFC)
        (None, False, ""),
    ],
)
def test_clean_text(raw: str | None, multiline: bool, expected: str) -> None:
    """Control characters go (a vertical tab is a line break where lines are kept)."""
    assert clean_text(raw, 100, "x", multiline=multiline) == expected


def test_dirty_text_is_stored_clean_on_both_backends(engine: Engine, bundled_bank: Bank) -> None:
    """Firm, role, participant name and note with control characters store the same clean
    text on SQLite and PostgreSQL (which would refuse the NUL)."""
    store = WorkshopStore(engine)
    record, _ = store.create(bundled_bank, Profile(DIRTY, role=DIRTY), "en")
    assert (record.profile.firm_name, record.profile.role) == ("Acme Plant 2", "Acme Plant 2")
    workshop, _ = store.create_workshop(bundled_bank, DIRTY, ["en"], [DIRTY, "front_line"])
    assert workshop.firm_name == "Acme Plant 2"
    assert workshop.roles == ["Acme Plant 2", "front_line"]
    member, _ = store.join(bundled_bank, workshop.code, "Acme Plant 2", "en", name=DIRTY)
    store.record_consensus(workshop.id, "D1.1", "2", note=DIRTY)
    assert store.consensus(workshop.id)["D1.1"] == ConsensusEntry("2", "Acme\nPlant 2")
    assert store.participants(workshop.id)[0].name == "Acme Plant 2"
    assert member.profile.role == "Acme Plant 2"


def test_the_longest_text_the_pages_accept_is_stored(engine: Engine, bundled_bank: Bank) -> None:
    """A role, firm and name at their page limits store on both backends; one more
    character is refused with the field's name."""
    store = WorkshopStore(engine)
    role = "角" * MAX_ROLE
    workshop, _ = store.create_workshop(bundled_bank, "F" * MAX_FIRM, ["en"], [role])
    member, _ = store.join(bundled_bank, workshop.code, role, "en", name="n" * MAX_NAME)
    assert member.profile.role == role
    with pytest.raises(StoreError, match="a role is longer than 60 characters"):
        store.create_workshop(bundled_bank, "F", ["en"], [role + "x"])
    with pytest.raises(StoreError, match="the firm name is longer than 200"):
        store.create(bundled_bank, Profile("F" * (MAX_FIRM + 1)), "en")


def test_columns_hold_the_page_limits(engine: Engine) -> None:
    """Every limited text column is at least as wide as its limit (read from the schema)."""
    columns = {c["name"]: c["type"] for c in inspect(engine).get_columns("assessments")}
    assert getattr(columns["role"], "length", None) >= MAX_ROLE


def test_xlsx_export_survives_control_characters() -> None:
    """A text cell with NUL and a vertical tab is written without them; the workbook opens."""
    import pandas as pd

    data = xlsx_workbook(
        {"answers": pd.DataFrame({"firm": [DIRTY], "n": [1]})}, about={"firm": DIRTY}
    )
    book = load_workbook(io.BytesIO(data))
    assert book["answers"]["A2"].value.startswith("AcmePlant")
    assert not ILLEGAL_CHARACTERS_RE.search(book["about"]["B1"].value)
