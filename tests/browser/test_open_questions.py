"""From the results page back to a question answered "don't know", on a 390 px phone: the
list of open questions has a button that opens the questionnaire at that question's step,
with the answers kept (a manager who has asked a colleague wants to fill in the gap)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from huigui.store import AssessmentStore

from ..support.browser_assessment import expect_checked, expect_progress, item_box, seeded
from .conftest import BANK, PHONE, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser


def test_open_question_leads_back_to_its_step(
    browsing: Browsing, store: AssessmentStore, screenshot: Shoot
) -> None:
    """Every question at level 2 but the first of D3, answered "don't know": the results list
    it, and its button opens step 3 with that answer and the others kept."""
    open_id = BANK.dimensions[2].items[0].id
    token = seeded(store, "Open Question Works", lambda k: 2)
    store.save_answer(store.open(token).id, open_id, "dk")
    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"/results?a={token}&lang=en")
    expander = page.get_by_test_id("stExpander").filter(has_text="Questions still open (1)")
    expect(expander).to_be_visible(timeout=60_000)
    expander.locator("summary").tap()
    button = page.locator(".st-key-open_answer").get_by_role("button")
    expect(button).to_have_text(
        re.compile(r"Back to the questionnaire to answer them \(from step 3\)")
    )
    button.scroll_into_view_if_needed()
    screenshot(page, "phone-results-open-question")
    button.tap()
    expect(page).to_have_url(re.compile(r"/questionnaire\?(.*&)?step=3(&|$)"))
    expect_progress(page, "en", step=3, answered=len(BANK.items))
    wait_idle(page)
    box = item_box(page, open_id)
    expect(box).to_be_visible()
    checked = box.get_by_test_id("stRadioOption").filter(has=page.locator("input:checked"))
    expect(checked).to_have_text("Don't know")
    expect_checked(page, BANK.dimensions[2].items[1].id, 2)
