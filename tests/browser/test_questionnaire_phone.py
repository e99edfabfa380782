"""The questionnaire on a 390 px touch phone (UX1 findings 3, 4, 6, 8): the link boxes can
be copied without a mouse, the header never shows a count that clicks have overtaken, each
question shows its number and id, and the rules are folded after step 1."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from ..support.browser_assessment import (
    UI,
    answer,
    expect_progress,
    item_box,
    press,
    start,
)
from .conftest import BANK, PHONE, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser

LANG = "zh-Hans"
#: Spelt out on purpose: what the phone user reads.
RULES = "作答规则（同第 1 步，适用于每道题）"
TAG = "第 {n} 题 · {id}"

#: The right edge of the text in a code block (the widest of its wrapped lines).
TEXT_RIGHT = """code => {
    const range = document.createRange();
    range.selectNodeContents(code);
    return Math.max(...[...range.getClientRects()].map(r => r.right));
}"""


def expect_copyable(box: Locator) -> None:
    """A link box whose copy button shows, can be tapped, and covers none of the link."""
    button = box.get_by_role("button", name="Copy to clipboard")
    expect(button).to_be_visible()  # without hover: a phone has none
    button.tap(trial=True)  # nothing covers it
    right = box.locator("code").evaluate(TEXT_RIGHT)
    left = button.bounding_box()
    assert left is not None
    assert right <= left["x"], (right, left["x"])


def top_of(page: Page, locator: Locator) -> float:
    """Where ``locator`` starts, in px from the top of the page (Streamlit scrolls its main
    block, not the window)."""
    return float(
        locator.evaluate("""el => {
        const main = document.querySelector('[data-testid="stMain"]');
        return el.getBoundingClientRect().top + (main ? main.scrollTop : 0) + window.scrollY;
    }""")
    )


def test_questionnaire_on_a_phone(browsing: Browsing, screenshot: Shoot) -> None:
    """A new assessment on a phone: both link boxes copyable, no "assess again"; after two
    answers the header still says only the step while each question counts live; step 2
    folds the rules and its first question starts on the first screen."""
    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    start(page, LANG, "Phone Co")
    boxes = page.get_by_test_id("stCode")
    expect(boxes).to_have_count(2)  # the resume link and the new firm link, both open
    for k in range(2):
        expect_copyable(boxes.nth(k))
    expect(page.locator(".st-key-assess_again")).to_have_count(0)
    screenshot(page, "phone-questionnaire-01-step1")

    first = BANK.dimensions[0].items
    for k, item in enumerate(first[:2], start=1):
        label = item_box(page, item.id).get_by_test_id("stWidgetLabel")
        expect(label).to_contain_text(TAG.format(n=k, id=item.id))
        answer(page, LANG, item.id, 1, step=1, answered=k)  # "已保存。已答 k / 22 题。"
    expect_progress(page, LANG, step=1, answered=0)  # no count that the clicks overtook

    press(page, "next", UI[LANG]["next"])
    expect_progress(page, LANG, step=2, answered=2)
    wait_idle(page)
    rules = page.get_by_test_id("stExpander").filter(has_text=RULES)
    expect(rules).to_have_count(1)
    expect(page.get_by_test_id("stAlert")).to_have_count(0)  # the rules are not open
    question = page.locator(f".st-key-item-{BANK.dimensions[1].items[0].id.replace('.', '-')}")
    assert top_of(page, question) < PHONE["height"]
    screenshot(page, "phone-questionnaire-02-step2")
