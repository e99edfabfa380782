"""The bundled 回歸 banks (the full bank and its pulse): shape, languages, Taiwan usage, the
essay index, and originality (no essay text in the banks or anywhere in the project).

The rules of the 2.0 edition itself (length budget, trap design, the pulse) are in
``test_bank_edition.py``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest

from scoring import Bank, essay_index, load_bank

from .conftest import ROOT
from .support.taiwan import mainland_terms

ESSAY_DIR = ROOT.parent / "shared" / "essay"
PARAGRAPHS = ESSAY_DIR / "essay.paragraphs.md"
LANGS = ["zh-Hans", "zh-Hant", "en"]
#: The bundled banks: the full bank and its 5-minute pulse.
BANK_FILES = {
    "full": ROOT / "questions" / "industrial-internet.yaml",
    "pulse": ROOT / "questions" / "industrial-internet-pulse.yaml",
}
#: Mechanical simplified→traditional conversion errors seen in the essay copy.
CONVERSION_ERRORS = [
    "盡管",
    "并",
    "么",
    "云計算",
    "云端",
    "里面",
    "系統里",
    "關系",
    "建筑",
    "制造",
    "于",
    "后來",
    "之后",
    "以后",
    "最后",
    "迴歸",
    "沖突",
    "隻",
    "髮",
    "錶",
    "傢",
]
#: The bank's own word choices in zh-Hant where Taiwan writing allows both, or where the word
#: is mainland usage but also turns up inside Taiwan phrases (配合同事, 經營銷售, 推導出), so
#: that it cannot join the shared glossary (tests/support/taiwan.py): wrong → what the bank writes.
BANK_HANT_WORDS = {
    "用戶": "使用者 / 客戶",
    "計劃": "計畫",
    "平臺": "平台",
    "合同": "合約",
    "反饋": "回饋",
    "獲取": "取得",
    "優化": "改善",
    "質檢": "品檢",
    "梳理": "整理",
    "集成": "整合",
    "定製": "客製化",
    "營銷": "行銷",
    "門戶": "入口網站",
    "字段": "欄位",
    "導出": "匯出",
    "操作工": "作業員",
    "投訴": "客訴",
    "班組": "小組",
    "通過": "透過",
    "運行預算": "維運預算",
    "叫停": "喊停 / 中止",
    "搭好": "建置",
    "逐案應付": "逐案處理",
    "名號": "名聲 / 頭銜",
    "審查": "檢討 / 檢視 (審查 is the regulatory register)",
    "伙伴": "夥伴",
    "要麼": "不是…就是…",
}
#: zh-Hans words that read wrongly in a business text: wrong → what the bank writes.
HANS_WORDING = {
    "小伙伴": "小型伙伴 (小伙伴 = 'buddies')",
    "检讨": "回顾 / 复盘 (检讨 first reads as self-criticism)",
    "拉新": "招揽用户 (拉新 is internet-industry slang)",
}
#: Quotation marks that zh-Hant writes as 「」 and 『』.
CURLY_QUOTES = "“”‘’"
#: zh-Hant: 紀錄 is the noun "record", 記錄 only the verb; these contexts make 記錄 a noun.
RECORD_AS_NOUN = re.compile(
    r"(的|有|無|沒有|書面|會議|變更|修改|拜訪|停機|偏差|盤點|試用|追溯|演練|確認|交接|"
    r"一份|同一套|數位|紙本|檢討|審查|評審|回顧|傳輸|介接)記錄"
    r"|記錄(為證|及|、|；|）|中|表|上)"
)
#: 互聯網 only inside the essay's own concept names; the internet in general is 網際網路 / 網路.
ESSAY_TERMS = ("產業互聯網", "消費互聯網")

needs_essay = pytest.mark.skipif(
    not PARAGRAPHS.exists(), reason="the essay (../shared/essay) is not beside this checkout"
)


@pytest.fixture(scope="module", params=list(BANK_FILES))
def bank(request: pytest.FixtureRequest) -> Bank:
    """Each bundled bank in turn."""
    return load_bank(BANK_FILES[request.param])


def texts(bank: Bank) -> Iterator[tuple[str, dict[str, str]]]:
    """Every language map of the bank, with a label saying where it is."""
    yield "title", bank.title
    for key in ("description", "scope"):
        if (text := getattr(bank, key)) is not None:
            yield key, text
    for stage in bank.stages:
        yield f"{stage.id}.name", stage.name
        if stage.description:
            yield f"{stage.id}.description", stage.description
    for dim in bank.dimensions:
        yield f"{dim.id}.name", dim.name
        if dim.description:
            yield f"{dim.id}.description", dim.description
        for item in dim.items:
            for key in ("title", "prompt", "evidence", "ask", "na_when", "rationale"):
                if (text := getattr(item, key)) is not None:
                    yield f"{item.id}.{key}", text
            yield from ((f"{item.id}.levels[{k}]", t) for k, t in enumerate(item.levels))
            yield from (
                (f"{item.id}.next_step[{k}]", t) for k, t in enumerate(item.next_step or [])
            )


def test_shape(bundled_bank: Bank) -> None:
    """4 dimensions D1–D4, 5 stages, a ladder of 5 levels (a trap item one answer more, after
    it), a next step and an effort for every answer but the top of the ladder."""
    assert [d.id for d in bundled_bank.dimensions] == ["D1", "D2", "D3", "D4"]
    assert bundled_bank.languages == LANGS
    assert len(bundled_bank.stages) == 5
    for dim in bundled_bank.dimensions:
        assert 5 <= len(dim.items) <= 8  # D3 has five since 2.11
        assert dim.description is not None
        for item in dim.items:
            assert item.top_level == 4 and len(item.levels) == 5 + len(item.trap_levels)
            assert item.next_step is not None and len(item.next_step) == len(item.levels) - 1
            assert item.rationale is not None and item.source
            assert item.effort is not None, item.id
            efforts = [item.step_effort(k, default=0) for k in range(item.max_level)]
            assert all(e in (1, 2, 3) for e in efforts), item.id


def test_every_text_in_every_language(bank: Bank) -> None:
    """No text is missing or blank in any of the three languages."""
    for where, text in texts(bank):
        for lang in LANGS:
            assert text.get(lang, "").strip(), f"{where} has no {lang}"


def test_each_dimension_probes_the_traffic_trap(bundled_bank: Bank) -> None:
    """At least one item per dimension marks a level as the traffic trap (``trap_levels``)."""
    for dim in bundled_bank.dimensions:
        assert any(item.trap_levels for item in dim.items), dim.id


def test_levels_distinct_and_prompts_unique(bank: Bank) -> None:
    """Level texts of an item differ; no prompt repeats another."""
    prompts: set[str] = set()
    for item in bank.items:
        for lang in LANGS:
            levels = [level[lang] for level in item.levels]
            assert len(set(levels)) == len(levels), f"{item.id} {lang}"
            assert item.prompt[lang] not in prompts, f"{item.id} {lang} repeats a prompt"
            prompts.add(item.prompt[lang])


# --- Taiwan usage ------------------------------------------------------------------------


@functools.cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


def hant_problems(hans: str, hant: str) -> list[str]:
    """What keeps ``hant`` from being Taiwan usage for the zh-Hans text ``hans``."""
    found = [f"mainland term {t}" for t in mainland_terms(hant) if t not in CURLY_QUOTES]
    found += [f"{w} (the bank writes {r})" for w, r in BANK_HANT_WORDS.items() if w in hant]
    found += [f"conversion error {error}" for error in CONVERSION_ERRORS if error in hant]
    found += [f"quote {q} (Taiwan: 「」 『』)" for q in CURLY_QUOTES if q in hant]
    found += [f"{m.group(0)} (the noun is 紀錄)" for m in RECORD_AS_NOUN.finditer(hant)]
    if re.search(r"(?<![A-Za-z])IT(?![A-Za-z])", hant):
        found.append("IT (Taiwan: 資訊 / 資訊部門)")
    if "互聯網" in functools.reduce(lambda text, term: text.replace(term, ""), ESSAY_TERMS, hant):
        found.append("互聯網 outside the essay's terms (Taiwan: 網際網路 / 網路)")
    # Character by character (s2tw), not phrase by phrase: s2twp turns 局部 into 區域性, its
    # software sense, where Taiwan writes 局部 too.
    if hant == hans and _to_traditional().convert(hans) != hans:
        found.append("the untranslated zh-Hans")
    return found


@pytest.mark.parametrize(
    ("hans", "hant", "problems"),
    [
        ("产业互联网的数据", "產業互聯網的資料", 0),
        ("产业互联网的数据", "產業互聯網的數據", 1),  # 數據
        ("“回归”", "“回歸”", 2),  # “ and ”
        ("“回归”", "「回歸」", 0),
        ("盘点记录", "盤點記錄", 1),  # 記錄 as a noun
        ("记录每批", "記錄每批", 0),  # 記錄 as the verb
        ("互联网平台", "互聯網平台", 1),  # the internet in general
        ("消费互联网", "消費互聯網", 0),  # the essay's term
        ("销售渠道", "銷售渠道", 1),  # 渠道 (Taiwan: 通路)
        ("签订合同", "簽訂合同", 1),  # 合同 (the bank writes 合約)
        ("配合同事", "配合同事", 1),  # why 合同 is the bank's rule, not the shared glossary's
        ("由IT部门", "由IT部門", 1),  # IT
        ("数字化", "数字化", 1),  # the untranslated zh-Hans
        ("尚未起步", "尚未起步", 0),  # the same in both scripts
        ("局部成形", "局部成形", 0),  # the same in both scripts (s2twp's 區域性 is software)
    ],
)
def test_taiwan_usage_checks(hans: str, hant: str, problems: int) -> None:
    """Each Taiwan-usage rule catches its case and lets Taiwan wording through."""
    assert len(hant_problems(hans, hant)) == problems, hant_problems(hans, hant)


def test_zh_hant_is_taiwan_usage(bank: Bank) -> None:
    """zh-Hant is written in Taiwan usage: no mainland-only term (the app's glossary) or word
    the bank avoids, 「」 quotes, 紀錄 as the noun, 互聯網 only in the essay's concept names,
    none of the essay copy's conversion errors, and never the untranslated zh-Hans."""
    for where, text in texts(bank):
        assert hant_problems(text["zh-Hans"], text["zh-Hant"]) == [], where


def test_zh_hans_wording(bank: Bank) -> None:
    """zh-Hans avoids words that read wrongly in a business text (检讨, 拉新, 小伙伴)."""
    for where, text in texts(bank):
        found = [f"{w} (use {r})" for w, r in HANS_WORDING.items() if w in text["zh-Hans"]]
        assert found == [], where


# --- the essay ---------------------------------------------------------------------------


@needs_essay
def test_essay_index_matches_the_essay() -> None:
    """The kept paragraph ids and headings are exactly those of essay.paragraphs.md."""
    text = PARAGRAPHS.read_text(encoding="utf-8")
    ids = re.findall(r"^\[(§\d+\.\d+)\]", text, flags=re.MULTILINE)
    index = essay_index()
    assert ids == index.paragraph_ids
    for section in range(1, 5):
        assert f"## §{section} " in text
        heading = index.headings[section]
        assert re.search(rf"^## §{section} .*{re.escape(heading)}", text, flags=re.MULTILINE)


def _han_runs(text: str, converter: opencc.OpenCC) -> str:
    """The text in simplified script with everything but Han characters as separators."""
    return re.sub(r"[^\u4e00-\u9fff]+", "|", converter.convert(text))


RUN = 12


@functools.cache
def essay_runs() -> frozenset[str]:
    """Every run of 12 Han characters in the essay's paragraphs, in simplified script."""
    body = "\n".join(
        line.split("] ", 1)[1]
        for line in PARAGRAPHS.read_text(encoding="utf-8").splitlines()
        if line.startswith("[§")
    )
    runs: set[str] = set()
    for part in _han_runs(body, opencc.OpenCC("t2s")).split("|"):
        runs.update(part[i : i + RUN] for i in range(len(part) - RUN + 1))
    return frozenset(runs)


def shared_runs(text: str) -> list[str]:
    """Runs of 12+ Han characters that ``text`` shares with the essay (headings excepted)."""
    to_simplified = opencc.OpenCC("t2s")
    mine = _han_runs(text, to_simplified)
    for heading in essay_index().headings.values():
        mine = mine.replace(_han_runs(heading, to_simplified), "|")
    runs = essay_runs()
    return [
        part[i : i + RUN]
        for part in mine.split("|")
        for i in range(len(part) - RUN + 1)
        if part[i : i + RUN] in runs
    ]


@needs_essay
def test_no_sentence_of_the_essay_in_the_bank(bank: Bank) -> None:
    """Apart from the section headings, no run of 12+ Chinese characters is shared."""
    for where, text in texts(bank):
        for lang in ("zh-Hans", "zh-Hant"):
            assert not shared_runs(text[lang]), f"{where} {lang}"


@needs_essay
def test_no_essay_text_anywhere_in_the_project() -> None:
    """No tracked or new file of the project carries a sentence of the essay."""
    skip = {
        ".venv",
        ".git",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".hypothesis",
        "node_modules",
        "test-artifacts",
    }
    for path in ROOT.rglob("*"):
        if skip & set(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.suffix in {
            ".py",
            ".yaml",
            ".yml",
            ".json",
            ".md",
            ".txt",
            ".csv",
            ".toml",
            ".html",
        }:
            found = shared_runs(path.read_text(encoding="utf-8", errors="ignore"))
            assert not found, f"{path}: {found[:3]}"


def test_shared_run_detector_catches_a_copied_sentence() -> None:
    """The originality check itself works: a copied sentence (§0.7, in simplified) is found."""
    if not PARAGRAPHS.exists():
        pytest.skip("the essay (../shared/essay) is not beside this checkout")
    copied = opencc.OpenCC("t2s").convert(
        PARAGRAPHS.read_text(encoding="utf-8").split("[§0.7] ", 1)[1][:30]
    )
    assert shared_runs("前言" + copied + "。")


def test_bank_file_is_the_one_scored_by_default() -> None:
    """The CLI's default bank is this file (package data linked to questions/)."""
    from scoring import bundled_bank_path

    assert bundled_bank_path().resolve() == ROOT / "questions" / "industrial-internet.yaml"
    assert Path(bundled_bank_path()).exists()
