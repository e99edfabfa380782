"""AppTest helpers: a fresh app on a fresh SQLite database per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from huigui.store import AssessmentStore, Store, connect

from ..conftest import ROOT

AppFactory = Callable[..., AppTest]


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("HUIGUI_DATABASE_URL", url)
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()


@pytest.fixture
def store(db_url: str) -> AssessmentStore:
    return Store(connect(db_url))


@pytest.fixture
def app(db_url: str) -> AppFactory:
    """Start the app (optionally with query parameters) and run it once."""

    def start(**params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return start


def begin(at: AppTest, firm: str = "ACME", industry: str | None = "C") -> AppTest:
    """From the home page through the profile form to the questionnaire."""
    at.button(key="start").click().run()
    at.text_input(key="firm_name").input(firm)
    if industry:
        at.selectbox(key="industry").select(industry)
    at.button[0].click().run()
    assert not at.exception
    return at


def answer_step(at: AppTest, choose: Callable[[str], object]) -> AppTest:
    """Answer every item shown on this step with ``choose(item_id)``."""
    for radio in at.radio:
        if radio.key and radio.key.startswith("ans:"):
            radio.set_value(choose(radio.key[4:]))
    return at.run()


def answer_all(at: AppTest, choose: Callable[[str], object]) -> AppTest:
    """Answer all four steps and open the results."""
    for _ in range(4):
        answer_step(at, choose)
        button = next(b for b in at.button if b.key in ("next", "finish"))
        button.click().run()
        assert not at.exception, at.exception
    return at
