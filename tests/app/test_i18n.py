"""UI texts: every key in every language, consistent placeholders, proper Traditional."""

from __future__ import annotations

import re

import opencc
import pytest

from huigui.app.widgets import md
from huigui.i18n import LANGUAGES, industries, language_from, strings, t
from scoring import essay_index

from ..support.taiwan import mainland_terms, to_taiwan


def test_every_text_in_every_language() -> None:
    """No key lacks a language; placeholders agree across languages."""
    for key, texts in {**strings(), **industries()}.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {lang: sorted(re.findall(r"\{(\w+)", text)) for lang, text in texts.items()}
        assert len({tuple(f) for f in fields.values()}) == 1, key


def test_zh_hant_is_taiwan_usage() -> None:
    """zh-Hant is Taiwan usage (OpenCC s2twp of zh-Hans with the project's terms kept), with
    no mainland-only term and 「」 quotes. Two kinds of text are not conversions: the essay's
    section headings (quoted as published, see below) and the industry names (Taiwan's
    行業統計分類, see below), which are checked against the glossary only."""
    for key, texts in strings().items():
        if not key.startswith(ESSAY_HEADING):
            assert texts["zh-Hant"] == to_taiwan(texts["zh-Hans"]), key
        assert mainland_terms(texts["zh-Hant"]) == [], key
    for code, texts in industries().items():
        assert mainland_terms(texts["zh-Hant"]) == [], code


ESSAY_HEADING = "rep.essay.heading."


def test_essay_headings_as_published() -> None:
    """The essay's section headings: zh-Hant exactly as the essay has them, zh-Hans the same
    in simplified characters, en a gloss (no Chinese left in it)."""
    published = essay_index().headings
    keys = sorted(k for k in strings() if k.startswith(ESSAY_HEADING))
    assert keys == [f"{ESSAY_HEADING}{s}" for s in sorted(published)]
    for section, heading in published.items():
        texts = strings()[f"{ESSAY_HEADING}{section}"]
        assert texts["zh-Hant"] == heading
        assert texts["zh-Hans"] == opencc.OpenCC("t2s").convert(heading)
        assert not re.search(r"[\u4e00-\u9fff]", texts["en"]), texts["en"]


@pytest.mark.parametrize(
    ("key", "taiwan"),
    [
        ("D", "電力及燃氣供應業"),
        ("E", "用水供應及污染整治業"),
        ("G", "批發及零售業；汽車及機車之維修"),
        ("O", "公共行政及國防；強制性社會安全"),
        ("role.executive", "高階主管"),
        ("role.middle_manager", "中階主管"),
        ("role.front_line", "第一線人員"),
        ("role.partner", "合作夥伴（供應商、客戶、經銷商）"),
    ],
)
def test_profile_lists_in_taiwan_wording(key: str, taiwan: str) -> None:
    """The industry list uses the names of Taiwan's 行業統計分類 and the role list Taiwan's
    words for them (UX1 §7), not the mainland's (煤氣, 摩托車, 社會保障, 高層管理者, 合作方)."""
    assert {**industries(), **strings()}[key]["zh-Hant"] == taiwan


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("電、煤氣、蒸汽和空調的供應", ["煤氣"]),
        ("汽車和摩托車的修理", ["摩托車"]),
        ("強制性社會保障", ["社會保障"]),
        ("廢物管理和補救活動", ["補救活動"]),
        ("高層管理者", ["高層管理者"]),
        ("一線員工", ["一線員工"]),
        ("第一線員工", []),
        ("合作方（供應商）", ["合作方"]),
        ("合作方式與合作方案", []),
    ],
)
def test_glossary_finds_the_profile_lists_mainland_terms(text: str, found: list[str]) -> None:
    """The glossary catches the mainland wording the profile lists had, and not the Taiwan
    words it hides in (第一線員工, 合作方式)."""
    assert mainland_terms(text) == found


@pytest.mark.parametrize(
    ("simplified", "taiwan"),
    [
        ("数据和信息", "資料和資訊"),
        ("软件项目", "軟體專案"),
        ("保存链接", "儲存連結"),
        ("产业互联网", "產業互聯網"),
        ("“回归”", "「回歸」"),
        ("数字化", "數位化"),
        ("一线员工", "第一線人員"),
        ("合作方（供应商）与合作方式", "合作夥伴（供應商）與合作方式"),
        ("高层管理者", "高階主管"),
        ("比较确定", "大致確定"),
        ("拿不准时", "不確定時"),
    ],
)
def test_taiwan_conversion(simplified: str, taiwan: str) -> None:
    """The conversion writes Taiwan words, keeps the essay's terms and uses 「」."""
    assert to_taiwan(simplified) == taiwan
    assert mainland_terms(taiwan) == []


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        (("zh-CN",), "zh-Hans"),
        (("zh-TW",), "zh-Hant"),
        (("zh-HK",), "zh-Hant"),
        (("zh-Hant-TW",), "zh-Hant"),
        (("zh",), "zh-Hans"),
        (("en-GB",), "en"),
        (("fr-FR", "de;q=0.9, zh-TW;q=0.8"), "zh-Hant"),
        ((None, ""), "en"),
        (("ja",), "en"),
    ],
)
def test_language_from_browser(hints: tuple[str | None, ...], expected: str) -> None:
    """Browser locales and Accept-Language headers map onto the three languages."""
    assert language_from(*hints) == expected


def test_t_formats() -> None:
    """Placeholders are filled in the chosen language."""
    assert t("q.step", "en", step=2, steps=4) == "Step 2 of 4"
    assert t("q.step", "zh-Hant", step=2, steps=4) == "第 2 步，共 4 步"


@pytest.mark.parametrize(
    "text", ["**b**", "<b>x</b>", "[a](http://x)", "$x$", ":smile:", "# h", "a_b_c", "`code`"]
)
def test_md_escapes_markup(text: str) -> None:
    """Every Markdown-active character is escaped (rendered literally by Streamlit)."""
    escaped = md(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text
    for char in "*[]$:#_`<":
        assert char not in re.sub(r"\\.", "", escaped)
