"""Workshop pages through AppTest: create, join, answer, submit, facilitate, consensus."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from huigui.records import ConsensusEntry
from huigui.store import WorkshopStore, connect
from scoring import Bank

from ..conftest import ROOT

ROLES = ["executive", "front_line"]


@pytest.fixture
def wstore(db_url: str) -> WorkshopStore:
    return WorkshopStore(connect(db_url))


def page(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "en", **params})
    at.run()
    return at.switch_page(f"huigui/app/pages/{name}.py").run()


def participant(code: str, role: str, level: int) -> AppTest:
    """Join by code, answer every item at ``level`` and submit."""
    at = page("join", code=code)
    at.selectbox(key="join_role").select(role)
    at.button[0].click().run()
    at.switch_page("huigui/app/pages/questionnaire.py").run()
    for _ in range(4):
        for radio in at.radio:
            if radio.key and radio.key.startswith("ans:"):
                radio.set_value(level)
        at.run()
        next(b for b in at.button if b.key in ("next", "finish")).click().run()
    assert not at.exception
    return at


def test_create_workshop_shows_code_qr_and_secret_once(db_url: str, wstore: WorkshopStore) -> None:
    """Creating shows the secret link, the participant code, the join link and a QR image."""
    at = page("workshop_new")
    at.text_input(key="w_firm").input("ACME")
    at.button[0].click().run()
    assert "Workshop created." in [s.value for s in at.success]
    secret_link, join_link = (c.value for c in at.code[:2])
    params = dict(parse_qsl(secret_link.split("?")[1]))
    workshop = wstore.facilitate(params["w"], params["s"])
    assert join_link.endswith(f"/join?code={workshop.code}")
    assert at.get("imgs") or at.get("image")  # the QR code
    at.button(key="open_dashboard").click().run()
    assert at.title[0].value == "Workshop ACME"


def test_create_needs_firm_and_role(db_url: str) -> None:
    """Missing firm name and roles are reported; nothing is created."""
    at = page("workshop_new")
    at.multiselect(key="w_roles").set_value([])
    at.button[0].click().run()
    errors = [e.value for e in at.error]
    assert "Please enter the firm name." in errors and "Choose at least one role." in errors


def test_join_unknown_and_closed(wstore: WorkshopStore, bundled_bank: Bank) -> None:
    """A garbage code and a closed workshop each get a clear message and no form."""
    at = page("join", code="ZZZZZZ")
    assert "No workshop has this code" in at.error[0].value
    workshop, _ = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    wstore.set_status(workshop.id, status="closed")
    at = page("join", code=workshop.code)
    assert "This workshop is closed" in at.warning[0].value
    assert "join_role" not in [s.key for s in at.selectbox]


def test_participants_dashboard_and_consensus(wstore: WorkshopStore, bundled_bank: Bank) -> None:
    """Three participants submit; the dashboard shows them; the lone executive and the two
    front-line people (each fewer than k = 3) show only together as "Other roles";
    consensus is saved."""
    workshop, secret = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES, {"D1": 60.0})
    first = participant(workshop.code, "executive", 3)
    assert "The group result appears here once the facilitator releases it." in [
        i.value for i in first.switch_page("huigui/app/pages/results.py").run().info
    ]
    participant(workshop.code, "front_line", 2)
    participant(workshop.code, "front_line", 2)
    dash = page("facilitate", w=workshop.id, s=secret)
    assert not dash.exception
    assert [m.value for m in dash.metric][:2] == ["3", "3"]
    counts = dash.dataframe[0].value
    assert sorted(counts.iloc[:, 1]) == [1, 2]
    radar = dash.get("plotly_chart")[0]
    import json

    names = [d.get("name") for d in json.loads(radar.proto.spec)["data"]]
    assert {"Group mean", "Other roles", "Target", "Min–max"} <= set(names)
    assert "Executive" not in names and "Front line" not in names
    assert any("shown together as 'Other roles'" in c.value for c in dash.caption)
    dims = dash.dataframe[1].value
    # executive 75 everywhere, front line 50 twice (level 2 is no trap level) → 175/3
    assert float(dims.iloc[0, 2]) == pytest.approx(175 / 3, abs=0.05)
    dash.selectbox(key="cons_item").set_value("D1.1").run()
    dash.radio(key="cons:D1.1").set_value(2).run()
    dash.text_input(key="note:D1.1").input("middle ground").run()
    assert wstore.consensus(workshop.id)["D1.1"] == ConsensusEntry("2", "middle ground")
    # "not applicable" only where the question says when (D1.1 does, D1.11 does not)
    assert len(dash.radio(key="cons:D1.1").options) == 1 + 6 + 2  # none, levels, trap, na, dk
    dash.selectbox(key="cons_item").set_value("D1.11").run()
    assert len(dash.radio(key="cons:D1.11").options) == 1 + 5 + 1  # none, levels, dk
    dash.selectbox(key="cons_item").set_value("D1.1").run()
    dash.button(key="release").click().run()
    assert wstore.workshop(workshop.id).released
    shown = first.switch_page("huigui/app/pages/results.py").run()
    assert "The group's result" in [s.value for s in shown.subheader]
    assert len(shown.get("plotly_chart")) == 2  # own radar and the group radar (no targets)


def test_wrong_secret_shows_nothing(wstore: WorkshopStore, bundled_bank: Bank) -> None:
    """Without the right secret the dashboard shows a message and no data at all."""
    workshop, _ = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    participant(workshop.code, "executive", 2)
    for params in ({"w": workshop.id, "s": "wrong"}, {"w": workshop.id}, {}):
        at = page("facilitate", **params)
        assert not at.dataframe and not at.get("plotly_chart") and not at.metric
        assert at.error or at.info


def test_closed_workshop_freezes_the_questionnaire(
    wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    """After closing, a returning participant sees disabled answers and a message."""
    workshop, secret = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    at = participant(workshop.code, "executive", 2)
    token = at.query_params["a"]
    dash = page("facilitate", w=workshop.id, s=secret)
    dash.button(key="close").click().run()
    back = page("questionnaire", a=token)
    assert "This workshop is closed" in back.warning[0].value
    assert all(r.disabled for r in back.radio)
