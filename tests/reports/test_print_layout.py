"""The printed report's layout: pages fill, tables and chart labels stay inside the page,
and the appendix names the essay's sections in the report's language."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import opencc
import pytest
from PIL import ImageFont

from huigui.charts import bars_svg
from huigui.reports import build_context, render
from scoring import Bank, essay_index

from ..conftest import need
from .test_reports import LANGS, single

A4_WIDTH = 595.28  # points
A4_HEIGHT = 841.89
MM = 72 / 25.4
#: The page box the template sets: @page { margin: 18mm 16mm 20mm }.
CONTENT_TOP, CONTENT_RIGHT, CONTENT_BOTTOM = 18 * MM, A4_WIDTH - 16 * MM, A4_HEIGHT - 20 * MM
#: The first family of each language's font stack in the report (render._FONTS), as
#: fontconfig names it.
FAMILY = {"en": "DejaVu Sans", "zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (xMin, yMin, xMax, yMax, text), from poppler."""
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) not installed")
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in re.findall(r"<page .*?</page>", xhtml, flags=re.S):
        pages.append(
            [
                (float(a), float(b), float(c), float(d), text)
                for a, b, c, d, text in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                    r"(.*?)</word>",
                    page,
                )
            ]
        )
    return pages


def problems(pages: list[list[tuple[float, float, float, float, str]]]) -> list[str]:
    """What is wrong with a PDF's layout: a page (not the last) whose text fills less than a
    quarter of the page, a word past the right margin, two words on a line that overlap."""
    found = []
    height = CONTENT_BOTTOM - CONTENT_TOP
    for number, page in enumerate(pages, 1):
        body = [w for w in page if w[3] < CONTENT_BOTTOM]  # not the page-number footer
        lowest = max((w[3] for w in body), default=CONTENT_TOP)
        if number < len(pages) and (lowest - CONTENT_TOP) / height < 0.25:
            found.append(f"page {number} is nearly empty: {' '.join(w[4] for w in body)}")
        found += [
            f"page {number}: {w[4]!r} runs past the margin"
            for w in body
            if w[2] > CONTENT_RIGHT + 1
        ]
        lines: dict[int, list[tuple[float, float, float, float, str]]] = {}
        for w in body:
            lines.setdefault(round(w[1]), []).append(w)
        for line in lines.values():
            line.sort()
            found += [
                f"page {number}: {a[4]!r} overlaps {b[4]!r}"
                for a, b in itertools.pairwise(line)
                if b[0] < a[2] - 0.5
            ]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_pages_fill_and_text_stays_inside(
    bundled_bank: Bank, lang: str, tmp_path: Path
) -> None:
    """No page but the last is nearly empty (sections run on; a heading stays with its
    text), no word runs past the right margin (the appendix's long column headers wrap),
    and no two words overlap."""
    path = tmp_path / "r.pdf"
    path.write_bytes(render(single(bundled_bank, lang, firm="Kestrel Specialty Chemicals"), "pdf"))
    assert problems(words(path)) == []


def test_layout_check_catches_the_reported_faults() -> None:
    """The check above fails on what the tester saw: a page holding one orphan line and a
    header ("Don't knowNot applicable to o…") running off the page."""
    orphan = [(51.0, 60.0, 400.0, 72.0, "→ Review the deviation log monthly")]
    full = [(51.0, 60.0, 400.0, 72.0, "x"), (51.0, 700.0, 400.0, 712.0, "y")]
    header = [(471.5, 440.0, 516.0, 450.7, "knowNot"), (519.3, 440.0, 573.6, 450.7, "applicable")]
    found = problems([full, orphan, full + header, full])
    assert found == [
        "page 2 is nearly empty: → Review the deviation log monthly",
        "page 3: 'applicable' runs past the margin",
    ]
    overlapping = [*full, (100.0, 700.0, 150.0, 712.0, "over")]
    assert problems([full, overlapping]) == ["page 2: 'y' overlaps 'over'"]


@cache
def font(lang: str) -> ImageFont.FreeTypeFont:
    """The font the PDF draws ``lang`` in, at 100 px (measured widths are scaled down)."""
    need(shutil.which("fc-match") is not None, "fontconfig (fc-match) not installed")
    found = subprocess.run(
        ["fc-match", "-f", "%{file}\t%{index}", FAMILY[lang]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path, index = found.split("\t")
    return ImageFont.truetype(path, 100, index=int(index or 0))


@pytest.mark.parametrize("lang", LANGS)
def test_gap_chart_labels_fit(bundled_bank: Bank, lang: str) -> None:
    """Every label of the gap bars lies inside the chart, measured in the real font: the
    name left of its bar, the gap in words ("低於目標 25") right of the longest bar."""
    names = [bundled_bank.text(d.name, lang) for d in bundled_bank.dimensions]
    svg = bars_svg(list(zip(names, [25.0, 18.0, None, -7.0], strict=True)), lang=lang)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    _, _, width, _ = (float(v) for v in root.attrib["viewBox"].split())
    size = float(root.attrib["font-size"])
    texts = root.findall("{http://www.w3.org/2000/svg}text")
    assert {"低於目標 25", "低于目标 25", "25 below target"} & {t.text for t in texts}
    for text in texts:
        x, length = float(text.attrib["x"]), font(lang).getlength(text.text or "") * size / 100
        if text.attrib.get("text-anchor") == "end":
            assert x - length >= 0, text.text
        else:
            assert x + length <= width, (text.text, x + length, width)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "§1 Return as doing what the consumer-internet years left undone"),
        ("zh-Hans", "§1 回归是在做消费互联网时代来不及做的事"),
        ("zh-Hant", "§1 回歸是在做消費互聯網時代來不及做的事"),
    ],
)
def test_essay_sections_in_the_reports_language(
    bundled_bank: Bank, lang: str, expected: str
) -> None:
    """The appendix names the essay's sections: in English a gloss of each heading (no
    Chinese), in zh-Hans the heading in simplified characters, in zh-Hant as published."""
    sources = build_context(single(bundled_bank, lang))["sources"]
    headings = [h for row in sources for h in row["headings"]]
    assert expected in headings
    if lang == "en":
        assert not any(re.search(r"[\u4e00-\u9fff]", h) for h in headings), headings
    if lang == "zh-Hans":
        to_simplified = opencc.OpenCC("t2s")
        assert all(h == to_simplified.convert(h) for h in headings), headings
    if lang == "zh-Hant":
        published = {f"§{s} {h}" for s, h in essay_index().headings.items()}
        assert set(headings) <= published
