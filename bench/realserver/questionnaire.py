"""One person through the questionnaire in the browser: every answer, Next, and the results."""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from typing import Any

from bench.realserver.page import (
    BUSY,
    TIMEOUT_MS,
    Timing,
    condition,
    open_page,
    text_shown,
    timed_click,
)
from bench.realserver.servers import Server
from huigui.i18n import progress_text, t
from huigui.records import Profile
from huigui.store import Store
from scoring import Bank

#: The results page's radar has a line (the questionnaire's last step draws a hidden
#: warm-up chart, ``.st-key-warm``, which does not count).
RADAR_LINE = (
    "location.pathname.endsWith('/results') && [...document.querySelectorAll("
    "'[data-testid=\"stPlotlyChart\"] .polarlayer .polar .scatterlayer .trace path.js-line')]"
    ".some(e => !e.closest('.st-key-warm'))"
)


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
    return progress_text(bank, step, answered, "en")


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
