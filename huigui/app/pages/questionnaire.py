"""Questionnaire: one step per dimension; every click is saved at once."""

from __future__ import annotations

import streamlit as st

from huigui.app.items import item_box
from huigui.app.links import links_panel
from huigui.app.resources import bank_of, store
from huigui.app.round2 import round_two
from huigui.app.session import action, go_after, language
from huigui.app.widgets import md, required_assessment, sentence_list, warm_up_results
from huigui.i18n import progress_text, t
from huigui.records import AssessmentRecord
from scoring import Bank
from scoring.assess import assess


def _step(b: Bank, record: AssessmentRecord) -> int:
    """The step in ``?step=`` (1 … number of dimensions); without one, the first step with
    an unanswered question (where the person stopped); anything else opens step 1."""
    steps = len(b.dimensions)
    raw = st.query_params.get("step")
    if raw is None:  # opened by a link: where the person stopped, kept in the URL from now on
        step = _where_stopped(b, record)
        st.query_params["step"] = str(step)
        return step
    if raw.isascii() and raw.isdecimal() and len(raw) <= 3 and 1 <= int(raw) <= steps:
        return int(raw)
    st.warning(t("q.bad_step", language(), steps=steps))
    return 1


def _where_stopped(b: Bank, record: AssessmentRecord) -> int:
    for k, dim in enumerate(b.dimensions, start=1):
        if any(item.id not in record.answers for item in dim.items):
            return k
    return 1


def _in_round_two(b: Bank, record: AssessmentRecord, lang: str) -> bool:
    """Once round 2 is open a participant answers it here (round 1 is kept as it was);
    whether this page is round 2."""
    if record.workshop_id is None:
        return False
    workshop = store().workshop(record.workshop_id)
    if workshop.round < 2:
        return False
    if record.submitted_at is None:
        st.warning(t("j.round_closed", lang))
    else:
        round_two(b, record, workshop)
    return True


def _workshop_state(record: AssessmentRecord, lang: str) -> bool:
    """Show the workshop banner; whether answers may still change."""
    if record.workshop_id is None:
        return True
    workshop = store().workshop(record.workshop_id)
    st.caption(md(t("q.workshop_banner", lang, firm=workshop.firm_name, code=workshop.code)))
    if not workshop.is_open:
        st.warning(t("j.closed", lang))
    elif record.submitted_at is not None and workshop.round == 1:
        st.success(t("q.submitted", lang))
    return workshop.is_open


@action
def _finish(assessment_id: str) -> None:
    """Score the saved answers; a workshop participant submits them (once, however often)."""
    fresh = store().get(assessment_id)
    summary = assess(bank_of(fresh), fresh.answers).summary()
    if fresh.workshop_id is not None:
        store().submit(assessment_id, fresh.answers, summary)
    else:
        store().complete(assessment_id, summary)
    go_after("results")


def _to_step(step: int) -> None:
    """Go to another step as a page switch, so that it opens at its top (a rerun would keep
    the scroll position of the long step before, and people would skip questions)."""
    go_after("questionnaire", step=str(step))


def _buttons(b: Bank, record: AssessmentRecord, step: int, is_open: bool, lang: str) -> None:
    back, forward = st.columns(2)
    if step > 1:
        back.button(
            t("q.back", lang),
            key="back",
            icon=":material/arrow_back:",
            on_click=_to_step,
            args=(step - 1,),
        )
    if step < len(b.dimensions):
        forward.button(
            t("q.next", lang),
            key="next",
            type="primary",
            icon=":material/arrow_forward:",
            on_click=_to_step,
            args=(step + 1,),
        )
        return
    label = "q.submit" if record.workshop_id is not None else "q.finish"
    forward.button(
        t(label, lang),
        key="finish",
        type="primary",
        disabled=not is_open,
        on_click=_finish,
        args=(record.id,),
    )


def _progress(b: Bank, record: AssessmentRecord, step: int, lang: str) -> int:
    """The step, and how many questions were answered when it opened; that count.

    A click reruns its question alone, so nothing up here can follow the answers: the bar
    shows the step (never stale), the count says when it was taken, and each question's
    "Saved" line gives the live count."""
    answered = sum(1 for i in b.items if i.id in record.answers)
    # what each question's "Saved" line counts from, as its answers come in
    st.session_state["answered_ids"] = {i.id for i in b.items if i.id in record.answers}
    st.progress(step / len(b.dimensions), text=progress_text(b, step, answered, lang))
    return answered


def _rules(b: Bank, step: int, lang: str) -> None:
    """The bank's rules for every answer, a sentence to a line: in full on step 1, folded on
    the steps after."""
    if not b.scope:
        return
    rules = sentence_list(b.text(b.scope, lang))
    if step == 1:
        st.info(rules, icon=":material/info:")
        return
    with st.expander(t("q.rules", lang), icon=":material/info:", key="rules"):
        st.markdown(rules)


def _dimension(b: Bank, record: AssessmentRecord, step: int, is_open: bool, lang: str) -> None:
    dim = b.dimensions[step - 1]
    st.header(f"{dim.id} · {md(b.text(dim.name, lang))}")
    st.caption(md(b.text(dim.description, lang)))
    _rules(b, step, lang)
    first = sum(len(d.items) for d in b.dimensions[: step - 1])
    for k, item in enumerate(dim.items, start=first + 1):
        item_box(b, item, k, record, disabled=not is_open)
    st.caption(t("q.saved", lang))


def render() -> None:
    """Draw the current step of the questionnaire."""
    lang = language()
    st.title(t("nav.questionnaire", lang))
    record = required_assessment()
    if record is None:
        return
    b, is_open = bank_of(record), _workshop_state(record, lang)
    if _in_round_two(b, record, lang):
        return
    step = _step(b, record)
    links_panel(record, expanded=_progress(b, record, step, lang) == 0)
    _dimension(b, record, step, is_open, lang)
    _buttons(b, record, step, is_open, lang)
    if step == len(b.dimensions) and record.workshop_id is None:
        warm_up_results()


render()
