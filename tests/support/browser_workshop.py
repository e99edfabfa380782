"""Driving workshops in a real browser: the texts participants and facilitators read, the
store's state to compare before and after, the facilitator dashboard's tabs and counts, and
participants who join, answer and submit side by side.

Shared by the workshop and rounds tests in ``tests/browser``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from huigui.store import WorkshopStore
from huigui.store.models import Answer, Assessment, Consensus, Workshop

from ..browser.conftest import BANK, IDLE, Shoot
from .browser_assessment import (
    STEPS,
    UI,
    Pick,
    choose,
    expect_progress,
    expect_saved,
    option,
    press,
    token_of,
)

__all__ = [
    "REFRESH",
    "W",
    "answer_count",
    "answer_from",
    "answer_together",
    "expect_counts",
    "fingerprint",
    "first_of",
    "h1",
    "join_together",
    "level_pick",
    "live",
    "metric",
    "next_together",
    "panel",
    "settled",
    "submit_together",
]

#: The workshop texts a participant or facilitator reads, spelt out on purpose.
W = {
    "new": "New workshop",
    "firm": "Firm",
    "create": "Create the workshop",
    "created": "Workshop created.",
    "dashboard": "Open the dashboard",
    "join": "Join a workshop",
    "welcome": "Workshop: {firm}",
    "role": "Your role",
    "start": "Join and start",
    "banner": "Workshop {firm} · code {code}",
    "submit": "Submit my answers",
    "group": "The group's result",
    "wait": "The group result appears here once the facilitator releases it.",
    "title": "Workshop {firm}",
    "joined": "Joined",
    "finished": "Submitted",
    "none_yet": "Nobody has answered yet. Share the code: {code}",
    "mean": "Group mean",
    "band": "Min–max",
    "manage": "Manage & export",
    "close": "Close the workshop",
    "reopen": "Reopen the workshop",
    "open": "Open: participants can join and answer.",
    "frozen": "Closed: answers are frozen.",
    "closed": "This workshop is closed: answers can no longer be given or changed.",
    "unknown": "No workshop has this code. Check it with your facilitator.",
    "bad_secret": "This facilitator link is not valid. Nothing is shown.",
    "need_secret": "This page needs the facilitator link with its secret. "
    "Nothing is shown without it.",
}
#: Long enough for the dashboard's self-refresh (every 5 s) plus a run of its own.
REFRESH = 20_000


def level_pick(p: int) -> Pick:
    """Participant ``p``'s level for the k-th item: everybody answers differently."""
    return lambda k: (k * (p % 4 + 1) + p) % 5


# -- the store ------------------------------------------------------------------------------


def fingerprint(s: WorkshopStore) -> dict[str, Any]:
    """Everything the pages could change: workshops, assessments, answers, consensus."""
    with Session(s.engine) as session:
        return {
            "workshops": sorted(
                (w.id, w.status, w.released, w.updated_at)
                for w in session.scalars(select(Workshop))
            ),
            "assessments": sorted(
                (a.id, a.workshop_id, a.updated_at, a.submitted_at, a.completed_at)
                for a in session.scalars(select(Assessment))
            ),
            "answers": sorted(
                (a.assessment_id, a.item_id, a.answer) for a in session.scalars(select(Answer))
            ),
            "consensus": sorted(
                (c.workshop_id, c.item_id, c.answer) for c in session.scalars(select(Consensus))
            ),
        }


def answer_count(s: WorkshopStore) -> int:
    return len(fingerprint(s)["answers"])


# -- the pages ------------------------------------------------------------------------------


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def live(page: Page) -> Locator:
    """The dashboard's "Live" tab."""
    return page.get_by_role("tabpanel", name="Live", exact=True)


def metric(page: Page, label: str) -> Locator:
    """The value of the metric labelled ``label`` on the "Live" tab."""
    return (
        live(page)
        .get_by_test_id("stMetric")
        .filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
        .get_by_test_id("stMetricValue")
    )


def expect_counts(page: Page, joined: int, submitted: int, timeout: float = REFRESH) -> None:
    """The dashboard's metrics say this many joined and this many submitted."""
    expect(metric(page, W["joined"])).to_have_text(str(joined), timeout=timeout)
    expect(metric(page, W["finished"])).to_have_text(str(submitted), timeout=timeout)


def panel(page: Page, name: str) -> Locator:
    """A tab of the dashboard, opened."""
    page.get_by_role("tab", name=name, exact=True).click()
    return page.get_by_role("tabpanel", name=name, exact=True)


# -- participants side by side ---------------------------------------------------------------


def join_together(
    pages: Sequence[Page],
    url: str,
    firm: str,
    code: str,
    roles: Sequence[str],
    phone_shot: Shoot | None = None,
) -> None:
    """Every page opens the join link, picks its role and clicks "Join and start" (side by
    side); each lands on step 1 of an empty questionnaire of its own."""
    for page in pages:
        page.goto(url, wait_until="commit")
    for page, role in zip(pages, roles, strict=True):
        expect(h1(page)).to_have_text(W["join"])
        expect(page.get_by_role("heading", name=W["welcome"].format(firm=firm))).to_be_visible()
        choose(page, W["role"], role)
    if phone_shot:
        phone_shot(pages[0], "workshop-02-phone-join")
    for page in pages:
        page.get_by_role("button", name=W["start"], exact=True).click()
    for page in pages:
        expect(page).to_have_url(re.compile(r"/questionnaire\?(.*&)?a=[\w-]+"))
        expect_progress(page, "en", step=1, answered=0)
        expect(
            page.get_by_test_id("stCaptionContainer").filter(has_text="· code ").first
        ).to_have_text(W["banner"].format(firm=firm, code=code))
        # The personal resume link shown (open while nothing is answered) is this page's.
        here = urlsplit(page.url)
        expect(
            page.get_by_test_id("stExpander")
            .filter(has_text=UI["en"]["link"])
            .get_by_test_id("stCode")
        ).to_have_text(f"{here.scheme}://{here.netloc}/questionnaire?a={token_of(page)}&lang=en")


def first_of(step: int) -> int:
    """The 0-based index of the first item of ``step``."""
    return sum(len(d.items) for d in BANK.dimensions[: step - 1])


def settled(page: Page) -> None:
    """Wait for the end of a run already seen on the page (no grace period for a click's rerun
    request to arrive, unlike ``wait_idle``: the caller has seen the run's output)."""
    page.wait_for_selector(IDLE, state="attached")
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")


def answer_together(pages: Sequence[Page], picks: Sequence[Pick], step: int) -> None:
    """All pages answer ``step`` side by side: every question is clicked on every page before
    any page is checked, so the server handles the sessions at the same time."""
    dim = BANK.dimensions[step - 1]
    for page in pages:
        expect(page.get_by_role("heading", level=2)).to_contain_text(
            f"{dim.id} · {BANK.text(dim.name, 'en')}"
        )
    for k, item in enumerate(dim.items, start=first_of(step)):
        for page, pick in zip(pages, picks, strict=True):
            option(page, item.id, pick(k)).click()
        for page, pick in zip(pages, picks, strict=True):
            expect(option(page, item.id, pick(k)).locator("input")).to_be_checked()
            expect_saved(page, "en", item.id)
        for page in pages:
            settled(page)


def next_together(pages: Sequence[Page], step: int, answered: int | None = None) -> None:
    """ "Next" on every page, then each shows ``step`` (and, by default, the answers of the
    steps before it)."""
    for page in pages:
        press(page, "next", UI["en"]["next"])
    for page in pages:
        expect(page).to_have_url(re.compile(rf"[?&]step={step}(&|$)"))
        expect_progress(
            page, "en", step=step, answered=first_of(step) if answered is None else answered
        )


def submit_together(pages: Sequence[Page]) -> None:
    """ "Submit my answers" on every page; each lands on its results, waiting for the group."""
    for page in pages:
        press(page, "finish", W["submit"])
    for page in pages:
        expect(page).to_have_url(re.compile(r"/results\?"))
        expect(page.get_by_role("heading", name=W["group"], exact=True)).to_be_visible()
        expect(page.get_by_test_id("stAlertContentInfo").filter(has_text=W["wait"])).to_be_visible()


def answer_from(pages: Sequence[Page], picks: Sequence[Pick], step: int) -> None:
    """Go on to ``step`` (from the one before), answer it and every later step on all pages,
    then submit."""
    for s in range(step, STEPS + 1):
        if s > 1:
            next_together(pages, s)
        answer_together(pages, picks, s)
    submit_together(pages)
