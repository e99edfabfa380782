"""What one person waits for in a real browser, against an empty Streamlit page's rerun.

    .venv/bin/python bench/browser_latency.py [--rounds 3] [--floor-clicks 30]
        [--tcp-nodelay] [--profile [--pyinstrument-path DIR] [--profile-dir DIR]] [--json]

Headless Chromium (``/usr/bin/chromium``) against the real server (``python -m
huigui.serve``, SQLite), one user. Each round opens a fresh assessment's questionnaire in a
fresh browser context and clicks through it as a person does:

* answer click → saved: from the click on an answer until the rerun it caused finished and
  was drawn (the app is idle, nothing stale, the question says it was saved); the answer is
  then checked in the store;
* Next → next step drawn: until the next step's heading and progress are drawn;
* "See my results" (key ``finish``) → results drawn: until the results page's radar has
  drawn its profile line; then, back through the page menu and Next, once more with the
  chart code already in the page.

The floor is measured the same way in the same run (before and after the rounds, on a port
of its own): a click on a one-widget page served by ``streamlit run`` with the app's server
options, until its rerun is drawn. Times are taken in the page, from the click event's
``timeStamp`` to the first animation frame at which the condition holds, and split at the
last WebSocket message that arrived before it: the wire (the server's run, the network and
the frontend taking the messages in) and the browser (drawing). Both servers carry a small
hook (``SERVER_HOOK``) that times each script run, so the wire splits once more.

Goals: answer click ≤ 2× the floor; results drawn ≤ 1 s. ``--profile`` runs the server's
script runs under pyinstrument (from ``--pyinstrument-path`` when it is not installed) and
prints where the time goes; ``--profile-dir`` keeps the profiles.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from ws_load import (
    NODELAY_HOOK,
    Server,
    empty_app,
    huigui,
    latency,
    percentile,
    say,
)

from huigui.i18n import t
from huigui.records import Profile
from huigui.store import Store, connect
from scoring import Bank, bundled_bank_path, load_bank

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
GOAL_ANSWER_RATIO = 2.0
GOAL_RESULTS_S = 1.0
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


#: The results page's radar has a line (the questionnaire's last step draws a hidden
#: warm-up chart, ``.st-key-warm``, which does not count).
RADAR_LINE = (
    "location.pathname.endsWith('/results') && [...document.querySelectorAll("
    "'[data-testid=\"stPlotlyChart\"] .polarlayer .polar .scatterlayer .trace path.js-line')]"
    ".some(e => !e.closest('.st-key-warm'))"
)


# -- measuring in the page -------------------------------------------------------------------


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


# -- one person through the questionnaire ----------------------------------------------------


@dataclass
class Round:
    """One questionnaire clicked through."""

    answers: list[Timing] = field(default_factory=list)
    nexts: list[Timing] = field(default_factory=list)
    results: list[Timing] = field(default_factory=list)
    results_busy: list[dict[str, Any]] = field(default_factory=list)
    results_again: list[Timing] = field(default_factory=list)
    unsaved: list[str] = field(default_factory=list)


def progress(bank: Bank, step: int, answered: int) -> str:
    """The progress bar's text, as the app writes it."""
    step_text = t("q.step", "en", step=step, steps=len(bank.dimensions))
    return f"{step_text} · {t('q.answered', 'en', answered=answered, total=len(bank.items))}"


def answer_option(page: Any, item_id: str, level: int) -> Any:
    """The radio option of ``level`` in the question ``item_id``."""
    box = page.locator(f".st-key-ans-{item_id.replace('.', '-')}")
    return box.get_by_test_id("stRadioOption").filter(has_text=f"{level} · ").first


def answer_step(page: Any, bank: Bank, store: Store, assessment_id: str, done: Round) -> int:
    """Click an answer to every question of the step on screen; returns how many are
    answered now."""
    answered = len(done.answers)
    step = sum(1 for k in range(1, len(bank.dimensions) + 1) if answered >= _before(bank, k))
    for item in bank.dimensions[step - 1].items:
        level = (len(done.answers) + len(done.nexts)) % len(item.levels)
        # each question reruns on its own and confirms its save; the step's progress bar
        # catches up on the next step
        box = f".st-key-item-{item.id.replace('.', '-')}"
        ready = text_shown(box, t("q.saved.one", "en"))
        done.answers.append(timed_click(page, answer_option(page, item.id, level), ready))
        answered += 1
        if store.get(assessment_id).answers.get(item.id) != str(level):
            done.unsaved.append(item.id)
    return answered


def _before(bank: Bank, step: int) -> int:
    """Questions before ``step``."""
    return sum(len(d.items) for d in bank.dimensions[: step - 1])


def settle(page: Any, ready_js: str) -> None:
    """Wait, untimed, until the app is idle and ``ready_js`` holds."""
    page.evaluate("() => { window.__probe = {click: 0, done: null, frame: null, frames: 0}; }")
    page.wait_for_function(condition(ready_js), polling="raf", timeout=TIMEOUT_MS)


def see_results(page: Any, bank: Bank, done: Round) -> None:
    """ "See my results" until the radar is drawn; then, as someone going back to check an
    answer, the questionnaire from the page menu, Next to the last step, and the results
    once more, with the chart code already in the page."""
    finish = page.locator(".st-key-finish button")
    done.results.append(timed_click(page, finish, RADAR_LINE))
    done.results_busy.append(page.evaluate(BUSY))
    page.locator('[data-testid="stSidebarNavLink"][href*="questionnaire"]').click()
    for step in range(1, len(bank.dimensions)):
        settle(page, text_shown("h2", f"{bank.dimensions[step - 1].id} · "))
        page.locator(".st-key-next button").click()
    settle(page, "!!document.querySelector('.st-key-finish button')")
    done.results_again.append(timed_click(page, finish, RADAR_LINE))


def click_through(page: Any, bank: Bank, store: Store, assessment_id: str) -> Round:
    """Answer every question, Next after each step, then see the results."""
    done = Round()
    for step in range(1, len(bank.dimensions) + 1):
        answered = answer_step(page, bank, store, assessment_id, done)
        if step == len(bank.dimensions):
            see_results(page, bank, done)
            break
        heading = text_shown("h2", f"{bank.dimensions[step].id} · ")
        shown = text_shown("[data-testid='stProgress']", progress(bank, step + 1, answered))
        done.nexts.append(
            timed_click(page, page.locator(".st-key-next button"), f"{heading} && {shown}")
        )
    return done


def new_assessment(store: Store, bank: Bank, number: int) -> tuple[str, str]:
    """A fresh assessment; its id and resume token."""
    profile = Profile(f"Latency Co {number}", "C", "small", "executive")
    record, token = store.create(bank, profile, "en")
    return record.id, token


def rounds(browser: Any, server: Server, store: Store, bank: Bank, count: int) -> list[Round]:
    """``count`` questionnaires after one to warm the server up (imports, first chart)."""
    done = []
    for number in range(count + 1):
        if number == 1:  # the server's timings and profiles leave the warm-up out
            server.proc.send_signal(signal.SIGUSR2)
        assessment_id, token = new_assessment(store, bank, number)
        url = f"{server.url}/questionnaire?a={token}&lang=en"
        page = open_page(
            browser, url, text_shown("[data-testid='stProgress']", progress(bank, 1, 0))
        )
        outcome = click_through(page, bank, store, assessment_id)
        page.context.close()
        if number:
            done.append(outcome)
    return done


# -- where the server's time goes ------------------------------------------------------------

#: A ``sitecustomize`` for both servers: it times every script run (a rerun and the page
#: switches it causes) by what caused it (``open``, ``change`` for a widget's new value,
#: ``press <key>`` for a button); with ``HUIGUI_BENCH_PYINSTRUMENT=1`` it also runs them
#: under pyinstrument and sums the profiles by cause. SIGUSR1 writes both to
#: ``$HUIGUI_BENCH_OUT``; SIGUSR2 starts afresh (after the warm-up). Timing a run costs a
#: wrapper call and two clock reads; profiling slows the runs down.
SERVER_HOOK = """import json, os, signal, threading, time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

_OUT = Path(os.environ["HUIGUI_BENCH_OUT"])
_PROFILE = os.environ.get("HUIGUI_BENCH_PYINSTRUMENT") == "1"
if _PROFILE:
    import pyinstrument
    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session
_TIMES, _SESSIONS = {}, {}
_LOCK = threading.Lock()
_RUN = script_runner.ScriptRunner._run_script


def _cause(rerun_data):
    if rerun_data.fragment_id_queue:
        return "fragment"
    states = rerun_data.widget_states.widgets if rerun_data.widget_states else []
    for state in states:
        if state.WhichOneof("value") == "trigger_value" and state.trigger_value:
            return "press " + state.id.rsplit("-", 1)[-1]
    return "change" if states else "open"


def _run_script(self, rerun_data):
    profiler = pyinstrument.Profiler(interval=0.0005, async_mode="disabled") if _PROFILE else None
    if profiler:
        profiler.start()
    start = time.perf_counter()
    try:
        return _RUN(self, rerun_data)
    finally:
        elapsed = time.perf_counter() - start
        cause = _cause(rerun_data)
        session = profiler.stop() if profiler else None
        with _LOCK:
            _TIMES.setdefault(cause, []).append(elapsed)
            if session is not None:
                known = _SESSIONS.get(cause)
                _SESSIONS[cause] = session if known is None else Session.combine(known, session)


def _dump(*_):
    with _LOCK:
        (_OUT / "times.json").write_text(json.dumps(_TIMES))
        for cause, session in _SESSIONS.items():
            head = f"{len(_TIMES[cause])} runs, {session.duration:.3f} s in all\\n"
            tree = ConsoleRenderer(unicode=True).render(session)
            flat = ConsoleRenderer(unicode=True, flat=True).render(session)
            name = cause.replace(" ", "_")
            (_OUT / f"{name}.txt").write_text(head + tree + "\\n" + flat)
            session.save(str(_OUT / f"{name}.pyisession"))
        (_OUT / "done").write_text("")


def _reset(*_):
    with _LOCK:
        _TIMES.clear()
        _SESSIONS.clear()


script_runner.ScriptRunner._run_script = _run_script
signal.signal(signal.SIGUSR1, _dump)
signal.signal(signal.SIGUSR2, _reset)
"""


def hooks_folder(folder: Path, *parts: str) -> Path:
    """A folder with a ``sitecustomize`` made of ``parts``, and its output folder."""
    folder.mkdir()
    (folder / "out").mkdir()
    (folder / "sitecustomize.py").write_text("\n".join(parts))
    return folder


def pyinstrument_import(path: str | None) -> str:
    """The hook's first lines: pyinstrument from ``path`` when it is not installed."""
    return f"import sys\nsys.path.insert(0, {path!r})\n" if path else ""


@dataclass
class ServerSide:
    """What a server's hook recorded: run times by cause, and profiles by cause."""

    times: dict[str, list[float]]
    profiles: dict[str, str]
    sessions: list[Path]  # pyinstrument's own files (``pyinstrument --load FILE``)


def collect(server: Server, hooks: Path) -> ServerSide:
    """Ask the server for what its hook recorded."""
    out = hooks / "out"
    server.proc.send_signal(signal.SIGUSR1)
    deadline = time.monotonic() + 30
    while not (out / "done").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    (out / "done").unlink(missing_ok=True)
    times = json.loads((out / "times.json").read_text())
    profiles = {p.stem: p.read_text() for p in sorted(out.glob("*.txt"))}
    return ServerSide(times, profiles, sorted(out.glob("*.pyisession")))


# -- the bench -------------------------------------------------------------------------------


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _measure(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    db_url = f"sqlite:///{folder / 'huigui.db'}"
    engine = connect(db_url)
    store, bank = Store(engine), load_bank(bundled_bank_path())
    nodelay = [NODELAY_HOOK] if args.tcp_nodelay else []
    floor_hooks = hooks_folder(folder / "floor_hooks", *nodelay, SERVER_HOOK)
    server_hooks = hooks_folder(
        folder / "server_hooks", *nodelay, pyinstrument_import(args.pyinstrument_path), SERVER_HOOK
    )
    with (
        chromium() as browser,
        _hooked(floor_hooks, False),
        empty_app(folder, floor_hooks) as empty,
    ):
        say("floor (before) …")
        before = floor_clicks(browser, empty.url, args.floor_clicks)
        with (
            _hooked(server_hooks, args.profile),
            huigui(db_url, folder / "s.log", server_hooks) as server,
        ):
            say(f"{args.rounds} round(s) through the questionnaire (+1 to warm up) …")
            done = rounds(browser, server, store, bank, args.rounds)
            app_side = collect(server, server_hooks)
            if args.profile_dir:
                keep(app_side, args.profile_dir)
        say("floor (after) …")
        after = floor_clicks(browser, empty.url, args.floor_clicks)
        floor_side = collect(empty, floor_hooks)
    engine.dispose()
    return report_data(args, before, after, done, app_side, floor_side)


def keep(side: ServerSide, folder: Path) -> None:
    """Copy the profiles (text and pyinstrument sessions) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for cause, text in side.profiles.items():
        (folder / f"{cause}.txt").write_text(text)
    for session in side.sessions:
        shutil.copyfile(session, folder / session.name)


@contextlib.contextmanager
def _hooked(hooks: Path, profile: bool) -> Iterator[None]:
    """The environment the server started inside this block reads its hook's settings from."""
    saved = {k: os.environ.get(k) for k in ("HUIGUI_BENCH_OUT", "HUIGUI_BENCH_PYINSTRUMENT")}
    os.environ["HUIGUI_BENCH_OUT"] = str(hooks / "out")
    os.environ["HUIGUI_BENCH_PYINSTRUMENT"] = "1" if profile else "0"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _split(timings: list[Timing]) -> dict[str, Any]:
    """Latency of the whole step, with the p50 of its wire and browser parts."""
    whole = latency([x.total for x in timings])
    if timings:
        whole["wire_p50_ms"] = round(percentile([x.wire for x in timings], 0.5) * 1000, 1)
        whole["browser_p50_ms"] = round(percentile([x.browser for x in timings], 0.5) * 1000, 1)
        whole["messages_p50"] = percentile([x.messages for x in timings], 0.5)
    return whole


#: Which of the server's script runs (by cause, see SERVER_HOOK) each step waits for.
CAUSES = {
    "floor_click": ("floor", "change"),
    "answer_click_saved": ("app", "change"),
    "next_step_drawn": ("app", "press next"),
    "results_drawn": ("app", "press finish"),
    "results_again_drawn": ("app", "press finish"),
}


def report_data(
    args: argparse.Namespace,
    before: list[Timing],
    after: list[Timing],
    done: list[Round],
    app_side: ServerSide,
    floor_side: ServerSide,
) -> dict[str, Any]:
    """Everything measured, as plain data."""
    steps = {
        "floor_click": before + after,
        "answer_click_saved": [x for r in done for x in r.answers],
        "next_step_drawn": [x for r in done for x in r.nexts],
        "results_drawn": [x for r in done for x in r.results],
        "results_again_drawn": [x for r in done for x in r.results_again],
    }
    floor_p50 = percentile([x.total for x in steps["floor_click"]], 0.5)
    ratios = {
        k: round(percentile([x.total for x in v], 0.5) / floor_p50, 2) for k, v in steps.items()
    }
    return {
        "config": {"rounds": args.rounds, "tcp_nodelay": args.tcp_nodelay},
        **{k: _split(v) for k, v in steps.items()},
        "server_run_p50_ms": {
            step: _p50_ms({"app": app_side, "floor": floor_side}[side].times.get(cause, []))
            for step, (side, cause) in CAUSES.items()
        },
        "floor_before": latency([x.total for x in before]),
        "floor_after": latency([x.total for x in after]),
        "ratios_p50": ratios,
        "goals": {
            "answer_click_le_2x_floor": ratios["answer_click_saved"] <= GOAL_ANSWER_RATIO,
            "results_le_1s": max(x.total for x in steps["results_drawn"]) <= GOAL_RESULTS_S,
        },
        "results_browser_work": [b for r in done for b in r.results_busy],
        "unsaved_answers": [i for r in done for i in r.unsaved],
        "profiles": app_side.profiles,
    }


def _p50_ms(values: list[float]) -> float | None:
    return round(percentile(values, 0.5) * 1000, 1) if values else None


ROWS = {
    "floor_click": "empty page click → drawn",
    "answer_click_saved": "answer click → saved",
    "next_step_drawn": "Next → next step drawn",
    "results_drawn": "See results → radar drawn",
    "results_again_drawn": "… again, chart code loaded",
}


def table(data: dict[str, Any]) -> str:
    """The compact table."""
    floor = data["floor_click"]["p50_ms"]
    lines = [
        "One person in headless Chromium, SQLite"
        + (", TCP_NODELAY hook" if data["config"]["tcp_nodelay"] else ""),
        f"{'':30s}{'n':>5s}{'p50 ms':>9s}{'p95 ms':>9s}{'max ms':>9s}{'p50/floor':>11s}"
        f"{'wire p50':>10s}{'server run':>12s}{'browser p50':>13s}{'messages':>10s}",
    ]
    for key, label in ROWS.items():
        row = data[key]
        lines.append(
            f"{label:30s}{row['n']:5d}{row['p50_ms']:9.1f}{row['p95_ms']:9.1f}"
            f"{row['max_ms']:9.1f}{row['p50_ms'] / floor:10.1f}×"
            f"{row['wire_p50_ms']:10.1f}{_cell(data['server_run_p50_ms'][key]):>12s}"
            f"{row['browser_p50_ms']:13.1f}{row['messages_p50']:10.0f}"
        )
    goals = data["goals"]
    lines += [
        f"floor p50 before {data['floor_before']['p50_ms']} ms, after "
        f"{data['floor_after']['p50_ms']} ms",
        f"goal answer click ≤ {GOAL_ANSWER_RATIO:.0f}× floor: "
        f"{'met' if goals['answer_click_le_2x_floor'] else 'MISSED'} "
        f"({data['ratios_p50']['answer_click_saved']}×); "
        f"goal results ≤ {GOAL_RESULTS_S:.0f} s (max): "
        f"{'met' if goals['results_le_1s'] else 'MISSED'}",
        f"answers not in the store after their click: {data['unsaved_answers'] or 'none'}",
    ]
    for busy in data["results_browser_work"]:
        files = ", ".join(
            f"{f['file']} {f['kb']} kB ({f['sent_kb']} kB sent) {f['ms']} ms"
            for f in busy["files"][:3]
        )
        lines.append(
            f"results step in the browser: {busy['long_tasks']} long tasks, "
            f"{busy['long_task_ms']} ms; biggest files: {files or 'none'}"
        )
    for cause, text in data["profiles"].items():
        lines += ["", f"-- server profile: {cause} --", _head(text, 60)]
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _head(text: str, count: int) -> str:
    return "\n".join(text.splitlines()[:count])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: .venv/bin/python bench/browser_latency.py --rounds 3 --profile",
    )
    parser.add_argument("--rounds", type=int, default=3, help="questionnaires clicked through")
    parser.add_argument("--floor-clicks", type=int, default=30)
    parser.add_argument(
        "--tcp-nodelay",
        action="store_true",
        help="diagnostic: give both servers' connections TCP_NODELAY (see ws_load.NODELAY_HOOK)",
    )
    parser.add_argument("--profile", action="store_true", help="profile the server's runs")
    parser.add_argument(
        "--pyinstrument-path", help="a folder holding pyinstrument, if not installed"
    )
    parser.add_argument("--profile-dir", type=Path, help="also write the whole profiles here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="huigui-browser-") as tmp:
        data = _measure(args, Path(tmp))
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else table(data))
    return 0 if all(data["goals"].values()) and not data["unsaved_answers"] else 1


if __name__ == "__main__":
    sys.exit(main())
