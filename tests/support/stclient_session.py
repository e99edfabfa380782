"""Connections to a Streamlit server that drive a :class:`Browser`: :class:`Session` over a
synchronous WebSocket, :class:`AsyncSession` over asyncio (many sessions in one thread), and
the context managers that open them (:func:`session`, :func:`async_session`)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection as AsyncConnection
from websockets.asyncio.client import connect as async_connect
from websockets.sync.client import ClientConnection, connect

from .stclient_browser import Browser
from .stclient_run import Run
from .stclient_widgets import StreamlitClientError

__all__ = ["AsyncSession", "Session", "async_session", "session"]


def _stream_url(base_url: str) -> str:
    return base_url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"


def _page_url(base_url: str, page: str, query: str) -> str:
    return f"{base_url.rstrip('/')}/{page}" + (f"?{query}" if query else "")


# -- synchronous ---------------------------------------------------------------------------


@dataclass
class Session:
    """One browser tab's worth of connection to a Streamlit server (blocking calls)."""

    ws: ClientConnection
    base_url: str = ""
    browser: Browser = field(default_factory=Browser)
    messages: list[ForwardMsg] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)

    def open(self, page: str = "", query: str = "", timeout: float = 30.0) -> Run:
        """The first run of a tab opened at ``/<page>?<query>``."""
        self.browser.page_name, self.browser.query_string = page, query
        return self._send(self.browser.rerun(url=_page_url(self.base_url, page, query)), timeout)

    def rerun(
        self, query_string: str = "", page_script_hash: str = "", timeout: float = 30.0
    ) -> list[ForwardMsg]:
        """Ask for a script run and collect what the server sends until it completes."""
        if query_string:
            self.browser.query_string = query_string
        msg = self.browser.rerun(page_script_hash=page_script_hash or None)
        return self._send(msg, timeout).messages

    def set(self, key: str, value: object, timeout: float = 30.0) -> Run | None:
        """Change a widget; the run it causes (None for a form field, which waits)."""
        msg = self.browser.change(key, value)
        return None if msg is None else self._send(msg, timeout)

    def click(self, key: str, timeout: float = 30.0) -> Run:
        """Press a button (a form's submit button sends the form)."""
        return self._send(self.browser.click(key), timeout)

    def rerun_fragment(self, fragment_id: str, timeout: float = 30.0) -> Run:
        """What a fragment's ``run_every`` timer sends."""
        msg = self.browser.rerun(fragment_id=fragment_id, is_auto_rerun=True)
        return self._send(msg, timeout)

    def _send(self, msg: BackMsg, timeout: float) -> Run:
        self.ws.send(msg.SerializeToString())
        return self.until_complete(timeout)

    def until_complete(self, timeout: float = 30.0) -> Run:
        """Messages up to the next completed ``script_finished``."""
        deadline = time.monotonic() + timeout
        while True:
            raw = self.ws.recv(timeout=max(0.01, deadline - time.monotonic()))
            run = self.browser.receive(raw if isinstance(raw, bytes) else raw.encode())
            if run is not None:
                self.runs.append(run)
                return run

    def until_finished(self, timeout: float = 30.0) -> list[ForwardMsg]:
        """Messages up to and including the next completed ``script_finished``."""
        return self.until_complete(timeout).messages


@contextlib.contextmanager
def session(base_url: str, origin: str | None = None) -> Iterator[Session]:
    """A connected session on ``base_url`` (``http://host:port``)."""
    headers = {"Origin": origin} if origin else None
    with connect(
        _stream_url(base_url),
        subprotocols=["streamlit"],  # type: ignore[list-item]
        additional_headers=headers,
        open_timeout=15,
        max_size=None,
    ) as ws:
        tab = Session(ws, base_url)
        tab.browser.log = tab.messages
        yield tab


# -- asyncio -------------------------------------------------------------------------------


@dataclass
class AsyncSession:
    """One browser tab on asyncio: a reader task applies every message as it arrives (so
    fragment timers and the person's clicks may overlap, as in a browser)."""

    ws: AsyncConnection
    base_url: str = ""
    browser: Browser = field(default_factory=Browser)
    runs: list[Run] = field(default_factory=list)
    completed: asyncio.Queue[Run] = field(default_factory=asyncio.Queue)
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    error: Exception | None = None

    async def read(self) -> None:
        """Apply messages until the connection closes (or a message cannot be followed)."""
        try:
            async for raw in self.ws:
                run = self.browser.receive(raw if isinstance(raw, bytes) else raw.encode())
                if run is not None:
                    self.runs.append(run)
                    self.completed.put_nowait(run)
        except Exception as exc:  # kept for the caller waiting on a run
            self.error = exc
        finally:
            self.closed.set()

    async def open(self, page: str = "", query: str = "", timeout: float = 60.0) -> Run:
        """The first run of a tab opened at ``/<page>?<query>``."""
        self.browser.page_name, self.browser.query_string = page, query
        msg = self.browser.rerun(url=_page_url(self.base_url, page, query))
        return await self._send(msg, timeout)

    async def set(self, key: str, value: object, timeout: float = 60.0) -> Run | None:
        """Change a widget; the run it causes (None for a form field, which waits)."""
        msg = self.browser.change(key, value)
        return None if msg is None else await self._send(msg, timeout)

    async def click(self, key: str, timeout: float = 60.0) -> Run:
        """Press a button (a form's submit button sends the form)."""
        return await self._send(self.browser.click(key), timeout)

    async def send_fragment_rerun(self, fragment_id: str) -> None:
        """What a fragment's ``run_every`` timer sends (the run arrives in ``completed``)."""
        msg = self.browser.rerun(fragment_id=fragment_id, is_auto_rerun=True)
        await self.ws.send(msg.SerializeToString())

    async def _send(self, msg: BackMsg, timeout: float) -> Run:
        while not self.completed.empty():  # runs nobody waited for (fragment refreshes)
            self.completed.get_nowait()
        await self.ws.send(msg.SerializeToString())
        return await self.next_run(timeout)

    async def next_run(self, timeout: float = 60.0) -> Run:
        """The next completed run; raises when the connection closed first."""
        got = asyncio.ensure_future(self.completed.get())
        closed = asyncio.ensure_future(self.closed.wait())
        done, _ = await asyncio.wait({got, closed}, timeout=timeout, return_when="FIRST_COMPLETED")
        closed.cancel()
        if got in done:
            return got.result()
        got.cancel()
        if self.closed.is_set():
            raise StreamlitClientError(f"the connection closed before the run ended: {self.error}")
        raise TimeoutError(f"no completed run within {timeout} s")


@contextlib.asynccontextmanager
async def async_session(base_url: str, open_timeout: float = 30.0) -> AsyncIterator[AsyncSession]:
    """A connected asyncio session on ``base_url`` with its reader running."""
    async with async_connect(
        _stream_url(base_url),
        subprotocols=["streamlit"],  # type: ignore[list-item]
        open_timeout=open_timeout,
        max_size=None,
        ping_interval=None,  # a loaded server must not drop a tab for a late pong
    ) as ws:
        tab = AsyncSession(ws, base_url)
        reader = asyncio.create_task(tab.read())
        try:
            yield tab
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await reader
