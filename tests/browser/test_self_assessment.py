"""The self-assessment in a real browser: start, profile, every answer, results, downloads."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from huigui.i18n import strings
from huigui.records import Profile
from huigui.store import AssessmentStore
from scoring import bundled_bank_path, load_bank
from scoring.assess import assess

from .conftest import DESKTOP, PHONE, Browsing, Shoot, full_height, wait_idle

pytestmark = pytest.mark.browser

BANK = load_bank(bundled_bank_path())
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
        "answered": "{n} of {total} questions answered",
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
        "answered": "已回答 {n} / {total} 题",
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

#: The language picker's label is in all three languages on purpose.
PICKER = "Language · 语言 · 語言"

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
    """The progress bar's text says this step and this many answers."""
    ui = UI[lang]
    text = (
        f"{ui['step'].format(step=step, steps=STEPS)} · "
        f"{ui['answered'].format(n=answered, total=TOTAL)}"
    )
    expect(page.get_by_test_id("stProgress")).to_contain_text(text)
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
    questions are answered now — the step's progress bar catches up on the next step."""
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


def complete_by_clicking(page: Page, lang: str, pick: Pick, shoot: Shoot, prefix: str) -> None:
    """All four steps, one click per question, then "See my results"."""
    answered = 0
    for step in range(1, STEPS + 1):
        if step > 1:
            next_step(page, lang, step, answered)
        answered = answer_step(page, lang, step, pick, answered)
        shoot(page, f"{prefix}-03-step{step}")
    press(page, "finish", UI[lang]["finish"])


def seeded(store: AssessmentStore, firm: str, pick: Pick, lang: str = "en") -> str:
    """An assessment answered straight into the store; returns its resume token."""
    record, token = store.create(BANK, Profile(firm, "C", "small", "executive"), lang)
    for item_id, value in choices(pick).items():
        store.save_answer(record.id, item_id, value)
    return token


def untranslated(page: Page) -> list[str]:
    """English UI texts that show on the page (for a page in Chinese)."""
    body = page.locator("body").inner_text().replace(PICKER, "")
    found = []
    for texts in strings().values():
        english = texts["en"]
        if "{" in english or len(english) < 4 or english == texts.get("zh-Hans"):
            continue
        if re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", body):
            found.append(english)
    return found


# -- the tests -------------------------------------------------------------------------------


def test_complete_assessment_in_english(
    page: Page, store: AssessmentStore, screenshot: Shoot
) -> None:
    """A whole assessment by clicking in English ends with the score, the radar and every answer."""
    start(page, "en", "Acme Industrial Ltd", screenshot, "en")
    complete_by_clicking(page, "en", spread, screenshot, "en")
    expect_results(page, "en", choices(spread))
    screenshot(page, "en-04-results")
    record = store.open(token_of(page))
    assert record.answers == choices(spread)
    assert len(record.answers) == TOTAL == len(BANK.items)
    assert record.profile == Profile("Acme Industrial Ltd", "C", "medium", "executive")
    assert record.language == "en"
    assert record.completed_at is not None


def test_complete_assessment_in_chinese(
    browsing: Browsing, store: AssessmentStore, screenshot: Shoot
) -> None:
    """The same assessment in Simplified Chinese shows Chinese texts and draws the radar."""
    # A Chinese browser: with an English one the language is lost on "Start" (see
    # test_language_from_the_link_survives_start).
    page = browsing.new_page(locale="zh-CN")
    start(page, "zh-Hans", "华东精密机械有限公司", screenshot, "zh")
    nav = page.get_by_test_id("stSidebarNav")
    for title in ("首页", "企业资料", "问卷", "结果", "历史记录", "题库浏览"):
        expect(nav.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(page.get_by_text("点选即保存。", exact=True)).to_be_visible()
    assert untranslated(page) == []
    complete_by_clicking(page, "zh-Hans", high, screenshot, "zh")
    expect_results(page, "zh-Hans", choices(high))
    expect(page.get_by_role("heading", name=UI["zh-Hans"]["downloads"], exact=True)).to_be_visible()
    screenshot(page, "zh-04-results")
    assert untranslated(page) == []
    record = store.open(token_of(page))
    assert record.answers == choices(high)
    assert record.language == "zh-Hans"


def test_reload_keeps_step_and_answers(page: Page, screenshot: Shoot) -> None:
    """A reload mid-questionnaire keeps the step, the checked answers and the count."""
    start(page, "en", "Reload Works AG")
    d1, d2 = ([i.id for i in d.items] for d in BANK.dimensions[:2])
    levels = dict(zip(d1[:3], (3, 0, 4), strict=True))
    for n, (item_id, level) in enumerate(levels.items(), start=1):
        answer(page, "en", item_id, level, step=1, answered=n)
    next_step(page, "en", 2, 3)
    answer(page, "en", d2[0], 2, step=2, answered=4)
    token = token_of(page)
    page.reload()
    assert query(page) == {"a": token, "step": "2", "lang": "en"}
    expect_progress(page, "en", step=2, answered=4)
    expect_checked(page, d2[0], 2)
    expect_checked(page, d2[1], None)
    screenshot(page, "reload-01-step2-after-reload")
    press(page, "back", UI["en"]["back"])
    expect_progress(page, "en", step=1, answered=4)
    for item_id, level in levels.items():
        expect_checked(page, item_id, level)
    expect_checked(page, d1[3], None)


def test_resume_link_reopens_in_a_new_session(
    browsing: Browsing, server: str, store: AssessmentStore, screenshot: Shoot
) -> None:
    """The resume link shown on the questionnaire reopens the answers in a fresh session."""
    page = browsing.new_page()
    start(page, "en", "Resume Link Co")
    token = token_of(page)
    box = page.get_by_test_id("stExpander").filter(has_text=UI["en"]["link"])
    link = box.get_by_test_id("stCode").inner_text().strip()
    assert link == f"{server}/questionnaire?a={token}&lang=en"
    d1 = [i.id for i in BANK.dimensions[0].items]
    levels = {d1[0]: 1, d1[1]: 2, d1[4]: 4}
    for n, (item_id, level) in enumerate(levels.items(), start=1):
        answer(page, "en", item_id, level, step=1, answered=n)

    fresh = browsing.new_page()  # a new context: no cookies, a new Streamlit session
    fresh.goto(link)
    expect_progress(fresh, "en", step=1, answered=3)
    for item_id, level in levels.items():
        expect_checked(fresh, item_id, level)
    expect_checked(fresh, d1[2], None)
    screenshot(fresh, "resume-01-reopened")
    answer(fresh, "en", d1[2], 0, step=1, answered=4)
    assert store.open(token).answers == {**{k: str(v) for k, v in levels.items()}, d1[2]: "0"}


@pytest.mark.parametrize("path", ["/", "/questionnaire"])
def test_invalid_resume_link_says_so(page: Page, path: str, screenshot: Shoot) -> None:
    """A made-up resume link shows a clear error and no traceback."""
    page.goto(f"{path}?a=garbage&lang=en")
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_have_text(
        "This resume link does not work: no assessment belongs to it. "
        "Check that you copied all of it, or start a new assessment."
    )
    wait_idle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "Traceback" not in page.locator("body").inner_text()
    assert "garbage" not in page.url  # the dead token is dropped from the address
    screenshot(page, f"invalid-link{path.replace('/', '-').rstrip('-')}")


def test_xlsx_download(
    page: Page, store: AssessmentStore, tmp_path: Path, screenshot: Shoot
) -> None:
    """The XLSX download holds the profile, every answer with their level texts, scores, steps."""
    token = seeded(store, "Spreadsheet Fabrik", spread)
    page.goto(f"/results?a={token}&lang=en")
    expect_results(page, "en", choices(spread))
    button = page.locator(".st-key-dl_xlsx").get_by_role("button", name="XLSX")
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["about", "answers", "scores", "next_steps"]
    about = {row[0]: row[1] for row in book["about"].iter_rows(values_only=True)}
    assert about["firm"] == "Spreadsheet Fabrik"
    assert about["language"] == "en"
    header, *rows = book["answers"].iter_rows(values_only=True)
    assert len(rows) == TOTAL == len(BANK.items)
    column = {name: k for k, name in enumerate(header)}
    for k, (item, row) in enumerate(zip(BANK.items, rows, strict=True)):
        level = spread(k)
        assert row[column["item"]] == item.id
        assert row[column["answer"]] == f"{level} · {BANK.text(item.levels[level], 'en')}"
        assert row[column["level"]] == level
    scores = list(book["scores"].iter_rows(values_only=True))
    assert [r[0] for r in scores[1:]] == ["overall", *(d.id for d in BANK.dimensions)]
    steps_header, *steps = book["next_steps"].iter_rows(values_only=True)
    assert steps_header[:3] == ("dimension", "to_stage", "item")
    assert steps, "the spread answers leave room to improve, so next steps are listed"
    screenshot(page, "xlsx-01-results")


def overflow(page: Page) -> dict[str, Any]:
    """How far the page reaches sideways, and what sticks out of the viewport."""
    return dict(
        page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const width = window.innerWidth;
        const out = [];
        for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > width + 2) {
                out.push(`${el.tagName}.${el.getAttribute('data-testid') || el.className}`
                         + ` right=${Math.round(r.right)}`);
            }
        }
        return {document: document.documentElement.scrollWidth, width: width,
                main: main ? main.scrollWidth - main.clientWidth : 0,
                sticking_out: out.slice(0, 10)};
    }""")
    )


def expect_fits(page: Page) -> None:
    """No horizontal scrolling on the page (wide tables may scroll inside themselves)."""
    wait_idle(page)
    found = overflow(page)
    assert found["document"] <= PHONE["width"] + 2, found
    assert found["main"] <= 2, found


def test_phone_layout_has_no_horizontal_overflow(
    browsing: Browsing, store: AssessmentStore, screenshot: Shoot
) -> None:
    """On a 390×844 phone the questionnaire and the results fit the width of the screen."""
    token = seeded(store, "Mobile Maschinenbau", high)
    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page.goto("/?lang=en")
    expect(page.get_by_role("button", name=UI["en"]["start"])).to_be_visible()
    expect_fits(page)
    screenshot(page, "phone-01-home")
    page.goto(f"/questionnaire?a={token}&step=1&lang=en")
    expect_progress(page, "en", step=1, answered=TOTAL)
    expect_checked(page, "D1.1", high(0))
    expect_fits(page)
    screenshot(page, "phone-02-questionnaire")
    page.goto(f"/results?a={token}&lang=en")
    expect_results(page, "en", choices(high))
    expect_fits(page)
    assert full_height(page) > PHONE["height"]
    screenshot(page, "phone-03-results")


def test_page_menu_closes_after_a_choice_on_a_phone(browsing: Browsing) -> None:
    """On a phone the page menu covers the page; after choosing a page it closes."""
    page = browsing.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/?lang=en")
    expect(page.get_by_role("button", name=UI["en"]["start"])).to_be_visible()
    wait_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    page.get_by_test_id("stExpandSidebarButton").or_(
        page.get_by_test_id("stSidebarCollapsedControl").get_by_role("button")
    ).first.click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name="Question bank").click()
    expect(page).to_have_url(re.compile(r"/bank"))
    expect(sidebar).to_have_attribute("data-collapsed", "true")


HOSTILE = "<script>alert(1)</script> **bold** 🚀 שלום"


def test_typed_firm_name_is_shown_as_text(
    page: Page, browsing: Browsing, store: AssessmentStore, screenshot: Shoot
) -> None:
    """A firm name with HTML, Markdown, an emoji and Hebrew shows literally and runs nothing."""
    start(page, "en", HOSTILE)
    token = token_of(page)
    assert store.open(token).profile.firm_name == HOSTILE
    answer(page, "en", "D1.1", 2, step=1, answered=1)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Results", exact=True).click()
    expect(page).to_have_url(re.compile(r"/results\?"))
    expect(radar(page)).to_be_visible()
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text="alert(1)").first
    expect(caption).to_have_text(HOSTILE)
    expect(caption.locator("strong, b, em, script")).to_have_count(0)
    expect(page.locator("[data-testid='stMain'] script")).to_have_count(0)
    screenshot(page, "hostile-01-results")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(UI["en"]["history"])
    shown = page.get_by_test_id("stMarkdownContainer").filter(has_text="alert(1)")
    intro = shown.filter(has_text="Completed assessments of")
    expect(intro).to_have_text(f"Completed assessments of {HOSTILE} with this question bank.")
    again = page.locator(".st-key-history_again").get_by_role("button")
    expect(again).to_contain_text(f"Assess {HOSTILE} again")
    expect(shown.locator("strong, b, em, script")).to_have_count(0)
    screenshot(page, "hostile-02-history")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Firm profile", exact=True).click()
    expect(page.get_by_label(UI["en"]["firm"], exact=True)).to_have_value(HOSTILE)
    page.wait_for_timeout(300)  # give a script, had one been injected, the time to run
    assert browsing.dialogs == []


def test_language_from_the_link_survives_start(page: Page) -> None:
    """Chinese chosen by ?lang= stays Chinese after "Start", even in an English browser."""
    page.goto("/?lang=zh-Hans")
    page.get_by_role("button", name=UI["zh-Hans"]["start"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/profile\?"))
    wait_idle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        UI["zh-Hans"]["profile"], timeout=5_000
    )
    assert query(page).get("lang") == "zh-Hans"


def test_no_request_leaves_the_server(browsing: Browsing) -> None:
    """Loading the app asks nothing of any other host, not even for the tab icon."""
    page = browsing.new_page()
    page.goto("/?lang=en")
    expect(page.get_by_role("button", name=UI["en"]["start"])).to_be_visible()
    wait_idle(page)
    page.wait_for_timeout(500)
    assert browsing.external(known=True) == []


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_radar_axis_labels_are_not_cut_off(
    browsing: Browsing, store: AssessmentStore, width: int
) -> None:
    """Every radar axis label lies inside the chart, on a desktop and on a phone."""
    token = seeded(store, f"Label Check {width}", spread)
    page = browsing.new_page(viewport={"width": width, "height": 900})
    page.goto(f"/results?a={token}&lang=en")
    chart = radar(page)
    wait_idle(page)
    axes = radar_axes(chart)
    assert all(a["inside"] for a in axes), f"labels cut off (px past the edge < 0): {axes}"
