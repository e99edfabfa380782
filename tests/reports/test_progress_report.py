"""The progress report (T0 → T1): read back from its PDF text, and its HTML escaped."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from datetime import datetime
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from huigui.i18n import question_label
from huigui.reports.progress import (
    ProgressInput,
    Side,
    radar_outlines,
    render_progress,
    render_progress_html,
)
from scoring import Bank
from scoring.progress import compare

from .test_reports import HOSTILE, pdf_text

pytestmark = pytest.mark.slow

# The bundled bank: four dimensions of seven items, every weight 1, five levels (0–4, item
# score 25 per level); stages S1 ≥ 0, S2 ≥ 12.5, S3 ≥ 37.5, S4 ≥ 62.5, S5 ≥ 87.5.
# Baseline: every item at level 1 → 25 everywhere (S2), overall 25.
# Current: D1.1 and D1.3 at 4, D2.2 at 0, the rest at 1:
#   D1 = (5·25 + 2·100)/7 = 325/7 = 46.43 → +21.43 ("+21.4"), S2 → S3: one stage up;
#      D1.1 rose 75 points of item score, 75/7 = 10.71 ("+10.7") of the dimension;
#   D2 = (6·25 + 0)/7 = 150/7 = 21.43 → −3.57 ("−3.6"), D2.2 fell 25 ("−25.0");
#   D3, D4 unchanged ("0.0"); overall (46.43 + 21.43 + 25 + 25)/4 = 29.46 → +4.46 ("+4.5").
CHANGED = {"D1.1": "4", "D1.3": "4", "D2.2": "0"}
CROSSED = {"en": "▲ up 1", "zh-Hant": "▲ 上升 1 個階段", "zh-Hans": "▲ 上升 1 个阶段"}


def two(
    bank: Bank, lang: str, firm: str = "ACME 工厂", current_bank: Bank | None = None
) -> ProgressInput:
    """The two assessments above, a year apart; the current one a saved workshop result."""
    before = {item.id: "1" for item in bank.items}
    now_bank = current_bank or bank
    after = {**{item.id: "1" for item in now_bank.items}, **CHANGED}
    return ProgressInput(
        lang=lang,
        firm=firm,
        baseline=Side(bank, datetime(2025, 5, 12), "self"),
        current=Side(now_bank, datetime(2026, 5, 20), "workshop"),
        progress=compare(bank, before, now_bank, after),
    )


def second_version(bank: Bank) -> Bank:
    """The first edition as version 1.1 with one item changed: D1.7 loses its top level."""
    data: dict[str, Any] = json.loads(bank.content)
    data["version"] = "1.1"
    item = data["dimensions"][0]["items"][6]
    assert item["id"] == "D1.7"
    item["levels"] = item["levels"][:4]
    if isinstance(item.get("next_step"), list):
        item["next_step"] = item["next_step"][:3]
    if isinstance(item.get("effort"), list):
        item["effort"] = item["effort"][:3]
    changed = Bank.from_data(data)
    assert changed.digest != bank.digest
    return changed


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def reading_order(tmp_path: Path) -> str:
    """The text of the PDF ``pdf_text`` wrote, in reading order (a wrapped table cell stays
    together), without white space."""
    out = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return flat(out)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_pdf_text_holds_changes_stage_crossed_and_items(
    first_edition: Bank, lang: str, tmp_path: Path
) -> None:
    """The PDF says the firm, both dates, each dimension's change (see the numbers above),
    the stage D1 crossed and the questions that rose and fell, by their labels."""
    pdf = render_progress(two(first_edition, lang), "pdf")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert "ACME" in text and "工厂" in text
    assert "2025-05-12" in text and "2026-05-20" in text
    for change in ("+21.4", "−3.6", "0.0", "+4.5", "+75.0", "+10.7", "−25.0"):
        assert change in text, change
    s2, s3 = (first_edition.text(first_edition.stage(s).name, lang) for s in ("S2", "S3"))
    cells = reading_order(tmp_path)
    assert flat(f"{s2} → {s3}") in cells  # D1; the others stay in S2
    assert re.search(rf"\+21\.4 .*{CROSSED[lang]}", text)  # on D1's row of the table
    for item in ("D1.1", "D1.3", "D2.2"):
        assert flat(question_label(first_edition, item, lang)) in cells, item
    reached = {"en": "3 of 16 steps reached", "zh-Hant": "已達成 3 / 16 步"}[lang]
    assert reached in text  # D1.1 1→2, 2→3, 3→4 of the baseline's 16 steps


def test_html_escapes_a_hostile_firm_and_stays_offline(first_edition: Bank) -> None:
    """One file: plotly inline under a CSP that allows only our scripts, the firm escaped."""
    html = render_progress_html(two(first_edition, "en", firm=HOSTILE))
    assert "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', unescape(html))
    assert csp and "default-src 'none'" in csp.group(1)
    assert "unsafe-inline" not in csp.group(1).split("script-src")[1]
    outside_scripts = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    assert not re.search(r'(src|href)="https?://', outside_scripts)
    assert html.count("Plotly.newPlot") == 1
    assert '"name":"Current (2026-05-20)"' in html and '"name":"Baseline (2025-05-12)"' in html
    assert "workshop result" in html and "self-assessment" in html


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_two_bank_versions_are_said(first_edition: Bank, lang: str) -> None:
    """Across versions 1.0 and 1.1 the report names both and the item it cannot compare."""
    v2 = second_version(first_edition)
    html = render_progress_html(two(first_edition, lang, current_bank=v2))
    assert "industrial-internet v1.0" in html and "industrial-internet v1.1" in html
    assert unescape(question_label(v2, "D1.7", lang)) in unescape(html)
    assert CROSSED[lang] in html


def test_same_version_names_the_bank_once(first_edition: Bank) -> None:
    """On one bank version the cover names it once and says nothing about versions."""
    html = render_progress_html(two(first_edition, "en"))
    assert html.count("(industrial-internet v1.0)") == 1
    assert "different versions" not in html


def test_two_assessments_of_one_day_are_told_apart_by_time(first_edition: Bank) -> None:
    """The radar's legend names each outline by its date, and by its time as well when both
    are of the same day (a year apart: the date alone)."""
    apart = two(first_edition, "en")
    assert [s.name for s in radar_outlines(apart)[1]] == [
        "Current (2026-05-20)",
        "Baseline (2025-05-12)",
    ]
    same_day = replace(
        apart,
        baseline=replace(apart.baseline, date=datetime(2026, 5, 20, 9, 5)),
        current=replace(apart.current, date=datetime(2026, 5, 20, 16, 40)),
    )
    assert [s.name for s in radar_outlines(same_day)[1]] == [
        "Current (2026-05-20 16:40)",
        "Baseline (2026-05-20 09:05)",
    ]
