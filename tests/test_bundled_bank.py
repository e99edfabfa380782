"""The bundled 回歸 bank: shape, languages, traceability to the essay, originality."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest

from scoring import Bank, essay_index

from .conftest import ROOT

ESSAY_DIR = ROOT.parent / "shared" / "essay"
PARAGRAPHS = ESSAY_DIR / "essay.paragraphs.md"
LANGS = ["zh-Hans", "zh-Hant", "en"]
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
]
#: Where the bank deliberately differs from OpenCC s2tw (and why, in the bank's header).
OPENCC_FIXES = {"迴歸": "回歸", "合作伙伴": "合作夥伴"}
needs_essay = pytest.mark.skipif(
    not PARAGRAPHS.exists(), reason="the essay (../shared/essay) is not beside this checkout"
)


def texts(bank: Bank) -> Iterator[tuple[str, dict[str, str]]]:
    """Every language map of the bank, with a label saying where it is."""
    yield "title", bank.title
    if bank.description:
        yield "description", bank.description
    for stage in bank.stages:
        yield f"{stage.id}.name", stage.name
        if stage.description:
            yield f"{stage.id}.description", stage.description
    for dim in bank.dimensions:
        yield f"{dim.id}.name", dim.name
        if dim.description:
            yield f"{dim.id}.description", dim.description
        for item in dim.items:
            yield f"{item.id}.prompt", item.prompt
            yield from ((f"{item.id}.levels[{k}]", t) for k, t in enumerate(item.levels))
            if item.rationale:
                yield f"{item.id}.rationale", item.rationale
            yield from (
                (f"{item.id}.next_step[{k}]", t) for k, t in enumerate(item.next_step or [])
            )


def test_shape(bundled_bank: Bank) -> None:
    """4 dimensions D1–D4, 6–8 items each, 5 levels, 4 next steps, 5 stages."""
    assert [d.id for d in bundled_bank.dimensions] == ["D1", "D2", "D3", "D4"]
    assert bundled_bank.languages == LANGS
    assert len(bundled_bank.stages) == 5
    for dim in bundled_bank.dimensions:
        assert 6 <= len(dim.items) <= 8
        assert dim.description is not None
        for item in dim.items:
            assert len(item.levels) == 5
            assert item.next_step is not None and len(item.next_step) == 4
            assert item.rationale is not None and item.source
            assert item.effort in (1, 2, 3)


def test_every_text_in_every_language(bundled_bank: Bank) -> None:
    """No text is missing or blank in any of the three languages."""
    for where, text in texts(bundled_bank):
        for lang in LANGS:
            assert text.get(lang, "").strip(), f"{where} has no {lang}"


def test_each_dimension_probes_the_traffic_trap(bundled_bank: Bank) -> None:
    """At least one trap item per dimension, citing the introduction's warning or its section."""
    for dim in bundled_bank.dimensions:
        assert any(item.trap for item in dim.items), dim.id


def test_levels_distinct_and_prompts_unique(bundled_bank: Bank) -> None:
    """Level texts of an item differ; no prompt repeats another."""
    prompts: set[str] = set()
    for item in bundled_bank.items:
        for lang in LANGS:
            levels = [level[lang] for level in item.levels]
            assert len(set(levels)) == len(levels), f"{item.id} {lang}"
            assert item.prompt[lang] not in prompts, f"{item.id} {lang} repeats a prompt"
            prompts.add(item.prompt[lang])


def test_sources_exist_and_belong_to_the_items_section(bundled_bank: Bank) -> None:
    """Dimension Dk cites §k, or the introduction §0 and conclusion §5."""
    index = essay_index()
    for k, dim in enumerate(bundled_bank.dimensions, start=1):
        for item in dim.items:
            assert any(index.section_of(p) == k for p in item.source), item.id
            for paragraph in item.source:
                assert paragraph in index, f"{item.id}: {paragraph}"
                assert index.section_of(paragraph) in (0, k, 5), f"{item.id}: {paragraph}"


def test_zh_hant_is_proper_traditional(bundled_bank: Bank) -> None:
    """zh-Hant equals OpenCC s2tw of zh-Hans (but for the listed fixes) and has none of the
    essay copy's conversion errors."""
    convert = opencc.OpenCC("s2tw")
    for where, text in texts(bundled_bank):
        expected = convert.convert(text["zh-Hans"])
        for wrong, right in OPENCC_FIXES.items():
            expected = expected.replace(wrong, right)
        assert text["zh-Hant"] == expected, where
        for error in CONVERSION_ERRORS:
            assert error not in text["zh-Hant"], f"{where}: {error}"


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
def test_no_sentence_of_the_essay_in_the_bank(bundled_bank: Bank) -> None:
    """Apart from the section headings, no run of 12+ Chinese characters is shared."""
    for where, text in texts(bundled_bank):
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
