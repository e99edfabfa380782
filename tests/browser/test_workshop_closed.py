"""A closed workshop in a real browser: closing it from the dashboard (which asks first)
stops joining and freezes the participant's answers, and changes nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from huigui.records import WorkshopRecord
from huigui.store import WorkshopStore

from ..support.browser_assessment import (
    STEPS,
    expect_checked,
    expect_progress,
    item_box,
    option,
)
from ..support.browser_workshop import W, answer_count, fingerprint
from .conftest import BANK, PHONE, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser


def close_on_the_dashboard(
    browsing: Browsing, workshops: WorkshopStore, a: dict[str, Any], shoot: Shoot
) -> dict[str, Any]:
    """Close workshop ``a`` from its dashboard: it is closed, and no participant, answer or
    consensus changed. Returns the store's fingerprint after."""
    wa = a["workshop"]
    dashboard = browsing.new_page()
    dashboard.goto(f"/facilitate?w={wa.id}&s={a['secret']}&lang=en")
    expect(dashboard.get_by_text(W["open"])).to_be_visible()
    dashboard.get_by_role("tab", name=W["manage"], exact=True).click()
    before = fingerprint(workshops)
    dashboard.get_by_role("button", name=W["close"]).click()
    dashboard.get_by_role("button", name="Yes, close it", exact=True).click()  # it asks first
    expect(dashboard.get_by_role("button", name=W["reopen"])).to_be_visible()
    expect(dashboard.get_by_text(W["frozen"])).to_be_visible()
    shoot(dashboard, "workshop-closed-dashboard")
    assert workshops.workshop(wa.id).status == "closed"
    after = fingerprint(workshops)
    assert {k: v for k, v in after.items() if k != "workshops"} == {
        k: v for k, v in before.items() if k != "workshops"
    }
    return after


def expect_join_refused(page: Page, wa: WorkshopRecord, shoot: Shoot) -> None:
    """The join link says the workshop is closed and offers neither a role nor a button."""
    page.goto(f"/join?code={wa.code}&lang=en")
    expect(page.get_by_role("heading", name=W["welcome"].format(firm=wa.firm_name))).to_be_visible()
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_text(W["closed"])
    wait_idle(page)
    expect(page.get_by_role("button", name=W["start"])).to_have_count(0)
    expect(page.get_by_label(W["role"])).to_have_count(0)
    shoot(page, "workshop-closed-join")


def expect_answers_frozen(page: Page, a: dict[str, Any], shoot: Shoot) -> None:
    """The participant's questionnaire says the workshop is closed and shows the answers
    with every option disabled; a click changes nothing, and it cannot be finished."""
    page.goto(f"/questionnaire?a={a['token']}&lang=en")
    expect_progress(page, "en", step=1, answered=len(a["answers"]))
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_text(W["closed"])
    radios = page.locator("[data-testid='stMain'] input[type=radio]")
    expect(radios.first).to_be_attached()
    # every level, "don't know", and "not applicable" where the question says when it applies
    assert radios.count() == sum(
        len(i.levels) + (2 if i.na_when else 1) for i in BANK.dimensions[0].items
    )
    for k in range(radios.count()):
        expect(radios.nth(k)).to_be_disabled()
    for item_id, level in a["answers"].items():
        expect_checked(page, item_id, int(level))
    untouched = BANK.dimensions[0].items[len(a["answers"])]
    option(page, untouched.id, 3).click(force=True)  # a click on a disabled radio changes nothing
    page.wait_for_timeout(500)
    wait_idle(page)
    expect_checked(page, untouched.id, None)
    expect(item_box(page, untouched.id).locator("input").first).to_be_disabled()
    shoot(page, "workshop-closed-questionnaire")
    page.goto(f"/questionnaire?a={a['token']}&step={STEPS}&lang=en")
    expect_progress(page, "en", step=STEPS, answered=len(a["answers"]))
    expect(page.locator(".st-key-finish").get_by_role("button")).to_be_disabled()


def test_closed_workshop_freezes_answers(
    browsing: Browsing, workshops: WorkshopStore, two_workshops: dict[str, Any], screenshot: Shoot
) -> None:
    """Closing from the dashboard stops joining and freezes the participant's answers."""
    a = two_workshops["A"]
    closed = close_on_the_dashboard(browsing, workshops, a, screenshot)

    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    expect_join_refused(page, a["workshop"], screenshot)
    expect_answers_frozen(page, a, screenshot)
    assert fingerprint(workshops) == closed
    assert answer_count(workshops) == len(closed["answers"])
