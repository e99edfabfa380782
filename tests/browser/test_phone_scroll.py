"""On a phone, "Next" and "See my results" open the next page at its top, not at the height
where the long step before was left (people would skip the first questions)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from huigui.store import AssessmentStore

from ..support.browser_assessment import UI, answer_step, expect_progress, press, start, token_of
from .conftest import BANK, PHONE, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser

SCROLLED = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return Math.max(window.scrollY, main ? main.scrollTop : 0);
}"""


def scrolled(page: Page) -> int:
    return int(page.evaluate(SCROLLED))


def expect_at_top(page: Page) -> None:
    page.wait_for_function(f"({SCROLLED})() < 40")
    assert scrolled(page) < 40


def test_next_and_results_open_at_the_top_on_a_phone(
    browsing: Browsing, store: AssessmentStore, screenshot: Shoot
) -> None:
    """Answer step 1 down to its last question, press Next: step 2 opens at its heading;
    from the bottom of the last step, the results open at their title."""
    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    start(page, "en", "Scroll Top Co")
    answered = answer_step(page, "en", 1, lambda k: k % 5, 0)
    assert scrolled(page) > PHONE["height"]  # the last question is far down the page
    press(page, "next", UI["en"]["next"])
    expect_progress(page, "en", step=2, answered=answered)
    expect_at_top(page)
    heading = page.get_by_role("heading", level=2)
    expect(heading).to_contain_text(BANK.dimensions[1].id)
    assert heading.bounding_box() is not None
    assert heading.bounding_box()["y"] < PHONE["height"]  # type: ignore[index]
    screenshot(page, "phone-scroll-01-step2-top")

    record = store.open(token_of(page))  # the rest straight into the store
    for item in BANK.items:
        if item.id not in record.answers:
            store.save_answer(record.id, item.id, "2")
    page.goto(page.url.replace("step=2", f"step={len(BANK.dimensions)}"))
    wait_idle(page)
    page.locator(".st-key-finish button").scroll_into_view_if_needed()
    assert scrolled(page) > PHONE["height"]
    press(page, "finish", UI["en"]["finish"])
    expect(page.get_by_role("heading", level=1)).to_have_text(UI["en"]["results"])
    wait_idle(page)
    expect_at_top(page)
    screenshot(page, "phone-scroll-02-results-top")
