"""What no page may do, in a real browser: show typed text as markup or run it as a
script, or ask any host but this server for anything (not even the tab icon)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from huigui.store import AssessmentStore

from ..support.browser_assessment import UI, answer, radar, start, token_of
from .conftest import Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser


HOSTILE = "<script>alert(1)</script> **bold** 🚀 שלום"


def test_typed_firm_name_is_shown_as_text(
    page: Page, browsing: Browsing, store: AssessmentStore, screenshot: Shoot
) -> None:
    """A firm name with HTML, Markdown, an emoji and Hebrew shows literally and runs nothing."""
    start(page, "en", HOSTILE)
    token = token_of(page)
    assert store.open(token).profile.firm_name == HOSTILE
    answer(page, "en", "D1.1", 2, step=1, answered=1)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Results", exact=True).click()
    expect(page).to_have_url(re.compile(r"/results\?"))
    expect(radar(page)).to_be_visible()
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text="alert(1)").first
    expect(caption).to_have_text(HOSTILE)
    expect(caption.locator("strong, b, em, script")).to_have_count(0)
    expect(page.locator("[data-testid='stMain'] script")).to_have_count(0)
    screenshot(page, "hostile-01-results")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(UI["en"]["history"])
    shown = page.get_by_test_id("stMarkdownContainer").filter(has_text="alert(1)")
    intro = shown.filter(has_text="Completed assessments of")
    expect(intro).to_have_text(f"Completed assessments of {HOSTILE} with this question bank.")
    again = page.locator(".st-key-history_again").get_by_role("button")
    expect(again).to_contain_text(f"Assess {HOSTILE} again")
    expect(shown.locator("strong, b, em, script")).to_have_count(0)
    screenshot(page, "hostile-02-history")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Firm profile", exact=True).click()
    expect(page.get_by_label(UI["en"]["firm"], exact=True)).to_have_value(HOSTILE)
    page.wait_for_timeout(300)  # give a script, had one been injected, the time to run
    assert browsing.dialogs == []


def test_no_request_leaves_the_server(browsing: Browsing) -> None:
    """Loading the app asks nothing of any other host, not even for the tab icon."""
    page = browsing.new_page()
    page.goto("/?lang=en")
    expect(page.get_by_role("button", name=UI["en"]["start"])).to_be_visible()
    wait_idle(page)
    page.wait_for_timeout(500)
    assert browsing.external(known=True) == []
