"""Who may see what: every kind of visitor against every kind of data, allowed or denied.

The world: firm ACME with two assessments (the second one's link held by A, the firm link
held by F); a *different* firm also called ACME (N holds its links); a workshop for ACME
with k = 3 where P1, P3, P4 are executives and P2 is the only IT person, all submitted,
with a consensus on one item and the result released; consultant C1 owns the workshop,
C2 does not. Each visitor holds only their own links. Each cell of the matrix is asserted
twice: with the visitor's credentials through the store API, and through the pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from huigui.records import Profile
from huigui.store import Store, connect
from huigui.workshop import snapshot
from scoring import Bank, NotFoundError, load_bank
from scoring.assess import assess

from .conftest import ROOT

KINDS = [
    "a_holder",
    "firm_holder",
    "namesake",
    "participant",
    "other_participant",
    "facilitator",
    "consultant_own",
    "consultant_other",
    "presenter",
    "join_code",
    "nobody",
]
DATA = [
    "A's answers",
    "P2's answers",
    "ACME history",
    "previous trace",
    "group aggregate",
    "a role of fewer than k",
    "raw export",
    "consensus",
]


@dataclass
class World:
    store: Store
    bank: Bank
    creds: dict[str, dict[str, str]] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)


def _answers(bank: Bank, level: int) -> dict[str, str]:
    return {i.id: str(level) for i in bank.items}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The world of the module docstring, in one SQLite database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('access') / 'huigui.db'}"
    store, bank = Store(connect(url)), load_bank(ROOT / "questions" / "industrial-internet.yaml")
    w = World(store, bank, ids={"url": url})
    first, first_token = store.create(bank, Profile("ACME", "C"), "en")
    store.complete(first.id, assess(bank, _answers(bank, 1)).summary())
    firm_token = store.issue_firm_link(first_token)
    firm = store.open_firm(firm_token)
    second, a_token = store.create(bank, Profile("ACME", "C"), "en", firm_id=firm.id)
    for item, level in _answers(bank, 3).items():
        store.save_answer(second.id, item, level)
    store.complete(second.id, assess(bank, _answers(bank, 3)).summary())
    _, n_token = store.create(bank, Profile("ACME", "C"), "en")
    n_firm = store.issue_firm_link(n_token)
    c1 = store.add_consultant("Consultant One", "correct horse battery")
    store.add_consultant("Consultant Two", "another long secret")
    workshop, secret = store.create_workshop(
        bank, "ACME", ["en"], ["executive", "it_digital"], options=_options(c1.id)
    )
    tokens = {}
    for name, role, level in (
        ("P1", "executive", 2),
        ("P2", "it_digital", 4),
        ("P3", "executive", 1),
        ("P4", "executive", 2),
    ):
        record, tokens[name] = store.join(bank, workshop.code, role, "en", name=f"Name {name}")
        store.submit(record.id, _answers(bank, level))
        w.ids[name] = record.id
    store.record_consensus(workshop.id, "D1.1", "2", "agreed after debate")
    store.set_status(workshop.id, released=True)
    w.ids.update(A=second.id, firm=firm.id, workshop=workshop.id, code=workshop.code)
    w.creds = {
        "a_holder": {"a": a_token},
        "firm_holder": {"f": firm_token},
        "namesake": {"a": n_token, "f": n_firm},
        "participant": {"a": tokens["P1"]},
        "other_participant": {"a": tokens["P2"]},
        "facilitator": {"w": workshop.id, "s": secret},
        "consultant_own": {"login": "Consultant One", "password": "correct horse battery"},
        "consultant_other": {"login": "Consultant Two", "password": "another long secret"},
        "presenter": {"present": workshop.code},
        "join_code": {"code": workshop.code},
        "nobody": {},
    }
    yield w
    store.engine.dispose()


def _options(consultant_id: str) -> Any:
    from huigui.store import WorkshopOptions

    return WorkshopOptions(min_group=3, consultant_id=consultant_id)


#: The matrix: the visitors allowed each piece of data (everyone else is denied).
ALLOWED = {
    "A's answers": {"a_holder", "firm_holder"},
    "P2's answers": {"other_participant"},
    "ACME history": {"firm_holder"},
    "previous trace": {"firm_holder"},
    # The presenter view needs only the code (it shows what may be projected): whoever holds
    # the code sees the released group result, as the participants do.
    "group aggregate": {
        "facilitator",
        "consultant_own",
        "participant",
        "other_participant",
        "presenter",
        "join_code",
    },
    "a role of fewer than k": set(),
    "raw export": {"facilitator", "consultant_own"},
    "consensus": {"facilitator", "consultant_own"},
}
CELLS = [(kind, data, kind in ALLOWED[data]) for kind in KINDS for data in DATA]


# -- through the store API --------------------------------------------------------------------


def _facilitator_secret(w: World, creds: dict[str, str]) -> tuple[str, str] | None:
    """The (workshop, secret) a visitor can reach: their link, or as a consultant a new one."""
    if "s" in creds:
        return creds["w"], creds["s"]
    if "login" in creds:
        account = w.store.login(creds["login"], creds["password"])
        mine = w.store.consultant_workshops(account.id)
        if any(x.id == w.ids["workshop"] for x in mine):
            old = w.creds["facilitator"]["s"]
            new = w.store.replace_secret(w.ids["workshop"], account.id)
            with pytest.raises(NotFoundError):  # the old facilitator link stops working
                w.store.facilitate(w.ids["workshop"], old)
            w.creds["facilitator"]["s"] = new  # the facilitator is handed the new link
            return w.ids["workshop"], new
        with pytest.raises(NotFoundError):  # another's workshop: no new link for them
            w.store.replace_secret(w.ids["workshop"], account.id)
    return None


def store_view(w: World, creds: dict[str, str]) -> dict[str, Any]:
    """Everything the visitor's credentials open through the store's entry points."""
    seen: dict[str, Any] = {"records": [], "history": [], "previous": None, "snap": None}
    s = w.store
    if "a" in creds:
        seen["records"].append(s.open(creds["a"]))
    firm = s.open_firm(creds["f"]) if "f" in creds else None
    if firm is not None:
        seen["records"] += s.firm_assessments(firm)
        seen["history"] = s.history(firm)
    for record in list(seen["records"]):
        seen["previous"] = seen["previous"] or s.previous(record, firm)
        if record.workshop_id is not None:  # a participant: the group once released and ≥ k
            ws = s.workshop(record.workshop_id)
            snap = snapshot(w.bank, ws, s.participants(ws.id), {})
            seen["released"] = snap if ws.released and snap.enough else None
    if "present" in creds or "code" in creds:  # the code: counts and the released group
        ws = s.by_code(creds.get("present") or creds["code"])
        snap = snapshot(w.bank, ws, s.participants(ws.id), {})
        seen["released"] = snap if ws.released and snap.enough else None
        seen["counts"] = s.counts(ws.id)
    access = _facilitator_secret(w, creds)
    if access is not None:
        ws = s.facilitate(*access)
        seen["snap"] = snapshot(w.bank, ws, s.participants(ws.id), s.consensus(ws.id))
    return seen


def store_has(w: World, seen: dict[str, Any], data: str) -> bool:
    """Whether ``data`` is among what the visitor reached."""
    ids = {r.id for r in seen["records"]}
    group = seen["snap"] or seen.get("released")
    if data == "A's answers":
        return w.ids["A"] in ids
    if data == "P2's answers":
        return w.ids["P2"] in ids
    if data == "ACME history":
        return any(r.firm_id == w.ids["firm"] for r in seen["history"])
    if data == "previous trace":
        return seen["previous"] is not None
    if data == "group aggregate":
        return group is not None and group.stats.respondents >= 3
    if data == "a role of fewer than k":
        snaps = [x for x in (seen["snap"], seen.get("released")) if x is not None]
        return any(
            "it_digital" in x.by_role or "it_digital" in set(x.responses()["role"]) for x in snaps
        )
    if data == "raw export":
        return seen["snap"] is not None and len(seen["snap"].responses()) == 4
    return seen["snap"] is not None and bool(seen["snap"].consensus)


@pytest.mark.parametrize(("kind", "data", "allowed"), CELLS)
def test_store_access(world: World, kind: str, data: str, allowed: bool) -> None:
    """The visitor's credentials reach the data through the store exactly when allowed."""
    assert store_has(world, store_view(world, world.creds[kind]), data) is allowed


# -- through the pages ------------------------------------------------------------------------


def _app(
    world: World,
    page: str,
    params: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    prepare: Callable[[AppTest], None] | None = None,
) -> AppTest:
    monkeypatch.setenv("HUIGUI_DATABASE_URL", world.ids["url"])
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "en", **params})
    at.run()
    if prepare is not None:
        prepare(at)
    at.switch_page(f"huigui/app/pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _open_a(world: World) -> Callable[[AppTest], None]:
    """The firm holder opens A's assessment from the firm's history."""

    def prepare(at: AppTest) -> None:
        at.switch_page("huigui/app/pages/history.py").run()
        at.button(key=f"open:{world.ids['A']}").click().run()

    return prepare


def _login(world: World, creds: dict[str, str]) -> Callable[[AppTest], None]:
    def prepare(at: AppTest) -> None:
        at.switch_page("huigui/app/pages/consultant.py").run()
        at.text_input(key="c_name").input(creds["login"])
        at.text_input(key="c_password").input(creds["password"])
        at.button[0].click().run()
        buttons = [b for b in at.button if b.key and b.key.startswith("c_link:")]
        if buttons:
            buttons[0].click().run()
            link = next(c.value for c in at.code if "s=" in c.value)
            world.creds["facilitator"]["s"] = dict(parse_qsl(link.split("?")[1]))["s"]

    return prepare


def page_view(world: World, kind: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What the visitor sees on each page that could show the data (as plain text)."""
    creds = dict(world.creds[kind])
    prepare = (
        _login(world, creds)
        if "login" in creds
        else _open_a(world)
        if kind == "firm_holder"
        else None
    )
    params = {k: v for k, v in creds.items() if k in ("a", "f", "w", "s")}
    if "present" in creds:
        params["code"] = creds["present"]
    if "code" in creds:
        params["code"] = creds["code"]
    seen = {}
    for name in ("results", "history", "facilitate", "present"):
        # A facilitator link carries the secret to the dashboard only (its own page).
        own = params if name == "facilitate" else {k: v for k, v in params.items() if k != "s"}
        seen[name] = _text(_app(world, name, own, monkeypatch, prepare))
    return seen


def _text(at: AppTest) -> str:
    parts = [
        str(e.value)
        for e in (
            *at.markdown,
            *at.caption,
            *at.info,
            *at.error,
            *at.success,
            *at.warning,
            *at.subheader,
            *at.title,
        )
    ]
    traces = [
        d.get("name") for c in at.get("plotly_chart") for d in json.loads(c.proto.spec)["data"]
    ]
    parts += [f"@@trace {name}" for name in traces]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [f"@@columns {list(df.value.columns)}" for df in at.dataframe]
    parts += [p.proto.text for p in at.get("progress")]
    parts += [f"@@query {dict(at.query_params)}"]
    return "\n".join(parts)


def page_has(world: World, seen: dict[str, str], data: str) -> bool:
    """Whether ``data`` shows on the visitor's pages."""
    results, history, dash, present = (
        seen[k] for k in ("results", "history", "facilitate", "present")
    )
    if data == "A's answers":  # A answered level 3 everywhere: "3 · …" rows of the item table
        return "ACME" in results and results.count('"3 · ') >= 20
    if data == "P2's answers":  # P2 answered level 4 everywhere
        return results.count('"4 · ') >= 20
    if data == "ACME history":
        return history.count("completed") >= 2
    if data == "previous trace":
        return "Previous (" in results
    if data == "group aggregate":
        return any("@@trace Group mean" in text for text in (results, dash, present))
    if data == "a role of fewer than k":  # a trace, or a column of the role-gap tables
        return any(
            "@@trace IT / digital" in t or re.search(r"@@columns .*'IT / digital'", t)
            for t in (dash, present, results)
        )
    if data == "raw export":
        return "Export raw answers" in dash and "@@trace Group mean" in dash
    return f"1 of {len(world.bank.items)} items agreed" in dash


@pytest.mark.parametrize("kind", KINDS)
def test_page_access(world: World, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page the visitor opens with their own links shows exactly the allowed data,
    and no secret stays in an address bar."""
    seen = page_view(world, kind, monkeypatch)
    for data in DATA:
        assert page_has(world, seen, data) is (kind in ALLOWED[data]), (kind, data)
    for text in seen.values():
        assert "'s':" not in text.split("@@query")[-1]  # the facilitator secret left the URL
        assert "'f':" not in text.split("@@query")[-1]  # so did the firm link
