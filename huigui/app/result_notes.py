"""What the results page says beside the numbers: the trap badge by the stage, the
questions still open with who in the firm would know, dimensions that rest mostly on
guesses, and each dimension's weakest link on its card and beside its next steps."""

from __future__ import annotations

import streamlit as st

from huigui.i18n import counted, question_label, t
from huigui.records import AssessmentRecord
from scoring import Bank
from scoring.assess import Assessment
from scoring.evidence import mostly_guessed
from scoring.recommend import DimensionPlan

from .session import go_after
from .widgets import md

__all__ = [
    "guessed_dimensions",
    "marks_weakest",
    "open_questions",
    "trap_badge",
    "trap_exits",
    "weakest_link",
    "weakest_link_note",
]


_LINK = ":material/link_off:"  # beside the note on a weakest link the steps leave out


def trap_badge(b: Bank, result: Assessment, lang: str) -> None:
    """A badge beside the stage when answers show the traffic trap."""
    if result.traps:
        st.badge(
            counted("r.trap.badge", lang, len(result.traps)),
            icon=":material/warning:",
            color="orange",
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
    """The questions answered "don't know" or not at all, and who would know each; outside a
    workshop, a button back to the questionnaire at the step of the first of them."""
    open_ids = [i.id for i in b.items if record.answers.get(i.id) in (None, "dk")]
    if not open_ids:
        return
    with st.expander(t("r.open", lang, n=len(open_ids)), icon=":material/help:"):
        st.caption(t("r.open.help", lang))
        for item_id in open_ids:
            item = b.item(item_id)
            who = b.text(item.ask, lang) if item.ask else t("r.open.anyone", lang)
            st.markdown(f"- {md(question_label(b, item_id, lang))} — {md(who)}")
        if record.workshop_id is None:
            step = 1 + b.dimension_index(open_ids[0])  # steps are the dimensions, in order
            st.button(
                t("r.open.answer", lang, step=step),
                key="open_answer",
                icon=":material/edit:",
                on_click=go_after,
                args=("questionnaire",),
                kwargs={"step": str(step)},
            )


def guessed_dimensions(b: Bank, record: AssessmentRecord) -> set[str]:
    """Dimensions where most answered questions were marked as a guess."""
    confidences = {i: e.confidence for i, e in record.evidence.items()}
    return set(mostly_guessed(b, record.answers, confidences))


def weakest_link(result: Assessment, dimension_id: str) -> str | None:
    """The question a dimension's card names as its weakest link (``Assessment.weakest_links``)."""
    links = result.weakest_links(dimension_id)
    return links[0] if links else None


def marks_weakest(result: Assessment, plan: DimensionPlan, k: int) -> bool:
    """Whether the ``k``-th step of ``plan`` is the first that raises a weakest link."""
    links = result.weakest_links(plan.dimension_id)
    item_id = plan.raises[k].item_id
    return item_id in links and all(r.item_id != item_id for r in plan.raises[:k])


def weakest_link_note(b: Bank, result: Assessment, plan: DimensionPlan, lang: str) -> None:
    """Under a dimension's next steps, the weakest link when the steps leave it out — said
    plainly, with the bank's advice for it — so the list does not seem to ignore the card."""
    links = result.weakest_links(plan.dimension_id)
    if not links or plan.next_stage_id is None:
        return
    if any(r.item_id in links for r in plan.raises):
        return
    item_id = links[0]
    more = counted("r.gated_by.more", lang, len(links) - 1) if len(links) > 1 else ""
    label = question_label(b, item_id, lang)
    if item_id in result.traps:  # its way out stands under the trap warning already
        st.info(md(t("r.next.weakest.trap", lang, item=label, more=more)), icon=_LINK)
        return
    level = result.item(item_id).level
    stage = b.text(b.stage(plan.next_stage_id).name, lang)
    text = t("r.next.weakest", lang, item=label, level=level, stage=stage, more=more)
    st.info(md(text), icon=_LINK)
    item = b.item(item_id)
    advice = item.climb_advice(level) if level is not None else None
    if advice:
        st.caption(md(b.text(advice, lang)))
