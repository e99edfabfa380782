"""The results page as UX1 found it wanting: each card says plainly which stage is the
dimension's and which question is its weakest link; the next steps say so when they leave the
weakest link out; the overall "?" explains the score; the answer table shows level and score
first; English counts and Chinese punctuation read right."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from huigui.i18n import counted, question_label, t
from scoring import Bank
from scoring.assess import Assessment, assess

from .conftest import AppFactory, answer_all, begin

# UX1's two managers, Q1…Q22 in bank order ("dk": don't know; their D3.7 answers, asked until
# 2.10, and D1.8 answers, asked until 2.13, are left out; D4.12, asked since 2.14, is 2 for
# Okafor and 1 for 陳經理; 陳經理's D3.10 is 1, so that her D3 still sits one step below S3, and
# Okafor's D1.10 is 1, so that her D1's one step still leaves out every weakest link)
OKAFOR = "1,3,1,1,1 2,3,3,2,2 3,4,1,3,3 2,3,dk,2,2,3,3".replace(" ", ",").split(",")
CHEN = "1,2,1,1,1 2,2,2,1,1 2,1,1,2,1 1,2,1,1,1,1,2".replace(" ", ",").split(",")


def answers_of(bank: Bank, levels: list[str]) -> dict[str, str]:
    return dict(zip([i.id for i in bank.items], levels, strict=True))


def results(app: AppFactory, bank: Bank, levels: list[str], lang: str) -> AppTest:
    answers = answers_of(bank, levels)
    chosen = {k: (v if v == "dk" else int(v)) for k, v in answers.items()}
    return answer_all(begin(app(lang=lang)), lambda item_id: chosen[item_id])


def plain(text: str) -> str:
    return text.replace("\\", "")


def captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.caption]


def test_card_names_its_stage_and_its_weakest_link(app: AppFactory, bundled_bank: Bank) -> None:
    """Ms Okafor's cards: "Stage: <the dimension's stage>", then "Weakest link: <question>,
    answered at level <its level> (taken alone: <the stage of that answer>)" with how many
    more are as low; the "?" beside it explains both; nothing says "held back"."""
    b = bundled_bank
    result = assess(b, answers_of(b, OKAFOR))
    at = results(app, b, OKAFOR, "en")
    shown = "\n".join(plain(m.value) for m in at.markdown) + "\n".join(captions(at))
    assert "held back" not in shown
    lines = [c for c in at.caption if plain(c.value).startswith("Weakest link: ")]
    assert len(lines) == len(b.dimensions)  # every dimension has a lowest answer here
    for d, line in zip(result.dimensions, lines, strict=True):
        assert d.stage is not None and d.gated_item is not None and d.gated_stage is not None
        assert f"Stage: **{b.text(b.stage(d.stage).name, 'en')}**" in shown
        links = result.weakest_links(d.id)
        level = result.item(d.gated_item).level
        expected = (
            f"Weakest link: {question_label(b, d.gated_item, 'en')}, answered at level {level} "
            f"(taken alone: {b.text(b.stage(d.gated_stage).name, 'en')})"
        )
        more = len(links) - 1  # Okafor's D1: Q1, Q3, Q4 and Q5 all at level 1
        if more:
            expected += f"; {more} more question{'s are' if more > 1 else ' is'} as low"
        assert plain(line.value) == expected
        assert "weakest link is the question that scores lowest" in plain(line.proto.help)
    assert len(result.weakest_links("D1")) == 4


def test_all_equal_answers_name_no_weakest_link(app: AppFactory) -> None:
    """Every answer at level 2: no card names a weakest link (none is weaker)."""
    at = answer_all(begin(app(lang="en")), lambda item_id: 2)
    assert not any(c.startswith("Weakest link") for c in captions(at))


def plan_of(result: Assessment, dim_id: str) -> tuple[str, ...]:
    return tuple(r.item_id for r in result.plan(dim_id).raises)


def test_next_steps_say_when_they_leave_the_weakest_link_out(
    app: AppFactory, bundled_bank: Bank
) -> None:
    """Where a dimension's steps leave out every weakest link (Okafor's D1: only Q2 3→4),
    a note under them names it with the bank's advice for it; where a step raises one, that
    step is marked and no note appears. The plans are the core's, unchanged."""
    b = bundled_bank
    result = assess(b, answers_of(b, OKAFOR))
    at = results(app, b, OKAFOR, "en")
    notes = [plain(i.value) for i in at.info if i.value.startswith("Not in this list")]
    left_out = [
        d.id
        for d in b.dimensions
        if result.plan(d.id).next_stage_id is not None
        and not set(plan_of(result, d.id)) & set(result.weakest_links(d.id))
    ]
    assert "D1" in left_out and len(left_out) < len(b.dimensions)  # both cases are exercised
    assert len(notes) == len(left_out)
    for dim_id, note in zip(left_out, notes, strict=True):
        item_id = result.weakest_links(dim_id)[0]
        level = result.item(item_id).level
        assert note.startswith(
            f"Not in this list: the weakest link, {question_label(b, item_id, 'en')}, "
            f"at level {level}"
        )
        advice = b.item(item_id).step_advice(level) if level is not None else None
        assert advice is not None and plain(b.text(advice, "en")) in captions(at)
    marked = [plain(m.value) for m in at.markdown if m.value.endswith(" — the weakest link")]
    # each weakest link a plan raises is marked once, at its first step
    raised = [set(plan_of(result, d.id)) & set(result.weakest_links(d.id)) for d in b.dimensions]
    assert len(marked) == sum(len(r) for r in raised) > 0


@pytest.mark.parametrize(("n", "expected"), [(1, "— 1 step"), (2, "— 2 steps"), (5, "— 5 steps")])
def test_step_counts_read_as_english(n: int, expected: str) -> None:
    """ "1 step", "2 steps" — never "step(s)"."""
    title = counted("r.next.to", "en", n, dim="D", score=20.0, min=40.0, stage="S")
    assert title.endswith(expected)


def test_plan_titles_count_their_steps(app: AppFactory, bundled_bank: Bank) -> None:
    """陳經理's D3 needs one step, the others several: each title counts its own steps."""
    b = bundled_bank
    result = assess(b, answers_of(b, CHEN))
    at = results(app, b, CHEN, "en")
    titles = [plain(e.label) for e in at.expander if " to " in e.label and "step" in e.label]
    counts = [len(p.raises) for p in result.plans if p.next_stage_id is not None]
    assert 1 in counts
    assert [int(re.search(r"— (\d+) steps?$", x).group(1)) for x in titles] == counts  # type: ignore[union-attr]
    assert not any("step(s)" in x for x in titles)
    for x, n in zip(titles, counts, strict=True):
        assert x.endswith("1 step" if n == 1 else f"{n} steps")


def test_overall_help_explains_score_and_stage(app: AppFactory, bundled_bank: Bank) -> None:
    """The "?" beside Overall says what the overall score and its stage are."""
    at = results(app, bundled_bank, OKAFOR, "en")
    overall = at.metric[0]
    assert overall.proto.help == t("r.overall.help", "en", n=len(bundled_bank.dimensions))
    assert "weighted mean of the 4 dimension scores" in overall.proto.help


def test_no_overall_names_every_dimension_that_needs_answers(
    app: AppFactory, bundled_bank: Bank
) -> None:
    """With one question answered, every dimension lacks answers — also those with none at
    all — and each is named; an unscored card names no weakest link."""
    at = begin(app(lang="en"))
    first = bundled_bank.items[0].id
    at.radio(key=f"ans:{first}").set_value(1).run()
    at.switch_page("huigui/app/pages/results.py").run()
    assert not at.exception
    info = next(plain(i.value) for i in at.info if i.value.startswith("No overall score yet"))
    names = [bundled_bank.text(d.name, "en") for d in bundled_bank.dimensions]
    assert info.startswith(f"No overall score yet. More answers are needed in {', '.join(names)}:")
    assert not any(c.startswith("Weakest link") for c in captions(at))


def test_chinese_cards_use_full_width_colons(app: AppFactory, bundled_bank: Bank) -> None:
    """In 繁體中文 the card reads 「覆蓋率：100%」 and 「最弱環節：第 1 題…」: no half-width
    colon, no space before 第 or after 」."""
    at = results(app, bundled_bank, CHEN, "zh-Hant")
    shown = captions(at)
    assert any("覆蓋率：100%" in c and "不清楚：0" in c for c in shown)
    assert not any(re.search(r"[\u4e00-\u9fff]: ", c) for c in shown)
    weakest = [c for c in shown if c.startswith("最弱環節：第 ")]
    assert len(weakest) == len(bundled_bank.dimensions)
    steps = [plain(m.value) for m in at.markdown if "由第" in m.value]
    assert steps and not any("」 由第" in s for s in steps)
    assert not any("受 第" in c for c in shown)


def test_answer_table_shows_level_and_score_first(app: AppFactory, bundled_bank: Bank) -> None:
    """The answer table leads with item, level and score, pinned at the left, so a phone
    shows them without scrolling sideways; every row shows at once."""
    at = results(app, bundled_bank, OKAFOR, "en")
    table = at.dataframe[0]
    assert list(table.value.columns) == [
        "Item",
        "Level",
        "Score",
        "Question",
        "Your answer",
        "Dimension",
    ]
    config = json.loads(table.proto.columns)
    assert all(config[c]["pinned"] for c in ("Item", "Level", "Score"))
    assert not config.get("Question", {}).get("pinned")
    assert sum(config[c]["width"] for c in ("Item", "Level", "Score")) <= 240  # of ~340 px
    row = table.value.iloc[0]
    assert row["Level"] == "1" and row["Score"] == 25.0  # Okafor's Q1 at level 1


@pytest.mark.parametrize(
    ("lang", "fairly"), [("zh-Hant", "大致確定"), ("zh-Hans", "比较确定"), ("en", "Fairly sure")]
)
def test_confidence_choice_in_each_language(lang: str, fairly: str) -> None:
    """Taiwan says 大致確定 where the mainland text keeps its idiomatic 比较确定."""
    assert t("q.sure.fairly", lang) == fairly


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_open_questions_lead_back_to_their_step(
    app: AppFactory, bundled_bank: Bank, lang: str
) -> None:
    """Ms Okafor's one "don't know" (in D4) is listed with who would know it, and a button takes
    her back to the questionnaire at step 4, where that question is, with her answers kept."""
    b = bundled_bank
    (open_id,) = [k for k, v in answers_of(b, OKAFOR).items() if v == "dk"]
    step = 1 + b.dimension_index(open_id)
    assert step == 4
    at = results(app, b, OKAFOR, lang)
    button = at.button(key="open_answer")
    assert button.label == t("r.open.answer", lang, step=step)
    button.click().run()
    assert not at.exception
    assert at.query_params["step"] == str(step)
    assert at.radio(key=f"ans:{open_id}").value == "dk"
    first = b.dimensions[step - 1].items[0].id
    assert at.radio(key=f"ans:{first}").value == int(OKAFOR[len(b.items) - 7])


def test_a_complete_assessment_offers_no_way_back(app: AppFactory, bundled_bank: Bank) -> None:
    """With nothing left open there is no list of open questions and no button back."""
    levels = ["2"] * len(bundled_bank.items)
    at = results(app, bundled_bank, levels, "en")
    assert not [b for b in at.button if b.key == "open_answer"]
