"""Access to a workshop in a real browser: a wrong, missing or borrowed secret opens no
dashboard, one workshop's secret opens no other, each participant link opens only its own
answers, and none of it writes anything."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from huigui.records import WorkshopRecord
from huigui.store import WorkshopStore

from ..support.browser_assessment import expect_checked, expect_progress
from ..support.browser_workshop import W, expect_counts, fingerprint, h1
from .conftest import Shoot, wait_idle

pytestmark = pytest.mark.browser


def expect_nothing_shown(page: Page, *workshops: WorkshopRecord) -> None:
    """No dashboard and nothing of these workshops on the page."""
    wait_idle(page)
    expect(page.get_by_role("tab")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    body = page.locator("body").inner_text()
    for w in workshops:
        assert w.firm_name not in body
        assert w.code not in body
        assert w.id not in body


def test_wrong_facilitator_links_show_nothing(
    page: Page, workshops: WorkshopStore, two_workshops: dict[str, Any], screenshot: Shoot
) -> None:
    """A wrong, a missing or a participant's secret opens no dashboard and writes nothing."""
    a, b = two_workshops["A"], two_workshops["B"]
    wa, wb = a["workshop"], b["workshop"]
    before = fingerprint(workshops)
    page.goto(f"/facilitate?w={wa.id}&s={b['secret']}&lang=en")
    expect(page.get_by_test_id("stAlertContentError")).to_have_text(W["bad_secret"])
    expect_nothing_shown(page, wa, wb)
    screenshot(page, "workshop-wrong-secret")
    for url in (f"/facilitate?w={wa.id}&lang=en", f"/facilitate?s={a['secret']}&lang=en"):
        page.goto(url)
        expect(page.get_by_test_id("stAlertContentInfo")).to_have_text(W["need_secret"])
        expect_nothing_shown(page, wa, wb)
    screenshot(page, "workshop-no-secret")
    # A participant's resume token is no facilitator secret, of its own workshop or another.
    for target, token in ((wa.id, a["token"]), (wb.id, a["token"]), ("' OR 1=1 --", "<script>")):
        page.goto(f"/facilitate?w={quote(target)}&s={quote(token)}&lang=en")
        wait_idle(page)
        expect(page.get_by_test_id("stAlert")).to_have_count(1)
        expect_nothing_shown(page, wa, wb)
    assert fingerprint(workshops) == before


def test_secret_of_one_workshop_opens_no_other(
    page: Page, workshops: WorkshopStore, two_workshops: dict[str, Any]
) -> None:
    """B's facilitator link opens B alone, participant links open no dashboard, and each
    participant link opens only its own answers."""
    a, b = two_workshops["A"], two_workshops["B"]
    wa, wb = a["workshop"], b["workshop"]
    before = fingerprint(workshops)
    page.goto(f"/facilitate?w={wb.id}&s={b['secret']}&lang=en")
    expect(h1(page)).to_have_text(W["title"].format(firm=wb.firm_name))
    expect_counts(page, 1, 0)
    assert wa.firm_name not in page.locator("body").inner_text()
    # Every link opens a new session: what B's secret opened does not carry over.
    for url, alert, message in (
        (f"/facilitate?w={wa.id}&s={a['token']}&lang=en", "Error", W["bad_secret"]),
        (f"/facilitate?w={wb.id}&s={b['token']}&lang=en", "Error", W["bad_secret"]),
        (f"/facilitate?w={wa.id}&lang=en", "Info", W["need_secret"]),
    ):
        page.goto(url)
        expect(page.get_by_test_id(f"stAlertContent{alert}")).to_have_text(message)
        expect_nothing_shown(page, wa, wb)
    for mine, other in ((a, b), (b, a)):
        page.goto(f"/questionnaire?a={mine['token']}&lang=en")
        expect_progress(page, "en", step=1, answered=len(mine["answers"]))
        banner = W["banner"].format(firm=mine["workshop"].firm_name, code=mine["workshop"].code)
        expect(page.get_by_text(banner, exact=True)).to_be_visible()
        for item_id, level in mine["answers"].items():
            expect_checked(page, item_id, int(level))
        body = page.locator("body").inner_text()
        assert other["workshop"].firm_name not in body
        assert other["workshop"].code not in body
    assert fingerprint(workshops) == before
