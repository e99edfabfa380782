"""A workshop whose server dies mid-way, in a real browser: after a SIGKILL and a restart on
the same database nothing is lost, the open dashboard shows nothing without its secret, and
the participants carry on where they were."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from huigui.records import WorkshopRecord
from huigui.store import WorkshopStore, connect

from ..support.browser_assessment import (
    STEPS,
    TOTAL,
    Pick,
    choices,
    expect_checked,
    expect_progress,
    token_of,
)
from ..support.browser_workshop import (
    W,
    answer_from,
    answer_together,
    expect_counts,
    fingerprint,
    first_of,
    h1,
    join_together,
    level_pick,
    next_together,
    submit_together,
)
from .conftest import BANK, IDLE, AppServer, Browsing

pytestmark = pytest.mark.browser


def submit_through_the_store(
    s: WorkshopStore, pages: Sequence[Page], tokens: Sequence[str], picks: Sequence[Pick]
) -> None:
    """To save time these participants put the rest straight into the store (the room test
    clicks every answer), then click through to step 4 and submit."""
    for token, pick in zip(tokens, picks, strict=True):
        record = s.open(token)
        for k, item in enumerate(BANK.items[first_of(2) :], start=first_of(2)):
            s.save_answer(record.id, item.id, str(pick(k)))
    for step in range(2, STEPS + 1):
        next_together(pages, step, answered=TOTAL)
    submit_together(pages)


def kill_and_restart(
    app_server: AppServer,
    dashboard: Page,
    s: WorkshopStore,
    before: dict[str, Any],
    workshop: WorkshopRecord,
) -> str:
    """SIGKILL the server under the open dashboard and start it again (on the same port if
    it is free): the store is as ``before``. Returns the new base URL."""
    base = app_server.url
    app_server.kill()
    expect(
        dashboard.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
    ).to_have_count(0)
    restarted = app_server.start(same_port=True)
    assert fingerprint(s) == before
    if restarted == base:
        # The open dashboard reconnects by itself. The secret lived only in the old
        # session (it never stays in the address bar), so it asks for the link again
        # and shows nothing of the workshop.
        expect(dashboard.locator(IDLE)).to_have_count(1, timeout=30_000)
        expect(dashboard.get_by_test_id("stMetric")).to_have_count(0)
        assert workshop.code not in dashboard.locator("body").inner_text()
    dashboard.close()
    return restarted


def resume_and_submit(browsing: Browsing, link: str, token: str, pick: Pick) -> None:
    """A participant in progress, on a new session: their link reopens step 1 with its
    answers, and they answer the rest and submit."""
    resumed = browsing.new_page()
    resumed.goto(link)
    expect_progress(resumed, "en", step=1, answered=len(BANK.dimensions[0].items))
    assert token_of(resumed) == token
    for k, item in enumerate(BANK.dimensions[0].items):
        expect_checked(resumed, item.id, pick(k))
    answer_from([resumed], [pick], 2)


def test_server_killed_mid_workshop(browsing: Browsing, app_server: AppServer) -> None:
    """After a SIGKILL and a restart on the same database nothing is lost and work goes on."""
    base = app_server.start()
    s = WorkshopStore(connect(app_server.db_url))
    try:
        workshop, secret = s.create_workshop(
            BANK, "Stromausfall GmbH", ["en"], ["executive", "front_line"]
        )
        code = workshop.code
        facilitator = f"/facilitate?w={workshop.id}&s={secret}&lang=en"
        dashboard = browsing.new_page()
        dashboard.goto(base + facilitator)
        expect(h1(dashboard)).to_have_text(W["title"].format(firm=workshop.firm_name))
        expect_counts(dashboard, 0, 0)

        pages = [browsing.new_page() for _ in range(3)]
        picks = [level_pick(p) for p in range(3)]
        join_together(
            pages,
            f"{base}/join?code={code}&lang=en",
            workshop.firm_name,
            code,
            ("Executive", "Front line", "Executive"),
        )
        answer_together(pages, picks, 1)  # the third stops here, in progress
        tokens = [token_of(page) for page in pages]
        links = [page.url for page in pages]
        submit_through_the_store(s, pages[:2], tokens[:2], picks[:2])
        before = fingerprint(s)
        assert len(before["answers"]) == 2 * TOTAL + len(BANK.dimensions[0].items)
        restarted = kill_and_restart(app_server, dashboard, s, before, workshop)

        fresh = browsing.new_page()
        fresh.goto(restarted + facilitator)
        expect(h1(fresh)).to_have_text(W["title"].format(firm=workshop.firm_name))
        expect_counts(fresh, 3, 2)
        resume_and_submit(browsing, links[2].replace(base, restarted), tokens[2], picks[2])
        expect_counts(fresh, 3, 3)
        for token, pick in zip(tokens, picks, strict=True):
            record = s.open(token)
            assert record.answers == choices(pick)
            assert record.submitted_at is not None
    finally:
        s.engine.dispose()
