"""Round 2 on a participant's phone: each item asked again beside the group's anonymous
round-1 answers (only under the small-group rules) and the participant's own round-1
answer; keep or change it, say why in a line, submit once more."""

from __future__ import annotations

import streamlit as st

from huigui.i18n import answer_label, t
from huigui.records import AssessmentRecord, WorkshopRecord
from huigui.store.fields import MAX_REASON
from huigui.workshop import WorkshopSnapshot, snapshot
from scoring import Bank, Item

from .dashboard.common import distribution
from .items import level_label, options_of, question_label
from .resources import store
from .session import action, go_after, language, pending_error
from .widgets import md

__all__ = ["round_two"]


@st.cache_resource(show_spinner=False, max_entries=32)
def _round_one(workshop_id: str, bank_digest: str) -> WorkshopSnapshot:
    """Round 1's figures: frozen once round 2 opens, so computed once per workshop."""
    s = store()
    workshop = s.workshop(workshop_id)
    return snapshot(s.bank(bank_digest), workshop, s.participants(workshop_id), {}, 1)


@action
def _save(assessment_id: str, item_id: str) -> None:
    state = st.session_state
    answer = state.get(f"r2:{item_id}")
    if answer is not None:
        store().save_round_answer(assessment_id, item_id, str(answer), state.get(f"why:{item_id}"))
        state[f"r2saved:{item_id}"] = True


@action
def _submit(assessment_id: str) -> None:
    store().submit_round(assessment_id)
    st.session_state["round_two_done"] = True
    go_after("results")


@st.fragment
def _item(
    b: Bank, item: Item, number: int, record: AssessmentRecord, first: WorkshopSnapshot
) -> None:
    lang = language()
    mine = record.answers.get(item.id)
    current = record.later.get(item.id, mine)
    options = options_of(b, item, current)
    value = None if current is None else (int(current) if current.isdigit() else current)
    with st.container(border=True, key=f"r2item:{item.id}"):
        st.markdown(question_label(b, item, number, lang))
        if first.enough:
            st.caption(t("r2.group", lang, n=first.stats.items[item.id].n))
            distribution(first, item.id, f"r2dist:{item.id}")
        st.caption(t("r2.yours", lang, answer=md(answer_label(b, item.id, mine, lang))))
        st.radio(
            t("r2.now", lang),
            options,
            index=options.index(value) if value in options else None,
            key=f"r2:{item.id}",
            format_func=lambda o: level_label(b, item, lang, o),
            on_change=_save,
            args=(record.id, item.id),
        )
        st.text_input(
            t("r2.why", lang),
            value=record.reasons.get(item.id, ""),
            max_chars=MAX_REASON,
            key=f"why:{item.id}",
            on_change=_save,
            args=(record.id, item.id),
        )
        if message := pending_error():
            st.error(message)
        elif st.session_state.pop(f"r2saved:{item.id}", False):
            st.caption(t("q.saved.one", lang))


def round_two(b: Bank, record: AssessmentRecord, workshop: WorkshopRecord) -> None:
    """The round-2 page for a participant who submitted round 1."""
    lang = language()
    st.header(t("r2.title", lang))
    st.write(t("r2.intro", lang))
    if record.round_submitted_at is not None:
        st.success(t("r2.submitted", lang), icon=":material/check_circle:")
    first = _round_one(workshop.id, b.digest)
    items = [(n, i) for n, i in enumerate(b.items, start=1) if workshop.in_round(i.id)]
    for number, item in items:
        _item(b, item, number, record, first)
    st.button(
        t("r2.submit", lang),
        key="r2_submit",
        type="primary",
        disabled=not workshop.is_open,
        on_click=_submit,
        args=(record.id,),
    )
