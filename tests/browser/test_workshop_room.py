"""A workshop in the room, in a real browser: created by clicking, six phones and a late
one join by the QR code, the presenter view stays projected, every dashboard tab catches up
without a reload, consensus on three items, release and close."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from huigui.store import WorkshopStore

from ..support.browser_assessment import (
    STEPS,
    Pick,
    choices,
    press,
    query,
    token_of,
)
from ..support.browser_workshop import (
    REFRESH,
    W,
    answer_together,
    expect_counts,
    h1,
    join_together,
    level_pick,
    live,
    next_together,
    panel,
)
from .conftest import LAN, PHONE, Browsing, Shoot, wait_idle

pytestmark = pytest.mark.browser


#: Six phones; the IT person is alone in their role, the front line are two (k = 3).
ROOM = ("Executive", "Executive", "Executive", "Front line", "Front line", "IT / digital")


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
    expect(links.filter(visible=True)).to_have_count(1)  # the secret is folded away
    page.get_by_text("Facilitator link (do not project)", exact=True).click()
    expect(links.filter(visible=True)).to_have_count(2)
    join, facilitator = (link.inner_text().strip() for link in links.all())
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
