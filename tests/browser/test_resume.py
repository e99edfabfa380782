"""Coming back to a self-assessment in a real browser: a reload mid-questionnaire, the
personal resume link in a new session, and a made-up link that says it does not work."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from huigui.store import AssessmentStore

from ..support.browser_assessment import (
    UI,
    answer,
    expect_checked,
    expect_progress,
    next_step,
    press,
    query,
    start,
    token_of,
)
from .conftest import BANK, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser


def test_reload_keeps_step_and_answers(page: Page, screenshot: Shoot) -> None:
    """A reload mid-questionnaire keeps the step, the checked answers and the count."""
    start(page, "en", "Reload Works AG")
    d1, d2 = ([i.id for i in d.items] for d in BANK.dimensions[:2])
    levels = dict(zip(d1[:3], (3, 0, 4), strict=True))
    for n, (item_id, level) in enumerate(levels.items(), start=1):
        answer(page, "en", item_id, level, step=1, answered=n)
    next_step(page, "en", 2, 3)
    answer(page, "en", d2[0], 2, step=2, answered=4)
    token = token_of(page)
    page.reload()
    assert query(page) == {"a": token, "step": "2", "lang": "en"}
    expect_progress(page, "en", step=2, answered=4)
    expect_checked(page, d2[0], 2)
    expect_checked(page, d2[1], None)
    screenshot(page, "reload-01-step2-after-reload")
    press(page, "back", UI["en"]["back"])
    expect_progress(page, "en", step=1, answered=4)
    for item_id, level in levels.items():
        expect_checked(page, item_id, level)
    expect_checked(page, d1[3], None)


def test_resume_link_reopens_in_a_new_session(
    browsing: Browsing, server: str, store: AssessmentStore, screenshot: Shoot
) -> None:
    """The resume link shown on the questionnaire reopens the answers in a fresh session."""
    page = browsing.new_page()
    start(page, "en", "Resume Link Co")
    token = token_of(page)
    box = page.get_by_test_id("stExpander").filter(has_text=UI["en"]["link"])
    link = box.get_by_test_id("stCode").inner_text().strip()
    assert link == f"{server}/questionnaire?a={token}&lang=en"
    d1 = [i.id for i in BANK.dimensions[0].items]
    levels = {d1[0]: 1, d1[1]: 2, d1[4]: 4}
    for n, (item_id, level) in enumerate(levels.items(), start=1):
        answer(page, "en", item_id, level, step=1, answered=n)

    fresh = browsing.new_page()  # a new context: no cookies, a new Streamlit session
    fresh.goto(link)
    expect_progress(fresh, "en", step=1, answered=3)
    for item_id, level in levels.items():
        expect_checked(fresh, item_id, level)
    expect_checked(fresh, d1[2], None)
    screenshot(fresh, "resume-01-reopened")
    answer(fresh, "en", d1[2], 0, step=1, answered=4)
    assert store.open(token).answers == {**{k: str(v) for k, v in levels.items()}, d1[2]: "0"}


@pytest.mark.parametrize("path", ["/", "/questionnaire"])
def test_invalid_resume_link_says_so(page: Page, path: str, screenshot: Shoot) -> None:
    """A made-up resume link shows a clear error and no traceback."""
    page.goto(f"{path}?a=garbage&lang=en")
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_have_text(
        "This resume link does not work: no assessment belongs to it. "
        "Check that you copied all of it, or start a new assessment."
    )
    wait_idle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "Traceback" not in page.locator("body").inner_text()
    assert "garbage" not in page.url  # the dead token is dropped from the address
    screenshot(page, f"invalid-link{path.replace('/', '-').rstrip('-')}")
