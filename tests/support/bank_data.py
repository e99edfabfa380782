"""Bank data for the workbook tests: awkward texts, a bank with every field the format has
(:func:`full_bank_data`), and Hypothesis strategies for valid banks whose optional fields
are left out, null or set at random (:func:`banks`)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from huigui.bankxlsx.layout import text_fields
from scoring import essay_index
from scoring.loader import reserved_reason

__all__ = ["AWKWARD", "banks", "full_bank_data", "items", "write_bank"]

#: Texts a spreadsheet or YAML 1.1 would read as something else, or that a workbook's XML
#: cannot hold as they are.
# fmt: off
AWKWARD = [
    "=SUM(A1:A9)", '=HYPERLINK("http://x")', "+1", "-", "@here", "1.10", "007", "yes", "no",
    "null", "~", "2024-01-01", "TRUE", "1e5", ".inf", "[a, b]", "{a: 1}", "key: value",
    "# not a comment", "'quoted'", '"double"', "&anchor *alias !tag", "  padded  ",
    "line one\nline two", "windows\r\nline", "old mac\rline", "tab\there", "trailing newline\n",
    "\nleading newline", "control \x01\x1f chars", "_x000D_ looks escaped", "__x0041_ twice",
    "non-chars \ufffe\uffff", "\ufeffbyte order mark", "line\u2028separator\x85next",
    "emoji 😀 and 回歸", "x" * 3000,
]
# fmt: on


def full_bank_data() -> dict[str, Any]:
    """Every field the format has, set, explicitly defaulted, null or empty, and every
    awkward text; a stage and a dimension share the id D1, and a dimension is called bank."""
    langs = ["zh-Hans", "zh-Hant", "en", "no"]
    awkward = itertools.cycle(AWKWARD)

    def odd() -> dict[str, str]:
        return {lang: next(awkward) for lang in langs}

    return {
        "id": "2024-01-01",
        "version": "1.10",
        "languages": langs,
        "title": odd(),
        "description": None,
        "scope": odd(),
        "min_coverage": 0.75,
        "stages": [
            {"id": "S1", "min": 0, "name": odd(), "description": odd()},
            {"id": "D1", "min": 50.5, "name": odd(), "description": None},
        ],
        "dimensions": [
            {
                "id": "D1",
                "weight": 2.5,
                "name": odd(),
                "description": odd(),
                "items": [
                    {
                        "id": "1.10",
                        "weight": 1.0,
                        "reverse": False,
                        "trap": True,
                        "trap_levels": [0, 1],
                        "effort": [1, 2, 3],
                        "source": ["§1.2", "§0.3"],
                        "title": odd(),
                        "prompt": odd(),
                        "levels": [odd() for _ in range(4)],
                        "evidence": odd(),
                        "ask": odd(),
                        "na_when": odd(),
                        "rationale": odd(),
                        "next_step": [odd() for _ in range(3)],
                    },
                    {
                        "id": "I2",
                        "reverse": True,
                        "trap": False,
                        "trap_levels": [],
                        "source": [],
                        "effort": [3],
                        "title": None,
                        "prompt": odd(),
                        "levels": [odd(), odd()],
                        "next_step": None,
                    },
                ],
            },
            {
                "id": "bank",
                "name": odd(),
                "items": [
                    {"id": "I3", "effort": None, "prompt": odd(), "levels": [odd(), odd()]},
                    {
                        "id": "I4",
                        "weight": 0.1,
                        "effort": 2,
                        "prompt": odd(),
                        "levels": [odd()] * 3,
                    },
                ],
            },
        ],
    }


def write_bank(folder: Path, data: dict[str, Any], name: str = "full.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


LANGUAGE_TAGS = ["en", "zh-Hans", "zh-Hant", "ja", "no", "yes", "de-CH"]
TEXTS = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12),
    st.tuples(st.sampled_from(AWKWARD), st.text(max_size=5)).map("".join),
).filter(str.strip)
IDS = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,6}\Z").filter(
    lambda s: reserved_reason(s) is None
)
WEIGHTS = st.one_of(st.integers(1, 9), st.floats(1e-9, 1e9, allow_nan=False))


@st.composite
def banks(draw: st.DrawFn) -> dict[str, Any]:
    """Valid bank data in which each optional field is left out, null or set at random."""
    langs = draw(st.lists(st.sampled_from(LANGUAGE_TAGS), min_size=1, max_size=3, unique=True))

    def texts() -> dict[str, str]:
        return {lang: draw(TEXTS) for lang in langs}

    def optional(entry: dict[str, Any], key: str, value: Callable[[], object]) -> None:
        choice = draw(st.sampled_from(["omit", "null", "set"]))
        if choice != "omit":
            entry[key] = None if choice == "null" else value()

    ids = draw(st.lists(IDS, min_size=6, max_size=6, unique_by=str.casefold))
    mins = sorted(draw(st.sets(st.floats(0.5, 99.5), max_size=2)))
    stages: list[dict[str, Any]] = []
    for k, low in enumerate([0.0, *mins]):
        stages.append({"id": ids[k], "min": low, "name": texts()})  # ids shared with others
        optional(stages[-1], "description", texts)
    dims: list[dict[str, Any]] = []
    for d in range(draw(st.integers(1, 2))):
        dim: dict[str, Any] = {"id": ids[d], "name": texts(), "items": []}
        optional(dim, "description", texts)
        if draw(st.booleans()):
            dim["weight"] = draw(WEIGHTS)
        for i in range(draw(st.integers(1, 2))):
            dim["items"].append(draw(items(ids[2 + 2 * d + i], texts)))
        dims.append(dim)
    bank: dict[str, Any] = {"id": ids[0], "version": draw(TEXTS), "languages": langs}
    bank |= {"title": texts(), "stages": stages, "dimensions": dims}
    optional(bank, "description", texts)
    optional(bank, "scope", texts)
    if draw(st.booleans()):
        bank["min_coverage"] = draw(st.floats(0.01, 1.0))
    return bank


@st.composite
def items(draw: st.DrawFn, ident: str, texts: Callable[[], dict[str, str]]) -> dict[str, Any]:
    """One item with 2–4 levels and any of its optional fields."""
    count = draw(st.integers(2, 4))
    item: dict[str, Any] = {
        "id": ident,
        "prompt": texts(),
        "levels": [texts() for _ in range(count)],
    }
    extras: dict[str, Callable[[], object]] = {
        "weight": lambda: draw(WEIGHTS),
        "reverse": lambda: draw(st.booleans()),
        "trap": lambda: draw(st.booleans()),
        "trap_levels": lambda: draw(st.lists(st.integers(0, count - 1), max_size=3)),
        "source": lambda: draw(st.lists(st.sampled_from(essay_index().paragraph_ids), max_size=3)),
        "effort": lambda: draw(
            st.one_of(
                st.integers(1, 3),
                st.lists(st.integers(1, 3), min_size=count - 1, max_size=count - 1),
            )
        ),
        "next_step": lambda: [texts() for _ in range(count - 1)],
    }
    for key in ("title", "evidence", "ask", "na_when", "rationale"):
        extras[key] = texts
    for key, value in extras.items():
        choice = draw(st.sampled_from(["omit", "set", "null"]))
        if choice == "set":
            item[key] = value()
        elif choice == "null" and key in ("next_step", "effort", *text_fields("item")):
            item[key] = None
    return item
