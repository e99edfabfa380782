"""The join link and QR code carry an address phones can reach, and say so when there is none."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from streamlit.testing.v1 import AppTest

from huigui.app import urls
from huigui.app.widgets import qr_png

from ..conftest import ROOT


def _created(monkeypatch: pytest.MonkeyPatch, lan: str | None) -> AppTest:
    monkeypatch.setattr(urls, "lan_address", lambda: lan)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("huigui/app/pages/workshop_new.py").run()
    at.text_input(key="w_firm").input("ACME")
    at.button[0].click().run()
    assert not at.exception
    return at


def decode(png: bytes) -> str:
    """The text of the one QR code in a PNG."""
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1
    return str(found[0].text)


@pytest.mark.usefixtures("db_url")
def test_join_link_uses_the_lan_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reached on localhost, the join link (and its QR code) use the machine's LAN address."""
    at = _created(monkeypatch, "192.0.2.77")
    join = next(c.value for c in at.code if "/join?code=" in c.value)
    assert join.startswith("http://192.0.2.77:8501/join?code=")
    assert not at.error
    assert decode(qr_png(join)) == join


@pytest.mark.usefixtures("db_url")
def test_loopback_only_is_said_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no LAN address the page says phones cannot reach the link, and what to do."""
    at = _created(monkeypatch, None)
    assert any("only works on this computer" in e.value for e in at.error)


@pytest.mark.usefixtures("db_url")
def test_public_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    """HUIGUI_PUBLIC_URL (a server behind a proxy) is the base of the join link."""
    import streamlit as st

    monkeypatch.setenv("HUIGUI_PUBLIC_URL", "https://huigui.example.com/")
    st.cache_resource.clear()
    at = _created(monkeypatch, "192.0.2.77")
    join = next(c.value for c in at.code if "/join?code=" in c.value)
    assert join.startswith("https://huigui.example.com/join?code=")
