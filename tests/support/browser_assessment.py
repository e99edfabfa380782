"""Driving the self-assessment in a real browser: the texts a user reads, patterns of
answers, and the steps start → profile → questionnaire → results, each checked as it goes.

Shared by the browser tests in ``tests/browser`` (the self-assessment, workshops, evidence,
phone scrolling); the bank they answer is that folder's ``BANK``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Locator, Page, expect

from huigui.records import Profile
from huigui.store import AssessmentStore
from scoring.assess import assess

from ..browser.conftest import BANK, Shoot, wait_idle

__all__ = [
    "STEPS",
    "TOTAL",
    "UI",
    "Pick",
    "answer",
    "answer_step",
    "choices",
    "choose",
    "expect_checked",
    "expect_progress",
    "expect_results",
    "expect_saved",
    "high",
    "item_box",
    "next_step",
    "option",
    "press",
    "query",
    "radar",
    "radar_axes",
    "seeded",
    "spread",
    "start",
    "token_of",
]

TOTAL = len(BANK.items)
STEPS = len(BANK.dimensions)

#: What the user reads, spelt out on purpose: a changed or untranslated text should fail here.
UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "Huigui 回歸",
        "start": "Start the assessment",
        "profile": "Firm profile",
        "firm": "Firm name",
        "industry": "Industry (ISIC Rev.4 section)",
        "size": "Size (employees)",
        "role": "Your role",
        "save": "Save and continue",
        "questionnaire": "Questionnaire",
        "step": "Step {step} of {steps}",
        "answered": "{n} of {total} questions answered when you opened this step",
        "next": "Next",
        "back": "Back",
        "finish": "See my results",
        "results": "Results",
        "overall": "Overall",
        "link": "Your personal resume link",
        "downloads": "Download",
        "history": "History",
        "medium": "50–249",
        "executive": "Executive",
        "saved": "Saved.",
        "saved_count": "Saved. {n} of {total} questions answered.",
    },
    "zh-Hans": {
        "title": "回归 Huigui",
        "start": "开始自评",
        "profile": "企业资料",
        "firm": "企业名称",
        "industry": "行业（ISIC 第四版门类）",
        "size": "规模（员工人数）",
        "role": "您的角色",
        "save": "保存并继续",
        "questionnaire": "问卷",
        "step": "第 {step} 步，共 {steps} 步",
        "answered": "打开本步时已答 {n} / {total} 题",
        "next": "下一步",
        "back": "上一步",
        "finish": "查看结果",
        "results": "结果",
        "overall": "总体",
        "link": "您的个人续答链接",
        "downloads": "下载",
        "history": "历史记录",
        "medium": "50–249 人",
        "executive": "高层管理者",
        "saved": "已保存。",
        "saved_count": "已保存。已答 {n} / {total} 题。",
    },
}

Pick = Callable[[int], int]


def spread(k: int) -> int:
    """A level for the k-th item (0-based) that walks through all five levels."""
    return k % 5


def high(k: int) -> int:
    """Mostly high levels with a dip now and then (a different mix in every dimension)."""
    return (4, 3, 4, 2, 3, 4, 1, 3, 4)[k % 9]


def choices(pick: Pick) -> dict[str, str]:
    """Item id → stored answer for a whole assessment chosen by ``pick``."""
    return {item.id: str(pick(k)) for k, item in enumerate(BANK.items)}


def token_of(page: Page) -> str:
    """The resume token in the page's URL."""
    tokens = parse_qs(urlsplit(page.url).query).get("a")
    assert tokens, f"no resume token in {page.url}"
    return tokens[0]


def query(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


# -- steps of the flow -----------------------------------------------------------------------


def choose(page: Page, label: str, option: str | re.Pattern[str]) -> None:
    """Pick ``option`` in the select box labelled ``label``."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True))
    box.locator("input").click()
    page.get_by_role("option", name=option).click()
    expect(box.locator("input")).to_have_value(option)


def start(page: Page, lang: str, firm: str, shoot: Shoot | None = None, prefix: str = "") -> None:
    """Home → "Start the assessment" → the profile form → "Save and continue" → step 1."""
    ui = UI[lang]
    page.goto(f"/?lang={lang}")
    button = page.get_by_role("button", name=ui["start"], exact=True)
    expect(button).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["title"])
    if shoot:
        shoot(page, f"{prefix}-01-home")
    button.click()
    expect(page).to_have_url(re.compile(r"/profile\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["profile"])
    page.get_by_label(ui["firm"], exact=True).fill(firm)
    choose(page, ui["industry"], re.compile(r"^C · "))
    choose(page, ui["size"], ui["medium"])
    choose(page, ui["role"], ui["executive"])
    if shoot:
        shoot(page, f"{prefix}-02-profile")
    page.get_by_role("button", name=ui["save"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/questionnaire\?(.*&)?a=[\w-]+"))
    expect_progress(page, lang, step=1, answered=0)


def expect_progress(page: Page, lang: str, *, step: int, answered: int) -> None:
    """The progress bar's text says this step and how many answers there were when it
    opened (nothing about answers when there were none)."""
    ui = UI[lang]
    text = ui["step"].format(step=step, steps=STEPS)
    if answered:
        text += " · " + ui["answered"].format(n=answered, total=TOTAL)
    expect(page.get_by_test_id("stProgress")).to_have_text(text)
    wait_idle(page)


def item_box(page: Page, item_id: str) -> Locator:
    """The bordered box of one question (its radio's key is ``ans:<item id>``)."""
    return page.locator(f".st-key-ans-{item_id.replace('.', '-')}")


def option(page: Page, item_id: str, level: int) -> Locator:
    """The radio option of ``level`` (its label starts with ``"<level> · "``)."""
    return (
        item_box(page, item_id)
        .get_by_test_id("stRadioOption")
        .filter(has_text=re.compile("^" + re.escape(f"{level} · ")))
    )


def answer(page: Page, lang: str, item_id: str, level: int, *, step: int, answered: int) -> None:
    """Click the label of one level; wait until the app has saved it (the count goes up)."""
    choice = option(page, item_id, level)
    expect(choice).to_have_count(1)
    expect(choice).to_contain_text(BANK.text(BANK.item(item_id).levels[level], lang))
    choice.click()
    expect(choice.locator("input")).to_be_checked()
    expect_saved(page, lang, item_id, answered)


def expect_saved(page: Page, lang: str, item_id: str, answered: int | None = None) -> None:
    """The question confirms its answer was saved (it reruns on its own), and says how many
    questions are answered now — the step's header gives the count when the step opened."""
    box = page.locator(f".st-key-item-{item_id.replace('.', '-')}")
    if answered is None:
        text: str | re.Pattern[str] = re.compile("^" + re.escape(UI[lang]["saved"]))
    else:
        text = UI[lang]["saved_count"].format(n=answered, total=TOTAL)
    expect(box.get_by_text(text, exact=True)).to_be_visible()


def answer_step(page: Page, lang: str, step: int, pick: Pick, answered: int) -> int:
    """Answer every question of ``step`` with ``pick``; returns the new answered count."""
    dim = BANK.dimensions[step - 1]
    expect(page.get_by_role("heading", level=2)).to_contain_text(
        f"{dim.id} · {BANK.text(dim.name, lang)}"
    )
    first = sum(len(d.items) for d in BANK.dimensions[: step - 1])
    for k, item in enumerate(dim.items, start=first):
        answered += 1
        answer(page, lang, item.id, pick(k), step=step, answered=answered)
    return answered


def press(page: Page, key: str, text: str) -> None:
    """Click the button with Streamlit key ``key`` after checking what it says."""
    button = page.locator(f".st-key-{key}").get_by_role("button")
    expect(button).to_contain_text(text)
    button.click()


def next_step(page: Page, lang: str, step: int, answered: int) -> None:
    """Go on to ``step`` with "Next": the URL and the progress follow."""
    press(page, "next", UI[lang]["next"])
    expect(page).to_have_url(re.compile(rf"[?&]step={step}(&|$)"))
    expect_progress(page, lang, step=step, answered=answered)


def expect_checked(page: Page, item_id: str, level: int | None) -> None:
    """The question shows ``level`` selected (or nothing, for None)."""
    checked = item_box(page, item_id).locator("input[type=radio]:checked")
    if level is None:
        expect(checked).to_have_count(0)
    else:
        expect(checked).to_have_count(1)
        expect(checked).to_have_value(str(level))
        expect(option(page, item_id, level).locator("input")).to_be_checked()


# -- the results -----------------------------------------------------------------------------


def radar(page: Page) -> Locator:
    """The radar: the Plotly chart with a polar layer."""
    chart = page.get_by_test_id("stPlotlyChart").filter(has=page.locator(".polarlayer .polar"))
    expect(chart).to_have_count(1)
    return chart


def radar_axes(chart: Locator) -> list[dict[str, Any]]:
    """The radar's axis labels: their text, and whether they lie inside the chart."""
    expect(chart.locator(".angularaxistick text")).to_have_count(STEPS)
    return list(
        chart.evaluate("""chart => {
        const box = chart.querySelector('svg.main-svg').getBoundingClientRect();
        return [...chart.querySelectorAll('.angularaxistick text')].map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, left: Math.round(r.left - box.left),
                    right: Math.round(box.right - r.right),
                    inside: r.left >= box.left - 1 && r.right <= box.right + 1
                            && r.top >= box.top - 1 && r.bottom <= box.bottom + 1};
        });
    }""")
    )


def expect_results(page: Page, lang: str, answers: dict[str, str]) -> None:
    """The overall score and the radar show what the scoring engine makes of ``answers``."""
    ui = UI[lang]
    result = assess(BANK, answers)
    expect(page).to_have_url(re.compile(r"/results\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["results"])
    overall = page.get_by_test_id("stMetric").filter(has_text=ui["overall"]).first
    shown = "–" if result.overall is None else f"{result.overall:.0f}"
    expect(overall.get_by_test_id("stMetricValue")).to_have_text(shown)
    chart = radar(page)
    trace = chart.locator(".polar .scatterlayer .trace").first
    expect(trace.locator("path.js-line")).to_have_attribute("d", re.compile(r"^M[\d.]+,"))
    scores = result.scores()
    labels = ["" if s is None else f"{s:.0f}" for s in scores]
    expect(trace.locator(".textpoint text")).to_have_text([*labels, labels[0]])
    axes = radar_axes(chart)
    # Labels may wrap onto several lines (tspans), so compare them without white space.
    assert [re.sub(r"\s", "", a["text"]) for a in axes] == [
        re.sub(r"\s", "", BANK.text(d.name, lang)) for d in BANK.dimensions
    ]
    expect(page.get_by_test_id("stException")).to_have_count(0)


def seeded(store: AssessmentStore, firm: str, pick: Pick, lang: str = "en") -> str:
    """An assessment answered straight into the store; returns its resume token."""
    record, token = store.create(BANK, Profile(firm, "C", "small", "executive"), lang)
    for item_id, value in choices(pick).items():
        store.save_answer(record.id, item_id, value)
    return token
