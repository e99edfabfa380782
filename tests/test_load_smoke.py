"""A workshop in small through the real server's WebSocket (``bench/ws_load.py`` in small).

Six simulated participants join by code, answer every question, press Next on every step
and submit, while the facilitator's dashboard refreshes by itself; the store must hold every
answer set once, and no script run may have shown an exception.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.ws_load import Config, Pace, check, crowd, huigui, open_workshop
from huigui.i18n import t
from huigui.store import Store, connect
from scoring import bundled_bank_path, load_bank

from .support.stclient import Browser

pytestmark = pytest.mark.slow

PARTICIPANTS = 6


def test_six_participants_and_a_dashboard_through_the_websocket(tmp_path: Path) -> None:
    """Every answer set stored exactly once and submitted, the dashboard counts them all,
    and neither a participant's nor the dashboard's runs raised."""
    url = f"sqlite:///{tmp_path / 'huigui.db'}"
    engine = connect(url)  # migrated before the server starts
    store = Store(engine)
    workshop = open_workshop(store, "Smoke Co")
    config = Config(participants=PARTICIPANTS, pace=Pace(0.0, 0.02), arrival=1.0)
    with huigui(url, tmp_path / "server.log") as server:
        # a thread of its own: the browser tests' Playwright keeps an event loop running
        # in this one for the whole session
        with ThreadPoolExecutor(1) as pool:
            run = pool.submit(asyncio.run, crowd([server.url], server.url, workshop, config))
            tabs, board = run.result()
        logged = server.problems()
    counts = check(store, workshop.id, tabs)
    engine.dispose()

    items = len(load_bank(bundled_bank_path()).items)
    assert [tab.failure for tab in tabs if tab.failure] == []
    assert [len(tab.answers) for tab in tabs] == [items] * PARTICIPANTS
    assert counts.agree, counts
    assert [tab.submit is not None for tab in tabs] == [True] * PARTICIPANTS
    assert [e for tab in tabs for e in tab.exceptions] == []
    assert [e for tab in tabs for e in tab.errors] == []
    assert board.failure is None
    assert board.exceptions == [] and board.errors == []
    assert board.refreshes, "the dashboard never refreshed by itself"
    shown = {t("f.joined", "en"): str(PARTICIPANTS), t("f.finished", "en"): str(PARTICIPANTS)}
    assert board.metrics == shown
    assert logged == []


def test_the_client_sees_an_exception_element() -> None:
    """The check above is not blind: an exception delta in a run is reported by it."""
    browser = Browser()
    browser.rerun()
    shown = ForwardMsg()
    shown.delta.new_element.exception.type = "KeyError"
    shown.delta.new_element.exception.message = "'x'"
    finished = ForwardMsg()
    finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    browser.apply(shown, 0.0)
    run = browser.apply(finished, 0.0)
    assert run is not None
    assert run.exceptions == ["KeyError: 'x'"]
