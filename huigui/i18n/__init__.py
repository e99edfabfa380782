"""Words for people, in zh-Hans, zh-Hant (Taiwan usage) and en: a service every shell uses.

UI, report and command-line texts live in ``strings.yaml`` and ISIC industry names in
``isic.yaml`` beside this module; bank texts come from the bank itself. A language outside
the three falls back to English everywhere, never to a ``KeyError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

from scoring import Bank, answers

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "answer_label",
    "industries",
    "industry_name",
    "join_list",
    "language_from",
    "language_name",
    "role_label",
    "strings",
    "t",
]

LANGUAGES = ("zh-Hans", "zh-Hant", "en")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}
_TRADITIONAL_REGIONS = ("tw", "hk", "mo", "hant")


def _load(name: str) -> dict[str, dict[str, str]]:
    text = resources.files("huigui.i18n").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


@cache
def strings() -> dict[str, dict[str, str]]:
    """All UI texts: key → language → text."""
    return _load("strings.yaml")


@cache
def industries() -> dict[str, dict[str, str]]:
    """ISIC Rev.4 sections: letter → language → name."""
    return _load("isic.yaml")


def industry_name(code: str, lang: str) -> str:
    """An ISIC section's name in ``lang`` (English for other languages)."""
    names = industries().get(code, {})
    return names.get(lang) or names.get(DEFAULT_LANGUAGE, code)


def language_name(lang: str) -> str:
    """A language's own name (``简体中文`` …), or its tag when Huigui does not know it."""
    return LANGUAGE_NAMES.get(lang, lang)


def t(key: str, lang: str, **values: Any) -> str:
    """The UI text ``key`` in ``lang`` with ``values`` filled in."""
    texts = strings()[key]
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def language_from(*hints: str | None) -> str:
    """The first supported language among browser hints (``zh-TW``, ``en-GB``, an
    Accept-Language header …); English when none matches."""
    for hint in hints:
        for part in (hint or "").split(","):
            tag = part.split(";")[0].strip().lower().replace("_", "-")
            if not tag:
                continue
            if tag.startswith("zh"):
                return (
                    "zh-Hant"
                    if any(r in tag.split("-") for r in _TRADITIONAL_REGIONS)
                    else "zh-Hans"
                )
            if tag.startswith("en"):
                return "en"
    return DEFAULT_LANGUAGE


def join_list(items: Iterable[object], lang: str) -> str:
    """Items joined the way the language lists them (、 in Chinese)."""
    return ("、" if lang.startswith("zh") else ", ").join(str(i) for i in items)


def answer_label(bank: Bank, item_id: str, answer: str | None, lang: str) -> str:
    """What a stored answer means in words: ``"2 · <the level's description>"``, or the
    label of not applicable / don't know / not answered (see :mod:`scoring.answers`)."""
    try:
        code = answers.from_stored(answer)
    except ValueError:
        code = answers.BLANK
    levels = bank.item(item_id).levels
    if 0 <= code < len(levels):
        return f"{code} · {bank.text(levels[code], lang)}"
    return answers.label(code if code < 0 else answers.BLANK, lang)


def role_label(role: str | None, lang: str) -> str:
    """A workshop role in words: the built-in roles are translated, custom ones shown as is."""
    if not role:
        return "–"
    key = f"role.{role}"
    return t(key, lang) if key in strings() else role
