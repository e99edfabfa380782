"""The presenter's spotlight and the rounds tab through AppTest: the facilitator puts one
item's round-1 distribution on the projected screen, takes it off, opens round 2."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from huigui.store import Store, WorkshopStore, connect
from scoring import Bank

from .test_workshop_pages import ROLES, page, participant, wstore

__all__ = ["wstore"]  # the fixture, used by name


def bars(at: AppTest) -> list[list[int]]:
    """The y values of every bar chart on the page."""
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [d["y"] for s in specs for d in s["data"] if d.get("type") == "bar"]


def test_spotlight_shows_one_items_distribution_then_the_join_screen_again(
    wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    """Three people submitted (levels 3, 2, 2): the presenter screen shows item D1.1's
    distribution of round 1 instead of the QR, with no secret on it; "hide" brings the join
    screen back."""
    workshop, secret = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    participant(workshop.code, "executive", 3)
    participant(workshop.code, "front_line", 2)
    participant(workshop.code, "front_line", 2)
    item = bundled_bank.items[0].id

    before = page("present", code=workshop.code)
    assert before.get("image") and bars(before) == []  # the QR, no distribution

    dash = page("facilitate", w=workshop.id, s=secret)
    dash.selectbox(key="spot_item").set_value(item)
    dash.selectbox(key="spot_round").set_value(1)
    dash.button(key="spot_show").click().run()
    assert not dash.exception
    assert wstore.workshop(workshop.id).spotlight == (1, item)

    shown = page("present", code=workshop.code)
    levels = len(bundled_bank.item(item).levels)
    assert bars(shown) == [[0, 0, 2, 1, *[0] * (levels - 4), 0, 0]]
    assert not shown.get("image")
    everything = json.dumps([m.value for m in shown.markdown] + [c.value for c in shown.caption])
    assert secret not in everything and workshop.id not in everything

    dash.button(key="spot_hide").click().run()
    assert wstore.workshop(workshop.id).spotlight is None
    after = page("present", code=workshop.code)
    assert after.get("image") and bars(after) == []


def test_spotlight_waits_for_k_people(
    db_url: str, wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    """With two of k = 3 submitted, the spotlight says how many are missing and shows no
    distribution (it would expose two people's answers)."""
    workshop, _ = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    participant(workshop.code, "executive", 3)
    participant(workshop.code, "front_line", 1)
    Store(connect(db_url)).set_spotlight(workshop.id, (1, bundled_bank.items[0].id))
    shown = page("present", code=workshop.code)
    assert bars(shown) == []
    assert any("at least 3 people have submitted (now 2)" in m.value for m in shown.markdown)


def test_rounds_tab_opens_round_two_for_the_chosen_items(
    wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    """The rounds tab opens round 2; round 1's submissions stay and the tab then counts
    round-2 submissions against them."""
    workshop, secret = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    for role, level in (("executive", 4), ("front_line", 0), ("front_line", 2)):
        participant(workshop.code, role, level)
    dash = page("facilitate", w=workshop.id, s=secret)
    chosen = [bundled_bank.items[0].id, bundled_bank.items[-1].id]
    dash.radio(key="r2_scope").set_value("chosen").run()
    dash.multiselect(key="r2_items").set_value(chosen).run()
    dash.button(key="r2_open").click().run()
    assert not dash.exception
    opened = wstore.workshop(workshop.id)
    assert opened.round == 2
    assert [i.id for i in bundled_bank.items if opened.in_round(i.id)] == chosen
    assert wstore.participants(workshop.id) and all(
        p.submitted_at is not None for p in wstore.participants(workshop.id)
    )
    assert "0 / 3" in [m.value for m in dash.metric]
