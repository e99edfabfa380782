"""The questionnaire while answering (UX1 findings 3, 4, 6, 8): question numbers beside the
bank's ids and in the notes' references, whom to ask under each question, a header that
never shows a stale count, the rules folded after step 1, and no "assess again" before
there is anything to assess again."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from huigui.app.items import numbered_refs
from huigui.app.widgets import sentence_list, sentences
from scoring import Bank

from .conftest import AppFactory, answer_all, begin

NBSP = "\N{NO-BREAK SPACE}"
#: A question's number and id, as the respondent reads them (spelt out on purpose).
TAGS = {"en": "Q{n} · {id}", "zh-Hans": "第 {n} 题 · {id}", "zh-Hant": "第 {n} 題 · {id}"}
ASK = {"en": "**Who to ask:** ", "zh-Hans": "**可以请教：** ", "zh-Hant": "**可以請教：** "}
RULES = {
    "en": "Rules for answering (as on step 1, for every question)",
    "zh-Hans": "作答规则（同第 1 步，适用于每道题）",
    "zh-Hant": "作答規則（同第 1 步，適用於每道題）",
}
LANGS = list(TAGS)


def plain(markdown: str) -> str:
    """Markdown as the app escapes it, with the escapes taken out."""
    return re.sub(r"\\(.)", r"\1", markdown)


def number_of(b: Bank, item_id: str) -> int:
    """The number the respondent sees: the item's place in the bank, counted from 1."""
    return [i.id for i in b.items].index(item_id) + 1


def start(app: AppFactory, lang: str) -> AppTest:
    """A brand-new assessment in ``lang``, on step 1."""
    at = app(lang=lang)
    at.button(key="start").click().run()
    at.text_input(key="firm_name").input("ACME")
    at.button[0].click().run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # mini bank order: A1 A2 A3 (Q1–Q3), then B1 B2 B3 B4 (Q4–Q7); "~" is a no-break space
        ("see B1", "en", "see Q4~·~B1"),
        ("(B4).", "en", "(Q7~·~B4)."),
        ("B2's and A1's", "en", "Q5~·~B2's and Q1~·~A1's"),
        ("见B3。", "zh-Hans", "见第~6~题~·~B3。"),
        ("由A2、A3来问", "zh-Hans", "由第~2~题~·~A2、第~3~题~·~A3来问"),
        ("B1.5, AB1, B12, C1, §1.4", "en", "B1.5, AB1, B12, C1, §1.4"),  # not ids of the bank
    ],
)
def test_references_get_the_number_the_respondent_sees(
    mini_bank: Bank, text: str, lang: str, expected: str
) -> None:
    """Every id of a question of the bank in a note is shown as the labels show it, number
    first, the whole tag kept on one line; anything else is left alone."""
    assert numbered_refs(mini_bank, text, lang) == expected.replace("~", NBSP)


@pytest.mark.parametrize("lang", LANGS)
def test_each_question_shows_its_number_id_and_whom_to_ask(
    app: AppFactory, bundled_bank: Bank, lang: str
) -> None:
    """Step 1's questions are labelled "Q5 · D1.10 · <title> · <question>" (the results'
    tag), and each names the colleague to ask, as the rules box promises."""
    at = start(app, lang)
    captions = [plain(c.value) for c in at.caption]
    for item in bundled_bank.dimensions[0].items:
        label = plain(at.radio(key=f"ans:{item.id}").label)
        tag = TAGS[lang].format(n=number_of(bundled_bank, item.id), id=item.id)
        assert label.startswith(f"{tag} · **{bundled_bank.text(item.title, lang)}** · "), label
        assert item.ask is not None
        assert plain(ASK[lang]) + bundled_bank.text(item.ask, lang) in captions


@pytest.mark.parametrize("lang", LANGS)
def test_references_in_notes_are_numbered(app: AppFactory, bundled_bank: Bank, lang: str) -> None:
    """Where a "How to check" note of step 1 points to another question by id, the note
    shows that question's number beside the id."""
    at = start(app, lang)
    shown = "\n".join(plain(c.value) for c in at.caption)
    ids = {i.id for i in bundled_bank.items}
    found = 0
    for item in bundled_bank.dimensions[0].items:
        note = bundled_bank.text(item.evidence, lang) if item.evidence else ""
        for ref in set(re.findall(r"D\d+\.\d+", note)) & ids:
            tag = TAGS[lang].format(n=number_of(bundled_bank, ref), id=ref)
            assert tag.replace(" ", NBSP) in shown, (item.id, ref)
            found += 1
    assert found >= 2  # D1.3 → D1.10 and D1.10 → D1.3, at least


def test_header_says_when_it_counted(app: AppFactory, bundled_bank: Bank) -> None:
    """A new step 1 says only which step it is; after 3 answers the next step says the
    count was taken when it opened (a question's click reruns only that question, so the
    header could not follow); the bar shows the step (2 of 4 = 50 %), not the answers."""
    at = start(app, "en")
    progress = at.get("progress")[0].proto
    assert progress.text == "Step 1 of 4"
    assert progress.value == 25  # 1 of 4 steps
    for item in bundled_bank.dimensions[0].items[:3]:
        at.radio(key=f"ans:{item.id}").set_value(1).run()
    at.button(key="next").click().run()
    progress = at.get("progress")[0].proto
    total = len(bundled_bank.items)
    assert progress.text == (
        f"Step 2 of 4 · 3 of {total} questions answered when you opened this step"
    )
    assert progress.value == 50


@pytest.mark.parametrize("lang", LANGS)
def test_rules_in_full_on_step_1_folded_after(
    app: AppFactory, bundled_bank: Bank, lang: str
) -> None:
    """The bank's rules are open on step 1 and folded, under a label saying what they
    are, on every later step; either way a sentence to a line."""
    assert bundled_bank.scope is not None
    parts = sentences(bundled_bank.text(bundled_bank.scope, lang))
    assert len(parts) >= 8  # the scope's rules, one to a line
    rules = "\n".join(f"- {s}" for s in parts)
    at = start(app, lang)
    assert [plain(i.value) for i in at.info] == [rules]
    assert RULES[lang] not in [e.label for e in at.expander]
    for step in range(2, len(bundled_bank.dimensions) + 1):
        at.button(key="next").click().run()
        assert at.query_params["step"] == str(step)
        assert rules not in [plain(i.value) for i in at.info]
        folded = next(e for e in at.expander if e.label == RULES[lang])
        assert not (folded.proto.expanded or folded.proto.default_expanded)
        assert [plain(m.value) for m in folded.markdown] == [rules]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One rule. Two rules! 'Three' rules? 4 more.",
            ["One rule.", "Two rules!", "'Three' rules?", "4 more."],
        ),
        (
            "Use e.g. the ERP at 80 % of sites. Then stop.",
            ["Use e.g. the ERP at 80 % of sites.", "Then stop."],
        ),
        ("No full stop at the end", ["No full stop at the end"]),
        (
            "第一条。第二条（含括号）！他说“好。”然后走了。对吗？",
            ["第一条。", "第二条（含括号）！", "他说“好。”然后走了。", "对吗？"],
        ),
        ("規則「甲。」之後。", ["規則「甲。」之後。"]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    """Rules cut a sentence to a line, in every language, without cutting an abbreviation, a
    number or a quotation."""
    assert sentences(text) == expected


def test_sentence_list_escapes_and_keeps_one_sentence_a_line() -> None:
    """Each sentence is escaped Markdown under its own bullet; a single sentence is no list."""
    assert sentence_list("Pick *one*. Then [stop].") == "- Pick \\*one\\*\\.\n- Then \\[stop\\]\\."
    assert sentence_list("Only one.") == "Only one\\."


def test_assess_again_only_once_there_is_a_result(app: AppFactory) -> None:
    """A brand-new assessment offers no "assess again"; its results do."""
    at = begin(app(lang="en"))
    assert "assess_again" not in [b.key for b in at.button]
    at = answer_all(at, lambda item: 2)
    assert at.title[0].value == "Results"
    assert "assess_again" in [b.key for b in at.button]
