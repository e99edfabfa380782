"""Joining a workshop in a real browser when it cannot be done: a code nobody has, or
"Join and start" without a role; the page says why and creates nobody."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

from huigui.records import WorkshopRecord
from huigui.store import WorkshopStore

from ..support.browser_workshop import W, fingerprint
from .conftest import wait_idle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("code", ["ZZZZZZ", "<b>x</b>' OR 1=1 --"])
def test_unknown_join_code_says_so(page: Page, workshops: WorkshopStore, code: str) -> None:
    """A join code nobody has says so, offers no form, and creates nobody."""
    before = fingerprint(workshops)
    page.goto(f"/join?code={quote(code)}&lang=en")
    expect(page.get_by_test_id("stAlertContentError")).to_have_text(W["unknown"])
    wait_idle(page)
    expect(page.get_by_role("button", name=W["start"])).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator("[data-testid='stMain'] b")).to_have_count(0)
    assert fingerprint(workshops) == before


def join_without_role(page: Page, workshop: WorkshopRecord) -> Locator:
    """Open the join link and press "Join and start" without picking a role: the error."""
    page.goto(f"/join?code={workshop.code}&lang=en")
    expect(
        page.get_by_role("heading", name=W["welcome"].format(firm=workshop.firm_name))
    ).to_be_visible()
    page.get_by_role("button", name=W["start"], exact=True).click()
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_have_count(1)
    wait_idle(page)
    return error


def test_join_without_a_role_creates_nobody(
    page: Page, workshops: WorkshopStore, two_workshops: dict[str, Any]
) -> None:
    """ "Join and start" without a role stays on the join page and creates no participant."""
    before = fingerprint(workshops)
    join_without_role(page, two_workshops["A"]["workshop"])
    expect(page).to_have_url(re.compile(r"/join\?"))
    expect(page.get_by_role("button", name=W["start"], exact=True)).to_be_visible()
    assert fingerprint(workshops) == before


def test_join_without_a_role_says_what_is_missing(
    page: Page, two_workshops: dict[str, Any]
) -> None:
    """The error for a missing role tells the participant to choose one."""
    error = join_without_role(page, two_workshops["A"]["workshop"])
    expect(error).to_have_text(
        re.compile(r"^(Choose|Pick|Select) (your|a) role", re.I), timeout=2_000
    )
