"""What people type, made safe to store and export, with the limits every page enforces.

One rule for every backend: text is normalised (NFC), control characters are removed
(C0 and C1; a line break or tab survives only where the field is multi-line, and the
vertical tab that PowerPoint pastes becomes a line break), surrounding spaces go, and a
text over its limit is refused with a message naming the field. SQLite would store a NUL
that PostgreSQL refuses, and openpyxl refuses a workbook holding one: neither happens.
The database columns hold at least these lengths (a test reads them back from the schema).
"""

from __future__ import annotations

import re
import unicodedata

from scoring.errors import StoreError

__all__ = [
    "MAX_EVIDENCE",
    "MAX_FIRM",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_REASON",
    "MAX_ROLE",
    "MAX_ROLES",
    "clean_text",
]

MAX_FIRM = 200  # a firm's name
MAX_ROLE = 60  # one workshop role, e.g. "Quality manager, plant 2"
MAX_ROLES = 20  # roles per workshop
MAX_NAME = 100  # a participant's optional name
MAX_NOTE = 2000  # a consensus note
MAX_EVIDENCE = 300  # what backs one answer: "the weekly OEE report in MES"
MAX_REASON = 200  # one line on why a round-2 answer changed

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and line feed


def clean_text(value: str | None, limit: int, what: str, *, multiline: bool = False) -> str:
    """``value`` ready to store: normalised, without control characters, stripped.

    Raises:
        StoreError: longer than ``limit`` characters once cleaned.
    """
    text = unicodedata.normalize("NFC", value or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    text = _CONTROL.sub("", text.replace("\t", " "))
    if multiline:
        text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    else:
        text = " ".join(text.split())
    text = text.strip()
    if len(text) > limit:
        raise StoreError(f"{what} is longer than {limit} characters ({len(text)})")
    return text
