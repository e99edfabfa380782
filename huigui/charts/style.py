"""One look for every chart, in the app (plotly) and in print (SVG): colours, dashes, fonts
and how an axis label wraps (Chinese in balanced lines of at most six characters)."""

from __future__ import annotations

import math
import textwrap

__all__ = [
    "BAND_FILL",
    "DASHES",
    "FONT",
    "PALETTE",
    "ROLE_COLOURS",
    "has_cjk",
    "role_colour",
    "wrap_label",
]

PALETTE = {
    "you": "#b5473a",
    "target": "#2f6f4f",
    "previous": "#8a8a8a",
    "peers": "#3b5b92",
    "consensus": "#2f6f4f",
    "baseline": "#8a8a8a",
    "muted": "#9e9e9e",
}
#: One colour per role outline, in the order roles are listed.
ROLE_COLOURS = ("#3b5b92", "#2f6f4f", "#8e44ad", "#c27c0e", "#16a085", "#7f8c8d")
BAND_FILL = "rgba(181,71,58,0.13)"
FONT = "Noto Sans CJK SC, Noto Sans CJK TC, PingFang SC, Microsoft YaHei, sans-serif"
#: Line dashes by name, as SVG ``stroke-dasharray`` (plotly knows the same names).
DASHES = {"solid": "", "dash": "6 4", "dot": "2 3", "dashdot": "6 3 2 3"}


def role_colour(index: int) -> str:
    """The outline colour of the ``index``-th role."""
    return ROLE_COLOURS[index % len(ROLE_COLOURS)]


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Chinese characters (which wrap anywhere, not at spaces)."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def wrap_label(text: str, width: int = 14) -> list[str]:
    """An axis label as short lines: Chinese in balanced lines of at most 6 characters,
    other scripts at spaces within ``width`` characters."""
    if has_cjk(text):
        lines = math.ceil(len(text) / 6)
        per = math.ceil(len(text) / lines)
        return [text[k : k + per] for k in range(0, len(text), per)]
    return textwrap.wrap(text, width) or [text]
