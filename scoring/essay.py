"""The essay's paragraph ids and section headings, which every bank item cites.

Only ids and headings are kept (the publisher forbids reprinting the text): section S has
paragraphs ``§S.1 … §S.n``; §0 is the introduction and §5 the conclusion.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["EssayIndex", "essay_index"]


@dataclass(frozen=True)
class EssayIndex:
    """Section headings and paragraph counts of the essay."""

    title: str
    headings: dict[int, str]
    counts: dict[int, int]

    @property
    def paragraph_ids(self) -> list[str]:
        """Every paragraph id in reading order."""
        return [f"§{s}.{p}" for s, n in self.counts.items() for p in range(1, n + 1)]

    def __contains__(self, paragraph_id: object) -> bool:
        return paragraph_id in set(self.paragraph_ids)

    @staticmethod
    def section_of(paragraph_id: str) -> int:
        """The section number of ``§S.P``."""
        return int(paragraph_id.lstrip("§").split(".")[0])


@cache
def essay_index() -> EssayIndex:
    """The bundled index (read once)."""
    path = resources.files("scoring").joinpath("data/essay_index.json")
    raw = json.loads(path.read_text("utf-8"))
    sections = raw["sections"]
    return EssayIndex(
        title=raw["title"],
        headings={s["section"]: s["heading"] for s in sections},
        counts={s["section"]: s["paragraphs"] for s in sections},
    )
