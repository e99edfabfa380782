"""UI texts: every key in every language, consistent placeholders, proper Traditional."""

from __future__ import annotations

import re

import pytest

from huigui.app.widgets import md
from huigui.i18n import LANGUAGES, industries, language_from, strings, t

from ..support.taiwan import mainland_terms, to_taiwan


def test_every_text_in_every_language() -> None:
    """No key lacks a language; placeholders agree across languages."""
    for key, texts in {**strings(), **industries()}.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {lang: sorted(re.findall(r"\{(\w+)", text)) for lang, text in texts.items()}
        assert len({tuple(f) for f in fields.values()}) == 1, key


def test_zh_hant_is_taiwan_usage() -> None:
    """zh-Hant is Taiwan usage (OpenCC s2twp of zh-Hans with the project's terms kept), with
    no mainland-only term and 「」 quotes."""
    for key, texts in {**strings(), **industries()}.items():
        assert texts["zh-Hant"] == to_taiwan(texts["zh-Hans"]), key
        assert mainland_terms(texts["zh-Hant"]) == [], key


@pytest.mark.parametrize(
    ("simplified", "taiwan"),
    [
        ("数据和信息", "資料和資訊"),
        ("软件项目", "軟體專案"),
        ("保存链接", "儲存連結"),
        ("产业互联网", "產業互聯網"),
        ("“回归”", "「回歸」"),
        ("数字化", "數位化"),
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
