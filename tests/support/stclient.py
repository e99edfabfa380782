"""A minimal Streamlit client speaking the server's own WebSocket protocol (protobuf
``BackMsg`` up, ``ForwardMsg`` down): enough to start a session and run a page without a
browser, for tests and load benches that must go through the real server."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect

__all__ = ["Session", "session"]


@dataclass
class Session:
    """One browser tab's worth of connection to a Streamlit server."""

    ws: ClientConnection
    messages: list[ForwardMsg] = field(default_factory=list)

    def rerun(
        self, query_string: str = "", page_script_hash: str = "", timeout: float = 30.0
    ) -> list[ForwardMsg]:
        """Ask for a script run and collect what the server sends until it finishes."""
        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_script_hash = page_script_hash
        self.ws.send(msg.SerializeToString())
        return self.until_finished(timeout)

    def until_finished(self, timeout: float = 30.0) -> list[ForwardMsg]:
        """Messages up to and including the next ``script_finished``."""
        got: list[ForwardMsg] = []
        while True:
            raw = self.ws.recv(timeout=timeout)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            got.append(fwd)
            self.messages.append(fwd)
            if fwd.WhichOneof("type") == "script_finished":
                return got


@contextlib.contextmanager
def session(base_url: str, origin: str | None = None) -> Iterator[Session]:
    """A connected session on ``base_url`` (``http://host:port``)."""
    url = base_url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
    headers = {"Origin": origin} if origin else None
    with connect(
        url,
        subprotocols=["streamlit"],
        additional_headers=headers,  # type: ignore[list-item]
        open_timeout=15,
        max_size=None,
    ) as ws:
        yield Session(ws)
