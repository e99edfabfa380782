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

from scoring import Bank, Item, answers
from scoring.assess import Assessment
from scoring.group import agreement
from scoring.recommend import Raise

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "agreement_text",
    "answer_label",
    "counted",
    "gap_text",
    "industries",
    "industry_name",
    "item_tag",
    "join_list",
    "language_from",
    "language_name",
    "one_answer_text",
    "progress_text",
    "question_label",
    "questions_text",
    "raise_text",
    "role_label",
    "strings",
    "t",
    "weakest_link_text",
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


def counted(key: str, lang: str, n: int, **values: Any) -> str:
    """The text ``key`` for ``n`` things: its ``.one`` form when there is one thing."""
    return t(f"{key}.one" if n == 1 else key, lang, n=n, **values)


def join_list(items: Iterable[object], lang: str) -> str:
    """Items joined the way the language lists them (、 in Chinese)."""
    return ("、" if lang.startswith("zh") else ", ").join(str(i) for i in items)


def question_label(bank: Bank, item_id: str, lang: str, width: int = 48) -> str:
    """A question as the respondent met it: its number in the questionnaire and its short
    title (or the start of its prompt), e.g. ``"Q3 «Developing suppliers»"``."""
    number = bank.layout.item_index[item_id] + 1
    item = bank.item(item_id)
    title = bank.text(item.title, lang) if item.title else bank.text(item.prompt, lang)
    if len(title) > width:
        title = title[: width - 1].rstrip() + "…"
    return t("q.label", lang, n=number, title=title)


def item_tag(bank: Bank, item_id: str, lang: str) -> str:
    """A question's number as the respondent met it, beside the id files and reports use:
    ``"Q11 · D2.5"`` (``"第 11 题 · D2.5"``)."""
    return t("q.tag", lang, n=bank.layout.item_index[item_id] + 1, id=item_id)


def gap_text(gap: float | None, lang: str) -> str:
    """Target minus score in words: "22 below target", "5 above target", "on target"."""
    if gap is None:
        return "–"
    if round(gap) == 0:
        return t("r.gap.on", lang)
    return t("r.gap.below" if gap > 0 else "r.gap.above", lang, n=abs(gap))


def agreement_text(rwg: float | None, lang: str) -> str:
    """Agreement in words with rwg beside it: "high (rwg 0.82)", or "–" (see
    :func:`scoring.group.agreement` for the cut-offs)."""
    word = agreement(rwg)
    return "–" if word is None else f"{t(f'f.agree.{word}', lang)} (rwg {rwg:.2f})"


def questions_text(bank: Bank, item_ids: Iterable[str], lang: str) -> str:
    """Several questions by their labels, listed the way the language lists them."""
    return join_list((question_label(bank, i, lang) for i in item_ids), lang)


def progress_text(bank: Bank, step: int, answered: int, lang: str) -> str:
    """The questionnaire's header: the step, and (once any) the answers given when it opened."""
    text = t("q.step", lang, step=step, steps=len(bank.dimensions))
    if answered:
        text += " · " + t("q.answered", lang, answered=answered, total=len(bank.items))
    return text


def raise_text(bank: Bank, step: Raise, lang: str) -> str:
    """One next step in words: the question, the levels, the points and the effort."""
    return t(
        "r.next.raise",
        lang,
        item=question_label(bank, step.item_id, lang),
        frm=step.from_level,
        to=step.to_level,
        gain=step.gain,
        effort=t(f"effort.{step.effort}", lang),
    )


def level_tag(item: Item, level: int, lang: str) -> str:
    """How a level is named beside its text: its number, or "Or" for a trap answer beside the
    ladder (it is not a rung, so it has no number a respondent could rank)."""
    return t("q.beside", lang) if item.is_side_trap(level) else str(level)


def level_tags(item: Item, lang: str) -> list[str]:
    """:func:`level_tag` of every level of ``item``, in order (a chart's axis labels)."""
    return [level_tag(item, k, lang) for k in range(len(item.levels))]


def answer_label(bank: Bank, item_id: str, answer: str | None, lang: str) -> str:
    """What a stored answer means in words: ``"2 · <the level's description>"``, or the
    label of not applicable / don't know / not answered (see :mod:`scoring.answers`)."""
    try:
        code = answers.from_stored(answer)
    except ValueError:
        code = answers.BLANK
    item = bank.item(item_id)
    if 0 <= code < len(item.levels):
        return f"{level_tag(item, code, lang)} · {bank.text(item.levels[code], lang)}"
    return answers.label(code if code < 0 else answers.BLANK, lang)


def role_label(role: str | None, lang: str) -> str:
    """A workshop role in words: the built-in roles are translated, custom ones shown as is."""
    if not role:
        return "–"
    key = f"role.{role}"
    return t(key, lang) if key in strings() else role


def one_answer_text(result: Assessment, dimension_id: str, lang: str) -> str | None:
    """The caution for a dimension scored on a single answer (its other questions "not
    applicable"), said beside its stage on the results card and in the report; None otherwise."""
    r = result.dimension(dimension_id)
    return t("r.one_answer", lang) if r.score is not None and r.answered == 1 else None


def weakest_link_text(
    bank: Bank, result: Assessment, dimension_id: str, lang: str, key: str = "r.gated_by"
) -> str | None:
    """A dimension's weakest link in words: the question, the level it is answered at (or
    the traffic trap), the stage that answer reaches taken alone, and how many more are as
    low; None where no question is weaker than the others (``Assessment.weakest_links``).
    ``key`` is the card's line (``r.gated_by``) or the report's (``rep.gated``); each has a
    ``.trap`` form."""
    links = result.weakest_links(dimension_id)
    if not links:
        return None
    r, item_id = result.dimension(dimension_id), links[0]
    more = counted("r.gated_by.more", lang, len(links) - 1) if len(links) > 1 else ""
    return t(
        f"{key}.trap" if item_id in result.traps else key,
        lang,
        item=question_label(bank, item_id, lang),
        level=result.item(item_id).level,
        stage=bank.text(bank.stage(r.gated_stage).name, lang) if r.gated_stage else "–",
        more=more,
    )
