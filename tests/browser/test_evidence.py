"""Evidence and confidence beside an answer, given on a phone in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from huigui.records import Evidence
from huigui.store import AssessmentStore

from ..support.browser_assessment import answer, start, token_of
from .conftest import BANK, PHONE, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser


def test_a_note_and_a_confidence_on_a_phone(
    browsing: Browsing, store: AssessmentStore, screenshot: Shoot
) -> None:
    """The evidence fields stay open while a person types a note and then picks how sure
    they are; both are stored beside the answer, and the question says so once folded."""
    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    start(page, "en", "Evidence Phone Co")
    item = BANK.dimensions[0].items[0].id
    answer(page, "en", item, 3, step=1, answered=1)
    box = page.locator(f".st-key-item-{item.replace('.', '-')}")
    fold = box.get_by_test_id("stExpander").filter(has_text="Evidence and confidence")
    fold.locator("summary").click()
    note = fold.get_by_label("Evidence: what would you show?")
    note.fill("Weekly delivery KPI from the ERP")
    note.press("Enter")
    wait_idle(page)
    sure = fold.get_by_test_id("stButtonGroup").get_by_text("Fairly sure", exact=True)
    expect(sure).to_be_visible()  # still open after the note was saved
    sure.click()
    wait_idle(page)
    screenshot(page, "evidence-01-phone")
    record = store.open(token_of(page))
    assert record.answers == {item: "3"}
    assert record.evidence == {item: Evidence("Weekly delivery KPI from the ERP", "fairly")}
    fold.locator("summary").click()
    expect(box.get_by_text("Evidence and confidence ✓", exact=True)).to_be_visible()
