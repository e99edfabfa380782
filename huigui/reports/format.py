"""Numbers and short words as a report prints them."""

from __future__ import annotations

import math

from huigui.i18n import t
from huigui.records import Evidence

__all__ = ["confidence_text", "evidence_text", "fmt"]


def fmt(value: float | None, digits: int = 0) -> str:
    """A number with ``digits`` decimals, or "–" when there is none."""
    return (
        "–"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else f"{value:.{digits}f}"
    )


def confidence_text(confidence: str | None, lang: str) -> str:
    """A confidence in words ("Fairly sure"), or "" when none was given."""
    return t(f"q.sure.{confidence}", lang) if confidence else ""


def evidence_text(evidence: Evidence | None, lang: str) -> dict[str, str] | None:
    """The note behind an answer and its confidence in words; None when neither was given."""
    if evidence is None or not (evidence.note or evidence.confidence):
        return None
    return {"note": evidence.note or "", "confidence": confidence_text(evidence.confidence, lang)}
