"""The widgets a Streamlit test client can set (:class:`Widget`), the state a frontend reports
for one it has just drawn (:func:`initial_state`) and for a person's choice (:func:`encode`),
and the client's error (:class:`StreamlitClientError`).

Only the widget kinds Huigui's flows touch are encoded (radio, selectbox, text input and
area, checkbox and toggle, number input, buttons).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState

__all__ = [
    "BOOL_WIDGETS",
    "OPTION_WIDGETS",
    "TEXT_WIDGETS",
    "TRIGGER_WIDGETS",
    "StreamlitClientError",
    "Widget",
    "encode",
    "initial_state",
]

#: Element kinds whose state is a chosen option's label (``string_value``).
OPTION_WIDGETS = frozenset({"radio", "selectbox"})
TEXT_WIDGETS = frozenset({"text_input", "text_area"})
BOOL_WIDGETS = frozenset({"checkbox"})
TRIGGER_WIDGETS = frozenset({"button"})


class StreamlitClientError(RuntimeError):
    """The server sent something this client cannot follow, or no widget has that key."""


@dataclass(frozen=True)
class Widget:
    """A widget on screen: its element id, kind (the element's type) and proto."""

    id: str
    kind: str
    proto: Any
    form_id: str
    fragment_id: str

    def option(self, choice: int | str) -> str:
        """The label of an option, by index or by label."""
        options = list(self.proto.options)
        if isinstance(choice, int):
            return str(options[choice])
        if choice not in options:
            raise StreamlitClientError(f"{self.id}: no option {choice!r} in {options}")
        return choice


def initial_state(widget: Widget) -> WidgetState | None:
    """The state a frontend reports for a widget it has just drawn (None: no value)."""
    proto, kind = widget.proto, widget.kind
    forced = getattr(proto, "set_value", False)
    if kind in OPTION_WIDGETS:
        if forced:
            return _string(widget.id, proto.raw_value) if proto.HasField("raw_value") else None
        if proto.HasField("default") and len(proto.options) > proto.default:
            return _string(widget.id, proto.options[proto.default])
        return None
    if kind in TEXT_WIDGETS:
        if forced:
            return _string(widget.id, proto.value) if proto.HasField("value") else None
        return _string(widget.id, proto.default) if proto.HasField("default") else None
    if kind in BOOL_WIDGETS:
        return WidgetState(id=widget.id, bool_value=proto.value if forced else proto.default)
    if kind == "number_input":
        value = proto.value if forced else proto.default
        if not (proto.HasField("value") if forced else proto.HasField("default")):
            return None
        if proto.data_type == proto.INT:
            return WidgetState(id=widget.id, int_value=int(value))
        return WidgetState(id=widget.id, double_value=float(value))
    return None


def encode(widget: Widget, value: object) -> WidgetState:
    """The state a person's choice gives a widget: an option by index or label, text, or a
    bool."""
    if widget.kind in OPTION_WIDGETS:
        assert isinstance(value, int | str)
        return _string(widget.id, widget.option(value))
    if widget.kind in TEXT_WIDGETS:
        return _string(widget.id, str(value))
    if widget.kind in BOOL_WIDGETS:
        return WidgetState(id=widget.id, bool_value=bool(value))
    if widget.kind == "number_input" and isinstance(value, int | float):
        if widget.proto.data_type == widget.proto.INT:
            return WidgetState(id=widget.id, int_value=int(value))
        return WidgetState(id=widget.id, double_value=float(value))
    raise StreamlitClientError(f"cannot set a {widget.kind} ({widget.id}) to {value!r}")


def _string(wid: str, value: str) -> WidgetState:
    return WidgetState(id=wid, string_value=value)
