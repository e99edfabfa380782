"""A second round in a real browser: three participants of two roles, the facilitator opens
round 2 on the dashboard, one participant changes an answer on a phone with a reason, the
dashboard shows the shift, and round 1's export is the same before and after."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from huigui.store import Store, connect

from ..support.browser_workshop import h1, panel
from .conftest import BANK, PHONE, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser

ROLES = ["executive", "executive", "front_line"]
REASON = "We checked the delivery report together"


@pytest.fixture
def rounds_store(server_db_url: str) -> Store:
    return Store(connect(server_db_url))


def sheets(raw: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(io.BytesIO(raw), read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def export_xlsx(dashboard: Page, tmp_path: Path, name: str) -> bytes:
    manage = panel(dashboard, "Manage & export")
    button = manage.locator(".st-key-dl_ws_xlsx").get_by_role("button", name="XLSX")
    expect(button).to_be_enabled()
    wait_idle(dashboard)
    with dashboard.expect_download(timeout=60_000) as download:
        button.click()
    path = tmp_path / f"{name}.xlsx"
    download.value.save_as(path)
    return path.read_bytes()


def round_one(s: Store) -> tuple[str, str, list[str]]:
    """Round 1, answered and submitted before the room meets; the workshop, its facilitator
    secret and the participants' resume tokens."""
    workshop, secret = s.create_workshop(BANK, "Second Round Works", ["en"], ROLES)
    tokens = []
    for k, role in enumerate(ROLES):
        record, token = s.join(BANK, workshop.code, role, "en")
        for j, item in enumerate(BANK.items):
            s.save_answer(record.id, item.id, str((j + k) % 5))
        s.submit(record.id)
        tokens.append(token)
    return workshop.id, secret, tokens


def open_round_two(dashboard: Page) -> str:
    """Rounds tab → "Chosen by hand" → the most disputed item (the list's first) → "Open
    round 2" → confirm; the item chosen."""
    rounds = panel(dashboard, "Rounds")
    rounds.get_by_text("Chosen by hand", exact=True).click()
    chooser = rounds.get_by_test_id("stMultiSelect")
    expect(chooser).to_be_visible()
    chooser.locator("input").click()
    first = dashboard.get_by_role("option").filter(has_text=re.compile(r"^Q\d+ ")).first
    number = int(re.match(r"^Q(\d+) ", first.inner_text()).group(1))  # type: ignore[union-attr]
    first.click()
    dashboard.keyboard.press("Escape")
    rounds.get_by_role("button", name="Open round 2").click()
    dashboard.get_by_role("button", name="Yes, open round 2", exact=True).click()
    expect(rounds.get_by_text("Submitted round 2", exact=True)).to_be_visible()
    return BANK.items[number - 1].id


def change_on_phone(phone: Page, item_id: str, new: str, shoot: Shoot) -> None:
    """The participant sees the group's round 1 and their own answer, gives a reason,
    changes the answer to ``new`` and submits round 2."""
    expect(phone.get_by_role("heading", name="Round 2")).to_be_visible()
    box = phone.locator(f".st-key-r2item-{item_id.replace('.', '-')}")
    expect(box.get_by_text(re.compile(r"^Your round-1 answer: \d · "))).to_be_visible()
    expect(box.get_by_test_id("stPlotlyChart")).to_be_visible()  # the group's round 1
    wait_idle(phone)
    shoot(phone, "round2-01-phone")
    why = box.get_by_label("Why (optional, one line)")
    why.fill(REASON)
    why.press("Enter")
    wait_idle(phone)
    box.get_by_test_id("stRadioOption").filter(has_text=re.compile(rf"^{new} · ")).click()
    expect(box.get_by_text("Saved.", exact=True)).to_be_visible()
    phone.locator(".st-key-r2_submit").get_by_role("button").click()
    expect(phone).to_have_url(re.compile(r"/results\?"))
    expect(phone.get_by_test_id("stAlertContentSuccess").first).to_contain_text(
        "round-2 answers are in"
    )
    shoot(phone, "round2-02-phone-thanks")


def test_second_round_keeps_the_first(
    browsing: Browsing, rounds_store: Store, screenshot: Shoot, tmp_path: Path
) -> None:
    s = rounds_store
    workshop_id, secret, tokens = round_one(s)
    dashboard = browsing.new_page()
    dashboard.goto(f"/facilitate?w={workshop_id}&s={secret}&lang=en")
    expect(h1(dashboard)).to_have_text("Workshop Second Round Works")
    first_export = export_xlsx(dashboard, tmp_path, "round1-before")
    assert "answers_round_1" not in sheets(first_export)

    disputed = open_round_two(dashboard)
    assert s.workshop(workshop_id).round == 2
    assert s.workshop(workshop_id).round_items == [disputed]
    phone = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(f"/questionnaire?a={tokens[0]}&lang=en")
    before = s.open(tokens[0]).answers[disputed]
    new = str((int(before) + 2) % 5)
    change_on_phone(phone, disputed, new, screenshot)
    for token in tokens[1:]:  # the others keep their answers
        s.submit_round(s.open(token).id)
    mine = s.open(tokens[0])
    assert mine.answers[disputed] == before == str(BANK.layout.item_index[disputed] % 5)
    assert mine.later == {disputed: new} and mine.reasons == {disputed: REASON}

    rounds = panel(dashboard, "Rounds")
    expect(rounds.get_by_test_id("stDataFrame")).to_be_visible(timeout=20_000)
    expect(rounds.get_by_test_id("stMetricValue")).to_have_text("3 / 3")
    wait_idle(dashboard)
    screenshot(dashboard, "round2-03-dashboard-shift")
    second = sheets(export_xlsx(dashboard, tmp_path, "round2"))
    changes = second["changes"]
    assert changes[0][:6] == ("respondent", "item", "round_1", "round_2", "changed", "reason")
    (changed,) = [r for r in changes[1:] if r[4]]
    assert changed[1:] == (disputed, before, new, True, REASON)
    assert re.fullmatch(r"P[0-9A-F]{4,}", str(changed[0]))  # a label, not the join order
    assert {r[0]: r for r in second["shift"][1:]}[disputed][1] == 1  # one person changed

    dashboard.get_by_test_id("stButtonGroup").get_by_text("Round 1", exact=True).click()
    wait_idle(dashboard)
    assert sheets(export_xlsx(dashboard, tmp_path, "round1-after")) == sheets(first_export)
