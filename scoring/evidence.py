"""Confidence behind answers: how sure a respondent is of each answer, and where a result
rests mostly on guesses.

A confidence is one of :data:`CONFIDENCES` (or none given). A dimension is *mostly
guessed* when more than half of its answered items are marked ``guess``: its score is
shown, with a note saying so.
"""

from __future__ import annotations

from collections.abc import Mapping

from .bank import Bank

__all__ = ["CONFIDENCES", "check_confidence", "mostly_guessed"]

#: From surest to least sure.
CONFIDENCES = ("sure", "fairly", "guess")


def check_confidence(value: str | None) -> str | None:
    """``value`` when it is a confidence (or None); ``ValueError`` otherwise."""
    if value is not None and value not in CONFIDENCES:
        raise ValueError(f"a confidence is one of {', '.join(CONFIDENCES)}, not {value!r}")
    return value


def mostly_guessed(
    bank: Bank, answers: Mapping[str, str], confidences: Mapping[str, str | None]
) -> list[str]:
    """The ids of the dimensions where more than half of the answered items are guesses."""
    out = []
    for dim in bank.dimensions:
        answered = [i.id for i in dim.items if i.id in answers]
        guesses = sum(1 for i in answered if confidences.get(i) == "guess")
        if answered and guesses * 2 > len(answered):
            out.append(dim.id)
    return out
