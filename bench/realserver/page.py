"""Headless Chromium, and the probes that time a click in the page until it is drawn."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import sync_playwright

from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

TIMEOUT_MS = 60_000

#: Before the page's own scripts: stamp every WebSocket message as it arrives, so that a
#: step splits into the wire (click → the last message the drawing needed: the server's run
#: and the network) and the browser (that message → drawn).
STAMP_FRAMES = """(() => {
  const Native = window.WebSocket;
  window.__lastFrame = null;
  window.__frames = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        window.__lastFrame = performance.now();
        window.__frames += 1;
      });
    }
  };
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({type: 'longtask', buffered: true});
})();"""
#: What the browser did between the click and the drawing: files it fetched (the biggest
#: first) and the main thread's long tasks (script compiling, charts drawing).
BUSY = """() => {
  const p = window.__probe;
  const files = performance.getEntriesByType('resource')
    .filter(e => e.startTime >= p.click && e.startTime <= p.done)
    .map(e => ({file: e.name.split('/').pop(), kb: Math.round(e.decodedBodySize / 1024),
                sent_kb: Math.round(e.transferSize / 1024), ms: Math.round(e.duration)}))
    .sort((a, b) => b.kb - a.kb).slice(0, 5);
  const long = window.__longTasks.filter(([start]) => start >= p.click && start <= p.done);
  return {files, long_tasks: long.length,
          long_task_ms: Math.round(long.reduce((sum, [, d]) => sum + d, 0))};
}"""
#: Installed once per page: the click's time (the event's own ``timeStamp``).
PROBE = """() => {
  window.__probe = {click: null, done: null, frame: null, frames: window.__frames};
  document.addEventListener('click', (e) => {
    if (window.__probe.click === null) window.__probe.click = e.timeStamp;
  }, {capture: true});
}"""
ARM = "() => { window.__probe = {click: null, done: null, frame: null, frames: window.__frames}; }"
#: Stamps the first animation frame at which the app is idle (connected, no run under way,
#: nothing stale) and ``ready`` holds, with the last WebSocket message before it.
IDLE = """(ready) => {
  const p = window.__probe;
  if (p.click === null) return false;
  if (p.done !== null) return true;
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"]');
  if (idle && ready()) {
    p.done = performance.now();
    p.frame = window.__lastFrame;
    p.frames = window.__frames - p.frames;
  }
  return p.done !== null;
}"""


def condition(js_ready: str) -> str:
    """A ``wait_for_function`` body: idle, and ``js_ready`` (an expression) is true."""
    return f"() => ({IDLE})(() => ({js_ready}))"


def text_shown(selector: str, text: str) -> str:
    """JS: an element matching ``selector`` contains ``text``."""
    return (
        f"[...document.querySelectorAll({json.dumps(selector)})]"
        f".some(e => e.textContent.includes({json.dumps(text)}))"
    )


@dataclass(frozen=True)
class Timing:
    """One step: click → drawn, and the part until the last WebSocket message it needed."""

    total: float
    wire: float
    messages: int  # WebSocket messages that arrived on the way

    @property
    def browser(self) -> float:
        return self.total - self.wire


def timed_click(page: Any, target: Any, ready_js: str) -> Timing:
    """From the click on ``target`` to the first frame where the app is idle and ``ready_js``
    holds."""
    page.evaluate(ARM)
    target.click()
    page.wait_for_function(condition(ready_js), polling="raf", timeout=TIMEOUT_MS)
    probe = page.evaluate("() => window.__probe")
    frame = probe["frame"] if probe["frame"] is not None else probe["click"]
    total, wire = (probe["done"] - probe["click"]) / 1000, (frame - probe["click"]) / 1000
    return Timing(total, max(0.0, wire), int(probe["frames"]))


def open_page(browser: Any, url: str, ready_js: str) -> Any:
    """A fresh context (a new Streamlit session) on ``url``, idle and with the probe."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.add_init_script(STAMP_FRAMES)
    page = context.new_page()
    page.goto(url)
    page.evaluate(PROBE)
    page.evaluate("() => { window.__probe.click = 0; }")
    page.wait_for_function(condition(ready_js), polling="raf", timeout=TIMEOUT_MS)
    return page


def floor_clicks(browser: Any, url: str, clicks: int) -> list[Timing]:
    """Click → drawn on the one-widget page, cycling through its options."""
    page = open_page(browser, url, text_shown("[data-testid='stMarkdown']", "Picked: None"))
    times = []
    for k in range(clicks + 3):  # three warm-up clicks
        choice = "abc"[k % 3]
        option = page.locator(".st-key-pick [data-testid='stRadioOption']").filter(has_text=choice)
        ready = text_shown("[data-testid='stMarkdown']", f"Picked: {choice}")
        elapsed = timed_click(page, option, ready)
        if k >= 3:
            times.append(elapsed)
    page.context.close()
    return times


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
