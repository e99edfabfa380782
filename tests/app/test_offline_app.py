"""The app keeps Streamlit's address look-ups off the network however the server started."""

from __future__ import annotations

import pytest
from streamlit import net_util

from huigui.net import lan_address

from .conftest import AppFactory


def test_the_app_replaces_streamlits_public_address_lookup(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after a bare ``streamlit run app.py``: the stock look-ups would ask
    checkip.amazonaws.com and "connect" to 8.8.8.8; once the app has run, neither is left."""

    def asks_the_internet() -> str:
        raise AssertionError("a stock Streamlit look-up was called")

    monkeypatch.setattr(net_util, "get_external_ip", asks_the_internet)
    monkeypatch.setattr(net_util, "get_internal_ip", asks_the_internet)
    at = app(lang="en")
    assert not at.exception
    assert net_util.get_external_ip() is None
    assert net_util.get_internal_ip() == lan_address()
