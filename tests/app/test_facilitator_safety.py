"""The facilitator's screens on a projector and at hand-over (usability test UX2, findings
1, 2 and 5): the secret link is never beside what is meant for projecting, a new firm's
link survives the dashboard's refresh until acknowledged and is never made twice, and k
is lowered mid-workshop only after a confirmation that names the exposed roles."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from huigui.records import WorkshopRecord
from huigui.store import WorkshopStore, connect
from huigui.store.models import Firm
from scoring import Bank

from .test_workshop_pages import ROLES, page, wstore

__all__ = ["wstore"]  # the fixture


def _submitted(wstore: WorkshopStore, bank: Bank, roles: list[str]) -> tuple[WorkshopRecord, str]:
    """A workshop (k = 3) where one person per entry of ``roles`` joined and submitted."""
    workshop, secret = wstore.create_workshop(bank, "ACME", ["en"], ROLES)
    for role in roles:
        record, _ = wstore.join(bank, workshop.code, role, "en")
        wstore.submit(record.id, {i.id: "2" for i in bank.items})
    return workshop, secret


def _firms(db_url: str) -> int:
    with Session(connect(db_url)) as s:
        return int(s.execute(select(func.count()).select_from(Firm)).scalar_one())


def test_created_page_keeps_the_secret_folded_away_from_the_qr(db_url: str) -> None:
    """After creating, nothing outside a "do not project" expander holds the secret, the
    page does not ask to be projected, and it points to the presenter view instead."""
    at = page("workshop_new")
    at.text_input(key="w_firm").input("ACME")
    at.button[0].click().run()
    folded = [e for e in at.expander if "do not project" in e.label]
    assert len(folded) == 1
    secret_link = folded[0].code[0].value
    assert "/facilitate?" in secret_link and "s=" in secret_link
    outside = [c.value for c in at.code if c.value != secret_link]
    assert outside and all("s=" not in v for v in outside)  # the join link only
    assert len([c for c in at.code if c.value == secret_link]) == 1
    words = " ".join(
        str(e.value) for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind)
    )
    assert "Project this code" not in words
    assert "Do not project this page" in words
    assert any("/present?code=" in b.proto.url for b in at.get("link_button"))


def test_new_firm_link_survives_refresh_until_acknowledged(
    db_url: str, wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    """The new firm link stays through reruns (the tab refreshes every 5 s) until "done";
    saving again without the firm's link makes no second firm."""
    workshop, secret = _submitted(wstore, bundled_bank, ["executive"] * 3)
    dash = page("facilitate", w=workshop.id, s=secret)
    dash.button(key="save_firm").click().run()
    assert _firms(db_url) == 1

    def firm_links() -> list[str]:
        return [c.value for c in dash.code if "/history?f=" in c.value]

    assert len(firm_links()) == 1
    link = firm_links()[0]
    for _ in range(3):  # refreshes
        dash.run()
        assert firm_links() == [link]
    assert dash.button(key="save_firm").disabled
    other = page("facilitate", w=workshop.id, s=secret)  # another tab or device
    assert other.button(key="save_firm").disabled
    dash.button(key="save_firm_kept").click().run()
    assert firm_links() == []
    dash.run()
    assert firm_links() == []
    assert dash.button(key="save_firm").disabled
    assert any("already in a firm's history" in i.value for i in dash.info)
    # with the firm's link pasted, a second save goes into the same firm
    dash.text_input(key="client_firm_link").input(link).run()
    dash.button(key="save_firm").click().run()
    assert _firms(db_url) == 1
    assert not dash.exception


def test_lowering_k_after_joining_needs_confirmation_naming_roles(
    wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    """k 3 → 2 with two front-line people waits for a confirmation naming Front line; k
    goes up at once; k = 1 asks for no checkbox that is not there."""
    workshop, secret = _submitted(wstore, bundled_bank, ["executive", "front_line", "front_line"])
    dash = page("facilitate", w=workshop.id, s=secret)
    dash.number_input(key="manage_k").set_value(2).run()
    assert wstore.workshop(workshop.id).min_group == 3
    warning = next(w.value for w in dash.warning if "Lower k from 3 to 2" in w.value)
    assert "Front line" in warning and "Executive" not in warning
    dash.button(key="k_keep").click().run()
    assert wstore.workshop(workshop.id).min_group == 3
    assert dash.number_input(key="manage_k").value == 3
    dash.number_input(key="manage_k").set_value(4).run()
    assert wstore.workshop(workshop.id).min_group == 4
    dash.number_input(key="manage_k").set_value(1).run()
    assert wstore.workshop(workshop.id).min_group == 4
    warning = next(w.value for w in dash.warning if "Lower k from 4 to 1" in w.value)
    assert "Executive" in warning and "Front line" in warning and "k = 1" in warning
    dash.button(key="k_confirm").click().run()
    assert wstore.workshop(workshop.id).min_group == 1
    assert not any("Tick" in w.value for w in dash.warning)
    assert not dash.exception


def test_k_lowers_at_once_before_anyone_joined_but_not_below_2(
    wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    workshop, secret = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    dash = page("facilitate", w=workshop.id, s=secret)
    dash.number_input(key="manage_k").set_value(2).run()
    assert wstore.workshop(workshop.id).min_group == 2
    dash.number_input(key="manage_k").set_value(1).run()
    assert wstore.workshop(workshop.id).min_group == 2
    assert any("k = 1" in w.value for w in dash.warning)
