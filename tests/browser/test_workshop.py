"""Workshops in a real browser: five participants at once, a server killed mid-workshop, and
wrong links, codes and a closed workshop that give clear messages and change no data."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from huigui.records import WorkshopRecord
from huigui.store import WorkshopStore, connect
from huigui.store.models import Answer, Assessment, Consensus, Workshop
from huigui.workshop import snapshot

from .conftest import IDLE, LAN, PHONE, AppServer, Browsing, Shoot, wait_idle
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
    expect_saved,
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


def decode_qr(image: Locator) -> str:
    """The text of the QR code shown by ``image`` (a screenshot of it, decoded)."""
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))
    assert len(found) == 1, "no single QR code in the image"
    return str(found[0].text)


def create_by_clicking(
    page: Page, base: str, firm: str, shoot: Shoot | None = None
) -> tuple[str, str, str]:
    """/workshop_new → "Create the workshop" → "Open the dashboard"; returns the code, the
    join link (decoded from the QR code shown, and checked against the printed one) and the
    facilitator link, read from the page."""
    page.goto("/workshop_new?lang=en")
    expect(h1(page)).to_have_text(W["new"])
    page.get_by_label(W["firm"], exact=True).fill(firm)
    page.get_by_role("button", name=W["create"], exact=True).click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(W["created"])
    links = page.get_by_test_id("stCode")
    expect(links).to_have_count(2)
    facilitator, join = (link.inner_text().strip() for link in links.all())
    public = f"http://{LAN}:{urlsplit(base).port}" if LAN else base
    found = re.fullmatch(rf"{re.escape(public)}/join\?code=([A-Z2-9]{{6}})", join)
    assert found, f"not a join link phones can open: {join!r}"
    code = found.group(1)
    assert re.fullmatch(r".*/facilitate\?w=[0-9a-f]{32}&s=[\w-]{32}", facilitator)
    expect(page.get_by_role("heading", name=f"{code[:3]} {code[3:]}")).to_be_visible()
    assert decode_qr(page.get_by_test_id("stImage").locator("img")) == join
    if shoot:
        shoot(page, "workshop-01-created")
    page.get_by_role("button", name=W["dashboard"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/facilitate\?"))
    expect(h1(page)).to_have_text(W["title"].format(firm=firm))
    link = query(page)
    assert "s" not in link, "the facilitator secret stayed in the address bar"
    assert facilitator.split("&s=")[0].endswith(f"/facilitate?w={link['w']}")
    return code, join, facilitator


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


# -- 1. a workshop in the room ------------------------------------------------------------

#: Six phones; the IT person is alone in their role, the front line are two (k = 3).
ROOM = ("Executive", "Executive", "Executive", "Front line", "Front line", "IT / digital")


def panel(page: Page, name: str) -> Locator:
    """A tab of the dashboard, opened."""
    page.get_by_role("tab", name=name, exact=True).click()
    return page.get_by_role("tabpanel", name=name, exact=True)


def legend(chart: Locator) -> set[str]:
    """The names in a plotly chart's legend."""
    return set(chart.locator(".legend .legendtext").all_text_contents())


def open_presenter(browsing: Browsing, code: str, join: str, shoot: Shoot) -> Page:
    """The presenter view at 1920×1080: the QR code (the phones' join link, at least half the
    screen high) and the code in large type with a space in the middle."""
    presenter = browsing.new_page(viewport={"width": 1920, "height": 1080})
    presenter.goto(f"/present?code={code}&lang=en")
    qr = presenter.get_by_test_id("stImage").locator("img")
    expect(qr).to_be_visible()
    assert decode_qr(qr) == join
    assert (qr.bounding_box() or {"height": 0})["height"] >= 1080 / 2
    spaced = presenter.locator(".hg-code")
    expect(spaced).to_have_text(f"{code[:3]} {code[3:]}")
    assert spaced.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 80
    shoot(presenter, "workshop-02-presenter")
    return presenter


def answer_and_submit(
    pages: Sequence[Page], picks: Sequence[Pick], dashboard: Page, joined: int, shoot: Shoot
) -> None:
    """Every phone answers every step and submits; each is thanked."""
    for s in range(1, STEPS + 1):
        if s > 1:
            next_together(pages, s)
        answer_together(pages, picks, s)
        if s == 2:
            expect_counts(dashboard, joined, 0)  # the live tab refreshed by itself
    shoot(pages[0], "workshop-03-phone-step4")
    for page in pages:
        press(page, "finish", W["submit"])
    for page in pages:
        expect(page).to_have_url(re.compile(r"/results\?"))
        expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Thank you")
    shoot(pages[0], "workshop-04-phone-thanks")


def tabs_caught_up(
    dashboard: Page, presenter: Page, joined: int, submitted: int, shoot: Shoot
) -> None:
    """Every tab shows the submissions without a reload; the lone IT person appears in no
    role view (merged with the front line as "Other roles")."""
    expect_counts(dashboard, joined, submitted)
    radar = live(dashboard).get_by_test_id("stPlotlyChart").first
    expect(radar.locator(".legend .legendtext")).to_have_count(4)
    assert legend(radar) == {W["mean"], W["band"], "Executive", "Other roles"}
    expect(live(dashboard).get_by_text("shown together as 'Other roles'")).to_be_visible()
    shoot(dashboard, "workshop-05-dashboard-live")
    disagreement = panel(dashboard, "Disagreement")
    expect(disagreement.get_by_test_id("stDataFrame")).to_be_visible(timeout=REFRESH)
    expect(disagreement.get_by_test_id("stAlertContentInfo")).to_have_count(0)
    shoot(dashboard, "workshop-06-dashboard-disagreement")
    roles = panel(dashboard, "Role gaps")
    expect(roles.get_by_test_id("stDataFrame")).to_have_count(2, timeout=REFRESH)
    assert "IT / digital" not in roles.inner_text()
    expect(presenter.get_by_text(f"{joined} joined · {submitted} submitted")).to_be_visible(
        timeout=REFRESH
    )


def consensus_on_three(dashboard: Page, shoot: Shoot) -> list[str]:
    """Level 2 and a note on three items, the most disputed first, "next" moving on."""
    consensus = panel(dashboard, "Consensus")
    agreed = []
    for n in range(3):
        shown = consensus.get_by_test_id("stSelectbox").locator("input").input_value()
        agreed.append(shown.removeprefix("✓ ").split(" · ")[1])  # "Q13 · D3.9 · title"
        consensus.get_by_test_id("stRadio").get_by_text(re.compile(r"^2 · ")).click()
        wait_idle(dashboard)
        note = consensus.get_by_label("Note", exact=True)
        note.fill(f"agreed {n}")
        note.press("Enter")
        wait_idle(dashboard)
        press(dashboard, "cons_next", "Next most disputed item")
        wait_idle(dashboard)
        # read the next item only once the picker has moved on (a loaded machine can lag)
        expect(consensus.get_by_test_id("stSelectbox").locator("input")).not_to_have_value(
            shown, timeout=REFRESH
        )
    shoot(dashboard, "workshop-07-dashboard-consensus")
    return agreed


def release_and_close(dashboard: Page, phone: Page, late: Page, shoot: Shoot) -> None:
    """Release (the phone then sees the group), close with confirmation; the late phone is
    told the workshop is closed."""
    manage = panel(dashboard, "Manage & export")
    manage.get_by_role("button", name="Release the group result to participants").click()
    wait_idle(dashboard)
    phone.reload()
    expect(phone.get_by_role("heading", name=W["group"], exact=True)).to_be_visible()
    shoot(phone, "workshop-08-phone-group")
    manage.get_by_role("button", name=W["close"]).click()
    dashboard.get_by_role("button", name="Yes, close it", exact=True).click()
    wait_idle(dashboard)
    late.goto(late.url)
    expect(
        late.get_by_test_id("stAlertContentWarning").filter(has_text=W["closed"])
    ).to_be_visible()
    shoot(late, "workshop-09-phone-late")


def test_a_workshop_in_the_room(
    browsing: Browsing, server: str, workshops: WorkshopStore, screenshot: Shoot
) -> None:
    """A client workshop on one laptop and the room's Wi-Fi: six phones join by the QR code
    (decoded, pointing at the LAN address) on a 390 px screen; the presenter view stays
    projected and never shows a secret; every dashboard tab updates without a reload; the
    lone IT person's answers show nowhere; consensus on three items; close; a late
    submission is refused."""
    firm = "Room Test Works"
    dashboard = browsing.new_page()
    code, join, facilitator = create_by_clicking(dashboard, server, firm, screenshot)
    secret = facilitator.split("&s=")[1]
    workshop = workshops.by_code(code)
    presenter = open_presenter(browsing, code, join, screenshot)
    expect(panel(dashboard, "Disagreement").get_by_test_id("stAlertContentInfo")).to_contain_text(
        "Group figures appear once at least 3 people have submitted (now 0)"
    )
    panel(dashboard, "Live")
    phones = [
        browsing.new_page(
            viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2 if n == 0 else 1
        )
        for n in range(len(ROOM) + 1)
    ]
    late, pages = phones[-1], phones[:-1]
    picks = [level_pick(p) for p in range(len(pages))]
    join_together(
        phones, f"{join}&lang=en", firm, code, (*ROOM, "Front line"), phone_shot=screenshot
    )
    answer_and_submit(pages, picks, dashboard, len(phones), screenshot)
    tabs_caught_up(dashboard, presenter, len(phones), len(pages), screenshot)
    agreed = consensus_on_three(dashboard, screenshot)
    release_and_close(dashboard, pages[0], late, screenshot)
    screenshot(presenter, "workshop-10-presenter-closed")

    recorded = workshops.consensus(workshop.id)
    assert set(recorded) == set(agreed) and len(set(agreed)) == 3
    assert all(c.answer == "2" for c in recorded.values())
    assert not workshops.workshop(workshop.id).is_open
    participants = workshops.participants(workshop.id)
    assert sum(p.submitted_at is not None for p in participants) == len(pages)
    for page, pick in zip(pages, picks, strict=True):
        assert workshops.open(token_of(page)).answers == choices(pick)
    assert workshops.open(token_of(late)).submitted_at is None
    # The presenter never holds the secret; the dashboard keeps it out of the address bar and
    # out of sight (it can be copied again from a closed panel of the "Manage" tab).
    assert secret not in presenter.url and secret not in presenter.content()
    assert secret not in dashboard.url and secret not in dashboard.inner_text("body")


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
        # clicks every answer), then click through to step 4 and submit.
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
        if restarted == base:
            # The open dashboard reconnects by itself. The secret lived only in the old
            # session (it never stays in the address bar), so it asks for the link again
            # and shows nothing of the workshop.
            expect(dashboard.locator(IDLE)).to_have_count(1, timeout=30_000)
            expect(dashboard.get_by_test_id("stMetric")).to_have_count(0)
            assert workshop.code not in dashboard.locator("body").inner_text()
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
    dashboard.get_by_role("button", name="Yes, close it", exact=True).click()  # it asks first
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
    screenshot(page, "workshop-closed-questionnaire")
    page.goto(f"/questionnaire?a={a['token']}&step={STEPS}&lang=en")
    expect_progress(page, "en", step=STEPS, answered=len(a["answers"]))
    expect(page.locator(".st-key-finish").get_by_role("button")).to_be_disabled()
    assert fingerprint(workshops) == closed
    assert answer_count(workshops) == len(closed["answers"])
