"""The question-bank format as frozen pydantic models.

A bank is plain data: dimensions of items, each item with 2–10 behaviourally anchored
levels, and named maturity stages over the 0–100 score. Every human-readable text is a
language map (``{"zh-Hans": …, "zh-Hant": …, "en": …}``) that must hold every language
the bank declares; the declared languages arrive through the validation context, so the
error points at the very map that lacks one.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cached_property
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from .layout import Layout

__all__ = [
    "MAX_ITEMS_PER_DIMENSION",
    "METADATA_COLUMNS",
    "RESERVED_NAMES",
    "RESULT_FIELDS",
    "Bank",
    "Dimension",
    "Item",
    "LangText",
    "Stage",
]

#: Columns of a responses table that are not answers and pass through scoring untouched.
METADATA_COLUMNS = ("role", "group", "firm")
#: Names the responses and results files use for their own columns and JSON keys; no item
#: or dimension may be called so (compared case-insensitively).
RESERVED_NAMES = frozenset(
    {"respondent", "item", "answer", "round", "overall", "dimensions", "items", *METADATA_COLUMNS}
)
#: Per-dimension result fields: ``<dimension>.<field>`` columns of a results file.
RESULT_FIELDS = frozenset(
    {
        "score",
        "stage",
        "gated_stage",
        "gated_item",
        "coverage",
        "answered",
        "na",
        "dk",
        "blank",
        "flag",
        "target",
    }
)
#: The engine packs per-dimension counts into 12 bits each.
MAX_ITEMS_PER_DIMENSION = 4095

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _check_languages(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    """Require a non-blank text for every declared language and nothing else."""
    declared = (info.context or {}).get("languages")
    if not declared:
        return value
    missing = [lang for lang in declared if lang not in value]
    if missing:
        raise PydanticCustomError(
            "missing_language",
            "missing text for language {langs}",
            {"langs": ", ".join(repr(m) for m in missing)},
        )
    blank = [lang for lang in declared if not value[lang].strip()]
    if blank:
        raise PydanticCustomError(
            "empty_text",
            "empty text for language {langs}",
            {"langs": ", ".join(repr(b) for b in blank)},
        )
    unknown = [lang for lang in value if lang not in declared]
    if unknown:
        raise PydanticCustomError(
            "unknown_language",
            "text for undeclared language {langs} (the bank declares {declared})",
            {"langs": ", ".join(repr(u) for u in unknown), "declared": ", ".join(declared)},
        )
    return value


LangText = Annotated[
    dict[str, str],
    AfterValidator(_check_languages),
    Field(description="A text in every language the bank declares, e.g. {en: ..., zh-Hans: ...}"),
]
Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=64),
    Field(description="Letters, digits, '.', '_' or '-'; starts with a letter or digit"),
]
ParagraphId = Annotated[
    str,
    StringConstraints(pattern=r"^§\d+\.\d+$"),
    Field(description="An essay paragraph id such as §1.4"),
]
Weight = Annotated[float, Field(gt=0, allow_inf_nan=False, description="Relative weight, > 0")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, validate_default=False)


class Stage(_Model):
    """A named maturity stage reached by every score at or above ``min``."""

    id: Identifier
    min: Annotated[float, Field(ge=0, lt=100, allow_inf_nan=False)]
    name: LangText
    description: LangText | None = None


Effort = Annotated[int, Field(ge=1, le=3)]


class Item(_Model):
    """One question: a prompt and its ordered level descriptions (answer = level index)."""

    id: Identifier
    weight: Weight = 1.0
    reverse: bool = False
    title: LangText | None = Field(
        default=None, description="A short title (a few words) naming the practice asked about"
    )
    prompt: LangText
    levels: Annotated[list[LangText], Field(min_length=2, max_length=10)]
    evidence: LangText | None = Field(
        default=None, description="What to look at or show to confirm the level chosen"
    )
    ask: LangText | None = Field(
        default=None, description="Who in the firm would know the answer (e.g. plant manager)"
    )
    na_when: LangText | None = Field(
        default=None, description="When 'not applicable' is the right answer"
    )
    source: list[ParagraphId] = Field(default_factory=list)
    rationale: LangText | None = None
    next_step: list[LangText] | None = Field(
        default=None, description="len(levels) - 1 texts: what a firm at level k does to reach k+1"
    )
    trap: bool = Field(
        default=False,
        description="Bank format 1.0: the lower half of the levels is the trap; prefer trap_levels",
    )
    trap_levels: list[Annotated[int, Field(ge=0)]] = Field(
        default_factory=list, description="Levels whose answer shows the traffic trap"
    )
    effort: Effort | list[Effort] | None = Field(
        default=None,
        description="Effort to climb one level (1 weeks, 2 months, 3 years): one "
        "value, or one per step (len(levels) - 1 values)",
    )

    @property
    def max_level(self) -> int:
        """The highest answer index, ``len(levels) - 1``."""
        return len(self.levels) - 1

    @property
    def is_trap(self) -> bool:
        """Whether some answer to this item shows the traffic trap."""
        return bool(self.trap_levels) or self.trap

    @property
    def trap_answers(self) -> frozenset[int]:
        """The levels that show the trap (format 1.0 ``trap``: the lower-scoring half)."""
        if self.trap_levels:
            return frozenset(self.trap_levels)
        if not self.trap:
            return frozenset()
        half = self.max_level / 2
        return frozenset(
            k for k in range(len(self.levels)) if (self.max_level - k if self.reverse else k) < half
        )

    @property
    def top_level(self) -> int:
        """The top of the item's ladder: its highest level that is not a trap level.

        Trap levels listed after every other level are answers beside the ladder, not rungs of
        it: the ladder is the levels below them, level ``a`` of it scores 100·a/top, and a trap
        answer scores 0. Where no trap level comes last (every item before bank edition 2.6,
        and any item without trap levels) the top is the last level, and the score is
        100·a/(L−1) as always. A reverse item's ladder is all its levels."""
        if self.reverse or not self.trap_levels:
            return self.max_level
        top = max((k for k in range(len(self.levels)) if k not in self.trap_levels), default=0)
        return top if top > 0 else self.max_level  # a ladder needs two rungs

    def is_side_trap(self, level: int) -> bool:
        """Whether ``level`` is a trap answer beside the ladder (a trap level after its top)."""
        return level > self.top_level and level in self.trap_levels

    def step_target(self, level: int) -> int | None:
        """The level the step up from ``level`` leads to: the nearest level that scores higher
        and is not a trap level, if any; from a trap answer beside the ladder, the ladder's first
        level above "not yet"."""
        direction = -1 if self.reverse else 1
        to = 1 if self.is_side_trap(level) else level + direction
        while 0 <= to <= self.top_level and to in self.trap_levels:
            to += direction
        return to if 0 <= to <= self.top_level else None

    def step_index(self, level: int) -> int:
        """Where the step up from ``level`` sits in ``next_step`` and ``effort``: one entry per
        level but the top of the ladder, in level order (so a trap answer beside the ladder
        has the last entry: the way from it onto the ladder)."""
        return level if level < self.top_level else level - 1

    def step_effort(self, level: int, default: int) -> int:
        """The effort of climbing from ``level`` to the next level up."""
        if self.effort is None:
            return default
        if isinstance(self.effort, int):
            return self.effort
        return self.effort[min(self.step_index(level), len(self.effort) - 1)]

    def step_advice(self, level: int) -> LangText | None:
        """The advice for a respondent at ``level``: ``next_step`` at its step index."""
        if not self.next_step or level == self.top_level:
            return None
        index = self.step_index(level)
        return self.next_step[index] if 0 <= index < len(self.next_step) else None

    def climb_advice(self, level: int) -> LangText | None:
        """The advice offered with a raise from ``level``: :meth:`step_advice`, except on a
        reverse item, whose ``next_step`` is written for the other direction."""
        return None if self.reverse else self.step_advice(level)


class Dimension(_Model):
    """A weighted group of items scored together."""

    id: Identifier
    weight: Weight = 1.0
    name: LangText
    description: LangText | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class Bank(_Model):
    """A whole question bank; build it with :func:`scoring.load_bank` or ``Bank.from_data``."""

    id: Identifier
    version: Annotated[str, StringConstraints(min_length=1)]
    languages: Annotated[
        list[Annotated[str, StringConstraints(pattern=_LANGUAGE_TAG.pattern)]], Field(min_length=1)
    ]
    title: LangText
    description: LangText | None = None
    scope: LangText | None = Field(
        default=None,
        description="What is assessed over which period, said once at the start "
        "(e.g. the business unit you run, over the last 12 months)",
    )
    min_coverage: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] = 0.6
    stages: Annotated[list[Stage], Field(min_length=1)]
    dimensions: Annotated[list[Dimension], Field(min_length=1)]

    @classmethod
    def from_data(cls, data: Any) -> Bank:
        """Validate already-parsed data (raises pydantic's ``ValidationError``)."""
        return cls.model_validate(data, context={"languages": declared_languages(data)})

    @property
    def default_language(self) -> str:
        """The first declared language."""
        return self.languages[0]

    @property
    def items(self) -> list[Item]:
        """All items in bank order."""
        return [item for dim in self.dimensions for item in dim.items]

    def item(self, item_id: str) -> Item:
        """The item with this id (``KeyError`` when absent)."""
        item: Item = self.layout.items_by_id[item_id]
        return item

    @cached_property
    def states_na_when(self) -> bool:
        """Whether any item says when "not applicable" is right (``na_when``)."""
        return any(item.na_when for item in self.items)

    def offers_not_applicable(self, item_id: str) -> bool:
        """Whether "not applicable" is an answer to offer for this item: where the item says
        when it is right, or on every item of a bank that never says (banks written before
        ``na_when``). Elsewhere it would drop from the score a question every firm can answer,
        a trap item included. (Answers collected elsewhere may still say "na" anywhere.)"""
        return bool(self.item(item_id).na_when) or not self.states_na_when

    def dimension_index(self, item_id: str) -> int:
        """The position (0-based) of the dimension holding this item."""
        return int(self.layout.dim_of_item[self.layout.item_index[item_id]])

    def dimension_of(self, item_id: str) -> Dimension:
        """The dimension holding this item."""
        return self.dimensions[self.dimension_index(item_id)]

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id (``KeyError`` when absent)."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def text(self, text: dict[str, str] | None, lang: str) -> str:
        """``text`` in ``lang``, else in the default language, else empty."""
        if not text:
            return ""
        return text.get(lang) or text.get(self.default_language, "")

    @cached_property
    def content(self) -> str:
        """The bank as its author gave it (what was set, not the defaults filled in), as
        canonical JSON: what a store keeps of a version, read back by :meth:`from_content`."""
        data = self.model_dump(mode="json", exclude_unset=True)
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @cached_property
    def digest(self) -> str:
        """The version's identity: SHA-256 of :attr:`content`, so formatting and comments do
        not make a new version, and a field added to the format later does not change an
        old bank's digest."""
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()

    @classmethod
    def from_content(cls, content: str) -> Bank:
        """The bank kept as :attr:`content` (raises ``ValueError`` when it no longer is one)."""
        return cls.from_data(json.loads(content))

    @cached_property
    def layout(self) -> Layout:
        """Flat arrays the engine computes with (built once per bank)."""
        return Layout(self)


def declared_languages(data: Any) -> list[str] | None:
    """The bank's ``languages`` list when it is well formed, else ``None``."""
    langs = data.get("languages") if isinstance(data, dict) else None
    if isinstance(langs, list) and langs and all(isinstance(x, str) for x in langs):
        return list(dict.fromkeys(langs))
    return None
