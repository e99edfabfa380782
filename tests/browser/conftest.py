"""Real-browser fixtures: the app on a free port, the bank it serves, its stores (and two
workshops in them), Debian's headless Chromium, a log of every request each page makes, and
full-page screenshots under ``test-artifacts/screenshots``.

Every test here is marked ``browser``. Without ``/usr/bin/chromium`` they are skipped, except
in CI (``CI=true``), where they must run and a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from huigui.net import lan_address
from huigui.store import AssessmentStore, Store, WorkshopStore, connect
from scoring import bundled_bank_path, load_bank

from ..conftest import need
from ..support.chromium import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Dialog, Page, ViewportSize

ROOT = Path(__file__).resolve().parents[2]
#: The bank the tests answer: the bundled one, which the server serves (see ``_start``).
BANK = load_bank(bundled_bank_path())
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
#: This machine's LAN address: phones in the room reach the server by it, as the tests do.
LAN = lan_address()
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]", *([LAN] if LAN else [])})
#: Every request to anywhere but this machine is aborted (and recorded, and then reported).
EXTERNAL = re.compile(
    r"^(?!(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\]"
    + (rf"|{re.escape(LAN)}" if LAN else "")
    + r")(:\d+)?/)[a-z]+://"
)
#: Known leaks, each an app bug to fix (see ``test_no_request_leaves_the_server``): the tab
#: icon ``page_icon=":material/radar:"`` in app.py makes Streamlit load the favicon from Google.
KNOWN_LEAKS = re.compile(r"^https://fonts\.gstatic\.com/s/i/short-term/release/materialsymbols")
#: The app is idle: connected, and no script run under way.
IDLE = (
    "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
    "[data-test-script-state='notRunning']"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium (Playwright cannot download its own browsers here)."""
    need(
        CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK),
        f"{CHROMIUM} not installed (apt-get install chromium)",
    )
    return CHROMIUM


@pytest.fixture(autouse=True)
def _require_chromium(chromium: Path) -> None:
    """Skip (or, in CI, fail) every test here before starting anything when Chromium is gone."""


# -- the app ---------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The server's own SQLite database, migrated before the server starts."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'huigui.db'}"
    connect(url).dispose()  # migrate here, so that the server and the tests never race to
    return url


@pytest.fixture(scope="session")
def store(server_db_url: str) -> AssessmentStore:
    """The store the server writes to, to check (or prepare) what the browser sees."""
    return Store(connect(server_db_url))


@pytest.fixture
def workshops(server_db_url: str) -> Iterator[WorkshopStore]:
    """The workshop store on the session server's database."""
    s = WorkshopStore(connect(server_db_url))
    yield s
    s.engine.dispose()


@pytest.fixture
def two_workshops(workshops: WorkshopStore) -> dict[str, Any]:
    """Workshops A and B, each with one participant who has answered the first two items."""
    out: dict[str, Any] = {}
    for name, levels in (("A", ("1", "2")), ("B", ("3", "4"))):
        workshop, secret = workshops.create_workshop(
            BANK, f"Firm {name} Secretive", ["en"], ["executive", "front_line"]
        )
        record, token = workshops.join(BANK, workshop.code, "front_line", "en")
        for item, level in zip(BANK.items, levels, strict=False):
            workshops.save_answer(record.id, item.id, level)
        out[name] = {
            "workshop": workshop,
            "secret": secret,
            "token": token,
            "answers": dict(zip([i.id for i in BANK.items], levels, strict=False)),
        }
    return out


def _tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _start(port: int, db_url: str, log_path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HUIGUI_DATABASE_URL": db_url}
    env.pop("HUIGUI_BANK", None)  # the tests answer the bundled bank
    # As the README starts it (huigui serve), on every interface: phones use the LAN address.
    cmd = [sys.executable, "-m", "huigui.serve", "--server.port", str(port)]
    with log_path.open("ab") as log:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _healthy(url: str) -> bool:
    try:
        # Always http://127.0.0.1:<port>, built above.
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310
            return bool(response.read().decode().strip() == "ok")
    except (urllib.error.URLError, OSError):
        return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT)


def launch(
    db_url: str, log_path: Path, port: int | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app on ``port`` (if given and free) or on a free port; wait until it answers.

    Returns the process and its base URL; fails the test when it does not come up.
    """
    for attempt in range(3):  # another process may take the free port before Streamlit does
        chosen = port if port is not None and attempt == 0 else free_port()
        url = f"http://127.0.0.1:{chosen}"
        proc = _start(chosen, db_url, log_path)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        # Check that *our* process is alive too: a foreign server could answer on the port.
        while proc.poll() is None and not _healthy(url) and time.monotonic() < deadline:
            time.sleep(0.25)
        if proc.poll() is None and _healthy(url):
            return proc, url
        _stop(proc)
        if "is not available" not in _tail(log_path, 5):
            pytest.fail(
                f"the app did not start within {STARTUP_TIMEOUT:.0f} s on {url}:\n{_tail(log_path)}"
            )
    pytest.fail(f"no free port for the app:\n{_tail(log_path)}")


@pytest.fixture(scope="session")
def server(server_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a free port with its own database; yields the base URL."""
    proc, url = launch(server_db_url, tmp_path_factory.mktemp("server") / "streamlit.log")
    try:
        yield url
    finally:
        _stop(proc)


@dataclass
class AppServer:
    """An app server of one test, on its own database, that the test may kill and restart."""

    db_url: str
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None
    url: str = ""

    def start(self, *, same_port: bool = False) -> str:
        """Start the app (on the last port again, if ``same_port`` and it is free)."""
        assert self.proc is None or self.proc.poll() is not None, "already running"
        port = urlsplit(self.url).port if same_port and self.url else None
        self.proc, self.url = launch(self.db_url, self.log_path, port)
        return self.url

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as when the machine loses power."""
        assert self.proc is not None and self.proc.poll() is None, "not running"
        self.proc.kill()
        self.proc.wait(timeout=STOP_TIMEOUT)

    def stop(self) -> None:
        if self.proc is not None:
            _stop(self.proc)


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[AppServer]:
    """A server of this test alone (not started yet) on a fresh, migrated SQLite database."""
    db_url = f"sqlite:///{tmp_path / 'huigui.db'}"
    connect(db_url).dispose()
    app = AppServer(db_url, tmp_path / "streamlit.log")
    try:
        yield app
    finally:
        app.stop()


# -- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    """Headless Chromium, shared by the whole session."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class Browsing:
    """Pages of one test: each in its own context (a fresh Streamlit session), all logged."""

    browser: Browser
    base_url: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)

    def new_page(self, viewport: ViewportSize | None = None, **options: Any) -> Page:
        """A page in a new browser context (new cookies, new Streamlit session)."""
        options.setdefault("locale", "en-US")
        context = self.browser.new_context(
            viewport=viewport or DESKTOP, base_url=self.base_url, accept_downloads=True, **options
        )
        self.contexts.append(context)
        context.route(EXTERNAL, lambda route: route.abort())
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self._watch)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    def _watch(self, page: Page) -> None:
        page.on("websocket", lambda ws: self.requests.append(ws.url))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

        def dialog(d: Dialog) -> None:  # an alert() would mean typed text ran as a script
            self.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)

    def external(self, *, known: bool = False) -> list[str]:
        """Requests that left this machine (with ``known``: also the known leaks)."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in {"data", "blob", "about"} or parts.hostname in LOCAL_HOSTS:
                continue
            if not known and KNOWN_LEAKS.match(url):
                continue
            out.append(url)
        return out

    def close(self) -> None:
        for context in self.contexts:
            with contextlib.suppress(Exception):
                context.close()


@pytest.fixture(autouse=True)
def browsing(browser: Browser, server: str) -> Iterator[Browsing]:
    """This test's pages; after the test, no page may have reached beyond 127.0.0.1, shown a
    dialog or thrown an uncaught JavaScript error."""
    session = Browsing(browser, server)
    try:
        yield session
    finally:
        session.close()
    leaked = session.external()
    assert not leaked, f"requests left the server: {sorted(set(leaked))}"
    assert not session.dialogs, f"a page opened a dialog: {session.dialogs}"
    assert not session.errors, f"uncaught JavaScript errors: {session.errors}"


@pytest.fixture
def page(browsing: Browsing) -> Page:
    """A desktop-sized page in a fresh browser context."""
    return browsing.new_page()


# -- waiting and screenshots -----------------------------------------------------------------


def wait_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the current run and dropped stale elements."""
    page.wait_for_timeout(150)  # a click's rerun request reaches the app state first
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout
    )


def full_height(page: Page) -> int:
    """The height of everything on the page (Streamlit scrolls inside ``stMain``)."""
    return int(
        page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return Math.max(document.documentElement.scrollHeight, main ? main.scrollHeight : 0);
    }""")
    )


Shoot = Callable[["Page", str], Path]


@pytest.fixture(scope="session")
def screenshot() -> Shoot:
    """``screenshot(page, "en-03-results")`` saves the whole page as a PNG and returns its path.

    Streamlit scrolls inside its main block, so the viewport is stretched to the content's
    height for the shot (the width, and so the layout, stays), then put back.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(page: Page, name: str) -> Path:
        wait_idle(page)
        path = SCREENSHOTS / f"{name}.png"
        viewport = page.viewport_size or DESKTOP
        height = min(max(full_height(page), viewport["height"]), 16_000)
        page.set_viewport_size({"width": viewport["width"], "height": height})
        try:
            page.wait_for_timeout(400)  # charts follow the new size
            page.screenshot(path=str(path), full_page=True)
        finally:
            page.set_viewport_size(viewport)
        return path

    return shoot
