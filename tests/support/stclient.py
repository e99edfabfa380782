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
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection as AsyncConnection
from websockets.asyncio.client import connect as async_connect
from websockets.sync.client import ClientConnection, connect

__all__ = [
    "AsyncSession",
    "Browser",
    "Run",
    "Session",
    "StreamlitClientError",
    "Widget",
    "async_session",
    "session",
]

#: How a run ends when nothing else follows it (an early finish is followed by the rerun).
COMPLETED = frozenset(
    {
        ForwardMsg.FINISHED_SUCCESSFULLY,
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
        ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    }
)
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


@dataclass
class Node:
    """One delta-path slot of the element tree: written by which run, in which fragment."""

    run_id: str
    fragment_id: str
    script_hash: str
    element: Element | None  # None for a block (container)


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
