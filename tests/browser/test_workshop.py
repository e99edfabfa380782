"""Workshops in a real browser: five participants at once, a server killed mid-workshop, and
wrong links, codes and a closed workshop that give clear messages and change no data."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from huigui.records import WorkshopRecord
from huigui.store import WorkshopStore, connect
from huigui.store.models import Answer, Assessment, Consensus, Workshop
from huigui.workshop import snapshot

from .conftest import IDLE, PHONE, AppServer, Browsing, Shoot, wait_idle
from .test_self_assessment import (
    BANK,
    STEPS,
    TOTAL,
    UI,
    Pick,
    choices,
    choose,
    expect_checked,
    expect_progress,
    item_box,
    option,
    press,
    query,
    radar_axes,
    token_of,
)

pytestmark = pytest.mark.browser

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


@pytest.fixture
def workshops(server_db_url: str) -> Iterator[WorkshopStore]:
    """The workshop store on the session server's database."""
    s = WorkshopStore(connect(server_db_url))
    yield s
    s.engine.dispose()


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


def create_by_clicking(
    page: Page, base: str, firm: str, shoot: Shoot | None = None
) -> tuple[str, str]:
    """/workshop_new → "Create the workshop" → "Open the dashboard"; returns the code and the
    facilitator link, both read from the page."""
    page.goto("/workshop_new?lang=en")
    expect(h1(page)).to_have_text(W["new"])
    page.get_by_label(W["firm"], exact=True).fill(firm)
    page.get_by_role("button", name=W["create"], exact=True).click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(W["created"])
    links = page.get_by_test_id("stCode")
    expect(links).to_have_count(2)
    facilitator, join = (link.inner_text().strip() for link in links.all())
    found = re.fullmatch(rf"{re.escape(base)}/join\?code=([A-Z2-9]{{6}})", join)
    assert found, f"not a join link: {join!r}"
    code = found.group(1)
    assert re.fullmatch(
        rf"{re.escape(base)}/facilitate\?w=[0-9a-f]{{32}}&s=[\w-]{{32}}", facilitator
    ), f"not a facilitator link: {facilitator!r}"
    expect(page.get_by_role("heading", name=f"{code[:3]} {code[3:]}")).to_be_visible()
    expect(page.get_by_test_id("stImage")).to_be_visible()  # the QR code
    if shoot:
        shoot(page, "workshop-01-created")
    page.get_by_role("button", name=W["dashboard"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/facilitate\?"))
    expect(h1(page)).to_have_text(W["title"].format(firm=firm))
    link = query(page)
    assert facilitator.endswith(f"/facilitate?w={link['w']}&s={link['s']}")
    return code, facilitator


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
        progress = (
            f"{UI['en']['step'].format(step=step, steps=STEPS)} · "
            f"{UI['en']['answered'].format(n=k + 1, total=TOTAL)}"
        )
        for page, pick in zip(pages, picks, strict=True):
            expect(option(page, item.id, pick(k)).locator("input")).to_be_checked()
            expect(page.get_by_test_id("stProgress")).to_contain_text(progress)  # saved
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


def expect_group_radar(
    page: Page, s: WorkshopStore, workshop: WorkshopRecord, roles: set[str]
) -> None:
    """The live tab's radar: the group mean (labelled with the right values), one outline
    per role, the min–max band, and every dimension on an axis."""
    chart = (
        live(page).get_by_test_id("stPlotlyChart").filter(has=page.locator(".polarlayer .polar"))
    )
    expect(chart).to_have_count(1)
    snap = snapshot(BANK, workshop, s.participants(workshop.id), {})
    means = snap.means()
    labels = [f"{m:.0f}" for m in means]
    trace = chart.locator(".scatterlayer .trace").filter(has=page.locator(".textpoint"))
    expect(trace).to_have_count(1)
    expect(trace.locator("path.js-line")).to_have_attribute("d", re.compile(r"^M[\d.]+,"))
    expect(trace.locator(".textpoint text")).to_have_text([*labels, labels[0]])
    legend = chart.locator(".legend .legendtext")
    expect(legend).to_have_count(2 + len(roles))
    assert set(legend.all_text_contents()) == {W["mean"], W["band"], *roles}
    axes = radar_axes(chart)
    assert [re.sub(r"\s", "", a["text"]) for a in axes] == [
        re.sub(r"\s", "", BANK.text(d.name, "en")) for d in BANK.dimensions
    ]


# -- 1. five participants at once -----------------------------------------------------------

ROLES = ("Executive", "Middle manager", "Front line", "IT / digital", "Front line")


def test_five_participants_with_the_dashboard_open(
    browsing: Browsing, server: str, workshops: WorkshopStore, screenshot: Shoot
) -> None:
    """Five participants join and submit side by side; the open dashboard counts them all."""
    firm = "Fünf Teilnehmer Werke"
    dashboard = browsing.new_page()
    code, _ = create_by_clicking(dashboard, server, firm, screenshot)
    workshop = workshops.by_code(code)
    expect_counts(dashboard, 0, 0)
    expect(live(dashboard).get_by_test_id("stAlertContentInfo")).to_have_text(
        W["none_yet"].format(code=code)
    )

    # Participants use their phones; the first one's pages are shot at twice the resolution.
    pages = [
        browsing.new_page(
            viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2 if n == 0 else 1
        )
        for n in range(len(ROLES))
    ]
    phone = pages[0]
    picks = [level_pick(p) for p in range(len(pages))]
    join_together(pages, f"/join?code={code}&lang=en", firm, code, ROLES, phone_shot=screenshot)
    tokens = [token_of(page) for page in pages]
    assert len(set(tokens)) == len(pages)

    for s in range(1, STEPS + 1):
        if s > 1:
            next_together(pages, s)
        answer_together(pages, picks, s)
        if s == 2:  # the dashboard has refreshed by itself meanwhile (no reload)
            expect_counts(dashboard, len(pages), 0)
    screenshot(phone, "workshop-03-phone-step4")  # all answered, before "Submit"
    submit_together(pages)

    expect_counts(dashboard, len(pages), len(pages))
    expect_group_radar(dashboard, workshops, workshop, set(ROLES))
    wait_idle(dashboard)
    screenshot(dashboard, "workshop-05-dashboard")

    participants = workshops.participants(workshop.id)
    assert len(participants) == len(pages)
    for token, pick in zip(tokens, picks, strict=True):
        record = workshops.open(token)
        assert record.workshop_id == workshop.id
        assert record.answers == choices(pick)
        assert record.submitted_at is not None
    assert sorted(p.role or "" for p in participants) == sorted(
        ("executive", "middle_manager", "front_line", "it_digital", "front_line")
    )


# -- 2. the server dies mid-workshop --------------------------------------------------------


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
        # To save time the first two put the rest straight into the store (the test above
        # clicks all 28 answers), then click through to step 4 and submit.
        for token, pick in zip(tokens[:2], picks[:2], strict=True):
            record = s.open(token)
            for k, item in enumerate(BANK.items[first_of(2) :], start=first_of(2)):
                s.save_answer(record.id, item.id, str(pick(k)))
        for step in range(2, STEPS + 1):
            next_together(pages[:2], step, answered=TOTAL)
        submit_together(pages[:2])
        before = fingerprint(s)
        assert len(before["answers"]) == 2 * TOTAL + len(BANK.dimensions[0].items)

        app_server.kill()
        expect(
            dashboard.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
        ).to_have_count(0)
        restarted = app_server.start(same_port=True)
        assert fingerprint(s) == before
        if restarted == base:  # the open dashboard reconnects by itself, without a reload
            expect(dashboard.locator(IDLE)).to_have_count(1, timeout=30_000)
            expect_counts(dashboard, 3, 2)
        dashboard.close()

        fresh = browsing.new_page()
        fresh.goto(restarted + facilitator)
        expect(h1(fresh)).to_have_text(W["title"].format(firm=workshop.firm_name))
        expect_counts(fresh, 3, 2)

        resumed = browsing.new_page()  # the third participant, on a new session
        resumed.goto(links[2].replace(base, restarted))
        expect_progress(resumed, "en", step=1, answered=len(BANK.dimensions[0].items))
        assert token_of(resumed) == tokens[2]
        for k, item in enumerate(BANK.dimensions[0].items):
            expect_checked(resumed, item.id, picks[2](k))
        answer_from([resumed], picks[2:], 2)
        expect_counts(fresh, 3, 3)
        for token, pick in zip(tokens, picks, strict=True):
            record = s.open(token)
            assert record.answers == choices(pick)
            assert record.submitted_at is not None
    finally:
        s.engine.dispose()


# -- 3. wrong links and a closed workshop ---------------------------------------------------


@pytest.fixture
def two_workshops(workshops: WorkshopStore) -> dict[str, Any]:
    """Workshops A and B, each with one participant who has answered the first two items."""
    out: dict[str, Any] = {}
    for name, levels in (("A", ("1", "2")), ("B", ("3", "4"))):
        workshop, secret = workshops.create_workshop(
            BANK, f"Firm {name} Secretive", ["en"], ["executive", "front_line"]
        )
        record, token = workshops.join(BANK, workshop.code, "front_line", "en")
        for item, level in zip(BANK.items, levels, strict=False):
            workshops.save_answer(record.id, item.id, level)
        out[name] = {
            "workshop": workshop,
            "secret": secret,
            "token": token,
            "answers": dict(zip([i.id for i in BANK.items], levels, strict=False)),
        }
    return out


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


def test_closed_workshop_freezes_answers(
    browsing: Browsing, workshops: WorkshopStore, two_workshops: dict[str, Any], screenshot: Shoot
) -> None:
    """Closing from the dashboard stops joining and freezes the participant's answers."""
    a = two_workshops["A"]
    wa = a["workshop"]
    dashboard = browsing.new_page()
    dashboard.goto(f"/facilitate?w={wa.id}&s={a['secret']}&lang=en")
    expect(dashboard.get_by_text(W["open"])).to_be_visible()
    dashboard.get_by_role("tab", name=W["manage"], exact=True).click()
    before = fingerprint(workshops)
    dashboard.get_by_role("button", name=W["close"]).click()
    expect(dashboard.get_by_role("button", name=W["reopen"])).to_be_visible()
    expect(dashboard.get_by_text(W["frozen"])).to_be_visible()
    screenshot(dashboard, "workshop-closed-dashboard")
    assert workshops.workshop(wa.id).status == "closed"
    after = fingerprint(workshops)
    assert {k: v for k, v in after.items() if k != "workshops"} == {
        k: v for k, v in before.items() if k != "workshops"
    }
    closed = after

    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"/join?code={wa.code}&lang=en")
    expect(page.get_by_role("heading", name=W["welcome"].format(firm=wa.firm_name))).to_be_visible()
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_text(W["closed"])
    wait_idle(page)
    expect(page.get_by_role("button", name=W["start"])).to_have_count(0)
    expect(page.get_by_label(W["role"])).to_have_count(0)
    screenshot(page, "workshop-closed-join")

    page.goto(f"/questionnaire?a={a['token']}&lang=en")
    expect_progress(page, "en", step=1, answered=len(a["answers"]))
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_text(W["closed"])
    radios = page.locator("[data-testid='stMain'] input[type=radio]")
    expect(radios.first).to_be_attached()
    assert radios.count() == sum(len(i.levels) + 2 for i in BANK.dimensions[0].items)
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
    screenshot(page, "workshop-closed-questionnaire")
    page.goto(f"/questionnaire?a={a['token']}&step={STEPS}&lang=en")
    expect_progress(page, "en", step=STEPS, answered=len(a["answers"]))
    expect(page.locator(".st-key-finish").get_by_role("button")).to_be_disabled()
    assert fingerprint(workshops) == closed
    assert answer_count(workshops) == len(closed["answers"])
