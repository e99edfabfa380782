"""Showing text safely: everything a user typed, and every bank text, as literal text."""

from __future__ import annotations

import re

__all__ = ["md"]

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def md(text: object) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it literally.

    No HTML is rendered (Streamlit escapes it unless told otherwise); this also stops
    links, images, emphasis, headings, LaTeX (``$``) and emoji shortcodes (``:x:``).
    """
    escaped = _MARKDOWN.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")
