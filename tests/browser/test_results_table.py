"""The answers table on the results page in a real browser: on a 390 px phone and on a
1366 px laptop the level and score of each answer are on screen without scrolling sideways
(UX1 finding 5)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from huigui.store import AssessmentStore

from ..support.browser_assessment import seeded, spread
from .conftest import PHONE, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}


def visible_headers(page: Page) -> list[str]:
    """The column headers the grid draws in view: its accessible table holds only the
    columns inside the visible area, in order."""
    table = page.get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    wait_idle(page)
    expect(table.locator("[role=columnheader]").first).to_be_attached()
    return [
        h.strip() for h in table.locator("[role=columnheader]").all_text_contents() if h.strip()
    ]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone-390", "laptop-1366"])
def test_level_and_score_need_no_sideways_scroll(
    browsing: Browsing, store: AssessmentStore, screenshot: Shoot, viewport: dict[str, int]
) -> None:
    """The first columns in view are item, level and score, and the table fits the screen."""
    token = seeded(store, f"Table Check {viewport['width']}", spread)
    phone = viewport["width"] < 500
    page = browsing.new_page(viewport=viewport, is_mobile=phone, has_touch=phone)  # type: ignore[arg-type]
    page.goto(f"/results?a={token}&lang=en")
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible(timeout=60_000)
    headers = visible_headers(page)
    assert headers[:3] == ["Item", "Level", "Score"], headers
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
    screenshot(page, f"results-table-{viewport['width']}")
