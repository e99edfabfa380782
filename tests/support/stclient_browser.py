"""What a Streamlit frontend keeps between messages, without any I/O (:class:`Browser`): the
page, the query string, the element tree (:class:`Node` by delta path), the widget states
sent back with every rerun, the fragments' own timers and the message cache."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from .stclient_run import Run
from .stclient_widgets import (
    TRIGGER_WIDGETS,
    StreamlitClientError,
    Widget,
    encode,
    initial_state,
)

__all__ = ["COMPLETED", "Browser", "Node"]

#: How a run ends when nothing else follows it (an early finish is followed by the rerun).
COMPLETED = frozenset(
    {
        ForwardMsg.FINISHED_SUCCESSFULLY,
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
        ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    }
)


@dataclass
class Node:
    """One delta-path slot of the element tree: written by which run, in which fragment."""

    run_id: str
    fragment_id: str
    script_hash: str
    element: Element | None  # None for a block (container)


@dataclass
class Browser:
    """What a Streamlit frontend keeps between messages (no I/O: feed it with :meth:`receive`,
    send what :meth:`rerun` builds).

    Args:
        page_name: the URL path of the page first opened (``""`` for the default page).
        query_string: the first URL's query string, without ``?``.
        locale: the browser's language, sent in every rerun's context.
    """

    page_name: str = ""
    query_string: str = ""
    locale: str = "en-US"
    timezone: str = "UTC"
    page_script_hash: str = ""
    main_script_hash: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    nodes: dict[tuple[int, ...], Node] = field(default_factory=dict)
    widgets: dict[str, Widget] = field(default_factory=dict)
    states: dict[str, WidgetState] = field(default_factory=dict)
    pending_forms: dict[str, dict[str, WidgetState]] = field(default_factory=dict)
    auto_reruns: dict[str, float] = field(default_factory=dict)  # fragment id -> seconds
    run_id: str = ""
    fragments_this_run: tuple[str, ...] = ()
    cache: dict[str, tuple[ForwardMsg, int]] = field(default_factory=dict)
    cache_runs: int = 0
    max_cache_age: int = 2
    current: Run | None = None
    received_bytes: int = 0
    log: list[ForwardMsg] | None = None  # every message, when a caller wants them

    # -- what goes up --------------------------------------------------------------------

    def rerun(
        self,
        *,
        trigger: WidgetState | None = None,
        fragment_id: str = "",
        is_auto_rerun: bool = False,
        page_script_hash: str | None = None,
        url: str = "",
    ) -> BackMsg:
        """A ``rerun_script`` BackMsg with every committed widget state (and ``trigger``)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        if page_script_hash is not None:
            state.page_script_hash = page_script_hash
        elif self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:  # the first run: only the URL path says which page
            state.page_name = self.page_name
        state.fragment_id = fragment_id
        state.is_auto_rerun = is_auto_rerun
        state.widget_states.widgets.extend(self.states.values())
        if trigger is not None:
            state.widget_states.widgets.append(trigger)
        state.cached_message_hashes.extend(self.cache)
        state.context_info.locale = self.locale
        state.context_info.timezone = self.timezone
        state.context_info.url = url
        state.context_info.color_scheme = "light"
        if self.current is None or not self.current.requested:
            # A request while another is under way (a fragment timer firing during a run)
            # is answered by the same completion, as the server coalesces them.
            self.current = Run(time.perf_counter())
        return msg

    def widget(self, key: str) -> Widget:
        """The widget on screen whose element id ends with ``key`` (the user key)."""
        found = [w for w in self.widgets.values() if w.id.endswith(f"-{key}")]
        if len(found) != 1:
            raise StreamlitClientError(
                f"{len(found)} widgets with key {key!r} on screen: "
                f"{sorted(w.id.rsplit('-', 1)[-1] for w in self.widgets.values())}"
            )
        return found[0]

    def keys(self) -> list[str]:
        """The element ids of the widgets on screen."""
        return sorted(self.widgets)

    def change(self, key: str, value: object) -> BackMsg | None:
        """A person changes a widget: the rerun it sends (a widget in a fragment reruns its
        fragment), or None for a form field, which waits for its form's submit button."""
        widget = self.widget(key)
        state = encode(widget, value)
        if widget.form_id:
            self.pending_forms.setdefault(widget.form_id, {})[widget.id] = state
            return None
        self.states[widget.id] = state
        return self.rerun(fragment_id=widget.fragment_id)

    def click(self, key: str) -> BackMsg:
        """A person presses a button: the rerun with its trigger (a form's submit button
        sends its form's fields along)."""
        widget = self.widget(key)
        if widget.kind not in TRIGGER_WIDGETS:
            raise StreamlitClientError(f"{widget.id} is a {widget.kind}, not a button")
        if widget.proto.is_form_submitter:
            self.states.update(self.pending_forms.pop(widget.form_id, {}))
        trigger = WidgetState(id=widget.id, trigger_value=True)
        return self.rerun(trigger=trigger, fragment_id=widget.fragment_id)

    def submitter(self, form_id: str) -> str:
        """The element id of a form's submit button."""
        found = [
            w.id
            for w in self.widgets.values()
            if w.kind == "button" and w.proto.is_form_submitter and w.form_id == form_id
        ]
        if not found:
            raise StreamlitClientError(f"no submit button for the form {form_id!r}")
        return found[0]

    # -- what comes down -----------------------------------------------------------------

    def receive(self, raw: bytes) -> Run | None:
        """Take one ForwardMsg; returns the run it completes, if it does."""
        at = time.perf_counter()
        self.received_bytes += len(raw)
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        return self.apply(msg, at)

    def apply(self, msg: ForwardMsg, at: float) -> Run | None:
        """Take one parsed ForwardMsg that arrived at ``at`` (``time.perf_counter``)."""
        msg = self._resolve(msg)
        if self.log is not None:
            self.log.append(msg)
        run = self.current if self.current is not None else Run(at, requested=False)
        self.current = run
        run.messages.append(msg)
        run.arrived.append(at)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._new_session(msg)
        elif kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash or self.page_script_hash
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta":
            self._delta(msg)
        elif kind == "auto_rerun":
            self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self.auto_reruns.pop(fragment_id, None)
        elif kind == "script_finished" and msg.script_finished in COMPLETED:
            return self._finished(msg, run, at)
        return None

    def _resolve(self, msg: ForwardMsg) -> ForwardMsg:
        """A ``ref_hash`` message is the cached message it names (with its own metadata)."""
        if msg.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                raise StreamlitClientError(f"the server referred to an uncached {msg.ref_hash}")
            full = ForwardMsg()
            full.CopyFrom(cached[0])
            full.metadata.CopyFrom(msg.metadata)
            msg = full
        if msg.metadata.cacheable or msg.hash in self.cache:
            self.cache[msg.hash] = (msg, self.cache_runs)
        return msg

    def _new_session(self, msg: ForwardMsg) -> None:
        session = msg.new_session
        self.max_cache_age = session.config.max_cached_message_age or self.max_cache_age
        self.main_script_hash = session.main_script_hash
        self.run_id = msg.metadata.run.script_run_id
        self.fragments_this_run = tuple(msg.metadata.run.fragment_ids)
        if self.fragments_this_run:
            return
        self.auto_reruns.clear()  # a full run registers its fragments' timers again
        if session.page_script_hash != self.page_script_hash:
            # Another page: only what the main script drew stays (the frontend's
            # clearPageElements), the page's widgets and their states go.
            self.page_script_hash = session.page_script_hash
            self._keep(lambda n: n.script_hash == self.main_script_hash)

    def _delta(self, msg: ForwardMsg) -> None:
        path = tuple(msg.metadata.delta_path)
        delta = msg.delta
        element = delta.new_element if delta.WhichOneof("type") == "new_element" else None
        self.nodes[path] = Node(
            self.run_id, delta.fragment_id, msg.metadata.active_script_hash, element
        )
        if element is not None:
            self._mount(element, delta.fragment_id)

    def _mount(self, element: Element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind) if kind else None
        wid = getattr(proto, "id", "")
        if not wid.startswith("$$ID"):
            return
        widget = Widget(wid, kind or "", proto, getattr(proto, "form_id", ""), fragment_id)
        self.widgets[wid] = widget
        forced = getattr(proto, "set_value", False)
        if wid not in self.states or forced:
            initial = initial_state(widget)
            if initial is not None:
                self.states[wid] = initial
            elif forced:
                self.states.pop(wid, None)

    def _finished(self, msg: ForwardMsg, run: Run, at: float) -> Run:
        if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            self._keep(lambda n: n.run_id == self.run_id)
        elif msg.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self._drop_stale_fragment_nodes()
        self.cache_runs += 1
        self.cache = {
            h: (m, seen)
            for h, (m, seen) in self.cache.items()
            if self.cache_runs - seen <= self.max_cache_age
        }
        run.status = msg.script_finished
        run.finished_at = at
        run.fragment_ids = self.fragments_this_run
        self.current = None
        return run

    def _drop_stale_fragment_nodes(self) -> None:
        """A fragment run replaces its own older nodes and what sat in containers it wrote."""
        running = set(self.fragments_this_run)
        rewritten = {
            path
            for path, n in self.nodes.items()
            if n.fragment_id in running and n.element is None and n.run_id == self.run_id
        }

        def fresh(path: tuple[int, ...], n: Node) -> bool:
            if n.run_id == self.run_id:
                return True
            if n.fragment_id in running:
                return False
            return not any(path[:depth] in rewritten for depth in range(1, len(path)))

        self.nodes = {p: n for p, n in self.nodes.items() if fresh(p, n)}
        self._forget_unmounted()

    def _keep(self, keep: Callable[[Node], bool]) -> None:
        self.nodes = {p: n for p, n in self.nodes.items() if keep(n)}
        self._forget_unmounted()

    def _forget_unmounted(self) -> None:
        """Widgets no longer on screen lose their state (the frontend's removeInactive)."""
        on_screen = set()
        for node in self.nodes.values():
            if node.element is not None:
                kind = node.element.WhichOneof("type")
                on_screen.add(getattr(getattr(node.element, kind or ""), "id", ""))
        self.widgets = {k: w for k, w in self.widgets.items() if k in on_screen}
        self.states = {k: s for k, s in self.states.items() if k in on_screen}
        for form in self.pending_forms.values():
            for wid in [w for w in form if w not in on_screen]:
                del form[wid]

    # -- what is on screen ---------------------------------------------------------------

    def on_screen(self, kind: str) -> list[Any]:
        """Every element proto of ``kind`` in the tree, in delta-path order."""
        found = []
        for _, node in sorted(self.nodes.items()):
            if node.element is not None and node.element.WhichOneof("type") == kind:
                found.append(getattr(node.element, kind))
        return found
