"""The HTML report in real Chromium: charts draw, nothing is fetched, no script injected.

Uses the folder's session browser (a second Playwright in one process is not allowed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from huigui.reports import render_html
from huigui.reports.inputs import group_from_responses
from scoring import Bank, parse_answers, read_responses

from ..conftest import DATA
from ..reports.test_reports import single

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def open_report(browser: Browser, html: str, tmp_path: Path) -> dict[str, object]:
    """Open the file offline; return requests, dialogs, console errors and chart counts."""
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "errors": []}
    context = browser.new_context(viewport={"width": 1100, "height": 1600})
    try:
        page = context.new_page()
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15_000)
        page.wait_for_timeout(500)
        result = {
            **seen,
            "plots": page.locator(".js-plotly-plot").count(),
            "polar": page.locator(".js-plotly-plot .polarlayer > g").count(),
        }
        artifacts = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
        artifacts.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(artifacts / f"{tmp_path.name}.png"), full_page=True)
    finally:
        context.close()
    return result


def test_single_report_offline(browser: Browser, bundled_bank: Bank, tmp_path: Path) -> None:
    """Radar and gap bars draw; only the file itself is requested; the hostile name stays text."""
    seen = open_report(browser, render_html(single(bundled_bank, "zh-Hans")), tmp_path)
    assert seen["plots"] == 2 and seen["polar"] == 1
    assert all(str(url).startswith(("file:", "data:")) for url in seen["requests"])  # type: ignore[attr-defined]
    assert seen["dialogs"] == [] and seen["errors"] == []


def test_group_report_offline(browser: Browser, mini_bank: Bank, tmp_path: Path) -> None:
    """The workshop report draws its group radar offline too."""
    answers = parse_answers(mini_bank, read_responses(DATA / "responses" / "workshop_mini.csv"))
    html = render_html(group_from_responses(mini_bank, answers, "en", "ws", by_role=True))
    seen = open_report(browser, html, tmp_path)
    assert seen["plots"] >= 1
    assert all(str(url).startswith(("file:", "data:")) for url in seen["requests"])  # type: ignore[attr-defined]
    assert seen["errors"] == []
