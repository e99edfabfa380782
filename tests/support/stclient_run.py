"""One script run as a Streamlit test client saw it (:class:`Run`): the messages that came
down, when each arrived, and how the run ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

__all__ = ["Run"]


@dataclass
class Run:
    """One script run as the client saw it, from the request to its completed
    ``script_finished`` (a page switch's early finish and its rerun are one run)."""

    sent_at: float
    requested: bool = True  # False: messages the server sent unasked (between runs)
    messages: list[ForwardMsg] = field(default_factory=list)
    arrived: list[float] = field(default_factory=list)
    status: int | None = None
    finished_at: float | None = None
    fragment_ids: tuple[str, ...] = ()

    @property
    def seconds(self) -> float:
        """From the request to the completed ``script_finished``."""
        assert self.finished_at is not None
        return self.finished_at - self.sent_at

    def first(self, kind: str, id_part: str = "") -> float | None:
        """When the first element of ``kind`` (whose id holds ``id_part``) arrived."""
        for msg, at in zip(self.messages, self.arrived, strict=True):
            element = _element(msg)
            if (
                element is not None
                and element.WhichOneof("type") == kind
                and id_part in getattr(getattr(element, kind), "id", "")
            ):
                return at
        return None

    def elements(self, kind: str) -> list[Any]:
        """Every element proto of ``kind`` this run sent, in order."""
        found = []
        for msg in self.messages:
            element = _element(msg)
            if element is not None and element.WhichOneof("type") == kind:
                found.append(getattr(element, kind))
        return found

    @property
    def started_fragments(self) -> set[str]:
        """The fragments whose runs started on the way (a page run starts none)."""
        return {
            f
            for msg in self.messages
            if msg.WhichOneof("type") == "new_session"
            for f in msg.metadata.run.fragment_ids
        }

    @property
    def exceptions(self) -> list[str]:
        """Exceptions the run showed (uncaught errors in the script), as ``Type: message``."""
        shown = [f"{e.type}: {e.message}" for e in self.elements("exception")]
        for msg in self.messages:
            if msg.WhichOneof("type") == "session_event" and msg.session_event.HasField(
                "script_compilation_exception"
            ):
                e = msg.session_event.script_compilation_exception
                shown.append(f"{e.type}: {e.message}")
        return shown

    @property
    def errors(self) -> list[str]:
        """``st.error`` messages the run showed."""
        return [a.body for a in self.elements("alert") if a.format == a.ERROR]


def _element(msg: ForwardMsg) -> Element | None:
    if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
        return msg.delta.new_element
    return None
