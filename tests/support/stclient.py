"""A minimal Streamlit client speaking the server's own WebSocket protocol (protobuf
``BackMsg`` up, ``ForwardMsg`` down): enough to open pages, set widgets, press buttons and
keep fragments refreshing without a browser, for tests and load benches that must go
through the real server.

:class:`Browser` is what a Streamlit frontend keeps between messages, without any I/O: the
page it is on (``navigation`` and ``new_session`` say which), the query string
(``page_info_changed``), the element tree (``delta`` messages by ``delta_path``, stale
nodes dropped when a run completes, as the frontend's ``clearStaleNodes`` does), the widget
states it sends back with every rerun (the full set of widgets on screen, as the frontend's
``WidgetStateManager`` does; form fields held back until their form is submitted), the
fragments that asked to rerun by themselves (``auto_rerun``) and the message cache
(``cached_message_hashes`` up, ``ref_hash`` down). :class:`Session` drives it over a
synchronous connection, :class:`AsyncSession` over asyncio (many sessions in one thread).

Only the widget kinds Huigui's flows touch are encoded (radio, selectbox, text input and
area, checkbox and toggle, number input, buttons); the state of any other widget is not
sent, so the server keeps its previous value, as it does for a value the browser leaves out.

This module is the client's public face; the code lives in its parts:

* :mod:`.stclient_widgets`: widgets on screen, their states, and the client's error;
* :mod:`.stclient_run`: one script run as the client saw it (:class:`Run`);
* :mod:`.stclient_browser`: the frontend's state between messages (:class:`Browser`);
* :mod:`.stclient_session`: connections that drive a browser, blocking and on asyncio.
"""

from __future__ import annotations

from .stclient_browser import COMPLETED, Browser, Node
from .stclient_run import Run
from .stclient_session import AsyncSession, Session, async_session, session
from .stclient_widgets import (
    BOOL_WIDGETS,
    OPTION_WIDGETS,
    TEXT_WIDGETS,
    TRIGGER_WIDGETS,
    StreamlitClientError,
    Widget,
    encode,
    initial_state,
)

__all__ = [
    "BOOL_WIDGETS",
    "COMPLETED",
    "OPTION_WIDGETS",
    "TEXT_WIDGETS",
    "TRIGGER_WIDGETS",
    "AsyncSession",
    "Browser",
    "Node",
    "Run",
    "Session",
    "StreamlitClientError",
    "Widget",
    "async_session",
    "encode",
    "initial_state",
    "session",
]
