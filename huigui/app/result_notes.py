"""What the results page says beside the numbers: the trap badge by the stage, the
questions still open with who in the firm would know, and dimensions that rest mostly on
guesses."""

from __future__ import annotations

import streamlit as st

from huigui.i18n import question_label, t
from huigui.records import AssessmentRecord
from scoring import Bank
from scoring.assess import Assessment
from scoring.evidence import mostly_guessed

from .widgets import md

__all__ = ["guessed_dimensions", "open_questions", "trap_badge", "trap_exits"]


def trap_badge(b: Bank, result: Assessment, lang: str) -> None:
    """A badge beside the stage when answers show the traffic trap."""
    if result.traps:
        st.badge(
            t("r.trap.badge", lang, n=len(result.traps)), icon=":material/warning:", color="orange"
        )


def trap_exits(b: Bank, result: Assessment, lang: str) -> None:
    """For each answer in the trap, the bank's way out of it — planned even where the
    dimension already sits at the top stage and no other step is."""
    for item_id in result.traps:
        item, level = b.item(item_id), result.item(item_id).level
        advice = item.step_advice(level) if level is not None else None
        if advice:
            step = b.text(advice, lang)
            st.markdown(f"- **{md(question_label(b, item_id, lang))}** — {md(step)}")


def open_questions(b: Bank, record: AssessmentRecord, result: Assessment, lang: str) -> None:
    """The questions answered "don't know" or not at all, and who would know each."""
    open_ids = [i.id for i in b.items if record.answers.get(i.id) in (None, "dk")]
    if not open_ids:
        return
    with st.expander(t("r.open", lang, n=len(open_ids)), icon=":material/help:"):
        st.caption(t("r.open.help", lang))
        for item_id in open_ids:
            item = b.item(item_id)
            who = b.text(item.ask, lang) if item.ask else t("r.open.anyone", lang)
            st.markdown(f"- {md(question_label(b, item_id, lang))} — {md(who)}")


def guessed_dimensions(b: Bank, record: AssessmentRecord) -> set[str]:
    """Dimensions where most answered questions were marked as a guess."""
    confidences = {i: e.confidence for i, e in record.evidence.items()}
    return set(mostly_guessed(b, record.answers, confidences))
