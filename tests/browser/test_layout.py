"""Layout in a real browser: on a 390×844 phone the pages fit the width of the screen and
the page menu gets out of the way; on a phone as on a desktop the radar's labels stay
inside the chart."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from huigui.store import AssessmentStore

from ..support.browser_assessment import (
    TOTAL,
    UI,
    choices,
    expect_checked,
    expect_progress,
    expect_results,
    high,
    radar,
    radar_axes,
    seeded,
    spread,
)
from .conftest import DESKTOP, PHONE, Browsing, Shoot, full_height, wait_idle

pytestmark = pytest.mark.browser


def overflow(page: Page) -> dict[str, Any]:
    """How far the page reaches sideways, and what sticks out of the viewport."""
    return dict(
        page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const width = window.innerWidth;
        const out = [];
        for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > width + 2) {
                out.push(`${el.tagName}.${el.getAttribute('data-testid') || el.className}`
                         + ` right=${Math.round(r.right)}`);
            }
        }
        return {document: document.documentElement.scrollWidth, width: width,
                main: main ? main.scrollWidth - main.clientWidth : 0,
                sticking_out: out.slice(0, 10)};
    }""")
    )


def expect_fits(page: Page) -> None:
    """No horizontal scrolling on the page (wide tables may scroll inside themselves)."""
    wait_idle(page)
    found = overflow(page)
    assert found["document"] <= PHONE["width"] + 2, found
    assert found["main"] <= 2, found


def test_phone_layout_has_no_horizontal_overflow(
    browsing: Browsing, store: AssessmentStore, screenshot: Shoot
) -> None:
    """On a 390×844 phone the questionnaire and the results fit the width of the screen."""
    token = seeded(store, "Mobile Maschinenbau", high)
    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page.goto("/?lang=en")
    expect(page.get_by_role("button", name=UI["en"]["start"])).to_be_visible()
    expect_fits(page)
    screenshot(page, "phone-01-home")
    page.goto(f"/questionnaire?a={token}&step=1&lang=en")
    expect_progress(page, "en", step=1, answered=TOTAL)
    expect_checked(page, "D1.1", high(0))
    expect_fits(page)
    screenshot(page, "phone-02-questionnaire")
    page.goto(f"/results?a={token}&lang=en")
    expect_results(page, "en", choices(high))
    expect_fits(page)
    assert full_height(page) > PHONE["height"]
    screenshot(page, "phone-03-results")


def test_page_menu_closes_after_a_choice_on_a_phone(browsing: Browsing) -> None:
    """On a phone the page menu covers the page; after choosing a page it closes."""
    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/?lang=en")
    expect(page.get_by_role("button", name=UI["en"]["start"])).to_be_visible()
    wait_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    page.get_by_test_id("stExpandSidebarButton").or_(
        page.get_by_test_id("stSidebarCollapsedControl").get_by_role("button")
    ).first.click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name="Question bank").click()
    expect(page).to_have_url(re.compile(r"/bank"))
    expect(sidebar).to_have_attribute("data-collapsed", "true")


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_radar_axis_labels_are_not_cut_off(
    browsing: Browsing, store: AssessmentStore, width: int
) -> None:
    """Every radar axis label lies inside the chart, on a desktop and on a phone."""
    token = seeded(store, f"Label Check {width}", spread)
    page = browsing.new_page(viewport={"width": width, "height": 900})
    page.goto(f"/results?a={token}&lang=en")
    chart = radar(page)
    wait_idle(page)
    axes = radar_axes(chart)
    assert all(a["inside"] for a in axes), f"labels cut off (px past the edge < 0): {axes}"
