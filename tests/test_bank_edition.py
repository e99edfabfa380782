"""The rules of bank edition 2.0, over both bundled banks (the full bank and its pulse).

The length budget; the shape of every item; the trap design, in the data and in what the engine
makes of it (warnings, scores, the next-step planner); sources. The pulse as the full bank's
subset is checked in ``test_pulse_bank.py``, languages and the essay's originality in
``test_bundled_bank.py``. docs/bank-2.0.md gives the reasons.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import pytest
import yaml

from scoring import Bank, Item, assess, check_bank_file, essay_index, load_bank

from .test_bundled_bank import BANK_FILES, LANGS, texts

BUDGET_EN_WORDS = 2500
BUDGET_ZH_CHARS = 4000
#: Wording that would turn `na_when` into an escape hatch for a firm that has not started.
NA_ESCAPE = ("cannot", "can't", "unable", "not able", "无法", "無法", "不能")
#: The traffic-trap items, read off the banks by hand (the full bank's header lists them).
TRAP_ITEMS = {
    "full": ("D1.1", "D2.11", "D3.2", "D4.1"),
    "pulse": ("D1.1", "D2.11", "D3.2"),
}


class Edition(NamedTuple):
    """A bundled bank and what edition 2.0 expects of it."""

    name: str
    bank: Bank
    items_per_dimension: tuple[int, ...]
    min_coverage: float


#: Questions in D1-D4: the full bank retired D3.7 in 2.11 and D1.8 in 2.14, when D4.12 came in;
#: the pulse asks two per dimension.
EXPECTED = {"full": ((5, 5, 5, 7), 0.6), "pulse": ((2, 2, 2, 2), 0.5)}


@pytest.fixture(scope="module", params=list(BANK_FILES))
def edition(request: pytest.FixtureRequest) -> Edition:
    """Each bundled bank in turn, with its expectations."""
    name = request.param
    return Edition(name, load_bank(BANK_FILES[name]), *EXPECTED[name])


def raw_item(name: str, item_id: str) -> dict[str, Any]:
    """An item as the YAML file has it (read without the bank models)."""
    data = yaml.safe_load(BANK_FILES[name].read_text("utf-8"))
    return next(i for d in data["dimensions"] for i in d["items"] if i["id"] == item_id)


# --- length budget -----------------------------------------------------------------------


def budget(bank: Bank) -> tuple[int, int]:
    """English words and zh-Hans characters (whitespace left out) of all prompts and levels."""
    english = chinese = 0
    for item in bank.items:
        for text in [item.prompt, *item.levels]:
            english += len(text["en"].split())
            chinese += len(re.sub(r"\s", "", text["zh-Hans"]))
    return english, chinese


def test_budget_counts_words_and_characters() -> None:
    """Words are split at whitespace; Chinese characters are counted with punctuation, without
    whitespace; only prompts and levels count (not titles, rationales or next steps)."""
    text = {"zh-Hans": "你们 走多远？", "en": "How far do you go?"}  # 6 characters, 5 words
    level = {"zh-Hans": "还没有", "en": "Not yet"}  # 3 characters, 2 words
    bank = Bank.from_data(
        {
            "id": "b",
            "version": "1",
            "languages": ["zh-Hans", "en"],
            "title": text,
            "stages": [{"id": "S1", "min": 0, "name": text}],
            "dimensions": [
                {
                    "id": "D",
                    "name": text,
                    "items": [{"id": "I", "prompt": text, "levels": [level, level], "title": text}],
                }
            ],
        }
    )
    assert budget(bank) == (5 + 2 + 2, 6 + 3 + 3)


def test_length_budget(edition: Edition) -> None:
    """Prompts and levels stay within 2,500 English words and 4,000 zh-Hans characters."""
    english, chinese = budget(edition.bank)
    assert english <= BUDGET_EN_WORDS, f"{edition.name}: {english} English words"
    assert chinese <= BUDGET_ZH_CHARS, f"{edition.name}: {chinese} zh-Hans characters"


# --- shape -------------------------------------------------------------------------------


def test_validator_finds_no_problem(edition: Edition) -> None:
    """`huigui validate` (the loader's checks) passes with no problem."""
    _, problems = check_bank_file(BANK_FILES[edition.name])
    assert problems == []


def test_bank_shape(edition: Edition) -> None:
    """Edition 2.17 in three languages, dimensions D1–D4 with 5, 5, 5 and 7 items (2 each in the
    pulse), stages S1–S5 from 0, scope and description in every language, the edition's
    min_coverage."""
    bank = edition.bank
    assert bank.version == "2.17"
    assert bank.languages == LANGS
    assert [d.id for d in bank.dimensions] == ["D1", "D2", "D3", "D4"]
    assert [s.id for s in bank.stages] == ["S1", "S2", "S3", "S4", "S5"]
    assert bank.stages[0].min == 0
    assert bank.min_coverage == edition.min_coverage
    for text in (bank.scope, bank.description):
        assert text is not None and all(text[lang].strip() for lang in LANGS)
    assert tuple(len(dim.items) for dim in bank.dimensions) == edition.items_per_dimension
    for k, dim in enumerate(bank.dimensions, start=1):
        for item in dim.items:
            assert re.fullmatch(rf"D{k}\.\d+", item.id), item.id


def test_item_fields(edition: Edition) -> None:
    """Every item has a ladder of 5 levels (a trap item one answer more, after them), a next
    step for every answer but the top of the ladder, and a title, evidence, who to ask, sources
    and a rationale, each text in every language."""
    for item in edition.bank.items:
        assert item.top_level == 4, item.id
        assert len(item.levels) == (6 if item.trap_levels else 5), item.id
        assert item.next_step is not None and len(item.next_step) == len(item.levels) - 1
        assert item.source, item.id
        for key in ("title", "evidence", "ask", "rationale"):
            text = getattr(item, key)
            assert text is not None and all(text[lang].strip() for lang in LANGS), (item.id, key)


def test_effort_per_step(edition: Edition) -> None:
    """Effort is a list with one value per step (4 up the ladder, and on a trap item a fifth for
    the way from the trap answer onto it), each 1 (weeks), 2 (months) or 3 (years)."""
    for item in edition.bank.items:
        assert isinstance(item.effort, list), item.id
        assert len(item.effort) == len(item.levels) - 1, item.id
        assert set(item.effort) <= {1, 2, 3}, item.id


def test_titles_and_hints_are_short(edition: Edition) -> None:
    """Titles: at most 10 Chinese characters or 6 English words; who to ask: one line (at most
    25 English words); evidence: a short paragraph (at most 75 English words), long enough to
    carry every rule the Chinese states."""
    for item in edition.bank.items:
        assert item.title is not None and item.evidence is not None and item.ask is not None
        assert len(item.title["zh-Hans"]) <= 10 and len(item.title["zh-Hant"]) <= 10, item.id
        assert len(item.title["en"].split()) <= 6, item.id
        assert len(item.evidence["en"].split()) <= 75, item.id
        assert len(item.ask["en"].split()) <= 25, item.id


def test_na_when_is_a_fact_about_the_firm(edition: Edition) -> None:
    """Where an item says when "not applicable" is right, it says so in every language, as a
    fact about the firm, never as "we cannot" (a firm that has not started answers 0)."""
    items = [item for item in edition.bank.items if item.na_when is not None]
    assert items
    for item in items:
        assert item.na_when is not None
        for lang in LANGS:
            text = item.na_when[lang]
            assert text.strip(), (item.id, lang)
            assert not [w for w in NA_ESCAPE if w in text.lower()], (item.id, lang, text)


def _named(paragraph: str, text: str) -> bool:
    """``text`` names ``paragraph`` (§S.P), alone or inside a range such as §0.3–§0.5."""
    if re.search(re.escape(paragraph) + r"(?!\d)", text):
        return True
    section, number = (int(x) for x in paragraph.lstrip("§").split("."))
    for a, b, c, d in re.findall(r"§(\d+)\.(\d+)\s*[–-]\s*§(\d+)\.(\d+)", text):
        if int(a) == int(c) == section and int(b) <= number <= int(d):
            return True
    return False


def test_sources_belong_to_the_items_section(edition: Edition) -> None:
    """Dimension Dk cites §k first, then §k, the introduction §0 or the conclusion §5; a
    paragraph of another section only after them, where the essay says there what the item rests
    on (D2.5: §4.3 names big data and cloud computing). Every cited paragraph is named in the
    rationale, in every language, which says what it supports."""
    index = essay_index()
    for k, dim in enumerate(edition.bank.dimensions, start=1):
        for item in dim.items:
            assert index.section_of(item.source[0]) == k, item.id
            assert item.rationale is not None
            own = [index.section_of(p) in (0, k, 5) for p in item.source]
            assert own == sorted(own, reverse=True), f"{item.id}: other sections come last"
            for paragraph in item.source:
                assert paragraph in index, f"{item.id}: {paragraph}"
                for lang in LANGS:
                    assert _named(paragraph, item.rationale[lang]), (item.id, paragraph, lang)


@pytest.mark.parametrize(
    ("paragraph", "text", "named"),
    [
        ("§0.4", "§0.3–§0.5 warn", True),
        ("§0.4", "§0.3-§0.5 warn", True),
        ("§0.6", "§0.3–§0.5 warn", False),
        ("§1.1", "§1.14 says", False),
        ("§1.1", "§1.1 says", True),
        ("§1.6", "§1.4 and §1.6", True),
    ],
)
def test_a_paragraph_is_named_alone_or_in_a_range(paragraph: str, text: str, named: bool) -> None:
    """Hand-checked cases of the rule above."""
    assert _named(paragraph, text) is named


# --- trap design in the data -------------------------------------------------------------


def test_trap_levels(edition: Edition) -> None:
    """The trap items are those listed; each marks one answer after its five levels (level 5,
    beside the ladder: level 0, "not yet", is neutral and level 1 a real rung), and no item uses
    format 1.0's `trap` flag."""
    traps = tuple(item.id for item in edition.bank.items if item.trap_levels)
    assert traps == TRAP_ITEMS[edition.name]
    for item in edition.bank.items:
        assert "trap" not in item.model_fields_set, item.id
        assert item.trap_levels in ([], [5]), item.id
        assert all(item.is_side_trap(k) for k in item.trap_levels), item.id


def test_every_question_a_text_names_is_in_the_full_bank(
    edition: Edition, bundled_bank: Bank
) -> None:
    """A respondent reading "see D2.3" finds D2.3: every item id named in any text of either
    bank is a question of the current full bank, so a retired question (D3.9 in 2.7) is never
    pointed to."""
    ids = {item.id for item in bundled_bank.items}
    for where, text in texts(edition.bank):
        for lang in LANGS:
            named = set(re.findall(r"\bD[1-4]\.\d+\b", text[lang]))
            assert named <= ids, (edition.name, where, lang, sorted(named - ids))


def test_no_text_calls_the_trap_a_level(edition: Edition) -> None:
    """Since 2.6 the trap is the answer after the levels: no rationale or evidence of a trap
    item still calls it level 1 (as 2.0-2.5 did), in any language."""
    stale = {"en": ("level 1 scores", "(level 1)"), "zh-Hans": ("第1级与", "（第1级）")}
    stale["zh-Hant"] = ("第1級與", "（第1級）")
    for item in edition.bank.items:
        if not item.trap_levels:
            continue
        for key in ("rationale", "evidence"):
            text = getattr(item, key)
            for lang, phrases in stale.items():
                assert not any(p in text[lang] for p in phrases), (item.id, key, lang)


def test_no_next_step_leads_into_the_trap(edition: Edition) -> None:
    """No step names the trap answer's level as its goal: every next step of a trap item leads
    up its ladder, and the last one from the trap answer onto level 1."""
    for item in edition.bank.items:
        for text in item.next_step or []:
            assert "level 5" not in text["en"] and "第5级" not in text["zh-Hans"], item.id


def test_every_dimension_of_the_full_bank_has_a_trap_item(bundled_bank: Bank) -> None:
    """Each dimension of the full bank probes the traffic trap."""
    for dim in bundled_bank.dimensions:
        assert any(item.trap_levels for item in dim.items), dim.id


# --- trap design in the engine -----------------------------------------------------------


def _not_started(bank: Bank, profile: str) -> dict[str, str]:
    """Answers of a firm that has not started: 0, or 1 (a rung on every item since 2.6)."""
    may_be_1 = [item.id for item in bank.items if 1 not in item.trap_answers]
    chosen = may_be_1 if profile == "1 where safe" else may_be_1[::2] if profile == "mixed" else []
    return {item.id: "1" if item.id in chosen else "0" for item in bank.items}


@pytest.mark.parametrize("profile", ["all 0", "1 where safe", "mixed"])
def test_no_trap_warning_for_a_firm_that_has_not_started(edition: Edition, profile: str) -> None:
    """Every answer 0, or a mix of 0 and 1: no warning."""
    assert assess(edition.bank, _not_started(edition.bank, profile)).traps == ()


def test_traffic_way_is_warned(edition: Edition) -> None:
    """The trap answer (level 5) on the trap items, 0 elsewhere, warns on exactly those items."""
    trap = TRAP_ITEMS[edition.name]
    answers = {item.id: "5" if item.id in trap else "0" for item in edition.bank.items}
    assert assess(edition.bank, answers).traps == trap


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # full: level 1 is a rung on every item, 25 each: every dimension 25 (S2), whatever its
        # number of trap items (2.0-2.5: D1 with two traps read 16.7 against 20.8 elsewhere)
        ("full", dict.fromkeys(("D1", "D2", "D3", "D4"), (25.0, "S2"))),
        ("pulse", dict.fromkeys(("D1", "D2", "D3", "D4"), (25.0, "S2"))),
    ],
)
def test_all_ones_scores_every_dimension_alike(name: str, expected: dict[str, Any]) -> None:
    """Answering 1 everywhere: no warning, 25 on every item and dimension."""
    bank = load_bank(BANK_FILES[name])
    result = assess(bank, {item.id: "1" for item in bank.items})
    assert result.traps == ()
    for dim_id, (score, stage) in expected.items():
        assert result.dimension(dim_id).score == pytest.approx(score), dim_id
        assert result.dimension(dim_id).stage == stage, dim_id


def _alone(bank: Bank, item: Item, level: int) -> dict[str, str]:
    """``item`` at ``level``, the other items of its dimension not applicable: the dimension
    scores that one answer (coverage 1/1), and a raise of ≥ 20 points reaches the next stage."""
    dim = bank.dimension_of(item.id)
    return {i.id: str(level) if i.id == item.id else "na" for i in dim.items}


def test_planner_never_raises_into_a_trap_level(edition: Edition) -> None:
    """From every answer but the top of the ladder, the plan is one raise one rung up (from the
    trap answer: onto level 1), at the effort and with the advice of its entry: entries 0-3 for
    levels 0-3, entry 4 for the trap answer."""
    bank = edition.bank
    for item in bank.items:
        assert not item.reverse and isinstance(item.effort, list) and item.next_step
        dim = bank.dimension_of(item.id)
        for entry, level in enumerate(k for k in range(len(item.levels)) if k != 4):
            plan = assess(bank, _alone(bank, item, level)).plan(dim.id)
            to = 1 if level in item.trap_levels else level + 1
            assert [(r.item_id, r.from_level, r.to_level) for r in plan.raises] == [
                (item.id, level, to)
            ], (item.id, level)
            assert plan.raises[0].effort == item.effort[entry], (item.id, level)
            assert plan.raises[0].next_step == item.next_step[entry], (item.id, level)
            assert to not in item.trap_answers


@pytest.mark.parametrize(
    ("item_id", "level", "to", "gain", "effort"),
    [
        # D4.10, effort [1, 1, 2, 2]: the dimension is this one answer, 25 × level; a step adds 25
        ("D4.10", 0, 1, 25.0, 1),  # 0 (S1), 20 short of S2
        ("D4.10", 1, 2, 25.0, 1),  # 25 (S2), 15 short of S3
        ("D4.10", 2, 3, 25.0, 2),  # 50 (S3), 10 short of S4
        ("D4.10", 3, 4, 25.0, 2),  # 75 (S4), 5 short of S5: one product per half-year
        # D1.1, a trap item, effort [1, 2, 1, 1, 1]: its ladder scores 0/25/50/75/100 and the
        # trap answer (level 5) 0; from the trap the plan goes onto level 1 with entry 4
        ("D1.1", 0, 1, 25.0, 1),
        ("D1.1", 1, 2, 25.0, 2),  # 25 (S2), 15 short of S3: most projects takes months
        ("D1.1", 2, 3, 25.0, 1),  # 50 (S3), 10 short of S4: dates to re-measure
        ("D1.1", 3, 4, 25.0, 1),
        ("D1.1", 5, 1, 25.0, 1),  # out of the trap: effort[4], next_step[4]
    ],
)
def test_raise_uses_the_effort_and_advice_of_its_step(
    bundled_bank: Bank, item_id: str, level: int, to: int, gain: float, effort: int
) -> None:
    """The raise from level k uses effort[k] and next_step[k] (hand-computed on two items)."""
    dimension_id = bundled_bank.dimension_of(item_id).id
    plan = assess(bundled_bank, _alone(bundled_bank, bundled_bank.item(item_id), level)).plan(
        dimension_id
    )
    (step,) = plan.raises
    assert (step.from_level, step.to_level, step.effort) == (level, to, effort)
    assert step.gain == pytest.approx(gain)
    entry = level if level < 4 else level - 1  # one entry per answer but the top (4)
    assert step.next_step == raw_item("full", item_id)["next_step"][entry]


def test_top_level_needs_no_raise(bundled_bank: Bank) -> None:
    """At level 4 (100, S5) there is nothing to plan."""
    assert (
        assess(bundled_bank, _alone(bundled_bank, bundled_bank.item("D4.10"), 4)).plan("D4").raises
        == ()
    )


def test_labels_cover_every_text(edition: Edition) -> None:
    """The texts walked by the language checks include every item field that holds words."""
    labels = {where.split(".")[-1].split("[")[0] for where, _ in texts(edition.bank)}
    assert {"title", "prompt", "evidence", "ask", "na_when", "rationale"} <= labels
    assert {"levels", "next_step", "scope", "description"} <= labels
