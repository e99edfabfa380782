"""Workshop pages through AppTest: create, join, answer, submit, facilitate, consensus."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from huigui.records import ConsensusEntry
from huigui.store import WorkshopStore, connect
from scoring import Bank

from ..conftest import ROOT
from ..support.rooms import submitted_room

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
    join_link = at.code[0].value
    secret_link = next(e for e in at.expander if "do not project" in e.label).code[0].value
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


def test_join_offers_only_the_workshop_languages_on_the_page(
    wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    """A phone set to a language the workshop does not offer (zh-Hans for a zh-Hant and English
    workshop) opens the join page in the first offered language, with the offered languages
    as a choice on the page itself, not only in the sidebar; choosing one switches the page;
    a workshop in one language names it and offers no choice."""
    workshop, _ = wstore.create_workshop(bundled_bank, "ACME", ["zh-Hant", "en"], ROLES)
    at = page("join", code=workshop.code, lang="zh-Hans")
    assert not at.exception
    choice = at.radio(key="join_lang")
    assert (choice.options, choice.value) == (["繁體中文", "English"], "zh-Hant")
    assert at.query_params["lang"] == "zh-Hant"
    assert at.title[0].value == "加入研討會"
    choice.set_value("en").run()
    assert (at.radio(key="join_lang").value, at.title[0].value) == ("en", "Join a workshop")
    assert at.query_params["lang"] == "en"
    single, _ = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    at = page("join", code=single.code, lang="zh-Hant")
    assert "join_lang" not in [r.key for r in at.radio]
    assert any("English" in c.value for c in at.caption)


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


def _group_mean(at: AppTest) -> list[float]:
    """The r values of the first "Group mean" trace on the page."""
    import json

    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            if trace.get("name") == "Group mean":
                return [round(float(r), 6) for r in trace["r"]]
    raise AssertionError("no group mean on the page")


def test_presenter_and_participants_follow_the_latest_round(
    db_url: str, wstore: WorkshopStore, bundled_bank: Bank
) -> None:
    """Four people answer level 1 and the result is released; in round 2 three of them move
    to level 3. Until k = 3 submitted round 2 the presenter and a participant's results page
    show round 1, labelled; then both show round 2, labelled, the figures the round-2
    dashboard and report use. Closing changes nothing."""
    from huigui.store import Store
    from huigui.workshop import snapshot

    s = Store(connect(db_url))
    workshop, _ = wstore.create_workshop(bundled_bank, "ACME", ["en"], ROLES)
    people = submitted_room(s, bundled_bank, workshop.code, 4, "1")
    s.set_status(workshop.id, released=True)
    s.open_round(workshop.id)

    def radar(round_: int) -> list[float]:
        snap = snapshot(
            bundled_bank, s.workshop(workshop.id), s.participants(workshop.id), {}, round_
        )
        means = [round(float(m), 6) for m in snap.means() if m is not None]
        return [*means, means[0]]

    def shown(name: str, **params: str) -> tuple[list[str], list[float]]:
        at = page(name, **params)
        assert not at.exception
        return [c.value for c in at.caption], _group_mean(at)

    for person, _ in people[:2]:
        s.save_round_answer(person, bundled_bank.items[0].id, "3")
        s.submit_round(person)
    for name, params in (("present", {"code": workshop.code}), ("results", {"a": people[0][1]})):
        captions, means = shown(name, **params)
        assert "Round 1 answers · 4 people submitted" in captions
        assert means == radar(1)
    s.save_round_answer(people[2][0], bundled_bank.items[0].id, "3")
    for item in bundled_bank.items[1:]:
        for person, _ in people[:3]:
            s.save_round_answer(person, item.id, "3")
    s.submit_round(people[2][0])
    assert radar(2) != radar(1)
    for closed in (False, True):
        if closed:
            s.set_status(workshop.id, status="closed")
        for name, params in (
            ("present", {"code": workshop.code}),
            ("results", {"a": people[3][1]}),
        ):
            captions, means = shown(name, **params)
            assert "Round 2 answers · 3 people submitted" in captions
            assert means == radar(2)


def test_presenter_counts_roles_of_k_in_configured_order(db_url: str, bundled_bank: Bank) -> None:
    """Joined in the order front line, IT, executive, partner (k = 3): the presenter shows
    lines for the executives and the front line, in the workshop's order, and counts the
    lone IT person and the two partners only in the totals (no line, no "other" line)."""
    from huigui.store import Store

    s = Store(connect(db_url))
    roles = ["executive", "middle_manager", "front_line", "it_digital", "partner"]
    workshop, _ = s.create_workshop(bundled_bank, "ACME", ["en"], roles)
    joined = ["front_line"] * 3 + ["it_digital"] + ["executive"] * 3 + ["partner"] * 2
    for n, role in enumerate(joined):
        record, _ = s.join(bundled_bank, workshop.code, role, "en")
        if n in (0, 3):  # a front-line person and the IT person submit
            s.submit(record.id)
    at = page("present", code=workshop.code)
    assert not at.exception
    lines = [m.value for m in at.markdown if "joined" in m.value]
    assert [line.split(">", 1)[1].split("<")[0] for line in lines] == [
        "9 joined · 2 submitted",
        "Executive: 3 joined · 0 submitted",
        "Front line: 3 joined · 1 submitted",
    ]
